import FigureStyle
import PartnerGraph

/// How a network figure is cut down to be legible on its page. Each field is
/// also a command-line option; ``NetworkDrawing`` applies what is set.
public struct FigureReduction: Sendable, Hashable {
    /// How many partners are drawn with their name (the highest ranked; the
    /// focal partner always is); the others get a number, keyed in a table
    /// below the drawing. Nil names every partner.
    public var namedCount: Int?
    /// How many partners are drawn (the highest ranked, the focal partner
    /// always); nil draws every selected partner.
    public var keptCount: Int?
    /// With ``keptCount``: the partners left out become one node per kind
    /// ("41 more ngo") carrying their ties; false leaves them out.
    public var aggregatesRest: Bool
    /// One line per pair of partners (width from the pair's weight, colour
    /// and style of its strongest current type); false draws one line per
    /// pair and tie type.
    public var edgePerPair: Bool

    public init(namedCount: Int? = nil, keptCount: Int? = nil, aggregatesRest: Bool = true, edgePerPair: Bool = true) {
        self.namedCount = namedCount
        self.keptCount = keptCount
        self.aggregatesRest = aggregatesRest
        self.edgePerPair = edgePerPair
    }
}

/// A point in a drawing, in points (1/72 in), y growing upwards as in Graphviz.
public struct DrawingPoint: Sendable, Hashable {
    public var x: Double
    public var y: Double
    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }
}

/// The extent of a drawing, in points.
public struct DrawingFrame: Sendable, Hashable {
    public var minX: Double, minY: Double, maxX: Double, maxY: Double
    public init(minX: Double, minY: Double, maxX: Double, maxY: Double) {
        self.minX = minX
        self.minY = minY
        self.maxX = maxX
        self.maxY = maxY
    }
    public var width: Double { maxX - minX }
    public var height: Double { maxY - minY }
}

/// A network snapshot styled and reduced for a page, before layout: nodes
/// (partners, numbered partners, per-kind aggregates), one edge per pair,
/// the legend's entries and the key of numbered partners.
///
/// Two DOT documents come from it: ``layoutDocument(engine:)`` for the layout
/// engine (positions only), and ``pinnedDocument(positions:page:header:notes:)``,
/// the final figure — the drawing at fixed positions (Graphviz's `nop`
/// engine, `neato -n`) with the legend (each swatch a real node of the kind's
/// shape and colour), the key and the caption laid out below it, all in one
/// coordinate system of points.
///
/// - Complexity: O(P log P + T) for P partners and T ties.
public struct NetworkDrawing: Sendable {
    public struct Node: Sendable, Hashable {
        /// The DOT name (`n0`, `n1`, …; layout output refers to nodes by it).
        public var name: String
        /// Partner id, or `more:KIND` for an aggregate.
        public var key: String
        public var svgID: String
        public var label: String
        public var kind: String
        public var isFocal: Bool
        /// Partners this node stands for (1, or more for an aggregate).
        public var memberCount: Int
        /// The key number of a partner drawn without its name.
        public var number: Int?
        public var title: String
        /// Minimum width in inches from the size measure, if any.
        public var minimumWidth: Double?
    }

    public struct Edge: Sendable, Hashable {
        public var from: String
        public var to: String
        public var svgID: String
        public var classes: String
        public var color: String
        public var style: String
        public var penWidth: Double
        public var isDirected: Bool
        public var title: String
    }

    /// An entry of the key: a partner drawn as a number.
    public struct KeyEntry: Sendable, Hashable {
        public var number: Int
        public var name: String
        public var kind: String
    }

    public var title: String
    public var description: String
    public var page: Page
    public var nodes: [Node]
    public var edges: [Edge]
    public var key: [KeyEntry]
    public var kindStyles: [String: Theme.KindStyle]
    public var tieStyles: [String: Theme.TieStyle]
    /// Kinds and tie types drawn, sorted (what the legend lists).
    public var kinds: [String]
    public var tieTypes: [String]
    public var showsLapsed = false
    public var showsSuggested = false
    public var showsFocal = false
    public var showsAggregates = false
    public var sizeMeasureName: String?
    /// What was done to make the figure fit, one sentence each (caption and stderr).
    public var reductions: [String] = []
    /// The focal partner's DOT name, when it is drawn (the root of radial layouts).
    public var focalName: String?
    /// Whether every drawn tie is directed (the only case for dot's ranks).
    public var isDirectedOnly: Bool
    /// The side (0 or 1) of each partner kind of a two-mode graph
    /// (`settings.modes`); empty for a one-mode graph. dot lays the two sides
    /// out as two columns.
    public var sideOfKind: [String: Int] = [:]
    /// Whether the graph declares two sides.
    public var isTwoMode: Bool { !sideOfKind.isEmpty }
    /// Node sizes (points; `x` width, `y` height) by node key as Graphviz
    /// drew them in a layout; they replace the estimates once known
    /// (Graphviz grows a trapezium or a pentagon around its label far more
    /// than any simple rule predicts).
    public var measuredSizes: [String: DrawingPoint] = [:]
    /// Draw a box around the partners of each kind (`render --cluster-by
    /// kind`): the partners are placed by ``packedByKind(width:)`` and the
    /// pinned document draws each box around its members with the kind's
    /// name on top.
    public var clustersByKind = false

    /// Styles and reduces `figure` for `page`.
    ///
    /// - Parameters:
    ///   - ranking: a score per partner id (betweenness, say); the highest are
    ///     named and kept first, ties broken by id.
    ///   - rankingName: the score's name, for the caption.
    ///   - order: partner ids in a fixed rank order (every snapshot of a
    ///     series passes the same one, so that the same partners are kept,
    ///     named and numbered in each); nil ranks the selected partners.
    public init(figure: PartnerFigure, page: Page, reduction: FigureReduction, ranking: [String: Double], rankingName: String,
                order: [String]? = nil) {
        let network = figure.network
        self.page = page
        if network.settings.modes.count == 2 {
            for (i, mode) in network.settings.modes.enumerated() { for k in mode.kinds where sideOfKind[k] == nil { sideOfKind[k] = i } }
        }
        title = network.title ?? "Partner network"
        let selected = network.partners.filter { figure.partnerIDs?.contains($0.id) ?? true }
        let focal = network.focal.flatMap { id in selected.contains { $0.id == id } ? id : nil }

        // Rank: focal first, then by score, then id; `order` may fix it
        // across several snapshots (then numbers and kept partners agree).
        let ranked = selected.map(\.id).sorted { a, b in
            if a == focal { return b != focal }
            if b == focal { return false }
            let sa = ranking[a] ?? -.infinity, sb = ranking[b] ?? -.infinity
            return sa != sb ? sa > sb : a < b
        }
        let selectedIDs = Set(ranked)
        let universe = order ?? ranked
        let keptCount = min(reduction.keptCount ?? universe.count, universe.count)
        // The focal partner is always named.
        let namedCount = min(max(reduction.namedCount ?? universe.count, focal == nil ? 0 : 1), keptCount)
        let keptOrder = universe.prefix(keptCount).filter { selectedIDs.contains($0) }
        let kept = Set(keptOrder)
        let positionInUniverse = Dictionary(universe.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })

        kindStyles = Theme.kindStyles(for: Set(network.partners.map(\.kind)))
        let typeWeights = network.settings.effectiveTypes.map { (name: $0.name, weight: $0.weight) }
        let knownTypes = Set(typeWeights.map(\.name))
        let extraTypes = Set(network.ties.map(\.type)).subtracting(knownTypes).map { (name: $0, weight: 1.0) }
        tieStyles = Theme.tieStyles(for: typeWeights + extraTypes)
        let typeWeight = Dictionary(typeWeights + extraTypes, uniquingKeysWith: { a, _ in a })

        // Nodes: kept partners in rank order, numbered past namedCount; then aggregates by kind.
        var nodes: [Node] = []
        var nodeOf: [String: Int] = [:]  // partner id → node index
        var key: [KeyEntry] = []
        let activity = network.activityByPartner()
        let sizes = Self.nodeWidths(selected.filter { kept.contains($0.id) }, measure: figure.sizeMeasure)
        let partnerByID = Dictionary(uniqueKeysWithValues: selected.map { ($0.id, $0) })
        for id in keptOrder {
            let partner = partnerByID[id]!
            let position = positionInUniverse[id] ?? 0
            let numbered = position >= namedCount
            let number = numbered ? position - namedCount + 1 : nil
            if let number { key.append(KeyEntry(number: number, name: partner.name, kind: partner.kind)) }
            var title = "\(partner.name) — \(Theme.kindLabel(partner.kind))"
            if id == focal { title += " (focal partner)" }
            if let index = network.index(ofPartner: id) { title += "; " + PartnerDOTStyle.describe(activity[index]) }
            if let measure = figure.sizeMeasure, let value = measure.values[id] {
                title += "; \(measure.name) \(DOTEscaping.formatNumber(value))"
            }
            nodeOf[id] = nodes.count
            nodes.append(Node(
                name: "n\(nodes.count)", key: id, svgID: "node-" + PartnerDOTStyle.slug(id),
                label: number.map(String.init) ?? Self.wrapName(partner.name, page: page),
                kind: partner.kind, isFocal: id == focal, memberCount: 1, number: number, title: title,
                minimumWidth: sizes[id]))
        }
        var aggregateOf: [String: Int] = [:]  // kind → node index
        if reduction.aggregatesRest && keptCount < universe.count {
            var rest: [String: [String]] = [:]
            for id in ranked where !kept.contains(id) { rest[partnerByID[id]!.kind, default: []].append(id) }
            for kind in rest.keys.sorted() {
                let members = rest[kind]!
                // One partner left of a kind is drawn as itself (numbered past namedCount, as the kept
                // ones): "1 more" would hide a name for nothing.
                if members.count == 1, let id = members.first, let partner = partnerByID[id] {
                    let position = positionInUniverse[id] ?? 0
                    let number = position >= namedCount ? position - namedCount + 1 : nil
                    if let number { key.append(KeyEntry(number: number, name: partner.name, kind: partner.kind)) }
                    var title = "\(partner.name) — \(Theme.kindLabel(partner.kind))"
                    if let index = network.index(ofPartner: id) { title += "; " + PartnerDOTStyle.describe(activity[index]) }
                    nodeOf[id] = nodes.count
                    nodes.append(Node(
                        name: "n\(nodes.count)", key: id, svgID: "node-" + PartnerDOTStyle.slug(id),
                        label: number.map(String.init) ?? Self.wrapName(partner.name, page: page),
                        kind: partner.kind, isFocal: false, memberCount: 1, number: number, title: title, minimumWidth: nil))
                    continue
                }
                aggregateOf[kind] = nodes.count
                let shown = members.prefix(8).map { partnerByID[$0]!.name }.joined(separator: ", ")
                nodes.append(Node(
                    name: "n\(nodes.count)", key: "more:" + kind, svgID: "more-" + PartnerDOTStyle.slug(kind),
                    label: "\(members.count) more", kind: kind, isFocal: false,
                    memberCount: members.count, number: nil,
                    title: "\(members.count) more partners of kind \(Theme.kindLabel(kind)), drawn as one: \(shown)" + (members.count > 8 ? ", …" : ""),
                    minimumWidth: nil))
                for id in members { nodeOf[id] = aggregateOf[kind] }
            }
        }
        // Numbers 1, 2, 3 … in rank order, with no gaps where partners went into aggregates.
        let renumbered = Dictionary(uniqueKeysWithValues: key.map(\.number).sorted().enumerated().map { ($1, $0 + 1) })
        for i in nodes.indices {
            if let old = nodes[i].number, let new = renumbered[old] {
                nodes[i].number = new
                nodes[i].label = String(new)
            }
        }
        self.nodes = nodes
        self.key = key.map { KeyEntry(number: renumbered[$0.number] ?? $0.number, name: $0.name, kind: $0.kind) }
            .sorted { $0.number < $1.number }
        focalName = focal.flatMap { nodeOf[$0] }.map { nodes[$0].name }

        // Edges: group ties by (node pair[, type]).
        struct Group {
            var current: [Int] = []
            var lapsed: [Int] = []
        }
        struct PairKey: Hashable, Comparable {
            var a: Int, b: Int, type: String
            static func < (l: PairKey, r: PairKey) -> Bool { (l.a, l.b, l.type) < (r.a, r.b, r.type) }
        }
        var groups: [PairKey: Group] = [:]
        for (index, tie) in network.ties.enumerated() where tie.source != tie.target {
            guard let s = nodeOf[tie.source], let t = nodeOf[tie.target], s != t else { continue }
            let state = network.state(of: tie, at: figure.asOf, lookback: figure.lookback)
            if state == .upcoming || (state == .ended && !figure.showsLapsedTies) { continue }
            guard state == .current || state == .ended else { continue }
            let k = PairKey(a: min(s, t), b: max(s, t), type: reduction.edgePerPair ? "" : tie.type)
            if state == .current { groups[k, default: Group()].current.append(index) } else { groups[k, default: Group()].lapsed.append(index) }
        }
        var edges: [Edge] = []
        var drawnTypes = Set<String>()
        var lapsedCount = 0, currentCount = 0
        var directedOnly = true
        for k in groups.keys.sorted() {
            let g = groups[k]!
            let from = nodes[k.a], to = nodes[k.b]
            let pairText = "\(Self.plainName(from)) — \(Self.plainName(to))"
            if !g.current.isEmpty {
                let ties = g.current.map { network.ties[$0] }
                let weight = ties.reduce(0) { $0 + network.weight(of: $1) }
                if weight < figure.minimumPairWeight { continue }
                let types = Set(ties.map(\.type))
                let strongest = types.sorted { (typeWeight[$0] ?? 1, $1) > (typeWeight[$1] ?? 1, $0) }.first!
                let style = tieStyles[strongest] ?? Theme.TieStyle(style: "solid", color: "#000000")
                // Directed only when every tie of the pair points the same way.
                let forward = ties.allSatisfy { $0.isDirected && nodeOf[$0.source] == k.a }
                let backward = ties.allSatisfy { $0.isDirected && nodeOf[$0.source] == k.b }
                if !(forward || backward) { directedOnly = false }
                var title = pairText + ": " + Self.tieSummary(ties, typeOrder: typeWeight)
                title += "; pair weight \(DOTEscaping.formatNumber(weight))"
                if !g.lapsed.isEmpty { title += "; also \(g.lapsed.count) lapsed" }
                edges.append(Edge(
                    from: backward ? to.name : from.name, to: backward ? from.name : to.name,
                    svgID: "edge-\(from.svgID.dropFirst(5))-\(to.svgID.dropFirst(5))" + (k.type.isEmpty ? "" : "-" + PartnerDOTStyle.slug(k.type)),
                    classes: "tie-" + PartnerDOTStyle.className(strongest) + ((forward || backward) ? " directed" : ""),
                    color: style.color, style: style.style, penWidth: Theme.penWidth(forPairWeight: weight),
                    isDirected: forward || backward, title: title))
                drawnTypes.insert(strongest)
                currentCount += 1
            } else {
                let ties = g.lapsed.map { network.ties[$0] }
                directedOnly = false
                edges.append(Edge(
                    from: from.name, to: to.name,
                    svgID: "edge-\(from.svgID.dropFirst(5))-\(to.svgID.dropFirst(5))" + (k.type.isEmpty ? "" : "-" + PartnerDOTStyle.slug(k.type)) + "-lapsed",
                    classes: "tie-lapsed", color: Theme.lapsed, style: "solid", penWidth: 0.8, isDirected: false,
                    title: pairText + ": lapsed — " + Self.tieSummary(ties, typeOrder: typeWeight)))
                lapsedCount += 1
            }
        }
        // Suggested introductions.
        var suggestedCount = 0
        var suggestedPairs = Set<[Int]>()
        for link in figure.suggestedLinks.sorted(by: { ($0.first, $0.second) < ($1.first, $1.second) }) {
            guard let s = nodeOf[link.first], let t = nodeOf[link.second], s != t,
                  nodes[s].memberCount == 1, nodes[t].memberCount == 1, suggestedPairs.insert([min(s, t), max(s, t)]).inserted else { continue }
            var title = "Suggested introduction: \(Self.plainName(nodes[s])) — \(Self.plainName(nodes[t]))"
            if let score = link.score { title += " (score \(DOTEscaping.formatNumber(score)))" }
            edges.append(Edge(from: nodes[s].name, to: nodes[t].name,
                              svgID: "suggested-\(nodes[s].svgID.dropFirst(5))-\(nodes[t].svgID.dropFirst(5))",
                              classes: "suggested-link", color: Theme.suggested, style: "dashed", penWidth: 1.5,
                              isDirected: false, title: title))
            suggestedCount += 1
        }
        self.edges = edges
        isDirectedOnly = directedOnly && currentCount > 0
        kinds = Set(nodes.map(\.kind)).sorted()
        tieTypes = drawnTypes.sorted()
        showsLapsed = lapsedCount > 0
        showsSuggested = suggestedCount > 0
        showsFocal = focal != nil
        showsAggregates = !aggregateOf.isEmpty
        sizeMeasureName = figure.sizeMeasure?.name

        let dropped = ranked.count - kept.count
        if dropped > 0 {
            reductions.append(reduction.aggregatesRest
                ? "The \(kept.count) partners ranked highest by \(rankingName) are drawn; of the other \(dropped), the kinds with several are drawn as one node per kind."
                : "The \(kept.count) partners ranked highest by \(rankingName) are drawn; \(dropped) others are left out.")
        }
        if !key.isEmpty {
            let named = nodes.filter { $0.memberCount == 1 && $0.number == nil }.count
            reductions.append("\(key.count) partner\(key.count == 1 ? " is" : "s are") drawn as \(key.count == 1 ? "a number" : "numbers"), named in the key below"
                              + (named > 1 ? "; the \(named) ranked highest by \(rankingName) are named in the drawing." : "."))
        }
        var text = "\(title) as of \(figure.asOf): \(selected.count) partner\(selected.count == 1 ? "" : "s")"
        text += ", \(currentCount) pair\(currentCount == 1 ? "" : "s") with a current tie drawn"
        var extras: [String] = []
        if lapsedCount > 0 { extras.append("\(lapsedCount) lapsed") }
        if suggestedCount > 0 { extras.append("\(suggestedCount) suggested link\(suggestedCount == 1 ? "" : "s")") }
        if !extras.isEmpty { text += " (" + extras.joined(separator: ", ") + ")" }
        description = text + "."
    }

    // MARK: Documents

    /// The graph the layout engine places: nodes at their final sizes, one
    /// edge per drawn line, no legend. Only positions are read back.
    /// The layout document with every node at `positions` (points, by node
    /// key) for Graphviz's `nop`, which keeps them and only removes overlaps
    /// (prism, 4 pt apart): how a layout scaled down to the page is made legible again.
    public func compactionDocument(positions: [String: DrawingPoint]) -> DOTDocument {
        var document = layoutDocument(engine: "nop")
        document.graphAttributes["start"] = nil
        document.graphAttributes["mode"] = nil
        for i in document.nodes.indices {
            guard let node = nodes.first(where: { $0.name == document.nodes[i].id }), let p = positions[node.key] else { continue }
            document.nodes[i].attributes["pos"] = .string("\(DOTEscaping.formatNumber(p.x)),\(DOTEscaping.formatNumber(p.y))")
        }
        return document
    }

    public func layoutDocument(engine: String) -> DOTDocument {
        var document = DOTDocument(name: title, isDirected: false)
        document.graphAttributes = [
            "layout": .string(engine), "start": 1, "overlap": "prism", "sep": "+4", "splines": "false",
            "outputorder": "edgesfirst",
        ]
        switch engine {
        case "twopi":
            if let focalName { document.graphAttributes["root"] = .string(focalName) }
            document.graphAttributes["ranksep"] = .number(0.6)
        case "dot":
            document.graphAttributes["nslimit"] = 1
            document.graphAttributes["mclimit"] = .number(0.1)
            document.graphAttributes["ranksep"] = .number(0.35)
            document.graphAttributes["nodesep"] = .number(0.15)
        case "neato":
            document.graphAttributes["mode"] = "major"
        default:
            break
        }
        document.nodeDefaults = nodeDefaults
        document.edgeDefaults = ["len": .number(0.35)]
        for node in nodes { document.nodes.append(DOTNode(id: node.name, attributes: sizeAttributes(node))) }
        // Two modes under dot: one column per side (each side one rank, left to right),
        // every edge from side 0 to side 1 so that no edge runs against the ranks.
        let twoColumns = engine == "dot" && isTwoMode
        var sideOfNode: [String: Int] = [:]
        if twoColumns {
            for node in nodes { if let side = sideOfKind[node.kind] { sideOfNode[node.name] = side } }
            document.graphAttributes["rankdir"] = "LR"
            document.graphAttributes["ranksep"] = .number(1.2)
            for side in 0..<2 {
                document.subgraphs.append(DOTSubgraph(name: "side\(side)", attributes: ["rank": "same"],
                                                      nodeIDs: nodes.filter { sideOfNode[$0.name] == side }.map(\.name)))
            }
        }
        for edge in edges where !edge.classes.hasPrefix("suggested") {
            var attributes: DOTAttributes = [:]
            if engine == "dot", edge.isDirected { attributes["dir"] = "forward" }
            if twoColumns, sideOfNode[edge.from] == 1, sideOfNode[edge.to] == 0 {
                document.edges.append(DOTEdge(from: edge.to, to: edge.from, attributes: attributes))
            } else {
                document.edges.append(DOTEdge(from: edge.from, to: edge.to, attributes: attributes))
            }
        }
        if engine == "dot" { document.isDirected = true }
        return document
    }

    var nodeDefaults: DOTAttributes {
        [
            "fontname": .string(Theme.fontFamily), "fontsize": .number(page.fontSize), "style": "filled",
            "color": .string(Theme.outline), "penwidth": .number(0.8), "margin": "0.02,0.01",
            "width": 0, "height": 0,
        ]
    }

    /// Whether a node of the pinned document draws a partner or an aggregate
    /// (named `n0`, `n1` …), not a legend, key or caption block.
    public static func isNetworkNode(_ name: String) -> Bool {
        name.count > 1 && name.first == "n" && name.dropFirst().allSatisfy(\.isNumber)
    }

    /// The attributes that decide a node's size (label, shape, border, minimum width).
    func sizeAttributes(_ node: Node) -> DOTAttributes {
        let style = kindStyles[node.kind] ?? Theme.KindStyle(shape: "ellipse", fillColor: "#FFFFFF")
        var attributes: DOTAttributes = ["label": .text(node.label), "shape": .string(style.shape)]
        if node.number != nil { attributes["margin"] = "0.03,0.02" }
        if let width = node.minimumWidth { attributes["width"] = .number(width) }
        // A heavy black outline, not a second periphery: Graphviz routes
        // edges around a node's first outline only.
        if node.isFocal { attributes["penwidth"] = 3 }
        return attributes
    }

    /// The final figure: the drawing at `positions` (by node key, in points),
    /// centred on a canvas as wide as the page, then the legend, the key of
    /// numbered partners and the caption `notes` below it; `header` lines on top.
    ///
    /// - Returns: the document (engine `nop`) and its size in points.
    /// - Parameter frame: the extent to place (a series of snapshots passes
    ///   the whole series' extent, so shared partners land on the same spot).
    public func pinnedDocument(positions: [String: DrawingPoint], page: Page, header: FigureHeader? = nil,
                               notes: [String] = [], frame: DrawingFrame? = nil) -> (document: DOTDocument, width: Double, height: Double) {
        let box = frame ?? self.frame(positions)
        let minX = box.minX, maxX = box.maxX, minY = box.minY, maxY = box.maxY
        let drawingWidth = maxX - minX, drawingHeight = maxY - minY
        let margin = 4.0
        let canvasWidth = max(page.widthPoints, drawingWidth + 2 * margin)
        let line = page.fontSize * 1.25

        var blocks = FigureBlocks(width: canvasWidth, fontSize: page.fontSize, margin: margin)
        if let header { blocks.addHeader(header) }
        let drawingTop = blocks.cursor
        blocks.cursor += drawingHeight + line * 0.6
        addLegend(to: &blocks)
        if !key.isEmpty { addKey(to: &blocks) }
        for note in notes { blocks.addParagraph(note, color: Theme.mutedText, className: "caption") }
        let totalHeight = blocks.cursor + margin

        var document = DOTDocument(name: title, isDirected: false)
        document.graphAttributes = [
            "layout": "nop", "splines": "true", "outputorder": "edgesfirst", "pad": 0, "overlap": "true", "sep": "+1", "esep": "+1",
            "bb": .string("0,0,\(DOTEscaping.formatNumber(canvasWidth)),\(DOTEscaping.formatNumber(totalHeight))"),
            "fontname": .string(Theme.fontFamily), "fontsize": .number(page.fontSize),
        ]
        document.nodeDefaults = nodeDefaults
        document.edgeDefaults = ["fontname": .string(Theme.fontFamily), "fontsize": .number(page.fontSize)]
        let dx = (canvasWidth - drawingWidth) / 2 - minX
        let dy = (totalHeight - drawingTop - drawingHeight) - minY
        for node in nodes {
            guard let p = positions[node.key] else { continue }
            let style = kindStyles[node.kind] ?? Theme.KindStyle(shape: "ellipse", fillColor: "#FFFFFF")
            var attributes = sizeAttributes(node)
            attributes["id"] = .string(node.svgID)
            var classes = ["kind-" + PartnerDOTStyle.className(node.kind)]
            if node.isFocal { classes.append("focal") }
            if node.memberCount > 1 { classes.append("aggregate") }
            if node.number != nil { classes.append("numbered") }
            attributes["class"] = .string(classes.joined(separator: " "))
            attributes["fillcolor"] = .string(style.fillColor)
            attributes["fontcolor"] = .string(style.textColor)
            if node.memberCount > 1 { attributes["style"] = "filled,dashed" }
            if node.isFocal { attributes["color"] = "#000000" }
            attributes["pos"] = .string(Self.pos(p.x + dx, p.y + dy))
            document.nodes.append(DOTNode(id: node.name, attributes: attributes))
        }
        document.subgraphs = clusterSubgraphs(positions: positions, dx: dx, dy: dy)
        for edge in edges {
            var attributes: DOTAttributes = [
                "id": .string(edge.svgID), "class": .string(edge.classes), "color": .string(edge.color),
                "style": .string(edge.style), "penwidth": .number(edge.penWidth),
            ]
            attributes["dir"] = edge.isDirected ? "forward" : "none"
            if edge.isDirected { attributes["arrowsize"] = .number(0.6) }
            document.edges.append(DOTEdge(from: edge.from, to: edge.to, attributes: attributes))
        }
        blocks.emit(into: &document, height: totalHeight)
        return (document, canvasWidth, totalHeight)
    }

    /// The extent of the nodes at `positions`, from centres and estimated sizes.
    public func frame(_ positions: [String: DrawingPoint]) -> DrawingFrame {
        var minX = Double.infinity, maxX = -Double.infinity, minY = Double.infinity, maxY = -Double.infinity
        for node in nodes {
            guard let p = positions[node.key] else { continue }
            let (w, h) = estimatedSize(node)
            minX = min(minX, p.x - w / 2); maxX = max(maxX, p.x + w / 2)
            minY = min(minY, p.y - h / 2); maxY = max(maxY, p.y + h / 2)
        }
        for cluster in clusterBoxes(positions: positions) {
            minX = min(minX, cluster.box[0]); minY = min(minY, cluster.box[1])
            maxX = max(maxX, cluster.box[2]); maxY = max(maxY, cluster.box[3])
        }
        return minX.isFinite ? DrawingFrame(minX: minX, minY: minY, maxX: maxX, maxY: maxY) : DrawingFrame(minX: 0, minY: 0, maxX: 0, maxY: 0)
    }

    /// Accessible titles of the drawing's elements, by SVG id.
    public var elementTitles: [String: String] {
        var titles: [String: String] = [:]
        for node in nodes { titles[node.svgID] = node.title }
        for edge in edges { titles[edge.svgID] = edge.title }
        return titles
    }

    /// Size (points) of a node as Graphviz will draw it, estimated from its
    /// label's text width; used for the canvas extent and fit estimates.
    public func estimatedSize(_ node: Node) -> (width: Double, height: Double) {
        if let measured = measuredSizes[node.key] { return (measured.x, measured.y) }
        let lines = node.label.split(separator: "\n", omittingEmptySubsequences: false)
        let textWidth = TextMetrics.widestLine(of: node.label, fontSize: page.fontSize)
        let textHeight = Double(lines.count) * page.fontSize * 1.2
        let style = kindStyles[node.kind]?.shape ?? "ellipse"
        // Graphviz pads by the margin and, for non-box shapes, grows the
        // shape around the label box (ellipses and polygons by about √2).
        let boxy = ["box", "rect", "rectangle", "square", "plaintext", "none", "note", "tab", "folder", "box3d", "component", "cylinder"].contains(style)
        let margin = node.number != nil ? (0.03 * 72, 0.02 * 72) : (0.05 * 72, 0.03 * 72)
        var w = textWidth + 2 * margin.0, h = textHeight + 2 * margin.1
        if !boxy { w *= 1.42; h *= 1.42 }
        if node.isFocal { w += 8; h += 8 }
        if let minimum = node.minimumWidth { w = max(w, minimum * 72) }
        return (w, h)
    }

    /// Drawing area the layout is likely to need, in square points: node areas
    /// with spacing, times the share neato and sfdp leave empty.
    public var estimatedArea: Double {
        nodes.reduce(0) { sum, node in
            let (w, h) = estimatedSize(node)
            return sum + (w + 8) * (h + 8)
        } * 2.6
    }

    /// Estimated height of the legend, key and caption below the drawing.
    public func estimatedExtrasHeight(notes: [String]) -> Double {
        var blocks = FigureBlocks(width: page.widthPoints, fontSize: page.fontSize, margin: 4)
        addLegend(to: &blocks)
        if !key.isEmpty { addKey(to: &blocks) }
        for note in notes { blocks.addParagraph(note, color: Theme.mutedText, className: "caption") }
        return blocks.cursor
    }

    // MARK: Legend and key

    func addLegend(to blocks: inout FigureBlocks, markersOnly: Bool = false) {
        var items: [FigureBlocks.LegendItem] = []
        for kind in kinds {
            let style = kindStyles[kind] ?? Theme.KindStyle(shape: "ellipse", fillColor: "#FFFFFF")
            items.append(.init(sample: .shape(style.shape, fill: style.fillColor, dashed: false, double: false),
                               text: Theme.kindLabel(kind), id: "legend-kind-" + PartnerDOTStyle.slug(kind)))
        }
        if showsFocal {
            items.append(.init(sample: .shape("box", fill: "#FFFFFF", dashed: false, double: true), text: "focal partner", id: "legend-focal"))
        }
        if showsAggregates {
            items.append(.init(sample: .shape("box", fill: "#FFFFFF", dashed: true, double: false), text: "several partners of a kind", id: "legend-aggregate"))
        }
        for type in tieTypes {
            let style = tieStyles[type] ?? Theme.TieStyle(style: "solid", color: "#000000")
            items.append(.init(sample: .line(color: style.color, style: style.style, width: 2), text: Theme.kindLabel(type),
                               id: "legend-tie-" + PartnerDOTStyle.slug(type)))
        }
        if showsLapsed { items.append(.init(sample: .line(color: Theme.lapsed, style: "solid", width: 0.8), text: "lapsed (no current tie)", id: "legend-lapsed")) }
        if showsSuggested { items.append(.init(sample: .line(color: Theme.suggested, style: "dashed", width: 1.5), text: "suggested introduction", id: "legend-suggested")) }
        items.append(.init(sample: .line(color: "#555555", style: "solid", width: 4), text: "thicker: more weight", id: "legend-width"))
        if let sizeMeasureName, !markersOnly { items.append(.init(sample: .none, text: "node size: \(sizeMeasureName)", id: "legend-size")) }
        blocks.addLegend(items)
    }

    func addKey(to blocks: inout FigureBlocks) {
        blocks.addKey(key.map { (number: $0.number, text: $0.name) })
    }

    // MARK: Helpers

    static func pos(_ x: Double, _ y: Double) -> String {
        "\(DOTEscaping.formatNumber(x)),\(DOTEscaping.formatNumber(y))!"
    }

    /// A partner's name in lines of at most about 14 em, at most three lines.
    static func wrapName(_ name: String, page: Page) -> String {
        TextMetrics.wrap(name, toWidth: page.fontSize * 8.5, fontSize: page.fontSize, maxLines: 3).joined(separator: "\n")
    }

    static func plainName(_ node: Node) -> String {
        node.label.split(separator: "\n").joined(separator: " ")
    }

    /// `agreement ×2 (2003–ongoing), liaison` — types strongest first.
    static func tieSummary(_ ties: [Tie], typeOrder: [String: Double]) -> String {
        var byType: [String: [Tie]] = [:]
        for tie in ties { byType[tie.type, default: []].append(tie) }
        return byType.keys.sorted { (typeOrder[$0] ?? 1, $1) > (typeOrder[$1] ?? 1, $0) }.map { type in
            let group = byType[type]!
            var text = Theme.kindLabel(type) + (group.count > 1 ? " ×\(group.count)" : "")
            let starts = group.compactMap(\.start).sorted(), ends = group.compactMap(\.end).sorted()
            if let first = starts.first {
                let open = group.contains { $0.end == nil }
                text += " (\(first)–" + (open ? "" : ends.last.map { "\($0)" } ?? "") + ")"
            }
            return text
        }.joined(separator: ", ")
    }

    /// Node widths (inches) by measure: from the smallest natural size up to
    /// twice a named node's usual width, over the drawn partners' values.
    static func nodeWidths(_ drawn: [Partner], measure: NodeMeasure?) -> [String: Double] {
        guard let measure else { return [:] }
        let values = drawn.compactMap { measure.values[$0.id] }.filter(\.isFinite)
        guard let low = values.min(), let high = values.max(), high > low else { return [:] }
        var result: [String: Double] = [:]
        for partner in drawn {
            let value = measure.values[partner.id].flatMap { $0.isFinite ? $0 : nil } ?? low
            let t = (value - low) / (high - low)
            if t > 0 { result[partner.id] = 0.3 + 0.9 * t }
        }
        return result
    }
}

/// Title lines and key figures drawn above a figure (the report's one-page SVG).
public struct FigureHeader: Sendable, Hashable {
    public var title: String
    public var subtitle: String?
    /// Key figures: value (large) over label.
    public var figures: [(value: String, label: String)]

    public init(title: String, subtitle: String? = nil, figures: [(value: String, label: String)] = []) {
        self.title = title
        self.subtitle = subtitle
        self.figures = figures
    }

    public static func == (l: FigureHeader, r: FigureHeader) -> Bool {
        l.title == r.title && l.subtitle == r.subtitle && l.figures.map(\.value) == r.figures.map(\.value)
            && l.figures.map(\.label) == r.figures.map(\.label)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(title)
        hasher.combine(subtitle)
        for figure in figures {
            hasher.combine(figure.value)
            hasher.combine(figure.label)
        }
    }
}
