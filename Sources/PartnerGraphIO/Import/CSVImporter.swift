import Foundation
import PartnerGraph

/// What an import kept and dropped, for printing after the import.
public struct ImportReport: Sendable {
    /// A number of rows skipped for one reason.
    public struct SkipCount: Hashable, Sendable {
        /// Why, e.g. `empty row`, `missing member id (stateID)`, `filtered out (keeping status == 1)`.
        public var reason: String
        /// How many rows.
        public var count: Int
    }

    /// The input file, as given.
    public var inputPath: String
    /// Data rows in the file (every line after the header that holds a record
    /// or an empty record).
    public var rowsRead = 0
    /// Rows skipped, by reason, in the order the reasons were first met.
    public var skipped: [SkipCount] = []
    /// Rows merged into an earlier row with the same key.
    public var duplicatesMerged = 0
    /// Rows that became a tie or a membership (after merging duplicates).
    public var rowsUsed = 0
    /// Partners in the result, and how many of each kind (sorted by kind).
    public var partners = 0
    /// Partners per kind, sorted by kind.
    public var partnersByKind: [(kind: String, count: Int)] = []
    /// Ties in the result.
    public var ties = 0
    /// Ties per type, sorted by type.
    public var tiesByType: [(type: String, count: Int)] = []
    /// Projected mode: member pairs sharing a group whose memberships never overlap (no tie).
    public var pairsWithoutOverlap = 0
    /// Partners named by the names file.
    public var namedFromNamesFile = 0
    /// One warning per unusable row, duplicate and unnamed partner, in file order.
    public var warnings: [Diagnostic] = []

    /// The total of ``skipped``.
    public var rowsSkipped: Int { skipped.reduce(0) { $0 + $1.count } }

    /// Lines like `rows read: 5608`, one per count.
    public var summary: String {
        var lines = ["rows read: \(rowsRead)"]
        let reasons = skipped.map { "\($0.reason): \($0.count)" }.joined(separator: ", ")
        lines.append("rows skipped: \(rowsSkipped)" + (skipped.isEmpty ? "" : " (\(reasons))"))
        lines.append("duplicates merged: \(duplicatesMerged)")
        lines.append("rows used: \(rowsUsed)")
        let kinds = partnersByKind.map { "\($0.kind) \($0.count)" }.joined(separator: ", ")
        lines.append("partners: \(partners)" + (kinds.isEmpty ? "" : " (\(kinds))"))
        if namedFromNamesFile > 0 { lines.append("partners named from the names file: \(namedFromNamesFile)") }
        let types = tiesByType.map { "\($0.type) \($0.count)" }.joined(separator: ", ")
        lines.append("ties: \(ties)" + (types.isEmpty ? "" : " (\(types))"))
        if pairsWithoutOverlap > 0 {
            lines.append("pairs sharing a group without overlapping membership (no tie): \(pairsWithoutOverlap)")
        }
        return lines.joined(separator: "\n")
    }

    mutating func skip(_ reason: String) {
        if let i = skipped.firstIndex(where: { $0.reason == reason }) { skipped[i].count += 1 }
        else { skipped.append(SkipCount(reason: reason, count: 1)) }
    }
}

/// The network an import built, and its report.
public struct ImportResult: Sendable {
    /// The imported network (checked: it has no ``PartnerNetwork/problems()``).
    public var network: PartnerNetwork
    /// Counts and warnings.
    public var report: ImportReport
}

/// Imports a foreign CSV file with an ``ImportMapping``.
///
/// ```swift
/// let mapping = try ImportMapping.load(path: "Examples/huggo-projected.mapping.yaml")
/// let result = try CSVImporter.importFile(atPath: "../shared/data/manytrade_HUGGO_MEM_additional.csv",
///                                         mapping: mapping)
/// try GraphFile.save(result.network, to: "huggo.yaml")
/// ```
public enum CSVImporter {
    /// Reads the CSV file at `path` and builds a network as `mapping` says.
    ///
    /// Rows that cannot be used (empty, wrong field count, missing id, a date
    /// in no accepted format, an end before the start, a self-tie) are skipped,
    /// each with a warning at its line; rows with the same key are merged (see
    /// ``ImportMapping/DuplicatePolicy``), each with a warning naming the first
    /// row's line.
    ///
    /// - Parameters:
    ///   - path: The CSV file.
    ///   - mapping: What the columns mean.
    ///   - namesPath: A names CSV overriding `names.file` of the mapping.
    /// - Throws: ``GraphFileError`` when the file cannot be read or parsed, or
    ///   the mapping names columns the file does not have (located in the
    ///   mapping file, with "did you mean"). Nothing is returned then.
    /// - Complexity: O(rows) for edges and bipartite mode; projected mode adds
    ///   O(Σ m²) over the groups' member counts m.
    ///   - allowsOutsidePaths: Whether `names.file` may leave the mapping
    ///     file's directory (``DataFilePath``); `namesPath` always may.
    public static func importFile(atPath path: String, mapping: ImportMapping,
                                  namesPath: String? = nil, allowsOutsidePaths: Bool = false) throws(GraphFileError) -> ImportResult {
        let reader: CSVReader
        do { reader = try CSVReader(contentsOfFile: path) } catch {
            throw GraphFileError([Diagnostic(path: path, line: nil, column: nil, message: error.message, hint: error.hint)])
        }
        var names: [String: String] = [:]
        if let source = try namesSource(mapping: mapping, override: namesPath, allowsOutside: allowsOutsidePaths) {
            names = try readNames(source.path, source.names, mappingPath: mapping.path)
        }
        return try importRecords(reader, mapping: mapping, names: names)
    }

    /// Imports CSV text already in memory (`path` is used in diagnostics);
    /// `names` maps partner ids to names.
    /// - Throws: ``GraphFileError`` as ``importFile(atPath:mapping:namesPath:)`` does.
    public static func importCSV(_ text: String, path: String = "<csv>", mapping: ImportMapping,
                                 names: [String: String] = [:]) throws(GraphFileError) -> ImportResult {
        try importRecords(CSVReader(bytes: Array(text.utf8), path: path), mapping: mapping, names: names)
    }

    // MARK: - Names

    private static func namesSource(mapping: ImportMapping, override: String?, allowsOutside: Bool) throws(GraphFileError)
        -> (path: String, names: ImportMapping.Names)? {
        if let override {
            guard let n = mapping.names else {
                throw GraphFileError(path: mapping.path, message: "--names needs a 'names' section in the mapping",
                                     hint: "add 'names: {id: ID_COLUMN, name: NAME_COLUMN}' naming the names file's columns")
            }
            return (override, n)
        }
        guard let n = mapping.names, let file = n.file else { return nil }
        switch DataFilePath.resolve(file, inDirectory: PathText.directory(of: mapping.path),
                                    allowsOutside: allowsOutside) {
        case .success(let path): return (path, n)
        case .failure(let refusal):
            throw GraphFileError([Diagnostic(path: mapping.path, line: n.fileLine, column: n.fileColumn,
                                             message: "names file " + refusal.message, hint: refusal.hint)])
        }
    }

    private static func readNames(_ path: String, _ n: ImportMapping.Names, mappingPath: String) throws(GraphFileError) -> [String: String] {
        let reader: CSVReader
        do { reader = try CSVReader(contentsOfFile: path) } catch {
            throw GraphFileError([Diagnostic(path: path, line: nil, column: nil, message: error.message,
                                             hint: "give the names file with --names or 'names.file' (relative to the mapping)")])
        }
        let readErrors = (reader.errors + reader.contentErrors(recordsArePartners: true)).sorted()
        if !readErrors.isEmpty { throw GraphFileError(readErrors.map(diagnostic)) }
        let cols = try resolve([n.id, n.name], in: reader, mappingPath: mappingPath)
        var out: [String: String] = [:]
        for r in reader.records {
            guard let id = r.field(at: cols[0])?.trimmingSpaces, !id.isEmpty,
                  let name = r.field(at: cols[1])?.trimmingSpaces, !name.isEmpty else { continue }
            if out[id] == nil { out[id] = name }
        }
        return out
    }

    // MARK: - Rows

    private struct Membership {
        var member: String
        var group: String
        var start: PartialDate?
        var end: PartialDate?
        var type: String
        var line: Int
    }

    private struct Side {
        var order: [String] = []
        var names: [String: String] = [:]
        var kinds: [String: String] = [:]
    }

    private static func importRecords(_ reader: CSVReader, mapping m: ImportMapping,
                                      names: [String: String]) throws(GraphFileError) -> ImportResult {
        let path = reader.path
        let readErrors = (reader.errors + reader.contentErrors(recordsArePartners: false)).sorted()
        if !readErrors.isEmpty { throw GraphFileError(readErrors.map(diagnostic)) }
        var report = ImportReport(inputPath: path)

        // Resolve every column the mapping names, all problems at once.
        let all = m.inputColumns
        let indices = try resolve(all, in: reader, mappingPath: m.path)
        var index: [String: Int] = [:]
        for (c, i) in zip(all, indices) { index[c.name] = i }
        func idx(_ c: ImportMapping.Column?) -> Int? { c.flatMap { index[$0.name] } }
        let missingSets: [Int: Set<String>] = Dictionary(uniqueKeysWithValues: reader.columnNames.enumerated().map {
            ($0.offset, Set(m.missingValues(for: $0.element)))
        })
        let openEnded = Set(m.openEnded)
        let headerCount = reader.columnNames.count
        let filters = m.filters.map { (index: index[$0.column.name]!, values: Set($0.values), negated: $0.negated, text: $0.description) }
        let startCols = m.start.map { index[$0.name]! }
        let endCols = m.end.map { index[$0.name]! }
        let memberCol = idx(m.partners.id), groupCol = idx(m.groups?.id)
        let sourceCol = idx(m.source), targetCol = idx(m.target)
        var warnings: [Diagnostic] = []
        func warn(_ line: Int, _ column: Int?, _ message: String, hint: String? = nil) {
            warnings.append(Diagnostic(path: path, line: line, column: column, severity: .warning, message: message, hint: hint))
        }

        report.rowsRead = reader.records.count + reader.emptyLines.count
        for line in reader.emptyLines {
            report.skip("empty row")
            warn(line, 1, "empty row skipped")
        }

        var memberships: [Membership] = []
        var firstByKey: [String: Int] = [:]
        var members = Side(), groups = Side()

        rows: for r in reader.records {
            if r.count != headerCount {
                report.skip("wrong number of fields")
                warn(r.line, nil, "row has \(r.count) fields but the header has \(headerCount); skipped")
                continue
            }
            for f in filters {
                let v = r[f.index].trimmingSpaces
                if f.values.contains(v) == f.negated {
                    report.skip("filtered out (keeping \(f.text))")
                    continue rows
                }
            }
            func value(_ i: Int) -> String? {
                let v = r[i].trimmingSpaces
                return missingSets[i]!.contains(v) ? nil : v
            }
            func required(_ i: Int?, _ what: String, _ col: ImportMapping.Column?) -> String? {
                guard let i else { return nil }
                if let v = value(i), !v.isEmpty { return v }
                report.skip("missing \(what) (\(col!.name))")
                let raw = r[i].trimmingSpaces
                warn(r.line, r.location(ofField: i).column,
                     "missing \(what) in column \(col!.name)" + (raw.isEmpty ? "" : " ('\(raw)' means missing here)") + "; row skipped",
                     hint: raw.isEmpty ? nil : "if '\(raw)' is a real value in \(col!.name), list the column under 'missing.columns' without it")
                return nil
            }
            func date(_ cols: [Int], isEnd: Bool) -> (ok: Bool, date: PartialDate?) {
                for i in cols {
                    guard let v = value(i), !v.isEmpty else { continue }
                    if openEnded.contains(v) {
                        if isEnd { return (true, nil) }
                        continue
                    }
                    switch ImportDateFormat.parse(v, formats: m.dateFormats) {
                    case .success(let d): return (true, d)
                    case .failure(let p):
                        report.skip("invalid date")
                        warn(r.line, r.location(ofField: i).column, "\(p.message) in column \(reader.columnNames[i]); row skipped", hint: p.hint)
                        return (false, nil)
                    }
                }
                return (true, nil)
            }

            let a: String, b: String
            switch m.mode {
            case .edges:
                guard let s = required(sourceCol, "source", m.source), let t = required(targetCol, "target", m.target) else { continue rows }
                if s == t {
                    report.skip("self-tie")
                    warn(r.line, r.location(ofField: targetCol!).column, "tie joins '\(s)' to itself; row skipped")
                    continue rows
                }
                (a, b) = (s, t)
            case .bipartite, .projected:
                guard let mem = required(memberCol, "member id", m.partners.id),
                      let grp = required(groupCol, "group id", m.groups?.id) else { continue rows }
                (a, b) = (mem, grp)
            }
            let type: String
            switch m.type {
            case .constant(let t): type = t
            case .column(let c):
                guard let t = required(index[c.name], "tie type", c) else { continue rows }
                type = t
            }
            let s = date(startCols, isEnd: false)
            guard s.ok else { continue rows }
            let e = date(endCols, isEnd: true)
            guard e.ok else { continue rows }
            if let sd = s.date, let ed = e.date, ed.lastDay < sd.firstDay {
                report.skip("ends before it starts")
                warn(r.line, nil, "ends (\(ed)) before it starts (\(sd)); row skipped",
                     hint: "correct the dates in the file, or the start and end columns in the mapping")
                continue rows
            }
            // Partners, first seen wins for names and kinds.
            func note(_ side: inout Side, _ id: String, _ def: ImportMapping.Side?, sideIsGroup: Bool) {
                if side.names[id] == nil, side.kinds[id] == nil { side.order.append(id) }
                guard let def else { side.kinds[id] = side.kinds[id] ?? "partner"; return }
                if side.names[id] == nil, let nc = idx(def.name), let n = value(nc), !n.isEmpty { side.names[id] = n }
                if side.kinds[id] == nil {
                    var kind: String?
                    if let k = def.kinds[id] { kind = k }
                    else if case .constant(let k) = def.kind { kind = k }
                    else if case .column(let c) = def.kind, let v = value(index[c.name]!), !v.isEmpty { kind = v }
                    side.kinds[id] = kind ?? (sideIsGroup ? "group" : "partner")
                }
            }
            switch m.mode {
            case .edges:
                note(&members, a, m.partners, sideIsGroup: false)
                note(&members, b, m.partners, sideIsGroup: false)
            case .bipartite, .projected:
                note(&members, a, m.partners, sideIsGroup: false)
                note(&groups, b, m.groups, sideIsGroup: true)
            }
            // Duplicates.
            var key = a + "\u{1F}" + b
            if m.mode == .edges { key += "\u{1F}" + type }
            if m.mode == .edges, !m.directed, b < a { key = b + "\u{1F}" + a + "\u{1F}" + type }
            if m.duplicates == .spell { key += "\u{1F}\(s.date?.description ?? "")\u{1F}\(e.date?.description ?? "")" }
            if let first = firstByKey[key] {
                report.duplicatesMerged += 1
                var x = memberships[first]
                let (ca, cb) = m.mode == .edges ? (m.source!.name, m.target!.name) : (m.partners.id!.name, m.groups!.id!.name)
                var message = "duplicate of line \(x.line) (\(ca) '\(a)', \(cb) '\(b)'); merged"
                let newStart = [x.start, s.date].compactMap { $0 }.min { $0.firstDay < $1.firstDay }
                let newEnd: PartialDate? = (x.end == nil || e.date == nil) ? nil : [x.end!, e.date!].max { $0.lastDay < $1.lastDay }
                if newStart != x.start || newEnd != x.end {
                    message += ", dates widened to \(newStart?.description ?? "?")–\(newEnd?.description ?? "open")"
                }
                x.start = newStart
                x.end = newEnd
                memberships[first] = x
                warn(r.line, nil, message)
                continue rows
            }
            firstByKey[key] = memberships.count
            memberships.append(Membership(member: a, group: b, start: s.date, end: e.date, type: type, line: r.line))
        }
        report.rowsUsed = memberships.count

        // Partners.
        if m.mode != .edges {
            let clash = members.order.filter { groups.kinds[$0] != nil }
            if !clash.isEmpty {
                let g = m.groups!.id!
                throw GraphFileError([Diagnostic(
                    path: m.path, line: g.line, column: g.column,
                    message: "\(clash.count) id\(clash.count == 1 ? " is" : "s are") both a member and a group: "
                        + clash.prefix(5).map { "'\($0)'" }.joined(separator: ", "),
                    hint: "partner ids must be unique; use distinct codes for members and groups")])
            }
        }
        var partners: [Partner] = []
        partners.reserveCapacity(members.order.count + groups.order.count)
        var unnamed: [String] = []
        for (side, isGroup) in [(members, false), (groups, true)] where !(isGroup && m.mode == .projected) {
            for id in side.order {
                var name = side.names[id]
                if name == nil, let n = names[id] { name = n; report.namedFromNamesFile += 1 }
                if name == nil, !names.isEmpty, !isGroup { unnamed.append(id) }
                partners.append(Partner(id: id, name: name ?? id, kind: side.kinds[id] ?? "partner"))
            }
        }
        let limits = ReadLimits.current
        if partners.count > limits.maxPartners {
            let text = limits.countMessage(partners: true)
            throw GraphFileError([Diagnostic(path: path, line: nil, column: nil, message: "the import makes too many partners: " + text.message, hint: text.hint)])
        }
        if !unnamed.isEmpty {
            warnings.append(Diagnostic(path: path, line: nil, column: nil, severity: .warning,
                message: "\(unnamed.count) partner\(unnamed.count == 1 ? " has" : "s have") no name in the names file; id used as name: "
                    + unnamed.prefix(10).joined(separator: ", ") + (unnamed.count > 10 ? ", …" : "")))
        }

        // Ties.
        var ties: [Tie] = []
        switch m.mode {
        case .edges:
            ties = memberships.map { Tie(type: $0.type, source: $0.member, target: $0.group, isDirected: m.directed,
                                         start: $0.start, end: $0.end) }
        case .bipartite:
            ties = memberships.map { Tie(type: $0.type, source: $0.member, target: $0.group, start: $0.start, end: $0.end) }
        case .projected:
            var byGroup: [String: [Int]] = [:]
            for (i, x) in memberships.enumerated() { byGroup[x.group, default: []].append(i) }
            for g in groups.order {
                let list = byGroup[g] ?? []
                for i in 0..<list.count {
                    let x = memberships[list[i]]
                    for j in (i + 1)..<max(list.count, i + 1) {
                        let y = memberships[list[j]]
                        if x.member == y.member { continue }
                        let start: PartialDate? = overlapStart(x.start, y.start)
                        let end: PartialDate? = overlapEnd(x.end, y.end)
                        if let start, let end, end.lastDay < start.firstDay {
                            report.pairsWithoutOverlap += 1
                            continue
                        }
                        if ties.count == limits.maxTies {
                            // Co-membership grows as the square of a group's size.
                            let text = limits.countMessage(partners: false)
                            throw GraphFileError([Diagnostic(
                                path: path, line: memberships[list[j]].line, column: nil,
                                message: "projecting the members of '\(g)' makes too many ties: " + text.message,
                                hint: text.hint + "; or import in bipartite mode, which makes one tie per row")])
                        }
                        ties.append(Tie(type: x.type, source: x.member, target: y.member, start: start, end: end, label: g))
                    }
                }
            }
        }

        // Declare the types used that are not built in.
        var settings = m.tieTypes
        let builtIn = Set(TieTypeDefinition.builtIn.map(\.name))
        var declared = Set(settings.map(\.name))
        for t in ties where !builtIn.contains(t.type) && !declared.contains(t.type) {
            settings.append(TieTypeSetting(name: t.type))
            declared.insert(t.type)
        }
        var attributes: [String: AttributeValue] = ["imported-from": .string(PathText.name(of: path))]
        attributes["import-mode"] = .string(m.mode.rawValue)
        // A bipartite import declares its two sides: the members' kinds and the groups' kinds.
        var modes: [GraphMode] = []
        if m.mode == .bipartite {
            let memberKinds = Set(members.order.map { members.kinds[$0] ?? "partner" })
            let groupKinds = Set(groups.order.map { groups.kinds[$0] ?? "partner" })
            let shared = memberKinds.intersection(groupKinds).sorted()
            if shared.isEmpty {
                modes = [GraphMode(name: "members", kinds: memberKinds.sorted()),
                         GraphMode(name: "groups", kinds: groupKinds.sorted())]
            } else {
                warnings.append(Diagnostic(path: m.path, line: nil, column: nil, severity: .warning,
                    message: "members and groups share the kind\(shared.count == 1 ? "" : "s") "
                        + shared.map { "'\($0)'" }.joined(separator: ", ") + ", so the graph is not declared two-mode (settings.modes)",
                    hint: "give groups a kind of their own under groups.kind in the mapping"))
            }
        }
        let network = PartnerNetwork(title: m.title, description: m.description,
                                     settings: GraphSettings(tieTypes: settings, modes: modes),
                                     attributes: attributes, partners: partners, ties: ties)
        let problems = network.problems()
        if !problems.isEmpty {
            throw GraphFileError(problems.prefix(20).map {
                Diagnostic(path: path, line: nil, column: nil, message: "imported network: \($0.message)", hint: $0.hint)
            })
        }
        report.partners = partners.count
        var kinds: [String: Int] = [:]
        for p in partners { kinds[p.kind, default: 0] += 1 }
        report.partnersByKind = kinds.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        report.ties = ties.count
        var types: [String: Int] = [:]
        for t in ties { types[t.type, default: 0] += 1 }
        report.tiesByType = types.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        report.warnings = warnings.enumerated().sorted {
            ($0.element.line ?? Int.max, $0.offset) < ($1.element.line ?? Int.max, $1.offset)
        }.map(\.element)
        return ImportResult(network: network, report: report)
    }

    /// The later of two starts (an unknown start does not restrict).
    static func overlapStart(_ a: PartialDate?, _ b: PartialDate?) -> PartialDate? {
        guard let a else { return b }
        guard let b else { return a }
        return a.firstDay >= b.firstDay ? a : b
    }

    /// The earlier of two ends (no end means ongoing).
    static func overlapEnd(_ a: PartialDate?, _ b: PartialDate?) -> PartialDate? {
        guard let a else { return b }
        guard let b else { return a }
        return a.lastDay <= b.lastDay ? a : b
    }

    // MARK: - Helpers

    /// The header index of every column, or every unknown column as a
    /// diagnostic in the mapping file.
    private static func resolve(_ columns: [ImportMapping.Column], in reader: CSVReader,
                                mappingPath: String) throws(GraphFileError) -> [Int] {
        var out: [Int] = []
        var problems: [Diagnostic] = []
        for c in columns {
            if let i = reader.columnIndex(named: c.name) { out.append(i); continue }
            let s = Suggestion.closest(to: c.name, among: reader.columnNames)
            problems.append(Diagnostic(
                path: mappingPath, line: c.line, column: c.column,
                message: "unknown column '\(c.name)' in \(reader.path)" + (s.map { " (did you mean '\($0)'?)" } ?? ""),
                hint: "its columns are: \(reader.columnNames.joined(separator: ", "))"))
        }
        if !problems.isEmpty { throw GraphFileError(problems) }
        return out
    }

    private static func diagnostic(_ e: CSVError) -> Diagnostic {
        Diagnostic(path: e.path, line: e.line, column: e.column, message: e.message, hint: e.hint)
    }
}
