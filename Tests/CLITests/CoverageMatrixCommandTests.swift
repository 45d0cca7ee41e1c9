import Foundation
import Testing

/// `coverage --matrix`: Davis's attendance table cell by cell (NetworkX's
/// `davis_southern_women_graph()`, printed by networkx 3.6.1 and written here
/// as literals), `--uncovered-only`, the roster forms, usage errors, HTML
/// escaping and the heat map under the page model.
@Suite("coverage --matrix")
struct CoverageMatrixCommandTests {
    static let davis = "Graphs/davis-southern-women.yaml"
    static let asOf = ["--as-of", "1933-12-31"]

    /// Events each woman attended, from networkx (`[i for i, e in enumerate(G.graph["bottom"], 1) if G.has_edge(w, e)]`).
    static let attended: [String: [Int]] = [
        "Evelyn Jefferson": [1, 2, 3, 4, 5, 6, 8, 9], "Laura Mandeville": [1, 2, 3, 5, 6, 7, 8],
        "Theresa Anderson": [2, 3, 4, 5, 6, 7, 8, 9], "Brenda Rogers": [1, 3, 4, 5, 6, 7, 8],
        "Charlotte McDowd": [3, 4, 5, 7], "Frances Anderson": [3, 5, 6, 8], "Eleanor Nye": [5, 6, 7, 8],
        "Pearl Oglethorpe": [6, 8, 9], "Ruth DeSand": [5, 7, 8, 9], "Verne Sanderson": [7, 8, 9, 12],
        "Myra Liddel": [8, 9, 10, 12], "Katherina Rogers": [8, 9, 10, 12, 13, 14],
        "Sylvia Avondale": [7, 8, 9, 10, 12, 13, 14], "Nora Fayette": [6, 7, 9, 10, 11, 12, 13, 14],
        "Helen Lloyd": [7, 8, 10, 11, 12], "Dorothy Murchison": [8, 9], "Olivia Carleton": [9, 11], "Flora Price": [9, 11],
    ]

    static func json(_ args: [String]) throws -> [String: Any] {
        let r = try CLIRunner.run(args + ["--format", "json"])
        try #require(r.status == 0, "\(args): \(r.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
    }

    @Test("Davis: 18 women × 14 events, every cell is whether she attended (1933), events in number order")
    func davisEveryCell() throws {
        let j = try Self.json(["coverage", Self.davis, "--matrix"] + Self.asOf)
        let rows = try #require(j["rows"] as? [[String: Any]]), cols = try #require(j["columns"] as? [[String: Any]])
        let cells = try #require(j["cells"] as? [[[String: Any]]])
        #expect(cols.map { $0["id"] as? String } == (1...14).map { "e\($0)" })
        #expect(Set(rows.compactMap { $0["name"] as? String }) == Set(Self.attended.keys))
        #expect(rows.count == 18 && cells.count == 18)
        for (r, row) in rows.enumerated() {
            let name = row["name"] as? String ?? ""
            let expected = Set(Self.attended[name] ?? [])
            for c in 0..<14 {
                let cell = cells[r][c]
                if expected.contains(c + 1) {
                    #expect(cell["state"] as? String == "current" && cell["year"] as? Int == 1933, "\(name), event \(c + 1): \(cell)")
                } else {
                    #expect(cell["state"] as? String == "none" && cell["year"] is NSNull, "\(name), event \(c + 1): \(cell)")
                }
            }
        }
        let counts = try #require(j["counts"] as? [String: Int])
        #expect(counts == ["current": 89, "lapsed": 0, "none": 18 * 14 - 89])
    }

    @Test("--uncovered-only with a roster and columns: the gaps only, as a table")
    func uncoveredOnlyTable() throws {
        let r = try CLIRunner.run(["coverage", Self.davis, "--matrix", "--uncovered-only", "--roster", "laura-mandeville,evelyn-jefferson,flora-price",
                                   "--columns", "e1,e2,e9,e11"] + Self.asOf)
        try #require(r.status == 0, "\(r.stderr)")
        // Evelyn: 1, 2, 9 not 11; Laura: 1, 2, not 9, 11; Flora: 9, 11, not 1, 2 — every row and column has a gap.
        #expect(r.stdout == """
        Coverage matrix: Davis Southern Women as of 1933-12-31
        3 rows × 4 columns: 7 current, 0 lapsed, 5 none (only rows and columns with a gap)

                          e1  e2  e9  e11
        ----------------  --  --  --  ---
        evelyn-jefferson              –
        flora-price       –   –
        laura-mandeville          –   –

        """)
    }

    @Test("--rows and --columns by side; --roster from a CSV column; the long CSV form")
    func rosterForms() throws {
        let dir = CLIRunner.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let csv = dir.appendingPathComponent("roster.csv")
        try "who,note\nflora-price,x\nolivia-carleton,y\nnobody-here,z\n".write(to: csv, atomically: true, encoding: .utf8)
        let r = try CLIRunner.run(["coverage", Self.davis, "--matrix", "--roster", csv.path + "#who", "--columns", "e9,e10,e11", "--format", "csv"] + Self.asOf)
        try #require(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == """
        row,column,state,year
        flora-price,e9,current,1933
        flora-price,e10,none,
        flora-price,e11,current,1933
        nobody-here,e9,none,
        nobody-here,e10,none,
        nobody-here,e11,none,
        olivia-carleton,e9,current,1933
        olivia-carleton,e10,none,
        olivia-carleton,e11,current,1933

        """)
        #expect(r.stderr.contains("1 roster partner is not in the graph (no ties): nobody-here"))
        // Events as rows, women as columns: the transpose.
        let t = try Self.json(["coverage", Self.davis, "--matrix", "--rows", "events", "--columns", "women"] + Self.asOf)
        #expect((t["rows"] as? [[String: Any]])?.count == 14 && (t["columns"] as? [[String: Any]])?.count == 18)
        #expect((t["counts"] as? [String: Int])?["current"] == 89)
    }

    @Test("unknown sides, kinds, ids and columns exit 64 with the closest known values", arguments: [
        (["--rows", "womn"], "'women'"), (["--columns", "e99"], "'e9'"), (["--roster", "evelyn-jeferson"], "'evelyn-jefferson'"),
        (["--roster", "missing.csv#id"], "cannot read"),
    ])
    func unknownValues(extra: [String], suggestion: String) throws {
        let r = try CLIRunner.run(["coverage", Self.davis, "--matrix"] + extra)
        #expect(r.status == 64, "\(extra): exit \(r.status)")
        #expect(r.stderr.contains(suggestion), "\(extra): \(r.stderr)")
        #expect(r.stdout.isEmpty)
    }

    @Test("matrix options without --matrix, and --format svg without it, are usage errors")
    func needsMatrix() throws {
        for extra in [["--uncovered-only"], ["--format", "svg"], ["--roster", "e1"], ["--matrix", "--years", "1932...1933"]] {
            let r = try CLIRunner.run(["coverage", Self.davis] + extra)
            #expect(r.status == 64, "\(extra): exit \(r.status) \(r.stderr)")
        }
    }

    @Test("HTML: a table with every text escaped")
    func htmlEscaped() throws {
        let r = try CLIRunner.run(["coverage", "Tests/CLITests/Payloads/hostile.yaml", "--matrix", "--format", "html"])
        try #require(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("<table>") && r.stdout.contains("</table>"))
        #expect(!r.stdout.contains("<script"), "unescaped markup from the data")
        #expect(r.stdout.contains("&lt;script&gt;"))
    }

    @Test("--strategy: its named partners are the rows; against UNESCO's kind, the MoU of 2003 and the lapsed Åbo tie of 2009")
    func strategyRoster() throws {
        let r = try CLIRunner.run(["coverage", "Graphs/unesco-human-rights.yaml", "--strategy", "Graphs/unesco-human-rights.strategy.yaml",
                                   "--matrix", "--as-of", "2016-11-01", "--columns", "un-specialized-agency", "--format", "csv"])
        try #require(r.status == 0, "\(r.stderr)")
        // The strategy names ohchr, ilo, cescr and abo-ihr. From Graphs/unesco-human-rights.yaml: the Åbo course of
        // 2009-08-17…28 (a joint activity, 3-year lookback: lapsed by 2016); OHCHR's MoU of 2003 (its undated liaison
        // gives no earlier year); the ILO and CESCR liaisons undated. UNESCO is the un-specialized-agency they are tied to.
        #expect(r.stdout == """
        row,column,state,year
        abo-ihr,un-specialized-agency,lapsed,2009
        cescr,un-specialized-agency,current,
        ilo,un-specialized-agency,current,
        ohchr,un-specialized-agency,current,2003

        """)
    }

    @Test("one-mode graph: partners × kinds")
    func oneModeKinds() throws {
        let j = try Self.json(["coverage", "Graphs/illustrative-partnerships.yaml", "--matrix", "--as-of", "2016-12-31"])
        #expect(j["columnsAre"] as? String == "kinds")
        let cols = (j["columns"] as? [[String: Any]])?.compactMap { $0["id"] as? String } ?? []
        #expect(cols == cols.sorted() && !cols.isEmpty)
    }
}

/// The heat map at 16 cm and 9 pt through the figure checker.
@Suite("coverage --matrix heat map", .enabled(if: FigureCheck.available, "python3 or chromium is not available"))
struct CoverageMatrixFigureTests {
    /// A two-mode graph of 30 states × 45 treaties (a fixed pattern: state i
    /// ratified treaty j when (i·7 + j·3) mod 5 ≠ 0, in 1950 + (i + j) mod 60;
    /// every 11th of those withdrew in 2010).
    static func largeTwoMode() throws -> String {
        var y = "title: Generated ratifications\nsettings:\n  modes:\n    - name: states\n      kinds: [state]\n    - name: treaties\n      kinds: [treaty]\npartners:\n"
        for i in 1...30 { y += "  - {id: s\(i), name: \"State number \(i) of the generated set\", kind: state}\n" }
        for j in 1...45 { y += "  - {id: t\(j), name: \"Convention on generated matter \(j)\", kind: treaty}\n" }
        y += "ties:\n"
        var k = 0
        for i in 1...30 { for j in 1...45 where (i * 7 + j * 3) % 5 != 0 {
            k += 1
            y += "  - {type: agreement, between: [s\(i), t\(j)], start: \(1950 + (i + j) % 60)\(k % 11 == 0 ? ", end: 2010" : "")}\n"
        } }
        let dir = CLIRunner.tempDir()
        let path = dir.appendingPathComponent("ratifications.yaml").path
        try y.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("Davis at 16 cm, 9 pt: clean, one panel, a legend")
    func davis() throws {
        let dir = CLIRunner.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("davis.svg").path
        let r = try CLIRunner.run(["coverage", "Graphs/davis-southern-women.yaml", "--matrix", "--as-of", "1933-12-31", "--format", "svg", "-o", out])
        try #require(r.status == 0, "\(r.stderr)")
        FigureCheck.expectClean(try FigureCheck.run([out], ["--rsvg"]), "coverage --matrix davis", notes: r.stderr)
        let svg = try String(contentsOfFile: out, encoding: .utf8)
        #expect(svg.components(separatedBy: "class=\"panel\"").count == 2)
        #expect(svg.contains("class=\"legend\"") && svg.contains("lapsed (end year)"))
        #expect(!r.stderr.contains("panels"))
    }

    @Test("30 states × 45 treaties at 16 cm and at 10 cm, 9 pt: split into panels, said on stderr and in the caption, clean", arguments: ["16cm", "10cm"])
    func large(width: String) throws {
        let graph = try Self.largeTwoMode()
        defer { try? FileManager.default.removeItem(atPath: (graph as NSString).deletingLastPathComponent) }
        let out = ((graph as NSString).deletingLastPathComponent as NSString).appendingPathComponent("large.svg")
        let r = try CLIRunner.run(["coverage", graph, "--matrix", "--as-of", "2020-12-31", "--page-width", width, "--format", "svg", "-o", out])
        try #require(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("split into") && r.stderr.contains("panels"), "\(r.stderr)")
        FigureCheck.expectClean(try FigureCheck.run([out], ["--rsvg", "--width", width]), "coverage --matrix large \(width)", notes: r.stderr)
        let svg = try String(contentsOfFile: out, encoding: .utf8)
        #expect(svg.contains("split into"))
        #expect(svg.components(separatedBy: "class=\"panel\"").count > 2)
        // --uncovered-only keeps the gap columns: fewer or as many panels, still clean.
        let gaps = ((graph as NSString).deletingLastPathComponent as NSString).appendingPathComponent("gaps.svg")
        let g = try CLIRunner.run(["coverage", graph, "--matrix", "--uncovered-only", "--as-of", "2020-12-31", "--page-width", width, "--format", "svg", "-o", gaps])
        try #require(g.status == 0, "\(g.stderr)")
        FigureCheck.expectClean(try FigureCheck.run([gaps], ["--rsvg", "--width", width]), "coverage --matrix --uncovered-only large \(width)", notes: g.stderr)
    }
}
