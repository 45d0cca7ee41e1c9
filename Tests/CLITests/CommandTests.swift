import Foundation
import Testing

@Suite struct ValidateCommandTests {
    @Test func validFileGetsOneSummaryLine() throws {
        let r = try CLIRunner.run(["validate", "Graphs/unesco-human-rights.yaml"])
        #expect(r.status == 0)
        #expect(r.stderr.isEmpty)
        // 17 partners in 13 kinds and 17 ties (1 agreement, 15 liaisons, 1 joint activity), counted by hand in the file.
        #expect(r.stdout == "Graphs/unesco-human-rights.yaml: ok: 17 partners (13 kinds), 17 ties (3 types), dated 2003–2009, 15 undated\n")
    }

    @Test func severalFilesAllReportedAndExitOne() throws {
        let r = try CLIRunner.run(["validate", "Graphs/unesco-human-rights.yaml", "Tests/CLITests/Hostile/self-tie.yaml",
                                   "Tests/CLITests/Hostile/empty.yaml"])
        #expect(r.status == 1)
        #expect(r.stdout.hasPrefix("Graphs/unesco-human-rights.yaml: ok:"))
        #expect(r.stderr.contains("Tests/CLITests/Hostile/self-tie.yaml:10:15: error: tie joins 'ohchr' to itself"))
        #expect(r.stderr.contains("Tests/CLITests/Hostile/empty.yaml:1:1: error: file is empty"))
    }

    @Test func jsonFormatIsOneParsableArray() throws {
        let r = try CLIRunner.run(["validate", "--format", "json", "Graphs/unesco-human-rights.yaml",
                                   "Tests/CLITests/Hostile/unknown-partner.yaml"])
        #expect(r.status == 1)
        #expect(r.stderr.isEmpty)
        let items = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
        #expect(items.count == 2)
        #expect(items[0]["valid"] as? Bool == true)
        #expect(items[0]["partners"] as? Int == 17)
        let diags = try #require(items[1]["diagnostics"] as? [[String: Any]])
        #expect(diags.count == 1)
        #expect(diags[0]["line"] as? Int == 10)
        #expect(diags[0]["column"] as? Int == 23)
        #expect(diags[0]["message"] as? String == "unknown partner 'ohcr' (did you mean 'ohchr'?)")
    }

    @Test func missingFileIsAnError() throws {
        let r = try CLIRunner.run(["validate", "no/such/file.yaml"])
        #expect(r.status == 1)
        #expect(r.stderr.hasPrefix("no/such/file.yaml: error: no such file"))
    }

    @Test func unknownExtensionIsAnError() throws {
        let r = try CLIRunner.run(["validate", "README.md"])
        #expect(r.status == 1)
        #expect(r.stderr.hasPrefix("README.md: error: unknown graph file extension '.md'"))
    }

    @Test func usageErrorsExit64() throws {
        let r = try CLIRunner.run(["validate"])
        #expect(r.status == 64)
        let r2 = try CLIRunner.run(["summary", "Graphs/unesco-human-rights.yaml", "--as-of", "2016-13-01"])
        #expect(r2.status == 64)
        #expect(r2.stderr.contains("month 13 does not exist"))
    }
}

@Suite struct SummaryCommandTests {
    @Test func seedGraphAsOfCaptureDate() throws {
        let r = try CLIRunner.run(["summary", "Graphs/unesco-human-rights.yaml", "--as-of", "2016-11-01"])
        #expect(r.status == 0)
        #expect(r.stderr.isEmpty)
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains("as of 2016-11-01; lookback per type (see below)"))
        // The 2009 Advanced Course ended more than 3 years before: 16 of 17 ties current.
        #expect(lines.contains("16 ties current at 2016-11-01; 16 partners with a current tie"))
        #expect(lines.contains("Current ties of the focal partner, UNESCO (unesco): 16"))
        #expect(lines.contains { $0.hasPrefix("joint-activity") && $0.split(separator: " ").map(String.init) == ["joint-activity", "1", "0", "1", "0", "0", "2", "3y"] })
    }

    @Test func lookbackOverrideBringsBackTheCourse() throws {
        let r = try CLIRunner.run(["summary", "Graphs/unesco-human-rights.yaml", "--as-of", "2016-11-01", "--lookback", "8y", "--format", "json"])
        #expect(r.status == 0)
        let obj = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(obj["asOf"] as? String == "2016-11-01")
        #expect(obj["currentTies"] as? Int == 17)
        #expect(obj["partnersWithCurrentTie"] as? Int == 17)
    }

    @Test func beforeTheMoUOnlyUndatedTiesAreCurrent() throws {
        let r = try CLIRunner.run(["summary", "Graphs/unesco-human-rights.yaml", "--as-of", "2002", "--format", "json"])
        let obj = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(obj["asOf"] as? String == "2002-12-31")
        #expect(obj["currentTies"] as? Int == 15)
    }

    @Test func sameInputSameBytes() throws {
        let a = try CLIRunner.run(["summary", "Graphs/unesco-human-rights.yaml", "--as-of", "2016-11-01", "--format", "markdown"])
        let b = try CLIRunner.run(["summary", "Graphs/unesco-human-rights.yaml", "--as-of", "2016-11-01", "--format", "markdown"])
        #expect(a.status == 0)
        #expect(a.stdout == b.stdout)
        #expect(a.stdout.contains("| kind | partners | with a current tie |"))
    }

    @Test func unknownFocalIsAUsageError() throws {
        let r = try CLIRunner.run(["summary", "Graphs/unesco-human-rights.yaml", "--focal", "unesko"])
        #expect(r.status == 64)
        #expect(r.stderr.contains("unknown partner 'unesko' (did you mean 'unesco'?)"))
    }
}
