import Foundation
internal import Yams
import PartnerGraph

extension ImportMapping {
    /// Reads a mapping file (YAML).
    /// - Throws: ``GraphFileError`` with every problem found (unknown keys with
    ///   "did you mean", wrong value types, unknown date formats, modes or
    ///   policies), each at its line and column in the mapping file.
    /// - Complexity: O(file size).
    public static func load(path: String) throws(GraphFileError) -> ImportMapping {
        let text = try TextInput.decode(TextInput.bytes(atPath: path), path: path)
        return try parse(text, path: path)
    }

    /// Parses mapping text (`path` is used in diagnostics and to resolve `names.file`).
    ///
    /// Keys (see `Examples/*.mapping.yaml`):
    ///
    ///     mode: bipartite              # edges | bipartite | projected
    ///     title: …                     # description: …
    ///     missing:                     # or just a list: [NA, ""]
    ///       values: [NA, ""]
    ///       columns: {stateID: [""]}   # per-column lists replacing `values`
    ///     open-ended: ["31.12.9999"]
    ///     dates: [DD.MM.YYYY, YYYY]    # or `mixed` (all four formats)
    ///     filters: [{column: status, equals: 1}]   # or in: [..], not: ..
    ///     duplicates: pair             # or spell
    ///     partners: {id: stateID, name: StateName, kind: state, kinds: {EC: organisation}}
    ///     groups:   {id: manyID, name: Title, kind: agreement}
    ///     ties: {type: membership, start: [StateForce, Force], end: [StateEnd, End]}
    ///     tie-types: {membership: {weight: 1, description: …}}
    ///     names: {file: states.csv, id: stateabb, name: statenme}
    ///     undated: skip                # or keep; without it a row with no start date is an error
    ///
    /// A `kind` or `type` given as plain text is a constant; `{column: X}` reads column X.
    /// `id`, `name`, `kind` and `type` may also be derived: `{file: stem}`, `{file: name}`,
    /// `{sheet: name}` or `{column: X}`, with `match: REGEX` (its first group), `lookup:`
    /// (`{KEY: VALUE}` or `{file: F, key: K, value: V}`) and `default:`. `dates` also takes
    /// `excel` (numbers are Excel serial dates). Every key: `Docs/import-mapping.md`.
    /// - Throws: ``GraphFileError`` with every problem found.
    public static func parse(_ text: String, path: String) throws(GraphFileError) -> ImportMapping {
        var reader = MappingReader(path: path)
        return try reader.read(text)
    }
}

/// Reads the YAML mapping through ``YAMLReader`` so every value keeps its line and column.
struct MappingReader {
    let path: String
    private var sink: DiagnosticSink

    init(path: String) {
        self.path = path
        sink = DiagnosticSink(path: path)
    }

    static let topKeys = ["mode", "title", "description", "missing", "open-ended", "dates", "filters", "duplicates",
                          "partners", "groups", "ties", "tie-types", "names", "undated"]
    static let sideKeys = ["id", "name", "kind", "kinds"]
    static let tieKeys = ["source", "target", "directed", "type", "start", "end"]
    static let filterKeys = ["column", "equals", "in", "not"]
    static let namesKeys = ["file", "id", "name"]
    static let missingKeys = ["values", "columns"]
    static let tieTypeKeys = ["weight", "lookback", "event", "description"]

    mutating func read(_ source: String) throws(GraphFileError) -> ImportMapping {
        let root = try YAMLReader.compose(source, path: path,
                                          empty: .init("mapping file is empty", hint: "a mapping needs at least 'mode' and 'partners'"))
        guard let top = root.mapping else {
            error(root, "a mapping file must be a YAML mapping", hint: "start with 'mode:' and 'partners:'")
            throw GraphFileError(sink.sorted)
        }
        var m = ImportMapping(path: path, mode: .bipartite)
        var modeNode: Node?
        var partnersNode: Node?, groupsNode: Node?, tiesNode: Node?
        for (k, v) in top {
            let key = k.string ?? ""
            switch key {
            case "mode":
                modeNode = v
                if let s = scalar(v, "mode") {
                    if let mode = ImportMapping.Mode(rawValue: s) { m = ImportMapping(path: path, mode: mode) }
                    else { badChoice(v, s, "mode", ImportMapping.Mode.allCases.map(\.rawValue)) }
                }
            default: break
            }
        }
        if modeNode == nil {
            error(root, "missing required field 'mode'", hint: "write 'mode: edges', 'mode: bipartite' or 'mode: projected'")
        }
        for (k, v) in top {
            let key = k.string ?? ""
            switch key {
            case "mode": break
            case "title": m.title = scalar(v, "title")
            case "description": m.description = scalar(v, "description")
            case "missing": readMissing(v, into: &m)
            case "open-ended": m.openEnded = strings(v, "open-ended")
            case "dates": if let f = dateFormats(v) { m.dateFormats = f }
            case "filters":
                if let seq = v.sequence { m.filters = seq.compactMap { filter($0) } }
                else if v.mapping != nil { m.filters = filter(v).map { [$0] } ?? [] }
                else { error(v, "'filters' must be a list of filters", hint: "write e.g. '- {column: status, equals: 1}'") }
            case "duplicates":
                if let s = scalar(v, "duplicates") {
                    if let p = ImportMapping.DuplicatePolicy(rawValue: s) { m.duplicates = p }
                    else { badChoice(v, s, "duplicates", ImportMapping.DuplicatePolicy.allCases.map(\.rawValue)) }
                }
            case "partners": partnersNode = v
            case "groups": groupsNode = v
            case "ties": tiesNode = v
            case "tie-types": m.tieTypes = tieTypes(v)
            case "names": m.names = names(v)
            case "undated":
                if let s = scalar(v, "undated") {
                    if let p = ImportMapping.UndatedPolicy(rawValue: s) { m.undated = p }
                    else { badChoice(v, s, "undated policy", ImportMapping.UndatedPolicy.allCases.map(\.rawValue)) }
                }
            default: unknownKey(k, key, Self.topKeys, "mapping field")
            }
        }
        if let partnersNode, let side = side(partnersNode, "partners", defaultKind: "partner") {
            m.partners = side
        }
        if let groupsNode {
            if m.mode == .edges {
                error(groupsNode, "'groups' is only used in bipartite and projected mode",
                      hint: "remove it, or set 'mode: bipartite' for membership lists")
            }
            m.groups = side(groupsNode, "groups", defaultKind: "group")
        }
        if let tiesNode { readTies(tiesNode, into: &m) }
        switch m.mode {
        case .bipartite, .projected:
            if m.partners.id == nil && m.partners.idFrom == nil {
                error(partnersNode ?? root, "\(m.mode.rawValue) mode needs 'partners: {id: COLUMN}' (the member column)",
                      hint: "name the column that holds the member's id")
            }
            if m.groups?.id == nil && m.groups?.idFrom == nil {
                error(groupsNode ?? root, "\(m.mode.rawValue) mode needs 'groups: {id: COLUMN}' (the agreement or organisation column)",
                      hint: "name the column that holds the group's id")
            }
        case .edges:
            if m.source == nil || m.target == nil {
                error(tiesNode ?? root, "edges mode needs 'ties: {source: COLUMN, target: COLUMN}'",
                      hint: "name the columns that hold the two partners of each tie")
            }
        }
        if sink.hasErrors { throw GraphFileError(sink.sorted) }
        return m
    }

    // MARK: - Sections

    private mutating func readMissing(_ v: Node, into m: inout ImportMapping) {
        if v.sequence != nil || v.scalar != nil {
            m.missing = strings(v, "missing")
            return
        }
        guard let map = v.mapping else { return }
        for (k, val) in map {
            switch k.string ?? "" {
            case "values": m.missing = strings(val, "missing.values")
            case "columns":
                guard let cols = val.mapping else {
                    error(val, "'missing.columns' must map column names to lists of strings",
                          hint: "write e.g. 'stateID: [\"\"]'")
                    continue
                }
                for (ck, cv) in cols {
                    m.missingByColumn[ck.string ?? ""] = strings(cv, "missing.columns.\(ck.string ?? "")")
                }
            default: unknownKey(k, k.string ?? "", Self.missingKeys, "field of 'missing'")
            }
        }
    }

    private mutating func dateFormats(_ v: Node) -> [ImportDateFormat]? {
        let items: [Node] = v.sequence.map(Array.init) ?? [v]
        var out: [ImportDateFormat] = []
        for item in items {
            guard let s = scalar(item, "dates") else { return nil }
            if s == "mixed" { out += ImportDateFormat.textFormats; continue }
            if let f = ImportDateFormat(rawValue: s) { out.append(f); continue }
            let known = ImportDateFormat.allCases.map(\.rawValue) + ["mixed"]
            let sugg = Suggestion.closest(to: s, among: known)
            error(item, "unknown date format '\(s)'" + (sugg.map { " (did you mean '\($0)'?)" } ?? ""),
                  hint: "accepted: \(known.joined(separator: ", "))")
        }
        return out.isEmpty ? nil : out
    }

    private mutating func filter(_ v: Node) -> ImportMapping.Filter? {
        guard let map = v.mapping else {
            error(v, "a filter must be a mapping", hint: "write e.g. '{column: status, equals: 1}'")
            return nil
        }
        var column: ImportMapping.Column?
        var values: [String]?
        var negated = false
        for (k, val) in map {
            switch k.string ?? "" {
            case "column": column = self.column(val, "column")
            case "equals": values = scalar(val, "equals").map { [$0] }
            case "in": values = strings(val, "in")
            case "not": values = strings(val, "not"); negated = true
            default: unknownKey(k, k.string ?? "", Self.filterKeys, "filter field")
            }
        }
        guard let column, let values else {
            error(v, "a filter needs 'column' and one of 'equals', 'in' or 'not'",
                  hint: "write e.g. '{column: status, equals: 1}'")
            return nil
        }
        return ImportMapping.Filter(column: column, values: values, negated: negated)
    }

    private mutating func side(_ v: Node, _ what: String, defaultKind: String) -> ImportMapping.Side? {
        guard let map = v.mapping else {
            error(v, "'\(what)' must be a mapping", hint: "write e.g. '\(what): {id: COLUMN, kind: state}'")
            return nil
        }
        var side = ImportMapping.Side(kind: .constant(defaultKind))
        for (k, val) in map {
            switch k.string ?? "" {
            case "id":
                if val.mapping == nil { side.id = column(val, "\(what).id") }
                else if let d = derived(val, "\(what).id") {
                    if case .column(let c) = d.origin, d.match == nil, d.lookup == nil { side.id = c } else { side.idFrom = d }
                }
            case "name":
                if val.mapping == nil { side.name = column(val, "\(what).name") }
                else if let d = derived(val, "\(what).name") {
                    if case .column(let c) = d.origin, d.match == nil, d.lookup == nil { side.name = c } else { side.nameFrom = d }
                }
            case "kind": if let value = value(val, "\(what).kind") { side.kind = value }
            case "kinds":
                guard let km = val.mapping else {
                    error(val, "'\(what).kinds' must map ids to kinds", hint: "write e.g. 'kinds: {EC: organisation}'")
                    continue
                }
                for (ik, iv) in km { if let s = scalar(iv, "kind") { side.kinds[ik.string ?? ""] = s } }
            default: unknownKey(k, k.string ?? "", Self.sideKeys, "field of '\(what)'")
            }
        }
        return side
    }

    private mutating func readTies(_ v: Node, into m: inout ImportMapping) {
        guard let map = v.mapping else {
            error(v, "'ties' must be a mapping", hint: "write e.g. 'ties: {type: membership, start: Force}'")
            return
        }
        for (k, val) in map {
            let key = k.string ?? ""
            switch key {
            case "source", "target":
                if m.mode != .edges {
                    error(k, "'ties.\(key)' is only used in edges mode",
                          hint: "in \(m.mode.rawValue) mode the tie joins 'partners.id' and 'groups.id'")
                }
                if key == "source" { m.source = column(val, "ties.source") } else { m.target = column(val, "ties.target") }
            case "directed":
                if let s = scalar(val, "directed") {
                    switch s {
                    case "true", "True", "TRUE", "yes": m.directed = true
                    case "false", "False", "FALSE", "no": m.directed = false
                    default: error(val, "'directed' must be true or false, not '\(s)'")
                    }
                }
            case "type": if let value = value(val, "ties.type") { m.type = value }
            case "start": m.start = columns(val, "ties.start")
            case "end": m.end = columns(val, "ties.end")
            default: unknownKey(k, key, Self.tieKeys, "field of 'ties'")
            }
        }
    }

    private mutating func tieTypes(_ v: Node) -> [TieTypeSetting] {
        guard let map = v.mapping else {
            error(v, "'tie-types' must map type names to settings", hint: "write e.g. 'membership: {weight: 1}'")
            return []
        }
        var out: [TieTypeSetting] = []
        for (k, val) in map {
            var s = TieTypeSetting(name: k.string ?? "")
            if isNull(val) { out.append(s); continue }
            guard let fields = val.mapping else {
                error(val, "settings of tie type '\(s.name)' must be a mapping", hint: "write e.g. '{weight: 1}'")
                continue
            }
            for (fk, fv) in fields {
                switch fk.string ?? "" {
                case "weight":
                    if let t = scalar(fv, "weight") {
                        if let w = Double(t), w > 0, w.isFinite { s.weight = w }
                        else { error(fv, "weight must be a positive number, not '\(t)'") }
                    }
                case "lookback":
                    if let t = scalar(fv, "lookback") {
                        if let l = Lookback(t) { s.lookback = l }
                        else { error(fv, "'\(t)' is not a lookback span", hint: "write e.g. 0, 3y, 18m or 90d") }
                    }
                case "event":
                    if let t = scalar(fv, "event") { s.isEvent = ["true", "True", "TRUE", "yes"].contains(t) }
                case "description": s.description = scalar(fv, "description")
                default: unknownKey(fk, fk.string ?? "", Self.tieTypeKeys, "tie type setting")
                }
            }
            out.append(s)
        }
        return out
    }

    private mutating func names(_ v: Node) -> ImportMapping.Names? {
        guard let map = v.mapping else {
            error(v, "'names' must be a mapping", hint: "write e.g. 'names: {file: states.csv, id: ccode, name: statenme}'")
            return nil
        }
        var file: String?, id: ImportMapping.Column?, name: ImportMapping.Column?, fileMark: Mark?
        for (k, val) in map {
            switch k.string ?? "" {
            case "file": file = scalar(val, "names.file"); fileMark = val.mark
            case "id": id = column(val, "names.id")
            case "name": name = column(val, "names.name")
            default: unknownKey(k, k.string ?? "", Self.namesKeys, "field of 'names'")
            }
        }
        guard let id, let name else {
            error(v, "'names' needs 'id' and 'name' (columns of the names file)",
                  hint: "write e.g. 'names: {file: states.csv, id: ccode, name: statenme}'")
            return nil
        }
        return ImportMapping.Names(file: file, id: id, name: name, fileLine: fileMark?.line, fileColumn: fileMark?.column)
    }

    // MARK: - Values

    private func isNull(_ node: Node) -> Bool { YAMLReader.isNull(node) }

    private mutating func scalar(_ node: Node, _ field: String) -> String? {
        guard case .scalar(let s) = node else {
            error(node, "'\(field)' must be text, not a \(node.mapping != nil ? "mapping" : "list")")
            return nil
        }
        return s.string
    }

    private mutating func strings(_ node: Node, _ field: String) -> [String] {
        if case .scalar(let s) = node { return [s.string] }
        guard let seq = node.sequence else {
            error(node, "'\(field)' must be a list of strings", hint: "write e.g. [NA, \"\"]")
            return []
        }
        return seq.compactMap { scalar($0, field) }
    }

    private mutating func column(_ node: Node, _ field: String) -> ImportMapping.Column? {
        guard let s = scalar(node, field) else { return nil }
        return ImportMapping.Column(s, line: node.mark?.line, column: node.mark?.column)
    }

    private mutating func columns(_ node: Node, _ field: String) -> [ImportMapping.Column] {
        if let seq = node.sequence { return seq.compactMap { column($0, field) } }
        return column(node, field).map { [$0] } ?? []
    }

    private mutating func value(_ node: Node, _ field: String) -> ImportMapping.Value? {
        if case .scalar(let s) = node { return .constant(s.string) }
        guard let map = node.mapping else {
            error(node, "'\(field)' must be text (a constant) or {column: NAME}")
            return nil
        }
        if map.contains(where: { $0.0.string == "value" }) {
            var result: ImportMapping.Value?
            for (k, v) in map {
                switch k.string ?? "" {
                case "value": result = scalar(v, field).map { .constant($0) }
                default: unknownKey(k, k.string ?? "", ["value"], "field of '\(field)' with 'value'")
                }
            }
            return result
        }
        guard let d = derived(node, field) else { return nil }
        if case .column(let c) = d.origin, d.match == nil, d.lookup == nil { return .column(c) }
        return .derived(d)
    }

    static let derivedKeys = ["column", "file", "sheet", "match", "lookup", "default"]

    /// `{column: X}`, `{file: stem|name}` or `{sheet: name}`, each with optional
    /// `match: REGEX`, `lookup: {KEY: VALUE, …}` or `lookup: {file: F, key: K, value: V}`, and `default: VALUE`.
    private mutating func derived(_ node: Node, _ field: String) -> ImportMapping.DerivedValue? {
        guard let map = node.mapping else { return nil }
        var origin: ImportMapping.DerivedValue.Origin?
        var d = ImportMapping.DerivedValue(origin: .fileStem, line: node.mark?.line, column: node.mark?.column)
        var ok = true
        for (k, v) in map {
            let key = k.string ?? ""
            switch key {
            case "column": if let c = column(v, field) { origin = .column(c) } else { ok = false }
            case "file":
                switch scalar(v, "\(field).file") {
                case "stem": origin = .fileStem
                case "name": origin = .fileName
                case let s?: badChoice(v, s, "part of the file name", ["stem", "name"]); ok = false
                case nil: ok = false
                }
            case "sheet":
                if let s = scalar(v, "\(field).sheet") {
                    if s == "name" { origin = .sheet } else { badChoice(v, s, "part of the sheet", ["name"]); ok = false }
                }
            case "match":
                if let s = scalar(v, "\(field).match") {
                    if (try? NSRegularExpression(pattern: s)) == nil {
                        error(v, "'\(s)' is not a regular expression", hint: "write e.g. \"hr_status_(.*)\"; the first group in ( ) is the value")
                        ok = false
                    } else { d.match = s }
                }
            case "lookup": if let l = lookup(v, field) { d.lookup = l } else { ok = false }
            case "default": d.fallback = scalar(v, "\(field).default")
            default: unknownKey(k, key, Self.derivedKeys, "field of '\(field)'"); ok = false
            }
        }
        guard let origin else {
            error(node, "'\(field)' needs one of 'column', 'file' or 'sheet'",
                  hint: "write e.g. '{column: NAME}', '{file: stem, match: \"hr_status_(.*)\"}' or '{sheet: name}'")
            return nil
        }
        d.origin = origin
        return ok ? d : nil
    }

    private mutating func lookup(_ node: Node, _ field: String) -> ImportMapping.DerivedValue.Lookup? {
        guard let map = node.mapping else {
            error(node, "'\(field).lookup' must be a mapping", hint: "write e.g. '{cat: CAT, ccpr: ICCPR}' or '{file: codes.csv, key: code, value: name}'")
            return nil
        }
        let keys = Set(map.map { $0.0.string ?? "" })
        if keys.contains("file"), keys.isSubset(of: ["file", "key", "value"]) {
            var l = ImportMapping.DerivedValue.Lookup()
            for (k, v) in map {
                switch k.string ?? "" {
                case "file": l.file = scalar(v, "\(field).lookup.file")
                case "key": l.key = column(v, "\(field).lookup.key")
                default: l.value = column(v, "\(field).lookup.value")
                }
            }
            guard l.key != nil, l.value != nil else {
                error(node, "a lookup file needs 'key' and 'value' (its columns)", hint: "write e.g. '{file: codes.csv, key: code, value: name}'")
                return nil
            }
            return l
        }
        var table: [String: String] = [:]
        for (k, v) in map { if let s = scalar(v, "\(field).lookup") { table[k.string ?? ""] = s } }
        return ImportMapping.DerivedValue.Lookup(table: table)
    }

    // MARK: - Diagnostics

    private mutating func error(_ node: Node, _ message: String, hint: String? = nil) {
        sink.error(message, line: node.mark?.line, column: node.mark?.column, hint: hint)
    }

    private mutating func badChoice(_ node: Node, _ value: String, _ field: String, _ known: [String]) {
        let s = Suggestion.closest(to: value, among: known)
        error(node, "unknown \(field) '\(value)'" + (s.map { " (did you mean '\($0)'?)" } ?? ""),
              hint: "use one of: \(known.joined(separator: ", "))")
    }

    private mutating func unknownKey(_ keyNode: Node, _ key: String, _ known: [String], _ what: String) {
        let s = Suggestion.closest(to: key, among: known)
        error(keyNode, "unknown \(what) '\(key)'" + (s.map { " (did you mean '\($0)'?)" } ?? ""),
              hint: "known fields: \(known.joined(separator: ", "))")
    }
}
