/// Text widths in Arial (Liberation Sans has the same advance widths), the
/// font of every figure, so layouts can be planned before Graphviz or a
/// browser measures the text.
///
/// Widths come from the Helvetica/Arial advance-width table (units of
/// 1/1000 em, Adobe's Helvetica AFM, which Arial matches); characters outside
/// ASCII count as a wide letter (0.6 em) and East Asian ones as 1 em, so the
/// estimate errs on the wide side.
///
/// ```swift
/// TextMetrics.width(of: "UNESCO", fontSize: 9)   // 35.0 points
/// ```
public enum TextMetrics {
    /// Advance widths of ASCII 32…126, in 1/1000 em.
    static let ascii: [Int] = [
        278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, // space … /
        556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, // 0 … ?
        1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, // @ … O
        667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, // P … _
        333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, // ` … o
        556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,      // p … ~
    ]

    /// The width of one line of `text` in points at `fontSize` points
    /// (`bold` adds 7 %, as Arial Bold is about that much wider).
    /// - Complexity: O(n) in the number of Unicode scalars.
    public static func width(of text: String, fontSize: Double, bold: Bool = false) -> Double {
        var units = 0
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if v >= 32 && v <= 126 {
                units += ascii[Int(v) - 32]
            } else if (0x1100...0x11FF).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
                        || (0xF900...0xFAFF).contains(v) || (0xFF00...0xFF60).contains(v) || (0x1F300...0x1FAFF).contains(v) {
                units += 1000
            } else if (0x0300...0x036F).contains(v) || (0x200B...0x200F).contains(v) || (0x202A...0x202E).contains(v)
                        || (0x2060...0x2069).contains(v) || v == 0xFEFF || v < 32 {
                continue // combining marks, zero-width and bidi controls take no room
            } else {
                units += 600
            }
        }
        return Double(units) * fontSize / 1000 * (bold ? 1.07 : 1)
    }

    /// The widest line of a text with `\n` line breaks.
    public static func widestLine(of text: String, fontSize: Double, bold: Bool = false) -> Double {
        text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { width(of: String($0), fontSize: fontSize, bold: bold) }.max() ?? 0
    }

    /// `text` cut to fit `maxWidth` points, with "…" where it was cut.
    public static func truncate(_ text: String, toWidth maxWidth: Double, fontSize: Double) -> String {
        guard width(of: text, fontSize: fontSize) > maxWidth else { return text }
        let ellipsis = width(of: "…", fontSize: fontSize)
        var result = ""
        var used = 0.0
        for character in text {
            let w = width(of: String(character), fontSize: fontSize)
            if used + w + ellipsis > maxWidth { break }
            result.append(character)
            used += w
        }
        while result.last == " " { result.removeLast() }
        return result + "…"
    }

    /// Lines of at most `maxWidth` points, broken at spaces (a word longer
    /// than a line is cut with "…"); at most `maxLines` lines, the last one
    /// ending in "…" when text was left out.
    public static func wrap(_ text: String, toWidth maxWidth: Double, fontSize: Double, maxLines: Int = .max) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: true).map(String.init) {
            let candidate = current.isEmpty ? word : current + " " + word
            if width(of: candidate, fontSize: fontSize) <= maxWidth {
                current = candidate
            } else {
                if !current.isEmpty { lines.append(current) }
                current = width(of: word, fontSize: fontSize) <= maxWidth ? word : truncate(word, toWidth: maxWidth, fontSize: fontSize)
            }
        }
        if !current.isEmpty { lines.append(current) }
        if lines.count > maxLines {
            var kept = Array(lines.prefix(maxLines))
            let rest = lines[(maxLines - 1)...].joined(separator: " ")
            kept[maxLines - 1] = truncate(rest, toWidth: maxWidth, fontSize: fontSize)
            return kept
        }
        return lines
    }
}
