import FigureStyle

/// `render --cluster-by kind`: the partners of each kind in a box of their
/// own, the boxes packed in rows across the page.
///
/// Graphviz's cluster layouts do not serve a page: dot puts a star's
/// clusters in one long row, fdp does not repeat under load, and osage
/// spaces a cluster's nodes by the smallest of them, so big nodes stick out
/// of their box and the kind's name is drawn over them. The packing here is
/// ours: each kind's partners in rank order fill rows of a box about as
/// wide as it is tall (never wider than the page), the kind's name in a
/// line above them; the boxes, in legend order, fill rows of the page's
/// width (shelf packing). Sizes are the nodes' measured sizes, so nothing
/// overlaps; edges are routed around the nodes as in every figure.
extension NetworkDrawing {
    /// Space between a box and its members (points).
    static let clusterPadding = 5.0

    /// Node centres by key with every kind packed in its box and the boxes
    /// in rows at most `width` points wide (y grows upwards, as in Graphviz).
    ///
    /// - Complexity: O(n) in the nodes.
    public func packedByKind(width: Double) -> [String: DrawingPoint] {
        // Members a font size apart (room for the ties routed between them), boxes one and a half.
        let pad = Self.clusterPadding, spacing = page.fontSize, gap = page.fontSize * 1.5, line = page.fontSize * 1.25
        struct Box { var kind: String; var width: Double; var height: Double; var members: [(key: String, x: Double, y: Double)] }
        var boxes: [Box] = []
        for kind in kinds {
            let members = nodes.filter { $0.kind == kind }
            guard !members.isEmpty else { continue }
            let sizes = members.map { estimatedSize($0) }
            let area = sizes.reduce(0) { $0 + ($1.width + spacing) * ($1.height + spacing) }
            let widest = sizes.map(\.width).max() ?? 0
            let labelWidth = TextMetrics.width(of: Theme.kindLabel(kind), fontSize: page.fontSize)
            // About square, at least as wide as its widest member and its name, at most the page.
            let inner = min(max(area.squareRoot() * 1.2, widest, labelWidth), width - 2 * pad)
            var placed: [(key: String, x: Double, y: Double)] = []
            var x = 0.0, y = 0.0, rowHeight = 0.0, rowWidth = 0.0
            var rowStart = 0
            func centreRow() {
                // Centre the finished row in the box.
                let shift = (inner - rowWidth) / 2
                for k in rowStart..<placed.count { placed[k].x += shift; placed[k].y = y + rowHeight / 2 }
            }
            for (node, size) in zip(members, sizes) {
                if x > 0 && x + size.width > inner {
                    centreRow()
                    y += rowHeight + spacing
                    x = 0; rowHeight = 0; rowWidth = 0; rowStart = placed.count
                }
                placed.append((node.key, x + size.width / 2, 0))
                x += size.width + spacing
                rowWidth = x - spacing
                rowHeight = max(rowHeight, size.height)
            }
            centreRow()
            let innerHeight = y + rowHeight
            boxes.append(Box(kind: kind, width: inner + 2 * pad, height: innerHeight + 2 * pad + line,
                             members: placed.map { ($0.key, $0.x + pad, $0.y + pad + line) }))
        }
        // Shelf packing: boxes left to right, a new row when the page's width is reached.
        var positions: [String: DrawingPoint] = [:]
        var x = 0.0, top = 0.0, rowHeight = 0.0
        for box in boxes {
            if x > 0 && x + box.width > width {
                top += rowHeight + gap
                x = 0; rowHeight = 0
            }
            for m in box.members { positions[m.key] = DrawingPoint(x: x + m.x, y: -(top + m.y)) }
            x += box.width + gap
            rowHeight = max(rowHeight, box.height)
        }
        return positions
    }

    /// The boxes of ``clustersByKind``: one per kind, around its members at
    /// `positions`, wide enough for the kind's name, which sits in a line
    /// above the members; `[minX, minY, maxX, maxY]` in points.
    func clusterBoxes(positions: [String: DrawingPoint]) -> [(kind: String, members: [String], box: [Double])] {
        guard clustersByKind else { return [] }
        let pad = Self.clusterPadding, line = page.fontSize * 1.25
        var result: [(kind: String, members: [String], box: [Double])] = []
        for kind in kinds {
            let members = nodes.filter { $0.kind == kind && positions[$0.key] != nil }
            guard !members.isEmpty else { continue }
            var minX = Double.infinity, maxX = -Double.infinity, minY = Double.infinity, maxY = -Double.infinity
            for node in members {
                let p = positions[node.key]!, (w, h) = estimatedSize(node)
                minX = min(minX, p.x - w / 2); maxX = max(maxX, p.x + w / 2)
                minY = min(minY, p.y - h / 2); maxY = max(maxY, p.y + h / 2)
            }
            let labelWidth = TextMetrics.width(of: Theme.kindLabel(kind), fontSize: page.fontSize) + 2 * pad
            let centre = (minX + maxX) / 2, width = max(maxX - minX + 2 * pad, labelWidth)
            result.append((kind, members.map(\.name), [centre - width / 2, minY - pad, centre + width / 2, maxY + pad + line]))
        }
        return result
    }

    /// The cluster subgraphs of the pinned document: ``clusterBoxes(positions:)``
    /// shifted by `dx`, `dy`, drawn dashed with the kind's name.
    func clusterSubgraphs(positions: [String: DrawingPoint], dx: Double, dy: Double) -> [DOTSubgraph] {
        clusterBoxes(positions: positions).map { cluster in
            let b = cluster.box, slug = PartnerDOTStyle.slug(cluster.kind)
            let shifted = [b[0] + dx, b[1] + dy, b[2] + dx, b[3] + dy]
            return .cluster(slug, attributes: [
                "id": .string("cluster-" + slug), "class": .string("cluster kind-" + PartnerDOTStyle.className(cluster.kind)),
                "bb": .string(shifted.map { DOTEscaping.formatNumber($0) }.joined(separator: ",")),
                "label": .text(Theme.kindLabel(cluster.kind)), "fontname": .string(Theme.fontFamily), "fontsize": .number(page.fontSize),
                "fontcolor": .string(Theme.mutedText), "color": .string(Theme.mutedText), "style": "rounded,dashed", "penwidth": .number(0.8),
            ], nodeIDs: cluster.members)
        }
    }
}
