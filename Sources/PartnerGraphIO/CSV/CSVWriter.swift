import Foundation
import PartnerGraph

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
        var record = beginRecord()
        for field in fields { appendField(field, to: &record) }
        endRecord(record)
    }

    /// A record being written field by field (``beginRecord()``,
    /// ``appendField(_:to:)``, ``endRecord(_:)``): the same bytes as
    /// ``writeRecord(_:)`` without an array of fields per record.
    struct Record {
        fileprivate let start: Int
        fileprivate var fields = 0
        fileprivate var allEmpty = true
    }

    /// Starts a record.
    mutating func beginRecord() -> Record { Record(start: bytes.count) }

    /// Appends the next field of `record`.
    mutating func appendField(_ field: some StringProtocol, to record: inout Record) {
        if record.fields > 0 { bytes.append(UInt8(ascii: ",")) }
        record.fields += 1
        if !field.isEmpty { record.allEmpty = false }
        append(field)
    }

    /// Appends the next field of `record`: the same bytes as the generic
    /// version, with one pass over a `String`'s bytes for a field that needs
    /// no quotes (the usual id, type or number).
    mutating func appendField(_ field: String, to record: inout Record) {
        if record.fields > 0 { bytes.append(UInt8(ascii: ",")) }
        record.fields += 1
        guard !field.isEmpty else { return }
        record.allEmpty = false
        var text = field
        let plain: Bool = text.withUTF8 { b in
            let first = b[0], last = b[b.count - 1]
            // A space or tab at either end, or a possible byte order mark: the full check below.
            if first == 0x20 || first == 0x09 || last == 0x20 || last == 0x09 || first == 0xEF { return false }
            for c in b where c == UInt8(ascii: ",") || c == UInt8(ascii: "\"") || c == UInt8(ascii: "\n") || c == UInt8(ascii: "\r") {
                return false
            }
            bytes.append(contentsOf: b)
            return true
        }
        if !plain { append(field) }
    }

    /// Appends a date field (empty for `nil`), written as ``PartialDate/description``
    /// is (`2001`, `2001-12`, `2001-12-31`), without making a `String`.
    mutating func appendField(_ date: PartialDate?, to record: inout Record) {
        if record.fields > 0 { bytes.append(UInt8(ascii: ",")) }
        record.fields += 1
        guard let date else { return }
        record.allEmpty = false
        date.appendText(to: &bytes)
    }

    /// Ends `record` with its `\n`.
    /// - Precondition: the record has at least one field.
    mutating func endRecord(_ record: Record) {
        precondition(record.fields > 0, "a CSV record needs at least one field")
        if record.allEmpty {
            bytes.insert(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: "\"")], at: record.start)
        }
        bytes.append(UInt8(ascii: "\n"))
    }

    /// `prefix` and then the bytes of records `0..<count`, written by `write`
    /// in chunks of at least `minimumChunk` records on every active core and
    /// joined in order: the same bytes as one `write(0..<count, &writer)`.
    static func concatenatedChunks(after prefix: [UInt8], count: Int, minimumChunk: Int = 65_536,
                                   _ write: @Sendable (Range<Int>, inout CSVWriter) -> Void) -> [UInt8] {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let chunks = max(1, min(cores * 2, count / minimumChunk))
        if chunks == 1 {
            var out = CSVWriter()
            out.bytes = prefix
            write(0..<count, &out)
            return out.bytes
        }
        let parts = ResultSlots<[UInt8]>(count: chunks)
        DispatchQueue.concurrentPerform(iterations: chunks) { c in
            var out = CSVWriter()
            write(count * c / chunks ..< count * (c + 1) / chunks, &out)
            parts.store(out.bytes, at: c)
        }
        var out = prefix
        let all = parts.values
        out.reserveCapacity(prefix.count + all.reduce(0) { $0 + $1.count })
        for p in all { out += p }
        return out
    }

    /// Reserves room for `count` bytes of output.
    mutating func reserveCapacity(_ count: Int) { bytes.reserveCapacity(count) }

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
