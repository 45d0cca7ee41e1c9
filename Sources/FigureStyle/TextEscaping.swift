/// Data strings made safe for the two text outputs a person reads directly:
/// a terminal (``VisibleText``) and a Markdown document (``MarkdownText``).
/// CSV and JSON keep the data exact; XML writers have their own escapers.

/// Control characters and bidirectional formatting characters written as
/// visible escapes, so data cannot move the cursor, clear the screen, set a
/// window title or reorder the text around it: C0 controls, DEL and C1
/// controls as `\x1B`, `\t`, `\r`; bidi marks, embeddings, overrides and
/// isolates (U+061C, U+200E–U+200F, U+202A–U+202E, U+2066–U+2069) as `\u{202E}`.
public enum VisibleText {
    /// `text` with every control and bidi formatting character made visible;
    /// line feeds are kept when `keepsNewlines` (whole terminal output), else
    /// written as `\n` (one table cell).
    public static func escape(_ text: String, keepsNewlines: Bool = false) -> String {
        guard text.unicodeScalars.contains(where: { needsEscape($0, keepsNewlines: keepsNewlines) }) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            guard needsEscape(scalar, keepsNewlines: keepsNewlines) else {
                out.append(scalar)
                continue
            }
            out.append(contentsOf: visible(scalar).unicodeScalars)
        }
        return String(out)
    }

    /// Whether `scalar` is a control or bidi formatting character.
    public static func isControlOrBidi(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return v < 0x20 || (0x7F...0x9F).contains(v) || isBidiFormatting(v)
    }

    static func isBidiFormatting(_ v: UInt32) -> Bool {
        v == 0x061C || v == 0x200E || v == 0x200F || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
    }

    private static func needsEscape(_ scalar: Unicode.Scalar, keepsNewlines: Bool) -> Bool {
        if scalar == "\n" { return !keepsNewlines }
        return isControlOrBidi(scalar)
    }

    /// `\t`, `\n`, `\r`, `\x1B` or `\u{202E}`.
    static func visible(_ scalar: Unicode.Scalar) -> String {
        switch scalar {
        case "\t": return "\\t"
        case "\n": return "\\n"
        case "\r": return "\\r"
        default:
            let hex = String(scalar.value, radix: 16, uppercase: true)
            if scalar.value < 0x100 { return "\\x" + (hex.count < 2 ? "0" + hex : hex) }
            return "\\u{" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + "}"
        }
    }
}

/// Data strings as Markdown text that renders as exactly that text in
/// CommonMark, GitHub and pandoc Markdown: no raw HTML, no link, image,
/// emphasis, code, math, citation, header attribute or table cell break can
/// come from the data.
public enum MarkdownText {
    /// ASCII punctuation with a meaning somewhere in CommonMark, GFM or pandoc
    /// Markdown (inline HTML and entities, links and images, emphasis, code,
    /// strikeout, tables, pandoc's `{…}` attributes, `$` math, `^`/`~`
    /// super- and subscripts, `@` citations); each is written with a backslash,
    /// which every one of them reads as the literal character.
    static let special: Set<Unicode.Scalar> = ["\\", "`", "*", "_", "{", "}", "[", "]", "<", ">", "#", "!", "|",
                                                "~", "&", "$", "^", "@"]
    /// Characters that start a block (list, quote, heading, table, setext
    /// underline, definition, fenced div) when they open a line.
    static let lineStart: Set<Unicode.Scalar> = ["-", "+", "=", ":", "%", "'", "\""]

    /// `text` escaped for a heading, paragraph, list item or table cell:
    /// line breaks become spaces, controls and bidi characters visible
    /// escapes (``VisibleText``), and Markdown's punctuation literal.
    public static func escape(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var atStart = true
        var digitsAtStart = true
        for scalar in text.unicodeScalars {
            if scalar == "\n" || scalar == "\r" {
                out.append(" ")
                continue
            }
            if VisibleText.isControlOrBidi(scalar) {
                for s in VisibleText.visible(scalar).unicodeScalars {
                    if special.contains(s) { out.append("\\") }
                    out.append(s)
                }
                atStart = false
                digitsAtStart = false
                continue
            }
            // "1. x" or "1) x" at the start would open an ordered list.
            let endsNumber = digitsAtStart && !atStart && (scalar == "." || scalar == ")")
            if special.contains(scalar) || (atStart && lineStart.contains(scalar)) || endsNumber {
                out.append("\\")
            }
            out.append(scalar)
            digitsAtStart = digitsAtStart && ("0"..."9").contains(scalar)
            atStart = false
        }
        return String(out)
    }

    /// A link a reader may follow: `<url>` (an autolink) when it is an
    /// `http`, `https` or `mailto` URL without spaces or angle brackets;
    /// anything else (`javascript:`, `file:`, `data:`, a relative path) as
    /// escaped text that no renderer turns into a link.
    public static func link(_ url: String) -> String {
        let allowed = SafeURL.isAllowed(url)
        let plain = !url.unicodeScalars.contains { $0 == "<" || $0 == ">" || $0 == " " || $0 == "\\" || $0 == "`"
            || VisibleText.isControlOrBidi($0) || $0.properties.isWhitespace }
        return allowed && plain && url.count > 8 ? "<" + url + ">" : escape(url)
    }

    /// A relative file name as a link destination: every byte outside
    /// `A–Z a–z 0–9 - . _ ~ /` percent-encoded, so spaces, parentheses and
    /// brackets in an output path cannot end the link early.
    public static func destination(_ path: String) -> String {
        var out = ""
        for byte in path.utf8 {
            let c = Character(Unicode.Scalar(byte))
            if c.isASCII && (c.isLetter || c.isNumber || "-._~/".contains(c)) {
                out.append(c)
            } else {
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count < 2 ? "0" + hex : hex)
            }
        }
        return out
    }
}

/// The one rule for which URLs from the data may become links in any output.
public enum SafeURL {
    /// `http:`, `https:` and `mailto:` URLs (any case); never `javascript:`,
    /// `data:`, `file:` or a relative path.
    public static func isAllowed(_ url: String) -> Bool {
        let lower = url.lowercased()
        return ["http://", "https://", "mailto:"].contains { lower.hasPrefix($0) }
    }
}

/// The one XML escaper of every XML we write (SVG, HTML, GraphML, GEXF):
/// no string can make the output unparsable.
public enum XMLEscaping {
    /// Text or an attribute value that is drawn or read (SVG, HTML): `& < > " '`
    /// escaped; controls other than tab and line feed, DEL, C1 controls and
    /// the non-characters U+FFFE, U+FFFF dropped.
    public static func text(_ s: String) -> String {
        var out = ""
        for u in s.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                if u.value < 0x20 && u != "\t" && u != "\n" { continue }
                if isDropped(u) { continue }
                out.unicodeScalars.append(u)
            }
        }
        return out
    }

    /// A value that is data (GraphML, GEXF), kept exact where XML 1.0 can
    /// hold it: `& < > "` escaped; line breaks, tabs, DEL and C1 controls as
    /// character references (they survive attribute-value normalisation, and
    /// no raw control is in the file); other C0 controls and U+FFFE, U+FFFF,
    /// which XML 1.0 cannot hold, dropped.
    public static func data(_ text: String) -> String {
        // 0xC2 leads every C1 control, 0xEF the non-characters.
        let needs = text.utf8.contains { $0 == 38 || $0 == 60 || $0 == 62 || $0 == 34 || $0 < 32 || $0 == 0x7F || $0 == 0xC2 || $0 == 0xEF }
        guard needs else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        for s in text.unicodeScalars {
            switch s {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\n": out += "&#10;"
            case "\r": out += "&#13;"
            case "\t": out += "&#9;"
            default:
                if s.value < 32 || s.value == 0xFFFE || s.value == 0xFFFF { continue }
                if (0x7F...0x9F).contains(s.value) {
                    out += "&#x" + String(s.value, radix: 16, uppercase: true) + ";"
                    continue
                }
                out.unicodeScalars.append(s)
            }
        }
        return out
    }

    static func isDropped(_ u: Unicode.Scalar) -> Bool {
        (0x7F...0x9F).contains(u.value) || u.value == 0xFFFE || u.value == 0xFFFF
    }
}
