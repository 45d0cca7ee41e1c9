/// Writes RFC 4180 CSV: UTF-8 without a byte order mark, `,` between fields,
/// `\n` after every record (the last one too).
///
/// A field is enclosed in double quotes only when it needs to be: when it
/// holds a comma, a quote, CR or LF, starts or ends with a space or tab
/// (spreadsheets trim those otherwise), or starts with U+FEFF (which would
/// read as a byte order mark at the start of a file). Quotes inside are
/// doubled. A record whose fields are all empty is written as `""` plus
/// commas, because a blank line or `,,` reads as no record at all. The output
/// depends only on the fields, so it is deterministic, and ``CSVReader`` reads
/// back exactly the fields written, for any Unicode strings.
///
///     var writer = CSVWriter()
///     writer.writeRecord(["id", "name"])
///     writer.writeRecord(["ohchr", "Office of the High Commissioner, \"OHCHR\""])
///     writer.text  // "id,name\nohchr,\"Office of the High Commissioner, \"\"OHCHR\"\"\"\n"
///
/// Reference: RFC 4180, *Common Format and MIME Type for Comma-Separated
/// Values (CSV) Files* (2005), section 2.
///
/// - Complexity: Each record is O(total length of its fields).
public struct CSVWriter: Sendable {
    /// The UTF-8 bytes written so far.
    public private(set) var bytes: [UInt8] = []

    /// Creates a writer with empty output.
    public init() {}

    /// The output written so far, as a `String`.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// Appends one record and its `\n`.
    ///
    /// - Precondition: `fields` is not empty (a CSV record has at least one
    ///   field).
    /// - Complexity: Amortised O(total length of the fields).
    public mutating func writeRecord<Fields: Sequence>(_ fields: Fields) where Fields.Element: StringProtocol {
        let recordStart = bytes.count
        var fieldCount = 0
        var allEmpty = true
        for field in fields {
            if fieldCount > 0 { bytes.append(UInt8(ascii: ",")) }
            fieldCount += 1
            if !field.isEmpty { allEmpty = false }
            append(field)
        }
        precondition(fieldCount > 0, "a CSV record needs at least one field")
        if allEmpty {
            bytes.insert(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: "\"")], at: recordStart)
        }
        bytes.append(UInt8(ascii: "\n"))
    }

    /// Whether `field` must be enclosed in double quotes (see ``CSVWriter``).
    ///
    /// - Complexity: O(length of the field).
    public static func needsQuoting(_ field: some StringProtocol) -> Bool {
        var position = 0
        var last: UInt8 = 0
        for byte in field.utf8 {
            switch byte {
            case UInt8(ascii: ","), UInt8(ascii: "\""), UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                return true
            case UInt8(ascii: " "), UInt8(ascii: "\t"):
                if position == 0 { return true }
            case 0xEF:
                if position == 0 && field.utf8.starts(with: [0xEF, 0xBB, 0xBF]) { return true }
            default:
                break
            }
            position += 1
            last = byte
        }
        return last == UInt8(ascii: " ") || last == UInt8(ascii: "\t")
    }

    /// One field as it is written: `field` itself, or enclosed in double
    /// quotes with its quotes doubled when ``needsQuoting(_:)``.
    ///
    ///     CSVWriter.field("Hall \"A\", room 2") == "\"Hall \"\"A\"\", room 2\""
    ///
    /// - Complexity: O(length of the field).
    public static func field(_ field: some StringProtocol) -> String {
        var writer = CSVWriter()
        writer.append(field)
        return writer.text
    }

    /// One record as it is written, with its final `\n`: the same text that
    /// ``writeRecord(_:)`` appends.
    ///
    /// - Precondition: `fields` is not empty.
    /// - Complexity: O(total length of the fields).
    public static func line<Fields: Sequence>(_ fields: Fields) -> String where Fields.Element: StringProtocol {
        var writer = CSVWriter()
        writer.writeRecord(fields)
        return writer.text
    }

    /// The cell for a `;`-separated list: the items joined by `;`, or `nil`
    /// when an item could not be read back by ``CSVReader/listItems(in:)``
    /// (it is empty, contains `;`, or starts or ends with a space or tab).
    ///
    ///     CSVWriter.listCell(["health", "education"]) == "health;education"
    ///
    /// - Complexity: O(total length of the items).
    public static func listCell(_ items: [String]) -> String? {
        let blanks: [UInt8] = [UInt8(ascii: " "), UInt8(ascii: "\t")]
        for item in items {
            guard let first = item.utf8.first, let last = item.utf8.last else { return nil }
            if blanks.contains(first) || blanks.contains(last) || item.utf8.contains(UInt8(ascii: ";")) {
                return nil
            }
        }
        return items.joined(separator: ";")
    }

    private mutating func append(_ field: some StringProtocol) {
        guard CSVWriter.needsQuoting(field) else {
            bytes.append(contentsOf: field.utf8)
            return
        }
        bytes.append(UInt8(ascii: "\""))
        for byte in field.utf8 {
            bytes.append(byte)
            if byte == UInt8(ascii: "\"") { bytes.append(byte) }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
