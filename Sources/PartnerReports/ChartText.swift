import FigureStyle

/// Text measurement and fitting for the charts our own SVG writer draws
/// (timeline, coverage chart): estimated widths in Arial, which Liberation
/// Sans matches advance for advance, so a label can be wrapped or cut with
/// "…" before it would run into the bars.
///
/// Regular text is measured with ``FigureStyle/TextMetrics`` (Arial's
/// advance widths for ASCII, 0.6 em for other letters, 1 em for East Asian
/// ones); bold ASCII with the Liberation Sans Bold advance widths below
/// (`hmtx` of `LiberationSans-Bold.ttf`, 2048 units per em, rounded to
/// 1/1000 em); a few punctuation marks outside ASCII ("…", "–", "—", "’")
/// with their own widths. There is no kerning in the estimate: real text is
/// at most as wide.
///
/// ```swift
/// ChartText.width(of: "2016", fontSize: 9)            // 20.02 (4 × 556/1000 × 9)
/// ChartText.wrap("Institute for Human Rights, Åbo Akademi University", toWidth: 120, fontSize: 9, maxLines: 2)
/// ```
enum ChartText {
    /// The line height of wrapped text, in ems.
    static let lineHeight = 1.2

    /// Advance widths of Liberation Sans Bold for ASCII 32…126, in 1/1000 em.
    static let boldASCII: [Int] = [
        278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278, // space … /
        556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611, // 0 … ?
        975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778, // @ … O
        667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556, // P … _
        333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611, // ` … o
        611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584,      // p … ~
    ]

    /// Punctuation outside ASCII that charts write, regular and bold widths
    /// in 1/1000 em (the same in both weights except the apostrophe).
    static let punctuation: [Unicode.Scalar: (regular: Int, bold: Int)] = [
        "\u{2026}": (1000, 1000), // …
        "\u{2013}": (556, 556),   // –
        "\u{2014}": (1000, 1000), // —
        "\u{2018}": (222, 278),   // ‘
        "\u{2019}": (222, 278),   // ’
    ]

    /// The estimated width of one line of `text` in points.
    /// - Complexity: O(n) in the number of Unicode scalars.
    static func width(of text: String, fontSize: Double, bold: Bool = false) -> Double {
        var units = 0.0
        for scalar in text.unicodeScalars {
            if let known = punctuation[scalar] {
                units += Double(bold ? known.bold : known.regular)
            } else if bold, (32...126).contains(scalar.value) {
                units += Double(boldASCII[Int(scalar.value) - 32])
            } else {
                units += TextMetrics.width(of: String(scalar), fontSize: 1000, bold: bold)
            }
        }
        return units * fontSize / 1000
    }

    /// `text` if it fits `maxWidth` points, else its longest prefix that fits
    /// with "…" after it (trailing spaces dropped; "…" alone when nothing fits).
    static func truncate(_ text: String, toWidth maxWidth: Double, fontSize: Double, bold: Bool = false) -> String {
        guard width(of: text, fontSize: fontSize, bold: bold) > maxWidth else { return text }
        return withEllipsis(text, toWidth: maxWidth, fontSize: fontSize, bold: bold)
    }

    /// The longest prefix of `text` that fits `maxWidth` points with "…"
    /// after it, always ending in "…".
    static func withEllipsis(_ text: String, toWidth maxWidth: Double, fontSize: Double, bold: Bool = false) -> String {
        let room = maxWidth - width(of: "\u{2026}", fontSize: fontSize, bold: bold)
        var kept = ""
        var used = 0.0
        for character in text {
            let w = width(of: String(character), fontSize: fontSize, bold: bold)
            if used + w > room { break }
            kept.append(character)
            used += w
        }
        while kept.last == " " || kept.last == "-" { kept.removeLast() }
        return kept + "\u{2026}"
    }

    /// `text` in lines of at most `maxWidth` points: broken at spaces and
    /// after hyphens and slashes, a word longer than a line broken between
    /// letters; at most `maxLines` lines, the last ending in "…" when text
    /// was left out.
    /// - Complexity: O(n²) in the length of a line (each candidate is measured).
    static func wrap(_ text: String, toWidth maxWidth: Double, fontSize: Double, maxLines: Int, bold: Bool = false) -> [String] {
        precondition(maxLines >= 1, "at least one line")
        func fits(_ s: String) -> Bool { width(of: s, fontSize: fontSize, bold: bold) <= maxWidth }
        var lines: [String] = []
        var line = ""
        for piece in pieces(of: text) {
            let candidate = line.isEmpty ? piece.text : line + (piece.spaceBefore ? " " : "") + piece.text
            if fits(candidate) {
                line = candidate
                continue
            }
            if !line.isEmpty { lines.append(line) }
            line = ""
            for character in piece.text {
                if !line.isEmpty, !fits(line + String(character)) {
                    lines.append(line)
                    line = ""
                }
                line.append(character)
            }
        }
        if !line.isEmpty { lines.append(line) }
        guard lines.count > maxLines else { return lines }
        var kept = Array(lines.prefix(maxLines))
        kept[maxLines - 1] = withEllipsis(kept[maxLines - 1], toWidth: maxWidth, fontSize: fontSize, bold: bold)
        return kept
    }

    /// Words with the break before them: after a space (dropped) or after
    /// `-` or `/` (kept at the end of the earlier piece).
    private static func pieces(of text: String) -> [(text: String, spaceBefore: Bool)] {
        var result: [(text: String, spaceBefore: Bool)] = []
        var current = ""
        var spaceBefore = false
        for character in text {
            if character == " " || character == "\n" || character == "\t" {
                if !current.isEmpty { result.append((current, spaceBefore)) }
                current = ""
                spaceBefore = true
            } else {
                current.append(character)
                if character == "-" || character == "/" {
                    result.append((current, spaceBefore))
                    current = ""
                    spaceBefore = false
                }
            }
        }
        if !current.isEmpty { result.append((current, spaceBefore)) }
        return result
    }
}
