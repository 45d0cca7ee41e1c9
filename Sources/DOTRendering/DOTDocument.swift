/// Attributes of a graph, node, edge or subgraph, written sorted by name.
public typealias DOTAttributes = [String: DOTValue]

/// A node statement.
public struct DOTNode: Sendable, Hashable {
    public var id: String
    public var attributes: DOTAttributes

    public init(id: String, attributes: DOTAttributes = [:]) {
        self.id = id
        self.attributes = attributes
    }
}

/// An edge statement (`->` in a directed graph, `--` otherwise).
public struct DOTEdge: Sendable, Hashable {
    public var from: String
    public var to: String
    public var attributes: DOTAttributes

    public init(from: String, to: String, attributes: DOTAttributes = [:]) {
        self.from = from
        self.to = to
        self.attributes = attributes
    }
}

/// A subgraph; a name starting with `cluster` makes Graphviz draw a box.
public struct DOTSubgraph: Sendable, Hashable {
    public var name: String
    public var attributes: DOTAttributes
    /// Ids of member nodes (declared in the document's ``DOTDocument/nodes``).
    public var nodeIDs: [String]
    public var subgraphs: [DOTSubgraph]

    public init(name: String, attributes: DOTAttributes = [:], nodeIDs: [String] = [], subgraphs: [DOTSubgraph] = []) {
        self.name = name
        self.attributes = attributes
        self.nodeIDs = nodeIDs
        self.subgraphs = subgraphs
    }

    /// A cluster subgraph (`cluster_` + `key`).
    public static func cluster(_ key: String, attributes: DOTAttributes = [:], nodeIDs: [String]) -> DOTSubgraph {
        DOTSubgraph(name: "cluster_" + key, attributes: attributes, nodeIDs: nodeIDs)
    }
}

/// A DOT graph, written deterministically.
///
/// Output order: graph attributes, node defaults, edge defaults, nodes sorted
/// by id, subgraphs sorted by name (member ids sorted), then edges sorted by
/// `(from, to)` keeping the given order among equal pairs. Attributes are
/// sorted by name; every identifier and string is quoted (see ``DOTValue``);
/// numbers have at most four decimals; lines end in `\n`, with a final newline.
///
/// ```swift
/// var document = DOTDocument(name: "partners", isDirected: false)
/// document.nodes = [DOTNode(id: "ilo", attributes: ["label": .text("ILO")])]
/// let text = document.write()
/// ```
/// - Complexity: O(n log n + m log m) for n nodes and m edges.
public struct DOTDocument: Sendable, Hashable {
    /// Whether `dot` can read `id` back as a node name. Names are never
    /// clipped, as long strings are (two names would become one), and `dot`
    /// refuses a quoted string over 16,384 bytes.
    public static func isReadableID(_ id: String) -> Bool { DOTEscaping.isReadableID(id) }

    public var name: String
    public var isDirected: Bool
    public var isStrict: Bool
    public var graphAttributes: DOTAttributes
    public var nodeDefaults: DOTAttributes
    public var edgeDefaults: DOTAttributes
    public var nodes: [DOTNode]
    public var edges: [DOTEdge]
    public var subgraphs: [DOTSubgraph]

    public init(
        name: String, isDirected: Bool, isStrict: Bool = false,
        graphAttributes: DOTAttributes = [:], nodeDefaults: DOTAttributes = [:], edgeDefaults: DOTAttributes = [:],
        nodes: [DOTNode] = [], edges: [DOTEdge] = [], subgraphs: [DOTSubgraph] = []
    ) {
        self.name = name
        self.isDirected = isDirected
        self.isStrict = isStrict
        self.graphAttributes = graphAttributes
        self.nodeDefaults = nodeDefaults
        self.edgeDefaults = edgeDefaults
        self.nodes = nodes
        self.edges = edges
        self.subgraphs = subgraphs
    }

    /// The DOT text.
    public func write() -> String {
        // Every piece is appended to one string: concatenating per line would build and
        // free a temporary string for each `+`.
        var out = ""
        out.reserveCapacity(256 + 192 * (nodes.count + edges.count))
        out += (isStrict ? "strict " : "") + (isDirected ? "digraph " : "graph ")
        out += DOTEscaping.quoteID(name)
        out += " {\n"
        writeDefaults(into: &out, indent: "  ")
        for node in nodes.sorted(by: { $0.id < $1.id }) {
            out += "  "
            out += DOTEscaping.quoteID(node.id)
            Self.writeAttributeList(node.attributes, into: &out)
            out += ";\n"
        }
        for subgraph in subgraphs.sorted(by: { $0.name < $1.name }) {
            Self.write(subgraph, into: &out, indent: "  ")
        }
        let arrow = isDirected ? " -> " : " -- "
        let ordered = edges.enumerated().sorted { lhs, rhs in
            (lhs.element.from, lhs.element.to, lhs.offset) < (rhs.element.from, rhs.element.to, rhs.offset)
        }
        for (_, edge) in ordered {
            out += "  "
            out += DOTEscaping.quoteID(edge.from)
            out += arrow
            out += DOTEscaping.quoteID(edge.to)
            Self.writeAttributeList(edge.attributes, into: &out)
            out += ";\n"
        }
        out += "}\n"
        return out
    }

    private func writeDefaults(into out: inout String, indent: String) {
        if !graphAttributes.isEmpty { out += indent + "graph"; Self.writeAttributeList(graphAttributes, into: &out); out += ";\n" }
        if !nodeDefaults.isEmpty { out += indent + "node"; Self.writeAttributeList(nodeDefaults, into: &out); out += ";\n" }
        if !edgeDefaults.isEmpty { out += indent + "edge"; Self.writeAttributeList(edgeDefaults, into: &out); out += ";\n" }
    }

    private static func write(_ subgraph: DOTSubgraph, into out: inout String, indent: String) {
        out += indent + "subgraph " + DOTEscaping.quoteID(subgraph.name) + " {\n"
        let inner = indent + "  "
        if !subgraph.attributes.isEmpty { out += inner + "graph"; writeAttributeList(subgraph.attributes, into: &out); out += ";\n" }
        for id in Set(subgraph.nodeIDs).sorted() {
            out += inner + DOTEscaping.quoteID(id) + ";\n"
        }
        for child in subgraph.subgraphs.sorted(by: { $0.name < $1.name }) {
            write(child, into: &out, indent: inner)
        }
        out += indent + "}\n"
    }

    /// Appends ` [a="1", b="2"]`, sorted by name; nothing for no attributes.
    static func writeAttributeList(_ attributes: DOTAttributes, into out: inout String) {
        guard !attributes.isEmpty else { return }
        out += " ["
        var first = true
        for (name, value) in attributes.sorted(by: { $0.key < $1.key }) {
            if !first { out += ", " }
            first = false
            // A key from the data (`on click`, `x-ref`) is a quoted ID, which DOT allows.
            out += isValidAttributeName(name) ? name : DOTEscaping.quoteID(name)
            out += "="
            DOTEscaping.write(value, into: &out)
        }
        out += "]"
    }

    static func isValidAttributeName(_ name: String) -> Bool {
        // ASCII only, so the UTF-8 bytes are the scalars.
        func isLetter(_ byte: UInt8) -> Bool {
            byte == UInt8(ascii: "_") || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
        }
        guard let first = name.utf8.first, isLetter(first) else { return false }
        return name.utf8.allSatisfy { isLetter($0) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
    }
}
