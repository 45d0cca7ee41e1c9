import FigureStyle
import PartnerAnalysis
import PartnerGraph

/// The coverage matrix as an SVG heat map under the page model: one row per
/// roster partner, one column per partner of the other side (or per kind),
/// each cell filled by its state — current (Okabe–Ito blue, with the start
/// year), lapsed (Okabe–Ito orange, the end year in italics), none (light
/// grey, "–") — readable in grey and by colour-blind readers, with a legend
/// and a caption.
///
/// The chart is exactly the page width wide and every text is at least the
/// page's font size. Column headers are turned a quarter turn (read bottom
/// to top) and cut with "…" beyond a quarter of the page width (the full
/// name is in the hover title). Columns are never narrower than a year at the
/// font size: when they do not all fit beside the row labels the matrix is
/// split into panels stacked one under the other, each with the row labels,
/// and the caption (and ``notes``) says so. Many rows make the chart taller
/// than the page, never its text smaller (``notes`` says that too).
///
/// ```swift
/// let chart = CoverageMatrixChart(matrix: m, title: "Ratifications as of 2020-12-31")
/// let svg = chart.svg()   // chart.notes: ["columns split into 3 panels of at most 13"]
/// ```
public struct CoverageMatrixChart: Sendable {
    public static let currentFill = "#0072B2"
    public static let lapsedFill = "#E69F00"
    public static let noneFill = "#EEEEEE"

    public var matrix: CoverageMatrix
    public var title: String
    /// Leave current cells without their year (`--uncovered-only`: only the gaps are shown).
    public var gapsOnly: Bool
    public var page: Page

    public init(matrix: CoverageMatrix, title: String, gapsOnly: Bool = false, page: Page = .standard) {
        self.matrix = matrix
        self.title = title
        self.gapsOnly = gapsOnly
        self.page = page
    }

    /// The geometry both ``svg()`` and ``notes`` use.
    struct Layout {
        var pad: Double, labelWidth: Double, gridLeft: Double, columnWidth: Double, perPanel: Int, panels: Int, headerHeight: Double
    }

    func layout() -> Layout {
        let f = page.fontSize, width = page.widthPoints
        let pad = 0.5 * f
        let widestLabel = matrix.rows.map { ChartText.width(of: $0.name, fontSize: f) }.max() ?? 0
        let labelWidth = min(widestLabel, max(0.3 * width - pad, 3 * f))
        let gridLeft = pad + labelWidth + 0.6 * f
        let columnWidth = max(1.6 * f, ChartText.width(of: "0000", fontSize: f) + 0.6 * f)
        let available = max(width - pad - gridLeft, columnWidth)
        let perPanel = max(1, Int(available / columnWidth))
        let count = matrix.columns.count
        let panels = count == 0 ? 1 : (count + perPanel - 1) / perPanel
        let widestHeader = matrix.columns.map { ChartText.width(of: $0.name, fontSize: f) }.max() ?? 0
        let headerHeight = min(widestHeader, 0.25 * width) + 0.4 * f
        return Layout(pad: pad, labelWidth: labelWidth, gridLeft: gridLeft, columnWidth: columnWidth, perPanel: perPanel,
                      panels: panels, headerHeight: headerHeight)
    }

    /// What the figure reduced to fit the page (empty when nothing was):
    /// the same words as in its caption, for standard error.
    public var notes: [String] {
        let l = layout()
        var out: [String] = []
        if l.panels > 1 {
            out.append("the \(matrix.columns.count) columns do not fit the page width at \(NumberFormatting.shortest(page.fontSize)) pt: "
                       + "split into \(l.panels) panels of at most \(l.perPanel) columns")
        }
        // The grid alone (headers and rows of every panel), without legend and caption.
        let f = page.fontSize
        let rowHeight = max(1.7 * f, ChartText.lineHeight * f + 0.5 * f)
        let grid = Double(l.panels) * (l.headerHeight + 0.2 * f + Double(matrix.rows.count) * rowHeight) + Double(l.panels - 1) * f
        if grid > page.heightPoints {
            out.append("the matrix is \(NumberFormatting.fixed(grid / page.heightPoints, digits: 1)) times as tall as the page; "
                       + "its text is not made smaller: fewer rows (--roster, --rows) or columns (--columns, --uncovered-only) make it shorter")
        }
        return out
    }

    /// The caption under the matrix.
    var caption: String {
        let m = matrix
        var s = "\(m.rows.count) row\(m.rows.count == 1 ? "" : "s") × \(m.columns.count) "
            + (m.columnsAreKinds ? "kind" : "column") + (m.columns.count == 1 ? "" : "s") + " as of \(m.asOf): "
            + "\(m.count(.current)) current, \(m.count(.lapsed)) lapsed, \(m.count(.none)) none"
        if gapsOnly { s += "; only the rows and columns with a gap" }
        if notes.first.map({ $0.contains("panels") }) == true { s += "; " + notes[0] }
        return s + "."
    }

    /// The SVG document (deterministic; `role="img"`, title, description and a
    /// hover title on every cell and column header).
    /// - Complexity: O(R·C) for R rows and C columns.
    public func svg() -> String {
        let f = page.fontSize, width = page.widthPoints
        let l = layout()
        let lineHeight = ChartText.lineHeight * f, baselineDrop = 0.35 * f
        let fontAttribute = ("font-size", SVGWriter.number(f))
        let rowHeight = max(1.7 * f, lineHeight + 0.5 * f)
        let cellGap = min(2, 0.1 * l.columnWidth)
        let yearFits = ChartText.width(of: "0000", fontSize: f) <= l.columnWidth - cellGap
        var w = SVGWriter()
        var y = l.pad
        let rowLabels = matrix.rows.map { ChartText.truncate($0.name, toWidth: l.labelWidth, fontSize: f) }
        for panel in 0..<l.panels {
            let first = panel * l.perPanel, last = min(matrix.columns.count, first + l.perPanel)
            w.open("g", [("class", "panel"), ("id", "panel-\(panel + 1)")])
            let headerBottom = y + l.headerHeight
            for c in first..<max(first, last) {
                let col = matrix.columns[c]
                let cx = l.gridLeft + Double(c - first) * l.columnWidth + (l.columnWidth - cellGap) / 2
                let label = ChartText.truncate(col.name, toWidth: l.headerHeight - 0.4 * f, fontSize: f)
                let x = cx + baselineDrop, yy = headerBottom - 0.2 * f
                w.open("g", [("class", "column")])
                w.text("title", [], col.name == col.id ? col.id : "\(col.name) (\(col.id))")
                w.text("text", [("class", "column-label"), ("x", SVGWriter.number(x)), ("y", SVGWriter.number(yy)), fontAttribute,
                                ("transform", "rotate(-90 \(SVGWriter.number(x)) \(SVGWriter.number(yy)))")], label)
                w.close("g")
            }
            y = headerBottom + 0.2 * f
            for (r, row) in matrix.rows.enumerated() {
                let cellHeight = rowHeight - cellGap
                w.open("g", [("class", "row")])
                w.text("text", [("class", "label"), ("x", SVGWriter.number(l.pad)), ("y", SVGWriter.number(y + cellHeight / 2 + baselineDrop)),
                                fontAttribute], rowLabels[r])
                for c in first..<max(first, last) {
                    let cell = matrix.cells[r][c]
                    let x = l.gridLeft + Double(c - first) * l.columnWidth
                    let hover = "\(row.name) – \(matrix.columns[c].name): " + Self.describe(cell)
                    w.titled("rect", [("class", "cell \(cell.state.rawValue)"), ("x", SVGWriter.number(x)), ("y", SVGWriter.number(y)),
                                      ("width", SVGWriter.number(l.columnWidth - cellGap)), ("height", SVGWriter.number(cellHeight)),
                                      ("fill", Self.fill(cell.state))], title: hover)
                    let text: String
                    switch cell.state {
                    case .current: text = gapsOnly ? "" : (cell.year.map(String.init) ?? "\u{2713}")
                    case .lapsed: text = cell.year.map(String.init) ?? "\u{2020}"
                    case .none: text = "\u{2013}"
                    }
                    guard !text.isEmpty, yearFits || text.count == 1 else { continue }
                    w.text("text", [("class", "value \(cell.state.rawValue)"), ("x", SVGWriter.number(x + (l.columnWidth - cellGap) / 2)),
                                    ("y", SVGWriter.number(y + cellHeight / 2 + baselineDrop)), ("text-anchor", "middle"), fontAttribute], text)
                }
                w.close("g")
                y += rowHeight
            }
            w.close("g")
            y += panel + 1 < l.panels ? f : 0
        }
        // Legend: three swatches with their words, wrapping to a new line when needed.
        y += 0.8 * f
        let entries: [(CoverageMatrix.Cell.State, String, String)] = [
            (.current, gapsOnly ? "" : "1998", gapsOnly ? "current tie" : "current tie (start year)"),
            (.lapsed, "2004", "lapsed (end year)"),
            (.none, "\u{2013}", "no tie"),
        ]
        let swatchWidth = l.columnWidth - cellGap, swatchHeight = rowHeight - cellGap
        var x = l.pad
        w.open("g", [("class", "legend")])
        for (state, sample, words) in entries {
            let wordsWidth = ChartText.width(of: words, fontSize: f)
            if x > l.pad, x + swatchWidth + 0.4 * f + wordsWidth > width - l.pad {
                x = l.pad
                y += swatchHeight + 0.4 * f
            }
            w.empty("rect", [("class", "cell \(state.rawValue)"), ("x", SVGWriter.number(x)), ("y", SVGWriter.number(y)),
                             ("width", SVGWriter.number(swatchWidth)), ("height", SVGWriter.number(swatchHeight)), ("fill", Self.fill(state))])
            if !sample.isEmpty {
                w.text("text", [("class", "value \(state.rawValue)"), ("x", SVGWriter.number(x + swatchWidth / 2)),
                                ("y", SVGWriter.number(y + swatchHeight / 2 + baselineDrop)), ("text-anchor", "middle"), fontAttribute], sample)
            }
            let label = ChartText.truncate(words, toWidth: width - 2 * l.pad - swatchWidth - 0.4 * f, fontSize: f)
            w.text("text", [("x", SVGWriter.number(x + swatchWidth + 0.4 * f)), ("y", SVGWriter.number(y + swatchHeight / 2 + baselineDrop)),
                            fontAttribute], label)
            x += swatchWidth + 0.4 * f + ChartText.width(of: label, fontSize: f) + 1.2 * f
        }
        w.close("g")
        y += swatchHeight + 0.6 * f
        let lines = ChartText.wrap(caption, toWidth: width - 2 * l.pad, fontSize: f, maxLines: 6)
        w.textLines([("class", "caption"), fontAttribute], x: l.pad, y: y + f, lineHeight: lineHeight, lines)
        y += f + Double(max(lines.count - 1, 0)) * lineHeight + 0.3 * f + l.pad
        let desc = "Coverage matrix: " + caption + " Each cell is blue with the start year when the row partner has a current tie "
            + "to the column, orange with the end year when its tie lapsed, grey when there is none; every cell's hover title says so."
        let css = "svg{font-family:\(Theme.cssFontFamily);font-size:\(SVGWriter.number(f))px;fill:\(Theme.text)}"
            + ".value.current{fill:#ffffff}.value.lapsed{font-style:italic}"
        return w.document(widthPoints: width, heightPoints: y, page: page, id: "coverage-matrix", title: title, description: desc, css: css)
    }

    static func fill(_ s: CoverageMatrix.Cell.State) -> String {
        switch s {
        case .current: currentFill
        case .lapsed: lapsedFill
        case .none: noneFill
        }
    }

    static func describe(_ c: CoverageMatrix.Cell) -> String {
        switch c.state {
        case .current: "current tie" + (c.year.map { " since \($0)" } ?? "")
        case .lapsed: "lapsed" + (c.year.map { ", ended \($0)" } ?? "")
        case .none: "no tie"
        }
    }
}
