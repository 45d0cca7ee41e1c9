import FigureStyle
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import PartnerGraph

/// A network read from a file, with the warnings the reader raised (for
/// example defaults it had to fill in for data from other tools).
public struct LoadedNetwork: Sendable {
    /// The network.
    public var network: PartnerNetwork
    /// Warnings, in file order; empty for a file that needed no defaults.
    public var warnings: [Diagnostic]

    /// Creates a result.
    public init(network: PartnerNetwork, warnings: [Diagnostic] = []) {
        self.network = network
        self.warnings = warnings
    }
}

/// GraphML (<http://graphml.graphdrawing.org>) in the conventions NetworkX,
/// yEd and Cytoscape use.
///
/// Partners are `<node>`s and ties `<edge>`s (parallel edges for several ties
/// between a pair). Every field is a typed `<key>` (`attr.type` string, int,
/// long, float, double or boolean):
///
/// | for | keys |
/// |---|---|
/// | graph | `title`, `focal`, `description`, `settings.tieTypes` (JSON text), free attributes |
/// | node | `name`, `kind`, `region`, `themes` and `aliases` (`;`-joined), `url`, free attributes |
/// | edge | `type`, `start`, `end`, `label`, `weight`, `source_document`, `status`, `note`, `themes`, `directed`, free attributes |
///
/// A tie's id is the `<edge>`'s `id`. Direction: `edgedefault` when every tie
/// agrees; a mixed graph is written `edgedefault="undirected"` with a boolean
/// `directed` data value on every edge, because NetworkX rejects per-edge
/// `directed` XML attributes that differ from the default. The reader honours
/// both the XML attribute and the data value. A free attribute whose name is
/// one of the keys above is written as `attributes.NAME`.
///
/// ```swift
/// let loaded = try GraphML.read(path: "karate.graphml")
/// let text = GraphML.text(of: loaded.network)
/// ```
public enum GraphML {
    /// Reads a GraphML file.
    /// - Parameter path: The file; diagnostics name it.
    /// - Returns: The network and warnings about defaults filled in (missing
    ///   names, kinds or tie types).
    /// - Throws: ``GraphFileError`` with line and column for malformed XML,
    ///   unknown attribute types, values that do not match their key's type,
    ///   edges to missing nodes and every problem ``PartnerNetwork/problems()`` finds.
    /// - Complexity: O(file size).
    public static func read(path: String) throws(GraphFileError) -> LoadedNetwork {
        try read(TextInput.bytes(atPath: path), path: path)
    }

    /// Reads GraphML from bytes in memory; `path` is used in diagnostics.
    /// - Throws: ``GraphFileError``, as ``read(path:)``.
    public static func read(_ bytes: [UInt8], path: String = "<input>") throws(GraphFileError) -> LoadedNetwork {
        let reader = GraphMLReader(bytes: bytes, path: path)
        return try reader.run()
    }

    /// The GraphML text of a network: deterministic (keys sorted by domain
    /// and name, nodes and edges in file order), XML-escaped, with a `<key>`
    /// for every field used.
    /// - Complexity: O(size of the network).
    public static func text(of network: PartnerNetwork) -> String {
        GraphMLWriter(network: network).text()
    }

    /// What GraphML cannot hold of `network`, one sentence each (empty when
    /// the file is lossless).
    public static func limitations(of network: PartnerNetwork) -> [String] {
        var out: [String] = []
        out += XMLAttributeTyping.limitations(network.attributes.map { [$0.key: $0.value] }, what: "graph attribute")
        out += XMLAttributeTyping.limitations(network.partners.map(\.attributes), what: "partner attribute")
        out += XMLAttributeTyping.limitations(network.ties.map(\.attributes), what: "tie attribute")
        return out
    }
}

// MARK: - Shared XML machinery

/// Helpers shared by the GraphML and GEXF writers (escaping: ``XMLEscaping/data(_:)``).
enum XMLText {
    /// `3 of 5 nodes have no 'kind'`, `1 of 5 nodes has …`, `1 of 1 node has …`.
    static func count(_ n: Int, of total: Int, _ noun: String, _ what: String) -> String {
        "\(n) of \(total) \(noun)\(total == 1 ? "" : "s") \(n == 1 ? "has" : "have") \(what)"
    }
}

/// How free attribute values map onto the typed attributes of GraphML and
/// GEXF, which hold one type per attribute name.
enum XMLAttributeTyping {
    /// The XML type for every value an attribute takes: `long` when all are
    /// integers, `double` for numbers (or integers mixed with numbers),
    /// `boolean`, else `string`.
    static func type(of values: [AttributeValue]) -> String {
        var ints = 0, nums = 0, bools = 0
        for v in values {
            switch v {
            case .integer: ints += 1
            case .number: nums += 1
            case .bool: bools += 1
            default: return "string"
            }
        }
        if bools > 0 { return ints + nums == 0 ? "boolean" : "string" }
        return nums > 0 ? "double" : "long"
    }

    /// The text of a value under an attribute of `type`.
    static func text(_ value: AttributeValue) -> String {
        switch value {
        case .number(let d): return NumberFormatting.shortest(d)
        default: return value.description
        }
    }

    /// Sentences naming attributes the typed formats cannot hold exactly.
    static func limitations(_ maps: [[String: AttributeValue]], what: String) -> [String] {
        var byName: [String: [AttributeValue]] = [:]
        for m in maps { for (k, v) in m { byName[k, default: []].append(v) } }
        var out: [String] = []
        for name in byName.keys.sorted() {
            let values = byName[name]!
            if values.contains(where: { if case .map = $0 { return true } else { return false } }) {
                out.append("\(what) '\(name)' holds nested maps; written as 'key=value;…' text")
            } else if values.contains(where: { if case .list = $0 { return true } else { return false } }) {
                out.append("\(what) '\(name)' holds lists; written as ';'-joined text")
            } else if type(of: values) == "string",
                      values.contains(where: { if case .string = $0 { return false } else { return true } }) {
                out.append("\(what) '\(name)' mixes text with numbers or booleans; all written as text")
            } else if type(of: values) == "double",
                      values.contains(where: { if case .integer = $0 { return true } else { return false } }) {
                out.append("\(what) '\(name)' mixes integers and numbers; integers read back as numbers")
            }
        }
        return out
    }
}

/// A streaming XML reader on Foundation's `XMLParser` (libxml2 on Linux)
/// that tracks element positions and turns parser failures into diagnostics.
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

// MARK: - Reader

/// A GraphML `<key>`.
struct GraphMLKey {
    enum ValueType: String {
        case string, int, long, float, double, boolean
    }

    let id: String
    let domain: String
    let name: String
    /// `nil` for yEd's `yfiles.type` keys (graphics), whose data is skipped.
    let type: ValueType?
    var defaultText: String?
    /// Where the `<key>` is (for errors in its `<default>`).
    let position: XMLEventReader.Position
}

/// Reads GraphML into a network (see ``GraphML``).
final class GraphMLReader: XMLEventReader {
    private struct Element {
        var id: String?
        var attributes: [String: String]
        var position: Position
        var data: [(key: String, text: String, position: Position)] = []
        var yEdLabel: String?
    }

    private var keys: [String: GraphMLKey] = [:]
    private var currentKey: (id: String, position: Position)?
    private var inDefault = false
    private var graphDepth = 0
    private var edgeDefaultDirected = false
    private var graphData: [(key: String, text: String, position: Position)] = []
    private var nodes: [Element] = []
    private var edges: [Element] = []
    /// Owners of `<data>`: "graph", "node", "edge" (innermost last).
    private var owners: [String] = []
    private var currentNode: Element?
    private var nodeStack: [Element] = []
    private var currentEdge: Element?
    private var dataKey: (key: String, position: Position)?
    private var dataHasChildren = false
    private var pendingLabel: String?
    private var sawGraphML = false

    func run() throws(GraphFileError) -> LoadedNetwork {
        guard parse(rootDescription: "GraphML") else { throw GraphFileError(sortedDiagnostics) }
        if !sawGraphML {
            error("not a GraphML file: the root element is not <graphml>", at: Position(line: 1, column: 1),
                  hint: "GraphML files start with <graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">")
            throw GraphFileError(sortedDiagnostics)
        }
        return try build()
    }

    override func didStart(_ name: String, attributes: [String: String], position: Position) {
        if dataKey != nil {
            // Children of <data>: yEd graphics. Keep only a node label.
            dataHasChildren = true
            if name == "NodeLabel" && pendingLabel == nil {
                collectsText = true
                preservesText = true
            }
            return
        }
        switch name {
        case "graphml":
            sawGraphML = true
        case "key":
            let id = attributes["id"] ?? ""
            let domain = attributes["for"] ?? "all"
            let attrName = attributes["attr.name"] ?? id
            var type: GraphMLKey.ValueType?
            if let t = attributes["attr.type"] {
                guard let vt = GraphMLKey.ValueType(rawValue: t) else {
                    error("unknown attribute type '\(t)' for key '\(id)'", at: position,
                          hint: "GraphML attribute types are string, int, long, float, double and boolean")
                    return
                }
                type = vt
            } else if attributes["yfiles.type"] != nil {
                type = nil
            } else {
                type = .string
            }
            if id.isEmpty {
                error("<key> without an id", at: position, hint: "give every key an id, e.g. <key id=\"d0\" …>")
                return
            }
            if keys[id] != nil {
                error("duplicate key id '\(id)'", at: position, hint: "key ids must be unique in the file")
                return
            }
            keys[id] = GraphMLKey(id: id, domain: domain, name: attrName, type: type, defaultText: nil, position: position)
            currentKey = (id, position)
        case "default":
            if currentKey != nil { inDefault = true; collectsText = true }
        case "graph":
            graphDepth += 1
            if graphDepth == 1 {
                edgeDefaultDirected = attributes["edgedefault"] == "directed"
                owners.append("graph")
            } else {
                owners.append("subgraph")
            }
        case "node":
            if let n = currentNode { nodeStack.append(n) }
            currentNode = Element(id: attributes["id"], attributes: attributes, position: position)
            owners.append("node")
            if attributes["id"] == nil {
                error("<node> without an id", at: position, hint: "give every node an id, e.g. <node id=\"n0\">")
            }
        case "edge":
            currentEdge = Element(id: attributes["id"], attributes: attributes, position: position)
            owners.append("edge")
            for a in ["source", "target"] where attributes[a] == nil {
                error("<edge> without a \(a)", at: position, hint: "write <edge source=\"…\" target=\"…\">")
            }
        case "hyperedge":
            warning("hyperedge ignored", at: position, hint: "hyperedges have no partner-network equivalent")
            owners.append("ignored")
        case "data":
            dataKey = (attributes["key"] ?? "", position)
            dataHasChildren = false
            pendingLabel = nil
            collectsText = true
        default:
            break
        }
    }

    override func didEnd(_ name: String, text: String) {
        if let dk = dataKey {
            if name == "NodeLabel" && preservesText {
                pendingLabel = text.trimmingSpaces
                preservesText = false
                return
            }
            guard name == "data" else { return }
            dataKey = nil
            guard !dk.key.isEmpty, let key = keys[dk.key] else {
                error("<data> refers to undeclared key '\(dk.key)'", at: dk.position,
                      hint: "declare it with <key id=\"\(dk.key)\" for=\"…\" attr.name=\"…\" attr.type=\"string\"/>")
                return
            }
            if key.type == nil || dataHasChildren {
                // yEd graphics: kept only as the node's label.
                if let label = pendingLabel, !label.isEmpty, owners.last == "node" { currentNode?.yEdLabel = label }
                return
            }
            let item = (dk.key, text, dk.position)
            switch owners.last {
            case "node": currentNode?.data.append(item)
            case "edge": currentEdge?.data.append(item)
            case "graph": graphData.append(item)
            default: break
            }
            return
        }
        switch name {
        case "default":
            if inDefault, let ck = currentKey { keys[ck.id]?.defaultText = text }
            inDefault = false
        case "key":
            currentKey = nil
        case "graph":
            graphDepth -= 1
            owners.removeLast()
        case "node":
            if let n = currentNode { nodes.append(n) }
            currentNode = nodeStack.popLast()
            owners.removeLast()
        case "edge":
            if let e = currentEdge { edges.append(e) }
            currentEdge = nil
            owners.removeLast()
        case "hyperedge":
            owners.removeLast()
        default:
            break
        }
    }

    // MARK: Building the network

    /// A typed value, or an error at `position`.
    private func value(_ text: String, key: GraphMLKey, position: Position) -> AttributeValue? {
        let t = text.trimmingSpaces
        switch key.type ?? .string {
        case .string: return .string(text)
        case .int, .long:
            if let i = Int(t) { return .integer(i) }
            error("'\(t)' is not an integer (key '\(key.name)' has attr.type=\"\(key.type!.rawValue)\")", at: position,
                  hint: "write a whole number such as 3, or declare the key as double or string")
        case .float, .double:
            if let d = Double(t) { return .number(d) }
            let lower = t.lowercased()
            if lower == "nan" { return .number(.nan) }
            if lower == "inf" || lower == "+inf" || lower == "infinity" { return .number(.infinity) }
            if lower == "-inf" || lower == "-infinity" { return .number(-.infinity) }
            error("'\(t)' is not a number (key '\(key.name)' has attr.type=\"\(key.type!.rawValue)\")", at: position,
                  hint: "write a number such as 1.5, or declare the key as string")
        case .boolean:
            switch t.lowercased() {
            case "true", "1": return .bool(true)
            case "false", "0": return .bool(false)
            default:
                error("'\(t)' is not a boolean (key '\(key.name)' has attr.type=\"boolean\")", at: position,
                      hint: "write true or false")
            }
        }
        return nil
    }

    /// Values of an element's data, defaults first, by attribute name.
    private func values(of data: [(key: String, text: String, position: Position)], domain: String)
        -> [(name: String, value: AttributeValue, position: Position)] {
        var out: [(String, AttributeValue, Position)] = []
        for d in data {
            guard let key = keys[d.key] else { continue }
            if key.domain != domain && key.domain != "all" {
                warning("key '\(key.id)' is declared for=\"\(key.domain)\" but used on a \(domain)", at: d.position)
            }
            if let v = value(d.text, key: key, position: d.position) {
                out.append((key.name, v, d.position))
            }
        }
        return out
    }

    private lazy var defaults: [String: [(name: String, value: AttributeValue)]] = {
        var out: [String: [(String, AttributeValue)]] = [:]
        for key in keys.values.sorted(by: { $0.id < $1.id }) {
            guard let text = key.defaultText, key.type != nil,
                  let v = value(text, key: key, position: key.position) else { continue }
            for domain in key.domain == "all" ? ["node", "edge", "graph"] : [key.domain] {
                out[domain, default: []].append((key.name, v))
            }
        }
        return out
    }()

    private static func unescapedName(_ name: String) -> String {
        name.hasPrefix("attributes.") ? String(name.dropFirst("attributes.".count)) : name
    }

    private static func list(_ v: AttributeValue) -> [String] {
        if case .list(let l) = v { return l.map(\.description) }
        return v.description.split(separator: ";").map { String($0).trimmingSpaces }.filter { !$0.isEmpty }
    }

    private func build() throws(GraphFileError) -> LoadedNetwork {
        var net = PartnerNetwork()
        // Graph.
        var graphAttributes: [String: AttributeValue] = [:]
        var settings = GraphSettings()
        var graphValues = (defaults["graph"] ?? []).map { ($0.name, $0.value, Position(line: 1, column: 1)) }
        graphValues += values(of: graphData, domain: "graph")
        for (name, v, pos) in graphValues {
            switch name {
            case "title": net.title = v.description
            case "focal": net.focal = v.description
            case "description": net.description = v.description
            case "settings.tieTypes":
                if let s = Self.decodeSettings(v.description) { settings = s } else {
                    error("settings.tieTypes is not the JSON list partnergraph writes", at: pos,
                          hint: "remove the value or write [{\"name\": \"…\", \"weight\": 1}]")
                }
            default: graphAttributes[Self.unescapedName(name)] = v
            }
        }
        net.attributes = graphAttributes

        // Nodes.
        var partners: [Partner] = []
        partners.reserveCapacity(nodes.count)
        var nodePositions: [Position] = []
        var missingKind = 0, missingName = 0
        let nodeDefaults = defaults["node"] ?? []
        for n in nodes {
            guard let id = n.id else { continue }
            var p = Partner(id: id, name: "", kind: "")
            var hasName = false, hasKind = false
            var label: String?
            var vals = nodeDefaults.map { ($0.name, $0.value, n.position) }
            vals += values(of: n.data, domain: "node")
            for (name, v, _) in vals {
                switch name {
                case "name": p.name = v.description; hasName = true
                case "kind": p.kind = v.description; hasKind = true
                case "region": p.region = v.description
                case "themes": p.themes = Self.list(v)
                case "aliases": p.aliases = Self.list(v)
                case "url": p.url = v.description
                default:
                    if name == "label" { label = v.description }
                    p.attributes[Self.unescapedName(name)] = v
                }
            }
            if !hasName || p.name.isEmpty {
                if let l = label ?? n.yEdLabel, !l.isEmpty { p.name = l } else { p.name = id; missingName += 1 }
            }
            if !hasKind || p.kind.isEmpty {
                p.kind = "unspecified"
                missingKind += 1
            }
            partners.append(p)
            nodePositions.append(n.position)
        }
        if missingKind > 0 {
            warning(XMLText.count(missingKind, of: partners.count, "node", "no 'kind'") + "; set to 'unspecified'",
                    at: nil, hint: "add a node key with attr.name=\"kind\" to classify partners")
        }
        if missingName > 0 {
            warning("\(missingName) node\(missingName == 1 ? " has" : "s have") no name or label; the id is used as the name", at: nil)
        }

        // Edges.
        var ties: [Tie] = []
        ties.reserveCapacity(edges.count)
        var edgePositions: [Position] = []
        var missingType = 0
        var ids: [String: Int] = [:]
        var duplicateIDs = false
        let edgeDefaults = defaults["edge"] ?? []
        let known = Set(partners.map(\.id))
        for e in edges {
            guard let s = e.attributes["source"], let t = e.attributes["target"] else { continue }
            for (end, ref) in [("source", s), ("target", t)] where !known.contains(ref) {
                let near = Suggestion.closest(to: ref, among: Array(partners.prefix(5000).map(\.id)))
                error("edge \(end) '\(ref)' is not a node" + (near.map { " (did you mean '\($0)'?)" } ?? ""),
                      at: e.position, hint: "every edge endpoint must be the id of a <node> in the graph")
            }
            var tie = Tie(type: "", source: s, target: t, isDirected: edgeDefaultDirected)
            tie.id = e.id
            if let d = e.attributes["directed"] {
                switch d.lowercased() {
                case "true", "1": tie.isDirected = true
                case "false", "0": tie.isDirected = false
                default:
                    error("directed=\"\(d)\" is not a boolean", at: e.position, hint: "write directed=\"true\" or \"false\"")
                }
            }
            var vals = edgeDefaults.map { ($0.name, $0.value, e.position) }
            vals += values(of: e.data, domain: "edge")
            for (name, v, pos) in vals {
                switch name {
                case "type": tie.type = v.description
                case "start", "end":
                    let text = v.description.trimmingSpaces
                    if text.isEmpty { continue }
                    switch PartialDate.parse(text) {
                    case .success(let d): if name == "start" { tie.start = d } else { tie.end = d }
                    case .failure(let problem): error(problem.message, at: pos, hint: problem.hint)
                    }
                case "label": tie.label = v.description
                case "weight":
                    switch v {
                    case .number(let w): tie.weight = w
                    case .integer(let w): tie.weight = Double(w)
                    default:
                        if let w = Double(v.description.trimmingSpaces) { tie.weight = w } else {
                            error("weight '\(v)' is not a number", at: pos, hint: "write a number such as 3 or 1.5")
                        }
                    }
                case "source_document": tie.provenance = v.description
                case "status": tie.status = v.description
                case "note": tie.note = v.description
                case "themes": tie.themes = Self.list(v)
                case "directed":
                    if e.attributes["directed"] == nil {
                        switch v {
                        case .bool(let b): tie.isDirected = b
                        default:
                            switch v.description.lowercased() {
                            case "true", "1": tie.isDirected = true
                            case "false", "0": tie.isDirected = false
                            default: tie.attributes["directed"] = v
                            }
                        }
                    }
                default: tie.attributes[Self.unescapedName(name)] = v
                }
            }
            if tie.type.isEmpty {
                tie.type = "edge"
                missingType += 1
            }
            if let id = tie.id {
                if ids[id] != nil { duplicateIDs = true } else { ids[id] = ties.count }
            }
            ties.append(tie)
            edgePositions.append(e.position)
        }
        if duplicateIDs {
            // NetworkX writes multigraph keys (0, 1, …) as edge ids, repeated across pairs. A key
            // only tells parallel edges apart, which separate ties already do: it is dropped, never
            // kept as an attribute (NetworkX's read_gexf fails on an edge attribute named 'key').
            for i in ties.indices { ties[i].id = nil }
            warning("edge ids are not unique (NetworkX writes multigraph keys as ids); ids dropped, ties left without ids",
                    at: nil)
        }
        var declared = settings.tieTypes
        let builtIn = Set(TieTypeDefinition.builtIn.map(\.name))
        var declaredNames = Set(declared.map(\.name))
        var added: [String] = []
        for t in ties where !builtIn.contains(t.type) && !declaredNames.contains(t.type) {
            declared.append(TieTypeSetting(name: t.type, weight: t.type == "edge" ? 1 : nil,
                                           description: t.type == "edge" ? "an edge read from GraphML without a type" : nil))
            declaredNames.insert(t.type)
            added.append(t.type)
        }
        if missingType > 0 {
            warning(XMLText.count(missingType, of: ties.count, "edge", "no 'type'") + "; set to 'edge' (declared under settings.tieTypes, weight 1)",
                    at: nil, hint: "add an edge key with attr.name=\"type\" (agreement, liaison, joint-activity or a declared type)")
        }
        let foreign = added.filter { $0 != "edge" }
        if !foreign.isEmpty {
            warning("declared tie type\(foreign.count == 1 ? "" : "s") not built in: \(foreign.sorted().joined(separator: ", ")) (weight 1)", at: nil)
        }
        settings = GraphSettings(tieTypes: declared)
        if hasErrors { throw GraphFileError(sortedDiagnostics) }

        let network = PartnerNetwork(title: net.title, focal: net.focal, description: net.description,
                                     settings: settings, attributes: net.attributes, partners: partners, ties: ties)
        for problem in network.problems() {
            switch problem.location {
            case .graph: error(problem.message, at: nil, hint: problem.hint)
            case .partner(let i, _): error(problem.message, at: nodePositions[i], hint: problem.hint)
            case .tie(let i, _): error(problem.message, at: edgePositions[i], hint: problem.hint)
            }
        }
        if hasErrors { throw GraphFileError(sortedDiagnostics) }
        return LoadedNetwork(network: network, warnings: warnings)
    }

    /// Settings from the JSON list the writer stores in `settings.tieTypes`.
    static func decodeSettings(_ text: String) -> GraphSettings? {
        guard let data = text.data(using: .utf8),
              let list = try? JSONSerialization.jsonObject(with: data) as? [[String: Any]] else { return nil }
        var out: [TieTypeSetting] = []
        for item in list {
            guard let name = item["name"] as? String else { return nil }
            var s = TieTypeSetting(name: name)
            if let w = item["weight"] as? NSNumber { s.weight = w.doubleValue }
            if let l = item["lookback"] as? String { s.lookback = Lookback(l) }
            if let e = item["event"] as? Bool { s.isEvent = e }
            if let d = item["description"] as? String { s.description = d }
            out.append(s)
        }
        return GraphSettings(tieTypes: out)
    }

    /// The JSON text stored in `settings.tieTypes` (sorted keys).
    static func encodeSettings(_ settings: GraphSettings) -> String {
        var items: [String] = []
        for s in settings.tieTypes {
            var f = ["\"name\": \(JSONText.quote(s.name))"]
            if let d = s.description { f.append("\"description\": \(JSONText.quote(d))") }
            if let e = s.isEvent { f.append("\"event\": \(e)") }
            if let l = s.lookback { f.append("\"lookback\": \(JSONText.quote(l.description))") }
            if let w = s.weight { f.append("\"weight\": \(NumberFormatting.shortest(w))") }
            f.sort()
            items.append("{" + f.joined(separator: ", ") + "}")
        }
        return "[" + items.joined(separator: ", ") + "]"
    }
}

// MARK: - Writer

/// Writes GraphML (see ``GraphML``).
struct GraphMLWriter {
    let network: PartnerNetwork

    struct Key {
        let domain: String
        let name: String
        let type: String
        var id = ""
    }

    static let nodeFields = ["name", "kind", "region", "themes", "aliases", "url"]
    static let edgeFields = ["type", "start", "end", "label", "weight", "source_document", "status", "note", "themes", "directed"]
    static let graphFields = ["title", "focal", "description", "settings.tieTypes"]

    /// The key name of a free attribute (escaped when it would collide).
    static func attributeKeyName(_ name: String, reserved: [String]) -> String {
        reserved.contains(name) || name.hasPrefix("attributes.") ? "attributes." + name : name
    }

    /// Free attribute keys for a set of attribute maps, sorted by name.
    static func freeKeys(_ maps: [[String: AttributeValue]], domain: String, reserved: [String]) -> [(attr: String, key: Key)] {
        var byName: [String: [AttributeValue]] = [:]
        for m in maps { for (k, v) in m { byName[k, default: []].append(v) } }
        return byName.keys.sorted().map { name in
            (name, Key(domain: domain, name: attributeKeyName(name, reserved: reserved),
                       type: XMLAttributeTyping.type(of: byName[name]!)))
        }
    }

    func text() -> String {
        let net = network
        let ps = net.partners, ts = net.ties
        let anyDirected = ts.contains { $0.isDirected }
        let allDirected = !ts.isEmpty && ts.allSatisfy { $0.isDirected }
        let mixed = anyDirected && !allDirected

        // Graph keys.
        var graphKeys: [(field: String, key: Key)] = []
        if net.title != nil { graphKeys.append(("title", Key(domain: "graph", name: "title", type: "string"))) }
        if net.focal != nil { graphKeys.append(("focal", Key(domain: "graph", name: "focal", type: "string"))) }
        if net.description != nil { graphKeys.append(("description", Key(domain: "graph", name: "description", type: "string"))) }
        if !net.settings.tieTypes.isEmpty {
            graphKeys.append(("settings.tieTypes", Key(domain: "graph", name: "settings.tieTypes", type: "string")))
        }
        let graphFree = Self.freeKeys([net.attributes], domain: "graph", reserved: Self.graphFields)

        // Node keys.
        var nodeKeys: [(field: String, key: Key)] = [("name", Key(domain: "node", name: "name", type: "string")),
                                                     ("kind", Key(domain: "node", name: "kind", type: "string"))]
        if ps.contains(where: { $0.region != nil }) { nodeKeys.append(("region", Key(domain: "node", name: "region", type: "string"))) }
        if ps.contains(where: { !$0.themes.isEmpty }) { nodeKeys.append(("themes", Key(domain: "node", name: "themes", type: "string"))) }
        if ps.contains(where: { !$0.aliases.isEmpty }) { nodeKeys.append(("aliases", Key(domain: "node", name: "aliases", type: "string"))) }
        if ps.contains(where: { $0.url != nil }) { nodeKeys.append(("url", Key(domain: "node", name: "url", type: "string"))) }
        let nodeFree = Self.freeKeys(ps.map(\.attributes), domain: "node", reserved: Self.nodeFields)

        // Edge keys.
        var edgeKeys: [(field: String, key: Key)] = [("type", Key(domain: "edge", name: "type", type: "string"))]
        let optional: [(String, String, (Tie) -> Bool)] = [
            ("start", "string", { $0.start != nil }), ("end", "string", { $0.end != nil }),
            ("label", "string", { $0.label != nil }), ("weight", "double", { $0.weight != nil }),
            ("source_document", "string", { $0.provenance != nil }), ("status", "string", { $0.status != nil }),
            ("note", "string", { $0.note != nil }), ("themes", "string", { !$0.themes.isEmpty }),
        ]
        for (name, type, used) in optional where ts.contains(where: used) {
            edgeKeys.append((name, Key(domain: "edge", name: name, type: type)))
        }
        if mixed { edgeKeys.append(("directed", Key(domain: "edge", name: "directed", type: "boolean"))) }
        let edgeFree = Self.freeKeys(ts.map(\.attributes), domain: "edge", reserved: Self.edgeFields)

        // Ids d0, d1, … in declaration order: graph, node, edge; fields, then attributes.
        var n = 0
        func assign(_ k: inout Key) { k.id = "d\(n)"; n += 1 }
        for i in graphKeys.indices { assign(&graphKeys[i].key) }
        var gFree = graphFree; for i in gFree.indices { assign(&gFree[i].key) }
        for i in nodeKeys.indices { assign(&nodeKeys[i].key) }
        var nFree = nodeFree; for i in nFree.indices { assign(&nFree[i].key) }
        for i in edgeKeys.indices { assign(&edgeKeys[i].key) }
        var eFree = edgeFree; for i in eFree.indices { assign(&eFree[i].key) }

        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
        out += "xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n"
        for k in graphKeys.map(\.key) + gFree.map(\.key) + nodeKeys.map(\.key) + nFree.map(\.key) + edgeKeys.map(\.key) + eFree.map(\.key) {
            out += "  <key id=\"\(k.id)\" for=\"\(k.domain)\" attr.name=\"\(XMLEscaping.data(k.name))\" attr.type=\"\(k.type)\"/>\n"
        }
        out += "  <graph id=\"G\" edgedefault=\"\(allDirected ? "directed" : "undirected")\">\n"
        func data(_ indent: String, _ key: Key, _ text: String) {
            out += indent + "<data key=\"\(key.id)\">" + XMLEscaping.data(text) + "</data>\n"
        }
        for (field, key) in graphKeys {
            switch field {
            case "title": data("    ", key, net.title!)
            case "focal": data("    ", key, net.focal!)
            case "description": data("    ", key, net.description!)
            default: data("    ", key, GraphMLReader.encodeSettings(net.settings))
            }
        }
        for (attr, key) in gFree { if let v = net.attributes[attr] { data("    ", key, XMLAttributeTyping.text(v)) } }

        for p in ps {
            out += "    <node id=\"\(XMLEscaping.data(p.id))\">\n"
            for (field, key) in nodeKeys {
                let v: String?
                switch field {
                case "name": v = p.name
                case "kind": v = p.kind
                case "region": v = p.region
                case "themes": v = p.themes.isEmpty ? nil : p.themes.joined(separator: ";")
                case "aliases": v = p.aliases.isEmpty ? nil : p.aliases.joined(separator: ";")
                default: v = p.url
                }
                if let v { data("      ", key, v) }
            }
            if !p.attributes.isEmpty {
                for (attr, key) in nFree { if let v = p.attributes[attr] { data("      ", key, XMLAttributeTyping.text(v)) } }
            }
            out += "    </node>\n"
        }
        for t in ts {
            out += "    <edge"
            if let id = t.id { out += " id=\"\(XMLEscaping.data(id))\"" }
            out += " source=\"\(XMLEscaping.data(t.source))\" target=\"\(XMLEscaping.data(t.target))\">\n"
            for (field, key) in edgeKeys {
                let v: String?
                switch field {
                case "type": v = t.type
                case "start": v = t.start?.description
                case "end": v = t.end?.description
                case "label": v = t.label
                case "weight": v = t.weight.map(NumberFormatting.shortest)
                case "source_document": v = t.provenance
                case "status": v = t.status
                case "note": v = t.note
                case "themes": v = t.themes.isEmpty ? nil : t.themes.joined(separator: ";")
                default: v = t.isDirected ? "true" : "false"
                }
                if let v { data("      ", key, v) }
            }
            if !t.attributes.isEmpty {
                for (attr, key) in eFree { if let v = t.attributes[attr] { data("      ", key, XMLAttributeTyping.text(v)) } }
            }
            out += "    </edge>\n"
        }
        out += "  </graph>\n</graphml>\n"
        return out
    }
}
