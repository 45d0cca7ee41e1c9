@testable import DOTRendering
import Testing

/// The DOT writer and the partner style copy plain text as it is and measure
/// ASCII names in bytes; these fast paths must give exactly what the general,
/// scalar-by-scalar (or character-by-character) rules give.
@Suite("DOT fast paths")
struct DOTFastPathTests {
    /// Pieces that hit every branch: plain ASCII, each escaped character,
    /// controls and separators, non-ASCII letters, combining marks, emoji.
    static let pieces: [String] = [
        "a", "Z", "0", "-", " ", "  ", "agency", "ms-valdoria", "#E69F00", "kind-ngo focal",
        "\"", "\\", "&", "<", ">", "\n", "\r\n", "\r", "\t", "\u{00}", "\u{1B}", "\u{7F}", "\u{85}", "\u{9F}",
        "\u{A0}", "\u{2028}", "\u{2029}", "\u{FFFE}", "\u{FFFF}", "\u{2060}", "\\N", "\\G", "\\\\",
        "Åbo", "ÄÖÜß", "中文", "e\u{301}", "-\u{301}", "👩🏽‍🔬", "🇫🇮", "Supercalifragilisticexpialidocious",
    ]

    static func randomTexts(seed: UInt64, count: Int) -> [String] {
        var generator = SeededGenerator(seed: seed)
        return (0..<count).map { _ in
            (0..<Int.random(in: 0...10, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
        }
    }

    static let texts: [String] = pieces + ["", "a\nb", "line one\nline two\n", "\n", "x\n\ny"]
        + randomTexts(seed: 20_161_101, count: 400)

    @Test("Quoting: plain text copied as is gives the scalar-by-scalar result")
    func quoting() {
        for text in Self.texts {
            #expect(DOTEscaping.quoteText(text) == DOTEscaping.quoteTextByScalars(text), "\(text.debugDescription)")
            #expect(DOTEscaping.quoteString(text) == DOTEscaping.quoteStringByScalars(text), "\(text.debugDescription)")
            #expect(DOTEscaping.quoteID(text) == DOTEscaping.quoteIDByScalars(text), "\(text.debugDescription)")
            #expect(DOTHTML(text: text).markup == DOTEscaping.htmlEscapedByScalars(text), "\(text.debugDescription)")
            var appended = "x"
            DOTEscaping.write(.string(text), into: &appended)
            DOTEscaping.write(.text(text), into: &appended)
            #expect(appended == "x" + DOTEscaping.quoteString(text) + DOTEscaping.quoteText(text))
        }
    }

    @Test("Wrapping ASCII names by bytes gives the character-by-character result")
    func wrapping() {
        for text in Self.texts {
            for width in [1, 5, 20] {
                #expect(PartnerDOTStyle.wrap(text, width: width) == PartnerDOTStyle.wrapCharacters(text, width: width),
                        "\(text.debugDescription) at \(width)")
            }
        }
    }

    @Test("Slugs, class names and kind labels of plain and other text")
    func names() {
        #expect(PartnerDOTStyle.slug("ms-Valdoria-2") == "ms-Valdoria-2")
        #expect(PartnerDOTStyle.slug("a b/é") == "a_20b_2F_E9")
        #expect(PartnerDOTStyle.className("un-office") == "un-office")
        #expect(PartnerDOTStyle.className("NGO Special") == "ngo-special")
        #expect(PartnerDOTStyle.kindLabel("un-treaty-body") == "un treaty body")
        #expect(PartnerDOTStyle.kindLabel("kïnd-with-ü") == "kïnd with ü")
        // A hyphen carrying a combining mark is another character: kept.
        #expect(PartnerDOTStyle.kindLabel("a-\u{301}b-c") == "a-\u{301}b c")
    }

    @Test("Numbers keep at most four decimals", arguments: [
        (0.5, "0.5"), (0.05, "0.05"), (0.0001, "0.0001"), (0.00004, "0"), (-0.00004, "0"), (2.0625, "2.0625"),
        (1.23456, "1.2346"), (-3.1, "-3.1"), (10, "10"), (1_000_000.0001, "1000000.0001"), (0.1001, "0.1001"),
    ])
    func numbers(value: Double, expected: String) {
        #expect(DOTEscaping.formatNumber(value) == expected)
    }
}
