import Foundation
import PartnerGraph

/// A graph file format, and the registry of them all (``all``): its name,
/// its file name extensions, whether it can be read and written, and how.
///
/// Everything that picks a format by name or extension asks the registry:
/// ``detect(path:)``, ``GraphFile``'s load, parse, text and save, and the
/// command line's `--format` values and messages. Adding a format is one
/// entry: a `static let` here, listed in ``all``.
///
/// ```swift
/// let format = try GraphFormat.detect(path: "out/graph.graphml")   // .graphml
/// GraphFormat.all.map(\.name)     // ["yaml", "json", "csv", "graphml", "gexf"]
/// GraphFormat(name: "gexf")?.extensions   // ["gexf"]
/// ```
public struct GraphFormat: Hashable, Sendable, CustomStringConvertible {
    /// The name `--format` takes: `yaml`, `json`, `csv`, `graphml`, `gexf`.
    public let name: String
    /// The file name extensions that pick the format, lowercase, without the
    /// dot; the first is the one to write.
    public let extensions: [String]
    /// What the format is when it is not a single file, as a phrase for
    /// messages ("a directory holding partners.csv and ties.csv"); `nil` for
    /// a single file. A directory, a path ending in `/` and a path without
    /// an extension are in this format.
    public let directoryDescription: String?

    /// Reads the format from a path, appending the reader's warnings.
    let load: (@Sendable (_ path: String, _ warnings: inout [Diagnostic]) throws(GraphFileError) -> PartnerNetwork)?
    /// Reads the format from text in memory (`path` is named in diagnostics); `nil` when it is not one text.
    let parse: (@Sendable (_ text: String, _ path: String) throws(GraphFileError) -> PartnerNetwork)?
    /// The text of a network; `nil` when it is not one text.
    let text: (@Sendable (_ network: PartnerNetwork) throws(GraphFileError) -> String)?
    /// Writes a network to a path, atomically; `nil` when the format cannot be written.
    let save: (@Sendable (_ network: PartnerNetwork, _ path: String) throws(GraphFileError) -> Void)?
    /// What the format cannot hold of a network, one phrase each.
    let losses: @Sendable (_ network: PartnerNetwork) -> [String]

    /// Whether networks can be read from the format.
    public var canRead: Bool { load != nil }
    /// Whether networks can be written in the format.
    public var canWrite: Bool { save != nil }
    /// Whether the format is one text (so it can be parsed from memory and
    /// written to standard output), not a directory of files.
    public var isSingleText: Bool { text != nil }
    /// Whether the format is a directory of files (see ``directoryDescription``).
    public var isDirectory: Bool { directoryDescription != nil }

    /// The name.
    public var description: String { name }

    /// What the format cannot hold of `network`, one phrase each (empty when
    /// writing it is lossless).
    public func limitations(of network: PartnerNetwork) -> [String] { losses(network) }

    public static func == (a: GraphFormat, b: GraphFormat) -> Bool { a.name == b.name }
    public func hash(into hasher: inout Hasher) { hasher.combine(name) }

    // MARK: - The registry

    /// Every graph file format, in the order messages list them.
    public static let all: [GraphFormat] = [.yaml, .json, .csv, .graphml, .gexf]

    /// YAML (`.yaml`, `.yml`), the hand-edited primary format.
    public static let yaml = GraphFormat(
        name: "yaml", extensions: ["yaml", "yml"], directoryDescription: nil,
        load: Document.loadYAML, parse: Document.parseYAML, text: Document.yaml, save: nil, losses: { _ in [] })

    /// JSON (`.json`), the same schema as YAML.
    public static let json = GraphFormat(
        name: "json", extensions: ["json"], directoryDescription: nil,
        load: Document.loadJSON, parse: Document.parseJSON, text: Document.json, save: nil, losses: { _ in [] })

    /// A directory (or a `partners.csv` / `ties.csv` path) holding `partners.csv` and `ties.csv`,
    /// and `graph.yaml` for the title, focal partner, settings and graph attributes.
    public static let csv = GraphFormat(
        name: "csv", extensions: ["csv"], directoryDescription: "a directory holding partners.csv and ties.csv",
        load: CSVPair.load, parse: nil, text: nil, save: CSVPair.save, losses: CSVPairWriter.limitations(of:))

    /// GraphML (`.graphml`), read and written (see ``GraphML``).
    public static let graphml = GraphFormat(
        name: "graphml", extensions: ["graphml"], directoryDescription: nil,
        load: XMLFormat.loadGraphML, parse: XMLFormat.parseGraphML, text: XMLFormat.graphML, save: nil,
        losses: GraphML.limitations(of:))

    /// GEXF 1.3 (`.gexf`), read and written with dynamic spells (see ``GEXF``).
    public static let gexf = GraphFormat(
        name: "gexf", extensions: ["gexf"], directoryDescription: nil,
        load: XMLFormat.loadGEXF, parse: XMLFormat.parseGEXF, text: XMLFormat.gexf, save: nil,
        losses: GEXF.limitations(of:))

    /// An entry; a single-text format without its own `save` is saved by
    /// writing its text atomically.
    private init(name: String, extensions: [String], directoryDescription: String?,
                 load: (@Sendable (String, inout [Diagnostic]) throws(GraphFileError) -> PartnerNetwork)?,
                 parse: (@Sendable (String, String) throws(GraphFileError) -> PartnerNetwork)?,
                 text: (@Sendable (PartnerNetwork) throws(GraphFileError) -> String)?,
                 save: (@Sendable (PartnerNetwork, String) throws(GraphFileError) -> Void)?,
                 losses: @escaping @Sendable (PartnerNetwork) -> [String]) {
        self.name = name
        self.extensions = extensions
        self.directoryDescription = directoryDescription
        self.load = load
        self.parse = parse
        self.text = text
        if let save {
            self.save = save
        } else if let text {
            self.save = { (network: PartnerNetwork, path: String) throws(GraphFileError) in
                try AtomicFile.write(Array(text(network).utf8), to: path)
            }
        } else {
            self.save = nil
        }
        self.losses = losses
    }

    // MARK: - Look-up

    /// The format named `name` (`--format`'s value), if any.
    public init?(name: String) {
        guard let format = Self.all.first(where: { $0.name == name }) else { return nil }
        self = format
    }

    /// The format a file name extension (without the dot, any case) picks, if any.
    public static func format(forExtension ext: String) -> GraphFormat? {
        let ext = ext.lowercased()
        return all.first { $0.extensions.contains(ext) }
    }

    /// The format of a directory, a path ending in `/` and a path without an extension.
    public static let directoryFormat: GraphFormat = all.first(where: \.isDirectory)!

    /// The format for `path`: the directory format (``csv``) for an existing
    /// directory, a path ending in `/` or one without an extension, else by
    /// extension.
    /// - Throws: ``GraphFileError`` naming the known extensions.
    public static func detect(path: String) throws(GraphFileError) -> GraphFormat {
        // A directory is a CSV pair whatever its name (`mktemp -d` makes `tmp.Mk04EtLVES`).
        var isDirectory: ObjCBool = false
        if path.hasSuffix("/") || (FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue) {
            return directoryFormat
        }
        let ext = (path as NSString).pathExtension.lowercased()
        if ext.isEmpty { return directoryFormat }
        if let format = format(forExtension: ext) { return format }
        throw GraphFileError(path: path, message: "unknown graph file extension '.\(ext)'",
                             hint: "use \(extensionList(of: all)), or \(directoryFormat.directoryDescription!)")
    }

    /// `.yaml, .yml, .json, .graphml, .gexf`: the extensions of the
    /// single-file formats among `formats` (every one, or only the first of
    /// each with `primaryOnly`), for messages.
    public static func extensionList(of formats: [GraphFormat], primaryOnly: Bool = false) -> String {
        formats.filter { !$0.isDirectory }
            .flatMap { primaryOnly ? Array($0.extensions.prefix(1)) : $0.extensions }
            .map { "." + $0 }
            .joined(separator: ", ")
    }
}

// MARK: - The formats' read and write functions

/// YAML and JSON, one schema, read by ``DocumentReader`` and written from ``DocumentTree``.
private enum Document {
    static func loadYAML(path: String, warnings: inout [Diagnostic]) throws(GraphFileError) -> PartnerNetwork {
        try parse(TextInput.decode(TextInput.bytes(atPath: path), path: path), path: path, isJSON: false)
    }

    static func loadJSON(path: String, warnings: inout [Diagnostic]) throws(GraphFileError) -> PartnerNetwork {
        try parse(TextInput.decode(TextInput.bytes(atPath: path), path: path), path: path, isJSON: true)
    }

    static func parseYAML(_ text: String, path: String) throws(GraphFileError) -> PartnerNetwork {
        try parse(TextInput.decode(Array(text.utf8), path: path), path: path, isJSON: false)
    }

    static func parseJSON(_ text: String, path: String) throws(GraphFileError) -> PartnerNetwork {
        try parse(TextInput.decode(Array(text.utf8), path: path), path: path, isJSON: true)
    }

    private static func parse(_ checked: String, path: String, isJSON: Bool) throws(GraphFileError) -> PartnerNetwork {
        var reader = DocumentReader(path: path, isJSON: isJSON)
        return try reader.read(checked)
    }

    static func yaml(_ network: PartnerNetwork) throws(GraphFileError) -> String {
        do { return try DocumentTree.encode(network).yaml() } catch {
            throw GraphFileError(path: "<yaml>", message: "cannot write YAML: \(error)")
        }
    }

    static func json(_ network: PartnerNetwork) throws(GraphFileError) -> String {
        DocumentTree.encode(network).json()
    }
}

/// GraphML and GEXF, read by ``XMLEventReader``'s subclasses.
private enum XMLFormat {
    static func loadGraphML(path: String, warnings: inout [Diagnostic]) throws(GraphFileError) -> PartnerNetwork {
        let loaded = try GraphML.read(path: path)
        warnings += loaded.warnings
        return loaded.network
    }

    static func loadGEXF(path: String, warnings: inout [Diagnostic]) throws(GraphFileError) -> PartnerNetwork {
        let loaded = try GEXF.read(path: path)
        warnings += loaded.warnings
        return loaded.network
    }

    static func parseGraphML(_ text: String, path: String) throws(GraphFileError) -> PartnerNetwork {
        try GraphML.read(Array(text.utf8), path: path).network
    }

    static func parseGEXF(_ text: String, path: String) throws(GraphFileError) -> PartnerNetwork {
        try GEXF.read(Array(text.utf8), path: path).network
    }

    static func graphML(_ network: PartnerNetwork) throws(GraphFileError) -> String { GraphML.text(of: network) }

    static func gexf(_ network: PartnerNetwork) throws(GraphFileError) -> String { GEXF.text(of: network) }
}

/// The CSV pair: `partners.csv` and `ties.csv` in a directory (and `graph.yaml`).
private enum CSVPair {
    static func load(path: String, warnings: inout [Diagnostic]) throws(GraphFileError) -> PartnerNetwork {
        try CSVPairReader.load(directory: directory(path))
    }

    /// Writes the pair (and `graph.yaml` when the network has metadata)
    /// atomically; a stale `graph.yaml` is removed.
    static func save(_ network: PartnerNetwork, path: String) throws(GraphFileError) {
        let dir = directory(path)
        let files = CSVPairWriter.files(for: network)
        do {
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        } catch {
            throw GraphFileError(path: dir, message: "cannot create directory: \(error.localizedDescription)")
        }
        let metadata = try CSVPairWriter.metadata(for: network)
        let metaPath = (dir as NSString).appendingPathComponent(CSVPairWriter.metadataFile)
        var pair: [(bytes: [UInt8], path: String)] = [
            (files.partners, (dir as NSString).appendingPathComponent("partners.csv")),
            (files.ties, (dir as NSString).appendingPathComponent("ties.csv")),
        ]
        if let metadata { pair.append((Array(metadata.utf8), metaPath)) }
        try AtomicFile.write(pair)
        if metadata == nil, FileManager.default.fileExists(atPath: metaPath) {
            // A stale graph.yaml would give the new pair another graph's title, focal and settings.
            try? FileManager.default.removeItem(atPath: metaPath)
        }
    }

    /// The directory of a CSV pair: the path itself, or its parent for a
    /// path naming `partners.csv` or `ties.csv`.
    static func directory(_ path: String) -> String {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue { return path }
        let ext = (path as NSString).pathExtension.lowercased()
        return ext == "csv" ? PathText.directory(of: path).nonEmpty ?? "." : path
    }
}
