import Foundation
internal import Yams
import PartnerGraph

/// Reads strategy files (YAML, schema `Schemas/strategy.schema.json`) into a
/// ``Strategy``, checking them against the graph they apply to and reporting
/// every problem like a compiler, with line and column:
///
/// ```yaml
/// focal: unesco
/// categories:                       # expected partner kinds
///   - member-state                  # minimum 1
///   - {kind: ngo, min: 2, severity: high}
/// partners:                         # named expected partners
///   - ohchr
///   - {id: undp, name: UNDP, kind: un-programme}   # may be absent from the graph
/// roster: member-states.csv         # id,name,kind (relative to this file); or a list
/// cadence: {liaison: 2y}            # a liaison should see a joint activity every 2 years
/// horizon: 12m                      # agreements ending within 12 months are expiring
/// agreementTypes: [agreement]
/// categoryPairs: [[un-treaty-body, ngo]]
/// themes: [monitoring, research]    # suggested links must share one
/// severities: {bridge-tie: medium}
/// kinds: [uncovered-category, lapsed-agreement]   # default: all
/// top: 10                           # suggested links
/// ```
///
/// Checked against the graph: the focal partner exists; category kinds are
/// kinds of the graph, the roster or inline partners; an inline partner given
/// by id alone is in the graph (one with a `name` and `kind` may be new);
/// cadence types are built-in or declared; gap kinds and severities are
/// known; spans parse. Unknown names get a "did you mean".
public enum StrategyFile {
    /// Loads the strategy at `path` for `network`; a roster path is relative
    /// to the strategy file's directory.
    /// - Throws: ``GraphFileError`` with every problem, each with file, line and column.
    /// - Complexity: O(size of the strategy and roster files + P) for the P partners of the graph.
    /// A roster outside the strategy file's directory is refused (not read)
    /// unless `allowsOutsidePaths` (``DataFilePath``).
    public static func load(path: String, network: PartnerNetwork,
                            allowsOutsidePaths: Bool = false) throws(GraphFileError) -> Strategy {
        let text = try TextInput.decode(TextInput.bytes(atPath: path), path: path)
        let dir = PathText.directory(of: path)
        var reader = StrategyReader(path: path, baseDirectory: dir.isEmpty ? "." : dir, network: network)
        reader.allowsOutsidePaths = allowsOutsidePaths
        return try reader.read(text)
    }

    /// Parses strategy text already in memory.
    /// - Parameters:
    ///   - path: shown in diagnostics.
    ///   - baseDirectory: where relative roster paths start.
    /// - Throws: ``GraphFileError`` with every problem found.
    /// - Complexity: O(size of the text and rosters + P).
    public static func parse(_ text: String, path: String = "<strategy>", baseDirectory: String = ".",
                             network: PartnerNetwork) throws(GraphFileError) -> Strategy {
        var reader = StrategyReader(path: path, baseDirectory: baseDirectory, network: network)
        return try reader.read(text)
    }

    /// The keys a strategy file may hold at the top level.
    public static let keys = ["title", "description", "focal", "categories", "partners", "roster", "cadence", "horizon",
                              "agreementTypes", "categoryPairs", "themes", "severities", "kinds", "top"]
}

private struct StrategyReader {
    let path: String
    let baseDirectory: String
    let network: PartnerNetwork
    var sink: DiagnosticSink

    /// Whether a roster may be outside the strategy file's directory.
    var allowsOutsidePaths = false

    init(path: String, baseDirectory: String, network: PartnerNetwork) {
        self.path = path
        self.baseDirectory = baseDirectory
        self.network = network
        sink = DiagnosticSink(path: path)
    }

    static let categoryKeys = ["kind", "min", "severity"]
    static let partnerKeys = ["id", "name", "kind", "severity"]

    // Checks that need the whole file (kinds from rosters) run at the end.
    var kindChecks: [(String, Mark?)] = []
    var partnerChecks: [(String, Mark?)] = []

    mutating func read(_ source: String) throws(GraphFileError) -> Strategy {
        let root = try YAMLReader.compose(source, path: path,
                                          empty: .init("strategy file is empty", hint: "an empty strategy needs no file: leave out --strategy"))
        guard let top = root.mapping else {
            error("the top level of a strategy must be a mapping", root, hint: "start with 'focal:' and 'categories:'")
            throw GraphFileError(sink.sorted)
        }
        var s = Strategy()
        var inline: [ExpectedPartner] = []
        var roster: [ExpectedPartner] = []
        for (k, v) in top {
            let key = k.string ?? ""
            switch key {
            case "title": s.title = text(v, "title")
            case "description": _ = text(v, "description")
            case "focal":
                if let f = text(v, "focal") {
                    s.focal = f
                    if network.partner(id: f) == nil {
                        error("unknown focal partner '\(f)'" + suggestion(f, network.partners.map(\.id)), v,
                              hint: "the focal partner must be a partner id of the graph")
                    }
                }
            case "categories":
                for item in list(v, "categories") { if let c = category(item) { s.categories.append(c) } }
            case "partners":
                for item in list(v, "partners") { if let p = partner(item) { inline.append(p) } }
            case "roster":
                let paths: [Node] = v.sequence.map { Array($0) } ?? [v]
                for pn in paths {
                    guard let rel = text(pn, "roster") else { continue }
                    s.rosters.append(rel)
                    roster += readRoster(rel, at: pn)
                }
            case "cadence":
                guard let map = v.mapping else { error("'cadence' must map tie types to spans", v, hint: "write cadence: {liaison: 2y}"); continue }
                s.cadences = [:]
                let types = network.settings.effectiveTypes.map(\.name)
                for (tk, tv) in map {
                    let type = tk.string ?? ""
                    if !types.contains(type) {
                        error("unknown tie type '\(type)' in 'cadence'" + suggestion(type, types), tk,
                              hint: "known types: \(types.joined(separator: ", "))")
                    }
                    if let span = spanValue(tv, "cadence for '\(type)'") { s.cadences[type] = span }
                }
            case "horizon":
                if let span = spanValue(v, "horizon") { s.horizon = span }
            case "agreementTypes":
                let types = network.settings.effectiveTypes.map(\.name)
                var out: [String] = []
                for item in list(v, "agreementTypes") {
                    guard let t = text(item, "agreementTypes") else { continue }
                    if !types.contains(t) {
                        error("unknown tie type '\(t)' in 'agreementTypes'" + suggestion(t, types), item,
                              hint: "known types: \(types.joined(separator: ", "))")
                    }
                    out.append(t)
                }
                s.agreementTypes = out
            case "categoryPairs":
                for item in list(v, "categoryPairs") {
                    guard let seq = item.sequence, seq.count == 2,
                          let a = text(seq[0], "categoryPairs"), let b = text(seq[1], "categoryPairs") else {
                        error("each category pair must be a list of two kinds", item, hint: "write - [un-treaty-body, ngo]")
                        continue
                    }
                    kindChecks.append((a, seq[0].mark))
                    kindChecks.append((b, seq[1].mark))
                    s.categoryPairs.append(CategoryPair(a, b))
                }
            case "themes":
                s.themes = list(v, "themes").compactMap { text($0, "themes") }
            case "severities":
                guard let map = v.mapping else { error("'severities' must map gap kinds to high, medium or low", v); continue }
                for (gk, gv) in map {
                    let name = gk.string ?? ""
                    let kind = gapKind(name, gk)
                    if let level = severityValue(gv), let kind { s.severities[kind] = level }
                }
            case "kinds":
                var set = Set<GapKind>()
                for item in list(v, "kinds") {
                    if let name = text(item, "kinds"), let k = gapKind(name, item) { set.insert(k) }
                }
                s.kinds = set
            case "top":
                if case .scalar(let sc) = v, let n = Int(sc.string), n >= 0 { s.top = n } else {
                    error("'top' must be a whole number of suggested links", v, hint: "write top: 10")
                }
            default:
                error("unknown strategy field '\(key)'" + suggestion(key, StrategyFile.keys), k,
                      hint: "known fields: \(StrategyFile.keys.joined(separator: ", "))")
            }
        }
        // Inline entries first; a roster row repeats an inline id harmlessly.
        let inlineIDs = Set(inline.map(\.id))
        s.partners = inline + roster.filter { !inlineIDs.contains($0.id) }
        let knownKinds = Set(network.partners.map(\.kind) + s.partners.compactMap(\.kind)).sorted()
        for (kind, mark) in kindChecks where !knownKinds.contains(kind) {
            sink.error("unknown partner kind '\(kind)'" + suggestion(kind, knownKinds), line: mark?.line, column: mark?.column,
                       hint: "kinds in the graph and roster: \(knownKinds.joined(separator: ", "))")
        }
        for (id, mark) in partnerChecks where network.partner(id: id) == nil {
            sink.error("unknown partner '\(id)'" + suggestion(id, network.partners.map(\.id)), line: mark?.line, column: mark?.column,
                       hint: "give 'name' and 'kind' for a partner the graph does not hold yet")
        }
        if sink.hasErrors { throw GraphFileError(sink.sorted) }
        return s
    }

    // MARK: Entries

    private mutating func category(_ node: Node) -> ExpectedCategory? {
        if case .scalar = node {
            guard let k = text(node, "categories") else { return nil }
            kindChecks.append((k, node.mark))
            return ExpectedCategory(kind: k)
        }
        guard let map = node.mapping else {
            error("a category must be a kind or a mapping with kind, min and severity", node)
            return nil
        }
        var c = ExpectedCategory(kind: "")
        var hasKind = false
        for (k, v) in map {
            let key = k.string ?? ""
            switch key {
            case "kind":
                if let t = text(v, "kind") { c.kind = t; hasKind = true; kindChecks.append((t, v.mark)) }
            case "min":
                if case .scalar(let s) = v, let n = Int(s.string), n >= 0 { c.minimum = n } else {
                    error("'min' must be a whole number (0 or more)", v, hint: "write min: 1")
                }
            case "severity": c.severity = severityValue(v)
            default:
                error("unknown category field '\(key)'" + suggestion(key, Self.categoryKeys), k,
                      hint: "known fields: \(Self.categoryKeys.joined(separator: ", "))")
            }
        }
        guard hasKind else {
            error("category is missing required field 'kind'", node, hint: "write - {kind: ngo, min: 2}")
            return nil
        }
        return c
    }

    private mutating func partner(_ node: Node) -> ExpectedPartner? {
        if case .scalar = node {
            guard let id = text(node, "partners") else { return nil }
            partnerChecks.append((id, node.mark))
            return ExpectedPartner(id: id)
        }
        guard let map = node.mapping else {
            error("a partner must be an id or a mapping with id (and name, kind, severity)", node)
            return nil
        }
        var p = ExpectedPartner(id: "")
        var idMark: Mark?
        var hasID = false
        for (k, v) in map {
            let key = k.string ?? ""
            switch key {
            case "id": if let t = text(v, "id") { p.id = t; hasID = true; idMark = v.mark }
            case "name": p.name = text(v, "name")
            case "kind": p.kind = text(v, "kind")
            case "severity": p.severity = severityValue(v)
            default:
                error("unknown partner field '\(key)'" + suggestion(key, Self.partnerKeys), k,
                      hint: "known fields: \(Self.partnerKeys.joined(separator: ", "))")
            }
        }
        guard hasID else {
            error("partner is missing required field 'id'", node, hint: "write - {id: ohchr}")
            return nil
        }
        if p.name == nil || p.kind == nil { partnerChecks.append((p.id, idMark)) }
        return p
    }

    /// Reads a roster CSV (`id,name,kind`, optional `severity`) relative to the strategy file.
    private mutating func readRoster(_ rel: String, at node: Node) -> [ExpectedPartner] {
        let full: String
        switch DataFilePath.resolve(rel, inDirectory: baseDirectory, allowsOutside: allowsOutsidePaths) {
        case .success(let path): full = path
        case .failure(let refusal):
            self.error("roster " + refusal.message, node, hint: refusal.hint)
            return []
        }
        let reader: CSVReader
        do {
            reader = try CSVReader(contentsOfFile: full)
        } catch {
            self.error("cannot read roster '\(rel)': \(error.message.replacingOccurrences(of: "cannot read file: ", with: ""))", node,
                       hint: "a roster path is relative to the strategy file (\(full))")
            return []
        }
        func add(_ e: CSVError) {
            sink.append(contentsOf: [Diagnostic(path: e.path, line: e.line, column: e.column, message: e.message, hint: e.hint)])
        }
        for e in reader.errors + reader.contentErrors(recordsArePartners: true) + reader.fieldCountErrors() { add(e) }
        guard let header = reader.header else { return [] }
        var cols: [String: Int] = [:]
        for name in ["id", "name", "kind", "severity"] { cols[name] = reader.columnIndex(named: name) }
        let missing = ["id", "name", "kind"].filter { cols[$0] == nil }
        for m in missing {
            sink.append(contentsOf: [Diagnostic(path: reader.path, line: header.line, column: 1,
                message: "missing required column '\(m)'" + suggestion(m, reader.columnNames),
                hint: "a roster's header is id,name,kind (optionally severity)")])
        }
        guard missing.isEmpty else { return [] }
        var out: [ExpectedPartner] = []
        var firstLine: [String: Int] = [:]
        for r in reader.records {
            guard let id = r.field(at: cols["id"]!), !id.isEmpty else {
                add(r.error(atField: cols["id"]!, "empty 'id' cell", hint: "every roster row needs an id"))
                continue
            }
            if let line = firstLine[id] {
                add(r.error(atField: cols["id"]!, "duplicate roster id '\(id)' (first at line \(line))", hint: "list each partner once"))
                continue
            }
            firstLine[id] = r.line
            var p = ExpectedPartner(id: id, name: r.field(at: cols["name"]!), kind: r.field(at: cols["kind"]!))
            if p.kind?.isEmpty ?? true {
                add(r.error(atField: cols["kind"]!, "empty 'kind' cell", hint: "every roster row needs a kind"))
                continue
            }
            if p.name?.isEmpty ?? false { p.name = nil }
            if let c = cols["severity"], let cell = r.field(at: c), !cell.isEmpty {
                if let level = GapSeverity(rawValue: cell) { p.severity = level } else {
                    add(r.error(atField: c, "unknown severity '\(cell)'", hint: "write high, medium or low"))
                }
            }
            out.append(p)
        }
        return out
    }

    // MARK: Values

    private func isNull(_ node: Node) -> Bool { YAMLReader.isNull(node) }

    private mutating func text(_ node: Node, _ field: String) -> String? {
        if isNull(node) { return nil }
        guard case .scalar(let s) = node else {
            error("'\(field)' must be text", node)
            return nil
        }
        return s.string
    }

    private mutating func list(_ node: Node, _ field: String) -> [Node] {
        if isNull(node) { return [] }
        guard let seq = node.sequence else {
            error("'\(field)' must be a list", node, hint: "write each item on its own line starting with '- '")
            return []
        }
        return Array(seq)
    }

    private mutating func spanValue(_ node: Node, _ field: String) -> Lookback? {
        guard case .scalar(let s) = node, !isNull(node) else {
            error("\(field) must be a span like 2y, 18m or 90d", node)
            return nil
        }
        guard let span = Lookback(s.string) else {
            error("invalid \(field) '\(s.string)'", node, hint: "write a span like 2y, 18m, 90d or 1y6m (a bare number means years)")
            return nil
        }
        return span
    }

    private mutating func severityValue(_ node: Node) -> GapSeverity? {
        guard let t = text(node, "severity") else { return nil }
        guard let level = GapSeverity(rawValue: t) else {
            let names = GapSeverity.allCases.map(\.rawValue)
            error("unknown severity '\(t)'" + suggestion(t, names), node, hint: "write high, medium or low")
            return nil
        }
        return level
    }

    private mutating func gapKind(_ name: String, _ node: Node) -> GapKind? {
        guard let k = GapKind(rawValue: name) else {
            let names = GapKind.allCases.map(\.rawValue)
            error("unknown gap kind '\(name)'" + suggestion(name, names), node, hint: "gap kinds: \(names.joined(separator: ", "))")
            return nil
        }
        return k
    }

    private func suggestion(_ text: String, _ among: [String]) -> String {
        Suggestion.closest(to: text, among: among).map { " (did you mean '\($0)'?)" } ?? ""
    }

    private mutating func error(_ message: String, _ node: Node, hint: String? = nil) {
        sink.error(message, line: node.mark?.line, column: node.mark?.column, hint: hint)
    }
}
