import Foundation
import Testing

/// Whether `python3` can import `openpyxl` (installed by `.ci/setup --tests`).
enum SpreadsheetPython {
    static let available: Bool = (try? CLIRunner.shell("python3 -c 'import openpyxl'"))?.status == 0
}

/// Issue #14's done-when: a folder of 12 CSVs (one per treaty, the treaty named
/// by the file name) and a two-sheet workbook, written by Python's csv module
/// and openpyxl (`make_import_fixtures.py`, which also prints the expected
/// counts from its construction), imported into one graph each; every count of
/// the summary checked, and a missing date and a filter matching nothing
/// reported with file, line, column and the fix.
@Suite(.enabled(if: SpreadsheetPython.available, "python3 with openpyxl is not available; multi-file import tests skipped"))
struct ImportManyTests {
    struct Counts: Decodable, Equatable {
        var read, used, filtered, undated, merged: Int
    }
    struct Part: Decodable {
        var files: [String: Counts]
        var total: Counts
        var partners: Int
    }
    struct Place: Decodable { var file: String; var line: Int; var column: Int }
    struct Sample: Decodable { var state: String; var sheet: String; var start: String }
    struct CSVPart: Decodable { var firstUndated: Place }
    struct XLSXPart: Decodable { var sample: Sample }
    struct Expected: Decodable {
        var csv: Part
        var xlsx: Part
    }

    static let csvMapping = """
    mode: bipartite
    partners: {id: State Name, kind: state}
    groups: {id: {file: stem, match: "hr_status_(.*)"}, kind: treaty}
    ties: {type: membership, start: Year Ratified}
    dates: [YYYY]
    filters: [{column: Status, not: [withdrawn]}]

    """

    static let xlsxMapping = """
    mode: bipartite
    partners: {id: State Name, kind: state}
    groups: {id: {sheet: name}, kind: treaty}
    ties: {type: membership, start: Date Ratified}
    dates: [YYYY-MM-DD]
    undated: skip

    """

    /// Writes the fixtures into a new directory; returns it, the expected counts and the raw JSON.
    static func fixtures() throws -> (dir: URL, expected: Expected, json: [String: Any]) {
        let dir = CLIRunner.tempDir()
        let script = CLIRunner.repoRoot.appendingPathComponent("Tests/CLITests/make_import_fixtures.py").path
        let r = try CLIRunner.shell("python3 '\(script)' '\(dir.path)'")
        try #require(r.status == 0, "fixture script failed: \(r.stderr)")
        let data = Data(r.stdout.utf8)
        return (dir, try JSONDecoder().decode(Expected.self, from: data),
                try JSONSerialization.jsonObject(with: data) as! [String: Any])
    }

    /// The per-input lines of the summary: `  PATH: rows read 31, used 18, filtered 2, skipped 10 (undated 10), merged 1`.
    static func perFile(_ stderr: String) -> [String: Counts] {
        var out: [String: Counts] = [:]
        let re = try! NSRegularExpression(pattern: #"^  (.+): rows read (\d+), used (\d+), filtered (\d+), skipped (\d+)(?: \((?:undated (\d+))?\))?, merged (\d+)$"#)
        for line in stderr.split(separator: "\n").map(String.init) {
            guard let m = re.firstMatch(in: line, range: NSRange(line.startIndex..., in: line)) else { continue }
            func g(_ i: Int) -> String? { Range(m.range(at: i), in: line).map { String(line[$0]) } }
            let name = PathText.name(g(1)!)
            let skipped = Int(g(5)!)!
            #expect(Int(g(6) ?? "0")! == skipped, "only undated rows are skipped in these fixtures: \(line)")
            out[name] = Counts(read: Int(g(2)!)!, used: Int(g(3)!)!, filtered: Int(g(4)!)!, undated: skipped, merged: Int(g(7)!)!)
        }
        return out
    }

    /// The total lines (`rows read: N` …) after `total:`, or the only ones for a single input.
    static func total(_ stderr: String) -> [String: Int] {
        var out: [String: Int] = [:]
        for line in stderr.split(separator: "\n") where !line.hasPrefix(" ") && !line.contains(": warning: ") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let rest = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if let n = Int(rest.prefix { $0.isNumber }) { out[String(line[..<colon])] = n }
        }
        return out
    }

    enum PathText {
        static func name(_ path: String) -> String {
            if let hash = path.lastIndex(of: "#") {
                return (String(path[..<hash]) as NSString).lastPathComponent + String(path[hash...])
            }
            return (path as NSString).lastPathComponent
        }
    }

    @Test("12 CSVs (CRLF, a BOM, columns with spaces, one file without an unused column) into one graph: every count of the summary, per file and in total")
    func folderOfCSVs() throws {
        let (dir, expected, _) = try Self.fixtures()
        defer { try? FileManager.default.removeItem(at: dir) }
        let map = dir.appendingPathComponent("m.yaml")
        try (Self.csvMapping + "undated: skip\n").write(to: map, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("out.yaml").path
        // The pattern is quoted: the command expands it.
        let r = try CLIRunner.run(["import", dir.path + "/csv/hr_status_*.csv", "--mapping", map.path, "-o", out])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("files: 12"))
        let files = Self.perFile(r.stderr)
        #expect(files == expected.csv.files)
        let t = Self.total(r.stderr)
        #expect(t["rows read"] == expected.csv.total.read)
        #expect(t["rows used"] == expected.csv.total.used)
        #expect(t["rows filtered"] == expected.csv.total.filtered)
        #expect(t["rows skipped"] == expected.csv.total.undated)
        #expect(t["duplicates merged"] == expected.csv.total.merged)
        #expect(t["ties"] == expected.csv.total.used)
        #expect(t["partners"] == expected.csv.partners)
        // The file without the unused Notes column: a warning and a summary line, not an error.
        #expect(r.stderr.contains("warning: column 'Notes' is missing in 1 of 12 inputs (hr_status_cerd.csv); the mapping does not use it"), "\(r.stderr)")
        #expect(r.stderr.contains("column 'Notes' (not used by the mapping) is in 11 of 12 files"))
        // The treaty is named by the file: 12 groups, one per file.
        let v = try CLIRunner.run(["validate", out])
        #expect(v.status == 0, "\(v.stderr)")
        let yaml = try String(contentsOfFile: out, encoding: .utf8)
        #expect(yaml.contains("- id: cedaw\n  name: cedaw\n  kind: treaty"))
        #expect(!yaml.contains("id: hr_status_"))
    }

    @Test("a missing date is an error at file:line:column naming the fix (undated: keep|skip); keep imports it undated")
    func missingDate() throws {
        let (dir, expected, json) = try Self.fixtures()
        defer { try? FileManager.default.removeItem(at: dir) }
        let place = try JSONDecoder().decode(CSVPart.self, from: JSONSerialization.data(withJSONObject: json["csv"]!)).firstUndated
        let map = dir.appendingPathComponent("m.yaml")
        try Self.csvMapping.write(to: map, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("out.yaml").path
        let r = try CLIRunner.run(["import", dir.path + "/csv/hr_status_*.csv", "--mapping", map.path, "-o", out])
        #expect(r.status == 1)
        #expect(r.stderr.contains("/csv/\(place.file):\(place.line):\(place.column): error: no start date: column Year Ratified is empty or missing"), "\(r.stderr)")
        #expect(r.stderr.contains("'undated: skip'") && r.stderr.contains("'undated: keep'"))
        #expect(!FileManager.default.fileExists(atPath: out))
        // keep: every undated row becomes an undated tie.
        try (Self.csvMapping + "undated: keep\n").write(to: map, atomically: true, encoding: .utf8)
        let k = try CLIRunner.run(["import", dir.path + "/csv/hr_status_*.csv", "--mapping", map.path, "-o", out])
        #expect(k.status == 0, "\(k.stderr)")
        #expect(Self.total(k.stderr)["rows used"] == expected.csv.total.used + expected.csv.total.undated)
        #expect(Self.total(k.stderr)["rows skipped"] == 0)
    }

    @Test("a filter matching no row exits 1 and lists the values the column holds, closest first")
    func filterMatchingNothing() throws {
        let (dir, _, _) = try Self.fixtures()
        defer { try? FileManager.default.removeItem(at: dir) }
        let map = dir.appendingPathComponent("m.yaml")
        try (Self.csvMapping.replacingOccurrences(of: "not: [withdrawn]", with: "equals: ratifed") + "undated: skip\n")
            .write(to: map, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("out.yaml").path
        let r = try CLIRunner.run(["import", dir.path + "/csv/hr_status_*.csv", "--mapping", map.path, "-o", out])
        #expect(r.status == 1)
        // Edit distances to 'ratifed' (Levenshtein, by hand): 'ratified' 1, '' 7, 'withdrawn' 8.
        #expect(r.stderr.contains("m.yaml:6:20: error: filter 'Status == ratifed' matches no row of any of the 12 inputs; column Status holds 'ratified', '', 'withdrawn' (closest first)"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test("a column the mapping needs, missing in one file: an error naming the file")
    func neededColumnMissing() throws {
        let (dir, _, _) = try Self.fixtures()
        defer { try? FileManager.default.removeItem(at: dir) }
        let map = dir.appendingPathComponent("m.yaml")
        try (Self.csvMapping.replacingOccurrences(of: "kind: state}", with: "kind: state, name: Notes}") + "undated: skip\n")
            .write(to: map, atomically: true, encoding: .utf8)
        let r = try CLIRunner.run(["import", dir.path + "/csv/hr_status_*.csv", "--mapping", map.path, "-o", dir.appendingPathComponent("o.yaml").path])
        #expect(r.status == 1)
        #expect(r.stderr.contains("error: unknown column 'Notes' in \(dir.path)/csv/hr_status_cerd.csv"), "\(r.stderr)")
    }

    @Test("a pattern matching no file exits 1")
    func patternMatchingNothing() throws {
        let dir = CLIRunner.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.xlsxMapping.write(to: dir.appendingPathComponent("m.yaml"), atomically: true, encoding: .utf8)
        let r = try CLIRunner.run(["import", "nothing_*.csv", "--mapping", "m.yaml", "-o", "o.yaml"], in: dir)
        #expect(r.status == 1)
        #expect(r.stderr.contains("nothing_*.csv: error: the pattern matches no file"), "\(r.stderr)")
    }

    @Test("an .xlsx with two sheets (openpyxl, date cells): every count, the sheet names the treaty, dates read from Excel serials")
    func workbook() throws {
        let (dir, expected, json) = try Self.fixtures()
        defer { try? FileManager.default.removeItem(at: dir) }
        let sample = try JSONDecoder().decode(XLSXPart.self, from: JSONSerialization.data(withJSONObject: json["xlsx"]!)).sample
        let map = dir.appendingPathComponent("x.yaml")
        try Self.xlsxMapping.write(to: map, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("out.yaml").path
        let book = dir.appendingPathComponent("book.xlsx").path
        let r = try CLIRunner.run(["import", book, "--mapping", map.path, "-o", out])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(Self.perFile(r.stderr) == expected.xlsx.files)
        let t = Self.total(r.stderr)
        #expect(t["rows read"] == expected.xlsx.total.read)
        #expect(t["rows used"] == expected.xlsx.total.used)
        #expect(t["rows skipped"] == expected.xlsx.total.undated)
        #expect(t["partners"] == expected.xlsx.partners)
        let yaml = try String(contentsOfFile: out, encoding: .utf8)
        #expect(yaml.contains("  between: [\(sample.state), \(sample.sheet)]\n  start: \(sample.start)\n"), "\(yaml)")
        // One sheet by name.
        let one = try CLIRunner.run(["import", book + "#CRC", "--mapping", map.path, "-o", out])
        #expect(one.status == 0, "\(one.stderr)")
        #expect(Self.total(one.stderr)["rows read"] == expected.xlsx.files["book.xlsx#CRC"]!.read)
        let bad = try CLIRunner.run(["import", book + "#Crc", "--mapping", map.path, "-o", out])
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("error: unknown sheet 'Crc' (did you mean 'CRC'?)"), "\(bad.stderr)")
    }

    @Test("--explain: how each column of each input is used; nothing written")
    func explain() throws {
        let (dir, _, _) = try Self.fixtures()
        defer { try? FileManager.default.removeItem(at: dir) }
        let map = dir.appendingPathComponent("m.yaml")
        try (Self.csvMapping + "undated: skip\n").write(to: map, atomically: true, encoding: .utf8)
        let r = try CLIRunner.run(["import", dir.path + "/csv/hr_status_c*.csv", "--mapping", map.path, "--explain"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("hr_status_cat.csv: 4 columns, 31 data rows\n  State Name     read by partners.id\n  Year Ratified  read by ties.start\n  Status         read by filters: Status != withdrawn\n  Notes          ignored\n  groups.id = 'cat' from {file: stem, match: \"hr_status_(.*)\"}\n"), "\(r.stdout)")
        #expect(r.stdout.contains("hr_status_cerd.csv: 3 columns"))
    }
}
