import Foundation
import Testing
@testable import PartnerGraphIO

/// Parses `text` as the file `t.csv`.
func csv(_ text: String, path: String = "t.csv") -> CSVReader {
    CSVReader(bytes: Array(text.utf8), path: path)
}

/// The data records' fields.
func rows(_ reader: CSVReader) -> [[String]] {
    reader.records.map(\.fields)
}

/// Every error as printed.
func printed(_ reader: CSVReader) -> [String] {
    reader.errors.map(\.description)
}

@Suite("CSV reader: structure")
struct CSVReaderStructureTests {
    @Test("quoted fields keep embedded commas, doubled quotes and line breaks")
    func quotedFields() {
        let reader = csv(
            "id,name,note\n"
                + "a,\"Hall \"\"A\"\", room 2\",\"line1\nline2\"\n"
                + "b,\"x,y\",plain\n"
                + "c,\"crlf\r\ninside\",\"cr\rinside\"\n"
                + "d,\"\",\"\"\"\"\n")
        #expect(reader.errors.isEmpty)
        #expect(reader.columnNames == ["id", "name", "note"])
        #expect(rows(reader) == [
            ["a", "Hall \"A\", room 2", "line1\nline2"],
            ["b", "x,y", "plain"],
            ["c", "crlf\r\ninside", "cr\rinside"],
            ["d", "", "\""],
        ])
        // Physical lines: record a spans lines 2-3, c spans 5-7 (a CRLF and a lone CR inside quotes).
        #expect(reader.records.map(\.line) == [2, 4, 5, 8])
    }

    @Test("record terminators LF, CRLF and lone CR, mixed", arguments: [
        "a,b\n1,2\n3,4\n",
        "a,b\r\n1,2\r\n3,4\r\n",
        "a,b\r1,2\r3,4\r",
        "a,b\r\n1,2\r3,4\n",
        "a,b\n1,2\n3,4",
        "a,b\r1,2\r3,4",
    ])
    func terminators(text: String) {
        let reader = csv(text)
        #expect(reader.errors.isEmpty)
        #expect(reader.header?.fields == ["a", "b"])
        #expect(rows(reader) == [["1", "2"], ["3", "4"]])
        #expect(reader.records.map(\.line) == [2, 3])
        #expect(reader.emptyLines.isEmpty)
    }

    @Test("a trailing comma makes an empty last field, also at the end of the file")
    func trailingComma() {
        #expect(rows(csv("a,b,c\n1,2,\n")) == [["1", "2", ""]])
        #expect(rows(csv("a,b,c\n1,2,")) == [["1", "2", ""]])
    }

    @Test("a UTF-8 byte order mark is skipped and not counted as a column")
    func byteOrderMark() {
        let reader = CSVReader(bytes: [0xEF, 0xBB, 0xBF] + Array("id,name\nx,Åbo\n".utf8), path: "t.csv")
        #expect(reader.errors.isEmpty)
        #expect(reader.columnNames == ["id", "name"])
        #expect(reader.columnIndex(named: "id") == 0)
        #expect(reader.header?.location(ofField: 0) == CSVLocation(line: 1, column: 1))
        #expect(reader.header?.location(ofField: 1) == CSVLocation(line: 1, column: 4))
        #expect(rows(reader) == [["x", "Åbo"]])

        let bad = CSVReader(bytes: [0xEF, 0xBB, 0xBF] + Array("i\"d,name\n".utf8), path: "t.csv")
        #expect(bad.errors.map(\.errorLine) == ["t.csv:1:2: error: quote '\"' inside an unquoted field"])
    }

    @Test("UTF-16 and UTF-32 byte order marks are rejected with a hint to save as UTF-8", arguments: [
        ([0xFF, 0xFE, 0x69, 0x00], "UTF-16 (little-endian)", "0xFF 0xFE"),
        ([0xFE, 0xFF, 0x00, 0x69], "UTF-16 (big-endian)", "0xFE 0xFF"),
        ([0xFF, 0xFE, 0x00, 0x00, 0x69, 0x00, 0x00, 0x00], "UTF-32 (little-endian)", "0xFF 0xFE 0x00 0x00"),
        ([0x00, 0x00, 0xFE, 0xFF, 0x00, 0x00, 0x00, 0x69], "UTF-32 (big-endian)", "0x00 0x00 0xFE 0xFF"),
    ] as [([UInt8], String, String)])
    func otherEncodings(bytes: [UInt8], encoding: String, mark: String) {
        let reader = CSVReader(bytes: bytes, path: "p.csv")
        #expect(printed(reader) == [
            "p.csv:1:1: error: file is encoded as \(encoding), not UTF-8 (it starts with the byte order mark \(mark))\n"
                + "p.csv:1:1: note: save the file as UTF-8 (in a spreadsheet: 'CSV UTF-8'); "
                + "a UTF-8 byte order mark is accepted",
        ])
        #expect(reader.header == nil)
        #expect(reader.records.isEmpty)
    }

    @Test("ragged records keep their fields; fieldCountErrors words the mismatch")
    func raggedRecords() {
        let reader = csv("a,b,c\n1,2\n1,2,3,4\n1,2,3\n\"x\ny\"\n")
        #expect(reader.errors.isEmpty)
        #expect(reader.records.map(\.count) == [2, 4, 3, 1])
        #expect(rows(reader) == [["1", "2"], ["1", "2", "3", "4"], ["1", "2", "3"], ["x\ny"]])
        #expect(reader.records[0].field(at: 2) == nil)
        #expect(reader.records[0]["c"] == nil)
        #expect(reader.fieldCountErrors().map(\.description) == [
            "t.csv:2:4: error: record has 2 fields but the header has 3 (a,b,c)\n"
                + "t.csv:2:4: note: add the missing fields, empty if unknown (write a comma for each)",
            "t.csv:3:7: error: record has 4 fields but the header has 3 (a,b,c)\n"
                + "t.csv:3:7: note: enclose a field that contains a comma in double quotes, or remove the extra fields",
            "t.csv:6:3: error: record has 1 field but the header has 3 (a,b,c)\n"
                + "t.csv:6:3: note: add the missing fields, empty if unknown (write a comma for each)",
        ])
    }

    @Test("an empty file, a file of only a BOM and a file of only blank lines have no header")
    func emptyFile() {
        let hint = "t.csv:1:1: note: a CSV file starts with a header line naming its columns, separated by commas"
        for reader in [csv(""), CSVReader(bytes: [0xEF, 0xBB, 0xBF], path: "t.csv")] {
            #expect(printed(reader) == ["t.csv:1:1: error: file is empty\n" + hint])
            #expect(reader.header == nil)
            #expect(reader.records.isEmpty)
            #expect(reader.columnNames.isEmpty)
            #expect(reader.fieldCountErrors().isEmpty)
        }
        let blank = csv("\n\r\n,,\n")
        #expect(printed(blank) == ["t.csv:1:1: error: file has no records, only empty lines\n" + hint])
        #expect(blank.emptyLines == [1, 2, 3])
        #expect(blank.header == nil)
    }

    @Test("a header without records is valid", arguments: ["id,name,kind\n", "id,name,kind", "id,name,kind\r\n\r\n"])
    func headerOnly(text: String) {
        let reader = csv(text)
        #expect(reader.errors.isEmpty)
        #expect(reader.columnNames == ["id", "name", "kind"])
        #expect(reader.header?.line == 1)
        #expect(reader.records.isEmpty)
        #expect(reader.fieldCountErrors().isEmpty)
    }

    @Test("blank lines and rows of empty unquoted fields are skipped, lines stay right")
    func emptyRows() {
        // Like manytrade_HUGGO_MEM_additional.csv: CRLF and an unterminated row of commas at the end.
        let reader = csv("a,b,c\r\n1,NA,3\r\n\r\n4,,6\r\n,,")
        #expect(reader.errors.isEmpty)
        #expect(reader.fieldCountErrors().isEmpty)
        #expect(rows(reader) == [["1", "NA", "3"], ["4", "", "6"]])
        #expect(reader.records.map(\.line) == [2, 4])
        #expect(reader.emptyLines == [3, 5])

        // A quoted empty field is content: the record is kept.
        let quoted = csv("a,b\n\"\",\n,\n")
        #expect(rows(quoted) == [["", ""]])
        #expect(quoted.emptyLines == [3])
        // So is a field of spaces.
        #expect(rows(csv("a\n \n")) == [[" "]])
    }

    @Test("NA cells are text, distinct from empty cells")
    func notAvailableIsText() {
        let reader = csv("stateID,StateName\nNA,Macao\n,Nowhere\n")
        #expect(reader.records[0]["stateID"] == "NA")
        #expect(!reader.records[0].isEmpty(at: 0))
        #expect(reader.records[1]["stateID"] == "")
        #expect(reader.records[1].isEmpty(at: 0))
        #expect(reader.records[1].isEmpty(at: 7))
    }

    @Test("header access by name, first column wins")
    func headerAccess() {
        let reader = csv("source,target,type\nohchr,unesco,agreement\nilo\n")
        #expect(reader.columnIndex(named: "target") == 1)
        #expect(reader.columnIndex(named: "Target") == nil)
        #expect(reader.records[0]["type"] == "agreement")
        #expect(reader.records[0]["weight"] == nil)
        #expect(reader.records[1]["source"] == "ilo")
        #expect(reader.records[1]["target"] == nil)
    }

    @Test("field bytes without creating a String, quotes undone")
    func fieldBytes() {
        let reader = csv("a,b,c\nplain,\"q,\"\"x\"\"\",\"\"\n")
        let record = reader.records[0]
        #expect(record.withUTF8(at: 0) { Array($0) } == Array("plain".utf8))
        #expect(record.withUTF8(at: 1) { Array($0) } == Array("q,\"x\"".utf8))
        #expect(record.withUTF8(at: 2) { $0.count } == 0)
        #expect(record.isEmpty(at: 2))
    }

    @Test("list cells: split at ';', trimmed, empty items dropped")
    func listCells() {
        #expect(CSVReader.listItems(in: " health; ; education;") == ["health", "education"])
        #expect(CSVReader.listItems(in: "\tÅbo Akademi ;human rights\t") == ["Åbo Akademi", "human rights"])
        #expect(CSVReader.listItems(in: "") == [])
        #expect(CSVReader.listItems(in: " ; ;") == [])
        #expect(CSVReader.listItems(in: "single") == ["single"])
        let reader = csv("id,themes\nx,\"work; rights\"\n")
        #expect(reader.records[0].listItems(at: 1) == ["work", "rights"])
        #expect(reader.records[0].listItems(at: 5) == [])
    }

    @Test(
        "the real manytrade membership file: CRLF, NA cells, an empty trailing row",
        .enabled(
            if: FileManager.default.isReadableFile(atPath: sharedDataPath("manytrade_HUGGO_MEM_additional.csv")),
            "../shared/data/manytrade_HUGGO_MEM_additional.csv is absent"))
    func realMembershipFile() throws {
        let path = sharedDataPath("manytrade_HUGGO_MEM_additional.csv")
        let reader = try CSVReader(contentsOfFile: path, displayPath: "manytrade_HUGGO_MEM_additional.csv")
        #expect(reader.errors.isEmpty)
        #expect(reader.fieldCountErrors().isEmpty)
        // Counts from Python's csv module: 5609 rows, the last one all empty.
        #expect(reader.columnNames.count == 20)
        #expect(reader.records.count == 5607)
        #expect(reader.emptyLines == [5609])
        let macao = try #require(reader.records.first { $0["StateName"] == "Macao" })
        #expect(macao.line == 68)
        #expect(macao["stateID"] == "NA")
        #expect(macao["Begin"] == "30.10.1947")
    }

    @Test(
        "the real manytrade agreements file, which starts with a UTF-8 BOM",
        .enabled(
            if: FileManager.default.isReadableFile(atPath: sharedDataPath("manytrade_HUGGO_additional.csv")),
            "../shared/data/manytrade_HUGGO_additional.csv is absent"))
    func realAgreementsFileWithBOM() throws {
        let reader = try CSVReader(contentsOfFile: sharedDataPath("manytrade_HUGGO_additional.csv"))
        #expect(reader.errors.isEmpty)
        #expect(reader.fieldCountErrors().isEmpty)
        // From Python's csv module (encoding utf-8-sig): 62 rows, the last starting on line 62.
        #expect(reader.columnNames.first == "manyID")
        #expect(reader.columnNames.count == 10)
        #expect(reader.records.count == 61)
        #expect(reader.records.last?.line == 62)
        #expect(reader.records.last?.fields.prefix(2) == ["ASENKR_2005O", "ASEAN Korea"])
        #expect(reader.records[4]["Citation"] == "")
        #expect(reader.records[4]["End"] == "31.12.9999")
    }
}

/// `../shared/data/name`, relative to the repository root.
func sharedDataPath(_ name: String) -> String {
    var components = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
    components.removeLast(3)  // Tests/PartnerGraphIOTests/CSVReaderTests.swift
    return components.joined(separator: "/") + "/../shared/data/" + name
}
