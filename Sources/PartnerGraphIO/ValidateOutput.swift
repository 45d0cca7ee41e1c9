import FigureStyle
import PartnerGraph

/// One file's entry in `partnergraph validate --format json` (an array of
/// these, in the order the files were given; `Schemas/validate.schema.json`).
///
/// A valid file has its partner and tie counts and its warnings; a file with
/// problems has `valid: false`, no counts (the keys are left out) and every
/// diagnostic.
public struct FileValidation: Codable, Sendable, Equatable {
    /// The file or CSV directory, as given.
    public var path: String
    /// Whether the file was read without an error (warnings allowed).
    public var valid: Bool
    /// Partners in the file; only when valid.
    public var partners: Int?
    /// Ties in the file; only when valid.
    public var ties: Int?
    /// Warnings of a valid file, or every problem of an invalid one.
    public var diagnostics: [Diagnostic]

    public init(path: String, valid: Bool, partners: Int? = nil, ties: Int? = nil, diagnostics: [Diagnostic]) {
        self.path = path
        self.valid = valid
        self.partners = partners
        self.ties = ties
        self.diagnostics = diagnostics
    }

    /// The entry of a file read as `network` (valid), or not read (`nil`).
    public init(path: String, network: PartnerNetwork?, diagnostics: [Diagnostic]) {
        self.init(path: path, valid: network != nil, partners: network?.partners.count, ties: network?.ties.count,
                  diagnostics: diagnostics)
    }
}

extension Diagnostic.Severity: Codable {}

/// `{"path", "line", "column", "severity", "message", "hint"}`; an unknown
/// line, column or hint is `null`.
extension Diagnostic: Codable {
    enum CodingKeys: String, CodingKey { case path, line, column, severity, message, hint }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(path: try c.decode(String.self, forKey: .path), line: try c.decodeIfPresent(Int.self, forKey: .line),
                  column: try c.decodeIfPresent(Int.self, forKey: .column), severity: try c.decode(Severity.self, forKey: .severity),
                  message: try c.decode(String.self, forKey: .message), hint: try c.decodeIfPresent(String.self, forKey: .hint))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(path, forKey: .path)
        try c.encodeOrNull(line, forKey: .line)
        try c.encodeOrNull(column, forKey: .column)
        try c.encode(severity, forKey: .severity)
        try c.encode(message, forKey: .message)
        try c.encodeOrNull(hint, forKey: .hint)
    }
}
