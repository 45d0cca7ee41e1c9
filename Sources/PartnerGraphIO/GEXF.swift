import FigureStyle
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import PartnerGraph

/// GEXF (<https://gexf.net>), Gephi's format: written as GEXF 1.3 with
/// dynamic spells so Gephi's timeline plays the partnership history; read
/// from GEXF 1.1, 1.2 and 1.3, static or dynamic.
///
/// The writer produces `mode="dynamic" timeformat="date"`. Each tie's
/// interval (``PartnerNetwork/interval(of:)``: a start means the first day of
/// its period, an end the last; an event without an end lasts its start's
/// period) becomes `<spells><spell start=… end=…/></spells>`, an open bound
/// is left out; each partner's spell runs from its first tie's start to its
/// last tie's end (open when a relationship is ongoing). The exact partial
/// dates are also kept as the `start` and `end` edge attributes, so a
/// round trip is lossless. Fields are `<attributes class="node">` (`kind`,
/// `region`, `themes`, `aliases`, `url`, free attributes) and
/// `<attributes class="edge">` (`type`, `start`, `end`, `source_document`,
/// `status`, `note`, `themes`, `directed` for mixed graphs, free attributes);
/// the name is the node `label`, the tie label the edge `label`, an explicit
/// weight the edge `weight`, the tie type also the GEXF 1.3 edge `kind`.
/// The title and description go to `<meta>`, the focal partner is the node
/// with the boolean attribute `focal` set; GEXF has no place for tie type
/// settings or graph attributes (see ``limitations(of:)``).
///
/// ```swift
/// try AtomicFile.write(Array(GEXF.text(of: network).utf8), to: "timeline.gexf")
/// ```
public enum GEXF {
    /// Reads a GEXF file (1.1, 1.2 or 1.3; static or dynamic).
    /// - Returns: The network and warnings about defaults filled in.
    /// - Throws: ``GraphFileError`` with line and column for malformed XML,
    ///   unknown attribute types, bad values, edges to missing nodes and
    ///   every problem ``PartnerNetwork/problems()`` finds.
    /// - Complexity: O(file size).
    public static func read(path: String) throws(GraphFileError) -> LoadedNetwork {
        try read(TextInput.bytes(atPath: path), path: path)
    }

    /// Reads GEXF from bytes in memory; `path` is used in diagnostics.
    /// - Throws: ``GraphFileError``, as ``read(path:)``.
    public static func read(_ bytes: [UInt8], path: String = "<input>") throws(GraphFileError) -> LoadedNetwork {
        try GEXFReader(bytes: bytes, path: path).run()
    }

    /// The GEXF 1.3 text of a network, with dynamic spells. Deterministic:
    /// attributes sorted by name, nodes and edges in file order.
    /// - Complexity: O(size of the network).
    public static func text(of network: PartnerNetwork) -> String {
        GEXFWriter(network: network).text()
    }

    /// What GEXF cannot hold of `network`, one sentence each.
    public static func limitations(of network: PartnerNetwork) -> [String] {
        var out: [String] = []
        if !network.settings.tieTypes.isEmpty {
            out.append("settings.tieTypes (types not built in are declared again with weight 1 when read back)")
        }
        if network.settings.isTwoMode {
            out.append("settings.modes (the two sides of a two-mode graph; declare them again after reading back)")
        }
        if !network.attributes.isEmpty {
            out.append("graph attributes \(network.attributes.keys.sorted().joined(separator: ", "))")
        }
        out += XMLAttributeTyping.limitations(network.partners.map(\.attributes), what: "partner attribute")
        out += XMLAttributeTyping.limitations(network.ties.map(\.attributes), what: "tie attribute")
        return out
    }
}

// MARK: - Writer

/// Writes GEXF 1.3 (see ``GEXF``).
struct GEXFWriter {
    let network: PartnerNetwork

    struct Attribute {
        let field: String
        let title: String
        let type: String
        var id = ""
    }

    static let nodeFields = ["kind", "region", "themes", "aliases", "url", "focal"]
    static let edgeFields = ["type", "start", "end", "source_document", "status", "note", "themes", "directed"]

    func text() -> String {
        let net = network
        let ps = net.partners, ts = net.ties
        let anyDirected = ts.contains { $0.isDirected }
        let allDirected = !ts.isEmpty && ts.allSatisfy { $0.isDirected }
        let mixed = anyDirected && !allDirected

        var nodeAttrs: [Attribute] = [Attribute(field: "kind", title: "kind", type: "string")]
        if ps.contains(where: { $0.region != nil }) { nodeAttrs.append(Attribute(field: "region", title: "region", type: "string")) }
        if ps.contains(where: { !$0.themes.isEmpty }) { nodeAttrs.append(Attribute(field: "themes", title: "themes", type: "string")) }
        if ps.contains(where: { !$0.aliases.isEmpty }) { nodeAttrs.append(Attribute(field: "aliases", title: "aliases", type: "string")) }
        if ps.contains(where: { $0.url != nil }) { nodeAttrs.append(Attribute(field: "url", title: "url", type: "string")) }
        if let f = net.focal, net.partner(id: f) != nil {
            nodeAttrs.append(Attribute(field: "focal", title: "focal", type: "boolean"))
        }
        for (attr, key) in GraphMLWriter.freeKeys(ps.map(\.attributes), domain: "node", reserved: Self.nodeFields + ["label"]) {
            nodeAttrs.append(Attribute(field: "@" + attr, title: key.name, type: key.type))
        }
        var edgeAttrs: [Attribute] = [Attribute(field: "type", title: "type", type: "string")]
        let optional: [(String, (Tie) -> Bool)] = [
            ("start", { $0.start != nil }), ("end", { $0.end != nil }), ("source_document", { $0.provenance != nil }),
            ("status", { $0.status != nil }), ("note", { $0.note != nil }), ("themes", { !$0.themes.isEmpty }),
        ]
        for (name, used) in optional where ts.contains(where: used) {
            edgeAttrs.append(Attribute(field: name, title: name, type: "string"))
        }
        if mixed { edgeAttrs.append(Attribute(field: "directed", title: "directed", type: "boolean")) }
        for (attr, key) in GraphMLWriter.freeKeys(ts.map(\.attributes), domain: "edge",
                                                  reserved: Self.edgeFields + ["label", "weight", "id"]) {
            edgeAttrs.append(Attribute(field: "@" + attr, title: key.name, type: key.type))
        }
        for i in nodeAttrs.indices { nodeAttrs[i].id = "n\(i)" }
        for i in edgeAttrs.indices { edgeAttrs[i].id = "e\(i)" }

        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<gexf xmlns=\"http://gexf.net/1.3\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
        out += "xsi:schemaLocation=\"http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd\" version=\"1.3\">\n"
        out += "  <meta>\n    <creator>partnergraph</creator>\n"
        if let t = net.title { out += "    <title>\(XMLEscaping.data(t))</title>\n" }
        if let d = net.description { out += "    <description>\(XMLEscaping.data(d))</description>\n" }
        out += "  </meta>\n"
        out += "  <graph mode=\"dynamic\" defaultedgetype=\"\(allDirected ? "directed" : "undirected")\" timeformat=\"date\">\n"
        for (cls, attrs) in [("node", nodeAttrs), ("edge", edgeAttrs)] {
            out += "    <attributes class=\"\(cls)\" mode=\"static\">\n"
            for a in attrs {
                out += "      <attribute id=\"\(a.id)\" title=\"\(XMLEscaping.data(a.title))\" type=\"\(a.type)\"/>\n"
            }
            out += "    </attributes>\n"
        }

        func spell(_ start: Day?, _ end: Day?) -> String {
            guard start != nil || end != nil else { return "" }
            var s = "<spells><spell"
            if let start { s += " start=\"\(start)\"" }
            if let end { s += " end=\"\(end)\"" }
            return s + "/></spells>"
        }

        out += "    <nodes>\n"
        let activity = net.activityByPartner()
        for (i, p) in ps.enumerated() {
            out += "      <node id=\"\(XMLEscaping.data(p.id))\" label=\"\(XMLEscaping.data(p.name))\">\n"
            var values: [(String, String)] = []
            for a in nodeAttrs {
                let v: String?
                switch a.field {
                case "kind": v = p.kind
                case "region": v = p.region
                case "themes": v = p.themes.isEmpty ? nil : p.themes.joined(separator: ";")
                case "aliases": v = p.aliases.isEmpty ? nil : p.aliases.joined(separator: ";")
                case "url": v = p.url
                case "focal": v = p.id == net.focal ? "true" : nil
                default: v = p.attributes[String(a.field.dropFirst())].map(XMLAttributeTyping.text)
                }
                if let v { values.append((a.id, v)) }
            }
            out += attvalues(values, indent: "        ")
            let span = activity[i]
            if span.tieCount > 0 {
                let s = spell(span.first, span.isOngoing ? nil : span.last)
                if !s.isEmpty { out += "        " + s + "\n" }
            }
            out += "      </node>\n"
        }
        out += "    </nodes>\n    <edges>\n"
        for t in ts {
            out += "      <edge"
            if let id = t.id { out += " id=\"\(XMLEscaping.data(id))\"" }
            out += " source=\"\(XMLEscaping.data(t.source))\" target=\"\(XMLEscaping.data(t.target))\""
            out += " kind=\"\(XMLEscaping.data(t.type))\""
            if let l = t.label { out += " label=\"\(XMLEscaping.data(l))\"" }
            if let w = t.weight { out += " weight=\"\(NumberFormatting.shortest(w))\"" }
            out += ">\n"
            var values: [(String, String)] = []
            for a in edgeAttrs {
                let v: String?
                switch a.field {
                case "type": v = t.type
                case "start": v = t.start?.description
                case "end": v = t.end?.description
                case "source_document": v = t.provenance
                case "status": v = t.status
                case "note": v = t.note
                case "themes": v = t.themes.isEmpty ? nil : t.themes.joined(separator: ";")
                case "directed": v = t.isDirected ? "true" : "false"
                default: v = t.attributes[String(a.field.dropFirst())].map(XMLAttributeTyping.text)
                }
                if let v { values.append((a.id, v)) }
            }
            out += attvalues(values, indent: "        ")
            let iv = net.interval(of: t)
            let s = spell(iv.start, iv.end)
            if !s.isEmpty { out += "        " + s + "\n" }
            out += "      </edge>\n"
        }
        out += "    </edges>\n  </graph>\n</gexf>\n"
        return out
    }

    private func attvalues(_ values: [(String, String)], indent: String) -> String {
        guard !values.isEmpty else { return "" }
        var s = indent + "<attvalues>\n"
        for (id, v) in values {
            s += indent + "  <attvalue for=\"\(id)\" value=\"\(XMLEscaping.data(v))\"/>\n"
        }
        return s + indent + "</attvalues>\n"
    }
}

// MARK: - Reader

/// Reads GEXF into a network (see ``GEXF``).
final class GEXFReader: XMLEventReader {
    private struct AttributeDeclaration {
        let title: String
        let type: String
        var defaultText: String?
    }

    private struct Element {
        var attributes: [String: String]
        var position: Position
        var values: [(id: String, text: String, position: Position)] = []
        var spells: [(start: String?, end: String?, position: Position)] = []
    }

    static let knownTypes: Set<String> = ["string", "integer", "long", "float", "double", "boolean", "liststring",
                                          "anyURI", "date", "byte", "short", "bigdecimal", "biginteger", "char",
                                          "listboolean", "listinteger", "listlong", "listfloat", "listdouble",
                                          "listbyte", "listshort", "listbigdecimal", "listbiginteger", "listchar"]

    private var sawGEXF = false
    private var title: String?
    private var graphDescription: String?
    private var inMeta = false
    private var defaultDirected = false
    private var timeFormat = "double"
    private var attributeClass: String?
    private var declarations: [String: [String: AttributeDeclaration]] = ["node": [:], "edge": [:]]
    private var currentAttribute: (cls: String, id: String)?
    private var nodeStack: [Element] = []
    private var nodes: [Element] = []
    private var edges: [Element] = []
    private var currentEdge: Element?

    func run() throws(GraphFileError) -> LoadedNetwork {
        guard parse(rootDescription: "GEXF") else { throw GraphFileError(sortedDiagnostics) }
        if !sawGEXF {
            error("not a GEXF file: the root element is not <gexf>", at: Position(line: 1, column: 1),
                  hint: "GEXF files start with <gexf xmlns=\"http://gexf.net/1.3\" version=\"1.3\">")
            throw GraphFileError(sortedDiagnostics)
        }
        return try build()
    }

    override func didStart(_ name: String, attributes: [String: String], position: Position) {
        switch name {
        case "gexf": sawGEXF = true
        case "meta": inMeta = true
        case "title", "description": if inMeta { collectsText = true }
        case "graph":
            let d = attributes["defaultedgetype"] ?? "undirected"
            defaultDirected = d == "directed"
            timeFormat = attributes["timeformat"] ?? "double"
        case "attributes":
            attributeClass = attributes["class"]
            if let c = attributeClass, c != "node" && c != "edge" {
                error("unknown attributes class '\(c)'", at: position, hint: "class is node or edge")
                attributeClass = nil
            }
        case "attribute":
            guard let cls = attributeClass else { return }
            let id = attributes["id"] ?? ""
            let type = attributes["type"] ?? "string"
            guard Self.knownTypes.contains(type) else {
                error("unknown attribute type '\(type)' for attribute '\(id)'", at: position,
                      hint: "GEXF types are string, integer, long, float, double, boolean, liststring, anyURI, date…")
                return
            }
            declarations[cls]![id] = AttributeDeclaration(title: attributes["title"] ?? id, type: type)
            currentAttribute = (cls, id)
        case "default":
            if currentAttribute != nil { collectsText = true }
        case "node":
            nodeStack.append(Element(attributes: attributes, position: position))
            if attributes["id"] == nil { error("<node> without an id", at: position, hint: "write <node id=\"…\" label=\"…\">") }
        case "edge":
            currentEdge = Element(attributes: attributes, position: position)
            for a in ["source", "target"] where attributes[a] == nil {
                error("<edge> without a \(a)", at: position, hint: "write <edge source=\"…\" target=\"…\">")
            }
        case "attvalue":
            let id = attributes["for"] ?? attributes["id"] ?? ""
            let item = (id, attributes["value"] ?? "", position)
            if currentEdge != nil { currentEdge!.values.append(item) } else if !nodeStack.isEmpty {
                nodeStack[nodeStack.count - 1].values.append(item)
            }
        case "spell", "slice":
            let item = (attributes["start"] ?? attributes["startopen"], attributes["end"] ?? attributes["endopen"], position)
            if currentEdge != nil { currentEdge!.spells.append(item) } else if !nodeStack.isEmpty {
                nodeStack[nodeStack.count - 1].spells.append(item)
            }
        default:
            break
        }
    }

    override func didEnd(_ name: String, text: String) {
        switch name {
        case "meta": inMeta = false
        case "title": if inMeta { title = text.trimmingSpaces }
        case "description": if inMeta { graphDescription = text.trimmingSpaces }
        case "attributes": attributeClass = nil
        case "attribute": currentAttribute = nil
        case "default":
            if let a = currentAttribute { declarations[a.cls]![a.id]?.defaultText = text }
        case "node":
            if let n = nodeStack.popLast() { nodes.append(n) }
        case "edge":
            if let e = currentEdge { edges.append(e) }
            currentEdge = nil
        default:
            break
        }
    }

    // MARK: Building

    private func value(_ text: String, _ d: AttributeDeclaration, position: Position) -> AttributeValue? {
        let t = text.trimmingSpaces
        switch d.type {
        case "integer", "long", "byte", "short", "biginteger":
            if let i = Int(t) { return .integer(i) }
            error("'\(t)' is not an integer (attribute '\(d.title)' has type \(d.type))", at: position,
                  hint: "write a whole number, or declare the attribute as string")
        case "float", "double", "bigdecimal":
            if let x = Double(t) { return .number(x) }
            switch t.lowercased() {
            case "nan": return .number(.nan)
            case "inf", "infinity": return .number(.infinity)
            case "-inf", "-infinity": return .number(-.infinity)
            default: break
            }
            error("'\(t)' is not a number (attribute '\(d.title)' has type \(d.type))", at: position,
                  hint: "write a number such as 1.5, or declare the attribute as string")
        case "boolean":
            switch t.lowercased() {
            case "true", "1": return .bool(true)
            case "false", "0": return .bool(false)
            default:
                error("'\(t)' is not a boolean (attribute '\(d.title)')", at: position, hint: "write true or false")
            }
        default:
            return .string(text)
        }
        return nil
    }

    private func values(_ e: Element, cls: String) -> [(title: String, value: AttributeValue, position: Position)] {
        var out: [(String, AttributeValue, Position)] = []
        var given = Set<String>()
        for v in e.values {
            guard let d = declarations[cls]![v.id] else {
                error("<attvalue> refers to undeclared \(cls) attribute '\(v.id)'", at: v.position,
                      hint: "declare it under <attributes class=\"\(cls)\"> with <attribute id=\"\(v.id)\" title=\"…\" type=\"string\"/>")
                continue
            }
            if given.contains(v.id) { continue }  // dynamic attribute values: keep the first
            given.insert(v.id)
            if let x = value(v.text, d, position: v.position) { out.append((d.title, x, v.position)) }
        }
        for (id, d) in declarations[cls]!.sorted(by: { $0.key < $1.key }) where !given.contains(id) {
            if let t = d.defaultText, let x = value(t, d, position: e.position) { out.append((d.title, x, e.position)) }
        }
        return out
    }

    /// A date from a GEXF time value: a date, or a whole year for numeric time formats.
    private func date(_ text: String, position: Position) -> PartialDate? {
        let t = text.trimmingSpaces
        if let d = PartialDate(t) { return d }
        if timeFormat != "date" && timeFormat != "dateTime", let x = Double(t), x == x.rounded(), (0...9999).contains(x) {
            return PartialDate(year: Int(x))
        }
        if t.count > 10, let d = PartialDate(String(t.prefix(10))) { return d }  // dateTime
        if case .failure(let problem) = PartialDate.parse(t), t.count == 10, t.contains("-") {
            error(problem.message, at: position, hint: problem.hint)
        } else {
            error("time '\(t)' is not a date", at: position,
                  hint: "partnergraph reads dates (YYYY-MM-DD) or whole years as GEXF times")
        }
        return nil
    }

    private static func list(_ v: AttributeValue) -> [String] {
        var s = v.description.trimmingSpaces
        if s.hasPrefix("[") && s.hasSuffix("]") { s = String(s.dropFirst().dropLast()) }
        let sep: Character = s.contains(";") ? ";" : (s.contains("|") ? "|" : ";")
        return s.split(separator: sep).map { String($0).trimmingSpaces }.filter { !$0.isEmpty }
    }

    private static func unescapedName(_ name: String) -> String {
        name.hasPrefix("attributes.") ? String(name.dropFirst("attributes.".count)) : name
    }

    private func build() throws(GraphFileError) -> LoadedNetwork {
        var partners: [Partner] = []
        partners.reserveCapacity(nodes.count)
        var nodePositions: [Position] = []
        var missingKind = 0
        var focal: String?
        for n in nodes {
            guard let id = n.attributes["id"] else { continue }
            var p = Partner(id: id, name: n.attributes["label"] ?? "", kind: "")
            if p.name.isEmpty { p.name = id }
            for (title, v, _) in values(n, cls: "node") {
                switch title {
                case "kind": p.kind = v.description
                case "region": p.region = v.description
                case "themes": p.themes = Self.list(v)
                case "aliases": p.aliases = Self.list(v)
                case "url": p.url = v.description
                case "focal" where v == .bool(true) || v == .bool(false):
                    if v == .bool(true) && focal == nil { focal = id }
                default: p.attributes[Self.unescapedName(title)] = v
                }
            }
            if p.kind.isEmpty {
                p.kind = "unspecified"
                missingKind += 1
            }
            partners.append(p)
            nodePositions.append(n.position)
        }
        if missingKind > 0 {
            warning(XMLText.count(missingKind, of: partners.count, "node", "no 'kind'") + "; set to 'unspecified'",
                    at: nil, hint: "add a node attribute titled 'kind' to classify partners")
        }

        let declaresDates = declarations["edge"]!.values.contains { $0.title == "start" || $0.title == "end" }
        var ties: [Tie] = []
        ties.reserveCapacity(edges.count)
        var edgePositions: [Position] = []
        var missingType = 0
        let known = Set(partners.map(\.id))
        for e in edges {
            guard let s = e.attributes["source"], let t = e.attributes["target"] else { continue }
            for (end, ref) in [("source", s), ("target", t)] where !known.contains(ref) {
                let near = Suggestion.closest(to: ref, among: Array(partners.prefix(5000).map(\.id)))
                error("edge \(end) '\(ref)' is not a node" + (near.map { " (did you mean '\($0)'?)" } ?? ""),
                      at: e.position, hint: "every edge endpoint must be the id of a <node>")
            }
            var tie = Tie(type: "", source: s, target: t, isDirected: defaultDirected)
            tie.id = e.attributes["id"]
            switch e.attributes["type"] {
            case "directed": tie.isDirected = true
            case "undirected", "mutual": tie.isDirected = false
            case nil: break
            case let other?:
                // NetworkX writes an edge attribute named `type` here: take it as the tie type.
                tie.type = other
            }
            tie.label = e.attributes["label"]
            if let w = e.attributes["weight"] {
                if let x = Double(w.trimmingSpaces) { tie.weight = x } else {
                    error("weight '\(w)' is not a number", at: e.position, hint: "write a number such as 3 or 1.5")
                }
            }
            for (title, v, pos) in values(e, cls: "edge") {
                switch title {
                case "type": tie.type = v.description
                case "start", "end":
                    let text = v.description.trimmingSpaces
                    if text.isEmpty { continue }
                    switch PartialDate.parse(text) {
                    case .success(let d): if title == "start" { tie.start = d } else { tie.end = d }
                    case .failure(let problem): error(problem.message, at: pos, hint: problem.hint)
                    }
                case "source_document": tie.provenance = v.description
                case "status": tie.status = v.description
                case "note": tie.note = v.description
                case "themes": tie.themes = Self.list(v)
                // NetworkX's multigraph key: it only tells parallel edges apart, which separate ties do.
                case "networkx_key": continue
                case "directed":
                    if case .bool(let b) = v { tie.isDirected = b } else { tie.attributes["directed"] = v }
                case "weight" where tie.weight == nil:
                    if case .number(let x) = v { tie.weight = x } else if case .integer(let x) = v { tie.weight = Double(x) } else {
                        tie.attributes["weight"] = v
                    }
                default: tie.attributes[Self.unescapedName(title)] = v
                }
            }
            if tie.type.isEmpty, let k = e.attributes["kind"], !k.isEmpty { tie.type = k }
            if tie.type.isEmpty {
                tie.type = "edge"
                missingType += 1
            }
            if !declaresDates {
                // Dates from the edge's own start/end or its spells (first start, last end).
                var start = e.attributes["start"], end = e.attributes["end"]
                if start == nil && end == nil && !e.spells.isEmpty {
                    start = e.spells.compactMap(\.start).min()
                    end = e.spells.contains { $0.end == nil } ? nil : e.spells.compactMap(\.end).max()
                }
                if let start { tie.start = date(start, position: e.position) }
                if let end { tie.end = date(end, position: e.position) }
            }
            ties.append(tie)
            edgePositions.append(e.position)
        }

        var declared: [TieTypeSetting] = []
        var names = Set(TieTypeDefinition.builtIn.map(\.name))
        var added: [String] = []
        for t in ties where !names.contains(t.type) {
            declared.append(TieTypeSetting(name: t.type, weight: 1,
                                           description: t.type == "edge" ? "an edge read from GEXF without a type" : nil))
            names.insert(t.type)
            added.append(t.type)
        }
        if missingType > 0 {
            warning(XMLText.count(missingType, of: ties.count, "edge", "no 'type'") + "; set to 'edge' (declared under settings.tieTypes, weight 1)",
                    at: nil, hint: "add an edge attribute titled 'type' (agreement, liaison, joint-activity or a declared type)")
        }
        let foreign = added.filter { $0 != "edge" }
        if !foreign.isEmpty {
            warning("declared tie type\(foreign.count == 1 ? "" : "s") not built in: \(foreign.sorted().joined(separator: ", ")) (weight 1)", at: nil)
        }
        if hasErrors { throw GraphFileError(sortedDiagnostics) }
        let network = PartnerNetwork(title: title, focal: focal, description: graphDescription,
                                     settings: GraphSettings(tieTypes: declared), partners: partners, ties: ties)
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
}
