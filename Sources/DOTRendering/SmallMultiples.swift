import FigureStyle

extension NetworkDrawing {
    /// The prefix of the node names in small multiple `cell` (from 1): `c3_`.
    static func cellPrefix(_ cell: Int) -> String { "c\(cell)_" }

    /// The cell (`c3`) a small multiples node name such as `c3_n12` belongs
    /// to, when it names one of that cell's partners; nil for anything else.
    public static func smallMultiplesCell(ofNode name: String) -> String? {
        let parts = name.split(separator: "_", maxSplits: 1)
        guard parts.count == 2, parts[0].count > 1, parts[0].first == "c", parts[0].dropFirst().allSatisfy(\.isNumber),
              isNetworkNode(String(parts[1])) else { return nil }
        return String(parts[0])
    }

    /// A grid of snapshots on one page (small multiples): each cell one
    /// drawing (a year, say) at the positions of one shared layout, scaled
    /// into the cell; partners as small markers in their kind's shape and
    /// colour (names would be too small to read), a heading per cell, then
    /// one legend for the whole grid and the caption `notes`.
    ///
    /// - Parameters:
    ///   - cells: heading and drawing of each cell, in reading order.
    ///   - positions: node centres by node key, shared by every cell.
    ///   - frame: the extent of `positions` (the union of every cell's nodes).
    /// - Returns: the document (engine `nop`) and its size in points.
    public static func smallMultiplesDocument(cells: [(heading: String, drawing: NetworkDrawing)], positions: [String: DrawingPoint],
                                              frame: DrawingFrame, page: Page, legend: NetworkDrawing,
                                              notes: [String]) -> (document: DOTDocument, width: Double, height: Double) {
        let margin = 4.0
        let width = page.widthPoints
        let columns = max(1, min(cells.count, Int((width - 2 * margin) / max(page.fontSize * 13, 100))))
        let rows = (cells.count + columns - 1) / columns
        let cellWidth = (width - 2 * margin) / Double(columns)
        let inner = cellWidth - 10
        let scale = min(1, inner / max(frame.width, 1), (page.heightPoints * 0.8 / Double(rows) - page.fontSize * 2) / max(frame.height, 1))
        let headingHeight = page.fontSize * 1.6
        let cellHeight = frame.height * scale + headingHeight + 10
        let marker = max(page.fontSize * 0.55, 4)

        var blocks = FigureBlocks(width: width, fontSize: page.fontSize, margin: margin)
        blocks.cursor = margin + Double(rows) * cellHeight + page.fontSize * 0.4
        legend.addLegend(to: &blocks, markersOnly: true)
        for note in notes { blocks.addParagraph(note, color: Theme.mutedText, className: "caption") }
        let total = blocks.cursor + margin

        var document = DOTDocument(name: legend.title, isDirected: false)
        document.graphAttributes = [
            "layout": "nop", "splines": "line", "outputorder": "edgesfirst", "pad": 0, "overlap": "true",
            "bb": .string("0,0,\(DOTEscaping.formatNumber(width)),\(DOTEscaping.formatNumber(total))"),
            "fontname": .string(Theme.fontFamily), "fontsize": .number(page.fontSize),
        ]
        document.nodeDefaults = ["fontname": .string(Theme.fontFamily), "fontsize": .number(page.fontSize), "style": "filled",
                                 "color": .string(Theme.outline), "penwidth": .number(0.5), "label": "", "fixedsize": true]
        for (index, cell) in cells.enumerated() {
            let left = margin + Double(index % columns) * cellWidth
            let top = margin + Double(index / columns) * cellHeight
            blocks.elements.append(.text(id: "cell-\(index + 1)-heading", left: left + 4, top: top, width: cellWidth - 8,
                                         text: TextMetrics.truncate(cell.heading, toWidth: cellWidth - 8, fontSize: page.fontSize * 1.07),
                                         size: page.fontSize, color: Theme.text, bold: true, className: "heading"))
            let originX = left + (cellWidth - frame.width * scale) / 2
            let originTop = top + headingHeight + 4
            let prefix = cellPrefix(index + 1)
            let idPrefix = "cell-\(index + 1)-"
            for node in cell.drawing.nodes {
                guard let p = positions[node.key] else { continue }
                let style = cell.drawing.kindStyles[node.kind] ?? Theme.KindStyle(shape: "ellipse", fillColor: "#FFFFFF")
                let x = originX + (p.x - frame.minX) * scale
                let y = total - (originTop + (frame.maxY - p.y) * scale)
                var attributes: DOTAttributes = [
                    "id": .string(idPrefix + node.svgID), "class": .string("kind-" + PartnerDOTStyle.className(node.kind) + (node.isFocal ? " focal" : "")),
                    "shape": .string(style.shape), "fillcolor": .string(style.fillColor),
                    "width": .number(marker * (node.isFocal ? 1.6 : 1) / 72), "height": .number(marker * (node.isFocal ? 1.6 : 1) / 72),
                    "pos": .string(pos(x, y)),
                ]
                if node.memberCount > 1 { attributes["style"] = "filled,dashed" }
                if node.isFocal { attributes["color"] = "#000000"; attributes["penwidth"] = 1.2 }
                document.nodes.append(DOTNode(id: prefix + node.name, attributes: attributes))
            }
            for edge in cell.drawing.edges {
                var attributes: DOTAttributes = [
                    "id": .string(idPrefix + edge.svgID), "class": .string(edge.classes), "color": .string(edge.color),
                    "style": .string(edge.style), "penwidth": .number(max(0.5, edge.penWidth * 0.5)),
                    "dir": edge.isDirected ? "forward" : "none",
                ]
                if edge.isDirected { attributes["arrowsize"] = .number(0.4) }
                document.edges.append(DOTEdge(from: prefix + edge.from, to: prefix + edge.to, attributes: attributes))
            }
        }
        blocks.emit(into: &document, height: total)
        return (document, width, total)
    }

    /// Accessible titles of every cell's elements, by SVG id.
    public static func smallMultiplesTitles(cells: [(heading: String, drawing: NetworkDrawing)]) -> [String: String] {
        var titles: [String: String] = [:]
        for (index, cell) in cells.enumerated() {
            for (id, title) in cell.drawing.elementTitles { titles["cell-\(index + 1)-" + id] = "\(cell.heading): \(title)" }
        }
        return titles
    }
}
