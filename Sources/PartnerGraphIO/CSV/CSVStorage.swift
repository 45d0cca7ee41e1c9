/// The byte range of one field as written in the file, quotes included.
///
/// A field is quoted when its first byte is `"`. Offsets are 32-bit to keep
/// the index at 8 bytes per field; ``CSVParser`` rejects files of 4 GiB or
/// more.
struct CSVFieldSpan: Sendable {
    var start: UInt32
    var end: UInt32
}

/// The immutable result of parsing one CSV file, shared by ``CSVReader`` and
/// its ``CSVRecord``s.
final class CSVStorage: Sendable {
    let path: String
    let bytes: [UInt8]
    /// The offset of the first byte after a UTF-8 byte order mark (0 or 3).
    let contentStart: Int
    /// Every field of every kept record, in file order.
    let fields: [CSVFieldSpan]
    /// For record `r`, its fields are `fields[recordFieldStarts[r] ..< recordFieldStarts[r + 1]]`.
    /// Record 0 is the header.
    let recordFieldStarts: [UInt32]
    /// The 1-based line each record starts on.
    let recordLines: [UInt32]
    let emptyLines: [Int]
    let columnNames: [String]
    let columnIndexByName: [String: Int]

    init(
        path: String, bytes: [UInt8], contentStart: Int, fields: [CSVFieldSpan],
        recordFieldStarts: [UInt32], recordLines: [UInt32], emptyLines: [Int], columnNames: [String]
    ) {
        self.path = path
        self.bytes = bytes
        self.contentStart = contentStart
        self.fields = fields
        self.recordFieldStarts = recordFieldStarts
        self.recordLines = recordLines
        self.emptyLines = emptyLines
        self.columnNames = columnNames
        var index: [String: Int] = [:]
        for (position, name) in columnNames.enumerated() where index[name] == nil {
            index[name] = position
        }
        columnIndexByName = index
    }

    var recordCount: Int { recordLines.count }

    /// The unquoted text of field `index`.
    func string(field index: Int) -> String {
        let span = fields[index]
        return bytes.withUnsafeBufferPointer { buffer in
            CSVStorage.string(in: buffer, start: Int(span.start), end: Int(span.end))
        }
    }

    /// Calls `body` with the unquoted bytes of field `index`.
    func withUTF8<Result>(field index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        let span = fields[index]
        return try bytes.withUnsafeBufferPointer { buffer in
            let start = Int(span.start)
            let end = Int(span.end)
            switch CSVStorage.content(in: buffer, start: start, end: end) {
            case .verbatim(let range):
                return try body(UnsafeBufferPointer(rebasing: buffer[range]))
            case .unescaped:
                return try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: end - start) { scratch in
                    let count = CSVStorage.unescape(buffer, start: start, end: end, into: scratch)
                    return try body(UnsafeBufferPointer(rebasing: scratch[..<count]))
                }
            }
        }
    }

    /// The location of byte `offset`, which lies within record `recordIndex`.
    func location(ofByte offset: Int, inRecord recordIndex: Int) -> CSVLocation {
        let firstField = Int(recordFieldStarts[recordIndex])
        let recordStart = Int(fields[firstField].start)
        return bytes.withUnsafeBufferPointer { buffer in
            var cursor = CSVLocationCursor(lineStart: recordStart, line: Int(recordLines[recordIndex]))
            return cursor.advance(to: offset, in: buffer)
        }
    }

    // MARK: - Unquoting

    private static let quote = UInt8(ascii: "\"")

    /// How to get a field's content from its raw bytes.
    enum Content {
        /// The content is this byte range of the file.
        case verbatim(Range<Int>)
        /// The content has doubled quotes (or, after an error, text after the
        /// closing quote) and must be copied with ``unescape(_:start:end:into:)``.
        case unescaped
    }

    /// Where the content of the raw field `start..<end` is.
    static func content(in buffer: UnsafeBufferPointer<UInt8>, start: Int, end: Int) -> Content {
        guard start < end, buffer[start] == quote else { return .verbatim(start..<end) }
        var index = start + 1
        while index < end && buffer[index] != quote { index += 1 }
        if index == end { return .verbatim(start + 1..<end) }  // unterminated (reported as an error)
        if index == end - 1 { return .verbatim(start + 1..<end - 1) }
        return .unescaped
    }

    /// Copies the content of the quoted raw field `start..<end` into `output`
    /// (at least `end - start` bytes), turning `""` into `"` and dropping the
    /// closing quote; text after the closing quote (an error) is kept as is,
    /// like Python's `csv` module does. Returns the number of bytes written.
    static func unescape(
        _ buffer: UnsafeBufferPointer<UInt8>, start: Int, end: Int, into output: UnsafeMutableBufferPointer<UInt8>
    ) -> Int {
        var written = 0
        var index = start + 1
        var inQuotes = true
        while index < end {
            let byte = buffer[index]
            if inQuotes && byte == quote {
                if index + 1 < end && buffer[index + 1] == quote {
                    output[written] = quote
                    written += 1
                    index += 2
                } else {
                    inQuotes = false
                    index += 1
                }
                continue
            }
            output[written] = byte
            written += 1
            index += 1
        }
        return written
    }

    /// The unquoted text of the raw field `start..<end`.
    static func string(in buffer: UnsafeBufferPointer<UInt8>, start: Int, end: Int) -> String {
        switch content(in: buffer, start: start, end: end) {
        case .verbatim(let range):
            return String(decoding: UnsafeBufferPointer(rebasing: buffer[range]), as: UTF8.self)
        case .unescaped:
            return String(unsafeUninitializedCapacity: end - start) { output in
                unescape(buffer, start: start, end: end, into: output)
            }
        }
    }
}

/// Walks forward through a file from the start of a line, counting lines (LF,
/// CRLF, lone CR) and columns (Unicode scalars: bytes that are not UTF-8
/// continuation bytes).
struct CSVLocationCursor {
    private var position: Int
    private var line: Int
    private var column = 1
    private var afterCarriageReturn = false

    /// Starts at `lineStart`, the first byte of line `line`.
    init(lineStart: Int, line: Int) {
        position = lineStart
        self.line = line
    }

    /// The location of byte `offset`, which must not be before the previous
    /// offset asked for.
    ///
    /// - Complexity: O(`offset` − previous offset).
    mutating func advance(to offset: Int, in buffer: UnsafeBufferPointer<UInt8>) -> CSVLocation {
        while position < offset {
            let byte = buffer[position]
            position += 1
            if byte == UInt8(ascii: "\n") {
                if !afterCarriageReturn {
                    line += 1
                    column = 1
                }
                afterCarriageReturn = false
            } else if byte == UInt8(ascii: "\r") {
                line += 1
                column = 1
                afterCarriageReturn = true
            } else {
                afterCarriageReturn = false
                if byte & 0xC0 != 0x80 { column += 1 }
            }
        }
        return CSVLocation(line: line, column: column)
    }
}
