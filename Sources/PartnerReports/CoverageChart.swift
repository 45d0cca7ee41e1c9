import PartnerGraph

/// A categories × years heat map of coverage: each cell is the share of a
/// category's expected partners with a current tie to the focal partner in
/// that year, coloured on a single-hue scale (readable in grey and by
/// colour-blind readers) and labelled with the counts.
///
/// ```swift
/// let chart = CoverageChart(title: "Coverage of UNESCO's partners", years: [2014, 2015, 2016],
///                           rows: [.init(label: "member-state", cells: [.init(covered: 3, known: 12), …])])
/// let svg = chart.svg()
/// ```
public struct CoverageChart: Sendable {
    public struct Cell: Sendable, Hashable {
        public let covered: Int
        public let known: Int
        public init(covered: Int, known: Int) {
            self.covered = covered
            self.known = known
        }
        /// covered / known, or `nil` when nothing is known.
        public var share: Double? { known > 0 ? Double(covered) / Double(known) : nil }
    }

    public struct Row: Sendable, Hashable {
        public let label: String
        public let cells: [Cell]
        public init(label: String, cells: [Cell]) {
            self.label = label
            self.cells = cells
        }
    }

    public var title: String
    public var years: [Int]
    public var rows: [Row]

    public init(title: String, years: [Int], rows: [Row]) {
        precondition(rows.allSatisfy { $0.cells.count == years.count }, "one cell per year in every row")
        self.title = title
        self.years = years
        self.rows = rows
    }

    /// The fill for a share: from #f7fbff (0) to #08306b (1), grey when undefined.
    static func fill(_ share: Double?) -> String {
        guard let s = share else { return "#e0e0e0" }
        let a = (0xF7, 0xFB, 0xFF), b = (0x08, 0x30, 0x6B)
        func mix(_ x: Int, _ y: Int) -> Int { Int((Double(x) + (Double(y) - Double(x)) * min(max(s, 0), 1)).rounded()) }
        return hex(mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
    }

    static func hex(_ r: Int, _ g: Int, _ b: Int) -> String {
        let digits = Array("0123456789abcdef")
        return "#" + [r, g, b].map { String([digits[$0 / 16], digits[$0 % 16]]) }.joined()
    }

    /// The SVG document (deterministic; `role="img"`, title, description and a
    /// hover title on every cell).
    public func svg() -> String {
        let cellW = max(34.0, 8.0 * 7), cellH = 26.0
        let labelW = max(120.0, Double(rows.map(\.label.count).max() ?? 10) * 12 * 0.56 + 16)
        let top = 56.0
        let width = labelW + Double(years.count) * cellW + 20
        let height = top + Double(rows.count) * cellH + 56
        var w = SVGWriter()
        for (j, y) in years.enumerated() {
            w.text("text", [("class", "year"), ("x", SVGWriter.number(labelW + Double(j) * cellW + cellW / 2)),
                            ("y", SVGWriter.number(top - 8)), ("text-anchor", "middle")], String(y))
        }
        for (i, row) in rows.enumerated() {
            let y = top + Double(i) * cellH
            w.open("g", [("class", "category")])
            w.text("text", [("class", "label"), ("x", "8"), ("y", SVGWriter.number(y + 17))], row.label)
            for (j, cell) in row.cells.enumerated() {
                let x = labelW + Double(j) * cellW
                let share = cell.share
                let pct = share.map { NumberFormatting.fixed($0 * 100, digits: 0) + "%" } ?? "no partners known"
                w.titled("rect", [("class", "cell"), ("x", SVGWriter.number(x)), ("y", SVGWriter.number(y)),
                                  ("width", SVGWriter.number(cellW - 2)), ("height", SVGWriter.number(cellH - 2)),
                                  ("fill", Self.fill(share))],
                         title: "\(row.label), \(years[j]): \(cell.covered) of \(cell.known) covered (\(pct))")
                let dark = (share ?? 0) > 0.5
                w.text("text", [("class", dark ? "count on-dark" : "count"), ("x", SVGWriter.number(x + (cellW - 2) / 2)),
                                ("y", SVGWriter.number(y + 17)), ("text-anchor", "middle")],
                       cell.known > 0 ? "\(cell.covered)/\(cell.known)" : "–")
            }
            w.close("g")
        }
        // Scale.
        let sy = top + Double(rows.count) * cellH + 16
        w.open("g", [("class", "scale")])
        for k in 0...4 {
            let s = Double(k) / 4
            w.empty("rect", [("x", SVGWriter.number(labelW + Double(k) * 40)), ("y", SVGWriter.number(sy)), ("width", "38"),
                             ("height", "12"), ("fill", Self.fill(s))])
            w.text("text", [("x", SVGWriter.number(labelW + Double(k) * 40 + 19)), ("y", SVGWriter.number(sy + 26)),
                            ("text-anchor", "middle")], NumberFormatting.fixed(s * 100, digits: 0) + "%")
        }
        w.text("text", [("x", "8"), ("y", SVGWriter.number(sy + 10))], "share covered")
        w.close("g")
        let first = years.first.map(String.init) ?? "", last = years.last.map(String.init) ?? ""
        let desc = "Heat map of \(rows.count) categor\(rows.count == 1 ? "y" : "ies") over \(years.count) year\(years.count == 1 ? "" : "s") (\(first)–\(last)): "
            + "each cell is the share of the category's expected partners with a current tie to the focal partner, with the counts written in it."
        let css = "svg{font-family:Arial,'Liberation Sans',Helvetica,sans-serif;font-size:12px;fill:#1a1a1a}"
            + ".cell{stroke:#ffffff}.count{font-size:11px}.count.on-dark{fill:#ffffff}.year{font-weight:bold}"
        return w.document(width: width, height: height, id: "coverage", title: title, description: desc, css: css)
    }
}
