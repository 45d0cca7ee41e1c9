/// An attribute value in a ``DOTDocument``, with the quoting rule its use needs.
///
/// Graphviz reads the same quoted string differently depending on the
/// attribute: labels interpret `\n`, `\l`, `\r` and `\\`; tooltips, ids and
/// other "escString" attributes replace `\N`, `\G`, `\E`, `\H`, `\T`, `\L`
/// with object names; URLs are copied into SVG without XML escaping. Each case
/// here writes its text so that it comes back unchanged.
public enum DOTValue: Sendable, Hashable {
    /// Display text for `label`, `xlabel`, `headlabel`, `taillabel`: `\` and
    /// `"` escaped, `&` written as `&amp;`, line breaks as `\n`, carriage
    /// returns and other control characters (except tab) dropped.
    case text(String)
    /// Display text whose every line is left-justified in its node (`\l`
    /// line ends), for key and legend entries; escaped like ``text(_:)``.
    case leftAlignedText(String)
    /// Any other string (tooltip, id, class, colour, font, shape, style):
    /// like ``text(_:)``, and a backslash before `N`, `G`, `E`, `H`, `T` or `L`
    /// is followed by U+2060 WORD JOINER so Graphviz does not substitute it.
    case string(String)
    /// A URL (`URL`, `href`): `&` as `&amp;` and `"`, `<`, `>`, `\`, spaces and
    /// control characters percent-encoded, because Graphviz writes URLs into
    /// SVG unescaped.
    case url(String)
    /// A number, written with at most four decimals, no trailing zeros, no `-0`.
    case number(Double)
    /// An integer.
    case integer(Int)
    /// `true` or `false`.
    case bool(Bool)
    /// An HTML-like label (`<...>`); build its markup with ``DOTHTML``.
    case html(DOTHTML)
    /// An escString written as given inside quotes (only `"` escaped), for
    /// Graphviz's own escapes such as `\N` or `\G`.
    case escapeSequence(String)
}

extension DOTValue: ExpressibleByStringLiteral, ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
    public init(floatLiteral value: Double) { self = .number(value) }
    public init(integerLiteral value: Int) { self = .integer(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
}

/// Markup for an HTML-like label. Build it from escaped text and tags:
///
/// ```swift
/// let label = DOTHTML("<B>") + DOTHTML(text: "Åbo & Turku") + DOTHTML("</B>")
/// ```
public struct DOTHTML: Sendable, Hashable, CustomStringConvertible {
    /// The markup, written between `<` and `>`.
    public var markup: String

    /// Wraps markup the caller has built (tags are not checked).
    public init(_ markup: String) {
        self.markup = markup
    }

    /// Escapes text for an HTML-like label: `&`, `<`, `>`, `"` as entities,
    /// `\` doubled, line breaks as `<BR/>`, tabs as spaces (Graphviz 2.43
    /// drops tabs from HTML-like labels, even written as `&#9;`), other
    /// control characters dropped.
    public init(text: String) {
        markup = DOTEscaping.isPlain(text) ? text : DOTEscaping.htmlEscapedByScalars(text)
    }

    public static func + (lhs: DOTHTML, rhs: DOTHTML) -> DOTHTML {
        DOTHTML(lhs.markup + rhs.markup)
    }

    public var description: String { markup }
}

/// The quoting rules, in one place.
///
/// Each rule is written scalar by scalar (the `…ByScalars` functions); the
/// functions the writer calls first check ``DOTEscaping/isPlain(_:allowingLineFeeds:)``
/// and copy plain text as it is, which gives the same bytes far faster.
enum DOTEscaping {
    /// Letters Graphviz substitutes after a backslash in escStrings.
    static let substitutionLetters: Set<Unicode.Scalar> = ["N", "G", "E", "H", "T", "L"]

    /// Whether `text` comes out of ``quoteText(_:)``, ``quoteString(_:)``, ``quoteID(_:)`` and
    /// ``DOTHTML/init(text:)`` as it is (between the quotes): no control character (tab and
    /// line breaks included), line or paragraph separator, U+FFFE or U+FFFF, and none of
    /// `\ " & < >`. Most ids, classes, colours and names are; they skip the scalar-by-scalar
    /// rewriting, which is what writing a DOT document spends most of its time on otherwise.
    /// With `allowingLineFeeds`, line feeds (U+000A) count as plain too.
    static func isPlain(_ text: String, allowingLineFeeds: Bool = false) -> Bool {
        var isASCII = true
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\\"), UInt8(ascii: "\""), UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"):
                return false
            case 0x20...0x7E: continue
            case 0x0A where allowingLineFeeds: continue
            case 0x80...: isASCII = false
            default: return false  // C0 controls and DEL
            }
        }
        if isASCII { return true }
        return !text.unicodeScalars.contains { scalar in
            switch scalar.value {
            case 0x80...0x9F, 0x2028, 0x2029, 0xFFFE, 0xFFFF: return true
            default: return false
            }
        }
    }

    /// The scalars of `text` with CR LF and lone CR turned into LF, and C0/C1
    /// controls (except tab and LF), U+FFFE, U+FFFF and U+2028/U+2029 handled:
    /// the line and paragraph separators become LF, the rest are dropped.
    static func cleanedScalars(_ text: String) -> [Unicode.Scalar] {
        var result: [Unicode.Scalar] = []
        let scalars = Array(text.unicodeScalars)
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            index += 1
            switch scalar.value {
            case 0x0D:
                // CR LF → LF; a lone CR is a line break too.
                if index < scalars.count, scalars[index] == "\n" { continue }
                result.append("\n")
            case 0x09, 0x0A:
                result.append(scalar)
            case 0x2028, 0x2029:
                result.append("\n")
            case 0x00...0x1F, 0x7F...0x9F, 0xFFFE, 0xFFFF:
                continue
            default:
                result.append(scalar)
            }
        }
        return result
    }

    /// ``DOTHTML/init(text:)``, scalar by scalar.
    static func htmlEscapedByScalars(_ text: String) -> String {
        var result = ""
        for scalar in cleanedScalars(text) {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "\\": result += "\\\\"
            case "\t": result += " "
            case "\n": result += "<BR/>"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// Quotes display text for a label.
    static func quoteText(_ text: String) -> String {
        if isPlain(text) { return "\"" + text + "\"" }
        if isPlain(text, allowingLineFeeds: true) {
            // A wrapped name: only its line feeds to write, as `\n`.
            var result = "\""
            var lineStart = text.startIndex
            for index in text.utf8.indices where text.utf8[index] == UInt8(ascii: "\n") {
                result.append(contentsOf: text[lineStart..<index])
                result += "\\n"
                lineStart = text.utf8.index(after: index)
            }
            result.append(contentsOf: text[lineStart...])
            return result + "\""
        }
        return quoteTextByScalars(text)
    }

    /// ``quoteText(_:)``, scalar by scalar.
    static func quoteTextByScalars(_ text: String) -> String {
        var result = "\""
        for scalar in cleanedScalars(text) {
            switch scalar {
            case "\\": result += "\\\\"
            case "\"": result += "\\\""
            case "&": result += "&amp;"
            case "\n": result += "\\n"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }

    /// Quotes an identifier (graph, subgraph or node name). Graphviz's lexer
    /// keeps backslashes in names as written (only `\"` is an escape), so a
    /// backslash is written once, and followed by U+2060 where it would
    /// otherwise escape the next character (`\`, `"`, a line break or the
    /// closing quote).
    static func quoteID(_ text: String) -> String {
        isPlain(text) ? "\"" + text + "\"" : quoteIDByScalars(text)
    }

    /// ``quoteID(_:)``, scalar by scalar.
    static func quoteIDByScalars(_ text: String) -> String {
        var result = "\""
        let scalars = cleanedScalars(text).map { $0 == "\n" ? " " : $0 }
        for (index, scalar) in scalars.enumerated() {
            switch scalar {
            case "\\":
                result += "\\"
                let next = index + 1 < scalars.count ? scalars[index + 1] : nil
                if next == nil || next == "\\" || next == "\"" {
                    result += "\u{2060}"
                }
            case "\"": result += "\\\""
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }

    /// Quotes a string for a non-label attribute.
    static func quoteString(_ text: String) -> String {
        isPlain(text) ? "\"" + text + "\"" : quoteStringByScalars(text)
    }

    /// ``quoteString(_:)``, scalar by scalar.
    static func quoteStringByScalars(_ text: String) -> String {
        var result = "\""
        let scalars = cleanedScalars(text)
        for (index, scalar) in scalars.enumerated() {
            switch scalar {
            case "\\":
                result += "\\\\"
                if index + 1 < scalars.count, substitutionLetters.contains(scalars[index + 1]) {
                    result += "\u{2060}"
                }
            case "\"": result += "\\\""
            case "&": result += "&amp;"
            case "\n": result += "\\n"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }

    /// Quotes a URL: `&` as `&amp;`, unsafe ASCII percent-encoded.
    static func quoteURL(_ url: String) -> String {
        var result = "\""
        for scalar in url.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "\"", "<", ">", "\\", " ", "{", "}", "|", "^", "`":
                result += percentEncoded(scalar)
            default:
                if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
                    result += percentEncoded(scalar)
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }

    private static func percentEncoded(_ scalar: Unicode.Scalar) -> String {
        var result = ""
        for byte in String(scalar).utf8 {
            let hex = String(byte, radix: 16, uppercase: true)
            result += "%" + (hex.count == 1 ? "0" + hex : hex)
        }
        return result
    }

    /// Writes a number with at most four decimals, trailing zeros removed and
    /// `-0` written as `0`.
    /// Total: a number too large for four decimals (beyond 9e14) is written
    /// as its integer digits, and a non-finite one (which no reader lets
    /// through) as `0`, so no value from the data can stop the writer.
    static func formatNumber(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let scaled = (value * 10_000).rounded()
        if scaled == 0 { return "0" }
        let negative = scaled < 0
        let magnitude = abs(scaled)
        if magnitude >= 9e18 {
            // Doubles this large are integers; DOT numerals take no exponent.
            return (negative ? "-" : "") + integerDigits(abs(value))
        }
        let units = UInt64(magnitude)
        var body = String(units / 10_000)
        var fraction = units % 10_000
        if fraction != 0 {
            // Four decimals with leading zeros, trailing zeros dropped.
            var digits = 4
            while fraction % 10 == 0 { fraction /= 10; digits -= 1 }
            let text = String(fraction)
            body += "." + String(repeating: "0", count: digits - text.count) + text
        }
        return negative ? "-" + body : body
    }

    /// Graphviz's DOT lexer refuses a quoted string over 16,384 bytes
    /// ("longer than 16384?"). 3,000 scalars stay under it after any
    /// escaping (`&` → `&amp;` is the longest, 5 bytes).
    static let maxQuotedScalars = 3_000

    /// Whether `dot` can read `id` back as a node or graph name: names are
    /// never clipped (two names would become one), so a name whose quoted
    /// form is over the lexer's 16,384 bytes cannot be written as DOT.
    static func isReadableID(_ id: String) -> Bool {
        id.utf8.count <= maxQuotedScalars || quoteID(id).utf8.count < 16_000
    }

    /// `text`, or its first 2,999 scalars and `…` when it is longer than ``maxQuotedScalars``.
    static func clipped(_ text: String) -> String {
        guard text.utf8.count > maxQuotedScalars, text.unicodeScalars.count > maxQuotedScalars else { return text }
        return String(String.UnicodeScalarView(text.unicodeScalars.prefix(maxQuotedScalars - 1))) + "…"
    }

    /// The decimal digits of a large, finite, integral double (significand
    /// times a power of two, multiplied out in base 10).
    static func integerDigits(_ value: Double) -> String {
        var digits: [UInt8] = []  // least significant first
        var n = UInt64(value.significandBitPattern | (1 << 52))
        while n > 0 { digits.append(UInt8(n % 10)); n /= 10 }
        for _ in 0..<max(0, Int(value.exponent) - 52) {
            var carry: UInt8 = 0
            for i in digits.indices {
                let d = digits[i] * 2 + carry
                digits[i] = d % 10
                carry = d / 10
            }
            if carry > 0 { digits.append(carry) }
        }
        return String(digits.reversed().map { Character(Unicode.Scalar($0 + 48)) })
    }

    /// Appends the DOT text of a value to `out`; plain strings without building a quoted copy first.
    static func write(_ value: DOTValue, into out: inout String) {
        switch value {
        case .text(let text) where isPlain(text) && text.utf8.count <= maxQuotedScalars,
             .string(let text) where isPlain(text) && text.utf8.count <= maxQuotedScalars:
            out += "\""
            out += text
            out += "\""
        default:
            out += write(value)
        }
    }

    /// The DOT text of a value.
    static func write(_ value: DOTValue) -> String {
        switch value {
        case .text(let text): return quoteText(clipped(text))
        case .leftAlignedText(let text):
            var result = "\""
            for scalar in cleanedScalars(clipped(text)) {
                switch scalar {
                case "\\": result += "\\\\"
                case "\"": result += "\\\""
                case "&": result += "&amp;"
                case "\n": result += "\\l"
                default: result.unicodeScalars.append(scalar)
                }
            }
            return result + "\\l\""
        case .string(let text): return quoteString(clipped(text))
        case .url(let url): return quoteURL(clipped(url))
        case .number(let number): return formatNumber(number)
        case .integer(let integer): return String(integer)
        case .bool(let bool): return bool ? "true" : "false"
        case .html(let html): return "<" + html.markup + ">"
        case .escapeSequence(let text):
            var result = "\""
            for scalar in cleanedScalars(text) {
                switch scalar {
                case "\"": result += "\\\""
                case "\n": result += "\\n"
                default: result.unicodeScalars.append(scalar)
                }
            }
            if result.hasSuffix("\\") && !result.hasSuffix("\\\\") { result += "\\" }
            return result + "\""
        }
    }
}
