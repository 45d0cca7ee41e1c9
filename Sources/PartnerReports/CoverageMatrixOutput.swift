import FigureStyle
import PartnerAnalysis
import PartnerGraph

/// `coverage --matrix --format json` (Schemas/coverage-matrix.schema.json):
/// the rows (the roster), the columns (partners of the other side, or
/// kinds), one cell per row and column with its state and year.
public struct CoverageMatrixOutput: Codable, Sendable, Equatable {
    public struct Header: Codable, Sendable, Equatable {
        public var id: String
        public var name: String
        public var inGraph: Bool
    }
    public struct Cell: Codable, Sendable, Equatable {
        /// `current`, `lapsed` or `none`.
        public var state: String
        /// Start year of the current tie (earliest), end year of the lapsed tie (latest), else null.
        @JSONNullable public var year: Int?
    }
    public var asOf: String
    /// `partners` or `kinds`.
    public var columnsAre: String
    /// Whether only the rows and columns with a gap are kept (`--uncovered-only`).
    public var uncoveredOnly: Bool
    public var rows: [Header]
    public var columns: [Header]
    /// `cells[r][c]`.
    public var cells: [[Cell]]
    /// Cells per state over the matrix written.
    public var counts: [String: Int]

    public init(_ m: CoverageMatrix, uncoveredOnly: Bool) {
        asOf = m.asOf.description
        columnsAre = m.columnsAreKinds ? "kinds" : "partners"
        self.uncoveredOnly = uncoveredOnly
        rows = m.rows.map { Header(id: $0.id, name: $0.name, inGraph: $0.inGraph) }
        columns = m.columns.map { Header(id: $0.id, name: $0.name, inGraph: $0.inGraph) }
        cells = m.cells.map { $0.map { Cell(state: $0.state.rawValue, year: $0.year) } }
        var c: [String: Int] = [:]
        for s in CoverageMatrix.Cell.State.allCases { c[s.rawValue] = m.count(s) }
        counts = c
    }
}

extension CoverageMatrix.Cell {
    /// The cell as text: the start year of a current tie (`✓` when undated),
    /// `ended YYYY` for a lapsed one (`ended` when undated), empty for none;
    /// with `gapsOnly`, a current cell is empty too.
    public func text(gapsOnly: Bool = false) -> String {
        switch state {
        case .current: return gapsOnly ? "" : year.map(String.init) ?? "\u{2713}"
        case .lapsed: return "ended" + (year.map { " \($0)" } ?? "")
        case .none: return "\u{2013}"
        }
    }
}

/// The matrix as a self-contained HTML page: a table (every text through
/// ``FigureStyle/XMLEscaping/text(_:)``), one class per cell state.
public enum CoverageMatrixHTML {
    /// - Parameters:
    ///   - title: the page heading.
    ///   - gapsOnly: leave current cells empty (`--uncovered-only`).
    /// - Complexity: O(R·C).
    public static func page(_ m: CoverageMatrix, title: String, caption: String, gapsOnly: Bool) -> String {
        func e(_ s: String) -> String { XMLEscaping.text(s) }
        var s = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>\(e(title))</title>\n<style>\n"
        s += "body{font-family:\(Theme.cssFontFamily);color:\(Theme.text)}\n"
        s += "table{border-collapse:collapse}th,td{border:1px solid #cccccc;padding:2px 6px;text-align:center}\n"
        s += "th.row{text-align:left}td.current{background:\(CoverageMatrixChart.currentFill);color:#ffffff}\n"
        s += "td.lapsed{background:\(CoverageMatrixChart.lapsedFill)}td.none{background:\(CoverageMatrixChart.noneFill)}\n"
        s += "</style>\n</head>\n<body>\n<h1>\(e(title))</h1>\n<table>\n<caption>\(e(caption))</caption>\n<thead>\n<tr><th scope=\"col\">partner</th>"
        for c in m.columns { s += "<th scope=\"col\" title=\"\(e(c.name))\">\(e(c.id))</th>" }
        s += "</tr>\n</thead>\n<tbody>\n"
        for (r, row) in m.rows.enumerated() {
            s += "<tr><th scope=\"row\" class=\"row\" title=\"\(e(row.name))\">\(e(row.id))</th>"
            for (c, cell) in m.cells[r].enumerated() {
                let hover = "\(row.name) – \(m.columns[c].name): \(cell.state.rawValue)" + (cell.year.map { " (\($0))" } ?? "")
                s += "<td class=\"\(cell.state.rawValue)\" title=\"\(e(hover))\">\(e(cell.text(gapsOnly: gapsOnly)))</td>"
            }
            s += "</tr>\n"
        }
        s += "</tbody>\n</table>\n</body>\n</html>\n"
        return s
    }
}
