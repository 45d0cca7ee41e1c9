import Foundation
import Testing

@Suite struct GapsCommandTests {
    static let seed = "Graphs/unesco-human-rights.yaml"
    static let strategy = "Graphs/unesco-human-rights.strategy.yaml"

    func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func seedTableStatesDateAndSettings() throws {
        let r = try CLIRunner.run(["gaps", Self.seed, "--strategy", Self.strategy, "--as-of", "2016-11-01"])
        #expect(r.status == 0)
        #expect(r.stderr.isEmpty)
        let lines = r.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[0] == "Gaps for UNESCO (unesco) as of 2016-11-01")
        #expect(lines[1].hasPrefix("strategy Graphs/unesco-human-rights.strategy.yaml; horizon 12m; cadence liaison 2y; lookback agreement 0, joint-activity 3y, liaison 0"))
        #expect(r.stdout.contains("uncovered-partner  abo-ihr"))
        #expect(r.stdout.contains("Current ties between categories"))
    }

    @Test func seedJSONHasTheDocumentedShape() throws {
        let r = try CLIRunner.run(["gaps", Self.seed, "--strategy", Self.strategy, "--as-of", "2016-11-01", "--format", "json"])
        #expect(r.status == 0)
        let o = try json(r.stdout)
        #expect(o["asOf"] as? String == "2016-11-01")
        #expect(o["focal"] as? String == "unesco")
        let gaps = try #require(o["gaps"] as? [[String: Any]])
        let abo = try #require(gaps.first { ($0["kind"] as? String) == "uncovered-partner" })
        #expect(abo["severity"] as? String == "medium")
        #expect(abo["partners"] as? [String] == ["abo-ihr"])
        let ev = try #require(abo["evidence"] as? [[String: Any]])
        #expect(ev.count == 1)
        #expect(ev[0]["tie"] as? String == "advanced-course-2009")
        #expect(ev[0]["type"] as? String == "joint-activity")
        #expect(ev[0]["start"] as? String == "2009-08-17")
        #expect(ev[0]["end"] as? String == "2009-08-28")
        #expect(abo["score"] is NSNull)
        #expect((abo["action"] as? String)?.isEmpty == false)
        for g in gaps { #expect(Set(g.keys).isSuperset(of: ["kind", "severity", "partners", "evidence", "score", "action"])) }
        #expect(o["coverage"] is [[String: Any]])
        let matrix = try #require(o["categoryMatrix"] as? [String: Any])
        #expect((matrix["kinds"] as? [String])?.count == 13)
        // Sorted: severity rank never decreases down the list.
        let ranks = gaps.map { ["high": 0, "medium": 1, "low": 2][$0["severity"] as! String]! }
        #expect(ranks == ranks.sorted())
    }

    @Test func lookbackDecidesWhetherTheAdvancedCourseCounts() throws {
        let base = ["gaps", Self.seed, "--strategy", Self.strategy, "--as-of", "2016-11-01", "--format", "json", "--gap-kind", "uncovered-partner,isolated-partner"]
        let r3 = try json(try CLIRunner.run(base).stdout)
        #expect((r3["gaps"] as? [[String: Any]])?.compactMap { $0["partners"] as? [String] } == [["abo-ihr"], ["abo-ihr"]])
        let r8 = try json(try CLIRunner.run(base + ["--lookback", "8y"]).stdout)
        #expect((r8["gaps"] as? [[String: Any]])?.isEmpty == true)
    }

    @Test func failOnGapsExitStatus() throws {
        // The seed strategy finds medium and low gaps, no high one, as of 2016-11-01.
        let high = try CLIRunner.run(["gaps", Self.seed, "--strategy", Self.strategy, "--as-of", "2016-11-01", "--fail-on-gaps", "high"])
        #expect(high.status == 0)
        let medium = try CLIRunner.run(["gaps", Self.seed, "--strategy", Self.strategy, "--as-of", "2016-11-01", "--fail-on-gaps", "medium"])
        #expect(medium.status == 2)
        #expect(!medium.stdout.isEmpty)  // the report is still printed
        // An agreement that ended the day before is a high gap.
        let dir = CLIRunner.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        try """
        focal: f
        partners: [{id: f, name: F, kind: hub}, {id: p, name: P, kind: agency}]
        ties: [{id: mou, type: agreement, between: [f, p], start: 2010, end: 2016-10-31}]
        """.write(to: dir.appendingPathComponent("g.yaml"), atomically: true, encoding: .utf8)
        let lapsed = try CLIRunner.run(["gaps", "g.yaml", "--as-of", "2016-11-01", "--fail-on-gaps", "high"], in: dir)
        #expect(lapsed.status == 2)
        #expect(lapsed.stdout.contains("lapsed-agreement"))
        let before = try CLIRunner.run(["gaps", "g.yaml", "--as-of", "2016-10-31", "--fail-on-gaps", "high"], in: dir)
        #expect(before.status == 0)
        #expect(before.stdout.contains("expiring-agreement"))
    }

    @Test func csvAndMarkdown() throws {
        let csv = try CLIRunner.run(["gaps", Self.seed, "--as-of", "2016-11-01", "--format", "csv", "--gap-kind", "isolated-partner"])
        #expect(csv.stdout == "severity,kind,partners,score,evidence,action\n"
                + "low,isolated-partner,abo-ihr,,\"advanced-course-2009 (joint-activity, 2009-08-17–2009-08-28)\","
                + "Re-engage abo-ihr or retire it from the graph: no current tie (last tie advanced-course-2009 ended 2009-08-28)\n")
        let md = try CLIRunner.run(["gaps", Self.seed, "--as-of", "2016-11-01", "--format", "markdown", "--gap-kind", "isolated-partner"])
        #expect(md.stdout.hasPrefix("**Gaps for unesco as of 2016-11-01** — strategy (defaults); horizon 12m"))
        #expect(md.stdout.contains("| low | isolated-partner | abo-ihr |"))
    }

    @Test func usageAndDataErrors() throws {
        let kind = try CLIRunner.run(["gaps", Self.seed, "--gap-kind", "bridge-ties"])
        #expect(kind.status == 64)
        #expect(kind.stderr.contains("unknown gap kind 'bridge-ties' (did you mean 'bridge-tie'?)"))
        let sev = try CLIRunner.run(["gaps", Self.seed, "--fail-on-gaps", "urgent"])
        #expect(sev.status == 64)
        let focal = try CLIRunner.run(["gaps", Self.seed, "--focal", "unesko", "--as-of", "2016"])
        #expect(focal.status == 64)
        #expect(focal.stderr.hasPrefix("Error: --focal: unknown partner 'unesko' (did you mean 'unesco'?); closest known: 'unesco', "), "\(focal.stderr)")
        let coverage = try CLIRunner.run(["coverage", Self.seed, "--focal", "unesko"])
        #expect(coverage.status == 64)
        #expect(coverage.stderr.contains("See 'partnergraph coverage --help'"), "\(coverage.stderr)")
        let dir = CLIRunner.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        try "focal: unesco\ncadence:\n  liaison: often\npartners: [ohcr]\n".write(to: dir.appendingPathComponent("s.yaml"), atomically: true, encoding: .utf8)
        let bad = try CLIRunner.run(["gaps", Self.seed, "--strategy", dir.appendingPathComponent("s.yaml").path])
        #expect(bad.status == 1)
        #expect(bad.stdout.isEmpty)
        #expect(bad.stderr.contains("s.yaml:3:12: error: invalid cadence for 'liaison' 'often'"))
        #expect(bad.stderr.contains("s.yaml:4:12: error: unknown partner 'ohcr' (did you mean 'ohchr'?)"))
    }
}

@Suite struct CoverageCommandTests {
    @Test func seedCoverageTable() throws {
        let r = try CLIRunner.run(["coverage", GapsCommandTests.seed, "--strategy", GapsCommandTests.strategy, "--as-of", "2016-11-01"])
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix("Coverage for UNESCO (unesco) as of 2016-11-01\n"))
        #expect(r.stdout.contains("Named partners: 3 of 4 covered"))
        // research-institute: 2 known (abo-ihr, research-institutions), 1 covered.
        let row = try #require(r.stdout.split(separator: "\n").first { $0.hasPrefix("research-institute ") })
        #expect(row.split(separator: " ").map(String.init) == ["research-institute", "1", "2", "1", "50%", "yes", "liaison", "1", "ongoing", "research-institutions"])
    }

    @Test func byYearJSONTrend() throws {
        let r = try CLIRunner.run(["coverage", GapsCommandTests.seed, "--strategy", GapsCommandTests.strategy,
                                   "--years", "2008...2013", "--format", "json"])
        #expect(r.status == 0)
        let o = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let years = try #require(o["byYear"] as? [[String: Any]])
        #expect(years.map { $0["year"] as? Int } == [2008, 2009, 2010, 2011, 2012, 2013])
        // abo-ihr is covered from the course (Aug 2009) while 31 December is within 3 years of its end (2009–2011).
        let abo = years.map { y in ((y["partnerCoverage"] as? [[String: Any]]) ?? []).first { $0["id"] as? String == "abo-ihr" }?["covered"] as? Bool }
        #expect(abo == [false, true, true, true, false, false])
    }

    @Test func byYearExcludesAsOf() throws {
        let r = try CLIRunner.run(["coverage", GapsCommandTests.seed, "--years", "2008...2013", "--as-of", "2016"])
        #expect(r.status == 64)
    }
}

/// Real data: Correlates of War IGO memberships (../shared/data, read in place).
/// Expected member counts computed independently in Python from the CSV:
/// distinct `stateabb` with a status-1 spell where first_year ≤ Y ≤ last_year.
@Suite struct IGOCoverageExampleTests {
    static let data = CLIRunner.repoRoot.deletingLastPathComponent().appendingPathComponent("shared/data")

    @Test(.enabled(if: FileManager.default.fileExists(atPath: data.appendingPathComponent("cow_igo_v3_membership_spells.csv").path),
                   "../shared/data is absent"))
    func unescoMembershipTrend() throws {
        let dir = CLIRunner.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let py = Process()
        py.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        py.arguments = ["python3", CLIRunner.repoRoot.appendingPathComponent("Examples/igo_to_partnergraph.py").path,
                        "--data", Self.data.path, "--out", dir.path, "--focal", "unesco"]
        py.standardOutput = FileHandle.nullDevice
        try py.run()
        py.waitUntilExit()
        try #require(py.terminationStatus == 0)
        let start = Date()
        let r = try CLIRunner.run(["coverage", "igo", "--strategy", "strategy.yaml", "--years", "1946...2014", "--format", "csv"], in: dir)
        let seconds = Date().timeIntervalSince(start)
        #expect(r.status == 0, "\(r.stderr)")
        let rows = r.stdout.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        func members(_ year: Int) -> Int? {
            rows.first { $0.count > 5 && $0[0] == String(year) && $0[1] == "category" && $0[2] == "state" }.flatMap { Int($0[5]) }
        }
        #expect([1946, 1950, 1960, 1990, 2014].map(members) == [42, 61, 98, 150, 189])
        #expect(rows.first { $0.count > 4 && $0[0] == "2014" && $0[1] == "category" }?[4] == "217")  // the roster's states
        #expect(seconds < 10, "coverage over 69 years took \(seconds) s")
    }
}
