import Foundation
import Testing

@Suite struct ImportCommandTests {
    /// `repoRoot/../shared/data`, or `nil` when absent.
    static let data: String? = {
        let d = CLIRunner.repoRoot.deletingLastPathComponent().appendingPathComponent("shared/data")
        return FileManager.default.fileExists(atPath: d.appendingPathComponent("cow_igo_v3_membership_spells.csv").path) ? d.path : nil
    }()
    static var hasData: Bool { data != nil }

    /// The `name: N` counts of the import summary (printed on standard error).
    static func counts(_ stderr: String) -> [String: Int] {
        var out: [String: Int] = [:]
        for line in stderr.split(separator: "\n") where !line.contains(": warning: ") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let rest = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if let n = Int(rest.prefix { $0.isNumber }) { out[String(line[..<colon])] = n }
        }
        return out
    }

    @Test("HUGGO bipartite and projected, COW IGO: imported as YAML and as a CSV pair, each validates cleanly",
          .enabled(if: ImportCommandTests.hasData, "../shared/data is absent"))
    func realImportsValidate() throws {
        let dir = CLIRunner.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let huggo = Self.data! + "/manytrade_HUGGO_MEM_additional.csv"
        let cow = Self.data! + "/cow_igo_v3_membership_spells.csv"
        let states = Self.data! + "/igoR_states2016.csv"
        let runs: [(name: String, args: [String], csvType: String)] = [
            ("hb", [huggo, "--mapping", "Examples/huggo-bipartite.mapping.yaml"], "agreement"),
            ("hp", [huggo, "--mapping", "Examples/huggo-projected.mapping.yaml"], "agreement"),
            ("cow", [cow, "--mapping", "Examples/cow-igo.mapping.yaml", "--names", states], "liaison"),
        ]
        var printed: [String: [String: Int]] = [:]
        for run in runs {
            let yaml = dir.appendingPathComponent(run.name + ".yaml").path
            let pair = dir.appendingPathComponent(run.name).path
            let r1 = try CLIRunner.run(["import"] + run.args + ["-o", yaml])
            #expect(r1.status == 0, "\(run.name): \(r1.stderr)")
            let r2 = try CLIRunner.run(["import"] + run.args + ["-o", pair, "--type", run.csvType])
            #expect(r2.status == 0, "\(run.name): \(r2.stderr)")
            let v = try CLIRunner.run(["validate", yaml, pair])
            #expect(v.status == 0, "\(run.name): \(v.stderr)")
            #expect(v.stderr.isEmpty)
            #expect(r1.stdout.isEmpty)
            printed[run.name] = Self.counts(r1.stderr)
            #expect(Self.counts(r2.stderr) == printed[run.name])
        }
        // Counts printed (cross-checked against Python in PartnerGraphIOTests.ImportTests).
        #expect(printed["hb"]?["rows read"] == 5608)
        #expect(printed["hb"]?["duplicates merged"] == 27)
        #expect(printed["hb"]?["partners"] == 971)
        #expect(printed["hp"]?["partners"] == 227)
        #expect(printed["cow"]?["rows read"] == 19042)
        #expect(printed["cow"]?["partners"] == 744)
        #expect(printed["cow"]?["ties"] == 18674)
    }

    @Test("warnings name each line; --max-warnings caps them and counts the rest",
          .enabled(if: ImportCommandTests.hasData, "../shared/data is absent"))
    func warningCap() throws {
        let dir = CLIRunner.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("hb.yaml").path
        let r = try CLIRunner.run(["import", Self.data! + "/manytrade_HUGGO_MEM_additional.csv",
                                   "--mapping", "Examples/huggo-bipartite.mapping.yaml", "-o", out, "--max-warnings", "3"])
        #expect(r.status == 0)
        let lines = r.stderr.split(separator: "\n").filter { $0.contains(": warning: ") }
        #expect(lines.count == 3)
        #expect(lines.first?.hasSuffix("manytrade_HUGGO_MEM_additional.csv:848: warning: duplicate of line 847 (stateID 'TUN', manyID 'ECTUNS_1976O'); merged") == true)
        #expect(r.stderr.contains("… and 27 more warnings"))
    }

    @Test("a bad mapping: every error at its line and column in the mapping, exit 1, nothing written")
    func badMapping() throws {
        let dir = CLIRunner.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let map = dir.appendingPathComponent("bad.mapping.yaml")
        try """
        mode: bipartite
        dates: [DD.MM.YYY]
        partners: {id: member}
        groups: {id: grup}
        """.write(to: map, atomically: true, encoding: .utf8)
        let csv = dir.appendingPathComponent("m.csv")
        try "group,member\nG,A\n".write(to: csv, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("out.yaml").path
        let r = try CLIRunner.run(["import", csv.path, "--mapping", map.path, "-o", out])
        #expect(r.status == 1)
        #expect(r.stderr.contains("bad.mapping.yaml:2:9: error: unknown date format 'DD.MM.YYY' (did you mean 'DD.MM.YYYY'?)"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out))
        // The date format fixed, the unknown column is found against the CSV header.
        try """
        mode: bipartite
        partners: {id: member}
        groups: {id: grup}
        """.write(to: map, atomically: true, encoding: .utf8)
        let r2 = try CLIRunner.run(["import", csv.path, "--mapping", map.path, "-o", out])
        #expect(r2.status == 1)
        #expect(r2.stderr.contains("bad.mapping.yaml:3:14: error: unknown column 'grup' in \(csv.path) (did you mean 'group'?)"), "\(r2.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test("a CSV pair keeps a declared tie type in graph.yaml and validates")
    func csvPairKeepsDeclaredType() throws {
        let dir = CLIRunner.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let map = dir.appendingPathComponent("m.mapping.yaml")
        try "mode: bipartite\npartners: {id: member}\ngroups: {id: group}\nties: {type: membership}\n"
            .write(to: map, atomically: true, encoding: .utf8)
        let csv = dir.appendingPathComponent("m.csv")
        try "group,member\nG,A\nG,B\n".write(to: csv, atomically: true, encoding: .utf8)
        let pair = dir.appendingPathComponent("pair").path
        let r = try CLIRunner.run(["import", csv.path, "--mapping", map.path, "-o", pair])
        #expect(r.status == 0, "\(r.stderr)")
        let meta = try String(contentsOfFile: pair + "/graph.yaml", encoding: .utf8)
        #expect(meta.contains("membership"))
        let v = try CLIRunner.run(["validate", pair])
        #expect(v.status == 0, "\(v.stderr)")
        // --type still overrides the mapping's type.
        let pair2 = dir.appendingPathComponent("pair2").path
        let ok = try CLIRunner.run(["import", csv.path, "--mapping", map.path, "-o", pair2, "--type", "liaison"])
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(try String(contentsOfFile: pair2 + "/ties.csv", encoding: .utf8).contains(",liaison,"))
    }
}
