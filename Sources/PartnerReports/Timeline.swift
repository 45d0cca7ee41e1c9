import PartnerGraph

/// A timeline of ties: one row per partner (grouped by kind), agreements,
/// liaisons and other relationships as bars over their interval, joint
/// activities and other events as marks, ended and lapsed ties drawn
/// differently, a year axis and the as-of date as a line. Drawn by our own
/// deterministic SVG writer (Graphviz is for networks).
///
/// ```swift
/// let svg = Timeline(network: net, asOf: Day(year: 2016, month: 11, day: 1)!, focal: "unesco").svg()
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

    public init(network: PartnerNetwork, asOf: Day, focal: String? = nil, kinds: [String] = [],
                fromYear: Int? = nil, toYear: Int? = nil, title: String? = nil,
                agreementTypes: Set<String> = ["agreement"]) {
        self.network = network
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

    static let typeColours = ["agreement": "#0072B2", "liaison": "#009E73", "joint-activity": "#D55E00"]
    static let otherColours = ["#CC79A7", "#E69F00", "#56B4E9", "#000000"]

    func colour(of type: String, among types: [String]) -> String {
        if let c = Self.typeColours[type] { return c }
        let others = types.filter { Self.typeColours[$0] == nil }
        return Self.otherColours[(others.firstIndex(of: type) ?? 0) % Self.otherColours.count]
    }

    /// The SVG document.
    /// - Complexity: O(T·A) for T ties and A agreements per pair (lapse checks).
    public func svg() -> String {
        let groups = rows()
        let lapsedTies = lapsedTies()
        let allTies = Set(groups.flatMap { $0.rows.flatMap(\.ties) }).sorted()
        let types = Set(allTies.map { network.ties[$0].type }).sorted()
        let relationshipTypes = types.filter { !network.settings.definition(of: $0).map(\.isEvent).orFalse }
        // Axis range.
        let years = allTies.flatMap { i -> [Int] in
            let t = network.ties[i]
            return [t.start?.year, t.end?.year].compactMap { $0 }
        }
        let lo = fromYear ?? min(years.min() ?? asOf.year, asOf.year)
        let hi = max(toYear ?? max(years.max() ?? asOf.year, asOf.year), lo)
        let axisStart = Day(year: lo, month: 1, day: 1)!, axisEnd = Day(year: hi, month: 12, day: 31)!

        let fontSize = 12.0, rowHeight = 22.0, headerHeight = 20.0
        let longestName = groups.flatMap { $0.rows.map { min($0.partner.name.count, 48) } }.max() ?? 10
        let labelWidth = max(120, Double(longestName) * fontSize * 0.56 + 16)
        let plotWidth = 680.0
        let left = labelWidth, top = 64.0
        let width = left + plotWidth + 24
        func x(_ d: Day) -> Double {
            let span = Double(axisEnd.ordinal - axisStart.ordinal + 1)
            let clamped = min(max(d.ordinal, axisStart.ordinal), axisEnd.ordinal + 1)
            return left + Double(clamped - axisStart.ordinal) / span * plotWidth
        }
        var w = SVGWriter()
        // Legend.
        w.open("g", [("class", "legend")])
        var lx = left
        for t in types {
            let isEvent = network.settings.definition(of: t).map(\.isEvent).orFalse
            if isEvent {
                w.empty("path", [("class", "event"), ("d", diamond(lx + 6, 18, 5)), ("fill", colour(of: t, among: types))])
            } else {
                w.empty("rect", [("x", SVGWriter.number(lx)), ("y", "13"), ("width", "14"), ("height", "10"), ("fill", colour(of: t, among: types))])
            }
            w.text("text", [("x", SVGWriter.number(lx + 18)), ("y", "22")], t)
            lx += 26 + Double(t.count) * fontSize * 0.56
        }
        w.empty("rect", [("class", "ended"), ("x", SVGWriter.number(lx)), ("y", "13"), ("width", "14"), ("height", "10"), ("fill", "#888888")])
        w.text("text", [("x", SVGWriter.number(lx + 18)), ("y", "22")], "ended")
        lx += 26 + 5 * fontSize * 0.56
        w.empty("rect", [("class", "lapsed"), ("x", SVGWriter.number(lx)), ("y", "13"), ("width", "14"), ("height", "10"), ("fill", "#ffffff")])
        w.text("text", [("x", SVGWriter.number(lx + 18)), ("y", "22")], "lapsed agreement")
        lx += 26 + 16 * fontSize * 0.56
        w.empty("line", [("class", "asof"), ("x1", SVGWriter.number(lx + 7)), ("y1", "11"), ("x2", SVGWriter.number(lx + 7)), ("y2", "25")])
        w.text("text", [("x", SVGWriter.number(lx + 14)), ("y", "22")], "as of \(asOf)")
        w.close("g")

        // Rows.
        var y = top
        var rowCount = 0
        for (kind, rows) in groups {
            w.text("text", [("class", "kind"), ("x", "8"), ("y", SVGWriter.number(y + 14))], kind)
            y += headerHeight
            for row in rows {
                rowCount += 1
                let p = row.partner
                let span = network.activity(ofPartner: p.id)
                var rowTitle = "\(p.name) (\(p.kind)): \(row.ties.count) tie\(row.ties.count == 1 ? "" : "s")"
                if let f = span.first { rowTitle += ", first activity \(f)" }
                if let l = span.last { rowTitle += ", last \(l)" }
                if span.isOngoing { rowTitle += ", ongoing" }
                w.open("g", [("class", "row"), ("id", "row-\(rowCount)")])
                w.titled("rect", [("class", "band"), ("x", "0"), ("y", SVGWriter.number(y)), ("width", SVGWriter.number(width)),
                                  ("height", SVGWriter.number(rowHeight))], title: rowTitle)
                let name = p.name.count > 48 ? String(p.name.prefix(47)) + "…" : p.name
                w.text("text", [("class", "label"), ("x", "16"), ("y", SVGWriter.number(y + 15))], name)
                var undated = 0
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
                        undated += 1
                        w.titled("circle", [("class", cls + " undated"), ("cx", SVGWriter.number(left + plotWidth + 12 + Double(undated - 1) * 0)),
                                            ("cy", SVGWriter.number(y + rowHeight / 2)), ("r", "4")], title: title + "; undated")
                        continue
                    }
                    if isEvent {
                        let cx = x(s)
                        w.titled("path", [("class", cls + " event"), ("d", diamond(cx, y + rowHeight / 2, 5)),
                                          ("fill", colour(of: t.type, among: types))], title: title)
                    } else {
                        let lane = Double(relationshipTypes.firstIndex(of: t.type) ?? 0)
                        let lanes = Double(max(relationshipTypes.count, 1))
                        let barHeight = max(4, (rowHeight - 8) / lanes)
                        let x0 = x(s)
                        let x1 = x(iv.end.map { $0.adding(days: 1) } ?? max(asOf.adding(days: 1), s))
                        w.titled("rect", [("class", cls), ("x", SVGWriter.number(x0)), ("y", SVGWriter.number(y + 4 + lane * barHeight)),
                                          ("width", SVGWriter.number(max(x1 - x0, 2))), ("height", SVGWriter.number(barHeight - 1)),
                                          ("fill", colour(of: t.type, among: types))], title: title)
                        if iv.end == nil {
                            // An open end: a small arrow head at the as-of date.
                            let ay = y + 4 + lane * barHeight + (barHeight - 1) / 2
                            w.empty("path", [("class", "open-end"), ("d", "M\(SVGWriter.number(x1)),\(SVGWriter.number(ay - 3))l4,3l-4,3z"),
                                             ("fill", colour(of: t.type, among: types))])
                        }
                    }
                }
                w.close("g")
                y += rowHeight
            }
        }
        if groups.isEmpty {
            w.text("text", [("x", SVGWriter.number(left)), ("y", SVGWriter.number(y + 14))], "No ties to show.")
            y += rowHeight
        }
        // Axis and as-of line.
        let axisY = y + 4
        w.open("g", [("class", "axis")])
        w.empty("line", [("x1", SVGWriter.number(left)), ("y1", SVGWriter.number(axisY)), ("x2", SVGWriter.number(left + plotWidth)), ("y2", SVGWriter.number(axisY))])
        let span = hi - lo + 1
        let step = span <= 12 ? 1 : (span <= 30 ? 2 : (span <= 60 ? 5 : (span <= 150 ? 10 : 25)))
        for year in stride(from: lo, through: hi, by: 1) {
            let gx = x(Day(year: year, month: 1, day: 1)!)
            w.empty("line", [("class", "grid"), ("x1", SVGWriter.number(gx)), ("y1", SVGWriter.number(top)), ("x2", SVGWriter.number(gx)), ("y2", SVGWriter.number(axisY + 4))])
            if (year - lo) % step == 0 {
                w.text("text", [("class", "year"), ("x", SVGWriter.number(gx + 2)), ("y", SVGWriter.number(axisY + 16))], String(year))
            }
        }
        w.close("g")
        if asOf >= axisStart && asOf <= axisEnd {
            let ax = x(asOf.adding(days: 1))
            w.open("g", [("class", "asof-marker")])
            w.titled("line", [("class", "asof"), ("x1", SVGWriter.number(ax)), ("y1", SVGWriter.number(top - 8)), ("x2", SVGWriter.number(ax)),
                              ("y2", SVGWriter.number(axisY))], title: "as of \(asOf)")
            w.close("g")
        }
        let height = axisY + 28
        let focalName = focal.flatMap { network.partner(id: $0)?.name } ?? focal
        let heading = title ?? (focalName.map { "Ties of \($0) over time" } ?? "Ties over time")
        var desc = "Timeline of \(allTies.count) tie\(allTies.count == 1 ? "" : "s") with \(rowCount) partner\(rowCount == 1 ? "" : "s")"
        if let focalName { desc += " of \(focalName)" }
        desc += ", \(lo)–\(hi), as of \(asOf). Bars are agreements and other relationships over their interval; diamonds are joint activities; faded bars have ended; white bars with a red outline are agreements that lapsed without renewal."
        return w.document(width: width, height: height, id: "timeline", title: heading, description: desc, css: Self.css)
    }

    static func cssClass(_ type: String) -> String {
        "type-" + String(type.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "-" })
    }

    private func diamond(_ cx: Double, _ cy: Double, _ r: Double) -> String {
        "M\(SVGWriter.number(cx)),\(SVGWriter.number(cy - r))L\(SVGWriter.number(cx + r)),\(SVGWriter.number(cy))L\(SVGWriter.number(cx)),\(SVGWriter.number(cy + r))L\(SVGWriter.number(cx - r)),\(SVGWriter.number(cy))Z"
    }

    static let css = """
    svg{font-family:Arial,'Liberation Sans',Helvetica,sans-serif;font-size:12px;fill:#1a1a1a}\
    .kind{font-weight:bold}\
    .band{fill:transparent}.row:nth-of-type(even) .band{fill:#f4f4f4}\
    .tie.ended{opacity:.45}\
    .tie.lapsed{fill:#ffffff;stroke:#C0392B;stroke-width:1.5;stroke-dasharray:3 2}\
    .tie.upcoming{opacity:.6}\
    .undated{fill:#ffffff;stroke:#555555}\
    .axis line{stroke:#333333}.axis .grid{stroke:#dddddd}\
    .asof{stroke:#C0392B;stroke-width:1.5;stroke-dasharray:5 3}\
    .legend .lapsed{stroke:#C0392B;stroke-dasharray:3 2}.legend .ended{opacity:.45}
    """
}

extension Optional where Wrapped == Bool {
    var orFalse: Bool { self ?? false }
}
