import FigureStyle

/// Text and legend blocks stacked from the top of a figure — header, legend,
/// key, caption — and written into a pinned DOT document as nodes with fixed
/// positions, so that Graphviz draws them in the same coordinate system as
/// the network (points) and each legend swatch is a real node or line.
///
/// Positions are planned with ``TextMetrics`` (Arial widths); every text is
/// at least the page's font size.
struct FigureBlocks {
    enum Sample: Hashable {
        case shape(String, fill: String, dashed: Bool, double: Bool)
        case line(color: String, style: String, width: Double)
        case none
    }

    struct LegendItem: Hashable {
        var sample: Sample
        var text: String
        var id: String
    }

    /// One thing to draw, `top` measured from the top of the canvas.
    enum Element {
        case text(id: String, left: Double, top: Double, width: Double, text: String, size: Double, color: String, bold: Bool, className: String)
        case swatch(id: String, left: Double, top: Double, sample: Sample)
    }

    let width: Double
    let fontSize: Double
    let margin: Double
    /// The next free line, from the top.
    var cursor: Double
    var elements: [Element] = []

    static let swatchWidth = 22.0
    static let swatchHeight = 13.0

    init(width: Double, fontSize: Double, margin: Double) {
        self.width = width
        self.fontSize = fontSize
        self.margin = margin
        cursor = margin
    }

    var lineHeight: Double { fontSize * 1.35 }
    var usableWidth: Double { width - 2 * margin }

    mutating func addHeader(_ header: FigureHeader) {
        let titleSize = fontSize * 1.4
        for line in TextMetrics.wrap(header.title, toWidth: usableWidth, fontSize: titleSize * 1.07, maxLines: 3) {
            elements.append(.text(id: "header-title", left: margin, top: cursor, width: usableWidth, text: line,
                                  size: titleSize, color: Theme.text, bold: true, className: "header title"))
            cursor += titleSize * 1.35
        }
        if let subtitle = header.subtitle {
            addParagraph(subtitle, color: Theme.mutedText, className: "header subtitle")
        }
        if !header.figures.isEmpty {
            cursor += fontSize * 0.4
            let columns = header.figures.count
            let columnWidth = usableWidth / Double(columns)
            let valueSize = fontSize * 1.6
            var deepest = cursor
            for (index, figure) in header.figures.enumerated() {
                let left = margin + Double(index) * columnWidth
                var top = cursor
                elements.append(.text(id: "header-figure-\(index + 1)", left: left, top: top, width: columnWidth - 6,
                                      text: TextMetrics.truncate(figure.value, toWidth: columnWidth - 8, fontSize: valueSize * 1.07),
                                      size: valueSize, color: Theme.text, bold: true, className: "header figure"))
                top += valueSize * 1.35
                for line in TextMetrics.wrap(figure.label, toWidth: columnWidth - 8, fontSize: fontSize, maxLines: 2) {
                    elements.append(.text(id: "header-figure-\(index + 1)-label", left: left, top: top, width: columnWidth - 6,
                                          text: line, size: fontSize, color: Theme.mutedText, bold: false, className: "header figure-label"))
                    top += lineHeight
                }
                deepest = max(deepest, top)
            }
            cursor = deepest
        }
        cursor += fontSize * 0.8
    }

    mutating func addParagraph(_ text: String, color: String, className: String) {
        for line in TextMetrics.wrap(text, toWidth: usableWidth * 0.96, fontSize: fontSize) {
            elements.append(.text(id: className.replacingSpaces + "-text", left: margin, top: cursor, width: usableWidth,
                                  text: line, size: fontSize, color: color, bold: false, className: className))
            cursor += lineHeight
        }
    }

    mutating func addHeading(_ text: String, id: String) {
        elements.append(.text(id: id, left: margin, top: cursor, width: usableWidth, text: text, size: fontSize,
                              color: Theme.text, bold: true, className: "heading"))
        cursor += lineHeight
    }

    /// Items in as many equal columns as fit, read row by row.
    mutating func addLegend(_ items: [LegendItem]) {
        guard !items.isEmpty else { return }
        addHeading("Legend", id: "legend-heading")
        let gap = 5.0, columnGap = 10.0
        let widest = items.map { TextMetrics.width(of: $0.text, fontSize: fontSize) }.max() ?? 0
        let itemWidth = Self.swatchWidth + gap + widest + columnGap
        let columns = max(1, min(items.count, Int(usableWidth / itemWidth)))
        let columnWidth = usableWidth / Double(columns)
        let textWidth = columnWidth - Self.swatchWidth - gap - 4
        let rowHeight = max(lineHeight, Self.swatchHeight + 3)
        for (index, item) in items.enumerated() {
            let left = margin + Double(index % columns) * columnWidth
            let top = cursor + Double(index / columns) * rowHeight
            if item.sample != .none {
                elements.append(.swatch(id: item.id, left: left, top: top + (rowHeight - Self.swatchHeight) / 2, sample: item.sample))
            }
            elements.append(.text(id: item.id + "-text", left: left + Self.swatchWidth + gap, top: top + (rowHeight - lineHeight) / 2,
                                  width: textWidth, text: TextMetrics.truncate(item.text, toWidth: textWidth, fontSize: fontSize),
                                  size: fontSize, color: Theme.text, bold: false, className: "legend"))
        }
        cursor += Double((items.count + columns - 1) / columns) * rowHeight + fontSize * 0.6
    }

    /// Numbered entries in columns, read down each column.
    mutating func addKey(_ entries: [(number: Int, text: String)]) {
        guard !entries.isEmpty else { return }
        addHeading("Key to the numbered partners", id: "key-heading")
        let numberWidth = TextMetrics.width(of: "\(entries.map(\.number).max() ?? 0)", fontSize: fontSize) + 4
        let widest = entries.map { TextMetrics.width(of: $0.text, fontSize: fontSize) }.max() ?? 0
        let wanted = min(numberWidth + widest + 12, usableWidth)
        let minimumColumn = min(usableWidth, fontSize * 16)
        let columns = max(1, min(4, Int(usableWidth / max(wanted, minimumColumn))))
        let columnWidth = usableWidth / Double(columns)
        let rows = (entries.count + columns - 1) / columns
        for (index, entry) in entries.enumerated() {
            let column = index / rows, row = index % rows
            let left = margin + Double(column) * columnWidth
            let top = cursor + Double(row) * lineHeight
            elements.append(.text(id: "key-\(entry.number)-number", left: left, top: top, width: numberWidth,
                                  text: "\(entry.number)", size: fontSize, color: Theme.text, bold: true, className: "key"))
            let textWidth = columnWidth - numberWidth - 8
            elements.append(.text(id: "key-\(entry.number)", left: left + numberWidth + 4, top: top, width: textWidth,
                                  text: TextMetrics.truncate(entry.text, toWidth: textWidth, fontSize: fontSize),
                                  size: fontSize, color: Theme.text, bold: false, className: "key"))
        }
        cursor += Double(rows) * lineHeight + fontSize * 0.6
    }

    /// Writes every element as pinned nodes (and legend line samples as
    /// edges between invisible points) into `document`, whose canvas is
    /// `height` points tall.
    func emit(into document: inout DOTDocument, height: Double) {
        var counter = 0
        func name() -> String {
            counter += 1
            return "b\(counter)"
        }
        func y(_ top: Double) -> Double { height - top }
        // Two invisible points at opposite corners: Graphviz computes the
        // drawing's box from what it draws (the `bb` given is not kept), so
        // they make the SVG's viewBox exactly the planned canvas.
        for (corner, x, yy) in [("canvas-origin", 0.0, 0.0), ("canvas-corner", width, height)] {
            document.nodes.append(DOTNode(id: corner, attributes: [
                "shape": "point", "style": "invis", "width": 0, "height": 0, "label": "", "fixedsize": true,
                "class": "anchor", "pos": .string(NetworkDrawing.pos(x, yy)),
            ]))
        }
        for element in elements {
            switch element {
            case let .text(id, left, top, width, text, size, color, bold, className):
                // Lines are 1.35 em apart and text nodes 1.1 em tall, so no two touch.
                let lineBox = size * 1.35, rowHeight = size * 1.1
                var attributes: DOTAttributes = [
                    "id": .string(id + "-\(counter + 1)"), "class": .string(className), "shape": "plaintext", "style": "solid",
                    "fixedsize": true, "width": .number(width / 72), "height": .number(rowHeight / 72), "margin": 0,
                    "fontsize": .number(size), "fontcolor": .string(color),
                    "pos": .string(NetworkDrawing.pos(left + width / 2, y(top + lineBox / 2))),
                ]
                if bold {
                    attributes["fontname"] = .string(Theme.fontFamily + " Bold")
                }
                attributes["label"] = .leftAlignedText(text)
                document.nodes.append(DOTNode(id: name(), attributes: attributes))
            case let .swatch(id, left, top, sample):
                let centre = y(top + Self.swatchHeight / 2)
                switch sample {
                case let .shape(shape, fill, dashed, double):
                    // Graphviz draws the extra outlines of double and triple shapes 4 pt outside the node's
                    // size, so the inner shape is smaller for the whole swatch to keep to its box.
                    let rings = shape.hasPrefix("triple") ? 2.0 : shape.hasPrefix("double") ? 1.0 : 0.0
                    let inner = (width: Self.swatchWidth - 8 * rings, height: max(Self.swatchHeight - 4 * rings, 5))
                    var attributes: DOTAttributes = [
                        "id": .string(id), "class": "legend swatch", "shape": .string(shape), "label": "",
                        "style": .string(dashed ? "filled,dashed" : "filled"), "fillcolor": .string(fill),
                        "color": .string(double ? "#000000" : Theme.outline), "fixedsize": true,
                        "width": .number(inner.width / 72), "height": .number(inner.height / 72),
                        "pos": .string(NetworkDrawing.pos(left + Self.swatchWidth / 2, centre)),
                    ]
                    if double { attributes["penwidth"] = 3 }
                    document.nodes.append(DOTNode(id: name(), attributes: attributes))
                case let .line(color, style, width):
                    let a = name(), b = name()
                    for (node, x) in [(a, left + 1), (b, left + Self.swatchWidth - 1)] {
                        document.nodes.append(DOTNode(id: node, attributes: [
                            "shape": "point", "style": "invis", "width": .number(0.01), "height": .number(0.01), "label": "",
                            "class": "legend anchor", "pos": .string(NetworkDrawing.pos(x, centre)),
                        ]))
                    }
                    // A straight route of its own, kept by nop2.
                    let x0 = left + 1, x1 = left + Self.swatchWidth - 1, third = (x1 - x0) / 3
                    let route = [x0, x0 + third, x1 - third, x1].map { "\(DOTEscaping.formatNumber($0)),\(DOTEscaping.formatNumber(centre))" }
                    document.edges.append(DOTEdge(from: a, to: b, attributes: [
                        "id": .string(id), "class": "legend swatch", "color": .string(color), "style": .string(style),
                        "penwidth": .number(width), "dir": "none", "pos": .string(route.joined(separator: " ")),
                    ]))
                case .none:
                    break
                }
            }
        }
    }
}

private extension String {
    var replacingSpaces: String { String(map { $0 == " " ? "-" : $0 }) }
}
