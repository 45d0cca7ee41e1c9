import Foundation
internal import Yams
import PartnerGraph

/// Reads the YAML and JSON graph formats (one schema, `Schemas/partnergraph.schema.json`)
/// into a ``PartnerNetwork``, reporting every problem with its line and column.
///
/// JSON is checked for strict JSON syntax first, then read through the same
/// YAML composer (JSON is YAML's flow style), which gives every value a
/// position.
struct DocumentReader {
    let path: String
    let isJSON: Bool
    private var sink: DiagnosticSink
    private var graphMarks: [String: Mark] = [:]
    /// Reads only graph metadata (title, focal, description, settings,
    /// attributes): the `graph.yaml` beside a CSV pair. Partners and ties are
    /// errors there, and the semantic checks are left to the caller.
    var metadataOnly = false
    /// The node of every partner and tie read, in the order of ``PartnerNetwork/partners`` and
    /// ``PartnerNetwork/ties``. Their field positions are only needed when a problem is found
    /// (see ``partnerMarks(_:)`` and ``tieMarks(_:isDirected:)``), so they are worked out then.
    private var partnerNodes: [Node] = []
    private var tieNodes: [Node] = []

    init(path: String, isJSON: Bool) {
        self.path = path
        self.isJSON = isJSON
        self.sink = DiagnosticSink(path: path)
    }

    static let graphKeys = ["title", "focal", "description", "settings", "attributes", "partners", "ties"]
    static let partnerKeys = ["id", "name", "kind", "aliases", "region", "themes", "url", "attributes"]
    static let tieKeys = ["id", "type", "between", "from", "to", "start", "end", "label", "weight", "themes",
                          "source", "status", "note", "attributes"]
    static let tieTypeKeys = ["weight", "lookback", "event", "description"]
    static let settingsKeys = ["modes", "tieTypes"]
    static let modeKeys = ["name", "kinds"]

    /// Parses `text` (already UTF-8 checked).
    mutating func read(_ source: String) throws(GraphFileError) -> PartnerNetwork {
        let root = try YAMLReader.compose(source, path: path, syntax: isJSON ? .json : .yaml,
                                          empty: .init("file is empty", hint: "a graph file needs at least a partners list"))
        guard let top = root.mapping else {
            sink.error("the top level must be a mapping with 'partners' and 'ties'", line: root.mark?.line,
                       column: root.mark?.column, hint: "start the file with 'title:', 'partners:' and 'ties:'")
            throw GraphFileError(sink.sorted)
        }
        var net = PartnerNetwork()
        var partners: [Partner] = []
        var ties: [Tie] = []
        var sawPartners = false
        for (keyNode, value) in top {
            let key = keyNode.string ?? ""
            graphMarks[key] = value.mark ?? keyNode.mark
            switch key {
            case "title": net.title = text(value, field: "title")
            case "focal": net.focal = text(value, field: "focal")
            case "description": net.description = text(value, field: "description")
            case "settings": net.settings = settings(value)
            case "attributes": net.attributes = attributes(value)
            case "partners" where metadataOnly, "ties" where metadataOnly:
                sink.error("'\(key)' does not belong in the metadata file of a CSV pair", line: keyNode.mark?.line, column: keyNode.mark?.column,
                           hint: "partners go in partners.csv and ties in ties.csv; graph.yaml holds title, focal, description, settings and attributes")
            case "partners":
                sawPartners = true
                if isNull(value) { break }
                guard let seq = value.sequence else { typeError(value, "'partners' must be a list of partners", hint: "write each partner on its own line starting with '- id:'"); break }
                try Self.checkCount(seq, partners: true, path: path)
                partners.reserveCapacity(seq.count)
                partnerNodes.reserveCapacity(seq.count)
                for item in seq { if let p = partner(item) { partners.append(p) } }
            case "ties":
                if isNull(value) { break }
                guard let seq = value.sequence else { typeError(value, "'ties' must be a list of ties", hint: "write each tie on its own line starting with '- type:'"); break }
                try Self.checkCount(seq, partners: false, path: path)
                ties.reserveCapacity(seq.count)
                tieNodes.reserveCapacity(seq.count)
                for item in seq { if let t = tie(item) { ties.append(t) } }
            default:
                unknownKey(keyNode, key, in: Self.graphKeys, what: "top-level field")
            }
        }
        if metadataOnly { return net }  // problems so far are in `diagnostics`
        if !sawPartners {
            sink.error("missing required field 'partners'", line: root.mark?.line, column: root.mark?.column,
                       hint: "list the partners under 'partners:', each with id, name and kind")
        }
        let network = PartnerNetwork(title: net.title, focal: net.focal, description: net.description,
                                     settings: net.settings, attributes: net.attributes,
                                     partners: partners, ties: ties)
        for problem in network.problems() {
            let mark: Mark?
            switch problem.location {
            case .graph(let field):
                // A field's own mark, else its parent's (settings.modes.1.kinds.0 → settings.modes.1.kinds), else settings.
                var key = field
                var found = graphMarks[key]
                while found == nil, let dot = key.lastIndex(of: ".") {
                    key = String(key[..<dot])
                    found = graphMarks[key]
                }
                mark = found ?? graphMarks["settings"]
            case .partner(let i, let field):
                let marks = Self.partnerMarks(partnerNodes[i])
                mark = marks[field] ?? marks[""]
            case .tie(let i, let field):
                let marks = Self.tieMarks(tieNodes[i], isDirected: ties[i].isDirected)
                mark = marks[field] ?? marks[""]
            }
            sink.error(problem.message, line: mark?.line, column: mark?.column, hint: problem.hint)
        }
        if sink.hasErrors { throw GraphFileError(sink.sorted) }
        return network
    }

    /// The problems found so far (metadata-only reads return them here instead of throwing).
    var diagnostics: [Diagnostic] { sink.sorted }

    /// The line and column of a top-level field's value (for problems found later).
    func position(ofGraphField field: String) -> (line: Int, column: Int)? {
        guard let m = graphMarks[field] ?? graphMarks["settings"] else { return nil }
        return (m.line, m.column)
    }

    // MARK: - Elements

    private mutating func partner(_ node: Node) -> Partner? {
        guard case .mapping(let map) = node else {
            typeError(node, "a partner must be a mapping with id, name and kind")
            return nil
        }
        var p = Partner(id: "", name: "", kind: "")
        var hasID = false, hasName = false, hasKind = false
        // By index: iterating a `Node.Mapping` first copies every pair into a new array.
        for i in map.startIndex..<map.endIndex {
            let (k, v) = map[i]
            let key = Self.key(k)
            switch key {
            case "id": hasID = true; p.id = text(v, field: "id") ?? ""
            case "name": hasName = true; p.name = text(v, field: "name") ?? ""
            case "kind": hasKind = true; p.kind = text(v, field: "kind") ?? ""
            case "aliases": p.aliases = list(v, field: "aliases")
            case "region": p.region = text(v, field: "region")
            case "themes": p.themes = list(v, field: "themes")
            case "url": p.url = text(v, field: "url")
            case "attributes": p.attributes = attributes(v)
            default: unknownKey(k, key, in: Self.partnerKeys, what: "partner field", hint: "put custom fields under 'attributes:'")
            }
        }
        guard hasID && hasName && hasKind else {
            for (f, has) in [("id", hasID), ("name", hasName), ("kind", hasKind)] where !has {
                sink.error("partner\(hasID ? " '\(p.id)'" : "") is missing required field '\(f)'",
                           line: node.mark?.line, column: node.mark?.column,
                           hint: "every partner needs id, name and kind")
            }
            return nil
        }
        partnerNodes.append(node)
        return p
    }

    private mutating func tie(_ node: Node) -> Tie? {
        guard case .mapping(let map) = node else {
            typeError(node, "a tie must be a mapping with type and between (or from and to)")
            return nil
        }
        var t = Tie(type: "", source: "", target: "")
        var hasType = false, hasBetween = false, hasFrom = false, hasTo = false
        var ok = true
        for i in map.startIndex..<map.endIndex {
            let (k, v) = map[i]
            let key = Self.key(k)
            switch key {
            case "id": t.id = text(v, field: "id")
            case "type": hasType = true; t.type = text(v, field: "type") ?? ""
            case "between":
                hasBetween = true
                guard case .sequence(let seq) = v, seq.count == 2, let a = text(seq[0], field: "between"),
                      let b = text(seq[1], field: "between") else {
                    typeError(v, "'between' must be a list of two partner ids", hint: "write between: [first-id, second-id]; use several ties for more partners")
                    ok = false
                    break
                }
                t.source = a
                t.target = b
            case "from": hasFrom = true; t.source = text(v, field: "from") ?? ""; t.isDirected = true
            case "to": hasTo = true; t.target = text(v, field: "to") ?? ""; t.isDirected = true
            case "start": t.start = date(v, field: "start")
            case "end": t.end = date(v, field: "end")
            case "label": t.label = text(v, field: "label")
            case "weight": t.weight = number(v, field: "weight")
            case "themes": t.themes = list(v, field: "themes")
            case "source": t.provenance = text(v, field: "source")
            case "status": t.status = text(v, field: "status")
            case "note": t.note = text(v, field: "note")
            case "attributes": t.attributes = attributes(v)
            default: unknownKey(k, key, in: Self.tieKeys, what: "tie field", hint: "put custom fields under 'attributes:'")
            }
        }
        if !hasType {
            sink.error("tie is missing required field 'type'", line: node.mark?.line, column: node.mark?.column,
                       hint: "give type: agreement, liaison, joint-activity or a declared type")
            ok = false
        }
        if hasBetween && (hasFrom || hasTo) {
            sink.error("tie has both 'between' and 'from'/'to'", line: node.mark?.line, column: node.mark?.column,
                       hint: "use between: [a, b] for an undirected tie, or from: and to: for a directed one")
            ok = false
        } else if !hasBetween && !(hasFrom && hasTo) {
            let what = hasFrom ? "'to'" : (hasTo ? "'from'" : "'between'")
            sink.error("tie is missing required field \(what)", line: node.mark?.line, column: node.mark?.column,
                       hint: "use between: [a, b] for an undirected tie, or from: and to: for a directed one")
            ok = false
        }
        guard ok else { return nil }
        tieNodes.append(node)
        return t
    }

    // MARK: - Field positions

    /// Where a partner's fields are, by field name (`""` for the partner itself): the value's
    /// mark, or the key's when the value has none. Only computed for partners with a problem.
    private static func partnerMarks(_ node: Node) -> [String: Mark] {
        var marks: [String: Mark] = [:]
        if let m = node.mark { marks[""] = m }
        guard case .mapping(let map) = node else { return marks }
        for i in map.startIndex..<map.endIndex {
            let (k, v) = map[i]
            marks[key(k)] = v.mark ?? k.mark
        }
        return marks
    }

    /// Where a tie's fields are, like ``partnerMarks(_:)``, plus `source` and `target`: the two
    /// items of `between`, or `from` and `to` for a directed tie. (A `source` key, the tie's
    /// provenance, read after `between` takes the `source` position, as it always has.)
    /// Only computed for ties with a problem, which were read without error, so `between`,
    /// when present, is a list of two.
    private static func tieMarks(_ node: Node, isDirected: Bool) -> [String: Mark] {
        var marks: [String: Mark] = [:]
        if let m = node.mark { marks[""] = m }
        guard case .mapping(let map) = node else { return marks }
        for i in map.startIndex..<map.endIndex {
            let (k, v) = map[i]
            let key = key(k)
            marks[key] = v.mark ?? k.mark
            if key == "between", case .sequence(let seq) = v, seq.count == 2 {
                marks["source"] = seq[0].mark
                marks["target"] = seq[1].mark
            }
        }
        if isDirected {
            marks["source"] = marks["from"]
            marks["target"] = marks["to"]
        }
        return marks
    }

    private mutating func settings(_ node: Node) -> GraphSettings {
        if isNull(node) { return GraphSettings() }
        guard let map = node.mapping else { typeError(node, "'settings' must be a mapping"); return GraphSettings() }
        var types: [TieTypeSetting] = []
        var modes: [GraphMode] = []
        for (k, v) in map {
            let key = k.string ?? ""
            if key == "modes" {
                graphMarks["settings.modes"] = v.mark ?? k.mark
                modes = self.modes(v)
                continue
            }
            guard key == "tieTypes" else {
                unknownKey(k, key, in: Self.settingsKeys, what: "settings field")
                continue
            }
            guard let typesMap = v.mapping else { typeError(v, "'settings.tieTypes' must map type names to settings"); continue }
            for (tk, tv) in typesMap {
                let name = tk.string ?? ""
                var s = TieTypeSetting(name: name)
                if !isNull(tv) {
                    guard let m = tv.mapping else { typeError(tv, "tie type '\(name)' must be a mapping (weight, lookback, event)"); continue }
                    for (fk, fv) in m {
                        let f = fk.string ?? ""
                        graphMarks["settings.tieTypes.\(name).\(f)"] = fv.mark
                        switch f {
                        case "weight": s.weight = number(fv, field: "weight")
                        case "lookback":
                            if let t = text(fv, field: "lookback") {
                                if let l = Lookback(t) { s.lookback = l } else {
                                    sink.error("invalid lookback '\(t)'", line: fv.mark?.line, column: fv.mark?.column,
                                               hint: "write a span like 3y, 18m, 90d or 1y6m (a bare number means years)")
                                }
                            }
                        case "event": s.isEvent = bool(fv, field: "event")
                        case "description": s.description = text(fv, field: "description")
                        default: unknownKey(fk, f, in: Self.tieTypeKeys, what: "tie type field")
                        }
                    }
                }
                types.append(s)
            }
        }
        return GraphSettings(tieTypes: types, modes: modes)
    }

    /// `settings.modes`: a list of two sides, each `{name, kinds}`. Structural
    /// problems are reported here; the rest (two sides, a kind on both) by
    /// ``PartnerNetwork/problems()`` at the marks recorded here.
    private mutating func modes(_ node: Node) -> [GraphMode] {
        if isNull(node) { return [] }
        guard let seq = node.sequence else {
            typeError(node, "'settings.modes' must be a list of two sides",
                      hint: "write - name: women, kinds: [woman] and - name: events, kinds: [event]")
            return []
        }
        var out: [GraphMode] = []
        for (i, item) in seq.enumerated() {
            graphMarks["settings.modes.\(i).name"] = item.mark
            graphMarks["settings.modes.\(i).kinds"] = item.mark
            guard let m = item.mapping else {
                typeError(item, "a side of settings.modes must be a mapping with name and kinds")
                continue
            }
            // A side without a name or kinds is kept (empty): the network's problems report it.
            var mode = GraphMode(name: "", kinds: [])
            for (fk, fv) in m {
                let f = fk.string ?? ""
                switch f {
                case "name": mode.name = text(fv, field: "name") ?? ""; graphMarks["settings.modes.\(i).name"] = fv.mark
                case "kinds":
                    mode.kinds = list(fv, field: "kinds")
                    graphMarks["settings.modes.\(i).kinds"] = fv.mark
                    if case .sequence(let items) = fv {
                        for (j, k) in items.enumerated() { graphMarks["settings.modes.\(i).kinds.\(j)"] = k.mark }
                    }
                default: unknownKey(fk, f, in: Self.modeKeys, what: "settings.modes field")
                }
            }
            out.append(mode)
        }
        return out
    }

    // MARK: - Values

    private func isNull(_ node: Node) -> Bool { YAMLReader.isNull(node) }

    private static func isNull(_ s: Node.Scalar) -> Bool { YAMLReader.isNull(s) }

    /// The text of a mapping key: a scalar's string, else what Yams makes of the node (`""` when nothing).
    private static func key(_ node: Node) -> String {
        if case .scalar(let s) = node { return s.string }
        return node.string ?? ""
    }

    private mutating func text(_ node: Node, field: String) -> String? {
        guard case .scalar(let s) = node else {
            typeError(node, "'\(field)' must be text, not a \(kindName(node))")
            return nil
        }
        return Self.isNull(s) ? nil : s.string
    }

    private mutating func list(_ node: Node, field: String) -> [String] {
        if isNull(node) { return [] }
        if case .scalar(let s) = node {
            typeError(node, "'\(field)' must be a list, not the text '\(s.string)'", hint: "write \(field): [\(s.string)]")
            return []
        }
        guard case .sequence(let seq) = node else { typeError(node, "'\(field)' must be a list of text"); return [] }
        var out: [String] = []
        out.reserveCapacity(seq.count)
        for item in seq { if let t = text(item, field: field) { out.append(t) } }
        return out
    }

    private mutating func number(_ node: Node, field: String) -> Double? {
        guard case .scalar(let s) = node else { typeError(node, "'\(field)' must be a number, not a \(kindName(node))"); return nil }
        if Self.isNull(s) { return nil }
        if s.style == .plain || s.style == .any, let d = Double(s.string.trimmingSpaces) { return d }
        typeError(node, "'\(field)' must be a number, not the text '\(s.string)'", hint: "write a number such as 3 or 1.5, without quotes")
        return nil
    }

    private mutating func bool(_ node: Node, field: String) -> Bool? {
        if case .scalar(let s) = node, s.style == .plain || s.style == .any {
            switch s.string {
            case "true", "True", "TRUE", "yes": return true
            case "false", "False", "FALSE", "no": return false
            default: break
            }
        }
        typeError(node, "'\(field)' must be true or false")
        return nil
    }

    private mutating func date(_ node: Node, field: String) -> PartialDate? {
        guard case .scalar(let s) = node else { typeError(node, "'\(field)' must be a date, not a \(kindName(node))"); return nil }
        if Self.isNull(s) { return nil }
        switch PartialDate.parse(s.string.trimmingSpaces) {
        case .success(let d): return d
        case .failure(let p):
            sink.error(p.message, line: node.mark?.line, column: node.mark?.column, hint: p.hint)
            return nil
        }
    }

    private mutating func attributes(_ node: Node) -> [String: AttributeValue] {
        if isNull(node) { return [:] }
        guard case .mapping(let map) = node else { typeError(node, "'attributes' must be a mapping of names to values"); return [:] }
        var out: [String: AttributeValue] = [:]
        out.reserveCapacity(map.count)
        for i in map.startIndex..<map.endIndex {
            let (k, v) = map[i]
            if let value = attributeValue(v) { out[Self.key(k)] = value }
        }
        return out
    }

    private mutating func attributeValue(_ node: Node) -> AttributeValue? {
        switch node {
        case .scalar(let s):
            if s.style == .plain || s.style == .any {
                if Self.isNull(s) {
                    typeError(node, "attribute values cannot be empty or null", hint: "remove the attribute or give it a value")
                    return nil
                }
                switch s.string {
                case "true", "True", "TRUE": return .bool(true)
                case "false", "False", "FALSE": return .bool(false)
                default: break
                }
                if let i = Int(s.string) { return .integer(i) }
                if let d = Double(s.string), s.string.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }) {
                    return .number(d)
                }
            }
            return .string(s.string)
        case .sequence(let seq):
            return .list(seq.compactMap { attributeValue($0) })
        case .mapping:
            return .map(attributes(node))
        case .alias:
            typeError(node, "aliases are not supported in graph files")
            return nil
        }
    }

    private func kindName(_ node: Node) -> String {
        switch node {
        case .scalar: return "text"
        case .mapping: return "mapping"
        case .sequence: return "list"
        case .alias: return "alias"
        }
    }

    // MARK: - Diagnostics

    private mutating func typeError(_ node: Node, _ message: String, hint: String? = nil) {
        sink.error(message, line: node.mark?.line, column: node.mark?.column, hint: hint)
    }

    private mutating func unknownKey(_ keyNode: Node, _ key: String, in known: [String], what: String, hint: String? = nil) {
        let s = Suggestion.closest(to: key, among: known)
        sink.error("unknown \(what) '\(key)'" + (s.map { " (did you mean '\($0)'?)" } ?? ""),
                   line: keyNode.mark?.line, column: keyNode.mark?.column,
                   hint: hint ?? "known fields: \(known.joined(separator: ", "))")
    }

    /// Throws at the first partner (tie) past ``ReadLimits/maxPartners`` (``ReadLimits/maxTies``).
    private static func checkCount(_ items: Node.Sequence, partners: Bool, path: String) throws(GraphFileError) {
        let limits = ReadLimits.current
        let limit = partners ? limits.maxPartners : limits.maxTies
        guard items.count > limit else { return }
        let first = items[items.index(items.startIndex, offsetBy: limit)]
        let text = limits.countMessage(partners: partners)
        throw GraphFileError([Diagnostic(path: path, line: first.mark?.line, column: first.mark?.column,
                                         message: text.message, hint: text.hint)])
    }
}
