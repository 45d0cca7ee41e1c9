import PartnerAnalysis
import PartnerGraph
import Testing

/// `CoverageMatrix` on hand-built graphs; every expected cell worked out by
/// hand from the ties written below.
@Suite("coverage matrix")
struct CoverageMatrixTests {
    typealias Cell = CoverageMatrix.Cell

    /// 4 states × 3 treaties as of 2020-12-31 (agreements: ongoing without an end).
    static func treaties() -> PartnerNetwork {
        let partners = ["deu", "esp", "fra", "ita"].map { Partner(id: $0, name: $0.uppercased(), kind: "state") }
            + ["t1", "t2", "t3"].map { Partner(id: $0, name: "Treaty \($0.dropFirst())", kind: "treaty") }
        func tie(_ s: String, _ t: String, _ start: String?, _ end: String? = nil) -> Tie {
            Tie(type: "agreement", source: s, target: t, start: start.flatMap(PartialDate.init), end: end.flatMap(PartialDate.init))
        }
        let ties = [
            tie("fra", "t1", "1990"), tie("fra", "t2", "1995"), tie("t3", "fra", "2001-06"),      // a tie written treaty first
            tie("deu", "t1", "1992"), tie("deu", "t2", "1993", "2005"),                           // t2 lapsed in 2005
            tie("ita", "t1", "1994", "1996"), tie("ita", "t1", "1998"),                           // current since 1998 (the ended one does not count)
            tie("ita", "t3", "2003"), tie("ita", "t3", "2000"),                                   // two current: the earliest, 2000
            tie("esp", "t1", "2015"), tie("esp", "t3", "2030"),                                   // t3 not yet: none
            tie("deu", "t3", "1980", "1985"), tie("deu", "t3", "1990", "1999"),                   // lapsed twice: the latest end, 1999
        ]
        return PartnerNetwork(partners: partners, ties: ties)
    }

    static let asOf = Day(year: 2020, month: 12, day: 31)!

    @Test("every cell of 4 states × 3 treaties: current with the start year, lapsed with the end year, none")
    func everyCell() {
        let m = CoverageMatrix(network: Self.treaties(), rows: ["deu", "esp", "fra", "ita"], columns: .partners(["t1", "t2", "t3"]), asOf: Self.asOf)
        #expect(m.rows.map(\.id) == ["deu", "esp", "fra", "ita"])
        #expect(m.columns.map(\.id) == ["t1", "t2", "t3"])
        #expect(m.columns.map(\.name) == ["Treaty 1", "Treaty 2", "Treaty 3"])
        #expect(m.cells == [
            [Cell(state: .current, year: 1992), Cell(state: .lapsed, year: 2005), Cell(state: .lapsed, year: 1999)],  // deu
            [Cell(state: .current, year: 2015), .none, .none],                                                           // esp
            [Cell(state: .current, year: 1990), Cell(state: .current, year: 1995), Cell(state: .current, year: 2001)],  // fra
            [Cell(state: .current, year: 1998), .none, Cell(state: .current, year: 2000)],                              // ita
        ])
        #expect(m.count(.current) == 7 && m.count(.lapsed) == 2 && m.count(.none) == 3)
    }

    @Test("uncovered only: the rows and columns with a gap (fra and t1 are complete)")
    func uncoveredOnly() {
        let m = CoverageMatrix(network: Self.treaties(), rows: ["deu", "esp", "fra", "ita"], columns: .partners(["t1", "t2", "t3"]), asOf: Self.asOf)
            .uncoveredOnly()
        #expect(m.rows.map(\.id) == ["deu", "esp", "ita"])
        #expect(m.columns.map(\.id) == ["t2", "t3"])
        #expect(m.cells == [
            [Cell(state: .lapsed, year: 2005), Cell(state: .lapsed, year: 1999)],
            [.none, .none],
            [.none, Cell(state: .current, year: 2000)],
        ])
    }

    @Test("an earlier date: ties that start later are none, lapsed ones still current")
    func earlierDate() {
        let m = CoverageMatrix(network: Self.treaties(), rows: ["deu", "ita"], columns: .partners(["t1", "t2", "t3"]),
                               asOf: Day(year: 1995, month: 6, day: 30)!)
        #expect(m.cells == [
            [Cell(state: .current, year: 1992), Cell(state: .current, year: 1993), Cell(state: .current, year: 1990)],
            [Cell(state: .current, year: 1994), .none, .none],
        ])
    }

    @Test("a roster partner the graph does not hold is a row of none; a column kind covers every partner of it")
    func rosterAndKinds() {
        let m = CoverageMatrix(network: Self.treaties(), rows: ["ita", "prt"], columns: .kinds(["state", "treaty"]), asOf: Self.asOf)
        #expect(m.rows.map(\.inGraph) == [true, false])
        #expect(m.columnsAreKinds)
        // ita: no tie to a state; current ties to treaties t1 (1998) and t3 (2000): the earliest, 1998.
        #expect(m.cells == [[.none, Cell(state: .current, year: 1998)], [.none, .none]])
        #expect(m.uncoveredOnly().columns.map(\.id) == ["state", "treaty"])
    }
}
