import Foundation
import Testing

/// `partnergraph report` end to end, and the real clients that read what it writes.
@Suite struct ReportCommandTests {
    static let args = ["report", "Graphs/unesco-human-rights.yaml", "--strategy", "Graphs/unesco-human-rights.strategy.yaml",
                       "--as-of", "2016-11-01", "--compare-to", "2009-08-20"]

    static func tool(_ name: String) -> String? {
        for dir in ["/usr/bin", "/usr/local/bin", "/bin"] where FileManager.default.isExecutableFile(atPath: "\(dir)/\(name)") {
            return "\(dir)/\(name)"
        }
        return nil
    }

    static func run(_ exe: String, _ arguments: [String]) throws -> (Int32, String, String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: exe)
        p.arguments = arguments
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        nonisolated(unsafe) var errData = Data()
        let g = DispatchGroup()
        g.enter()
        DispatchQueue.global().async { errData = err.fileHandleForReading.readDataToEndOfFile(); g.leave() }
        let o = out.fileHandleForReading.readDataToEndOfFile()
        g.wait()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: errData, as: UTF8.self))
    }

    @Test func htmlIsSelfContainedSemanticAndStable() throws {
        let dir = CLIRunner.tempDir()
        let a = dir.appendingPathComponent("a.html").path, b = dir.appendingPathComponent("b.html").path
        let r = try CLIRunner.run(Self.args + ["-o", a])
        #expect(r.status == 0, "\(r.stderr)")
        _ = try CLIRunner.run(Self.args + ["-o", b])
        let html = try String(contentsOfFile: a, encoding: .utf8)
        #expect(try Data(contentsOf: URL(fileURLWithPath: a)) == Data(contentsOf: URL(fileURLWithPath: b)))
        for section in ["network", "timeline", "coverage", "centrality", "gaps", "changes", "methods", "provenance"] {
            #expect(html.contains("<section id=\"\(section)\""), "section \(section) missing")
        }
        #expect(html.contains("<th scope=\"col\">"))
        #expect(html.contains("<th scope=\"row\">"))
        #expect(html.components(separatedBy: "<figcaption>").count - 1 == 3)
        // Every figure has a text alternative; every inline SVG has role="img".
        #expect(html.components(separatedBy: "<figure").count == html.components(separatedBy: "role=\"img\" aria-label=").count)
        // Nothing is fetched: no external scripts, styles, images or fonts.
        for needle in ["<link", "src=", "@import", "url(http", "<img", "<iframe"] {
            #expect(!html.contains(needle), "found \(needle)")
        }
        // The 2009 Advanced Course ended in the changes section; every tie's source is listed.
        #expect(html.contains("advanced-course-2009"))
        #expect(html.components(separatedBy: "seed/000_8921852bcad01e77.txt").count - 1 >= 17)
    }

    @Test func svgReportIsOneWellFormedFigure() throws {
        let out = CLIRunner.tempDir().appendingPathComponent("r.svg").path
        let r = try CLIRunner.run(Self.args + ["-o", out])
        #expect(r.status == 0, "\(r.stderr)")
        let svg = try String(contentsOfFile: out, encoding: .utf8)
        #expect(svg.hasPrefix("<?xml"))
        #expect(svg.contains("as of 2016-11-01"))
        #expect(svg.contains("Partners with a current tie"))
        if let xmllint = Self.tool("xmllint") {
            let (status, _, err) = try Self.run(xmllint, ["--noout", out])
            #expect(status == 0, "\(err)")
        }
        if let rsvg = Self.tool("rsvg-convert") {
            let png = out + ".png"
            let (status, _, err) = try Self.run(rsvg, [out, "-o", png])
            #expect(status == 0)
            #expect(err.isEmpty, "rsvg-convert warned: \(err)")
            #expect((try? Data(contentsOf: URL(fileURLWithPath: png)).count) ?? 0 > 5_000)
        }
    }

    @Test func markdownWritesFiguresBeside() throws {
        let dir = CLIRunner.tempDir()
        let r = try CLIRunner.run(Self.args + ["-o", dir.appendingPathComponent("review.md").path])
        #expect(r.status == 0, "\(r.stderr)")
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        #expect(names == ["review-coverage.svg", "review-network.svg", "review-timeline.svg", "review.md"])
        let md = try String(contentsOf: dir.appendingPathComponent("review.md"), encoding: .utf8)
        #expect(md.contains("](review-network.svg)"))
        #expect(md.contains("| Severity | Gap | Partners | Evidence | Suggested action |"))
        // the methods state the tolerance the eigenvector and PageRank columns were computed to (issue 16)
        #expect(md.contains("Both iterate until the mean change per partner is below 1e-12 (NetworkX's tol)."))
        #expect(md.contains("unweighted, except strength, the sum of a partner's pair weights"))
        // Every SVG the report writes is well-formed and converts with rsvg-convert without a warning.
        for name in names where name.hasSuffix(".svg") {
            let path = dir.appendingPathComponent(name).path
            if let xmllint = Self.tool("xmllint") {
                let (status, _, err) = try Self.run(xmllint, ["--noout", path])
                #expect(status == 0, "\(name): \(err)")
            }
            if let rsvg = Self.tool("rsvg-convert") {
                let (status, _, err) = try Self.run(rsvg, [path, "-o", path + ".png"])
                #expect(status == 0 && err.isEmpty, "\(name): \(err)")
            }
        }
    }

    @Test(.enabled(if: tool("pandoc") != nil && tool("chromium") != nil, "pandoc and chromium are needed"))
    func pandocTurnsTheMarkdownReportIntoAPDF() throws {
        let dir = CLIRunner.tempDir()
        #expect(try CLIRunner.run(Self.args + ["-o", dir.appendingPathComponent("review.md").path]).status == 0)
        // pandoc: Markdown → standalone HTML (figures embedded), then Chromium prints it to PDF.
        let html = dir.appendingPathComponent("review.html").path
        let (s1, _, e1) = try Self.run(Self.tool("pandoc")!, ["--self-contained", "--metadata", "title=Review",
                                                               "--resource-path", dir.path, dir.appendingPathComponent("review.md").path, "-o", html])
        #expect(s1 == 0, "pandoc: \(e1)")
        let pdf = dir.appendingPathComponent("review.pdf").path
        let (s2, _, _) = try Self.run(Self.tool("chromium")!, ["--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                                                               "--user-data-dir=\(dir.path)/profile", "--print-to-pdf=\(pdf)", "file://\(html)"])
        #expect(s2 == 0)
        let data = try Data(contentsOf: URL(fileURLWithPath: pdf))
        #expect(data.starts(with: Array("%PDF".utf8)))
        #expect(data.count > 20_000)
    }

    @Test func badExtensionAndBadStrategyWriteNothing() throws {
        let dir = CLIRunner.tempDir()
        let r = try CLIRunner.run(["report", "Graphs/unesco-human-rights.yaml", "-o", dir.appendingPathComponent("r.pdf").path])
        #expect(r.status == 64)
        let r2 = try CLIRunner.run(["report", "Graphs/unesco-human-rights.yaml", "--strategy", "Tests/CLITests/Hostile/empty.yaml",
                                    "-o", dir.appendingPathComponent("r.html").path])
        #expect(r2.status == 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
    }

    @Test(.enabled(if: tool("chromium") != nil, "chromium is not installed"))
    func chromiumRendersTheReportOfflineWithAndWithoutScripts() throws {
        let dir = CLIRunner.tempDir()
        let html = dir.appendingPathComponent("r.html").path
        #expect(try CLIRunner.run(["report", "Graphs/illustrative-partnerships.yaml", "--as-of", "2016-11-01", "--year-snapshots",
                                   "--years", "2014...2016", "-o", html]).status == 0)
        let chromium = Self.tool("chromium")!
        let common = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
                      "--host-resolver-rules=MAP * ~NOTFOUND", "--user-data-dir=\(dir.path)/profile"]
        // Scripts on: console messages go to stderr with --enable-logging; none may be an error.
        let png = dir.appendingPathComponent("shot.png").path
        let (s1, _, err1) = try Self.run(chromium, common + ["--enable-logging=stderr", "--v=0", "--window-size=1200,1600",
                                                             "--screenshot=\(png)", "file://\(html)"])
        #expect(s1 == 0)
        #expect(!err1.contains("Uncaught"), "console error: \(err1)")
        #expect(!err1.contains("CONSOLE") || !err1.lowercased().contains("error"), "console: \(err1)")
        let size = (try? FileManager.default.attributesOfItem(atPath: png)[.size] as? Int) ?? 0
        #expect(size > 50_000, "screenshot of \(size) bytes looks blank")
        // Scripts off: headless Chromium cannot dump a page with scripts disabled
        // (--blink-settings=scriptEnabled=false yields no output), so the page is
        // loaded with its one <script> element removed — what a reader with
        // scripts off gets. Every section must be there and no snapshot hidden.
        let full = try String(contentsOfFile: html, encoding: .utf8)
        let cut = full.components(separatedBy: "<script>")
        #expect(cut.count == 2, "the report has exactly one inline script")
        let noScript = cut[0] + (cut.count > 1 ? cut[1].components(separatedBy: "</script>").dropFirst().joined() : "")
        let noScriptPath = dir.appendingPathComponent("noscript.html").path
        try noScript.write(toFile: noScriptPath, atomically: true, encoding: .utf8)
        let (s2, dom, _) = try Self.run(chromium, common.map { $0.hasPrefix("--user-data-dir") ? $0 + "2" : $0 } + ["--dump-dom", "file://\(noScriptPath)"])
        #expect(s2 == 0)
        for section in ["network", "timeline", "coverage", "centrality", "gaps", "changes", "methods", "provenance"] {
            #expect(dom.contains("id=\"\(section)\""))
        }
        #expect(dom.components(separatedBy: "class=\"snapshot\"").count - 1 == 3)
        #expect(!dom.contains("hidden=\"\""), "a snapshot is hidden without scripts")
    }
}
