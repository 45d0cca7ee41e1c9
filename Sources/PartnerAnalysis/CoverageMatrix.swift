import PartnerGraph

/// Who has, and who has not, a current tie: a roster of expected partners
/// (rows) against the partners of the other side of a two-mode graph, or
/// against partner kinds (columns) — "which states have not ratified which
/// treaties".
///
/// A cell is ``Cell/State-swift.enum/current`` when a tie joining the row
/// partner to the column (the column partner, or any partner of the column
/// kind) is current at the date (``PartnerNetwork/isCurrent(_:at:lookback:)``),
/// with the start year of that tie (the earliest, if several are current;
/// an undated tie gives no year, so a dated one's year is kept);
/// else ``Cell/State-swift.enum/lapsed`` when such a tie ended before the
/// window, with its end year (the latest); else ``Cell/State-swift.enum/none``.
/// A tie that starts after the date counts as none.
///
/// Rows and columns keep the order they are given in (the CLI sorts them by
/// id, runs of digits as numbers: `e2` before `e10`); ``uncoveredOnly()`` keeps
/// the rows and columns with a gap.
///
/// ```swift
/// let m = CoverageMatrix(network: net, rows: ["fra", "deu"], columns: .partners(["t1", "t2"]),
///                        asOf: Day(year: 2020, month: 12, day: 31)!)
/// m.cells[0][1]  // Cell(state: .current, year: 1998)
/// ```
///
/// - Complexity: O(T + P + Σ deg(row) + R·C) for T ties, P partners, R rows and C columns.
public struct CoverageMatrix: Hashable, Sendable {
    /// One cell: the state and its year.
    public struct Cell: Hashable, Sendable {
        public enum State: String, Hashable, Sendable, CaseIterable {
            /// A current tie at the date.
            case current
            /// Only ties that ended before the date's window.
            case lapsed
            /// No tie that started on or before the date.
            case none
        }
        public var state: State
        /// Start year of the current tie (earliest), end year of the lapsed
        /// tie (latest); nil for none or when the tie has no such date.
        public var year: Int?

        public init(state: State, year: Int? = nil) {
            self.state = state
            self.year = year
        }

        public static let none = Cell(state: .none)
        /// Whether the cell is a gap (no current tie).
        public var isGap: Bool { state != .current }
    }

    /// What the columns are.
    public enum Columns: Hashable, Sendable {
        /// Partner ids (the other side of a two-mode graph).
        case partners([String])
        /// Partner kinds (categories of a one-mode graph).
        case kinds([String])
    }

    /// A row or column header: an id (partner id or kind) and a display name.
    public struct Header: Hashable, Sendable {
        public var id: String
        public var name: String
        /// Whether the graph holds the partner (always true for a kind column).
        public var inGraph: Bool
    }

    public let asOf: Day
    /// `partner` or `kind`.
    public let columnsAreKinds: Bool
    public let rows: [Header]
    public let columns: [Header]
    /// `cells[r][c]`, one row per ``rows`` entry, one cell per ``columns`` entry.
    public let cells: [[Cell]]

    /// The matrix of `rows` × `columns` at `asOf`.
    /// - Parameters:
    ///   - rows: partner ids; ids the graph does not hold are rows of none.
    ///   - lookback: one lookback for every tie type instead of the per-type default.
    public init(network: PartnerNetwork, rows: [String], columns: Columns, asOf: Day, lookback: Lookback? = nil) {
        self.asOf = asOf
        var colIndex: [String: Int] = [:]
        let columnIDs: [String]
        switch columns {
        case .partners(let ids):
            columnsAreKinds = false
            columnIDs = ids
            self.columns = ids.map { Header(id: $0, name: network.partner(id: $0)?.name ?? $0, inGraph: network.partner(id: $0) != nil) }
        case .kinds(let kinds):
            columnsAreKinds = true
            columnIDs = kinds
            self.columns = kinds.map { Header(id: $0, name: $0, inGraph: true) }
        }
        for (i, id) in columnIDs.enumerated() where colIndex[id] == nil { colIndex[id] = i }
        var rowIndex: [String: Int] = [:]
        for (i, id) in rows.enumerated() where rowIndex[id] == nil { rowIndex[id] = i }
        self.rows = rows.map { Header(id: $0, name: network.partner(id: $0)?.name ?? $0, inGraph: network.partner(id: $0) != nil) }
        var kindOf: [String: String] = [:]
        if columnsAreKinds { for p in network.partners { kindOf[p.id] = p.kind } }
        var grid = [[Cell]](repeating: [Cell](repeating: .none, count: columnIDs.count), count: rows.count)
        for t in network.ties where t.source != t.target {
            for (rowEnd, other) in [(t.source, t.target), (t.target, t.source)] {
                guard let r = rowIndex[rowEnd] else { continue }
                let key = columnsAreKinds ? kindOf[other] : other
                guard let key, let c = colIndex[key] else { continue }
                let state = network.state(of: t, at: asOf, lookback: lookback)
                let iv = network.interval(of: t)
                var cell = grid[r][c]
                switch state {
                case .upcoming: continue
                case .current:
                    let y = iv.start?.year
                    if cell.state != .current { cell = Cell(state: .current, year: y) }
                    else if let y { cell.year = cell.year.map { min($0, y) } ?? y }
                case .ended:
                    guard cell.state != .current else { continue }
                    let y = iv.end?.year
                    if cell.state == .none { cell = Cell(state: .lapsed, year: y) }
                    else if let y { cell.year = cell.year.map { max($0, y) } ?? y }
                }
                grid[r][c] = cell
            }
        }
        cells = grid
    }

    private init(asOf: Day, columnsAreKinds: Bool, rows: [Header], columns: [Header], cells: [[Cell]]) {
        self.asOf = asOf
        self.columnsAreKinds = columnsAreKinds
        self.rows = rows
        self.columns = columns
        self.cells = cells
    }

    /// The rows with at least one gap and the columns with at least one gap
    /// in those rows (the cells kept as they are; a caller shows only the gaps).
    /// - Complexity: O(R·C).
    public func uncoveredOnly() -> CoverageMatrix {
        let keepRows = rows.indices.filter { r in cells[r].contains(where: \.isGap) }
        let keepCols = columns.indices.filter { c in keepRows.contains { cells[$0][c].isGap } }
        return CoverageMatrix(asOf: asOf, columnsAreKinds: columnsAreKinds, rows: keepRows.map { rows[$0] },
                              columns: keepCols.map { columns[$0] },
                              cells: keepRows.map { r in keepCols.map { cells[r][$0] } })
    }

    /// Number of cells in each state.
    public func count(_ state: Cell.State) -> Int { cells.reduce(0) { $0 + $1.filter { $0.state == state }.count } }
}
