import FigureStyle
import PartnerGraph

/// A timeline of ties: one row per partner (grouped by kind), agreements,
/// liaisons and other relationships as bars over their interval, joint
/// activities and other events as marks, ended and lapsed ties drawn
/// differently, a year axis and the as-of date as a line. Drawn by our own
/// deterministic SVG writer (Graphviz is for networks).
///
/// The timeline is drawn in points on its ``page``: exactly the page width
/// wide (the time axis stretches to fill it), every text at least the page's
/// font size, rows and spacing in proportion to it. Partner names wrap to two
/// lines in the label column and are cut with "…" beyond (the full name is in
/// the row's hover title); the year axis labels every 1, 2, 5, 10, … years,
/// whichever is the first step whose labels do not touch. A timeline with many
/// rows grows taller than the page rather than shrinking its text.
///
/// ```swift
/// let svg = Timeline(network: net, asOf: Day(year: 2016, month: 11, day: 1)!, focal: "unesco",
///                    page: Page(width: PageLength("16cm")!, fontSize: 9)).svg()
/// ```
public struct Timeline: Sendable {
    public var network: PartnerNetwork
    public var asOf: Day
    /// Rows are the focal partner's counterparts and bars their ties with it;
    /// `nil` shows every partner with every tie it has.
    public var focal: String?
    /// Only partners of these kinds (empty: all).
    public var kinds: [String]
    /// First and last year on the axis (default: from the data, up to the as-of year).
    public var fromYear: Int?
    public var toYear: Int?
    public var title: String?
    /// The tie types that lapse and are renewed (a strategy's `agreementTypes`).
    public var agreementTypes: Set<String>
    /// The page the timeline is drawn for (width, smallest text).
    public var page: Page

    public init(network: PartnerNetwork, asOf: Day, focal: String? = nil, kinds: [String] = [],
                fromYear: Int? = nil, toYear: Int? = nil, title: String? = nil,
                agreementTypes: Set<String> = ["agreement"], page: Page = .standard) {
        self.network = network
        self.page = page
        self.agreementTypes = agreementTypes
        self.asOf = asOf
        self.focal = focal
        self.kinds = kinds
        self.fromYear = fromYear
        self.toYear = toYear
        self.title = title
    }

    /// One drawn row.
    struct Row {
        let partner: Partner
        let ties: [Int]
    }

    /// Rows grouped by kind (kinds sorted, partners by name then id), only partners with ties.
    func rows() -> [(kind: String, rows: [Row])] {
        var tiesOf: [String: [Int]] = [:]
        for (i, t) in network.ties.enumerated() {
            if let f = focal {
                guard let other = t.otherEnd(from: f), other != f else { continue }
                tiesOf[other, default: []].append(i)
            } else {
                tiesOf[t.source, default: []].append(i)
                if t.target != t.source { tiesOf[t.target, default: []].append(i) }
            }
        }
        var groups: [String: [Row]] = [:]
        for p in network.partners where tiesOf[p.id] != nil && (kinds.isEmpty || kinds.contains(p.kind)) {
            groups[p.kind, default: []].append(Row(partner: p, ties: tiesOf[p.id]!))
        }
        return groups.keys.sorted().map { k in
            (k, groups[k]!.sorted { ($0.partner.name, $0.partner.id) < ($1.partner.name, $1.partner.id) })
        }
    }

    /// The agreements that ended before the as-of date with no later
    /// agreement between the same pair (lapsed agreements).
    func lapsedTies() -> Set<Int> { Set(network.lapsedAgreements(at: asOf, agreementTypes: agreementTypes)) }

    /// Colour and line style of every tie type drawn, from the shared theme
    /// (by each type's weight).
    func tieStyles(_ types: [String]) -> [String: Theme.TieStyle] {
        Theme.tieStyles(for: types.map { ($0, network.settings.definition(of: $0)?.weight ?? 1) })
    }

    /// The year-axis label step: the first of 1, 2, 5, 10, 20, 25, 50, 100, …
    /// years whose labels (`labelWidth` points each, placed `offset` right of
    /// their tick) leave at least `gap` points between neighbours when a year
    /// is `yearWidth` points wide.
    static func yearStep(yearWidth: Double, labelWidth: Double, gap: Double) -> Int {
        var candidates = [1, 2, 5, 10, 20, 25, 50]
        var scale = 100
        while scale <= 100_000 {
            candidates += [scale, 2 * scale, 5 * scale]
            scale *= 10
        }
        return candidates.first { Double($0) * yearWidth >= labelWidth + gap } ?? candidates.last!
    }

    /// Geometry shared by the parts of the drawing, in points.
    struct Metrics {
        let fontSize: Double
        let width: Double
        /// Outer margin.
        var pad: Double { 0.5 * fontSize }
        var lineHeight: Double { ChartText.lineHeight * fontSize }
        /// From the centre of a line of text to its baseline.
        var baselineDrop: Double { 0.35 * fontSize }
        /// A row with a one-line label.
        var rowHeight: Double { 2.2 * fontSize }
        var kindHeaderHeight: Double { 1.8 * fontSize }
        var legendLineHeight: Double { 1.7 * fontSize }
        /// Label text starts here (indented under the kind header).
        var labelX: Double { pad + min(fontSize, 0.04 * width) }
        /// The widest a label may be: about a third of the page.
        var labelColumnLimit: Double { max(0.35 * width - labelX, 3 * fontSize) }
        /// Between the label column and the plot.
        var gutter: Double { 0.7 * fontSize }
    }

    /// The SVG document.
    /// - Complexity: O(T·A) for T ties and A agreements per pair (lapse checks),
    ///   plus O(L²) per label of L characters for wrapping.
    public func svg() -> String {
        let groups = rows()
        let lapsedTies = lapsedTies()
        let allTies = Set(groups.flatMap { $0.rows.flatMap(\.ties) }).sorted()
        let types = Set(allTies.map { network.ties[$0].type }).sorted()
        let styles = tieStyles(types)
        func colour(_ type: String) -> String { styles[type]?.color ?? Theme.outline }
        let relationshipTypes = types.filter { !network.settings.definition(of: $0).map(\.isEvent).orFalse }
        // Axis range.
        let years = allTies.flatMap { i -> [Int] in
            let t = network.ties[i]
            return [t.start?.year, t.end?.year].compactMap { $0 }
        }
        let lo = fromYear ?? min(years.min() ?? asOf.year, asOf.year)
        let hi = max(toYear ?? max(years.max() ?? asOf.year, asOf.year), lo)
        let axisStart = Day(year: lo, month: 1, day: 1)!, axisEnd = Day(year: hi, month: 12, day: 31)!

        let m = Metrics(fontSize: page.fontSize, width: page.widthPoints)
        let f = m.fontSize, width = m.width
        let fontAttribute = ("font-size", SVGWriter.number(f))
        let hasUndated = allTies.contains { network.interval(of: network.ties[$0]).start == nil }

        // Label column: as wide as the widest name, at most `labelColumnLimit`.
        let widestName = groups.flatMap { $0.rows.map { ChartText.width(of: $0.partner.name, fontSize: f) } }.max() ?? 0
        let labelWidth = min(widestName, m.labelColumnLimit)
        let left = m.labelX + labelWidth + m.gutter
        let undatedColumn = hasUndated ? 1.4 * f : 0
        let right = max(width - m.pad - undatedColumn, left + 1)
        let plotWidth = right - left
        let span = Double(axisEnd.ordinal - axisStart.ordinal + 1)
        func x(_ d: Day) -> Double {
            let clamped = min(max(d.ordinal, axisStart.ordinal), axisEnd.ordinal + 1)
            return left + Double(clamped - axisStart.ordinal) / span * plotWidth
        }

        var w = SVGWriter()
        // Legend, in lines that wrap at the page width.
        var legendItems: [(cls: String, label: String, swatch: (inout SVGWriter, Double, Double) -> Void)] = []
        let swatchWidth = 1.4 * f, swatchHeight = 0.9 * f
        for t in types {
            let isEvent = network.settings.definition(of: t).map(\.isEvent).orFalse
            legendItems.append((Self.cssClass(t), t, { w, x, cy in
                if isEvent {
                    w.empty("path", [("class", "event"), ("d", Self.diamond(x + swatchWidth / 2, cy, 0.45 * f)), ("fill", colour(t))])
                } else {
                    w.empty("rect", [("x", SVGWriter.number(x)), ("y", SVGWriter.number(cy - swatchHeight / 2)), ("width", SVGWriter.number(swatchWidth)),
                                     ("height", SVGWriter.number(swatchHeight)), ("fill", colour(t))])
                }
            }))
        }
        legendItems.append(("ended", "ended", { w, x, cy in
            w.empty("rect", [("class", "ended"), ("x", SVGWriter.number(x)), ("y", SVGWriter.number(cy - swatchHeight / 2)),
                             ("width", SVGWriter.number(swatchWidth)), ("height", SVGWriter.number(swatchHeight)), ("fill", "#888888")])
        }))
        legendItems.append(("lapsed", "lapsed agreement", { w, x, cy in
            w.empty("rect", [("class", "lapsed"), ("x", SVGWriter.number(x)), ("y", SVGWriter.number(cy - swatchHeight / 2)),
                             ("width", SVGWriter.number(swatchWidth)), ("height", SVGWriter.number(swatchHeight)), ("fill", "#ffffff")])
        }))
        if hasUndated {
            legendItems.append(("undated", "undated", { w, x, cy in
                w.empty("circle", [("class", "undated"), ("cx", SVGWriter.number(x + swatchWidth / 2)), ("cy", SVGWriter.number(cy)),
                                   ("r", SVGWriter.number(0.35 * f))])
            }))
        }
        legendItems.append(("asof", "as of \(asOf)", { w, x, cy in
            w.empty("line", [("class", "asof"), ("x1", SVGWriter.number(x + swatchWidth / 2)), ("y1", SVGWriter.number(cy - 0.7 * f)),
                             ("x2", SVGWriter.number(x + swatchWidth / 2)), ("y2", SVGWriter.number(cy + 0.7 * f))])
        }))
        w.open("g", [("class", "legend")])
        var lx = m.pad, legendLine = 0
        let textRoom = width - 2 * m.pad - swatchWidth - 0.4 * f
        for item in legendItems {
            let label = ChartText.truncate(item.label, toWidth: textRoom, fontSize: f)
            let itemWidth = swatchWidth + 0.4 * f + ChartText.width(of: label, fontSize: f)
            if lx > m.pad && lx + itemWidth > width - m.pad {
                legendLine += 1
                lx = m.pad
            }
            let cy = m.pad + (Double(legendLine) + 0.5) * m.legendLineHeight
            item.swatch(&w, lx, cy)
            w.text("text", [("x", SVGWriter.number(lx + swatchWidth + 0.4 * f)), ("y", SVGWriter.number(cy + m.baselineDrop)), fontAttribute], label)
            lx += itemWidth + 1.2 * f
        }
        w.close("g")
        let top = m.pad + Double(legendLine + 1) * m.legendLineHeight + 0.6 * f

        // Rows.
        var y = top
        var rowCount = 0
        for (kind, rows) in groups {
            w.text("text", [("class", "kind"), ("x", SVGWriter.number(m.pad)), ("y", SVGWriter.number(y + m.kindHeaderHeight / 2 + m.baselineDrop)),
                            fontAttribute, ("font-weight", "bold")],
                   ChartText.truncate(kind, toWidth: width - 2 * m.pad, fontSize: f, bold: true))
            y += m.kindHeaderHeight
            for row in rows {
                rowCount += 1
                let p = row.partner
                let lines = ChartText.wrap(p.name, toWidth: labelWidth, fontSize: f, maxLines: 2)
                let rowHeight = max(m.rowHeight, Double(lines.count) * m.lineHeight + 0.8 * f)
                let span = network.activity(ofPartner: p.id)
                var rowTitle = "\(p.name) (\(p.kind)): \(row.ties.count) tie\(row.ties.count == 1 ? "" : "s")"
                if let f = span.first { rowTitle += ", first activity \(f)" }
                if let l = span.last { rowTitle += ", last \(l)" }
                if span.isOngoing { rowTitle += ", ongoing" }
                w.open("g", [("class", "row"), ("id", "row-\(rowCount)")])
                w.titled("rect", [("class", "band"), ("x", "0"), ("y", SVGWriter.number(y)), ("width", SVGWriter.number(width)),
                                  ("height", SVGWriter.number(rowHeight))], title: rowTitle)
                let firstBaseline = y + rowHeight / 2 - Double(lines.count - 1) * m.lineHeight / 2 + m.baselineDrop
                w.textLines([("class", "label"), fontAttribute], x: m.labelX, y: firstBaseline, lineHeight: m.lineHeight, lines)
                let barTop = y + 0.4 * f, barArea = rowHeight - 0.8 * f
                for i in row.ties {
                    let t = network.ties[i]
                    let iv = network.interval(of: t)
                    let isEvent = network.typeDefinition(of: t).isEvent
                    let state = network.state(of: t, at: asOf)
                    let lapsed = lapsedTies.contains(i)
                    let other = focal == nil ? (t.otherEnd(from: p.id) ?? "") : p.id
                    var title = "\(t.type) with \(network.partner(id: other)?.name ?? other)"
                    title += ": \(t.start.map(String.init(describing:)) ?? "start unknown")"
                    title += " – \(t.end.map(String.init(describing:)) ?? (isEvent ? "" : "ongoing"))"
                    if let l = t.label { title += " (\(l))" }
                    if lapsed { title += "; lapsed, not renewed" } else if state == .ended { title += "; ended" }
                    let cls = ["tie", Self.cssClass(t.type), lapsed ? "lapsed" : (state == .ended ? "ended" : state.rawValue)].joined(separator: " ")
                    guard let s = iv.start else {
                        w.titled("circle", [("class", cls + " undated"), ("cx", SVGWriter.number(width - m.pad - 0.7 * f)),
                                            ("cy", SVGWriter.number(y + rowHeight / 2)), ("r", SVGWriter.number(0.35 * f))], title: title + "; undated")
                        continue
                    }
                    if isEvent {
                        w.titled("path", [("class", cls + " event"), ("d", Self.diamond(x(s), y + rowHeight / 2, min(0.45 * f, rowHeight / 2 - 1))),
                                          ("fill", colour(t.type))], title: title)
                    } else {
                        let lane = Double(relationshipTypes.firstIndex(of: t.type) ?? 0)
                        let lanes = Double(max(relationshipTypes.count, 1))
                        let laneHeight = barArea / lanes
                        let barHeight = max(laneHeight - 0.1 * f, 1)
                        let x0 = x(s)
                        let x1 = x(iv.end.map { $0.adding(days: 1) } ?? max(asOf.adding(days: 1), s))
                        let by = barTop + lane * laneHeight
                        w.titled("rect", [("class", cls), ("x", SVGWriter.number(x0)), ("y", SVGWriter.number(by)),
                                          ("width", SVGWriter.number(min(max(x1 - x0, 0.2 * f), right + m.pad / 2 - x0))),
                                          ("height", SVGWriter.number(barHeight)), ("fill", colour(t.type))], title: title)
                        if iv.end == nil {
                            // An open end: a small arrow head at the as-of date.
                            let ay = by + barHeight / 2, head = min(0.4 * f, barHeight / 2 + 0.15 * f)
                            let ax = min(x1, right)
                            w.empty("path", [("class", "open-end"),
                                             ("d", "M\(SVGWriter.number(ax)),\(SVGWriter.number(ay - head))l\(SVGWriter.number(head)),\(SVGWriter.number(head))l\(SVGWriter.number(-head)),\(SVGWriter.number(head))z"),
                                             ("fill", colour(t.type))])
                        }
                    }
                }
                w.close("g")
                y += rowHeight
            }
        }
        if groups.isEmpty {
            w.text("text", [("x", SVGWriter.number(m.pad)), ("y", SVGWriter.number(y + m.rowHeight / 2 + m.baselineDrop)), fontAttribute],
                   ChartText.truncate("No ties to show.", toWidth: width - 2 * m.pad, fontSize: f))
            y += m.rowHeight
        }

        // Axis: a tick every year, a label every `step` years (on multiples of it).
        let axisY = y + 0.4 * f
        let labelOffset = 0.2 * f
        let yearLabelWidth = (lo...hi).map { ChartText.width(of: String($0), fontSize: f) }.max() ?? 0
        var narrowestYear = Double.infinity
        for year in lo...hi {
            let next = year == hi ? axisEnd.adding(days: 1) : Day(year: year + 1, month: 1, day: 1)!
            narrowestYear = min(narrowestYear, x(next) - x(Day(year: year, month: 1, day: 1)!))
        }
        let step = Self.yearStep(yearWidth: narrowestYear, labelWidth: yearLabelWidth + labelOffset, gap: 0.5 * f)
        var labelled = (lo...hi).filter { $0 % step == 0 }
        if labelled.isEmpty { labelled = [lo] }
        w.open("g", [("class", "axis")])
        w.empty("line", [("x1", SVGWriter.number(left)), ("y1", SVGWriter.number(axisY)), ("x2", SVGWriter.number(right)), ("y2", SVGWriter.number(axisY))])
        let labelledSet = Set(labelled)
        for year in lo...hi {
            let gx = x(Day(year: year, month: 1, day: 1)!)
            if narrowestYear >= 0.3 * f || labelledSet.contains(year) {
                w.empty("line", [("class", "grid"), ("x1", SVGWriter.number(gx)), ("y1", SVGWriter.number(top)), ("x2", SVGWriter.number(gx)),
                                 ("y2", SVGWriter.number(axisY + 0.4 * f))])
            }
            let text = String(year)
            if labelledSet.contains(year), gx + labelOffset + ChartText.width(of: text, fontSize: f) <= width - m.pad / 2 {
                w.text("text", [("class", "year"), ("x", SVGWriter.number(gx + labelOffset)), ("y", SVGWriter.number(axisY + 1.4 * f)), fontAttribute], text)
            }
        }
        w.close("g")
        if asOf >= axisStart && asOf <= axisEnd {
            let ax = x(asOf.adding(days: 1))
            w.open("g", [("class", "asof-marker")])
            w.titled("line", [("class", "asof"), ("x1", SVGWriter.number(ax)), ("y1", SVGWriter.number(top - 0.4 * f)), ("x2", SVGWriter.number(ax)),
                              ("y2", SVGWriter.number(axisY))], title: "as of \(asOf)")
            w.close("g")
        }
        let height = axisY + 1.4 * f + 0.4 * f + m.pad
        let focalName = focal.flatMap { network.partner(id: $0)?.name } ?? focal
        let heading = title ?? (focalName.map { "Ties of \($0) over time" } ?? "Ties over time")
        var desc = "Timeline of \(allTies.count) tie\(allTies.count == 1 ? "" : "s") with \(rowCount) partner\(rowCount == 1 ? "" : "s")"
        if let focalName { desc += " of \(focalName)" }
        desc += ", \(lo)–\(hi), as of \(asOf). Bars are agreements and other relationships over their interval; diamonds are joint activities; faded bars have ended; white bars with a red outline are agreements that lapsed without renewal."
        return w.document(widthPoints: width, heightPoints: height, page: page, id: "timeline", title: heading, description: desc, css: css(m))
    }

    static func cssClass(_ type: String) -> String {
        "type-" + String(type.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "-" })
    }

    static func diamond(_ cx: Double, _ cy: Double, _ r: Double) -> String {
        "M\(SVGWriter.number(cx)),\(SVGWriter.number(cy - r))L\(SVGWriter.number(cx + r)),\(SVGWriter.number(cy))L\(SVGWriter.number(cx)),\(SVGWriter.number(cy + r))L\(SVGWriter.number(cx - r)),\(SVGWriter.number(cy))Z"
    }

    /// The style sheet; lengths in points (SVG user units at the page size).
    func css(_ m: Metrics) -> String {
        let f = m.fontSize
        func n(_ x: Double) -> String { SVGWriter.number(x) }
        let lapsedStroke = n(max(1, f / 6)), dash = "\(n(f / 3)) \(n(f / 4.5))"
        return "svg{font-family:\(Theme.cssFontFamily);font-size:\(n(f))px;fill:\(Theme.text)}"
            + ".kind{font-weight:bold}"
            + ".band{fill:transparent}.row:nth-of-type(even) .band{fill:#f4f4f4}"
            + ".tie.ended{opacity:.45}"
            + ".tie.lapsed{fill:#ffffff;stroke:#C0392B;stroke-width:\(lapsedStroke);stroke-dasharray:\(dash)}"
            + ".tie.upcoming{opacity:.6}"
            + ".undated{fill:#ffffff;stroke:#555555;stroke-width:\(n(max(0.75, f / 12)))}"
            + ".axis line{stroke:#333333;stroke-width:\(n(max(0.5, f / 18)))}.axis .grid{stroke:#dddddd}"
            + ".asof{stroke:#C0392B;stroke-width:\(n(max(1, f / 6)));stroke-dasharray:\(n(f / 1.8)) \(n(f / 3))}"
            + ".legend .lapsed{stroke:#C0392B;stroke-width:\(lapsedStroke);stroke-dasharray:\(dash)}.legend .ended{opacity:.45}"
    }
}

extension Optional where Wrapped == Bool {
    var orFalse: Bool { self ?? false }
}
