import Testing
@testable import PartnerGraphIO

@Suite("CSV writer")
struct CSVWriterTests {
    @Test("quotes only the fields that need it, doubles quotes, ends every record with \\n")
    func quoting() {
        var writer = CSVWriter()
        writer.writeRecord(["id", "name"])
        writer.writeRecord([
            "plain", "a b", "x;y", "with,comma", "say \"hi\"", "line\nbreak", "cr\rx", "crlf\r\n",
            " lead", "trail ", "\tx", "", "NA", "Åbo", "\u{FEFF}bom", "mid\u{FEFF}",
        ])
        #expect(writer.text == "id,name\n"
            + "plain,a b,x;y,\"with,comma\",\"say \"\"hi\"\"\",\"line\nbreak\",\"cr\rx\",\"crlf\r\n\","
            + "\" lead\",\"trail \",\"\tx\",,NA,Åbo,\"\u{FEFF}bom\",mid\u{FEFF}\n")
        #expect(writer.bytes == Array(writer.text.utf8))
    }

    @Test("a record of empty fields is written so that it reads back as a record")
    func emptyRecords() {
        #expect(CSVWriter.line([""]) == "\"\"\n")
        #expect(CSVWriter.line(["", "", ""]) == "\"\",,\n")
        #expect(CSVWriter.line(["", "x"]) == ",x\n")
        var writer = CSVWriter()
        writer.writeRecord(["a", "b"])
        writer.writeRecord(["", ""])
        writer.writeRecord([""[...], "z"[...]])  // Substrings work too
        let reader = CSVReader(bytes: writer.bytes, path: "t.csv")
        #expect(reader.errors.isEmpty)
        #expect(rows(reader) == [["", ""], ["", "z"]])
    }

    @Test("single fields and lines")
    func fieldsAndLines() {
        #expect(CSVWriter.field("Hall \"A\", room 2") == "\"Hall \"\"A\"\", room 2\"")
        #expect(CSVWriter.field("ohchr") == "ohchr")
        #expect(CSVWriter.field("") == "")
        #expect(CSVWriter.line(["ohchr", "OHCHR, Geneva"]) == "ohchr,\"OHCHR, Geneva\"\n")
        #expect(CSVWriter.needsQuoting("Åbo Akademi") == false)
        #expect(CSVWriter.needsQuoting("Åbo Akademi ") == true)
        #expect(CSVWriter.needsQuoting("\u{FEFF}") == true)
        #expect(CSVWriter.needsQuoting("\u{FEFE}") == false)
    }

    @Test("list cells join with ';' and refuse items that would not read back")
    func listCells() {
        #expect(CSVWriter.listCell(["health", "Åbo Akademi"]) == "health;Åbo Akademi")
        #expect(CSVWriter.listCell([]) == "")
        #expect(CSVWriter.listCell(["a;b"]) == nil)
        #expect(CSVWriter.listCell([" a"]) == nil)
        #expect(CSVWriter.listCell(["a\t"]) == nil)
        #expect(CSVWriter.listCell(["a", ""]) == nil)
        let items = ["human rights", "education", "Åbo"]
        #expect(CSVReader.listItems(in: CSVWriter.listCell(items) ?? "") == items)
    }
}
