import Foundation
import PartnerGraph

// The row reader of an import: each unit of rows (an input, or 65,536
// records of a large one) is read on a worker thread with partners of its
// own; `importRecords` merges the units in input order.
extension CSVImporter {
    /// A unit of rows for ``readRows(_:of:plan:mapping:)``: records of one input.
    struct RowUnit: Sendable {
        var source: Int
        var records: Range<Int>
    }

    /// What one unit of rows gave: rows with the unit's own partner and type
    /// indices (merged in input order by the caller), counts, warnings, errors.
    struct UnitResult {
        var counts: ImportReport.FileCounts
        var members = Side(), groups = Side(), types = Side()
        var rows: [Membership] = []
        var warnings: [Diagnostic] = []
        var rowErrors: [Diagnostic] = []
        var rowErrorCount = 0
        var filterMatched: [Bool]
    }

    /// The results of the units, one slot each: claimed and written by worker
    /// threads, waited for and taken in order by the merging thread.
    final class UnitResults: @unchecked Sendable {
        private var results: [UnitResult?]
        private var next = 0
        private let ready: [DispatchSemaphore]
        private let lock = NSLock()
        init(count: Int) {
            results = Array(repeating: nil, count: count)
            ready = (0..<count).map { _ in DispatchSemaphore(value: 0) }
        }
        /// Whether unit `i` is claimed by a reader (it is then read or being read).
        func isClaimed(_ i: Int) -> Bool {
            lock.lock()
            defer { lock.unlock() }
            return i < next
        }
        /// The next unit to read, or `nil` when every unit is claimed.
        func claimNext() -> Int? {
            lock.lock()
            defer { lock.unlock() }
            guard next < results.count else { return nil }
            next += 1
            return next - 1
        }
        func store(_ r: UnitResult, at i: Int) {
            lock.lock()
            results[i] = r
            lock.unlock()
            ready[i].signal()
        }
        /// The result of unit `i` once it is read (it is then released here).
        func wait(_ i: Int) -> UnitResult {
            ready[i].wait()
            lock.lock()
            defer { lock.unlock() }
            let r = results[i]!
            results[i] = nil
            return r
        }
    }

    /// How one input's values are read: its column indices, missing markers,
    /// filters and the reading of every mapped value.
    struct SourcePlan {
        var index: [String: Int]
        var missingLists: [[String]]
        var missingBytes: [ByteStrings]
        var filterBytes: [ByteStrings]
        var headerCount: Int
        var filters: [(index: Int, values: [String], negated: Bool)]
        var startCols: [Int], endCols: [Int]
        var memberReading: Reading?, groupReading: Reading?, typeReading: Reading?
        var memberNameReading: Reading?, memberKindReading: Reading?, groupNameReading: Reading?, groupKindReading: Reading?
        var sourceCol: Int?, targetCol: Int?
        var memberColumnName: String, groupColumnName: String

        /// The plan of `src`; a file or sheet name that does not fit a derived value is appended to `errors`.
        init(mapping m: ImportMapping, source src: ImportSource, index: [String: Int],
             lookups: [ImportMapping.DerivedValue: CompiledDerivedValue], errors: inout [Diagnostic]) {
            let reader = src.reader
            let path = src.path
            self.index = index
            func idx(_ c: ImportMapping.Column?) -> Int? { c.flatMap { index[$0.name] } }
            missingLists = reader.columnNames.map { m.missingValues(for: $0) }
            missingBytes = missingLists.map(ByteStrings.init)
            filterBytes = m.filters.map { ByteStrings($0.values) }
            headerCount = reader.columnNames.count
            filters = m.filters.map { (index: index[$0.column.name]!, values: $0.values, negated: $0.negated) }
            startCols = m.start.map { index[$0.name]! }
            endCols = m.end.map { index[$0.name]! }
            func reading(_ d: ImportMapping.DerivedValue) -> Reading? {
                let c = lookups[d]!
                let text: String
                switch d.origin {
                case .column(let col): return .derivedColumn(index[col.name]!, DerivedReading(c))
                case .fileStem: text = src.fileStem
                case .fileName: text = src.fileName
                case .sheet:
                    guard let sheet = src.sheet else {
                        errors.append(Diagnostic(path: m.path, line: d.line, column: d.column,
                                                 message: "\(d.description) names a workbook sheet, but \(path) is a CSV file",
                                                 hint: "use {file: stem} for CSV files"))
                        return nil
                    }
                    text = sheet
                }
                switch c.apply(text) {
                case .success(let v): return .constant(v)
                case .failure(let p):
                    errors.append(Diagnostic(path: m.path, line: d.line, column: d.column,
                                             message: "in \(path): \(p.message)", hint: p.hint))
                    return nil
                }
            }
            func reading(column: ImportMapping.Column?, from: ImportMapping.DerivedValue?) -> Reading? {
                if let from { return reading(from) }
                return idx(column).map { .column($0) }
            }
            func reading(_ v: ImportMapping.Value) -> Reading? {
                switch v {
                case .constant(let s): return .constant(s)
                case .column(let c): return .column(index[c.name]!)
                case .derived(let d): return reading(d)
                }
            }
            memberReading = reading(column: m.partners.id, from: m.partners.idFrom)
            groupReading = reading(column: m.groups?.id, from: m.groups?.idFrom)
            typeReading = reading(m.type)
            memberNameReading = reading(column: m.partners.name, from: m.partners.nameFrom)
            memberKindReading = reading(m.partners.kind)
            groupNameReading = m.groups.flatMap { reading(column: $0.name, from: $0.nameFrom) }
            groupKindReading = m.groups.flatMap { reading($0.kind) }
            sourceCol = idx(m.source)
            targetCol = idx(m.target)
            memberColumnName = m.partners.id?.name ?? m.partners.idFrom?.description ?? "?"
            groupColumnName = m.groups?.id?.name ?? m.groups?.idFrom?.description ?? "?"
        }
    }

    /// Reads the rows of `unit`: filters, values, dates; partners and types
    /// interned in the unit's own order. No duplicates are merged here.
    static func readRows(_ unit: RowUnit, of src: ImportSource, plan: SourcePlan, mapping m: ImportMapping) -> UnitResult {
        let si = unit.source
        let reader = src.reader
        let path = src.path
        var out = UnitResult(counts: ImportReport.FileCounts(path: path),
                             filterMatched: [Bool](repeating: false, count: m.filters.count))
        var counts = ImportReport.FileCounts(path: path)
        // Every input usually lists most of its partners anew: tables sized for them at once.
        var members = Side(expected: unit.records.count), groups = Side(), types = Side()
        var filterMatched = out.filterMatched
        func rowError(_ d: Diagnostic) {
            out.rowErrorCount += 1
            if out.rowErrors.count < 100 { out.rowErrors.append(d) }
        }
        func warn(_ line: Int, _ column: Int?, _ message: String, hint: String? = nil) {
            out.warnings.append(Diagnostic(path: path, line: src.row(line), column: column, severity: .warning, message: message, hint: hint))
        }
        // Read once, not once per row (a copy of a mapping's side retains its every value).
        // The kinds the mapping gives by id (`nil`: no such side in the mapping).
        let memberKinds: [String: String]? = m.partners.kinds, groupKinds = m.groups?.kinds
        let mode = m.mode, dateFormats = m.dateFormats
        let typeName: String
        if case .column(let c) = m.type { typeName = c.name } else { typeName = "ties.type" }
        let openEnded = Set(m.openEnded)
        let openEndedBytes = ByteStrings(m.openEnded)
        let startIsNamed = !m.start.isEmpty
        let missingLists = plan.missingLists, missingBytes = plan.missingBytes, filterBytes = plan.filterBytes
        let headerCount = plan.headerCount, filters = plan.filters, startCols = plan.startCols, endCols = plan.endCols
        let memberReading = plan.memberReading, groupReading = plan.groupReading, typeReading = plan.typeReading
        let memberNameReading = plan.memberNameReading, memberKindReading = plan.memberKindReading
        let groupNameReading = plan.groupNameReading, groupKindReading = plan.groupKindReading
        let sourceCol = plan.sourceCol, targetCol = plan.targetCol
        let memberColumnName = plan.memberColumnName, groupColumnName = plan.groupColumnName

        if unit.records.lowerBound == 0 {  // the input's first unit reports its empty lines
            for line in reader.emptyLines {
                counts.skip("empty row")
                warn(line, 1, "empty row skipped")
            }
        }

        reader.storage.bytes.withUnsafeBufferPointer { buf in
            rows: for r in reader.records[unit.records] {
                if r.count != headerCount {
                    counts.skip("wrong number of fields")
                    warn(r.line, nil, "row has \(r.count) fields but the header has \(headerCount); skipped")
                    continue
                }
                var filteredOut = false
                for (fi, f) in filters.enumerated() {
                    let hit = FieldBytes.trimmed(buf, r, f.index).flatMap { filterBytes[fi].contains(buf, $0) }
                        ?? f.values.contains(r[f.index].trimmingSpaces)
                    if hit { filterMatched[fi] = true }
                    if hit == f.negated { filteredOut = true }
                }
                if filteredOut {
                    counts.rowsFiltered += 1
                    continue rows
                }
                func value(_ i: Int) -> String? {
                    if let rg = FieldBytes.trimmed(buf, r, i), let missing = missingBytes[i].contains(buf, rg) {
                        return missing ? nil : String(decoding: UnsafeBufferPointer(rebasing: buf[rg]), as: UTF8.self)
                    }
                    let v = r[i].trimmingSpaces
                    return missingLists[i].contains(v) ? nil : v
                }
                var failed = false
                func read(_ reading: Reading?) -> String? {
                    switch reading {
                    case nil: return nil
                    case .constant(let s)?: return s
                    case .column(let i)?: return value(i)
                    case .derivedColumn(let i, let c)?:
                        guard let v = value(i), !v.isEmpty else { return nil }
                        switch c.compiled.apply(v) {
                        case .success(let out): return out
                        case .failure(let p):
                            rowError(Diagnostic(path: path, line: src.row(r.line), column: src.column(r, i),
                                                message: "column \(reader.columnNames[i]): " + p.message, hint: p.hint))
                            failed = true
                            return nil
                        }
                    }
                }
                func required(_ reading: Reading?, _ what: String, _ colName: String) -> RowText? {
                    if case .column(let i)? = reading, let rg = FieldBytes.trimmed(buf, r, i), !rg.isEmpty,
                       missingBytes[i].contains(buf, rg) == false { return .bytes(rg) }
                    if let v = read(reading), !v.isEmpty { return .string(v) }
                    if failed { return nil }
                    counts.skip("missing \(what) (\(colName))")
                    var raw = "", column: Int?
                    if case .column(let i)? = reading { raw = r[i].trimmingSpaces; column = src.column(r, i) }
                    if case .derivedColumn(let i, _)? = reading { raw = r[i].trimmingSpaces; column = src.column(r, i) }
                    warn(r.line, column,
                         "missing \(what) in column \(colName)" + (raw.isEmpty ? "" : " ('\(raw)' means missing here)") + "; row skipped",
                         hint: raw.isEmpty ? nil : "if '\(raw)' is a real value in \(colName), list the column under 'missing.columns' without it")
                    return nil
                }
                func date(_ cols: [Int], isEnd: Bool) -> (ok: Bool, date: PartialDate?) {
                    for i in cols {
                        if let rg = FieldBytes.trimmed(buf, r, i), let missing = missingBytes[i].contains(buf, rg),
                           let open = openEndedBytes.contains(buf, rg) {
                            if missing || rg.isEmpty { continue }
                            if open {
                                if isEnd { return (true, nil) }
                                continue
                            }
                            if let d = ImportDateFormat.parseAccepted(buf, rg, formats: dateFormats) { return (true, d) }
                        }
                        guard let v = value(i), !v.isEmpty else { continue }
                        if openEnded.contains(v) {
                            if isEnd { return (true, nil) }
                            continue
                        }
                        switch ImportDateFormat.parse(v, formats: dateFormats, uses1904: src.uses1904) {
                        case .success(let d): return (true, d)
                        case .failure(let p):
                            counts.skip("invalid date")
                            warn(r.line, src.column(r, i), "\(p.message) in column \(reader.columnNames[i]); row skipped", hint: p.hint)
                            return (false, nil)
                        }
                    }
                    return (true, nil)
                }

                let a: RowText, b: RowText
                switch mode {
                case .edges:
                    guard let s = required(sourceCol.map { .column($0) }, "source", m.source!.name),
                          let t = required(targetCol.map { .column($0) }, "target", m.target!.name) else { continue rows }
                    if s.equals(t, buf) {
                        counts.skip("self-tie")
                        warn(r.line, src.column(r, targetCol!), "tie joins '\(s.text(buf))' to itself; row skipped")
                        continue rows
                    }
                    (a, b) = (s, t)
                case .bipartite, .projected:
                    guard let mem = required(memberReading, "member id", memberColumnName),
                          let grp = required(groupReading, "group id", groupColumnName) else { continue rows }
                    (a, b) = (mem, grp)
                }
                guard let type = required(typeReading, "tie type", typeName) else { continue rows }
                let s = date(startCols, isEnd: false)
                guard s.ok else { continue rows }
                if startIsNamed, s.date == nil {
                    switch m.undated {
                    case .keep?: break
                    case .skip?:
                        counts.skip("undated")
                        continue rows
                    case nil:
                        let names = m.start.map(\.name).joined(separator: ", ")
                        rowError(Diagnostic(path: path, line: src.row(r.line), column: src.column(r, startCols[0]),
                            message: "no start date: \(m.start.count == 1 ? "column" : "columns") \(names) \(m.start.count == 1 ? "is" : "are") empty or missing",
                            hint: "fill in the date; or add 'undated: skip' to the mapping to drop such rows (counted in the summary), "
                                + "or 'undated: keep' to import them as undated ties"))
                        continue rows
                    }
                }
                let e = date(endCols, isEnd: true)
                guard e.ok else { continue rows }
                if let sd = s.date, let ed = e.date, ed.lastDay < sd.firstDay {
                    counts.skip("ends before it starts")
                    warn(r.line, nil, "ends (\(ed)) before it starts (\(sd)); row skipped",
                         hint: "correct the dates in the file, or the start and end columns in the mapping")
                    continue rows
                }
                // Partners, first seen wins for names and kinds.
                func note(_ side: inout Side, _ id: RowText, _ givenKinds: [String: String]?, name: Reading?, kind: Reading?, sideIsGroup: Bool) -> Int32 {
                    let (i, isNew) = side.intern(id, buf)
                    guard let givenKinds else {
                        if isNew { side.kinds[i] = "partner" }
                        return Int32(i)
                    }
                    if !side.hasName(i), let name {
                        // A name as bytes when the field is plain ASCII: the merge makes the String if it keeps it.
                        if case .column(let c) = name, let rg = FieldBytes.trimmed(buf, r, c), let missing = missingBytes[c].contains(buf, rg) {
                            if !missing, !rg.isEmpty { side.nameBytes[i] = rg }
                        } else if let n = read(name), !n.isEmpty { side.names[i] = n }
                    }
                    if side.kinds[i] == nil {
                        var k: String?
                        if !givenKinds.isEmpty, let given = givenKinds[side.order[i]] { k = given } else if let v = read(kind), !v.isEmpty { k = v }
                        side.kinds[i] = k ?? (sideIsGroup ? "group" : "partner")
                    }
                    return Int32(i)
                }
                let ia: Int32, ib: Int32
                switch mode {
                case .edges:
                    ia = note(&members, a, memberKinds, name: memberNameReading, kind: memberKindReading, sideIsGroup: false)
                    ib = note(&members, b, memberKinds, name: memberNameReading, kind: memberKindReading, sideIsGroup: false)
                case .bipartite, .projected:
                    ia = note(&members, a, memberKinds, name: memberNameReading, kind: memberKindReading, sideIsGroup: false)
                    ib = note(&groups, b, groupKinds, name: groupNameReading, kind: groupKindReading, sideIsGroup: true)
                }
                if failed { continue rows }
                let typeIndex = Int32(types.intern(type, buf).index)
                out.rows.append(Membership(member: ia, group: ib, type: typeIndex, source: Int32(si), line: r.line,
                                           start: s.date, end: e.date))
            }
        }
        out.counts = counts
        out.members = members
        out.groups = groups
        out.types = types
        out.filterMatched = filterMatched
        return out
    }
}
