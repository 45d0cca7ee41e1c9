/// The parsing phase of ``CSVReader``: one pass over the bytes records field
/// boundaries and syntax problems by byte offset; a second pass finds invalid
/// UTF-8 (skipping ASCII 8 bytes at a time); problems are then located (line
/// and column) in one sweep up to the last of them, and worded.
enum CSVParser {
    struct Result {
        var storage: CSVStorage
        var errors: [CSVError]
        /// Control characters in fields, kept apart: RFC 4180 allows them, our graph files do not.
        var controlErrors: [CSVError] = []
    }

    /// A problem found while scanning, not yet located.
    struct Issue {
        enum Kind {
            case unterminatedQuote
            case quoteInUnquotedField
            case textAfterClosingQuote
            case invalidUTF8(UTF8Validation.Invalid)
            case controlCharacter(UInt8)
            case duplicateColumn(name: String, firstOffset: Int)
        }
        var offset: Int
        var kind: Kind
    }

    private static let comma = UInt8(ascii: ",")
    private static let quote = UInt8(ascii: "\"")
    private static let lineFeed = UInt8(ascii: "\n")
    private static let carriageReturn = UInt8(ascii: "\r")

    static func parse(bytes: [UInt8], path: String) -> Result {
        if let error = unsupportedInput(bytes, path: path) {
            let storage = CSVStorage(
                path: path, bytes: [], contentStart: 0, fields: [], recordFieldStarts: [0],
                recordLines: [], emptyLines: [], columnNames: [])
            return Result(storage: storage, errors: [error])
        }
        let contentStart = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        return bytes.withUnsafeBufferPointer { buffer in
            var scan = scanRecords(buffer, from: contentStart)

            var columnNames: [String] = []
            if scan.recordLines.count > 0 {
                let headerFields = Int(scan.recordFieldStarts[0])..<Int(scan.recordFieldStarts[1])
                var firstOffsetByName: [String: Int] = [:]
                for span in scan.fields[headerFields] {
                    let name = CSVStorage.string(in: buffer, start: Int(span.start), end: Int(span.end))
                    columnNames.append(name)
                    if let first = firstOffsetByName[name] {
                        if !name.isEmpty {
                            scan.issues.append(Issue(
                                offset: Int(span.start), kind: .duplicateColumn(name: name, firstOffset: first)))
                        }
                    } else {
                        firstOffsetByName[name] = Int(span.start)
                    }
                }
            }

            for invalid in UTF8Validation.invalidSequences(in: buffer, from: contentStart) {
                scan.issues.append(Issue(offset: invalid.offset, kind: .invalidUTF8(invalid)))
            }
            let controls = controlBytes(in: buffer, from: contentStart).map {
                Issue(offset: $0, kind: .controlCharacter(buffer[$0]))
            }
            let controlErrors = controls.isEmpty ? [] : locate(controls, in: buffer, contentStart: contentStart, path: path)
            var errors = locate(scan.issues, in: buffer, contentStart: contentStart, path: path)
            if scan.recordLines.isEmpty {
                let message = buffer.count == contentStart ? "file is empty" : "file has no records, only empty lines"
                errors.append(CSVError(
                    path: path, location: CSVLocation(line: 1, column: 1), message: message,
                    hint: "a CSV file starts with a header line naming its columns, separated by commas"))
                errors.sort()
            }
            let storage = CSVStorage(
                path: path, bytes: bytes, contentStart: contentStart, fields: scan.fields,
                recordFieldStarts: scan.recordFieldStarts, recordLines: scan.recordLines,
                emptyLines: scan.emptyLines, columnNames: columnNames)
            return Result(storage: storage, errors: errors, controlErrors: controlErrors)
        }
    }

    /// An error for input that is not parsed at all: UTF-16 or UTF-32 (by
    /// byte order mark), or a file too large for 32-bit offsets.
    private static func unsupportedInput(_ bytes: [UInt8], path: String) -> CSVError? {
        let start = CSVLocation(line: 1, column: 1)
        let encodings: [(mark: [UInt8], name: String)] = [
            ([0xFF, 0xFE, 0x00, 0x00], "UTF-32 (little-endian)"),
            ([0x00, 0x00, 0xFE, 0xFF], "UTF-32 (big-endian)"),
            ([0xFF, 0xFE], "UTF-16 (little-endian)"),
            ([0xFE, 0xFF], "UTF-16 (big-endian)"),
        ]
        for (mark, name) in encodings where bytes.starts(with: mark) {
            let hex = mark.map(hex).joined(separator: " ")
            return CSVError(
                path: path, location: start,
                message: "file is encoded as \(name), not UTF-8 (it starts with the byte order mark \(hex))",
                hint: "save the file as UTF-8 (in a spreadsheet: 'CSV UTF-8'); a UTF-8 byte order mark is accepted")
        }
        if bytes.count >= Int(UInt32.max) {
            return CSVError(
                path: path, location: start,
                message: "file is too large for the CSV reader (\(bytes.count) bytes; the limit is 4 GiB)",
                hint: "split the file into several smaller files")
        }
        return nil
    }

    struct Scan {
        var fields: [CSVFieldSpan] = []
        var recordFieldStarts: [UInt32] = [0]
        var recordLines: [UInt32] = []
        var emptyLines: [Int] = []
        var issues: [Issue] = []
    }

    /// Splits `buffer[start...]` into records and fields.
    ///
    /// - Complexity: O(*n*); each byte is looked at once, except after an
    ///   unterminated quote, where scanning resumes at the next line.
    static func scanRecords(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int) -> Scan {
        var scan = Scan()
        let count = buffer.count
        scan.fields.reserveCapacity(count / 8 + 16)
        scan.recordFieldStarts.reserveCapacity(count / 48 + 2)
        scan.recordLines.reserveCapacity(count / 48 + 1)
        var index = start
        var line = 1
        while index < count {
            let recordLine = line
            let firstField = scan.fields.count
            // A record is empty when all of its fields are unquoted and empty and it has no problem.
            var isEmpty = true
            fieldLoop: while true {
                let fieldStart = index
                if index < count && buffer[index] == quote {
                    isEmpty = false
                    let quoteLine = line
                    index += 1
                    var closed = false
                    while index < count {
                        let byte = buffer[index]
                        index += 1
                        if byte == quote {
                            if index < count && buffer[index] == quote {
                                index += 1
                            } else {
                                closed = true
                                break
                            }
                        } else if byte == lineFeed {
                            line += 1
                        } else if byte == carriageReturn {
                            line += 1
                            if index < count && buffer[index] == lineFeed { index += 1 }
                        }
                    }
                    if !closed {
                        // Resume after the line the quote opened on, so that later problems are found too.
                        scan.issues.append(Issue(offset: fieldStart, kind: .unterminatedQuote))
                        line = quoteLine
                        index = fieldStart + 1
                        while index < count && buffer[index] != lineFeed && buffer[index] != carriageReturn {
                            index += 1
                        }
                    } else if index < count {
                        let next = buffer[index]
                        if next != comma && next != lineFeed && next != carriageReturn {
                            scan.issues.append(Issue(offset: index, kind: .textAfterClosingQuote))
                            while index < count {
                                let byte = buffer[index]
                                if byte == comma || byte == lineFeed || byte == carriageReturn { break }
                                index += 1
                            }
                        }
                    }
                } else {
                    var reportedQuote = false
                    while index < count {
                        let byte = buffer[index]
                        if byte > comma {  // fast path: letters, digits, '-', '.', '/', ':', ...
                            index += 1
                            continue
                        }
                        if byte == comma || byte == lineFeed || byte == carriageReturn { break }
                        if byte == quote && !reportedQuote {
                            scan.issues.append(Issue(offset: index, kind: .quoteInUnquotedField))
                            reportedQuote = true
                        }
                        index += 1
                    }
                    if index > fieldStart { isEmpty = false }
                }
                scan.fields.append(CSVFieldSpan(
                    start: UInt32(truncatingIfNeeded: fieldStart), end: UInt32(truncatingIfNeeded: index)))
                guard index < count else { break fieldLoop }
                let delimiter = buffer[index]
                index += 1
                if delimiter == comma { continue fieldLoop }
                if delimiter == carriageReturn && index < count && buffer[index] == lineFeed { index += 1 }
                line += 1
                break fieldLoop
            }
            if isEmpty {
                scan.fields.removeSubrange(firstField...)
                scan.emptyLines.append(recordLine)
            } else {
                scan.recordFieldStarts.append(UInt32(truncatingIfNeeded: scan.fields.count))
                scan.recordLines.append(UInt32(truncatingIfNeeded: recordLine))
            }
        }
        return scan
    }

    /// Locates and words `issues`, sorted by position; keeps only the first
    /// invalid UTF-8 sequence of each line.
    ///
    /// - Complexity: O(*n*) for the sweep to the last issue, plus O(*k* log *k*)
    ///   for sorting *k* issues.
    static func locate(
        _ issues: [Issue], in buffer: UnsafeBufferPointer<UInt8>, contentStart: Int, path: String
    ) -> [CSVError] {
        guard !issues.isEmpty else { return [] }
        var offsets: [Int] = []
        for issue in issues {
            offsets.append(issue.offset)
            if case .duplicateColumn(_, let firstOffset) = issue.kind { offsets.append(firstOffset) }
        }
        var cursor = CSVLocationCursor(lineStart: contentStart, line: 1)
        var locations: [Int: CSVLocation] = [:]
        for offset in Set(offsets).sorted() {
            locations[offset] = cursor.advance(to: offset, in: buffer)
        }
        let sorted = issues.enumerated().sorted { ($0.element.offset, $0.offset) < ($1.element.offset, $1.offset) }
        var errors: [CSVError] = []
        var lastInvalidUTF8Line = 0
        var lastControlLine = 0
        for (_, issue) in sorted {
            let here = locations[issue.offset]!
            let message: String
            let hint: String
            switch issue.kind {
            case .unterminatedQuote:
                message = "unterminated quoted field"
                hint = "the quote opened here is never closed; end the field with '\"', "
                    + "and write a quote inside a quoted field as '\"\"'"
            case .quoteInUnquotedField:
                message = "quote '\"' inside an unquoted field"
                hint = "enclose the whole field in double quotes and double each quote inside it, "
                    + "e.g. \"Hall \"\"A\"\"\""
            case .textAfterClosingQuote:
                message = "unexpected text after the closing quote of a quoted field"
                hint = "a quoted field ends at its closing quote: put a comma or a line break right after it, "
                    + "or write a quote inside the field as '\"\"'"
            case .duplicateColumn(let name, let firstOffset):
                message = "duplicate column name '\(name)' in the header"
                let first = locations[firstOffset]!
                hint = "the first '\(name)' is at \(first); rename or remove one of them"
            case .controlCharacter(let byte):
                guard here.line != lastControlLine else { continue }
                lastControlLine = here.line
                message = "control character \(hex(byte))\(byte == 0 ? " (NUL)" : "") in a field"
                hint = "remove it: fields hold text (a tab, and line breaks inside quotes, are fine); "
                    + "a NUL byte often means the file is UTF-16 or binary"
            case .invalidUTF8(let invalid):
                guard here.line != lastInvalidUTF8Line else { continue }
                lastInvalidUTF8Line = here.line
                message = "invalid UTF-8: byte \(hex(invalid.byte)) " + describe(invalid.problem)
                hint = "the file is probably in another encoding, such as Latin-1 or Windows-1252; save it as UTF-8"
            }
            errors.append(CSVError(path: path, location: here, message: message, hint: hint))
        }
        return errors.sorted()
    }

    private static func describe(_ problem: UTF8Validation.Problem) -> String {
        switch problem {
        case .unexpectedContinuation:
            return "is a continuation byte where a character should start"
        case .neverValid:
            return "never occurs in UTF-8"
        case .truncated(let length):
            return "starts a \(length)-byte sequence that is cut short"
        case .outOfRange(let next):
            return "followed by \(hex(next)) makes an overlong form, a surrogate or a code point above U+10FFFF"
        }
    }

    /// Offsets of C0 control bytes other than tab, line feed and carriage
    /// return, and of DEL. ASCII text is skipped 8 bytes at a time: a word
    /// with no byte below 0x20 and none equal to 0x7F has none.
    static func controlBytes(in buffer: UnsafeBufferPointer<UInt8>, from start: Int) -> [Int] {
        var result: [Int] = []
        guard let base = buffer.baseAddress else { return result }
        let count = buffer.count
        var index = start
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        while index < count {
            while index + 8 <= count {
                let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
                let below20 = (word &- ones &* 0x20) & ~word & highs
                let del = word ^ (ones &* 0x7F)
                let isDEL = (del &- ones) & ~del & highs
                if below20 | isDEL != 0 { break }
                index += 8
            }
            let end = min(index + 8, count)
            while index < end {
                let b = buffer[index]
                if (b < 0x20 && b != 0x09 && b != 0x0A && b != 0x0D) || b == 0x7F { result.append(index) }
                index += 1
            }
        }
        return result
    }

    /// `0xE9`: a byte in upper-case hexadecimal with two digits.
    static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return "0x" + String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 0x0F)])
    }
}
