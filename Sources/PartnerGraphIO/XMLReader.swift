import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import PartnerGraph

/// A streaming XML reader on Foundation's `XMLParser` (libxml2 on Linux)
/// that tracks element positions and turns parser failures into diagnostics;
/// the one XML reader under GraphML (``GraphMLReader``) and GEXF (``GEXFReader``).
///
/// It refuses DTDs and entity declarations before the parser sees them,
/// holds every read to ``ReadLimits`` (field length, node and edge counts) and
/// reports positions as line and Unicode-scalar column.
/// Subclasses override ``didStart(_:attributes:position:)`` and ``didEnd(_:text:)``.
class XMLEventReader: NSObject, XMLParserDelegate {
    /// A position in the file. Tag positions are stored as libxml2 reports
    /// them (line and byte column just after the tag, `isTagEnd`) and turned
    /// into the `<`'s line and column only when a diagnostic needs them.
    struct Position: Hashable {
        var line: Int
        var column: Int
        var isTagEnd = false
    }

    let bytes: [UInt8]
    let path: String
    private(set) var sink: DiagnosticSink
    var warnings: [Diagnostic] = []
    /// Whether character data of the current element is collected.
    var collectsText = false
    /// Whether text keeps collecting across child elements (mixed content,
    /// like yEd's `<y:NodeLabel>Name<y:LabelModel>…</y:NodeLabel>`).
    var preservesText = false
    private var text = ""
    private var stack: [(name: String, position: Position)] = []
    private var parser: XMLParser?
    private var failed = false
    private var sawRoot = false
    /// The limits of this read (taken when the reader is made: the parser calls back on this thread).
    private let limits = ReadLimits.current
    private var nodeCount = 0
    private var edgeCount = 0
    private var lineStarts: [Int]?

    init(bytes: [UInt8], path: String) {
        self.bytes = bytes
        self.path = path
        self.sink = DiagnosticSink(path: path)
    }

    /// Where the first `<!DOCTYPE` or `<!ENTITY` outside a comment or CDATA
    /// section starts, if any: entity declarations are refused before the
    /// XML parser sees them (no expansion, no external fetch, no silent drop).
    static func declarationOffset(in body: ArraySlice<UInt8>) -> Int? {
        let start = body.startIndex
        func matches(_ marker: StaticString, at i: Int) -> Bool {
            let count = marker.utf8CodeUnitCount
            guard i + count <= body.endIndex else { return false }
            return (0..<count).allSatisfy { body[i + $0] == marker.utf8Start[$0] }
        }
        func end(of marker: StaticString, from i: Int) -> Int {
            var j = i
            while j < body.endIndex && !matches(marker, at: j) { j += 1 }
            return min(j + marker.utf8CodeUnitCount, body.endIndex)
        }
        var i = start
        while let lt = body[i...].firstIndex(of: UInt8(ascii: "<")) {
            if matches("<!--", at: lt) {
                i = end(of: "-->", from: lt + 4)
            } else if matches("<![CDATA[", at: lt) {
                i = end(of: "]]>", from: lt + 9)
            } else if matches("<!DOCTYPE", at: lt) || matches("<!ENTITY", at: lt) {
                return lt - start
            } else {
                i = lt + 1
            }
        }
        return nil
    }

    /// Parses the whole input; returns false after a fatal XML error (already reported).
    func parse(rootDescription: String) -> Bool {
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        if body.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) {
            error("file is empty", at: Position(line: 1, column: 1), hint: "a \(rootDescription) file starts with <?xml …?> and a root element")
            return false
        }
        // Control characters (C0 but tab and line breaks, which XML refuses too, and DEL), where they are.
        if let offset = body.withUnsafeBufferPointer({ CSVParser.controlBytes(in: $0, from: 0) }).first {
            let (line, column) = TextInput.position(ofOffset: offset, in: body)
            error("control character \(CSVParser.hex(body[body.startIndex + offset])) in the text", at: Position(line: line, column: column),
                  hint: "remove it: names, ids and values hold text (tabs and line breaks are fine)")
            return false
        }
        if let offset = Self.declarationOffset(in: body) {
            let (line, column) = TextInput.position(ofOffset: offset, in: body)
            error("a document type declaration (<!DOCTYPE …> or <!ENTITY …>) is not allowed",
                  at: Position(line: line, column: column),
                  hint: "remove it: \(rootDescription) needs no DTD, and entities (which could name local files) are never read")
            return false
        }
        // A stream, not `XMLParser(data:)`: libxml2 refuses one chunk over 10 MB
        // ("huge input lookup") at the end of a large file.
        let p = XMLParser(stream: InputStream(data: Data(bytes)))
        p.shouldProcessNamespaces = true
        p.shouldReportNamespacePrefixes = false
        p.shouldResolveExternalEntities = false
        p.delegate = self
        parser = p
        _ = p.parse()
        parser = nil
        if failed { return false }
        if !sawRoot {
            error("no XML element found", at: Position(line: 1, column: 1),
                  hint: "a \(rootDescription) file starts with <?xml …?> and a root element")
            return false
        }
        if let open = stack.last {
            let o = resolved(open.position)
            error("the file ends inside <\(open.name)> (opened at \(o.line):\(o.column))",
                  at: endPosition(), hint: "the file may be truncated; close every element")
            return false
        }
        return true
    }

    /// Called for each start tag. `position` is where its `<` is.
    func didStart(_ name: String, attributes: [String: String], position: Position) {}
    /// Called for each end tag with the element's text (when ``collectsText`` was set).
    func didEnd(_ name: String, text: String) {}

    /// Reports an error at a position.
    func error(_ message: String, at position: Position?, hint: String? = nil) {
        let p = position.map(resolved)
        sink.error(message, line: p?.line, column: p?.column, hint: hint)
    }

    /// Reports a warning at a position.
    func warning(_ message: String, at position: Position?, hint: String? = nil) {
        let p = position.map(resolved)
        warnings.append(Diagnostic(path: path, line: p?.line, column: p?.column, severity: .warning,
                                   message: message, hint: hint))
    }

    /// Stops parsing (after an error that makes the rest meaningless).
    func stop() {
        failed = true
        parser?.abortParsing()
    }

    var hasErrors: Bool { sink.hasErrors }
    var sortedDiagnostics: [Diagnostic] { sink.sorted }

    // MARK: XMLParserDelegate

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        if failed { return }
        let pos = Position(line: parser.lineNumber, column: parser.columnNumber, isTagEnd: true)
        sawRoot = true
        stack.append((qName ?? elementName, pos))
        // GraphML and GEXF both call partners <node> and ties <edge>.
        if elementName == "node" || elementName == "edge" {
            let isNode = elementName == "node"
            if isNode { nodeCount += 1 } else { edgeCount += 1 }
            if (isNode ? nodeCount : edgeCount) > (isNode ? limits.maxPartners : limits.maxTies) {
                let text = limits.countMessage(partners: isNode)
                error(text.message, at: pos, hint: text.hint)
                stop()
                return
            }
        }
        for (name, value) in attributeDict.sorted(by: { $0.key < $1.key }) {
            if let problem = limits.fieldLengthProblem(value[...].utf8, what: "'\(name)' attribute") {
                error(problem, at: pos, hint: ReadLimits.fieldLengthHint)
                stop()
                return
            }
        }
        if !preservesText {
            text = ""
            collectsText = false
        }
        didStart(elementName, attributes: attributeDict, position: pos)
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        if failed { return }
        if !stack.isEmpty { stack.removeLast() }
        if preservesText {
            didEnd(elementName, text: text)
            if !preservesText { text = ""; collectsText = false }
            return
        }
        let t = text
        text = ""
        didEnd(elementName, text: t)
        collectsText = false
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if collectsText { text += string; checkTextLength() }
    }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        if collectsText { text += String(decoding: CDATABlock, as: UTF8.self); checkTextLength() }
    }

    /// Stops at an element whose text is over ``ReadLimits/maxFieldLength``.
    private func checkTextLength() {
        guard !failed, let problem = limits.fieldLengthProblem(text[...].utf8, what: "text") else { return }
        error(problem, at: stack.last?.position, hint: ReadLimits.fieldLengthHint)
        stop()
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) {
        if failed { return }
        // libxml2's error numbers (xmlParserErrors), which XMLParser reports on every platform.
        let code = (parseError as NSError).code
        var pos = scalarPosition(line: parser.lineNumber, column: parser.columnNumber)
        let open = stack.last
        let message: String
        var hint = "check the XML syntax near this position"
        switch code {
        case 76:  // XML_ERR_TAG_NAME_MISMATCH
            pos = startOfTag(line: parser.lineNumber, column: parser.columnNumber)
            if let open {
                let o = resolved(open.position)
                message = "malformed XML: closing tag does not match <\(open.name)> opened at \(o.line):\(o.column)"
            } else {
                message = "malformed XML: closing tag without an opening tag"
            }
            hint = "every element needs a matching closing tag, nested properly"
        case 5, 77:  // XML_ERR_DOCUMENT_END, XML_ERR_TAG_NOT_FINISHED
            if let open {
                let o = resolved(open.position)
                message = "malformed XML: the file ends inside <\(open.name)> (opened at \(o.line):\(o.column))"
                hint = "the file may be truncated; close every element"
            } else {
                message = "malformed XML: content after the root element"
                hint = "a file has exactly one root element"
            }
        case 4:  // XML_ERR_DOCUMENT_EMPTY
            message = "no XML element found"
        case 42:  // XML_ERR_ATTRIBUTE_REDEFINED
            message = "malformed XML: an attribute is given twice in one tag"
        case 21...32, 88, 89, 104:  // entity errors (undeclared, external, recursive, amplified)
            message = "malformed XML: unknown, external or broken entity reference"
            hint = "write & as &amp; and < as &lt; (only &amp; &lt; &gt; &quot; &apos; and &#N; are defined)"
        case 38:  // XML_ERR_LT_IN_ATTRIBUTE
            message = "malformed XML: '<' inside an attribute value"
            hint = "write < as &lt;"
        case 9:  // XML_ERR_INVALID_CHAR
            message = "malformed XML: invalid character"
            hint = "XML text cannot hold control characters; check the file's encoding"
        case 39, 40, 41, 65, 68, 73:  // attribute and tag syntax
            message = "malformed XML: broken tag syntax"
            hint = "write tags as <name attribute=\"value\">"
        case 201, 202, 203:  // XML_NS_ERR_UNDEFINED_NAMESPACE …
            message = "malformed XML: undeclared namespace prefix"
            hint = "declare every prefix with xmlns:PREFIX=\"…\" on the root element"
        default:
            message = "malformed XML (libxml2 error \(code))"
        }
        error(message, at: pos, hint: hint)
        failed = true
        parser.abortParsing()
    }

    // MARK: Positions

    /// Byte offsets where lines start (built on first use).
    private func lineStart(_ line: Int) -> Int? {
        if lineStarts == nil {
            var starts = [0]
            for (i, b) in bytes.enumerated() where b == 0x0A { starts.append(i + 1) }
            lineStarts = starts
        }
        guard line >= 1, line <= lineStarts!.count else { return nil }
        return lineStarts![line - 1]
    }

    /// The byte offset for libxml2's 1-based line and byte column.
    private func offset(line: Int, column: Int) -> Int? {
        guard let s = lineStart(line) else { return nil }
        return min(bytes.count, s + max(0, column - 1))
    }

    /// 1-based line and column in Unicode scalars of a byte offset.
    private func position(ofByte offset: Int) -> Position {
        var line = 1, column = 1, i = 0
        let lo = max(0, offset)
        // Find the line by scanning the line starts (binary search).
        if lineStarts == nil { _ = lineStart(1) }
        let starts = lineStarts!
        var a = 0, b = starts.count - 1
        while a < b {
            let m = (a + b + 1) / 2
            if starts[m] <= lo { a = m } else { b = m - 1 }
        }
        line = a + 1
        i = starts[a]
        while i < lo && i < bytes.count {
            if bytes[i] & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        return Position(line: line, column: column)
    }

    /// A tag position as the line and column of its `<`; other positions unchanged.
    func resolved(_ p: Position) -> Position {
        p.isTagEnd ? startOfTag(line: p.line, column: p.column) : p
    }

    /// The position of the `<` of the tag libxml2 has just read (it reports
    /// the position after the tag).
    private func startOfTag(line: Int, column: Int) -> Position {
        guard var o = offset(line: line, column: column) else { return Position(line: line, column: column) }
        o = min(o, bytes.count) - 1
        while o > 0 && bytes[o] != 0x3C { o -= 1 }
        return position(ofByte: max(0, o))
    }

    /// A libxml2 (line, byte column) as (line, scalar column).
    private func scalarPosition(line: Int, column: Int) -> Position {
        guard let o = offset(line: line, column: column) else { return Position(line: line, column: column) }
        return position(ofByte: o)
    }

    /// The position just after the last byte.
    private func endPosition() -> Position { position(ofByte: bytes.count) }
}
