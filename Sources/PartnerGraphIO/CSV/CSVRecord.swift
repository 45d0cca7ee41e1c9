/// One record of a CSV file: a collection of its fields as `String`s, each
/// decoded from the file's bytes only when it is read.
///
/// Positions are 0-based field indices; `record[2]` is the third field, with
/// quotes removed and `""` turned into `"`. Read a field by header name with
/// `record["id"]`. Every record knows the line it starts on, and every field
/// its line and column, for diagnostics.
///
///     let reader = CSVReader(bytes: Array("id,themes\nilo,\"work; rights\"\n".utf8), path: "p.csv")
///     let record = reader.records[0]
///     record["themes"]                    // "work; rights"
///     record.listItems(at: 1)             // ["work", "rights"]
///     record.location(ofField: 1)         // 2:5
///
/// - Complexity: Creating a record is O(1); reading a field is O(its length).
public struct CSVRecord: RandomAccessCollection, Sendable {
    let storage: CSVStorage
    let recordIndex: Int
    let firstField: Int
    let fieldEnd: Int

    init(storage: CSVStorage, recordIndex: Int) {
        self.storage = storage
        self.recordIndex = recordIndex
        firstField = Int(storage.recordFieldStarts[recordIndex])
        fieldEnd = Int(storage.recordFieldStarts[recordIndex + 1])
    }

    public var startIndex: Int { 0 }
    /// The number of fields in the record (``count``).
    public var endIndex: Int { fieldEnd - firstField }

    /// The 1-based physical line this record starts on.
    public var line: Int { Int(storage.recordLines[recordIndex]) }

    /// The field at `position` (0-based), unquoted.
    ///
    /// - Precondition: `position` is less than ``count``; use ``field(at:)``
    ///   when the record may be short.
    /// - Complexity: O(length of the field).
    public subscript(position: Int) -> String {
        precondition(position >= 0 && position < endIndex, "CSV field index \(position) out of range 0..<\(endIndex)")
        return storage.string(field: firstField + position)
    }

    /// The field at `position`, or `nil` when the record has no such field.
    ///
    /// - Complexity: O(length of the field).
    public func field(at position: Int) -> String? {
        position >= 0 && position < endIndex ? storage.string(field: firstField + position) : nil
    }

    /// The field in the header column called `name`, or `nil` when the header
    /// has no such column or this record is too short to have it.
    ///
    /// - Complexity: O(1) on average, plus the length of the field.
    public subscript(name: String) -> String? {
        guard let position = storage.columnIndexByName[name] else { return nil }
        return field(at: position)
    }

    /// Calls `body` with the field's UTF-8 bytes, unquoted, without creating a
    /// `String`: for parsing numbers or dates, or comparing against known
    /// values.
    ///
    /// The buffer is only valid during the call. Bytes are passed as they are
    /// in the file (invalid UTF-8 included); ``CSVReader/errors`` reports
    /// invalid UTF-8.
    ///
    /// - Precondition: `position` is less than ``count``.
    /// - Complexity: O(1) for a field without doubled quotes; otherwise O(length
    ///   of the field), with one temporary copy.
    public func withUTF8<Result>(
        at position: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> Result
    ) rethrows -> Result {
        precondition(position >= 0 && position < endIndex, "CSV field index \(position) out of range 0..<\(endIndex)")
        return try storage.withUTF8(field: firstField + position, body)
    }

    /// Whether the field at `position` is missing or empty (`,,` or `""`),
    /// without creating a `String`.
    ///
    /// - Complexity: O(1) unless the field has doubled quotes.
    public func isEmpty(at position: Int) -> Bool {
        guard position >= 0 && position < endIndex else { return true }
        return storage.withUTF8(field: firstField + position) { $0.isEmpty }
    }

    /// The items of the `;`-separated list in the field at `position`, trimmed
    /// of spaces and tabs, empty items dropped; `[]` when the field is missing.
    /// See ``CSVReader/listItems(in:)``.
    ///
    /// - Complexity: O(length of the field).
    public func listItems(at position: Int) -> [String] {
        guard let cell = field(at: position) else { return [] }
        return CSVReader.listItems(in: cell)
    }

    /// The line and column where the field at `position` starts (its opening
    /// quote when quoted). The column counts Unicode scalars, not bytes. For a
    /// position past the last field, this is ``endLocation``.
    ///
    /// - Complexity: O(bytes from the start of the record to the field).
    public func location(ofField position: Int) -> CSVLocation {
        precondition(position >= 0, "CSV field index \(position) is negative")
        guard position < endIndex else { return endLocation }
        let span = storage.fields[firstField + position]
        return storage.location(ofByte: Int(span.start), inRecord: recordIndex)
    }

    /// The line and column just after the record's last field (where a
    /// missing field would go).
    ///
    /// - Complexity: O(bytes in the record).
    public var endLocation: CSVLocation {
        let span = storage.fields[fieldEnd - 1]
        return storage.location(ofByte: Int(span.end), inRecord: recordIndex)
    }

    /// Every field of the record, unquoted.
    ///
    /// - Complexity: O(bytes in the record).
    public var fields: [String] { Array(self) }

    /// A ``CSVError`` located at the start of the field at `position` (at the
    /// end of the record when the field is missing), for the caller's own
    /// checks on the field's value.
    ///
    ///     record.error(atField: 0, "unknown partner 'ohcr'", hint: "did you mean 'ohchr'?")
    ///
    /// - Complexity: O(bytes from the start of the record to the field).
    public func error(atField position: Int, _ message: String, hint: String? = nil) -> CSVError {
        CSVError(path: storage.path, location: location(ofField: position), message: message, hint: hint)
    }
}
