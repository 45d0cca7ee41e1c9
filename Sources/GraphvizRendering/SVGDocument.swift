import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// How to turn Graphviz's SVG into a document-grade, accessible SVG.
public struct SVGDocumentOptions: Sendable, Hashable {
    /// The accessible title (`<title>`, first child of `<svg>`).
    public var title: String
    /// The accessible description (`<desc>`), e.g. as-of date and counts.
    public var description: String
    /// Width in CSS pixels; the height follows the drawing's aspect ratio
    /// unless ``height`` is set. Nil keeps Graphviz's size in points.
    public var width: Double?
    /// Height in CSS pixels (see ``width``).
    public var height: Double?
    /// `width` and `height` attributes written as given (physical units such
    /// as `16cm`); they win over ``width`` and ``height``.
    public var sizeAttributes: [String]?
    /// Prefix for every `id` (and every reference to one), so several figures
    /// can share one HTML page.
    public var idPrefix: String
    /// Replacement `<title>` text for element groups, keyed by the `id`
    /// written in the DOT (for example `node-ilo` → "ILO — specialized agency").
    public var elementTitles: [String: String]
    /// The `font-family` written wherever Graphviz wrote `Arial` (DOT
    /// `fontname="Arial"`, measured with Liberation Sans).
    public var fontFamily: String
    /// Keep `<a>` hyperlinks with `http`, `https` or `mailto` targets; when
    /// false (the default) links are unwrapped and only their content stays.
    public var keepsLinks: Bool

    public init(
        title: String, description: String, width: Double? = nil, height: Double? = nil,
        idPrefix: String = "pg-", elementTitles: [String: String] = [:],
        fontFamily: String = "Arial,'Liberation Sans',Helvetica,sans-serif", keepsLinks: Bool = false
    ) {
        self.title = title
        self.description = description
        self.width = width
        self.height = height
        self.idPrefix = idPrefix
        self.elementTitles = elementTitles
        self.fontFamily = fontFamily
        self.keepsLinks = keepsLinks
    }
}

/// Post-processing of Graphviz SVG for embedding in documents and web pages.
///
/// The result has `role="img"`, a `<title>` and `<desc>` referenced by
/// `aria-labelledby`, prefixed stable ids, a `viewBox` with the requested
/// width/height, a `font-family` with fallbacks, and none of: comments (so no
/// generator version), DOCTYPE, `<script>`, `<foreignObject>`, event
/// attributes (`on…`), `javascript:` or external references (`<image>`,
/// `<use>` and `url()` pointing outside the document), control characters.
/// It is re-serialised from a parsed tree, so it is well-formed XML.
public enum SVGDocument {
    /// Post-processes Graphviz SVG.
    ///
    /// - Parameters:
    ///   - svg: Graphviz's SVG output (UTF-8).
    ///   - options: Title, description, size and naming.
    /// - Returns: The SVG text, ending in a newline.
    /// - Throws: ``GraphvizError/invalidSVG(message:)`` if the input does not parse.
    /// - Complexity: O(n) in the size of the SVG.
    public static func prepare(_ svg: [UInt8], options: SVGDocumentOptions) throws(GraphvizError) -> String {
        String(decoding: try prepareUTF8(svg, options: options), as: UTF8.self)
    }

    /// ``prepare(_:options:)`` as UTF-8 bytes, for callers that write them out
    /// (no round trip through `String`).
    public static func prepareUTF8(_ svg: [UInt8], options: SVGDocumentOptions) throws(GraphvizError) -> [UInt8] {
        let cleaned = removingControlCharacters(String(decoding: svg, as: UTF8.self))
        let root = try parse(cleaned)
        guard root.name == "svg" else {
            throw .invalidSVG(message: "the root element is <\(root.name)>, not <svg>")
        }
        var writer = Writer(options: options, renamedIDs: gradientRenames(root))
        writer.out.reserveCapacity(svg.count + svg.count / 4 + 1024)
        writer.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        writer.writeRoot(root)
        writer.append("\n")
        return writer.out
    }

    /// Removes characters XML 1.0 forbids (C0 controls other than tab, LF, CR;
    /// U+FFFE, U+FFFF) and C1 controls. Graphviz copies them into SVG raw.
    public static func removingControlCharacters(_ text: String) -> String {
        // Fast path: most text has nothing to remove. In UTF-8 every removed
        // character is a byte below 0x20 or 0x7F, or starts with 0xC2 (C1
        // controls) or 0xEF (U+FFFE, U+FFFF); text without those bytes is kept.
        var copy = text
        let suspicious = copy.withUTF8 { bytes in
            bytes.contains { byte in
                (byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D) || byte == 0x7F || byte == 0xC2 || byte == 0xEF
            }
        }
        if !suspicious || !text.unicodeScalars.contains(where: { isRemoved($0) }) { return text }
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars where !isRemoved(scalar) {
            result.append(scalar)
        }
        return String(result)
    }

    private static func isRemoved(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: return false
        case 0x00...0x1F, 0x7F...0x9F, 0xFFFE, 0xFFFF: return true
        default: return false
        }
    }

    // MARK: Tree

    final class Element {
        var name: String
        var attributes: [String: String]
        var children: [Node]

        init(name: String, attributes: [String: String], children: [Node] = []) {
            self.name = name
            self.attributes = attributes
            self.children = children
        }
    }

    enum Node {
        case element(Element)
        case text(String)
    }

    private final class TreeBuilder: NSObject, XMLParserDelegate {
        var stack: [Element] = []
        var root: Element?

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                    qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
            let element = Element(name: elementName, attributes: attributeDict)
            if let parent = stack.last {
                parent.children.append(.element(element))
            } else if root == nil {
                root = element
            }
            stack.append(element)
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
            _ = stack.popLast()
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            appendText(string)
        }

        func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
            appendText(String(decoding: CDATABlock, as: UTF8.self))
        }

        private func appendText(_ string: String) {
            guard let parent = stack.last else { return }
            if case .text(let previous)? = parent.children.last {
                parent.children[parent.children.count - 1] = .text(previous + string)
            } else {
                parent.children.append(.text(string))
            }
        }
    }

    static func parse(_ text: String) throws(GraphvizError) -> Element {
        let parser = XMLParser(data: Data(text.utf8))
        parser.shouldProcessNamespaces = false
        parser.shouldResolveExternalEntities = false
        let builder = TreeBuilder()
        parser.delegate = builder
        let ok = parser.parse()
        guard ok, let root = builder.root else {
            let reason = parser.parserError.map { "\($0.localizedDescription)" } ?? "unknown parser error"
            throw .invalidSVG(message: "line \(parser.lineNumber), column \(parser.columnNumber): \(reason)")
        }
        return root
    }

    // MARK: Transformation

    /// Graphviz numbers gradients from a process-wide counter (`l_0`, `r_3`…),
    /// so the same graph gets other ids on the next call. Renumber them in
    /// document order.
    private static func gradientRenames(_ root: Element) -> [String: String] {
        var renames: [String: String] = [:]
        var counter = 0
        func visit(_ element: Element) {
            if element.name == "linearGradient" || element.name == "radialGradient", let id = element.attributes["id"], renames[id] == nil {
                counter += 1
                renames[id] = "gradient-\(counter)"
            }
            for case .element(let child) in element.children { visit(child) }
        }
        visit(root)
        return renames
    }

    /// Transforms the parsed tree and serialises it in one pass, straight into
    /// UTF-8 bytes. (Building a transformed tree and then a `String` took as
    /// long as Graphviz's own layout of a 70-partner figure.)
    struct Writer {
        let options: SVGDocumentOptions
        /// Ids replaced before prefixing (see `gradientRenames`).
        let renamedIDs: [String: String]
        var out: [UInt8] = []

        static let removedElements: Set<String> = [
            "script", "foreignObject", "iframe", "object", "embed", "audio", "video", "style",
        ]

        init(options: SVGDocumentOptions, renamedIDs: [String: String]) {
            self.options = options
            self.renamedIDs = renamedIDs
        }

        mutating func append(_ text: String) {
            out.append(contentsOf: text.utf8)
        }

        // MARK: Elements

        /// The root `<svg>`: its own attributes transformed, then the
        /// accessibility attributes, the size, and `<title>`/`<desc>` first.
        mutating func writeRoot(_ root: Element) {
            var attributes = Dictionary(transformedAttributes(of: root), uniquingKeysWith: { first, _ in first })
            let titleID = options.idPrefix + "title"
            let descID = options.idPrefix + "desc"
            attributes["xmlns"] = "http://www.w3.org/2000/svg"
            attributes["xmlns:xlink"] = "http://www.w3.org/1999/xlink"
            attributes["role"] = "img"
            attributes["aria-labelledby"] = titleID + " " + descID
            applySize(to: &attributes)
            writeStartTag(root.name, Array(attributes))
            append(">\n<title id=\"")
            appendEscaped(titleID, attribute: true)
            append("\">")
            appendEscaped(options.title, attribute: false)
            append("</title>\n<desc id=\"")
            appendEscaped(descID, attribute: true)
            append("\">")
            appendEscaped(options.description, attribute: false)
            append("</desc>")
            var opened = true
            writeChildren(of: root, opened: &opened)
            append("</" + root.name + ">")
        }

        /// An element and its subtree; `<x …/>` when nothing is left inside.
        private mutating func writeElement(_ element: Element) {
            writeStartTag(element.name, transformedAttributes(of: element))
            var opened = false
            writeChildren(of: element, opened: &opened)
            if opened {
                append("</" + element.name + ">")
            } else {
                append("/>")
            }
        }

        /// Writes what is kept of `element`'s children. `opened` tells whether
        /// the parent's start tag has been closed with `>`; it is closed before
        /// the first child written. Unwrapped links write their children here.
        private mutating func writeChildren(of element: Element, opened: inout Bool) {
            let originalID = element.attributes["id"]
            var replacedTitle = false
            for child in element.children {
                switch child {
                case .text(let text):
                    open(&opened)
                    appendEscaped(text, attribute: false)
                case .element(let inner):
                    if Self.removedElements.contains(inner.name) { continue }
                    if inner.name == "image" || inner.name == "use", !isInternal(referenceOf: inner) { continue }
                    if inner.name == "title", !replacedTitle, let originalID, let title = options.elementTitles[originalID] {
                        replacedTitle = true
                        open(&opened)
                        append("<title>")
                        appendEscaped(title, attribute: false)
                        append("</title>")
                        continue
                    }
                    if inner.name == "a", !keepsLink(inner) {
                        writeChildren(of: inner, opened: &opened)
                    } else {
                        open(&opened)
                        writeElement(inner)
                    }
                }
            }
        }

        private mutating func open(_ opened: inout Bool) {
            if !opened {
                out.append(UInt8(ascii: ">"))
                opened = true
            }
        }

        /// `<name` and the attributes: `xmlns` first, then `id` and `class`,
        /// then the rest by name.
        private mutating func writeStartTag(_ name: String, _ attributes: [(key: String, value: String)]) {
            out.append(UInt8(ascii: "<"))
            append(name)
            var ordered = attributes
            ordered.sort { a, b in
                let ra = Self.rank(a.key), rb = Self.rank(b.key)
                return ra != rb ? ra < rb : a.key < b.key
            }
            for (name, value) in ordered {
                out.append(UInt8(ascii: " "))
                append(name)
                out.append(UInt8(ascii: "="))
                out.append(UInt8(ascii: "\""))
                appendEscaped(value, attribute: true)
                out.append(UInt8(ascii: "\""))
            }
        }

        private static func rank(_ name: String) -> Int {
            switch name {
            case "xmlns": return 0
            case "xmlns:xlink": return 1
            case "id": return 2
            case "class": return 3
            default: return 4
            }
        }

        // MARK: Attributes

        private func transformedAttributes(of element: Element) -> [(key: String, value: String)] {
            var attributes: [(key: String, value: String)] = []
            attributes.reserveCapacity(element.attributes.count)
            for (name, value) in element.attributes {
                if let kept = transformAttribute(name: name, value: value, element: element.name) {
                    attributes.append((name, kept))
                }
            }
            // DOT `fontname="Arial Bold"` (Pango's face name, which browsers do
            // not know as a family): the family with fallbacks, in bold.
            if let family = element.attributes["font-family"], Self.firstFamily(family) == "arial bold",
               element.attributes["font-weight"] == nil {
                attributes.append(("font-weight", "bold"))
            }
            return attributes
        }

        private mutating func applySize(to attributes: inout [String: String]) {
            let box = (attributes["viewBox"] ?? "")
                .split(whereSeparator: { $0 == " " || $0 == "," })
                .compactMap { Double($0) }
            guard box.count == 4, box[2] > 0, box[3] > 0 else { return }
            let aspect = box[3] / box[2]
            if let size = options.sizeAttributes, size.count == 2 {
                attributes["width"] = size[0]
                attributes["height"] = size[1]
                return
            }
            switch (options.width, options.height) {
            case let (width?, height?):
                attributes["width"] = formatLength(width)
                attributes["height"] = formatLength(height)
            case let (width?, nil):
                attributes["width"] = formatLength(width)
                attributes["height"] = formatLength(width * aspect)
            case let (nil, height?):
                attributes["width"] = formatLength(height / aspect)
                attributes["height"] = formatLength(height)
            case (nil, nil):
                break
            }
        }

        private func reference(of element: Element) -> String? {
            element.attributes["xlink:href"] ?? element.attributes["href"]
        }

        private func isInternal(referenceOf element: Element) -> Bool {
            guard let target = reference(of: element) else { return true }
            return target.utf8.first == UInt8(ascii: "#")
        }

        private func keepsLink(_ anchor: Element) -> Bool {
            guard options.keepsLinks, let target = reference(of: anchor) else { return false }
            let lowered = target.lowercased()
            return lowered.hasPrefix("http://") || lowered.hasPrefix("https://") || lowered.hasPrefix("mailto:") || lowered.hasPrefix("#")
        }

        /// The value an attribute keeps, or nil when it is dropped: event
        /// handlers, namespace declarations (the root gets its own), external
        /// references, `javascript:`. Ids and references get the prefix.
        private func transformAttribute(name: String, value: String, element: String) -> String? {
            let lowered = Self.asciiLowercased(name)
            if lowered.utf8.starts(with: "on".utf8) { return nil }
            if lowered == "xmlns" || lowered.utf8.starts(with: "xmlns:".utf8) { return nil }
            switch lowered {
            case "id":
                return options.idPrefix + (renamedIDs[value] ?? value)
            case "href", "xlink:href":
                if value.utf8.first == UInt8(ascii: "#") {
                    let target = String(value.dropFirst())
                    return "#" + options.idPrefix + (renamedIDs[target] ?? target)
                }
                if element == "a" { return value }
                return nil
            case "font-family":
                return ["arial", "arial bold"].contains(Self.firstFamily(value)) ? options.fontFamily : value
            default:
                // fill="url(#l_0)", style="fill: url(#r_1)" and the like: kept
                // with the prefix when every reference is internal.
                if Self.contains(value, "url(", ignoringCase: true) {
                    guard let rewritten = prefixingReferences(value) else { return nil }
                    return Self.contains(rewritten, "javascript:", ignoringCase: true) ? nil : rewritten
                }
                if Self.contains(value, "javascript:", ignoringCase: true) { return nil }
                return value
            }
        }

        /// Rewrites every `url(#id)` (any case, with optional blanks and
        /// quotes: `URL( "#id" )`) to `url(#<prefix><renamed id>)`; nil when
        /// any `url(…)` points outside the document.
        private func prefixingReferences(_ value: String) -> String? {
            let bytes = Array(value.utf8)
            var result: [UInt8] = []
            result.reserveCapacity(bytes.count + 16)
            func isBlankOrQuote(_ byte: UInt8) -> Bool {
                byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")
            }
            func startsURL(at i: Int) -> Bool {
                guard i + 4 <= bytes.count else { return false }
                return zip(bytes[i..<(i + 4)], "url(".utf8).allSatisfy { ($0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0) == $1 }
            }
            var i = 0
            while i < bytes.count {
                guard startsURL(at: i) else {
                    result.append(bytes[i])
                    i += 1
                    continue
                }
                result.append(contentsOf: bytes[i..<(i + 4)])
                i += 4
                while i < bytes.count, isBlankOrQuote(bytes[i]) {
                    result.append(bytes[i])
                    i += 1
                }
                guard i < bytes.count, bytes[i] == UInt8(ascii: "#") else { return nil }
                result.append(bytes[i])
                i += 1
                let targetEnd = bytes[i...].firstIndex { $0 == UInt8(ascii: ")") || isBlankOrQuote($0) } ?? bytes.count
                let target = String(decoding: bytes[i..<targetEnd], as: UTF8.self)
                result.append(contentsOf: (options.idPrefix + (renamedIDs[target] ?? target)).utf8)
                i = targetEnd
            }
            return String(decoding: result, as: UTF8.self)
        }

        private func formatLength(_ value: Double) -> String {
            let rounded = (value * 100).rounded() / 100
            if rounded == rounded.rounded() { return String(Int64(rounded)) }
            var text = String(format: "%.2f", rounded)
            while text.hasSuffix("0") { text.removeLast() }
            return text
        }

        /// Whether the first family of a `font-family` list is Arial.
        /// The first family of a `font-family` list, ASCII-lowercased.
        static func firstFamily(_ value: String) -> String {
            asciiLowercased(value.split(separator: ",").first?.trimmingCharacters(in: .whitespaces) ?? "")
        }

        /// ASCII letters lowered, everything else kept (attribute names and
        /// the keywords compared here are ASCII).
        static func asciiLowercased<S: StringProtocol>(_ text: S) -> String {
            guard text.utf8.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) else { return String(text) }
            return String(decoding: text.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }, as: UTF8.self)
        }

        /// Byte-wise substring search; `ignoringCase` folds ASCII letters
        /// (`needle` must then be lower case).
        static func contains(_ haystack: String, _ needle: StaticString, ignoringCase: Bool = false) -> Bool {
            var haystack = haystack
            return haystack.withUTF8 { hay in
                let pattern = UnsafeBufferPointer(start: needle.utf8Start, count: needle.utf8CodeUnitCount)
                guard let first = pattern.first else { return true }
                guard hay.count >= pattern.count else { return false }
                func fold(_ byte: UInt8) -> UInt8 { ignoringCase && byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte }
                var index = 0
                let last = hay.count - pattern.count
                while index <= last {
                    if fold(hay[index]) == first {
                        var offset = 1
                        while offset < pattern.count && fold(hay[index + offset]) == pattern[offset] { offset += 1 }
                        if offset == pattern.count { return true }
                    }
                    index += 1
                }
                return false
            }
        }

        // MARK: Escaping

        /// Appends `text` escaped for XML character data (`&`, `<`, `>`) or,
        /// with `attribute`, for a double-quoted attribute value (also `"`
        /// and tab, LF and CR as character references, so they survive
        /// attribute-value normalisation).
        /// `text` as XML character data or an attribute value; C0 controls
        /// (but tab, line feed, carriage return), DEL and C1 controls dropped,
        /// so no label can make the document unparsable or drive a terminal.
        mutating func appendEscaped(_ text: String, attribute: Bool) {
            var text = text
            text.withUTF8 { bytes in
                var runStart = 0
                var skipNext = false
                for (index, byte) in bytes.enumerated() {
                    if skipNext {
                        skipNext = false
                        runStart = index + 1
                        continue
                    }
                    let replacement: StaticString
                    switch byte {
                    case 0x00...0x08, 0x0B, 0x0C, 0x0E...0x1F, 0x7F: replacement = ""
                    case 0xC2 where index + 1 < bytes.count && (0x80...0x9F).contains(bytes[index + 1]):
                        replacement = ""
                        skipNext = true
                    case UInt8(ascii: "&"): replacement = "&amp;"
                    case UInt8(ascii: "<"): replacement = "&lt;"
                    case UInt8(ascii: ">"): replacement = "&gt;"
                    case UInt8(ascii: "\"") where attribute: replacement = "&quot;"
                    case UInt8(ascii: "\n") where attribute: replacement = "&#10;"
                    case UInt8(ascii: "\r") where attribute: replacement = "&#13;"
                    case UInt8(ascii: "\t") where attribute: replacement = "&#9;"
                    default: continue
                    }
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                    out.append(contentsOf: UnsafeBufferPointer(start: replacement.utf8Start, count: replacement.utf8CodeUnitCount))
                    runStart = index + 1
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
            }
        }
    }
}
