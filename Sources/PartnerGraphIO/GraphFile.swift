import Foundation
import PartnerGraph

/// The graph file formats, picked by extension.
public enum GraphFormat: String, Sendable, CaseIterable {
    /// YAML (`.yaml`, `.yml`), the hand-edited primary format.
    case yaml
    /// JSON (`.json`), the same schema as YAML.
    case json
    /// A directory (or a `partners.csv` / `ties.csv` path) holding `partners.csv` and `ties.csv`.
    case csv
    /// GraphML (`.graphml`), read and written (see ``GraphML``).
    case graphml
    /// GEXF 1.3 (`.gexf`), read and written with dynamic spells (see ``GEXF``).
    case gexf

    /// The format for `path`: `csv` for an existing directory or a path
    /// ending in `/`, else by extension (none: a CSV pair directory).
    /// - Throws: ``GraphFileError`` naming the supported extensions.
    public static func detect(path: String) throws(GraphFileError) -> GraphFormat {
        // A directory is a CSV pair whatever its name (`mktemp -d` makes `tmp.Mk04EtLVES`).
        var isDirectory: ObjCBool = false
        if path.hasSuffix("/") || (FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue) {
            return .csv
        }
        let ext = (path as NSString).pathExtension.lowercased()
        switch ext {
        case "yaml", "yml": return .yaml
        case "json": return .json
        case "csv": return .csv
        case "graphml": return .graphml
        case "gexf": return .gexf
        case "":
            return .csv
        default:
            throw GraphFileError(path: path, message: "unknown graph file extension '.\(ext)'",
                                 hint: "use .yaml, .yml, .json, .graphml, .gexf, or a directory holding partners.csv and ties.csv")
        }
    }
}

/// Loading and saving partner networks.
///
/// ```swift
/// let net = try GraphFile.load(path: "Graphs/unesco-human-rights.yaml")
/// try GraphFile.save(net, to: "out/graph.json")
/// ```
public enum GraphFile {
    /// Loads a network, picking the format by extension (a directory, or a
    /// path to `partners.csv` / `ties.csv`, loads the CSV pair).
    /// - Throws: ``GraphFileError`` with every problem found, each with file,
    ///   line and column.
    /// - Complexity: O(file size).
    public static func load(path: String) throws(GraphFileError) -> PartnerNetwork {
        var warnings: [Diagnostic] = []
        return try load(path: path, warnings: &warnings)
    }

    /// Loads a network like ``load(path:)``, appending the reader's warnings
    /// (defaults filled in for GraphML and GEXF from other tools) to `warnings`.
    /// - Throws: ``GraphFileError`` with every problem found.
    public static func load(path: String, warnings: inout [Diagnostic]) throws(GraphFileError) -> PartnerNetwork {
        switch try GraphFormat.detect(path: path) {
        case .graphml:
            let loaded = try GraphML.read(path: path)
            warnings += loaded.warnings
            return loaded.network
        case .gexf:
            let loaded = try GEXF.read(path: path)
            warnings += loaded.warnings
            return loaded.network
        case .yaml, .json:
            let isJSON = (try? GraphFormat.detect(path: path)) == .json
            let text = try TextInput.decode(TextInput.bytes(atPath: path), path: path)
            var reader = DocumentReader(path: path, isJSON: isJSON)
            return try reader.read(text)
        case .csv:
            return try CSVPairReader.load(directory: csvDirectory(path))
        }
    }

    /// Parses YAML, JSON, GraphML or GEXF text already in memory (`path` is used in diagnostics).
    public static func parse(_ text: String, format: GraphFormat, path: String = "<input>") throws(GraphFileError) -> PartnerNetwork {
        precondition(format != .csv, "parse(_:format:) reads YAML, JSON, GraphML or GEXF; use load(path:) for a CSV pair")
        if format == .graphml { return try GraphML.read(Array(text.utf8), path: path).network }
        if format == .gexf { return try GEXF.read(Array(text.utf8), path: path).network }
        let checked = try TextInput.decode(Array(text.utf8), path: path)
        var reader = DocumentReader(path: path, isJSON: format == .json)
        return try reader.read(checked)
    }

    /// The text of a network in YAML, JSON, GraphML or GEXF.
    public static func text(of network: PartnerNetwork, format: GraphFormat) throws(GraphFileError) -> String {
        let tree = DocumentTree.encode(network)
        switch format {
        case .json: return tree.json()
        case .yaml:
            do { return try tree.yaml() } catch {
                throw GraphFileError(path: "<yaml>", message: "cannot write YAML: \(error)")
            }
        case .graphml: return GraphML.text(of: network)
        case .gexf: return GEXF.text(of: network)
        case .csv:
            preconditionFailure("text(of:format:) writes YAML, JSON, GraphML or GEXF; use save(_:to:) for a CSV pair")
        }
    }

    /// Saves a network, picking the format by extension (a path without an
    /// extension is a directory receiving `partners.csv` and `ties.csv`).
    /// Every file is written atomically (temporary file + rename); on error
    /// nothing is written.
    public static func save(_ network: PartnerNetwork, to path: String) throws(GraphFileError) {
        let format = try GraphFormat.detect(path: path)
        switch format {
        case .yaml, .json, .graphml, .gexf:
            try AtomicFile.write(Array(text(of: network, format: format).utf8), to: path)
        case .csv:
            let dir = csvDirectory(path)
            let files = CSVPairWriter.files(for: network)
            do {
                try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            } catch {
                throw GraphFileError(path: dir, message: "cannot create directory: \(error.localizedDescription)")
            }
            let metadata = try CSVPairWriter.metadata(for: network)
            let metaPath = (dir as NSString).appendingPathComponent(CSVPairWriter.metadataFile)
            var pair: [(bytes: [UInt8], path: String)] = [
                (Array(files.partners.utf8), (dir as NSString).appendingPathComponent("partners.csv")),
                (Array(files.ties.utf8), (dir as NSString).appendingPathComponent("ties.csv")),
            ]
            if let metadata { pair.append((Array(metadata.utf8), metaPath)) }
            try AtomicFile.write(pair)
            if metadata == nil, FileManager.default.fileExists(atPath: metaPath) {
                // A stale graph.yaml would give the new pair another graph's title, focal and settings.
                try? FileManager.default.removeItem(atPath: metaPath)
            }
        }
    }

    /// The directory of a CSV pair: the path itself, or its parent for a
    /// path naming `partners.csv` or `ties.csv`.
    static func csvDirectory(_ path: String) -> String {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue { return path }
        let ext = (path as NSString).pathExtension.lowercased()
        return ext == "csv" ? PathText.directory(of: path).nonEmpty ?? "." : path
    }
}

extension String {
    var nonEmpty: String? { isEmpty ? nil : self }
}
