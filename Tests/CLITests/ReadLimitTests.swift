import Foundation
import Testing

/// The read limits (`--max-file-size`, `--max-field-length`, `--max-partners`,
/// `--max-ties`): in every format, the diagnostic is at the value or element
/// that passes the limit and names the option; raising it lets the file in.
/// Positions are counted by hand in the fixtures below.
@Suite struct ReadLimitTests {
    /// Three partners (the first with a 22-character name) and two ties, in
    /// each format; `partner3`, `tie2` and `longName` are where the third
    /// partner, the second tie and the long name start.
    struct Fixture {
        var files: [String: String]
        var input: String
        var partner3: String
        var tie2: String
        var longName: String
        var longNameWhat = "value"
        /// The file whose size the size limit reports.
        var sized: String
    }

    static let fixtures: [Fixture] = [
        Fixture(files: ["g.yaml": """
            title: Limits
            partners:
              - {id: a, name: Alphabetical Order Ltd, kind: ngo}
              - {id: b, name: Beta, kind: ngo}
              - {id: c, name: Gamma, kind: ngo}
            ties:
              - {type: liaison, between: [a, b], start: 2010}
              - {type: liaison, between: [b, c], start: 2011}

            """], input: "g.yaml", partner3: "g.yaml:5:5", tie2: "g.yaml:8:5", longName: "g.yaml:3:19", sized: "g.yaml"),
        Fixture(files: ["g.json": """
            {"title": "Limits",
             "partners": [
              {"id": "a", "name": "Alphabetical Order Ltd", "kind": "ngo"},
              {"id": "b", "name": "Beta", "kind": "ngo"},
              {"id": "c", "name": "Gamma", "kind": "ngo"}],
             "ties": [
              {"type": "liaison", "between": ["a", "b"], "start": "2010"},
              {"type": "liaison", "between": ["b", "c"], "start": "2011"}]}

            """], input: "g.json", partner3: "g.json:5:3", tie2: "g.json:8:3", longName: "g.json:3:23", sized: "g.json"),
        Fixture(files: ["g/partners.csv": "id,name,kind\na,Alphabetical Order Ltd,ngo\nb,Beta,ngo\nc,Gamma,ngo\n",
                        "g/ties.csv": "source,target,type,start,end\na,b,liaison,2010,\nb,c,liaison,2011,\n"],
                input: "g", partner3: "g/partners.csv:4:1", tie2: "g/ties.csv:3:1", longName: "g/partners.csv:2:3",
                longNameWhat: "field", sized: "g/partners.csv"),
        Fixture(files: ["g.graphml": """
            <?xml version="1.0" encoding="UTF-8"?>
            <graphml xmlns="http://graphml.graphdrawing.org/xmlns">
              <key id="name" for="node" attr.name="name" attr.type="string"/>
              <key id="kind" for="node" attr.name="kind" attr.type="string"/>
              <graph edgedefault="undirected">
                <node id="a"><data key="name">Alphabetical Order Ltd</data><data key="kind">ngo</data></node>
                <node id="b"><data key="name">Beta</data><data key="kind">ngo</data></node>
                <node id="c"><data key="name">Gamma</data><data key="kind">ngo</data></node>
                <edge source="a" target="b"/>
                <edge source="b" target="c"/>
              </graph>
            </graphml>

            """], input: "g.graphml", partner3: "g.graphml:8:5", tie2: "g.graphml:10:5", longName: "g.graphml:6:18",
                longNameWhat: "text", sized: "g.graphml"),
        Fixture(files: ["g.gexf": """
            <?xml version="1.0" encoding="UTF-8"?>
            <gexf xmlns="http://gexf.net/1.3" version="1.3">
              <graph defaultedgetype="undirected">
                <nodes>
                  <node id="a" label="Alphabetical Order Ltd"/>
                  <node id="b" label="Beta"/>
                  <node id="c" label="Gamma"/>
                </nodes>
                <edges>
                  <edge id="0" source="a" target="b"/>
                  <edge id="1" source="b" target="c"/>
                </edges>
              </graph>
            </gexf>

            """], input: "g.gexf", partner3: "g.gexf:7:7", tie2: "g.gexf:11:7", longName: "g.gexf:5:7",
                longNameWhat: "'label' attribute", sized: "g.gexf"),
    ]

    static func write(_ fixture: Fixture) throws -> URL {
        let dir = CLIRunner.tempDir()
        for (path, text) in fixture.files {
            let url = dir.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        return dir
    }

    /// The headlines (not hints) of what `partnergraph validate` printed.
    static func headlines(_ stderr: String) -> [String] {
        stderr.split(separator: "\n").map(String.init).filter { $0.contains(": error: ") }
    }

    @Test(arguments: fixtures.map(\.input))
    func limitsAtTheirPosition(_ input: String) throws {
        let f = Self.fixtures.first { $0.input == input }!
        let dir = try Self.write(f)
        defer { try? FileManager.default.removeItem(at: dir) }

        let partners = try CLIRunner.run(["validate", f.input, "--max-partners", "2"], in: dir)
        #expect(partners.status == 1)
        #expect(Self.headlines(partners.stderr) == ["\(f.partner3): error: partner 3 is over the limit of 2 partners (--max-partners)"], "\(partners.stderr)")
        #expect(partners.stderr.contains("hint: raise the limit with --max-partners"))

        let ties = try CLIRunner.run(["validate", f.input, "--max-ties", "1"], in: dir)
        #expect(ties.status == 1)
        #expect(Self.headlines(ties.stderr) == ["\(f.tie2): error: tie 2 is over the limit of 1 tie (--max-ties)"], "\(ties.stderr)")

        let long = try CLIRunner.run(["validate", f.input, "--max-field-length", "10"], in: dir)
        #expect(long.status == 1)
        #expect(Self.headlines(long.stderr) == ["\(f.longName): error: this \(f.longNameWhat) is 22 characters long, over the limit of 10 (--max-field-length)"], "\(long.stderr)")
        #expect(long.stderr.contains("raise the limit with --max-field-length"))

        let size = try Data(contentsOf: dir.appendingPathComponent(f.sized)).count
        let big = try CLIRunner.run(["validate", f.input, "--max-file-size", "40"], in: dir)
        #expect(big.status == 1)
        #expect(Self.headlines(big.stderr) == ["\(f.sized): error: the file is \(size) bytes, over the limit of 40 bytes (--max-file-size)"], "\(big.stderr)")
        let largest = try f.files.keys.map { try Data(contentsOf: dir.appendingPathComponent($0)).count }.max()!

        // At the limit exactly, the file is read.
        let fits = try CLIRunner.run(["validate", f.input, "--max-partners", "3", "--max-ties", "2", "--max-field-length", "22",
                                      "--max-file-size", "\(largest)"], in: dir)
        #expect(!fits.stderr.contains("error"), "\(fits.stderr)")
    }

    @Test("every command that reads data takes the limits, and a limit hit writes nothing")
    func everyCommand() throws {
        let dir = try Self.write(Self.fixtures[0])
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("out").path
        let commands: [[String]] = [
            ["validate", "g.yaml"], ["summary", "g.yaml"], ["analyze", "g.yaml"], ["gaps", "g.yaml", "--focal", "a"],
            ["coverage", "g.yaml", "--focal", "a"], ["diff", "g.yaml", "--from", "2010", "--to", "2012"],
            ["render", "g.yaml", "-o", out + ".svg"], ["timeline", "g.yaml", "-o", out + ".svg"],
            ["report", "g.yaml", "--focal", "a", "-o", out + ".html"], ["convert", "g.yaml", "-o", out + ".json"],
        ]
        for command in commands {
            let r = try CLIRunner.run(command + ["--max-partners", "2"], in: dir)
            #expect(r.status == 1, "\(command): \(r.stderr)")
            #expect(r.stderr.contains("g.yaml:5:5: error: partner 3 is over the limit of 2 partners (--max-partners)"), "\(command): \(r.stderr)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["g.yaml"])
    }

    @Test("a value of 100,001 characters is refused by default and read with --max-field-length raised")
    func defaultFieldLength() throws {
        let dir = CLIRunner.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let note = String(repeating: "é", count: 100_001)
        try Data("partners:\n  - {id: a, name: A, kind: ngo, region: \(note)}\nties: []\n".utf8)
            .write(to: dir.appendingPathComponent("g.yaml"))
        let refused = try CLIRunner.run(["validate", "g.yaml"], in: dir)
        #expect(refused.status == 1)
        #expect(Self.headlines(refused.stderr) == ["g.yaml:2:41: error: this value is 100,001 characters long, over the limit of 100,000 (--max-field-length)"], "\(refused.stderr)")
        let read = try CLIRunner.run(["validate", "g.yaml", "--max-field-length", "200000"], in: dir)
        #expect(!read.stderr.contains("error"), "\(read.stderr)")
    }

    @Test("a projection whose co-membership ties pass --max-ties stops at the row that passes it")
    func projectionTies() throws {
        let dir = CLIRunner.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        // One group of five members: 10 pairs.
        try Data("member,group,year\na,g1,2010\nb,g1,2010\nc,g1,2010\nd,g1,2010\ne,g1,2010\n".utf8)
            .write(to: dir.appendingPathComponent("m.csv"))
        try Data("""
            mode: projected
            dates: [YYYY]
            partners: {id: member, kind: ngo}
            groups: {id: group}
            ties: {type: co-membership, start: year}

            """.utf8).write(to: dir.appendingPathComponent("m.yaml"))
        let ok = try CLIRunner.run(["import", "m.csv", "--mapping", "m.yaml", "-o", "all.yaml", "--max-ties", "10"], in: dir)
        #expect(ok.status == 0, "\(ok.stderr)")
        let r = try CLIRunner.run(["import", "m.csv", "--mapping", "m.yaml", "-o", "i.yaml", "--max-ties", "9"], in: dir)
        #expect(r.status == 1)
        // Pairs in row order: (a,b) (a,c) (a,d) (a,e) (b,c) (b,d) (b,e) (c,d) (c,e) — the 10th is (d,e), row 6 (e).
        #expect(Self.headlines(r.stderr) == ["m.csv:6: error: projecting the members of 'g1' makes too many ties: tie 10 is over the limit of 9 ties (--max-ties)"], "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("i.yaml").path))
    }

    @Test("limit options that are not limits are usage errors", arguments: [
        ["--max-file-size", "1x"], ["--max-file-size", "5GiB"], ["--max-partners", "0"], ["--max-field-length", "-3"],
    ])
    func badLimitValues(_ option: [String]) throws {
        let r = try CLIRunner.run(["validate", "Graphs/illustrative-partnerships.yaml"] + option)
        #expect(r.status == 64, "\(option): \(r.stderr)")
        #expect(r.stderr.contains(option[0]))
    }
}

/// The README's limits table is what the commands do: every `--max-…`
/// option of every command that reads data is in it, with the default the
/// help prints; the exit statuses the tests check are the README's.
@Suite struct ReadmeLimitsTests {
    static let readme = (try? String(contentsOf: CLIRunner.repoRoot.appendingPathComponent("README.md"), encoding: .utf8)) ?? ""

    /// `| limit | default | option | …` rows: option → default, digits and units only.
    static var tableDefaults: [String: String] {
        var out: [String: String] = [:]
        for line in readme.split(separator: "\n") where line.hasPrefix("| ") {
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count >= 3, let option = cells[2].split(separator: "`").first(where: { $0.hasPrefix("--max-") }) else { continue }
            out[String(option.split(separator: " ")[0])] = cells[1].filter { !" ,".contains($0) }
        }
        return out
    }

    @Test(arguments: ["validate", "summary", "analyze", "render", "gaps", "coverage", "convert", "timeline", "diff", "report", "import", "project"])
    func helpMatchesReadme(_ command: String) throws {
        let help = try CLIRunner.run([command, "--help"]).stdout
        let section = help.components(separatedBy: "INPUT LIMITS:").dropFirst().first?.components(separatedBy: "\n\n").first ?? ""
        let options = section.split(separator: " ").filter { $0.hasPrefix("--max-") }.map(String.init)
        #expect(Set(options) == ["--max-file-size", "--max-field-length", "--max-partners", "--max-ties", "--max-yaml-values"], "\(command)")
        let table = Self.tableDefaults
        for (option, printed) in [("--max-file-size", "1GiB"), ("--max-field-length", "100000"), ("--max-partners", "1000000"), ("--max-ties", "10000000")] {
            #expect(help.contains("(default: \(printed))"), "\(command) --help: \(option)")
            #expect(table[option]?.hasPrefix(printed) == true, "README table: \(option) is \(table[option] ?? "missing")")
        }
        #expect(table["--max-yaml-values"] != nil)
    }

    @Test("the exit statuses the tests check are the README's table")
    func exitTable() {
        let section = Self.readme.components(separatedBy: "## Exit status").last ?? ""
        for status in ["| 0 |", "| 1 |", "| 2 |", "| 64 |"] { #expect(section.contains(status), "\(status)") }
        #expect(section.contains("invalid option value"))
    }
}
