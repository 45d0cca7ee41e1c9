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
        let cleaned = removingControlCharacters(String(decoding: svg, as: UTF8.self))
        let root = try parse(cleaned)
        guard root.name == "svg" else {
            throw .invalidSVG(message: "the root element is <\(root.name)>, not <svg>")
        }
        let transformer = Transformer(options: options, renamedIDs: gradientRenames(root))
        let prepared = transformer.transformRoot(root)
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        serialize(prepared, into: &out)
        out += "\n"
        return out
    }

    /// Removes characters XML 1.0 forbids (C0 controls other than tab, LF, CR;
    /// U+FFFE, U+FFFF) and C1 controls. Graphviz copies them into SVG raw.
    public static func removingControlCharacters(_ text: String) -> String {
        // Fast path: most text has nothing to remove.
        if !text.unicodeScalars.contains(where: { isRemoved($0) }) { return text }
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x09, 0x0A, 0x0D: result.append(scalar)
            case 0x00...0x1F, 0x7F...0x9F, 0xFFFE, 0xFFFF: continue
            default: result.append(scalar)
            }
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

    private struct Transformer {
        let options: SVGDocumentOptions
        /// Ids replaced before prefixing (see `gradientRenames`).
        let renamedIDs: [String: String]

        static let removedElements: Set<String> = [
            "script", "foreignObject", "iframe", "object", "embed", "audio", "video", "style",
        ]

        func transformRoot(_ root: Element) -> Element {
            let svg = transform(root)
            svg.attributes["xmlns"] = "http://www.w3.org/2000/svg"
            svg.attributes["xmlns:xlink"] = "http://www.w3.org/1999/xlink"
            svg.attributes["role"] = "img"
            let titleID = options.idPrefix + "title"
            let descID = options.idPrefix + "desc"
            svg.attributes["aria-labelledby"] = titleID + " " + descID
            applySize(to: svg)
            let title = Element(name: "title", attributes: ["id": titleID], children: [.text(options.title)])
            let desc = Element(name: "desc", attributes: ["id": descID], children: [.text(options.description)])
            svg.children.insert(contentsOf: [.text("\n"), .element(title), .text("\n"), .element(desc)], at: 0)
            return svg
        }

        private func applySize(to svg: Element) {
            let box = (svg.attributes["viewBox"] ?? "")
                .split(whereSeparator: { $0 == " " || $0 == "," })
                .compactMap { Double($0) }
            guard box.count == 4, box[2] > 0, box[3] > 0 else { return }
            let aspect = box[3] / box[2]
            switch (options.width, options.height) {
            case let (width?, height?):
                svg.attributes["width"] = formatLength(width)
                svg.attributes["height"] = formatLength(height)
            case let (width?, nil):
                svg.attributes["width"] = formatLength(width)
                svg.attributes["height"] = formatLength(width * aspect)
            case let (nil, height?):
                svg.attributes["width"] = formatLength(height / aspect)
                svg.attributes["height"] = formatLength(height)
            case (nil, nil):
                break
            }
        }

        /// Transforms an element and its subtree (the element itself is kept).
        private func transform(_ element: Element) -> Element {
            var attributes: [String: String] = [:]
            for (name, value) in element.attributes {
                if let kept = transformAttribute(name: name, value: value, element: element.name) {
                    attributes[kept.name] = kept.value
                }
            }
            let result = Element(name: element.name, attributes: attributes)
            let originalID = element.attributes["id"]
            var replacedTitle = false
            for child in element.children {
                switch child {
                case .text(let text):
                    result.children.append(.text(text))
                case .element(let inner):
                    if Self.removedElements.contains(inner.name) { continue }
                    if inner.name == "image" || inner.name == "use", !isInternal(referenceOf: inner) { continue }
                    if inner.name == "title", !replacedTitle, let originalID, let title = options.elementTitles[originalID] {
                        replacedTitle = true
                        result.children.append(.element(Element(name: "title", attributes: [:], children: [.text(title)])))
                        continue
                    }
                    let transformed = transform(inner)
                    if inner.name == "a", !keepsLink(inner) {
                        result.children.append(contentsOf: transformed.children)
                    } else {
                        result.children.append(.element(transformed))
                    }
                }
            }
            return result
        }

        private func reference(of element: Element) -> String? {
            element.attributes["xlink:href"] ?? element.attributes["href"]
        }

        private func isInternal(referenceOf element: Element) -> Bool {
            guard let target = reference(of: element) else { return true }
            return target.hasPrefix("#")
        }

        private func keepsLink(_ anchor: Element) -> Bool {
            guard options.keepsLinks, let target = reference(of: anchor) else { return false }
            let lowered = target.lowercased()
            return lowered.hasPrefix("http://") || lowered.hasPrefix("https://") || lowered.hasPrefix("mailto:") || lowered.hasPrefix("#")
        }

        private func transformAttribute(name: String, value: String, element: String) -> (name: String, value: String)? {
            let lowered = name.lowercased()
            if lowered.hasPrefix("on") { return nil }
            if lowered == "xmlns" || lowered.hasPrefix("xmlns:") { return nil }
            switch lowered {
            case "id":
                return (name, options.idPrefix + (renamedIDs[value] ?? value))
            case "href", "xlink:href":
                if value.hasPrefix("#") {
                    let target = String(value.dropFirst())
                    return (name, "#" + options.idPrefix + (renamedIDs[target] ?? target))
                }
                if element == "a" { return (name, value) }
                return nil
            case "font-family":
                let first = value.split(separator: ",").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
                if first.lowercased() == "arial" { return (name, options.fontFamily) }
                return (name, value)
            case "style":
                if value.lowercased().contains("url(") && !value.contains("url(#") { return nil }
                return (name, prefixingReferences(value))
            default:
                if value.contains("url(") {
                    // fill="url(#l_0)" and the like; drop anything external.
                    if !value.contains("url(#") { return nil }
                    return (name, prefixingReferences(value))
                }
                if value.lowercased().contains("javascript:") { return nil }
                return (name, value)
            }
        }

        /// Rewrites every `url(#id)` to `url(#<prefix><renamed id>)`.
        private func prefixingReferences(_ value: String) -> String {
            var result = ""
            var rest = Substring(value)
            while let start = rest.range(of: "url(#") {
                result += rest[..<start.upperBound]
                let afterHash = rest[start.upperBound...]
                let end = afterHash.firstIndex(of: ")") ?? afterHash.endIndex
                let target = String(afterHash[..<end])
                result += options.idPrefix + (renamedIDs[target] ?? target)
                rest = afterHash[end...]
            }
            return result + rest
        }

        private func formatLength(_ value: Double) -> String {
            let rounded = (value * 100).rounded() / 100
            if rounded == rounded.rounded() { return String(Int64(rounded)) }
            return String(format: "%.2f", rounded)
                .replacingOccurrences(of: #"0+$"#, with: "", options: .regularExpression)
        }
    }

    // MARK: Serialisation

    static func serialize(_ element: Element, into out: inout String) {
        out += "<" + element.name
        for name in attributeOrder(element.attributes.keys) {
            out += " " + name + "=\"" + escapeAttribute(element.attributes[name]!) + "\""
        }
        if element.children.isEmpty {
            out += "/>"
            return
        }
        out += ">"
        for child in element.children {
            switch child {
            case .text(let text): out += escapeText(text)
            case .element(let inner): serialize(inner, into: &out)
            }
        }
        out += "</" + element.name + ">"
    }

    /// `xmlns` first, then `id` and `class`, then the rest by name.
    private static func attributeOrder(_ names: Dictionary<String, String>.Keys) -> [String] {
        func rank(_ name: String) -> Int {
            switch name {
            case "xmlns": return 0
            case "xmlns:xlink": return 1
            case "id": return 2
            case "class": return 3
            default: return 4
            }
        }
        return names.sorted { (rank($0), $0) < (rank($1), $1) }
    }

    static func escapeText(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    static func escapeAttribute(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "\n": result += "&#10;"
            case "\r": result += "&#13;"
            case "\t": result += "&#9;"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
