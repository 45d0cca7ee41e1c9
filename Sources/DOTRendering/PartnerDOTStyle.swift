import PartnerGraph

/// How partners and ties look: the mapping from the model to DOT attributes.
///
/// - Kinds: fill colour **and** shape (Okabe–Ito colour-blind-safe palette;
///   no two kinds share both), text colour chosen for contrast.
/// - Tie types: line style **and** colour — agreement solid blue, liaison
///   dashed green, joint activity dotted orange; declared extra types get
///   further style/colour pairs and end markers.
/// - Width by pair weight (sum of current type weights, DESIGN.md), node size
///   by a measure, focal partner with a double black border, lapsed ties grey,
///   suggested links dashed vermillion, optional clusters by kind, names
///   wrapped, and a legend inside the figure listing only what is drawn.
///
/// ```swift
/// let styled = PartnerDOTStyle().makeDocument(for: PartnerFigure(network: network, asOf: day))
/// let dot = styled.document.write()
/// ```
public struct PartnerDOTStyle: Sendable, Hashable {
    /// The font for every label; Arial is measured with Liberation Sans.
    public var fontName: String
    public var fontSize: Double
    /// Group partners into one cluster per kind (`--cluster-by kind`; dot and fdp).
    public var clustersByKind: Bool
    /// Wrap names longer than this many characters at spaces.
    public var wrapWidth: Int
    public var showsLegend: Bool
    /// Node width in inches for the smallest and largest measure value.
    public var nodeWidthRange: ClosedRange<Double>

    public init(
        fontName: String = "Arial", fontSize: Double = 11, clustersByKind: Bool = false, wrapWidth: Int = 20,
        showsLegend: Bool = true, nodeWidthRange: ClosedRange<Double> = 0.9...2.2
    ) {
        precondition(wrapWidth > 0, "wrapWidth must be positive")
        self.fontName = fontName
        self.fontSize = fontSize
        self.clustersByKind = clustersByKind
        self.wrapWidth = wrapWidth
        self.showsLegend = showsLegend
        self.nodeWidthRange = nodeWidthRange
    }

    // MARK: Palettes

    /// Okabe & Ito (2008), "Color Universal Design".
    enum Palette {
        static let orange = "#E69F00", skyBlue = "#56B4E9", green = "#009E73", yellow = "#F0E442"
        static let blue = "#0072B2", vermillion = "#D55E00", purple = "#CC79A7", black = "#000000"
        static let lightGrey = "#DDDDDD", white = "#FFFFFF", lapsed = "#9E9E9E"
    }

    /// Shape and fill of one partner kind.
    public struct KindStyle: Sendable, Hashable {
        public var shape: String
        public var fillColor: String

        public init(shape: String, fillColor: String) {
            self.shape = shape
            self.fillColor = fillColor
        }

        /// Black or white, whichever reads better on `fillColor`.
        public var fontColor: String { PartnerDOTStyle.contrastingTextColor(on: fillColor) }
    }

    /// Line style and colour of one tie type.
    public struct TieStyle: Sendable, Hashable {
        public var style: String
        public var color: String
        /// End marker for declared extra types (`dot`, `odot`…); nil for built-ins.
        public var marker: String?

        public init(style: String, color: String, marker: String?) {
            self.style = style
            self.color = color
            self.marker = marker
        }
    }

    static let knownKinds: [String: KindStyle] = [
        "member-state": KindStyle(shape: "box", fillColor: Palette.skyBlue),
        "national-commission": KindStyle(shape: "house", fillColor: Palette.blue),
        "un-office": KindStyle(shape: "octagon", fillColor: Palette.orange),
        "un-specialized-agency": KindStyle(shape: "doubleoctagon", fillColor: Palette.orange),
        "specialized-agency": KindStyle(shape: "doubleoctagon", fillColor: Palette.orange),
        "un-charter-body": KindStyle(shape: "hexagon", fillColor: Palette.purple),
        "un-treaty-body": KindStyle(shape: "pentagon", fillColor: Palette.purple),
        "un-system-entity": KindStyle(shape: "octagon", fillColor: Palette.yellow),
        "un-agency": KindStyle(shape: "octagon", fillColor: Palette.skyBlue),
        "intergovernmental-organization": KindStyle(shape: "parallelogram", fillColor: Palette.skyBlue),
        "research-institute": KindStyle(shape: "cylinder", fillColor: Palette.green),
        "academia": KindStyle(shape: "folder", fillColor: Palette.green),
        "unesco-chair": KindStyle(shape: "note", fillColor: Palette.yellow),
        "ngo": KindStyle(shape: "ellipse", fillColor: Palette.lightGrey),
        "civil-society": KindStyle(shape: "trapezium", fillColor: Palette.lightGrey),
    ]

    static let fallbackShapes = ["tab", "component", "box3d", "invtrapezium", "invhouse", "septagon", "Msquare", "egg"]
    static let fallbackColors = [Palette.white, Palette.skyBlue, Palette.orange, Palette.green, Palette.yellow, Palette.purple, Palette.lightGrey]

    /// Styles for every kind in `kinds`: fixed ones for known kinds, then
    /// unused shape/colour pairs for the others in name order.
    public static func kindStyles(for kinds: Set<String>) -> [String: KindStyle] {
        var result: [String: KindStyle] = [:]
        var used = Set(knownKinds.values)
        // Every shape × colour pair once, ordered so that consecutive kinds
        // differ in both shape and colour.
        let candidates = stride(from: 0, to: fallbackColors.count * fallbackShapes.count, by: 1).map { step in
            let shape = step % fallbackShapes.count
            let color = (step + step / fallbackShapes.count) % fallbackColors.count
            return KindStyle(shape: fallbackShapes[shape], fillColor: fallbackColors[color])
        }
        var next = 0
        for kind in kinds.sorted() {
            if let known = knownKinds[kind] {
                result[kind] = known
                continue
            }
            while next < candidates.count, used.contains(candidates[next]) { next += 1 }
            let style = next < candidates.count ? candidates[next] : KindStyle(shape: "ellipse", fillColor: Palette.white)
            used.insert(style)
            next += 1
            result[kind] = style
        }
        return result
    }

    static let builtInTies: [String: TieStyle] = [
        "agreement": TieStyle(style: "solid", color: Palette.blue, marker: nil),
        "liaison": TieStyle(style: "dashed", color: Palette.green, marker: nil),
        "joint-activity": TieStyle(style: "dotted", color: Palette.orange, marker: nil),
    ]

    /// Styles for every tie type in `types`: built-ins fixed, others (by name)
    /// cycling through style × colour × end marker.
    public static func tieStyles(for types: Set<String>) -> [String: TieStyle] {
        let styles = ["solid", "dashed", "dotted"]
        let colors = [Palette.purple, Palette.skyBlue, Palette.black]
        let markers = ["dot", "odot", "diamond", "box"]
        var result: [String: TieStyle] = [:]
        var index = 0
        for type in types.sorted() {
            if let builtIn = builtInTies[type] {
                result[type] = builtIn
                continue
            }
            result[type] = TieStyle(
                style: styles[index % 3], color: colors[(index / 3) % 3], marker: markers[(index / 9) % markers.count])
            index += 1
        }
        return result
    }

    /// `#000000` or `#FFFFFF`, by the fill's WCAG relative luminance.
    static func contrastingTextColor(on hex: String) -> String {
        let digits = Array(hex.dropFirst())
        guard digits.count == 6, let value = Int(String(digits), radix: 16) else { return Palette.black }
        func channel(_ shift: Int) -> Double {
            let c = Double((value >> shift) & 0xFF) / 255
            return c <= 0.03928 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
        }
        let luminance = 0.2126 * channel(16) + 0.7152 * channel(8) + 0.0722 * channel(0)
        // Contrast with black (L + 0.05) / 0.05 vs with white 1.05 / (L + 0.05).
        return (luminance + 0.05) / 0.05 >= 1.05 / (luminance + 0.05) ? Palette.black : Palette.white
    }

    /// Splits `text` into lines of at most `width` characters at spaces
    /// (longer words stay whole).
    static func wrap(_ text: String, width: Int) -> String {
        // In ASCII text without carriage returns (CR LF is one character) every character
        // is one byte: split and measure bytes, without grapheme breaking.
        guard text.utf8.allSatisfy({ $0 < 0x80 && $0 != 0x0D }) else { return wrapCharacters(text, width: width) }
        var lines: [String] = []
        var current = ""
        var currentLength = 0
        for bytes in text.utf8.split(separator: UInt8(ascii: " ")) {
            let word = Substring(bytes)
            let length = bytes.count
            if current.isEmpty {
                current = String(word)
                currentLength = length
            } else if currentLength + 1 + length <= width {
                current += " "
                current.append(contentsOf: word)
                currentLength += 1 + length
            } else {
                lines.append(current)
                current = String(word)
                currentLength = length
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines.joined(separator: "\n")
    }

    /// ``wrap(_:width:)`` for any text, counting characters.
    static func wrapCharacters(_ text: String, width: Int) -> String {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            if current.isEmpty {
                current = String(word)
            } else if current.count + 1 + word.count <= width {
                current += " " + word
            } else {
                lines.append(current)
                current = String(word)
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines.joined(separator: "\n")
    }

    /// A CSS-safe, injective rendering of an id: ASCII letters, digits and `-`
    /// kept, everything else as `_XXXX` (its code point in hex).
    static func slug(_ text: String) -> String {
        if text.utf8.allSatisfy(isSlugByte) { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            if ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "-" {
                result.unicodeScalars.append(scalar)
            } else {
                result += "_" + String(scalar.value, radix: 16, uppercase: true)
            }
        }
        return result
    }

    /// Whether a byte is an ASCII letter, digit or `-`, which ``slug(_:)`` keeps as they are.
    private static func isSlugByte(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "-")
    }

    /// A class name: lower-case ASCII letters, digits and `-`; others become `-`.
    static func className(_ text: String) -> String {
        if text.utf8.allSatisfy({ isSlugByte($0) && !(UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) }) { return text }
        return String(String.UnicodeScalarView(text.lowercased().unicodeScalars.map { scalar in
            (("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "-") ? scalar : "-"
        }))
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
