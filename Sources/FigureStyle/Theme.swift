/// The one visual vocabulary of every figure: partner kinds by fill colour
/// **and** shape, tie types by colour **and** line style, the same in every
/// file and every figure (network, legend, timeline, report).
///
/// ## Palette
/// Fourteen fills, chosen so that every pair stays apart under simulated
/// deuteranopia, protanopia and tritanopia (CAM02-UCS distance ≥ 8, checked
/// by `Tests/RenderingTests/palette_check.py` with `colorspacious`): the seven
/// Okabe–Ito colours (Okabe & Ito 2008), wine, indigo and pale grey from Paul
/// Tol's muted scheme, brown, light pink, dark grey (#777777) and white. Each built-in
/// kind owns one fill and one shape (``builtInKinds``). Other kinds take, in
/// name order, the first fill no kind in the same figure uses and a shape of
/// their own; beyond fourteen kinds in one figure, fills repeat (the
/// documented fallback) but no two kinds share both fill and shape.
///
/// ## Tie types
/// Built-in types keep their colour (agreement blue, liaison bluish green,
/// joint activity orange); declared types take the next tie colours in name
/// order. The line style reads by strength, from the type's weight: weight
/// 3 or more solid, 2 or more dashed, less dotted — so with the default
/// weights agreements are solid, joint activities dashed, liaisons dotted,
/// and a line's width grows with the pair's weight.
public enum Theme {
    /// The fill palette in order (hex sRGB).
    public static let palette: [String] = [
        "#56B4E9", "#0072B2", "#E69F00", "#D55E00", "#CC79A7", "#882255", "#F0E442",
        "#332288", "#009E73", "#8C510A", "#FFAABB", "#DDDDDD", "#777777", "#FFFFFF",
    ]

    /// Border of every node and swatch.
    public static let outline = "#333333"
    /// Lapsed ties.
    public static let lapsed = "#9E9E9E"
    /// Suggested introductions (Okabe–Ito vermillion).
    public static let suggested = "#D55E00"
    public static let text = "#1A1A1A"
    public static let mutedText = "#555555"
    /// The font every figure uses; Graphviz measures Arial with Liberation
    /// Sans, which has the same metrics.
    public static let fontFamily = "Arial"
    /// CSS font stack for our own SVG charts.
    public static let cssFontFamily = "Arial,'Liberation Sans',Helvetica,sans-serif"

    /// Fill and shape (a Graphviz shape name) of one partner kind.
    public struct KindStyle: Sendable, Hashable {
        public var shape: String
        public var fillColor: String

        public init(shape: String, fillColor: String) {
            self.shape = shape
            self.fillColor = fillColor
        }

        /// Black or white, whichever contrasts more with `fillColor` (WCAG).
        public var textColor: String { Theme.contrastingTextColor(on: fillColor) }
    }

    /// The built-in kinds (DESIGN.md), each with its own fill and shape.
    /// `specialized-agency` is a synonym of `un-specialized-agency`.
    public static let builtInKinds: [(kind: String, style: KindStyle)] = [
        ("member-state", KindStyle(shape: "box", fillColor: "#56B4E9")),
        ("national-commission", KindStyle(shape: "house", fillColor: "#0072B2")),
        ("un-office", KindStyle(shape: "octagon", fillColor: "#E69F00")),
        ("un-specialized-agency", KindStyle(shape: "doubleoctagon", fillColor: "#D55E00")),
        ("specialized-agency", KindStyle(shape: "doubleoctagon", fillColor: "#D55E00")),
        ("un-charter-body", KindStyle(shape: "hexagon", fillColor: "#CC79A7")),
        ("un-treaty-body", KindStyle(shape: "pentagon", fillColor: "#882255")),
        ("un-system-entity", KindStyle(shape: "septagon", fillColor: "#F0E442")),
        ("intergovernmental-organization", KindStyle(shape: "parallelogram", fillColor: "#332288")),
        ("research-institute", KindStyle(shape: "cylinder", fillColor: "#009E73")),
        ("academia", KindStyle(shape: "folder", fillColor: "#8C510A")),
        ("unesco-chair", KindStyle(shape: "note", fillColor: "#FFAABB")),
        ("ngo", KindStyle(shape: "ellipse", fillColor: "#DDDDDD")),
        ("civil-society", KindStyle(shape: "trapezium", fillColor: "#777777")),
        ("un-agency", KindStyle(shape: "tripleoctagon", fillColor: "#FFFFFF")),
    ]

    static let builtInKindTable: [String: KindStyle] = Dictionary(uniqueKeysWithValues: builtInKinds.map { ($0.kind, $0.style) })

    /// Shapes for kinds that are not built in, in the order they are given out.
    static let otherShapes = ["box3d", "component", "tab", "invtrapezium", "invhouse", "Msquare", "egg",
                              "diamond", "invtriangle", "triangle", "star", "Mdiamond", "square", "circle"]

    /// The style of every kind in `kinds`: built-in kinds their own; the
    /// others, in name order, the first fill not used by another kind here
    /// (then, past the palette, fills again) with an unused shape.
    /// - Complexity: O(k · (p + s)) for k kinds, p fills and s shapes.
    public static func kindStyles(for kinds: Set<String>) -> [String: KindStyle] {
        var result: [String: KindStyle] = [:]
        var usedFills = Set<String>()
        var used = Set<KindStyle>()
        for kind in kinds {
            if let style = builtInKindTable[kind] {
                result[kind] = style
                usedFills.insert(style.fillColor)
                used.insert(style)
            }
        }
        var round = 0
        for kind in kinds.sorted() where result[kind] == nil {
            var fill = palette.first { !usedFills.contains($0) }
            if fill == nil {
                // Every fill is taken: the fallback repeats fills in palette order.
                fill = palette[round % palette.count]
                round += 1
            }
            let shape = otherShapes.first { !used.contains(KindStyle(shape: $0, fillColor: fill!)) && !used.map(\.shape).contains($0) }
                ?? otherShapes.first { !used.contains(KindStyle(shape: $0, fillColor: fill!)) } ?? "ellipse"
            let style = KindStyle(shape: shape, fillColor: fill!)
            usedFills.insert(fill!)
            used.insert(style)
            result[kind] = style
        }
        return result
    }

    /// Colour, line style and width factor of one tie type.
    public struct TieStyle: Sendable, Hashable {
        /// Graphviz/SVG line style: `solid`, `dashed` or `dotted`.
        public var style: String
        public var color: String

        public init(style: String, color: String) {
            self.style = style
            self.color = color
        }

        /// SVG `stroke-dasharray` for `style` at pen width `width`; nil for solid.
        public func dashArray(width: Double) -> String? {
            switch style {
            case "dashed": return "\(format(4 * max(width, 1))),\(format(2 * max(width, 1)))"
            case "dotted": return "\(format(max(width, 1))),\(format(2 * max(width, 1)))"
            default: return nil
            }
        }

        private func format(_ x: Double) -> String { PageLength.shortNumber(x, digits: 2) }
    }

    static let builtInTieColors = ["agreement": "#0072B2", "liaison": "#009E73", "joint-activity": "#E69F00"]
    /// Colours for declared tie types, in the order they are given out.
    static let otherTieColors = ["#CC79A7", "#56B4E9", "#882255", "#8C510A", "#332288", "#000000", "#F0E442"]

    /// The line style for a type of this weight: stronger is more solid.
    public static func lineStyle(forWeight weight: Double) -> String {
        weight >= 3 ? "solid" : (weight >= 2 ? "dashed" : "dotted")
    }

    /// Styles for tie types given with their weights: built-in colours
    /// fixed, declared types the next colours in name order (distinct for
    /// up to ten types in all, then repeating), line style by weight.
    public static func tieStyles(for types: [(name: String, weight: Double)]) -> [String: TieStyle] {
        var result: [String: TieStyle] = [:]
        var index = 0
        for type in types.sorted(by: { $0.name < $1.name }) where result[type.name] == nil {
            let color: String
            if let builtIn = builtInTieColors[type.name] {
                color = builtIn
            } else {
                color = otherTieColors[index % otherTieColors.count]
                index += 1
            }
            result[type.name] = TieStyle(style: lineStyle(forWeight: type.weight), color: color)
        }
        return result
    }

    /// Pen width (points) for a pair weight, on a fixed scale so figures of
    /// different dates compare: 1 at weight 1, +0.4 per unit, at most 5.
    public static func penWidth(forPairWeight weight: Double) -> Double {
        min(5, max(1, 0.6 + 0.4 * weight))
    }

    /// `#000000` or `#FFFFFF`, by the fill's WCAG relative luminance.
    public static func contrastingTextColor(on hex: String) -> String {
        let digits = Array(hex.dropFirst())
        guard digits.count == 6, let value = Int(String(digits), radix: 16) else { return "#000000" }
        func channel(_ shift: Int) -> Double {
            let c = Double((value >> shift) & 0xFF) / 255
            return c <= 0.03928 ? c / 12.92 : power((c + 0.055) / 1.055, 2.4)
        }
        let luminance = 0.2126 * channel(16) + 0.7152 * channel(8) + 0.0722 * channel(0)
        return (luminance + 0.05) / 0.05 >= 1.05 / (luminance + 0.05) ? "#000000" : "#FFFFFF"
    }

    /// `member-state` → `member state`.
    public static func kindLabel(_ kind: String) -> String {
        String(kind.map { $0 == "-" ? " " : $0 })
    }

    /// x^y for positive x (exp/log, so no C library is needed here).
    static func power(_ x: Double, _ y: Double) -> Double {
        guard x > 0 else { return 0 }
        return exp(y * log(x))
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
