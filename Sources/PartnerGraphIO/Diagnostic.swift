/// One problem in an input file, printed like a compiler diagnostic:
/// `Graphs/x.yaml:12:5: error: unknown partner 'ohcr' (did you mean 'ohchr'?)`
/// followed by an indented hint line.
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
    public enum Severity: String, Sendable {
        case error, warning
    }

    public var path: String
    /// 1-based line, when known.
    public var line: Int?
    /// 1-based column in Unicode scalars, when known.
    public var column: Int?
    public var severity: Severity
    public var message: String
    /// How to fix it.
    public var hint: String?

    public init(path: String, line: Int?, column: Int?, severity: Severity = .error, message: String,
                hint: String? = nil) {
        self.path = path
        self.line = line
        self.column = column
        self.severity = severity
        self.message = message
        self.hint = hint
    }

    /// `path:line:column: error: message`.
    public var headline: String {
        var loc = path
        if let line {
            loc += ":\(line)"
            if let column { loc += ":\(column)" }
        }
        return "\(loc): \(severity.rawValue): \(message)"
    }

    /// The headline plus, when there is one, `    hint: …` on the next line.
    public var description: String {
        hint.map { headline + "\n    hint: " + $0 } ?? headline
    }
}

/// Thrown when a graph file cannot be read or written: every diagnostic found.
public struct GraphFileError: Error, Sendable, CustomStringConvertible {
    public let diagnostics: [Diagnostic]
    /// The command asked for something that is never done (writing over one of
    /// its inputs), rather than the data or the system failing: exit 64, not 1.
    public var isUsageError = false

    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }

    public init(path: String, message: String, hint: String? = nil, isUsageError: Bool = false) {
        self.diagnostics = [Diagnostic(path: path, line: nil, column: nil, message: message, hint: hint)]
        self.isUsageError = isUsageError
    }

    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}

/// Collects diagnostics in the order they are found; sorted by position on output.
struct DiagnosticSink {
    let path: String
    private(set) var items: [Diagnostic] = []

    init(path: String) { self.path = path }

    mutating func error(_ message: String, line: Int?, column: Int?, hint: String? = nil) {
        items.append(Diagnostic(path: path, line: line, column: column, message: message, hint: hint))
    }

    mutating func append(contentsOf other: [Diagnostic]) { items.append(contentsOf: other) }

    var hasErrors: Bool { items.contains { $0.severity == .error } }

    /// Diagnostics sorted by file, line, column (stable for equal positions).
    var sorted: [Diagnostic] {
        items.enumerated().sorted { a, b in
            let ka = (a.element.path, a.element.line ?? 0, a.element.column ?? 0)
            let kb = (b.element.path, b.element.line ?? 0, b.element.column ?? 0)
            if ka != kb { return ka < kb }
            return a.offset < b.offset
        }.map(\.element)
    }
}
