import FigureStyle
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import PartnerGraph


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
        if network.settings.isTwoMode {
            out.append("settings.modes (the two sides of a two-mode graph; declare them again after reading back)")
        }
        out += XMLAttributeTyping.limitations(network.attributes.map { [$0.key: $0.value] }, what: "graph attribute")
        out += XMLAttributeTyping.limitations(network.partners.map(\.attributes), what: "partner attribute")
        out += XMLAttributeTyping.limitations(network.ties.map(\.attributes), what: "tie attribute")
        return out
    }
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
