import Foundation
import Testing
@testable import PartnerGraphIO

/// Cross-checks the reader against an independent implementation: Python's
/// `csv` module, run as a child process.
@Suite("CSV reader vs Python's csv module")
struct CSVPythonCrossCheckTests {
    /// The absolute path of `python3` on `PATH`, or `nil`.
    static let python: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/python3"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }()

    /// A file that uses every feature of the format (and no error): a BOM,
    /// LF, CRLF and lone CR terminators, quoted commas, quotes and line breaks
    /// of all three kinds, blank lines, a row of commas, spaces kept, `NA`,
    /// multi-byte characters, and no line break at the end.
    static let trickyFile: [UInt8] = [0xEF, 0xBB, 0xBF] + Array((
        "id,name,kind,themes,note\r\n"
            + "ohchr,\"Office of the High Commissioner, \"\"OHCHR\"\"\",agency,human rights;law,\r\n"
            + "abo-ihr,Institute for Human Rights (Åbo Akademi),academic,\"education; training\",\"Turku/Åbo\n17–28 August 2009\"\n"
            + "\n"
            + "ilo,ILO,agency,,\"three\r\nkinds\rof\nbreaks\"\r"
            + " spaced , kept ,NA,\"\",\"\"\"quoted\"\" at start\"\n"
            + ",,,,\n"
            + "日本,\"👍,👨‍👩‍👧\",e\u{301},,\r\n"
            + "\r\n"
            + "ragged,row\n"
            + "last,no newline,x,y,\"z\"").utf8)

    @Test(
        "a tricky file reads the same as with Python's csv module, fields and start lines",
        .enabled(if: python != nil, "python3 is not on PATH"))
    func matchesPython() throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("csv-cross-check-\(UInt64.random(in: 0...UInt64.max))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let csvURL = directory.appendingPathComponent("tricky.csv")
        try Data(Self.trickyFile).write(to: csvURL)

        // Each row as [start line, fields...]; Python's line_num is the last line read so far.
        let script = """
            import csv, json, sys
            rows = []
            with open(sys.argv[1], newline='', encoding='utf-8-sig') as f:
                reader = csv.reader(f)
                previous = 0
                for row in reader:
                    rows.append([previous + 1, row])
                    previous = reader.line_num
            json.dump(rows, sys.stdout)
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(Self.python))
        process.arguments = ["-c", script, csvURL.path]
        let output = Pipe()
        let errorOutput = Pipe()
        process.standardOutput = output
        process.standardError = errorOutput
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let errorText = String(decoding: errorOutput.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "python3 failed: \(errorText)")

        struct Row: Decodable, Equatable {
            var line: Int
            var fields: [String]
            init(line: Int, fields: [String]) {
                self.line = line
                self.fields = fields
            }
            init(from decoder: Decoder) throws {
                var container = try decoder.unkeyedContainer()
                line = try container.decode(Int.self)
                fields = try container.decode([String].self)
            }
        }
        let python = try JSONDecoder().decode([Row].self, from: data)
        // Python returns blank lines and rows of commas as rows of empty fields; we skip them.
        let expected = python.filter { !$0.fields.allSatisfy(\.isEmpty) }
        #expect(expected.count == 8)  // the tricky file has a header and 7 data records

        let reader = CSVReader(bytes: Self.trickyFile, path: "tricky.csv")
        #expect(reader.errors.isEmpty)
        let ours = ([reader.header].compactMap { $0 } + Array(reader.records)).map {
            Row(line: $0.line, fields: $0.fields)
        }
        #expect(ours.map(\.line) == expected.map(\.line))
        #expect(ours.map { $0.fields.map { Array($0.unicodeScalars) } }
            == expected.map { $0.fields.map { Array($0.unicodeScalars) } })
        #expect(reader.emptyLines == python.filter { $0.fields.allSatisfy(\.isEmpty) }.map(\.line))
    }
}
