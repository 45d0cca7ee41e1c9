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
        let r = try CLIRunner.run(["timeline", "Graphs/unesco-human-rights.yaml", "-o", "x.jpg"])
        #expect(r.status == 64)
        #expect(r.stderr.contains("svg, png or pdf"))
        #expect(try CLIRunner.run(["timeline", "Graphs/unesco-human-rights.yaml", "-o", "x.svg", "--width", "300"]).status == 64,
                "--width is a PNG's pixels")
        #expect(try CLIRunner.run(["timeline", "Graphs/unesco-human-rights.yaml", "-o", "x.svg", "--page-width", "16"]).status == 64,
                "a page width needs its unit")
        #expect(!FileManager.default.fileExists(atPath: CLIRunner.repoRoot.appendingPathComponent("x.svg").path))
    }

    @Test("--page-width and --font-size: the SVG is that wide in physical units, its smallest text that size")
    func pageModel() throws {
        let r = try CLIRunner.run(["timeline", "Graphs/unesco-human-rights.yaml", "--as-of", "2016-11-01", "-o", "-",
                                   "--page-width", "12cm", "--font-size", "10"])
        #expect(r.status == 0, "\(r.stderr)")
        // 12 cm = 12 / 2.54 × 72 = 340.157 pt, the user unit of the viewBox.
        #expect(r.stdout.contains("width=\"12cm\""))
        #expect(r.stdout.contains("viewBox=\"0 0 340.16 "))
        let sizes = r.stdout.components(separatedBy: "font-size:").dropFirst().compactMap { Double($0.prefix { $0.isNumber || $0 == "." }) }
        #expect(!sizes.isEmpty && sizes.allSatisfy { $0 >= 10 }, "\(sizes)")
    }

    @Test("PNG and PDF like render: physical size kept, text as text in the PDF, --width in pixels")
    func pngAndPDF() throws {
        let dir = CLIRunner.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        func make(_ name: String, _ extra: [String] = []) throws -> Data {
            let url = dir.appendingPathComponent(name)
            let r = try CLIRunner.run(["timeline", "Graphs/unesco-human-rights.yaml", "--as-of", "2016-11-01", "-o", url.path] + extra)
            #expect(r.status == 0, "\(r.stderr)")
            return try Data(contentsOf: url)
        }
        func pngWidth(_ png: Data) -> Int {
            // IHDR: the width is the big-endian UInt32 at byte 16.
            png.dropFirst(16).prefix(4).reduce(0) { $0 << 8 | Int($1) }
        }
        let png = try make("t.png")
        #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        // 16 cm at 96 pixels to the inch: 16 / 2.54 × 96 = 604.7 → 605.
        #expect(abs(pngWidth(png) - 605) <= 1, "\(pngWidth(png))")
        #expect(abs(pngWidth(try make("wide.png", ["--width", "1210"])) - 1210) <= 1)
        #expect(try make("forced.img", ["--format", "png"]) == png)
        let pdf = try make("t.pdf")
        #expect(String(decoding: pdf.prefix(5), as: UTF8.self) == "%PDF-")
        #expect(try make("t2.pdf") == pdf, "the same bytes on every run")
        if let pdftotext = ["/usr/bin/pdftotext"].first(where: { FileManager.default.isExecutableFile(atPath: $0) }) {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: pdftotext)
            p.arguments = [dir.appendingPathComponent("t.pdf").path, "-"]
            let out = Pipe()
            p.standardOutput = out
            try p.run()
            let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            p.waitUntilExit()
            #expect(text.contains("Institute for Human Rights, Åbo"), "the PDF's text is text")
        }
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
        // Both sides say what they are: the file and the day.
        #expect(obj["mode"] as? String == "dates")
        #expect(obj["from"] as? [String: String] == ["file": "Graphs/unesco-human-rights.yaml", "asOf": "2009-08-20"])
        #expect(obj["to"] as? [String: String] == ["file": "Graphs/unesco-human-rights.yaml", "asOf": "2016-11-01"])
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
