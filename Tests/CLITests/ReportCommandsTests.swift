import Foundation
import Testing

@Suite struct TimelineCommandTests {
    @Test func seedTimelineIsWellFormedAndStable() throws {
        let dir = CLIRunner.tempDir()
        let a = dir.appendingPathComponent("a.svg").path, b = dir.appendingPathComponent("b.svg").path
        let r1 = try CLIRunner.run(["timeline", "Graphs/unesco-human-rights.yaml", "--as-of", "2016-11-01", "-o", a])
        let r2 = try CLIRunner.run(["timeline", "Graphs/unesco-human-rights.yaml", "--as-of", "2016-11-01", "-o", b])
        #expect(r1.status == 0 && r2.status == 0)
        #expect(r1.stdout.isEmpty && r1.stderr.isEmpty)
        let svg = try String(contentsOfFile: a, encoding: .utf8)
        #expect(try Data(contentsOf: URL(fileURLWithPath: a)) == Data(contentsOf: URL(fileURLWithPath: b)))
        // 16 counterparts of UNESCO in the seed file, one row each.
        #expect(svg.components(separatedBy: "<g class=\"row\"").count - 1 == 16)
        #expect(svg.contains("role=\"img\""))
        #expect(svg.contains("Institute for Human Rights, Åbo Akademi University"))
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/xmllint") {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/xmllint")
            p.arguments = ["--noout", a]
            try p.run()
            p.waitUntilExit()
            #expect(p.terminationStatus == 0)
        }
    }

    @Test func wrongExtensionIsAUsageError() throws {
        let r = try CLIRunner.run(["timeline", "Graphs/unesco-human-rights.yaml", "-o", "x.png"])
        #expect(r.status == 64)
    }

    @Test func stdoutOutput() throws {
        let r = try CLIRunner.run(["timeline", "Graphs/unesco-human-rights.yaml", "--as-of", "2016-11-01", "-o", "-", "--kind", "un-office"])
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix("<?xml"))
        #expect(r.stdout.components(separatedBy: "<g class=\"row\"").count - 1 == 1)
    }
}

@Suite struct DiffCommandTests {
    @Test func seedGraphBetweenCourseAndCapture() throws {
        let r = try CLIRunner.run(["diff", "Graphs/unesco-human-rights.yaml", "--from", "2009-08-20", "--to", "2016-11-01", "--format", "json"])
        #expect(r.status == 0)
        let obj = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let ties = try #require(obj["ties"] as? [[String: Any]])
        // Only the Advanced Course (17–28 August 2009) stops being current by November 2016.
        #expect(ties.count == 1)
        #expect(ties.first?["tie"] as? String == "advanced-course-2009")
        #expect(ties.first?["change"] as? String == "ended")
        #expect(obj["partnersLeaving"] as? [String] == ["abo-ihr"])
    }

    @Test func needsDatesOrTwoFiles() throws {
        #expect(try CLIRunner.run(["diff", "Graphs/unesco-human-rights.yaml"]).status == 64)
        #expect(try CLIRunner.run(["diff", "Graphs/unesco-human-rights.yaml", "--from", "2009-13", "--to", "2010"]).status == 64)
    }

    @Test func twoFiles() throws {
        let r = try CLIRunner.run(["diff", "Graphs/unesco-human-rights.yaml", "Graphs/unesco-human-rights.yaml", "--as-of", "2016-11-01"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("Ties: no change"))
    }
}
