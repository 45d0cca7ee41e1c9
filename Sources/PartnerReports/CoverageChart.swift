import FigureStyle
import PartnerGraph

/// A categories × years heat map of coverage: each cell is the share of a
/// category's expected partners with a current tie to the focal partner in
/// that year, coloured on a single-hue scale (readable in grey and by
/// colour-blind readers) and labelled with the counts.
///
/// The chart is drawn in points on its ``page``: exactly the page width wide
/// (the year columns share what the label column leaves), every text at least
/// the page's font size. Column headers are every year when they fit, else
/// `’16` style, else every 2nd, 5th, 10th, … column; category labels wrap to
/// two lines and are cut with "…" beyond; a count that does not fit its cell
/// is left to the cell's hover title. Many categories make the chart taller
/// than the page, never its text smaller.
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
    /// The page the chart is drawn for (width, smallest text).
    public var page: Page

    public init(title: String, years: [Int], rows: [Row], page: Page = .standard) {
        precondition(rows.allSatisfy { $0.cells.count == years.count }, "one cell per year in every row")
        self.page = page
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

    /// Which columns get a year header, and how it is written: every column
    /// with the full year if that fits, else every column as `’16`, else
    /// every k-th column (k = 2, 5, 10, 20, 50, …, counted from the first),
    /// full years first. Headers are centred on their columns, so they fit
    /// when neighbouring centres (k · `columnWidth` apart) leave `gap` points
    /// between the widest two.
    static func yearHeaders(years: [Int], columnWidth: Double, fontSize: Double, gap: Double) -> (every: Int, labels: [String]) {
        guard !years.isEmpty else { return (1, []) }
        func short(_ y: Int) -> String {
            let digits = String(abs(y) % 100)
            return "\u{2019}" + (digits.count < 2 ? "0" + digits : digits)
        }
        let full = years.map { String($0) }, abbreviated = years.map(short)
        func widest(_ labels: [String]) -> Double { labels.map { ChartText.width(of: $0, fontSize: fontSize, bold: true) }.max() ?? 0 }
        var steps = [1, 2, 5, 10, 20, 50]
        var scale = 100
        while scale < years.count {
            steps += [scale, 2 * scale, 5 * scale]
            scale *= 10
        }
        for k in steps {
            for labels in [full, abbreviated] where Double(k) * columnWidth >= widest(labels) + gap {
                return (k, labels)
            }
        }
        return (max(years.count, 1), full)
    }

    /// The SVG document (deterministic; `role="img"`, title, description and a
    /// hover title on every cell).
    /// - Complexity: O(R·Y) for R rows and Y years, plus O(L²) per label of L characters for wrapping.
    public func svg() -> String {
        let f = page.fontSize, width = page.widthPoints
        let pad = 0.5 * f, lineHeight = ChartText.lineHeight * f, baselineDrop = 0.35 * f
        let fontAttribute = ("font-size", SVGWriter.number(f))
        // Label column, then equal year columns over the rest of the width.
        let widestLabel = rows.map { ChartText.width(of: $0.label, fontSize: f) }.max() ?? 0
        let labelWidth = min(widestLabel, max(0.3 * width - pad, 3 * f))
        let gridLeft = pad + labelWidth + 0.6 * f
        let columnWidth = years.isEmpty ? 0 : max(width - pad - gridLeft, 1) / Double(years.count)
        let cellGap = min(2, 0.1 * columnWidth)
        let headerHeight = 1.8 * f
        let top = pad + headerHeight
        let headers = Self.yearHeaders(years: years, columnWidth: columnWidth, fontSize: f, gap: 0.5 * f)
        var w = SVGWriter()
        for (j, _) in years.enumerated() where j % headers.every == 0 {
            let label = headers.labels[j]
            let cx = gridLeft + Double(j) * columnWidth + (columnWidth - cellGap) / 2
            let half = ChartText.width(of: label, fontSize: f, bold: true) / 2
            guard cx - half >= 0, cx + half <= width else { continue }
            w.text("text", [("class", "year"), ("x", SVGWriter.number(cx)), ("y", SVGWriter.number(pad + headerHeight / 2 + baselineDrop)),
                            ("text-anchor", "middle"), fontAttribute, ("font-weight", "bold")], label)
        }
        var y = top
        for row in rows {
            let lines = ChartText.wrap(row.label, toWidth: labelWidth, fontSize: f, maxLines: 2)
            let rowHeight = max(2.4 * f, Double(lines.count) * lineHeight + 0.8 * f)
            let cellHeight = rowHeight - cellGap
            w.open("g", [("class", "category")])
            let firstBaseline = y + cellHeight / 2 - Double(lines.count - 1) * lineHeight / 2 + baselineDrop
            w.textLines([("class", "label"), fontAttribute], x: pad, y: firstBaseline, lineHeight: lineHeight, lines)
            for (j, cell) in row.cells.enumerated() {
                let x = gridLeft + Double(j) * columnWidth
                let share = cell.share
                let pct = share.map { NumberFormatting.fixed($0 * 100, digits: 0) + "%" } ?? "no partners known"
                w.titled("rect", [("class", "cell"), ("x", SVGWriter.number(x)), ("y", SVGWriter.number(y)),
                                  ("width", SVGWriter.number(columnWidth - cellGap)), ("height", SVGWriter.number(cellHeight)),
                                  ("fill", Self.fill(share))],
                         title: "\(row.label), \(years[j]): \(cell.covered) of \(cell.known) covered (\(pct))")
                let count = cell.known > 0 ? "\(cell.covered)/\(cell.known)" : "\u{2013}"
                guard ChartText.width(of: count, fontSize: f) <= columnWidth - cellGap - 0.4 * f else { continue }
                let dark = (share ?? 0) > 0.5
                w.text("text", [("class", dark ? "count on-dark" : "count"), ("x", SVGWriter.number(x + (columnWidth - cellGap) / 2)),
                                ("y", SVGWriter.number(y + cellHeight / 2 + baselineDrop)), ("text-anchor", "middle"), fontAttribute], count)
            }
            w.close("g")
            y += rowHeight
        }
        // Scale: "share covered", then five swatches labelled 0 %–100 % (on a
        // line of their own when they do not fit beside the words).
        let caption = ChartText.truncate("share covered", toWidth: width - 2 * pad, fontSize: f)
        let swatchWidth = max(ChartText.width(of: "100%", fontSize: f) + 0.5 * f, 3 * f), swatchHeight = 1.2 * f
        var sx = max(gridLeft, pad + ChartText.width(of: caption, fontSize: f) + f)
        var sy = y + 0.8 * f
        w.open("g", [("class", "scale")])
        w.text("text", [("x", SVGWriter.number(pad)), ("y", SVGWriter.number(sy + swatchHeight / 2 + baselineDrop)), fontAttribute], caption)
        if sx + 5 * swatchWidth > width - pad {
            sx = pad
            sy += swatchHeight + 0.6 * f
        }
        let step = min(swatchWidth, (width - pad - sx) / 5)
        for k in 0...4 {
            let s = Double(k) / 4
            w.empty("rect", [("x", SVGWriter.number(sx + Double(k) * step)), ("y", SVGWriter.number(sy)), ("width", SVGWriter.number(step - min(2, 0.1 * step))),
                             ("height", SVGWriter.number(swatchHeight)), ("fill", Self.fill(s))])
            w.text("text", [("x", SVGWriter.number(sx + Double(k) * step + step / 2)), ("y", SVGWriter.number(sy + swatchHeight + 1.1 * f)),
                            ("text-anchor", "middle"), fontAttribute], NumberFormatting.fixed(s * 100, digits: 0) + "%")
        }
        w.close("g")
        let height = sy + swatchHeight + 1.1 * f + 0.3 * f + pad
        let first = years.first.map(String.init) ?? "", last = years.last.map(String.init) ?? ""
        let desc = "Heat map of \(rows.count) categor\(rows.count == 1 ? "y" : "ies") over \(years.count) year\(years.count == 1 ? "" : "s") (\(first)–\(last)): "
            + "each cell is the share of the category's expected partners with a current tie to the focal partner, with the counts written in it "
            + "where they fit and in every cell's hover title."
        let css = "svg{font-family:\(Theme.cssFontFamily);font-size:\(SVGWriter.number(f))px;fill:\(Theme.text)}"
            + ".cell{stroke:#ffffff;stroke-width:0}.count.on-dark{fill:#ffffff}.year{font-weight:bold}"
        return w.document(widthPoints: width, heightPoints: height, page: page, id: "coverage", title: title, description: desc, css: css)
    }
}
