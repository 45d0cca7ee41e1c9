import FigureStyle
import PartnerGraph

/// How partners and ties look: the mapping from the model to DOT attributes.
///
/// - Kinds and tie types styled by the one theme (``Theme``), as in every
///   other figure: kinds by fill colour **and** shape (colour-blind-safe
///   palette; no two kinds share both), text colour chosen for contrast; tie
///   types by colour **and** a line style that reads by strength (solid,
///   dashed, dotted by the type's weight). No end markers on undirected ties.
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

    // MARK: Styles: the one theme (FigureStyle's ``Theme``)

    /// Colours this style uses besides the theme's kind and tie styles.
    enum Palette {
        static let black = "#000000", white = "#FFFFFF"
        static let lapsed = Theme.lapsed, vermillion = Theme.suggested
    }

    /// Shape and fill of one partner kind: the theme's.
    public typealias KindStyle = Theme.KindStyle

    /// Line style and colour of one tie type: the theme's.
    public typealias TieStyle = Theme.TieStyle

    /// The theme's style of every kind in `kinds` (the same in every figure).
    public static func kindStyles(for kinds: Set<String>) -> [String: KindStyle] {
        Theme.kindStyles(for: kinds)
    }

    /// The theme's style of every tie type of `network`: its declared and
    /// built-in types with their weights (line style by strength), and types
    /// used by ties but not declared at weight 1, as ``NetworkDrawing`` does.
    static func tieStyles(for network: PartnerNetwork) -> [String: TieStyle] {
        let typeWeights = network.settings.effectiveTypes.map { (name: $0.name, weight: $0.weight) }
        let known = Set(typeWeights.map(\.name))
        let extra = Set(network.ties.map(\.type)).subtracting(known).sorted().map { (name: $0, weight: 1.0) }
        return Theme.tieStyles(for: typeWeights + extra)
    }

    /// `#000000` or `#FFFFFF`, by the fill's WCAG relative luminance.
    static func contrastingTextColor(on hex: String) -> String {
        Theme.contrastingTextColor(on: hex)
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
