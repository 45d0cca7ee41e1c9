import Foundation
import PartnerGraph

/// Loading and saving partner networks in any format of the registry
/// (``GraphFormat/all``), picked by extension.
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
        let format = try GraphFormat.detect(path: path)
        guard let load = format.load else {
            throw GraphFileError(path: path, message: "\(format.name) files cannot be read",
                                 hint: "read \(GraphFormat.extensionList(of: GraphFormat.all.filter(\.canRead)))")
        }
        return try load(path, &warnings)
    }

    /// Parses the text of a single-text format (YAML, JSON, GraphML, GEXF)
    /// already in memory (`path` is used in diagnostics).
    public static func parse(_ text: String, format: GraphFormat, path: String = "<input>") throws(GraphFileError) -> PartnerNetwork {
        guard let parse = format.parse else {
            preconditionFailure("parse(_:format:) reads \(names(GraphFormat.all.filter { $0.parse != nil })); use load(path:) for \(format.name)")
        }
        return try parse(text, path)
    }

    /// The text of a network in a single-text format (YAML, JSON, GraphML, GEXF).
    public static func text(of network: PartnerNetwork, format: GraphFormat) throws(GraphFileError) -> String {
        guard let text = format.text else {
            preconditionFailure("text(of:format:) writes \(names(GraphFormat.all.filter(\.isSingleText))); use save(_:to:) for \(format.name)")
        }
        return try text(network)
    }

    /// Saves a network, picking the format by extension (a path without an
    /// extension is a directory receiving `partners.csv` and `ties.csv`).
    /// Every file is written atomically (temporary file + rename); on error
    /// nothing is written.
    public static func save(_ network: PartnerNetwork, to path: String) throws(GraphFileError) {
        let format = try GraphFormat.detect(path: path)
        guard let save = format.save else {
            throw GraphFileError(path: path, message: "\(format.name) files cannot be written",
                                 hint: "write \(GraphFormat.extensionList(of: GraphFormat.all.filter(\.canWrite)))")
        }
        try save(network, path)
    }

    private static func names(_ formats: [GraphFormat]) -> String {
        formats.map { $0.name.uppercased() }.joined(separator: ", ")
    }
}

extension String {
    var nonEmpty: String? { isEmpty ? nil : self }
}
