import Foundation
import Testing

/// The generated hostile corpus (issue 13): `HostileCorpus/hostile_corpus.py`
/// writes every case (bad dates, raw and escaped control characters,
/// invalid UTF-8, duplicate keys and ids, unknown endpoints, missing fields,
/// bad weights, syntax errors, DTDs and entities, alias bombs, bad strategies
/// and mappings, paths outside a data file's directory) and runs every command
/// that reads that input on each, measuring each process with wait4.
@Suite("hostile corpus")
struct HostileCorpusTests {
    @Test("≥ 150 hostile inputs × every reading command: exit 1 or 64, file:line:col, nothing written, inputs unchanged, < 512 MB, < 10 s",
          .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/python3"), "needs python3"))
    func everyCommandRefusesEveryCase() throws {
        let work = CLIRunner.tempDir()
        defer { try? FileManager.default.removeItem(at: work) }
        let script = CLIRunner.repoRoot.appendingPathComponent("Tests/CLITests/HostileCorpus/hostile_corpus.py").path
        let r = try CLIRunner.shell("python3 '\(script)' '\(CLIRunner.binary.path)' '\(work.path)/corpus'")
        #expect(r.status == 0, "\(r.stderr)")
        let report = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any] ?? [:]
        let cases = report["cases"] as? Int ?? 0
        let runs = report["runs"] as? Int ?? 0
        let failures = report["failures"] as? [String] ?? ["no report: \(r.stdout.prefix(200))"]
        #expect(cases >= 150, "\(cases) cases")
        #expect(runs >= 1_000, "\(runs) runs")
        #expect(failures.isEmpty, "\(failures.count) failures:\n\(failures.prefix(50).joined(separator: "\n"))")
        print("hostile corpus: \(cases) cases, \(runs) runs, peak \((report["peak_kb"] as? Int ?? 0) / 1024) MB, slowest \(report["slowest_s"] ?? 0) s")
    }
}
