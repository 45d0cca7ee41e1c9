import PartnerGraph
import Testing
import PartnerGraphIO

/// The graph, strategy and mapping readers share one YAML reader: a file's
/// YAML mistakes read the same in each, apart from the file name.
@Suite("One YAML reader")
struct YAMLReaderTests {
    /// The diagnostics of each reader for `text`, with the reader's file name.
    static func diagnostics(_ text: String, json: Bool = false) -> [(reader: String, path: String, diagnostics: [Diagnostic])] {
        func caught(_ body: () throws(GraphFileError) -> Void) -> [Diagnostic] {
            do { try body(); return [] } catch { return error.diagnostics }
        }
        var out: [(String, String, [Diagnostic])] = [
            ("graph", "graph.yaml", caught { () throws(GraphFileError) in _ = try GraphFile.parse(text, format: .yaml, path: "graph.yaml") }),
            ("strategy", "strategy.yaml", caught { () throws(GraphFileError) in _ = try StrategyFile.parse(text, path: "strategy.yaml", network: PartnerNetwork()) }),
            ("mapping", "mapping.yaml", caught { () throws(GraphFileError) in _ = try ImportMapping.parse(text, path: "mapping.yaml") }),
        ]
        if json {
            out.append(("graph (JSON)", "graph.json", caught { () throws(GraphFileError) in _ = try GraphFile.parse(text, format: .json, path: "graph.json") }))
        }
        return out
    }

    /// Every reader's diagnostics printed with the file name as `FILE`.
    static func printed(_ text: String, json: Bool = false) -> [String: [String]] {
        var out: [String: [String]] = [:]
        for (reader, path, diagnostics) in diagnostics(text, json: json) {
            out[reader] = diagnostics.map { d in
                var d = d
                #expect(d.path == path, "\(reader) names \(d.path), not \(path)")
                d.path = "FILE"
                return d.description
            }
        }
        return out
    }

    /// A duplicate key, and where its second occurrence is (worked out by hand).
    static let duplicates: [(text: String, json: Bool, line: Int, column: Int, key: String, firstLine: Int)] = [
        // At the top level.
        ("title: A\ndescription: d\ntitle: B\n", false, 3, 1, "title", 1),
        // In a list item, in block style.
        ("partners:\n  - id: a\n    name: A\n    id: b\n", false, 4, 5, "id", 2),
        // In a flow mapping, with another mapping below at the same column:
        // a search for the key at the first one's column finds line 3.
        ("partners:\n  - {id: a, name: A, id: b}\n  - {id: c}\n", false, 2, 22, "id", 2),
        // Quoted keys, as JSON writes them.
        ("{\"title\": \"a\", \"title\": \"b\"}\n", true, 1, 16, "title", 1),
        // JSON over several lines.
        ("{\n  \"partners\": [],\n  \"ties\": [],\n  \"partners\": []\n}\n", true, 4, 3, "partners", 2),
        // Three times: the second is reported.
        ("top: 1\nkinds: []\ntop: 2\ntop: 3\n", false, 3, 1, "top", 1),
        // Columns count characters, not bytes.
        ("é: 1\nx: {é: 2, é: 3}\n", false, 2, 11, "é", 2),
    ]

    @Test("A duplicate key reads the same from the graph, strategy and mapping readers, at its second occurrence",
          arguments: duplicates.indices)
    func duplicateKeyIsReportedAlike(_ i: Int) {
        let c = Self.duplicates[i]
        let expected = "FILE:\(c.line):\(c.column): error: duplicate key '\(c.key)' (first at line \(c.firstLine))\n"
            + "    hint: each key may appear once in a mapping; remove or rename one"
        let printed = Self.printed(c.text, json: c.json)
        #expect(printed.count == (c.json ? 4 : 3))
        for (reader, lines) in printed {
            #expect(lines == [expected], "\(reader) reader")
        }
    }

    @Test("A YAML syntax error and an escaped control character read the same from every reader")
    func otherYAMLProblemsAreReportedAlike() {
        for text in ["title: [a\n", "title: \"\\e[31m\"\n", "a: &x [1]\nb: *y\n"] {
            let printed = Self.printed(text)
            let graph = printed["graph"] ?? []
            #expect(graph.count == 1, "\(text): \(graph)")
            #expect(printed["strategy"] == graph, "\(text)")
            #expect(printed["mapping"] == graph, "\(text)")
        }
    }
}
