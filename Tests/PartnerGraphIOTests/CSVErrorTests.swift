import Foundation
import Testing
@testable import PartnerGraphIO

@Suite("CSV reader: diagnostics")
struct CSVErrorTests {
    static let utf8Hint = "the file is probably in another encoding, such as Latin-1 or Windows-1252; save it as UTF-8"

    @Test("errors print like a compiler, with the hint as a note")
    func printing() {
        let error = CSVError(
            path: "Graphs/x/ties.csv", location: CSVLocation(line: 12, column: 5),
            message: "unknown partner 'ohcr'", hint: "did you mean 'ohchr'?")
        #expect(error.description == "Graphs/x/ties.csv:12:5: error: unknown partner 'ohcr'\n"
            + "Graphs/x/ties.csv:12:5: note: did you mean 'ohchr'?")
        #expect(error.errorLine == "Graphs/x/ties.csv:12:5: error: unknown partner 'ohcr'")
        let bare = CSVError(path: "a.csv", location: CSVLocation(line: 1, column: 1), message: "file is empty")
        #expect(bare.description == "a.csv:1:1: error: file is empty")
    }

    @Test("invalid UTF-8 on several lines: one error per line, naming the byte and its column")
    func invalidUTF8() {
        var bytes = Array("id,name\n1,caf".utf8) + [0xE9] + Array("\n2,ok\n3,å".utf8) + [0xFF, 0xFE]
        bytes += Array("\n4,".utf8) + [0x80] + Array("x\n".utf8)
        let reader = CSVReader(bytes: bytes, path: "p.csv")
        #expect(printed(reader) == [
            "p.csv:2:6: error: invalid UTF-8: byte 0xE9 starts a 3-byte sequence that is cut short\n"
                + "p.csv:2:6: note: " + Self.utf8Hint,
            "p.csv:4:4: error: invalid UTF-8: byte 0xFF never occurs in UTF-8\n"
                + "p.csv:4:4: note: " + Self.utf8Hint,
            "p.csv:5:3: error: invalid UTF-8: byte 0x80 is a continuation byte where a character should start\n"
                + "p.csv:5:3: note: " + Self.utf8Hint,
        ])
        // The records are still there, with U+FFFD for what cannot be decoded.
        #expect(rows(reader) == [["1", "caf\u{FFFD}"], ["2", "ok"], ["3", "å\u{FFFD}\u{FFFD}"], ["4", "\u{FFFD}x"]])
    }

    @Test("ill-formed UTF-8 sequences from the Unicode Standard, table 3-7", arguments: [
        ([0xC0, 0xAF], "byte 0xC0 never occurs in UTF-8"),  // overlong '/'
        ([0xE0, 0x80, 0xAF], "byte 0xE0 followed by 0x80 makes an overlong form, a surrogate or a code point above U+10FFFF"),
        ([0xED, 0xA0, 0x80], "byte 0xED followed by 0xA0 makes an overlong form, a surrogate or a code point above U+10FFFF"),
        ([0xF4, 0x90, 0x80, 0x80], "byte 0xF4 followed by 0x90 makes an overlong form, a surrogate or a code point above U+10FFFF"),
        ([0xF0, 0x9F, 0x91], "byte 0xF0 starts a 4-byte sequence that is cut short"),
        ([0xC3], "byte 0xC3 starts a 2-byte sequence that is cut short"),
        ([0xF8, 0x88, 0x80, 0x80, 0x80], "byte 0xF8 never occurs in UTF-8"),
    ] as [([UInt8], String)])
    func illFormedSequences(sequence: [UInt8], detail: String) {
        let reader = CSVReader(bytes: Array("a,b\nÅ,".utf8) + sequence + Array(",z\n".utf8), path: "p.csv")
        #expect(reader.errors.map(\.errorLine) == ["p.csv:2:3: error: invalid UTF-8: " + detail])
    }

    @Test("well-formed multi-byte UTF-8 at the edges of the ranges is accepted")
    func wellFormedEdges() {
        let text = "a\n\u{80}\u{7FF}\u{800}\u{D7FF}\u{E000}\u{FFFF}\u{10000}\u{10FFFF}\n"
        let reader = csv(text)
        #expect(reader.errors.isEmpty)
        #expect(rows(reader) == [["\u{80}\u{7FF}\u{800}\u{D7FF}\u{E000}\u{FFFF}\u{10000}\u{10FFFF}"]])
    }

    @Test("an unterminated quote is reported where it opened; the lines after it are still read")
    func unterminatedQuote() {
        let reader = csv("id,name\n1,ok\n2,\"never closed\n3,fine\n")
        #expect(printed(reader) == [
            "t.csv:3:3: error: unterminated quoted field\n"
                + "t.csv:3:3: note: the quote opened here is never closed; end the field with '\"', "
                + "and write a quote inside a quoted field as '\"\"'",
        ])
        #expect(rows(reader) == [["1", "ok"], ["2", "never closed"], ["3", "fine"]])
        #expect(reader.records.map(\.line) == [2, 3, 4])
    }

    @Test("an unterminated quote after multi-byte characters and an earlier multi-line field")
    func unterminatedQuoteColumn() {
        let reader = csv("id,name\n\"a\nb\",x\nÅbo-IHR,\"Åbo Akademi")
        #expect(reader.errors.map(\.errorLine) == ["t.csv:4:9: error: unterminated quoted field"])
        #expect(rows(reader) == [["a\nb", "x"], ["Åbo-IHR", "Åbo Akademi"]])
    }

    @Test("a quote inside an unquoted field, counted in scalars after multi-byte characters")
    func quoteInUnquotedField() {
        // 日 本 , a " : the quote is the 5th character; e + U+0301 are two scalars, 👍 one.
        let reader = csv("日本,a\"b\ne\u{301}👍,x\"y\"\n")
        #expect(reader.errors.map(\.errorLine) == [
            "t.csv:1:5: error: quote '\"' inside an unquoted field",
            "t.csv:2:6: error: quote '\"' inside an unquoted field",
        ])
        #expect(reader.errors.first?.hint
            == "enclose the whole field in double quotes and double each quote inside it, e.g. \"Hall \"\"A\"\"\"")
        // The field is kept as written.
        #expect(rows(reader) == [["e\u{301}👍", "x\"y\""]])
    }

    @Test("text after a closing quote")
    func textAfterClosingQuote() {
        let reader = csv("id,name,kind\nÅbo-IHR,\"Åbo\" Akademi,academic\n")
        #expect(printed(reader) == [
            "t.csv:2:14: error: unexpected text after the closing quote of a quoted field\n"
                + "t.csv:2:14: note: a quoted field ends at its closing quote: put a comma or a line break "
                + "right after it, or write a quote inside the field as '\"\"'",
        ])
        #expect(rows(reader) == [["Åbo-IHR", "Åbo Akademi", "academic"]])
    }

    @Test("a header naming a column twice")
    func duplicateColumn() {
        let reader = csv("id,name,Åbo,id\n1,2,3,4\n")
        #expect(printed(reader) == [
            "t.csv:1:13: error: duplicate column name 'id' in the header\n"
                + "t.csv:1:13: note: the first 'id' is at 1:1; rename or remove one of them",
        ])
        #expect(reader.columnIndex(named: "id") == 0)
        #expect(reader.records[0]["id"] == "1")
    }

    @Test("all problems of a file are reported, in order")
    func allProblems() {
        let bytes = Array("id,name\n1,a\"b\n2,".utf8) + [0xE9] + Array("\n3,\"x\"y\n4,\"open\n".utf8)
        let reader = CSVReader(bytes: bytes, path: "t.csv")
        #expect(reader.errors.map(\.errorLine) == [
            "t.csv:2:4: error: quote '\"' inside an unquoted field",
            "t.csv:3:3: error: invalid UTF-8: byte 0xE9 starts a 3-byte sequence that is cut short",
            "t.csv:4:6: error: unexpected text after the closing quote of a quoted field",
            "t.csv:5:3: error: unterminated quoted field",
        ])
        #expect(reader.records.count == 4)
    }

    @Test("diagnostic lines count CRLF once and a lone CR as a line break, inside quotes too")
    func linesAfterCarriageReturns() {
        let reader = csv("a,b\r\n1,\"x\r\ny\"\r\n3,\"x\"y\r4,\"p\rq\"\r\n6,\"open")
        #expect(reader.errors.map(\.errorLine) == [
            "t.csv:4:6: error: unexpected text after the closing quote of a quoted field",
            "t.csv:7:3: error: unterminated quoted field",
        ])
        #expect(reader.records.map(\.line) == [2, 4, 5, 7])
        #expect(reader.records[0].location(ofField: 1) == CSVLocation(line: 2, column: 3))
        #expect(reader.records[0].endLocation == CSVLocation(line: 3, column: 3))
        #expect(reader.records[2].endLocation == CSVLocation(line: 6, column: 3))
    }

    @Test("field locations: columns in scalars, fields on the later lines of a record")
    func fieldLocations() {
        let reader = csv("a,b,c\n\"x\ny\",Åz,\"q\"\r\nÅ,👍,\n")
        let first = reader.records[0]
        #expect(first.line == 2)
        #expect(first.location(ofField: 0) == CSVLocation(line: 2, column: 1))
        #expect(first.location(ofField: 1) == CSVLocation(line: 3, column: 4))
        #expect(first.location(ofField: 2) == CSVLocation(line: 3, column: 7))
        #expect(first.endLocation == CSVLocation(line: 3, column: 10))
        #expect(first.location(ofField: 3) == first.endLocation)
        let second = reader.records[1]
        #expect(second.line == 4)
        #expect(second.location(ofField: 2) == CSVLocation(line: 4, column: 5))
        #expect(second.error(atField: 1, "unknown partner '👍'").description
            == "t.csv:4:3: error: unknown partner '👍'")
    }

    @Test("reading a file that does not exist, or a directory, throws with the system's reason")
    func unreadableFile() throws {
        #expect(throws: CSVError(
            path: "missing.csv", location: CSVLocation(line: 1, column: 1),
            message: "cannot read file: No such file or directory")) {
            try CSVReader(contentsOfFile: "/nonexistent/dir/ties.csv", displayPath: "missing.csv")
        }
        let directory = FileManager.default.temporaryDirectory.path
        #expect(throws: CSVError(
            path: directory, location: CSVLocation(line: 1, column: 1),
            message: "cannot read file: Is a directory")) {
            try CSVReader(contentsOfFile: directory)
        }
    }

    @Test("reading a file from disk gives the same records as its bytes")
    func readsFile() throws {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("csv-reader-\(UInt64.random(in: 0...UInt64.max)).csv")
        var text = "id,name\n"
        for index in 0..<5000 { text += "P\(index),\"Name, \(index)\"\n" }
        try Data(text.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let reader = try CSVReader(contentsOfFile: url.path, displayPath: "ties.csv")
        #expect(reader.path == "ties.csv")
        #expect(reader.errors.isEmpty)
        #expect(reader.records.count == 5000)
        #expect(reader.records[4999].fields == ["P4999", "Name, 4999"])
    }

    @Test("random byte soup never crashes; errors are sorted and every field and location is readable")
    func byteSoup() {
        let alphabet: [UInt8] = Array(",\"\r\na Å".utf8) + [0xFF, 0xC3, 0xE2, 0x82, 0xEF, 0xBB, 0xBF]
        let seed: UInt64 = 0x5EED_C5F0
        var random = SplitMix64(seed: seed)
        for iteration in 0..<2000 {
            let length = Int(random.next() % 40)
            let bytes = (0..<length).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }
            let reader = CSVReader(bytes: bytes, path: "soup.csv")
            #expect(reader.errors == reader.errors.sorted(), "seed \(seed), iteration \(iteration), bytes \(bytes)")
            var previousLine = 0
            for record in [reader.header].compactMap({ $0 }) + Array(reader.records) {
                #expect(record.line > previousLine, "seed \(seed), iteration \(iteration), bytes \(bytes)")
                previousLine = record.line
                for position in record.indices {
                    _ = record[position]
                    let location = record.location(ofField: position)
                    #expect(location.line >= record.line && location.column >= 1,
                            "seed \(seed), iteration \(iteration), bytes \(bytes)")
                }
                _ = record.endLocation
            }
            _ = reader.fieldCountErrors()
        }
    }
}
