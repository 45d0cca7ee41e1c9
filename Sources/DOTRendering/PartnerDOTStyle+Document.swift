import PartnerGraph

extension PartnerDOTStyle {
    /// Turns a network snapshot into a styled DOT document.
    ///
    /// Ties current at ``PartnerFigure/asOf`` are drawn one edge per pair and
    /// type, in the type's style, with pen width from the pair weight (sum of
    /// the current ties' weights). Ties that ended before the lookback window
    /// are drawn grey (one edge per pair and type) unless the pair also has a
    /// current tie of that type; upcoming ties are not drawn.
    ///
    /// - Complexity: O(P log P + T log T) for P partners and T ties.
    public func makeDocument(for figure: PartnerFigure) -> StyledPartnerDOT {
        let network = figure.network
        let drawn = network.partners.filter { figure.partnerIDs?.contains($0.id) ?? true }
        let drawnIDs = Set(drawn.map(\.id))
        let kindStyles = Self.kindStyles(for: Set(network.partners.map(\.kind)))
        let tieStyles = Self.tieStyles(for: network)
        let title = network.title ?? "Partner network"

        var document = DOTDocument(name: title, isDirected: false)
        document.graphAttributes = [
            "fontname": .string(fontName), "fontsize": .number(fontSize),
            "outputorder": "edgesfirst", "overlap": "false", "start": 1, "pad": .number(0.2),
            "labelloc": "b", "labeljust": "l",
        ]
        document.nodeDefaults = [
            "fontname": .string(fontName), "fontsize": .number(fontSize), "style": "filled",
            "color": "#333333", "penwidth": 1, "margin": "0.08,0.04",
        ]
        document.edgeDefaults = ["fontname": .string(fontName), "fontsize": .number(fontSize - 1)]

        var titles: [String: String] = [:]
        titles.reserveCapacity(drawn.count + network.ties.count + figure.suggestedLinks.count)
        let nodeIDs = Dictionary(uniqueKeysWithValues: drawn.map { ($0.id, "node-" + Self.slug($0.id)) })
        let activity = network.activityByPartner()
        let sizes = nodeWidths(drawn: drawn, measure: figure.sizeMeasure)

        // Nodes.
        for partner in drawn {
            let style = kindStyles[partner.kind] ?? KindStyle(shape: "ellipse", fillColor: Palette.white)
            let isFocal = partner.id == network.focal
            var attributes: DOTAttributes = [
                "id": .string(nodeIDs[partner.id]!),
                "class": .string((["kind-" + Self.className(partner.kind)] + (isFocal ? ["focal"] : [])).joined(separator: " ")),
                "label": .text(Self.wrap(partner.name, width: wrapWidth)),
                "shape": .string(style.shape), "fillcolor": .string(style.fillColor), "fontcolor": .string(style.textColor),
            ]
            if let width = sizes[partner.id] {
                attributes["width"] = .number(width)
                attributes["height"] = .number(0.5 + (width - nodeWidthRange.lowerBound) * 0.35)
            }
            if isFocal {
                attributes["penwidth"] = 2.5
                attributes["peripheries"] = 2
                attributes["color"] = .string(Palette.black)
            }
            document.nodes.append(DOTNode(id: partner.id, attributes: attributes))
            var text = "\(partner.name) — \(Self.kindLabel(partner.kind))"
            if isFocal { text += " (focal partner)" }
            if let index = network.index(ofPartner: partner.id) {
                text += "; " + Self.describe(activity[index])
            }
            if let measure = figure.sizeMeasure, let value = measure.values[partner.id] {
                text += "; \(measure.name) \(DOTEscaping.formatNumber(value))"
            }
            titles[nodeIDs[partner.id]!] = text
        }

        // Ties: group by pair (unordered unless directed), type and state.
        struct EdgeKey: Hashable, Comparable {
            var from: String, to: String, type: String, lapsed: Bool, directed: Bool
            /// By from, to, type, then current before lapsed and undirected before directed.
            /// (Field by field rather than as tuples, which would copy every string.)
            static func < (a: EdgeKey, b: EdgeKey) -> Bool {
                if a.from != b.from { return a.from < b.from }
                if a.to != b.to { return a.to < b.to }
                if a.type != b.type { return a.type < b.type }
                if a.lapsed != b.lapsed { return !a.lapsed }
                return !a.directed && b.directed
            }
        }
        struct Pair: Hashable { var a: String, b: String }
        func pair(_ x: String, _ y: String) -> Pair { x < y ? Pair(a: x, b: y) : Pair(a: y, b: x) }

        var groups: [EdgeKey: [Int]] = [:]
        groups.reserveCapacity(network.ties.count)
        var pairWeight: [Pair: Double] = [:]
        for (index, tie) in network.ties.enumerated() {
            guard drawnIDs.contains(tie.source), drawnIDs.contains(tie.target), tie.source != tie.target else { continue }
            let state = network.state(of: tie, at: figure.asOf, lookback: figure.lookback)
            if state == .upcoming { continue }
            if state == .ended && !figure.showsLapsedTies { continue }
            let ordered = tie.isDirected ? (tie.source, tie.target) : (min(tie.source, tie.target), max(tie.source, tie.target))
            let key = EdgeKey(from: ordered.0, to: ordered.1, type: tie.type, lapsed: state == .ended, directed: tie.isDirected)
            groups[key, default: []].append(index)
            if state == .current { pairWeight[pair(tie.source, tie.target), default: 0] += network.weight(of: tie) }
        }
        let currentKeys = Set(groups.keys.filter { !$0.lapsed }.map { EdgeKey(from: $0.from, to: $0.to, type: $0.type, lapsed: false, directed: $0.directed) })

        var usedEdgeIDs = Set<String>()
        func uniqueEdgeID(_ base: String) -> String {
            var candidate = base
            var counter = 2
            while usedEdgeIDs.contains(candidate) {
                candidate = "\(base)-\(counter)"
                counter += 1
            }
            usedEdgeIDs.insert(candidate)
            return candidate
        }

        var drawnTypes = Set<String>()
        var lapsedCount = 0
        var currentCount = 0
        for key in groups.keys.sorted() {
            let weight = pairWeight[pair(key.from, key.to)] ?? 0
            if key.lapsed {
                // A lapsed tie is not drawn beside a current one of the same type.
                if currentKeys.contains(EdgeKey(from: key.from, to: key.to, type: key.type, lapsed: false, directed: key.directed)) { continue }
            } else if weight < figure.minimumPairWeight {
                continue
            }
            let tieStyle = tieStyles[key.type] ?? TieStyle(style: "solid", color: Palette.black)
            let edgeID = uniqueEdgeID("edge-\(Self.slug(key.from))-\(Self.slug(key.to))-\(Self.slug(key.type))" + (key.lapsed ? "-lapsed" : ""))
            var attributes: DOTAttributes = [
                "id": .string(edgeID),
                "class": .string("tie-" + Self.className(key.type) + (key.lapsed ? " tie-lapsed" : "")),
                "style": .string(tieStyle.style),
                "color": .string(key.lapsed ? Palette.lapsed : tieStyle.color),
                "penwidth": .number(key.lapsed ? 1 : Self.penWidth(forPairWeight: weight)),
            ]
            if key.directed {
                attributes["dir"] = "forward"
            }
            document.edges.append(DOTEdge(from: key.from, to: key.to, attributes: attributes))
            let ties = groups[key]!.map { network.ties[$0] }
            titles[edgeID] = describeEdge(key.from, key.to, type: key.type, ties: ties, lapsed: key.lapsed,
                                          weight: weight, directed: key.directed, network: network)
            drawnTypes.insert(key.type)
            if key.lapsed { lapsedCount += 1 } else { currentCount += 1 }
        }

        // Suggested links.
        var suggestedCount = 0
        for link in figure.suggestedLinks.sorted(by: { ($0.first, $0.second) < ($1.first, $1.second) }) {
            guard drawnIDs.contains(link.first), drawnIDs.contains(link.second), link.first != link.second else { continue }
            let edgeID = uniqueEdgeID("suggested-\(Self.slug(link.first))-\(Self.slug(link.second))")
            document.edges.append(DOTEdge(from: link.first, to: link.second, attributes: [
                "id": .string(edgeID), "class": "suggested-link", "style": "dashed",
                "color": .string(Palette.vermillion), "penwidth": .number(1.5), "constraint": false,
            ]))
            let names = [link.first, link.second].map { network.partner(id: $0)?.name ?? $0 }
            var text = "Suggested introduction: \(names[0]) — \(names[1])"
            if let score = link.score { text += " (score \(DOTEscaping.formatNumber(score)))" }
            titles[edgeID] = text
            suggestedCount += 1
        }

        // Clusters by kind.
        let drawnKinds = Set(drawn.map(\.kind))
        if clustersByKind {
            for kind in drawnKinds.sorted() {
                document.subgraphs.append(.cluster("kind-" + Self.slug(kind), attributes: [
                    "label": .text(Self.kindLabel(kind)), "style": "rounded,dashed", "color": "#BBBBBB",
                    "fontcolor": "#555555", "class": .string("cluster-kind-" + Self.className(kind)),
                ], nodeIDs: drawn.filter { $0.kind == kind }.map(\.id)))
            }
        }

        // Legend inside the figure, as the graph label.
        let focalDrawn = network.focal.map { drawnIDs.contains($0) } ?? false
        if showsLegend, !drawn.isEmpty {
            document.graphAttributes["label"] = .html(legend(
                kinds: drawnKinds.sorted(), kindStyles: kindStyles, types: drawnTypes.sorted(), tieStyles: tieStyles,
                lapsed: lapsedCount > 0, suggested: suggestedCount > 0, focal: focalDrawn, measure: figure.sizeMeasure?.name))
        }

        var description = "\(title) as of \(figure.asOf): \(drawn.count) partner\(drawn.count == 1 ? "" : "s"), "
        description += "\(currentCount) current tie\(currentCount == 1 ? "" : "s") drawn"
        var extras: [String] = []
        if lapsedCount > 0 { extras.append("\(lapsedCount) lapsed") }
        if suggestedCount > 0 { extras.append("\(suggestedCount) suggested link\(suggestedCount == 1 ? "" : "s")") }
        if !extras.isEmpty { description += " (" + extras.joined(separator: ", ") + ")" }
        description += "."
        return StyledPartnerDOT(
            document: document, elementTitles: titles, title: title, description: description,
            kinds: drawnKinds.sorted(), tieTypes: drawnTypes.sorted())
    }

    // MARK: Helpers

    /// Pen width for a pair weight on a fixed scale, so figures of different
    /// dates compare: 1 at weight 1, +0.4 per unit, at most 5.
    static func penWidth(forPairWeight weight: Double) -> Double {
        min(5, max(1, 0.6 + 0.4 * weight))
    }

    /// Node widths by measure, linearly between the range's bounds over the
    /// drawn partners' values; nil when there is no measure.
    func nodeWidths(drawn: [Partner], measure: NodeMeasure?) -> [String: Double] {
        guard let measure else { return [:] }
        let values = drawn.compactMap { measure.values[$0.id] }.filter(\.isFinite)
        guard let low = values.min(), let high = values.max() else { return [:] }
        var result: [String: Double] = [:]
        for partner in drawn {
            let value = measure.values[partner.id].flatMap { $0.isFinite ? $0 : nil } ?? low
            let t = high > low ? (value - low) / (high - low) : 0
            result[partner.id] = nodeWidthRange.lowerBound + t * (nodeWidthRange.upperBound - nodeWidthRange.lowerBound)
        }
        return result
    }

    /// `member-state` → `member state`.
    static func kindLabel(_ kind: String) -> String {
        // In ASCII text a `-` character is the byte 0x2D, and replacing bytes is much faster.
        if kind.utf8.allSatisfy({ $0 < 0x80 }) {
            return String(decoding: kind.utf8.map { $0 == UInt8(ascii: "-") ? UInt8(ascii: " ") : $0 }, as: UTF8.self)
        }
        return String(kind.map { $0 == "-" ? " " : $0 })
    }

    static func describe(_ span: ActivitySpan) -> String {
        guard span.tieCount > 0 else { return "no ties" }
        let first = span.first.map { "\($0)" } ?? "undated"
        let last = span.isOngoing ? "ongoing" : (span.last.map { "\($0)" } ?? "undated")
        return "first activity \(first), last activity \(last)"
    }

    func describeEdge(_ from: String, _ to: String, type: String, ties: [Tie], lapsed: Bool, weight: Double,
                      directed: Bool, network: PartnerNetwork) -> String {
        func name(_ id: String) -> String { network.index(ofPartner: id).map { network.partners[$0].name } ?? id }
        var text = "\(name(from)) \(directed ? "→" : "—") \(name(to)): \(Self.kindLabel(type))"
        if ties.count > 1 { text += " ×\(ties.count)" }
        let starts = ties.compactMap(\.start).sorted()
        let ends = ties.compactMap(\.end).sorted()
        let ongoing = ties.contains { $0.end == nil && !network.typeDefinition(of: $0).isEvent }
        if let first = starts.first {
            text += ", \(first)–" + (ongoing ? "ongoing" : ends.last.map { "\($0)" } ?? "")
        }
        text += lapsed ? " (lapsed)" : "; pair weight \(DOTEscaping.formatNumber(weight))"
        return text
    }

    /// The legend: an HTML-like table listing only what is drawn.
    func legend(kinds: [String], kindStyles: [String: KindStyle], types: [String], tieStyles: [String: TieStyle],
                lapsed: Bool, suggested: Bool, focal: Bool, measure: String?) -> DOTHTML {
        func row(_ sample: String, _ text: String) -> String {
            "<TR>" + sample + "<TD ALIGN=\"LEFT\">" + DOTHTML(text: text).markup + "</TD></TR>"
        }
        func line(_ color: String, _ style: String) -> String {
            "<TD SIDES=\"B\" BORDER=\"2\" COLOR=\"\(color)\" STYLE=\"\(style == "solid" ? "solid" : style)\" WIDTH=\"28\" HEIGHT=\"8\" FIXEDSIZE=\"TRUE\"></TD>"
        }
        var rows = "<TR><TD COLSPAN=\"2\" ALIGN=\"LEFT\"><B>Legend</B></TD></TR>"
        for kind in kinds {
            let style = kindStyles[kind] ?? KindStyle(shape: "ellipse", fillColor: Palette.white)
            let swatch = "<TD BGCOLOR=\"\(style.fillColor)\" BORDER=\"1\" COLOR=\"#333333\" WIDTH=\"28\" HEIGHT=\"12\" FIXEDSIZE=\"TRUE\"></TD>"
            rows += row(swatch, Self.kindLabel(kind))
        }
        if focal {
            rows += row("<TD BORDER=\"3\" COLOR=\"#000000\" WIDTH=\"28\" HEIGHT=\"12\" FIXEDSIZE=\"TRUE\"></TD>", "focal partner (double border)")
        }
        for type in types {
            let style = tieStyles[type] ?? TieStyle(style: "solid", color: Palette.black)
            rows += row(line(style.color, style.style), Self.kindLabel(type))
        }
        if lapsed { rows += row(line(Palette.lapsed, "solid"), "lapsed tie (grey, in its type's line style)") }
        if suggested { rows += row(line(Palette.vermillion, "dashed"), "suggested link") }
        if let measure { rows += row("<TD></TD>", "node size: \(measure)") }
        rows += "<TR><TD COLSPAN=\"2\" ALIGN=\"LEFT\">" + DOTHTML(text: "line width: pair weight").markup + "</TD></TR>"
        return DOTHTML("<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"2\" CELLPADDING=\"2\">" + rows + "</TABLE>")
    }
}
