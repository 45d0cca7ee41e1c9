internal import Yams
import FigureStyle
import PartnerGraph

/// An ordered document tree: the one shape both the YAML and the JSON
/// writers emit, so the two formats always hold the same fields.
enum DocumentTree: Equatable {
    case string(String)
    case number(Double)
    /// A number that must read back as a non-integer (free attributes): always has a `.` or exponent.
    case decimal(Double)
    /// A date (start, end): plain in YAML so other YAML readers see a date.
    case date(String)
    case integer(Int)
    case bool(Bool)
    case list([DocumentTree], flow: Bool = false)
    case map([(String, DocumentTree)])

    static func == (a: DocumentTree, b: DocumentTree) -> Bool {
        switch (a, b) {
        case (.string(let x), .string(let y)): return x == y
        case (.number(let x), .number(let y)), (.decimal(let x), .decimal(let y)): return x == y
        case (.date(let x), .date(let y)): return x == y
        case (.integer(let x), .integer(let y)): return x == y
        case (.bool(let x), .bool(let y)): return x == y
        case (.list(let x, _), .list(let y, _)): return x == y
        case (.map(let x), .map(let y)): return x.map(\.0) == y.map(\.0) && x.map(\.1) == y.map(\.1)
        default: return false
        }
    }

    // MARK: Model → tree

    static func encode(_ net: PartnerNetwork) -> DocumentTree {
        var top: [(String, DocumentTree)] = []
        if let t = net.title { top.append(("title", .string(t))) }
        if let f = net.focal { top.append(("focal", .string(f))) }
        if let d = net.description { top.append(("description", .string(d))) }
        var settings: [(String, DocumentTree)] = []
        if !net.settings.modes.isEmpty {
            settings.append(("modes", .list(net.settings.modes.map {
                .map([("name", .string($0.name)), ("kinds", .list($0.kinds.map { .string($0) }, flow: true))])
            })))
        }
        if !net.settings.tieTypes.isEmpty {
            var types: [(String, DocumentTree)] = []
            for s in net.settings.tieTypes {
                var m: [(String, DocumentTree)] = []
                if let w = s.weight { m.append(("weight", .number(w))) }
                if let l = s.lookback { m.append(("lookback", .string(l.description))) }
                if let e = s.isEvent { m.append(("event", .bool(e))) }
                if let d = s.description { m.append(("description", .string(d))) }
                types.append((s.name, .map(m)))
            }
            settings.append(("tieTypes", .map(types)))
        }
        if !settings.isEmpty { top.append(("settings", .map(settings))) }
        if !net.attributes.isEmpty { top.append(("attributes", encode(net.attributes))) }
        top.append(("partners", .list(net.partners.map(encode))))
        top.append(("ties", .list(net.ties.map(encode))))
        return .map(top)
    }

    static func encode(_ p: Partner) -> DocumentTree {
        var m: [(String, DocumentTree)] = [("id", .string(p.id)), ("name", .string(p.name)), ("kind", .string(p.kind))]
        if !p.aliases.isEmpty { m.append(("aliases", .list(p.aliases.map { .string($0) }, flow: true))) }
        if let r = p.region { m.append(("region", .string(r))) }
        if !p.themes.isEmpty { m.append(("themes", .list(p.themes.map { .string($0) }, flow: true))) }
        if let u = p.url { m.append(("url", .string(u))) }
        if !p.attributes.isEmpty { m.append(("attributes", encode(p.attributes))) }
        return .map(m)
    }

    static func encode(_ t: Tie) -> DocumentTree {
        var m: [(String, DocumentTree)] = []
        if let id = t.id { m.append(("id", .string(id))) }
        m.append(("type", .string(t.type)))
        if t.isDirected {
            m.append(("from", .string(t.source)))
            m.append(("to", .string(t.target)))
        } else {
            m.append(("between", .list([.string(t.source), .string(t.target)], flow: true)))
        }
        if let s = t.start { m.append(("start", .date(s.description))) }
        if let e = t.end { m.append(("end", .date(e.description))) }
        if let l = t.label { m.append(("label", .string(l))) }
        if let w = t.weight { m.append(("weight", .number(w))) }
        if !t.themes.isEmpty { m.append(("themes", .list(t.themes.map { .string($0) }, flow: true))) }
        if let s = t.provenance { m.append(("source", .string(s))) }
        if let s = t.status { m.append(("status", .string(s))) }
        if let n = t.note { m.append(("note", .string(n))) }
        if !t.attributes.isEmpty { m.append(("attributes", encode(t.attributes))) }
        return .map(m)
    }

    static func encode(_ attrs: [String: AttributeValue]) -> DocumentTree {
        .map(attrs.keys.sorted().map { ($0, encode(attrs[$0]!)) })
    }

    static func encode(_ v: AttributeValue) -> DocumentTree {
        switch v {
        case .string(let s): return .string(s)
        case .integer(let i): return .integer(i)
        case .number(let d): return .decimal(d)
        case .bool(let b): return .bool(b)
        case .list(let l): return .list(l.map(encode))
        case .map(let m): return encode(m)
        }
    }

    // MARK: Tree → text

    /// YAML text through Yams' emitter (quoting decided by libyaml; strings
    /// that would read back as numbers, dates or booleans are quoted).
    func yaml() throws -> String {
        try Yams.serialize(node: node(), indent: 2, width: -1, allowUnicode: true, lineBreak: .ln)
    }

    private func node() -> Node {
        switch self {
        case .string(let s): return .scalar(s.represented())
        case .date(let s): return .scalar(Node.Scalar(s, Tag(.str), .plain))
        case .number(let d): return .scalar(Node.Scalar(NumberFormatting.shortest(d), Tag(.float), .plain))
        case .decimal(let d): return .scalar(Node.Scalar(Self.decimalText(d), Tag(.float), .plain))
        case .integer(let i): return .scalar(Node.Scalar(String(i), Tag(.int), .plain))
        case .bool(let b): return .scalar(Node.Scalar(b ? "true" : "false", Tag(.bool), .plain))
        case .list(let items, let flow):
            return .sequence(Node.Sequence(items.map { $0.node() }, Tag(.seq), flow ? .flow : .block))
        case .map(let pairs):
            return .mapping(Node.Mapping(pairs.map { (Node.scalar(Node.Scalar($0.0)), $0.1.node()) }, Tag(.map), .block))
        }
    }

    /// JSON text, two-space indented, keys in tree order, `\n` line endings
    /// and a trailing newline.
    func json() -> String {
        var out = ""
        writeJSON(into: &out, indent: 0)
        return out + "\n"
    }

    private func writeJSON(into out: inout String, indent: Int) {
        let pad = String(repeating: "  ", count: indent + 1)
        let closePad = String(repeating: "  ", count: indent)
        switch self {
        case .string(let s), .date(let s): out += JSONText.quote(s)
        case .number(let d): out += NumberFormatting.shortest(d)
        case .decimal(let d): out += Self.decimalText(d)
        case .integer(let i): out += String(i)
        case .bool(let b): out += b ? "true" : "false"
        case .list(let items, let flow):
            if items.isEmpty { out += "[]"; return }
            if flow && items.allSatisfy({ if case .string = $0 { return true } else { return false } }) {
                out += "[" + items.map { $0.jsonInline() }.joined(separator: ", ") + "]"
                return
            }
            out += "[\n"
            for (i, item) in items.enumerated() {
                out += pad
                item.writeJSON(into: &out, indent: indent + 1)
                out += i + 1 < items.count ? ",\n" : "\n"
            }
            out += closePad + "]"
        case .map(let pairs):
            if pairs.isEmpty { out += "{}"; return }
            out += "{\n"
            for (i, (k, v)) in pairs.enumerated() {
                out += pad + JSONText.quote(k) + ": "
                v.writeJSON(into: &out, indent: indent + 1)
                out += i + 1 < pairs.count ? ",\n" : "\n"
            }
            out += closePad + "}"
        }
    }

    /// `1500000.0`, `0.25`, `1e-07`: always reads back as a non-integer.
    static func decimalText(_ d: Double) -> String {
        let s = "\(d)"
        return s.contains(where: { $0 == "." || $0 == "e" || $0 == "n" || $0 == "i" }) ? s : s + ".0"
    }

    private func jsonInline() -> String {
        var s = ""
        writeJSON(into: &s, indent: 0)
        return s
    }
}
