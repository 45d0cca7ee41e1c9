/// A position in a CSV file: a 1-based physical line and a 1-based column.
///
/// Lines end at LF, CRLF or a lone CR, including line breaks inside quoted
/// fields, so the line is the one a text editor shows. The column counts
/// Unicode scalars (UTF-8 characters), not bytes, from the start of that line,
/// so a diagnostic after `Åbo,` points at column 5, not 6. A UTF-8 byte order
/// mark at the start of the file is not counted.
public struct CSVLocation: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The 1-based physical line.
    public var line: Int
    /// The 1-based column, counted in Unicode scalars.
    public var column: Int

    /// Creates a location from a 1-based line and column.
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public static func < (lhs: CSVLocation, rhs: CSVLocation) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }

    /// `line:column`, as in a compiler diagnostic.
    public var description: String { "\(line):\(column)" }
}

/// A problem in a CSV file, located by path, line and column.
///
/// Printed like a compiler diagnostic, with the hint on a second line:
///
///     ties.csv:4:12: error: unterminated quoted field
///     ties.csv:4:12: note: the quote opened here is never closed; ...
///
/// `CSVReader` collects every error it finds in a file rather than stopping at
/// the first; see ``CSVReader/errors``.
public struct CSVError: Error, Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The path shown to the user (as given to the reader, never made absolute).
    public var path: String
    /// Where the problem is.
    public var location: CSVLocation
    /// What is wrong, as one lower-case sentence without a final full stop.
    public var message: String
    /// How to fix it, or `nil` when there is nothing useful to add.
    public var hint: String?

    /// Creates an error at `location` in the file `path`.
    public init(path: String, location: CSVLocation, message: String, hint: String? = nil) {
        self.path = path
        self.location = location
        self.message = message
        self.hint = hint
    }

    /// The 1-based physical line of the problem.
    public var line: Int { location.line }
    /// The 1-based column of the problem, counted in Unicode scalars.
    public var column: Int { location.column }

    /// The first line of the diagnostic: `path:line:column: error: message`.
    public var errorLine: String { "\(path):\(location): error: \(message)" }

    /// `path:line:column: error: message`, followed by
    /// `path:line:column: note: hint` on a second line when there is a hint.
    public var description: String {
        guard let hint else { return errorLine }
        return errorLine + "\n\(path):\(location): note: \(hint)"
    }

    /// Orders errors by path, then line, then column, then message.
    public static func < (lhs: CSVError, rhs: CSVError) -> Bool {
        (lhs.path, lhs.location.line, lhs.location.column, lhs.message)
            < (rhs.path, rhs.location.line, rhs.location.column, rhs.message)
    }
}
