import DOTRendering
import FigureStyle
import PartnerGraph

extension ConvertCommand {
    /// The network as plain DOT for people who work in Graphviz by hand: every
    /// partner a node (label = name, with kind, region, themes and free
    /// attributes as node attributes), every tie an edge (type, dates, label,
    /// weight, id and source as edge attributes), all dates, no styling and no
    /// date filter (`partnergraph render --format dot` writes the styled
    /// snapshot instead). A graph with a directed tie is a `digraph` whose
    /// undirected ties have `dir=none`. Export only: DOT is not read back.
    ///
    /// Data stays data when the export is drawn with `dot`: free attributes
    /// are written under `pg_` + their key (so `image`, `shapefile`, `href`
    /// or `fontpath` in the data never reach Graphviz as its own attributes),
    /// and a partner's `url` becomes `URL` only when it is an `http`, `https`
    /// or `mailto` URL; any other is kept as `pg_url` text.
    /// - Throws: ``CLIError`` for a partner id too long for `dot` to read
    ///   (over 16 KB quoted): it cannot be clipped like a label.
    static func dotExport(_ net: PartnerNetwork) throws -> String {
        if let long = net.partners.first(where: { !DOTDocument.isReadableID($0.id) }) {
            throw CLIError("partner id '\(VisibleText.escape(String(String.UnicodeScalarView(long.id.unicodeScalars.prefix(40)))))…' is \(NumberFormatting.grouped(long.id.unicodeScalars.count)) characters long; dot cannot read a name over 16 KB. Give the partner a shorter id, or convert to YAML, JSON, GraphML or GEXF, which keep it.")
        }
        let directed = net.ties.contains(where: \.isDirected)
        var doc = DOTDocument(name: net.title ?? "partners", isDirected: directed)
        if let t = net.title { doc.graphAttributes["label"] = .text(t) }
        if let f = net.focal { doc.graphAttributes["focal"] = .string(f) }
        if let d = net.description { doc.graphAttributes["comment"] = .string(d) }
        for p in net.partners {
            var a: DOTAttributes = ["label": .text(p.name), "kind": .string(p.kind)]
            if let r = p.region { a["region"] = .string(r) }
            if !p.themes.isEmpty { a["themes"] = .string(p.themes.joined(separator: ";")) }
            if !p.aliases.isEmpty { a["aliases"] = .string(p.aliases.joined(separator: ";")) }
            if let u = p.url { if SafeURL.isAllowed(u) { a["URL"] = .url(u) } else { a["pg_url"] = .string(u) } }
            for (k, v) in p.attributes { a[namespaced(k)] = .string(v.description) }
            doc.nodes.append(DOTNode(id: p.id, attributes: a))
        }
        for (i, t) in net.ties.enumerated() {
            var a: DOTAttributes = ["type": .string(t.type), "weight": .number(net.weight(of: t)), "tie": .string(net.reference(ofTie: i))]
            if directed && !t.isDirected { a["dir"] = .string("none") }
            if let s = t.start { a["start"] = .string(s.description) }
            if let e = t.end { a["end"] = .string(e.description) }
            if let l = t.label { a["label"] = .text(l) }
            if let s = t.provenance { a["source"] = .string(s) }
            if let s = t.status { a["status"] = .string(s) }
            if !t.themes.isEmpty { a["themes"] = .string(t.themes.joined(separator: ";")) }
            for (k, v) in t.attributes { a[namespaced(k)] = .string(v.description) }
            doc.edges.append(DOTEdge(from: t.source, to: t.target, attributes: a))
        }
        return doc.write()
    }

    /// The export key of a free attribute: `pg_` + the key, never a Graphviz attribute.
    static func namespaced(_ key: String) -> String { "pg_" + key }
}
