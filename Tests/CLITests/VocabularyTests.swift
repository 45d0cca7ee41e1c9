import Foundation
import Testing

/// One spelling per concept across every subcommand (issue 16): the options
/// each `--help` shows are collected, and no concept may be spelled two ways;
/// the former spellings still work, print one deprecation line and give the
/// same output.
@Suite struct VocabularyTests {
    static let commands = ["validate", "summary", "analyze", "render", "gaps", "coverage", "convert", "timeline", "diff", "report", "import", "project"]

    /// Spellings of one concept: at most one may appear in the help of all commands together.
    static let concepts: [String: [String]] = [
        "output file": ["--output", "--out", "--output-file"],
        "ranking measure": ["--sort-by", "--by", "--rank-by", "--order-by", "--sort"],
        "one snapshot per year": ["--years", "--by-year", "--year-range", "--per-year"],
        "snapshot date": ["--as-of", "--date", "--at", "--on"],
        "partner kinds": ["--kind", "--kinds", "--partner-kind"],
        "gap kinds": ["--gap-kind", "--gap-kinds"],
        "convergence tolerance": ["--tolerance", "--pagerank-tolerance", "--tol"],
        "how many": ["--top", "--limit", "--head", "--max-rows"],
        "output format": ["--format", "--output-format"],
        "layout engine": ["--engine", "--layout"],
    ]

    /// The long options a command's help lists.
    static func options(_ command: String) throws -> Set<String> {
        let help = try CLIRunner.run([command, "--help"]).stdout
        var found = Set<String>()
        for line in help.split(separator: "\n") {
            let trimmed = line.drop(while: { $0 == " " })
            guard trimmed.hasPrefix("-") else { continue }
            for word in trimmed.split(separator: " ") where word.hasPrefix("--") {
                found.insert(String(word.split(separator: ",")[0]))
            }
        }
        return found
    }

    @Test("no concept has two spellings across the subcommands")
    func oneSpellingPerConcept() throws {
        var byCommand: [String: Set<String>] = [:]
        for c in Self.commands { byCommand[c] = try Self.options(c) }
        let all = byCommand.values.reduce(Set<String>()) { $0.union($1) }
        for (concept, spellings) in Self.concepts.sorted(by: { $0.key < $1.key }) {
            let used = spellings.filter(all.contains)
            #expect(used.count <= 1, "\(concept) is spelled \(used) (in \(Self.commands.filter { c in used.contains { byCommand[c]!.contains($0) } }))")
        }
        // --from/--to name two dates to compare, in diff only.
        for c in Self.commands where c != "diff" {
            #expect(!byCommand[c]!.contains("--from") && !byCommand[c]!.contains("--to"), "\(c)")
        }
        // Every command takes -o/--output.
        for c in Self.commands {
            #expect(byCommand[c]!.contains("--output"), "\(c)")
        }
    }

    @Test("former spellings still work: one deprecation line, the same output", arguments: [
        (["render", "Graphs/unesco-human-rights.yaml", "--as-of", "2016-11-01", "--top", "3", "--by", "degree", "-o", "-"],
         ["render", "Graphs/unesco-human-rights.yaml", "--as-of", "2016-11-01", "--top", "3", "--sort-by", "degree", "-o", "-"],
         "partnergraph: --by is deprecated; use --sort-by"),
        (["analyze", "Graphs/unesco-human-rights.yaml", "--by-year", "2008...2009", "--measures", "degree", "--format", "csv"],
         ["analyze", "Graphs/unesco-human-rights.yaml", "--years", "2008...2009", "--measures", "degree", "--format", "csv"],
         "partnergraph: --by-year is deprecated; use --years"),
        (["coverage", "Graphs/unesco-human-rights.yaml", "--by-year", "2008...2009", "--format", "csv"],
         ["coverage", "Graphs/unesco-human-rights.yaml", "--years", "2008...2009", "--format", "csv"],
         "partnergraph: --by-year is deprecated; use --years"),
        (["timeline", "Graphs/illustrative-partnerships.yaml", "--as-of", "2016-11-01", "--from", "2000", "--to", "2020", "-o", "-"],
         ["timeline", "Graphs/illustrative-partnerships.yaml", "--as-of", "2016-11-01", "--years", "2000...2020", "-o", "-"],
         "partnergraph: --from is deprecated; use --years FROM...TO\npartnergraph: --to is deprecated; use --years FROM...TO"),
        (["gaps", "Graphs/unesco-human-rights.yaml", "--as-of", "2016-11-01", "--kinds", "isolated-partner", "--format", "csv"],
         ["gaps", "Graphs/unesco-human-rights.yaml", "--as-of", "2016-11-01", "--gap-kind", "isolated-partner", "--format", "csv"],
         "partnergraph: --kinds is deprecated; use --gap-kind"),
        (["convert", "Graphs/unesco-human-rights.yaml", "-", "--format", "json"],
         ["convert", "Graphs/unesco-human-rights.yaml", "-o", "-", "--format", "json"],
         "partnergraph: convert IN OUT is deprecated; use convert IN -o OUT"),
    ])
    func formerSpellings(old: [String], new: [String], line: String) throws {
        let before = try CLIRunner.run(old)
        let after = try CLIRunner.run(new)
        #expect(before.status == 0 && after.status == 0, "\(before.stderr)\(after.stderr)")
        #expect(before.stdout == after.stdout)
        #expect(!before.stdout.isEmpty)
        #expect(before.stderr == line + "\n" + after.stderr, "\(before.stderr)")
        #expect(!after.stderr.contains("deprecated"))
    }

    @Test("-o FILE holds exactly what standard output would, in every command that prints", arguments: [
        ["validate", "Graphs/unesco-human-rights.yaml", "--format", "json"],
        ["summary", "Graphs/unesco-human-rights.yaml", "--as-of", "2016-11-01"],
        ["analyze", "Graphs/unesco-human-rights.yaml", "--as-of", "2016-11-01", "--format", "csv"],
        ["gaps", "Graphs/unesco-human-rights.yaml", "--as-of", "2016-11-01", "--format", "markdown", "--fail-on-gaps", "low"],
        ["coverage", "Graphs/unesco-human-rights.yaml", "--as-of", "2016-11-01", "--format", "json"],
        ["diff", "Graphs/unesco-human-rights.yaml", "--from", "2009", "--to", "2016", "--format", "json"],
    ])
    func outputOption(_ args: [String]) throws {
        let dir = CLIRunner.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let printed = try CLIRunner.run(args)
        let file = dir.appendingPathComponent("out.txt").path
        let written = try CLIRunner.run(args + ["-o", file])
        #expect(written.status == printed.status, "\(written.stderr)")
        #expect(written.stdout.isEmpty)
        #expect(!printed.stdout.isEmpty)
        #expect(try String(contentsOfFile: file, encoding: .utf8) == printed.stdout)
        // `-o -` is standard output.
        #expect(try CLIRunner.run(args + ["-o", "-"]).stdout == printed.stdout)
        // An error writes nothing.
        let missing = dir.appendingPathComponent("none.txt").path
        var bad = args
        bad[1] = dir.appendingPathComponent("missing.yaml").path
        let failed = try CLIRunner.run(bad + ["-o", missing])
        #expect(failed.status == 1)
        // validate writes its report of the problem (here JSON); the others nothing.
        #expect(FileManager.default.fileExists(atPath: missing) == (args[0] == "validate"))
    }

    @Test("-o naming the input is refused (exit 64), the input unchanged")
    func outputOverInput() throws {
        let dir = CLIRunner.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let copy = dir.appendingPathComponent("g.yaml")
        try FileManager.default.copyItem(at: CLIRunner.repoRoot.appendingPathComponent("Graphs/unesco-human-rights.yaml"), to: copy)
        let before = try Data(contentsOf: copy)
        let r = try CLIRunner.run(["summary", "g.yaml", "-o", "./g.yaml"], in: dir)
        #expect(r.status == 64, "\(r.stderr)")
        #expect(try Data(contentsOf: copy) == before)
    }

    @Test("--kind takes repeated options and comma lists, with spaces, in every command that has it")
    func kindLists() throws {
        let g = "Graphs/unesco-human-rights.yaml"
        let comma = try CLIRunner.run(["analyze", g, "--as-of", "2016-11-01", "--kind", "ngo, un-office", "--format", "csv", "--measures", "degree"])
        let repeated = try CLIRunner.run(["analyze", g, "--as-of", "2016-11-01", "--kind", "ngo", "--kind", "un-office", "--format", "csv", "--measures", "degree"])
        #expect(comma.status == 0, "\(comma.stderr)")
        #expect(comma.stdout == repeated.stdout)
        // The seed file has one partner of each of these kinds (ngos, ohchr).
        #expect(comma.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: ",")[0] }.sorted() == ["ngos", "ohchr"])
        for command in [["timeline", g, "-o", "-"], ["render", g, "-o", "-"]] {
            let r = try CLIRunner.run(command + ["--kind", "ngo, un-office"])
            #expect(r.status == 0, "\(command[0]): \(r.stderr)")
        }
    }

    @Test("an unknown id, kind, engine or format: exit 64 and the closest known values, in every command", arguments: [
        ["summary", "--focal", "unesko"], ["analyze", "--kind", "ngoo"], ["render", "--focal", "unesko", "-o", "-"],
        ["render", "--ego", "unesko", "-o", "-"], ["render", "--kind", "ngoo", "-o", "-"], ["render", "--engine", "neatoo", "-o", "-"],
        ["render", "--format", "svgg", "-o", "-"], ["gaps", "--focal", "unesko"], ["coverage", "--focal", "unesko"],
        ["timeline", "--focal", "unesko", "-o", "-"], ["timeline", "--kind", "ngoo", "-o", "-"], ["report", "--focal", "unesko", "-o", "r.html"],
        ["report", "--engine", "neatoo", "-o", "r.html"],
    ])
    func unknownValues(_ args: [String]) throws {
        let r = try CLIRunner.run([args[0], "Graphs/unesco-human-rights.yaml"] + args.dropFirst())
        #expect(r.status == 64, "\(args): \(r.stderr)")
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.contains("(did you mean '"), "\(args): \(r.stderr)")
        #expect(r.stderr.contains("closest known: '"), "\(args): \(r.stderr)")
        #expect(r.stderr.contains("partnergraph \(args[0])"), "the command's own help: \(r.stderr)")
    }
}

/// A CSV pair in a directory whose name has a dot (as `mktemp -d` makes) is
/// read and written as a directory, not refused for its "extension".
@Suite struct DottedDirectoryTests {
    @Test func dottedDirectory() throws {
        let dir = CLIRunner.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let pair = dir.appendingPathComponent("tmp.Mk04EtLVES")
        try FileManager.default.createDirectory(at: pair, withIntermediateDirectories: true)
        let write = try CLIRunner.run(["convert", "Graphs/illustrative-partnerships.yaml", "-o", pair.path])
        #expect(write.status == 0, "\(write.stderr)")
        #expect(FileManager.default.fileExists(atPath: pair.appendingPathComponent("ties.csv").path))
        let read = try CLIRunner.run(["validate", pair.path])
        #expect(read.status == 0, "\(read.stderr)")
        // A path ending in / is a directory even before it exists.
        let fresh = dir.appendingPathComponent("new.pair").path + "/"
        #expect(try CLIRunner.run(["convert", "Graphs/illustrative-partnerships.yaml", "-o", fresh]).status == 0)
        #expect(try CLIRunner.run(["summary", fresh]).status == 0)
    }
}

/// A title with control characters (C0, C1, DEL, a bidi override) still
/// gives well-formed XML from every command that draws (xmllint, libxml2's
/// own parser), and the title's text survives without the controls.
@Suite struct ControlTitleTests {
    @Test(arguments: [
        ["render", "Graphs/unesco-human-rights.yaml", "-o", "OUT.svg"],
        ["render", "Graphs/unesco-human-rights.yaml", "--years", "2005...2008", "--small-multiples", "-o", "OUT.svg"],
        ["timeline", "Graphs/unesco-human-rights.yaml", "-o", "OUT.svg"],
        ["report", "Graphs/unesco-human-rights.yaml", "-o", "OUT.svg"],
        ["report", "Graphs/unesco-human-rights.yaml", "-o", "OUT.html"],
    ])
    func titleWithControls(_ args: [String]) throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/xmllint") else {
            Issue.record("xmllint is missing (apt-get install libxml2-utils)")
            return
        }
        let dir = CLIRunner.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent(args.last!.replacingOccurrences(of: "OUT", with: "figure")).path
        let title = "Strategy\u{01} review\u{1B}[31m 2016\u{7F}\u{85}\u{202E}"
        let r = try CLIRunner.run(Array(args.dropLast()) + [out, "--as-of", "2016-11-01", "--title", title])
        #expect(r.status == 0, "\(args): \(r.stderr)")
        // libxml2's HTML parser knows HTML 4 only: its "Tag header invalid" for HTML5 elements is not an error here.
        let lint = try CLIRunner.shell("xmllint --noout \(out.hasSuffix(".html") ? "--html " : "")'\(out)' 2>&1")
        let errors = lint.stdout.split(separator: "\n").filter { $0.contains("error") && !($0.contains("HTML parser error : Tag ") && $0.hasSuffix(" invalid")) }
        #expect(lint.status == 0 && errors.isEmpty, "\(args): \(errors)")
        let text = try String(contentsOfFile: out, encoding: .utf8)
        #expect(text.contains("Strategy review[31m 2016"), "\(args): the title's text is kept")
        #expect(!text.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\n" && $0 != "\t" && $0 != "\r") || (0x7F...0x9F).contains($0.value) })
    }
}

/// JSON and CSV keep the data exact in every command (the terminal escapes
/// are for tables and Markdown only): a kind and a name with a bidi override,
/// a C1 control and an emoji come back from Python's json and csv readers as
/// written.
@Suite struct ExactDataTests {
    // (summary's and gaps' CSV hold types and ids only.)
    @Test(arguments: [
        ["coverage", "g.yaml", "--as-of", "2016", "--format", "json"],
        ["coverage", "g.yaml", "--years", "2015...2016", "--format", "json"],
        ["coverage", "g.yaml", "--as-of", "2016", "--format", "csv"],
        ["coverage", "g.yaml", "--years", "2015...2016", "--format", "csv"],
        ["summary", "g.yaml", "--as-of", "2016", "--format", "json"],
        ["analyze", "g.yaml", "--as-of", "2016", "--format", "json"],
        ["analyze", "g.yaml", "--as-of", "2016", "--format", "csv"],
        ["gaps", "g.yaml", "--as-of", "2016", "--format", "json"],
        ["analyze", "g.yaml", "--years", "2015...2016", "--format", "json"],
        ["summary", "g.yaml", "--as-of", "2016", "--focal", "b", "--format", "json"],
    ])
    func exact(_ args: [String]) throws {
        let dir = CLIRunner.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data("""
            focal: a
            partners:
              - {id: a, name: Alpha, kind: agency}
              - {id: b, name: "Be\\u202Eta\\x85\\U0001F600", kind: "ng\\u202Eo\\U0001F600"}
              - {id: c, name: Gamma, kind: "ng\\u202Eo\\U0001F600"}
            ties:
              - {type: liaison, between: [a, b], start: 2010}

            """.utf8).write(to: dir.appendingPathComponent("g.yaml"))
        let r = try CLIRunner.run(args, in: dir)
        #expect(r.status == 0, "\(args): \(r.stderr)")
        try Data(r.stdout.utf8).write(to: dir.appendingPathComponent("out"))
        let reader = args.last == "json"
            ? "import json; d = json.dumps(json.load(open('out', encoding='utf-8')), ensure_ascii=False)"
            : "import csv; d = chr(10).join(chr(31).join(row) for row in csv.reader(open('out', encoding='utf-8', newline='')))"
        let check = try CLIRunner.shell("cd '\(dir.path)' && python3 -c \"\(reader); print('ng\\u202eo\\U0001F600' in d, '\\\\\\\\u{' in d, 'Be\\u202eta\\x85\\U0001F600' in d)\"")
        #expect(check.status == 0, "\(args): \(check.stderr)")
        // The kind is there as written, and the name (bidi override, C1 control, emoji) where the
        // output has it: analyze lists names, summary names the focal partner; no terminal escape.
        let hasName = args[0] == "analyze" || args.contains("--focal") ? "True" : "False"
        #expect(check.stdout == "True False \(hasName)\n", "\(args): \(check.stdout) \(check.stderr)")
    }
}
