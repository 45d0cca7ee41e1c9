import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Outputs that cannot hurt the reader or the data (issue 15): every output
/// of every command from a hostile graph parsed by a real client; no input
/// replaced; write errors reported; paths in data files kept inside.
@Suite("output safety", .serialized)
struct OutputSafetyTests {
    static let payloads = CLIRunner.repoRoot.appendingPathComponent("Tests/CLITests/Payloads")
    static let hostile = payloads.appendingPathComponent("hostile.yaml").path

    static var pythonChecks: Bool {
        let r = try? CLIRunner.shell("python3 -c 'import yaml, networkx, markdown_it' && command -v pandoc && command -v xmllint && command -v dot")
        return r?.status == 0
    }

    // MARK: - Every output of every command

    /// Writes `result`'s stdout to `dir/name` and its stderr to `dir/name.stderr.txt`.
    private static func keep(_ result: CLIRunner.Result, _ name: String, in dir: URL) throws {
        try result.stdout.write(to: dir.appendingPathComponent(name), atomically: false, encoding: .utf8)
        if !result.stderr.isEmpty {
            try result.stderr.write(to: dir.appendingPathComponent(name + ".stderr.txt"), atomically: false, encoding: .utf8)
        }
    }

    @Test("every output format of every command from one hostile graph parses and carries no live content",
          .enabled(if: pythonChecks, "needs python3 (yaml, networkx, markdown-it-py), pandoc, xmllint and dot"))
    func everyOutputIsInert() throws {
        let out = CLIRunner.tempDir()
        defer { try? FileManager.default.removeItem(at: out) }
        let before = try Data(contentsOf: URL(fileURLWithPath: Self.hostile))
        var failures: [String] = []
        func run(_ args: [String], stdout name: String? = nil) throws {
            let r = try CLIRunner.run(args)
            if r.status != 0 { failures.append("\(args.joined(separator: " ")): exit \(r.status): \(r.stderr.prefix(300))") }
            if let name { try Self.keep(r, name, in: out) } else if !r.stderr.isEmpty {
                try r.stderr.write(to: out.appendingPathComponent("\(args[0])-\(UUID().uuidString.prefix(6)).stderr.txt"),
                                   atomically: false, encoding: .utf8)
            }
        }
        func o(_ name: String) -> String { out.appendingPathComponent(name).path }

        // The imported graph has hostile ids as well (an edges import keeps any text as an id).
        let csv = Self.payloads.appendingPathComponent("hostile-ties.csv").path
        let mapping = Self.payloads.appendingPathComponent("hostile.mapping.yaml").path
        // Its summary (with the hostile ids it counts) is on standard error: kept and checked as text.
        for target in ["import.yaml", "import.json", "import.graphml", "import.gexf", "import-pair"] {
            let args = ["import", csv, "--mapping", mapping, "-o", o(target)]
            let r = try CLIRunner.run(args)
            if r.status != 0 { failures.append("\(args.joined(separator: " ")): exit \(r.status): \(r.stderr.prefix(300))") }
            #expect(r.stdout.isEmpty, "import -o wrote to standard output: \(r.stdout.prefix(200))")
            try r.stderr.write(to: out.appendingPathComponent(target + ".txt"), atomically: false, encoding: .utf8)
        }
        // Three readers: YAML, and the imported graph as YAML and as a CSV pair.
        let graphs = [("hostile", Self.hostile), ("imported", o("import.yaml")), ("pair", o("import-pair"))]
        for (tag, graph) in graphs {
            let focal = ["--focal", "hub"]
            for format in ["table", "csv", "json", "markdown"] {
                let ext = ["table": "txt", "csv": "csv", "json": "json", "markdown": "md"][format]!
                try run(["summary", graph, "--as-of", "2016", "--format", format] + focal, stdout: "\(tag)-summary.\(ext)")
                try run(["analyze", graph, "--as-of", "2016", "--format", format], stdout: "\(tag)-analyze.\(ext)")
                try run(["analyze", graph, "--years", "2012...2016", "--format", format], stdout: "\(tag)-analyze-years.\(ext)")
                try run(["gaps", graph, "--as-of", "2016", "--format", format] + focal, stdout: "\(tag)-gaps.\(ext)")
                try run(["coverage", graph, "--as-of", "2016", "--format", format] + focal, stdout: "\(tag)-coverage.\(ext)")
                try run(["diff", graph, "--from", "2011", "--to", "2016", "--format", format], stdout: "\(tag)-diff.\(ext)")
            }
            for (format, ext) in [("table", "txt"), ("csv", "csv"), ("json", "json"), ("markdown", "md"), ("html", "html"), ("svg", "svg")] {
                try run(["coverage", graph, "--matrix", "--as-of", "2016", "--format", format], stdout: "\(tag)-coverage-matrix.\(ext)")
            }
            try run(["validate", graph], stdout: "\(tag)-validate.txt")
            try run(["validate", graph, "--format", "json"], stdout: "\(tag)-validate.json")
            for ext in ["svg", "dot", "png", "pdf"] {
                try run(["render", graph, "--as-of", "2016", "-o", o("\(tag)-render.\(ext)")])
            }
            try run(["render", graph, "--as-of", "2016", "--format", "dot", "-o", "-"], stdout: "\(tag)-render-stdout.dot")
            for ext in ["html", "svg", "md"] {
                try run(["report", graph, "--as-of", "2016", "-o", o("\(tag)-report.\(ext)")] + focal)
            }
            for ext in ["svg", "png", "pdf"] {
                try run(["timeline", graph, "--as-of", "2016", "-o", o("\(tag)-timeline.\(ext)")])
            }
            for ext in ["yaml", "json", "graphml", "gexf", "dot"] {
                try run(["convert", graph, "-o", o("\(tag)-convert.\(ext)")])
            }
            try run(["convert", graph, "-o", o("\(tag)-convert-pair")])
            try run(["convert", graph, "-o", "-", "--format", "json"], stdout: "\(tag)-convert-stdout.json")
        }
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")

        let check = try CLIRunner.shell("python3 '\(Self.payloads.appendingPathComponent("check_outputs.py").path)' '\(out.path)'")
        #expect(check.status == 0, "\(check.stderr)")
        let report = try JSONSerialization.jsonObject(with: Data(check.stdout.utf8)) as? [String: Any]
        let files = report?["files"] as? [String: [String: Any]] ?? [:]
        var problems: [String] = []
        for (name, info) in files.sorted(by: { $0.key < $1.key }) {
            for p in info["problems"] as? [String] ?? [] { problems.append("\(name): \(p)") }
        }
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
        #expect(files.count >= 150, "checked \(files.count) outputs")

        // The payloads survive as text: escaped, not deleted.
        func text(_ name: String) -> String { files[name]?["text"] as? String ?? "" }
        #expect(text("hostile-report.html").contains("<script>alert(1)</script>"))
        #expect(text("hostile-report.md").contains("<script>alert(1)</script>"))
        #expect(text("hostile-report.md").contains("[x](javascript:alert(1))"))
        #expect(text("imported-gaps.md").contains("<img src=x onerror=alert(3)>"))
        #expect(text("hostile-summary.txt").contains("\\x9B31mred"))
        #expect(text("hostile-summary.txt").contains("\\u{202E}evil"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: Self.hostile)) == before, "the input changed")
    }

    // MARK: - Never over an input

    @Test("an output that resolves to an input (same path, ./, symlink, hard link, CSV pair) is refused with exit 64")
    func outputOverInputIsRefused() throws {
        let dir = CLIRunner.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let g = dir.appendingPathComponent("g.yaml").path
        try FileManager.default.copyItem(atPath: Self.hostile, toPath: g)
        let original = try Data(contentsOf: URL(fileURLWithPath: g))
        _ = try CLIRunner.run(["convert", g, "-o", dir.appendingPathComponent("g.json").path])
        _ = try CLIRunner.run(["convert", g, "-o", dir.appendingPathComponent("pair").path])
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("link.yaml").path, withDestinationPath: g)
        try FileManager.default.linkItem(atPath: g, toPath: dir.appendingPathComponent("hard.yaml").path)
        let csv = dir.appendingPathComponent("data.csv").path
        let map = dir.appendingPathComponent("m.yaml").path
        try FileManager.default.copyItem(atPath: Self.payloads.appendingPathComponent("hostile-ties.csv").path, toPath: csv)
        try FileManager.default.copyItem(atPath: Self.payloads.appendingPathComponent("hostile.mapping.yaml").path, toPath: map)
        let snapshot = try [g, csv, map, dir.appendingPathComponent("g.json").path, dir.appendingPathComponent("pair/ties.csv").path]
            .map { ($0, try Data(contentsOf: URL(fileURLWithPath: $0))) }

        let cases: [[String]] = [
            ["convert", "g.yaml", "-o", "g.yaml"],
            ["convert", "g.yaml", "-o", "./g.yaml"],
            ["convert", "g.yaml", "-o", "../\(dir.lastPathComponent)/g.yaml"],
            ["convert", "g.yaml", "-o", "link.yaml"],
            ["convert", "g.yaml", "-o", "hard.yaml"],
            ["convert", "g.json", "-o", "g.json"],
            ["convert", "pair", "-o", "pair"],
            ["convert", "pair", "-o", "pair/partners.csv", "--format", "csv"],
            ["render", "g.json", "--format", "svg", "-o", "g.json"],
            ["render", "g.yaml", "--format", "dot", "-o", "link.yaml"],
            ["timeline", "g.yaml", "--format", "svg", "-o", "g.yaml"],
            ["import", "data.csv", "--mapping", "m.yaml", "-o", "m.yaml"],
            ["import", "data.csv", "--mapping", "m.yaml", "-o", "./m.yaml"],
        ]
        for args in cases {
            let r = try CLIRunner.run(args, in: dir)
            #expect(r.status == 64, "\(args.joined(separator: " ")): exit \(r.status) \(r.stderr)")
            #expect(r.stderr.contains("refusing to write over an input"), "\(args.joined(separator: " ")): \(r.stderr)")
        }
        for (path, bytes) in snapshot {
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytes, "\(path) changed")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: g)) == original)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty, "\(leftovers)")
    }

    @Test("one-letter file names work (Foundation's path methods trap on them)")
    func oneLetterNames() throws {
        let dir = CLIRunner.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.copyItem(atPath: Self.hostile, toPath: dir.appendingPathComponent("g.yaml").path)
        try "focal: hub\n".write(to: dir.appendingPathComponent("s"), atomically: false, encoding: .utf8)
        let gaps = try CLIRunner.run(["gaps", "g.yaml", "--strategy", "s"], in: dir)
        #expect(gaps.status == 0, "\(gaps.stderr)")
        let report = try CLIRunner.run(["report", "g.yaml", "--as-of", "2016", "-o", "r.md"], in: dir)
        #expect(report.status == 0, "\(report.stderr)")
        let md = try String(contentsOf: dir.appendingPathComponent("r.md"), encoding: .utf8)
        #expect(md.contains("](r-network.svg)"))
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("r-network.svg").path))
    }

    // MARK: - Write errors

    @Test("a full standard output (/dev/full) is an error with exit 1, not a crash")
    func fullStandardOutput() throws {
        let r = try CLIRunner.execute(CLIRunner.binary, ["convert", Self.hostile, "-o", "-", "--format", "json"], stdout: .file("/dev/full"))
        #expect(r.status == 1, "exit \(r.status): \(r.stderr)")
        #expect(r.stderr.contains("<standard output>: error: cannot write: No space left on device"), "\(r.stderr)")
        let t = try CLIRunner.execute(CLIRunner.binary, ["summary", Self.hostile, "--format", "table"], stdout: .file("/dev/full"))
        #expect(t.status == 1, "exit \(t.status): \(t.stderr)")
    }

    @Test("a closed pipe on standard output is an error with exit 1, not a signal")
    func closedPipe() throws {
        let graph = CLIRunner.repoRoot.appendingPathComponent("Graphs/illustrative-partnerships.yaml").path
        for args in [["convert", graph, "-o", "-", "--format", "json"], ["analyze", graph, "--format", "csv"]] {
            let r = try CLIRunner.execute(CLIRunner.binary, args, stdout: .closedPipe)
            #expect(r.status == 1, "\(args[0]): exit \(r.status) (a signal shows as a reason other than exit): \(r.stderr)")
            #expect(r.stderr.contains("cannot write: Broken pipe"), "\(r.stderr)")
        }
    }

    @Test("a full disk (a 16 KiB tmpfs) fails with exit 1, keeps the old file and leaves no temporary file",
          .enabled(if: getuid() == 0, "mounting a tmpfs needs root"))
    func fullDisk() throws {
        let mount = CLIRunner.tempDir()
        defer { try? FileManager.default.removeItem(at: mount) }
        let m = try CLIRunner.shell("mount -t tmpfs -o size=16k tmpfs '\(mount.path)'")
        guard m.status == 0 else {
            print("skipped: cannot mount a tmpfs here (\(m.stderr))")
            return
        }
        defer { _ = try? CLIRunner.shell("umount '\(mount.path)'") }
        let old = mount.appendingPathComponent("out.yaml")
        try "old: content\n".write(to: old, atomically: false, encoding: .utf8)
        let graph = CLIRunner.repoRoot.appendingPathComponent("Graphs/illustrative-partnerships.yaml").path
        for args in [["convert", graph, "-o", old.path], ["render", graph, "-o", mount.appendingPathComponent("g.svg").path],
                     ["convert", graph, "-o", mount.appendingPathComponent("pair").path]] {
            let r = try CLIRunner.run(args)
            #expect(r.status == 1, "\(args[0]): exit \(r.status): \(r.stderr)")
            #expect(r.stderr.contains("No space left on device"), "\(r.stderr)")
        }
        #expect(try String(contentsOf: old, encoding: .utf8) == "old: content\n")
        let all = try FileManager.default.subpathsOfDirectory(atPath: mount.path)
        #expect(all.filter { $0.hasSuffix(".tmp") }.isEmpty, "temporary files left: \(all)")
        #expect(!FileManager.default.fileExists(atPath: mount.appendingPathComponent("g.svg").path))
    }

    // MARK: - Paths inside data files

    @Test("a roster or names file outside the data file's directory is refused at its position, unread, unless allowed")
    func pathsInsideDataFiles() throws {
        let dir = CLIRunner.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let inner = dir.appendingPathComponent("inner")
        try FileManager.default.createDirectory(at: inner, withIntermediateDirectories: true)
        let secret = dir.appendingPathComponent("secret.csv")
        try "id,name,kind\nngo-a,SECRET ROW,ngo\n".write(to: secret, atomically: false, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: inner.appendingPathComponent("sneaky.csv").path,
                                                   withDestinationPath: secret.path)
        let graph = inner.appendingPathComponent("g.yaml").path
        try FileManager.default.copyItem(atPath: Self.hostile, toPath: graph)
        for (roster, column) in [("../secret.csv", 9), ("/etc/passwd", 9), (secret.path, 9), ("sneaky.csv", 9)] {
            let strategy = inner.appendingPathComponent("s.yaml")
            try "focal: hub\nroster: \(roster)\n".write(to: strategy, atomically: false, encoding: .utf8)
            for command in [["gaps", graph, "--strategy", strategy.path], ["coverage", graph, "--strategy", strategy.path]] {
                let r = try CLIRunner.run(command)
                #expect(r.status == 1, "\(roster): exit \(r.status)")
                #expect(r.stderr.contains("\(strategy.path):2:\(column): error: roster '\(roster)' is outside the directory of this file"),
                        "\(r.stderr)")
                #expect(r.stderr.contains("--allow-outside-paths"))
                #expect(!r.stderr.contains("SECRET") && !r.stderr.contains("root:"), "\(r.stderr)")
            }
        }
        // Allowed explicitly, the roster is read.
        let strategy = inner.appendingPathComponent("s.yaml")
        try "focal: hub\nroster: ../secret.csv\n".write(to: strategy, atomically: false, encoding: .utf8)
        let allowed = try CLIRunner.run(["coverage", graph, "--strategy", strategy.path, "--allow-outside-paths", "--format", "json"])
        #expect(allowed.status == 0, "\(allowed.stderr)")
        // A roster inside the directory needs nothing.
        try "id,name,kind\nngo-a,Listed,ngo\n".write(to: inner.appendingPathComponent("r.csv"), atomically: false, encoding: .utf8)
        try "focal: hub\nroster: r.csv\n".write(to: strategy, atomically: false, encoding: .utf8)
        #expect(try CLIRunner.run(["coverage", graph, "--strategy", strategy.path]).status == 0)

        // The mapping's names file.
        let csv = inner.appendingPathComponent("t.csv")
        try "from,to,year\na,b,2010\n".write(to: csv, atomically: false, encoding: .utf8)
        let map = inner.appendingPathComponent("m.yaml")
        try "mode: edges\ndates: [YYYY]\npartners: {kind: ngo}\nties: {source: from, target: to, start: year}\nnames: {file: ../secret.csv, id: id, name: name}\n"
            .write(to: map, atomically: false, encoding: .utf8)
        let out = inner.appendingPathComponent("out.yaml").path
        let r = try CLIRunner.run(["import", csv.path, "--mapping", map.path, "-o", out])
        #expect(r.status == 1)
        #expect(r.stderr.contains("\(map.path):5:15: error: names file '../secret.csv' is outside the directory of this file"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out))
        let ok = try CLIRunner.run(["import", csv.path, "--mapping", map.path, "-o", out, "--allow-outside-paths"])
        #expect(ok.status == 0, "\(ok.stderr)")
    }

    // MARK: - The DOT export

    @Test("the DOT export keeps data as pg_ attributes; dot draws it without opening a file from the data",
          .enabled(if: (try? CLIRunner.shell("command -v dot"))?.status == 0, "needs dot"))
    func dotExportIsData() throws {
        let dir = CLIRunner.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let dot = dir.appendingPathComponent("g.dot").path
        let r = try CLIRunner.run(["convert", Self.hostile, "-o", dot])
        #expect(r.status == 0, "\(r.stderr)")
        let text = try String(contentsOfFile: dot, encoding: .utf8)
        for attribute in ["image", "shapefile", "fontpath", "imagepath", "href"] {
            #expect(text.range(of: "[\\[ ,]\(attribute)=", options: .regularExpression) == nil, "\(attribute) is live in \(text)")
            #expect(text.contains("pg_\(attribute)="), "pg_\(attribute) missing")
        }
        #expect(text.contains("\"pg_on click\"="))
        #expect(text.range(of: "[\\[ ,]URL=\"javascript", options: .regularExpression) == nil)
        #expect(text.contains("URL=\"mailto:someone@example.org\""))
        let trace = (try? CLIRunner.shell("command -v strace"))?.status == 0
        let drawn = dir.appendingPathComponent("g.svg").path
        let log = dir.appendingPathComponent("trace.log").path
        let d = try CLIRunner.shell((trace ? "strace -f -qq -e trace=open,openat,stat,newfstatat,access -o '\(log)' " : "")
                                    + "dot -Tsvg '\(dot)' -o '\(drawn)'")
        #expect(d.status == 0, "\(d.stderr)")
        #expect(!d.stderr.contains("passwd"), "\(d.stderr)")
        if trace {
            let opened = try String(contentsOfFile: log, encoding: .utf8)
            #expect(!opened.contains("/etc/passwd"), "dot opened /etc/passwd")
        }
        let svg = try String(contentsOfFile: drawn, encoding: .utf8)
        #expect(!svg.lowercased().contains("href=\"javascript:"))
    }
}
