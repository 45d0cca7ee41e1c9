/// A byte-level RFC 4180 CSV reader: parses a whole UTF-8 file once into
/// field boundaries and creates a `String` only for the fields you ask for.
///
/// The first non-empty record is the header; ``records`` are the records after
/// it. What is accepted (RFC 4180, plus what spreadsheets write):
///
/// - fields separated by `,`; a field may be enclosed in double quotes, and a
///   quoted field may hold commas, CR, LF or CRLF line breaks, and quotes
///   written twice (`""`);
/// - records ended by LF, CRLF or a lone CR, and a last record with or
///   without a line break after it;
/// - a UTF-8 byte order mark at the start (skipped; it does not count as a
///   column).
///
/// **Empty records are skipped.** A blank line, or a line of unquoted empty
/// fields such as `,,,,` (spreadsheets often leave one at the end), is not a
/// record; its line number is listed in ``emptyLines``. A record with at least
/// one quoted field, even `""`, is kept, so ``CSVWriter`` can write a record of
/// empty strings that reads back.
///
/// **Ragged records are not an error here.** A record may have fewer or more
/// fields than the header; ``CSVRecord/count`` tells, and the caller decides
/// (``fieldCountErrors()`` words the usual diagnostic). Cells such as `NA` are
/// ordinary text.
///
/// **All problems are collected** in ``errors`` (sorted by position) and
/// parsing goes on after each one, so a file with invalid UTF-8 on three lines
/// gets three errors, and the records around a problem are still there:
///
/// - invalid UTF-8 (the byte in hex; one error per line);
/// - a UTF-16 or UTF-32 byte order mark (the file is then not parsed);
/// - an unterminated quoted field, at the line and column of the opening
///   quote (the field is then taken to end with its line, and parsing goes on
///   on the next line);
/// - a quote inside an unquoted field, and text after a closing quote (the
///   field is then kept as written, like Python's `csv` module does);
/// - a header naming the same column twice;
/// - a file without any record.
///
/// Example:
///
///     let reader = CSVReader(bytes: Array("id,name\nohchr,OHCHR\n".utf8), path: "partners.csv")
///     for error in reader.errors { print(error) }
///     let name = reader.columnIndex(named: "name")!
///     for record in reader.records { print(record.line, record[name]) }  // 2 OHCHR
///
/// Reference: RFC 4180, *Common Format and MIME Type for Comma-Separated
/// Values (CSV) Files* (2005).
///
/// - Complexity: Parsing is O(*n*) in the file's size *n*: one pass splits
///   records and fields, one validates UTF-8 (8 bytes at a time through ASCII
///   text); the index takes 8 bytes per field. Reading a field is O(its
///   length); a `String` is created only for the fields read.
public struct CSVReader: Sendable {
    let storage: CSVStorage

    /// Every problem found in the file, sorted by line and column.
    ///
    /// Empty when the file is well-formed. The records are still available
    /// when there are errors, as well as they could be recovered.
    public let errors: [CSVError]

    /// Fields holding a C0 control character other than tab, line feed and
    /// carriage return, or DEL (a NUL byte usually means a UTF-16 or binary
    /// file), one per line. Not in ``errors``: RFC 4180 allows them; the
    /// partner-graph readers (CSV pair, rosters, imports) refuse them.
    public let controlCharacterErrors: [CSVError]

    /// Parses the bytes of a CSV file.
    ///
    /// - Parameters:
    ///   - bytes: The file's contents, with or without a UTF-8 byte order mark.
    ///   - path: The path shown in diagnostics, e.g. `Graphs/x/ties.csv`.
    /// - Complexity: O(*n*) in the number of bytes.
    public init(bytes: [UInt8], path: String) {
        let result = CSVParser.parse(bytes: bytes, path: path)
        storage = result.storage
        errors = result.errors
        controlCharacterErrors = result.controlErrors
    }

    /// The path shown in diagnostics.
    public var path: String { storage.path }

    /// The header: the first record that is not empty, or `nil` when the file
    /// has none (then ``errors`` says the file is empty).
    ///
    /// - Complexity: O(1).
    public var header: CSVRecord? {
        storage.recordCount > 0 ? CSVRecord(storage: storage, recordIndex: 0) : nil
    }

    /// The names in the header, in file order; empty when there is no header.
    ///
    /// - Complexity: O(1) (decoded once, when parsing).
    public var columnNames: [String] { storage.columnNames }

    /// The 0-based index of the first header column called `name` (compared
    /// exactly, case-sensitively), or `nil` when there is no such column.
    ///
    /// - Complexity: O(1) on average.
    public func columnIndex(named name: String) -> Int? {
        storage.columnIndexByName[name]
    }

    /// The records after the header, in file order.
    ///
    /// - Complexity: O(1); so is reading `records[i]`.
    public var records: Records { Records(storage: storage) }

    /// The 1-based lines that held an empty record (a blank line or only
    /// commas) and were skipped, in file order.
    ///
    /// - Complexity: O(1).
    public var emptyLines: [Int] { storage.emptyLines }

    /// A collection of the data records of a file (every record but the header).
    ///
    /// - Complexity: Random access in O(1).
    public struct Records: RandomAccessCollection, Sendable {
        let storage: CSVStorage

        public var startIndex: Int { 0 }
        public var endIndex: Int { Swift.max(storage.recordCount - 1, 0) }

        /// The record at `position` (0 is the first record after the header).
        public subscript(position: Int) -> CSVRecord {
            precondition(position >= 0 && position < endIndex, "CSV record index out of range")
            return CSVRecord(storage: storage, recordIndex: position + 1)
        }
    }

    /// One error for each record whose field count differs from the header's:
    /// `record has 4 fields but the header has 5 (id,name,kind,region,url)`.
    ///
    /// A short record's error points just after its last field; a long
    /// record's points at its first surplus field.
    ///
    /// - Complexity: O(*r*) in the number of records, plus the length of each
    ///   ragged record.
    public func fieldCountErrors() -> [CSVError] {
        guard let header else { return [] }
        let expected = header.count
        let names = columnNames.joined(separator: ",")
        var result: [CSVError] = []
        for record in records where record.count != expected {
            let fields = record.count == 1 ? "1 field" : "\(record.count) fields"
            let location = record.count < expected ? record.endLocation : record.location(ofField: expected)
            let hint = record.count < expected
                ? "add the missing fields, empty if unknown (write a comma for each)"
                : "enclose a field that contains a comma in double quotes, or remove the extra fields"
            result.append(CSVError(
                path: path, location: location,
                message: "record has \(fields) but the header has \(expected) (\(names))",
                hint: hint))
        }
        return result
    }

    /// Every error in the content that is not a syntax error: control
    /// characters, fields over ``ReadLimits/maxFieldLength``, and more
    /// records than ``ReadLimits/maxPartners`` (when each record is a
    /// partner) or ``ReadLimits/maxTies``.
    ///
    /// - Complexity: O(*f*) in the number of fields.
    public func contentErrors(recordsArePartners: Bool) -> [CSVError] {
        var result = controlCharacterErrors + fieldLengthErrors()
        if let count = recordCountError(partners: recordsArePartners) { result.append(count) }
        return result
    }

    /// One error for each field (header included, at most 20) longer than
    /// ``ReadLimits/maxFieldLength`` of the current ``ReadLimits``, at the field.
    ///
    /// - Complexity: O(*f*) in the number of fields, plus the length of each
    ///   field over the limit in bytes.
    public func fieldLengthErrors() -> [CSVError] {
        let limits = ReadLimits.current
        // No field is longer than the file.
        guard storage.bytes.count > limits.maxFieldLength else { return [] }
        var result: [CSVError] = []
        for recordIndex in 0..<storage.recordCount {
            let first = Int(storage.recordFieldStarts[recordIndex])
            let end = Int(storage.recordFieldStarts[recordIndex + 1])
            for field in first..<end {
                let span = storage.fields[field]
                guard Int(span.end - span.start) > limits.maxFieldLength else { continue }
                let text = storage.string(field: field)
                guard let problem = limits.fieldLengthProblem(text[...].utf8, what: "field") else { continue }
                let record = CSVRecord(storage: storage, recordIndex: recordIndex)
                result.append(CSVError(path: path, location: record.location(ofField: field - first),
                                       message: problem, hint: ReadLimits.fieldLengthHint))
                if result.count == 20 { return result }
            }
        }
        return result
    }

    /// An error at the first record past `limit` records after the header
    /// (``ReadLimits/maxPartners`` for a file of partners, else
    /// ``ReadLimits/maxTies``), or `nil`.
    ///
    /// - Complexity: O(1).
    public func recordCountError(partners: Bool) -> CSVError? {
        let limits = ReadLimits.current
        let limit = partners ? limits.maxPartners : limits.maxTies
        guard records.count > limit else { return nil }
        let text = limits.countMessage(partners: partners)
        return CSVError(path: path, location: records[limit].location(ofField: 0), message: text.message, hint: text.hint)
    }

    /// The items of a `;`-separated list cell: split at `;`, spaces and tabs
    /// trimmed from each item, empty items dropped.
    ///
    ///     CSVReader.listItems(in: " health; ; education;") == ["health", "education"]
    ///
    /// - Complexity: O(*m*) in the length of the cell.
    public static func listItems(in cell: some StringProtocol) -> [String] {
        var items: [String] = []
        let text = String(cell)
        for part in text.utf8.split(separator: UInt8(ascii: ";"), omittingEmptySubsequences: true) {
            var start = part.startIndex
            var end = part.endIndex
            while start < end, isBlank(part[start]) { start = part.index(after: start) }
            while start < end, isBlank(part[part.index(before: end)]) { end = part.index(before: end) }
            if start < end { items.append(String(Substring(part[start..<end]))) }
        }
        return items
    }

    private static func isBlank(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")
    }
}
