import FigureStyle
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// The terminal and Markdown escapers, against expected strings written by
/// hand from the CommonMark spec (backslash escapes, §2.4; list items, §5.2)
/// and the ECMA-48 control sets. The end-to-end check with pandoc and
/// markdown-it is in CLITests/OutputSafetyTests.
@Suite("text escaping")
struct TextEscapingTests {
    @Test("controls and bidi characters become visible escapes; other text is untouched")
    func visible() {
        #expect(VisibleText.escape("a\u{1B}[31mb") == "a\\x1B[31mb")
        #expect(VisibleText.escape("x\u{202E}y\u{2066}z") == "x\\u{202E}y\\u{2066}z")
        #expect(VisibleText.escape("a\tb\nc\r") == "a\\tb\\nc\\r")
        #expect(VisibleText.escape("a\tb\nc", keepsNewlines: true) == "a\\tb\nc")
        #expect(VisibleText.escape("\u{9B}31m\u{7F}\u{08}") == "\\x9B31m\\x7F\\x08")
        #expect(VisibleText.escape("Société 🤝 ٢٠١٦") == "Société 🤝 ٢٠١٦")
    }

    @Test("Markdown: HTML, links, emphasis, tables and attributes stay literal")
    func markdownInline() {
        #expect(MarkdownText.escape("<script>alert(1)</script>") == "\\<script\\>alert(1)\\</script\\>")
        #expect(MarkdownText.escape("[x](javascript:alert(1))") == "\\[x\\](javascript:alert(1))")
        #expect(MarkdownText.escape("![i](x.png)") == "\\!\\[i\\](x.png)")
        #expect(MarkdownText.escape("a|b *c* _d_ `e`") == "a\\|b \\*c\\* \\_d\\_ \\`e\\`")
        #expect(MarkdownText.escape("# T {onclick=x}") == "\\# T \\{onclick=x\\}")
        #expect(MarkdownText.escape("&amp; $x$ ^s^ ~t~ @cite") == "\\&amp; \\$x\\$ \\^s\\^ \\~t\\~ \\@cite")
    }

    @Test("Markdown: a block cannot start from the data; ordinary punctuation is left alone")
    func markdownBlocks() {
        #expect(MarkdownText.escape("# Heading\n- list\n> quote") == "\\# Heading - list \\> quote")
        #expect(MarkdownText.escape("- item") == "\\- item")
        #expect(MarkdownText.escape("+ item") == "\\+ item")
        #expect(MarkdownText.escape("1. first") == "1\\. first")
        #expect(MarkdownText.escape("2016) x") == "2016\\) x")
        #expect(MarkdownText.escape("U.S. co-operation, 1.5 (est.)") == "U.S. co-operation, 1.5 (est.)")
    }

    @Test("Markdown: controls are visible, their backslash literal")
    func markdownControls() {
        #expect(MarkdownText.escape("\u{1B}[2J") == "\\\\x1B\\[2J")
        #expect(MarkdownText.escape("a\u{202E}b") == "a\\\\u\\{202E\\}b")
    }

    @Test("links only for http, https and mailto; file names percent-encoded")
    func links() {
        #expect(MarkdownText.link("https://example.org/a") == "<https://example.org/a>")
        #expect(MarkdownText.link("mailto:someone@example.org") == "<mailto:someone@example.org>")
        #expect(MarkdownText.link("javascript:alert(1)") == "javascript:alert(1)")
        #expect(MarkdownText.link("JAVASCRIPT:alert(1)") == "JAVASCRIPT:alert(1)")
        #expect(MarkdownText.link("https://x.org/<script>") == "https://x.org/\\<script\\>")
        #expect(MarkdownText.destination("my report (1)-network.svg") == "my%20report%20%281%29-network.svg")
        #expect(SafeURL.isAllowed("HTTPS://example.org"))
        #expect(!SafeURL.isAllowed("data:text/html,x"))
        #expect(!SafeURL.isAllowed("file:///etc/passwd"))
    }
}


/// The one XML escaper: expected strings by hand from XML 1.0 (§2.2 Char,
/// §2.4 character data, §3.3.3 attribute-value normalisation), and every
/// output read back by Foundation's XMLParser (libxml2).
@Suite struct XMLEscapingTests {
    /// Every C0 control, DEL, every C1 control, the two non-characters, markup and bidi.
    static let hostile = String(String.UnicodeScalarView((0..<0x20).compactMap(Unicode.Scalar.init)
        + (0x7F...0x9F).compactMap(Unicode.Scalar.init) + ["\u{FFFE}", "\u{FFFF}", "&", "<", ">", "\"", "'", "\u{202E}", "é"]))

    @Test func byHand() {
        #expect(XMLEscaping.text("a<b>&\"c'\u{7}\u{85}\u{FFFE}\td\n") == "a&lt;b&gt;&amp;&quot;c&#39;\td\n")
        #expect(XMLEscaping.data("a<b>&\"c'\u{7}\u{85}\u{FFFE}\td\n\r") == "a&lt;b&gt;&amp;&quot;c'&#x85;&#9;d&#10;&#13;")
        #expect(XMLEscaping.data("plain ü 日本") == "plain ü 日本")
    }

    /// The attribute value `value` reads back as.
    static func readBack(_ value: String) -> String? {
        final class Reader: NSObject, XMLParserDelegate {
            var value: String?
            func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                        qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
                value = attributeDict["v"]
            }
        }
        let parser = XMLParser(data: Data("<a v=\"\(value)\"/>".utf8))
        let reader = Reader()
        parser.delegate = reader
        return parser.parse() ? reader.value : nil
    }

    @Test func parsesBack() {
        // Presentation: what is kept reads back; the controls are gone.
        let text = Self.readBack(XMLEscaping.text(Self.hostile))
        #expect(text != nil)
        #expect(text?.unicodeScalars.contains { $0.value < 0x20 && $0 != "\t" && $0 != "\n" } == false)
        // Data: everything XML can hold reads back exactly (line breaks and tabs included).
        let kept = String(String.UnicodeScalarView(Self.hostile.unicodeScalars.filter {
            !($0.value < 0x20 && !["\t", "\n", "\r"].contains($0)) && $0.value != 0xFFFE && $0.value != 0xFFFF
        }))
        #expect(Self.readBack(XMLEscaping.data(Self.hostile)) == kept)
    }
}
