import Foundation
import PartnerGraph

/// What an import kept and dropped, for printing after the import: per
/// input file (or sheet) and in total.
public struct ImportReport: Sendable {
    /// A number of rows skipped for one reason.
    public struct SkipCount: Hashable, Sendable {
        /// Why, e.g. `empty row`, `missing member id (stateID)`, `undated`.
        public var reason: String
        /// How many rows.
        public var count: Int
    }

    /// The counts of one input file or sheet.
    public struct FileCounts: Hashable, Sendable {
        /// The input, as shown in diagnostics (`dir/a.csv`, `book.xlsx#Sheet2`).
        public var path: String
        /// Data rows (every record after the header, and empty records).
        public var rowsRead = 0
        /// Rows dropped by the mapping's filters.
        public var rowsFiltered = 0
        /// Rows skipped, by reason, in the order the reasons were first met.
        public var skipped: [SkipCount] = []
        /// Rows merged into an earlier row (of any file) with the same key.
        public var duplicatesMerged = 0
        /// Rows that became a tie or a membership of their own.
        public var rowsUsed = 0
        /// The total of ``skipped``.
        public var rowsSkipped: Int { skipped.reduce(0) { $0 + $1.count } }

        mutating func skip(_ reason: String, count: Int = 1) {
            if let i = skipped.firstIndex(where: { $0.reason == reason }) { skipped[i].count += count }
            else { skipped.append(SkipCount(reason: reason, count: count)) }
        }

        /// `rows read 193, used 150, filtered 0, skipped 43 (undated 43), merged 0`.
        public var line: String {
            let reasons = skipped.map { "\($0.reason) \($0.count)" }.joined(separator: ", ")
            return "rows read \(rowsRead), used \(rowsUsed), filtered \(rowsFiltered), skipped \(rowsSkipped)"
                + (skipped.isEmpty ? "" : " (\(reasons))") + ", merged \(duplicatesMerged)"
        }
    }

    /// A column some input files have and others lack (none of which the mapping needs).
    public struct ColumnDifference: Hashable, Sendable {
        /// The column.
        public var column: String
        /// The inputs without it.
        public var missingIn: [String]
        /// How many inputs have it.
        public var presentIn: Int
    }

    /// The first input file, as given.
    public var inputPath: String
    /// Counts per input file or sheet, in input order.
    public var files: [FileCounts] = []
    /// Columns not every input has.
    public var columnDifferences: [ColumnDifference] = []
    /// Data rows in all inputs.
    public var rowsRead: Int { files.reduce(0) { $0 + $1.rowsRead } }
    /// Rows dropped by the filters, in all inputs.
    public var rowsFiltered: Int { files.reduce(0) { $0 + $1.rowsFiltered } }
    /// Rows skipped in all inputs, by reason, in the order the reasons were first met.
    public var skipped: [SkipCount] {
        var out: [SkipCount] = []
        for f in files {
            for s in f.skipped {
                if let i = out.firstIndex(where: { $0.reason == s.reason }) { out[i].count += s.count } else { out.append(s) }
            }
        }
        return out
    }
    /// Rows merged into an earlier row with the same key.
    public var duplicatesMerged: Int { files.reduce(0) { $0 + $1.duplicatesMerged } }
    /// Rows that became a tie or a membership (after merging duplicates).
    public var rowsUsed: Int { files.reduce(0) { $0 + $1.rowsUsed } }
    /// Partners in the result.
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

    /// Lines like `rows read: 5608`, one per count; with several inputs,
    /// first a line per input.
    public var summary: String {
        var lines: [String] = []
        if files.count > 1 {
            lines.append("files: \(files.count)")
            for f in files { lines.append("  \(f.path): \(f.line)") }
            for d in columnDifferences {
                lines.append("column '\(d.column)' (not used by the mapping) is in \(d.presentIn) of \(files.count) files; missing in "
                             + d.missingIn.prefix(5).joined(separator: ", ") + (d.missingIn.count > 5 ? ", …" : ""))
            }
            lines.append("total:")
        }
        lines.append("rows read: \(rowsRead)")
        lines.append("rows filtered: \(rowsFiltered)")
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
}

/// One input of an import: a CSV file, or one sheet of a workbook read as a table.
public struct ImportSource: Sendable {
    /// The table.
    public var reader: CSVReader
    /// The input as shown in diagnostics: `dir/a.csv` or `dir/book.xlsx#Sheet2`.
    public var path: String { reader.path }
    /// The file's name (`a.csv`, `book.xlsx`), for `{file: stem}` and `{file: name}`.
    public var fileName: String
    /// The sheet's name, for a workbook sheet.
    public var sheet: String?
    /// Whether the workbook counts dates from 1904 (`dates: excel`).
    public var uses1904 = false
    /// For a sheet: the sheet row of each line of ``reader``'s text (index: line).
    var sheetRows: [Int]?

    /// A CSV file's contents.
    public init(reader: CSVReader, fileName: String) {
        self.reader = reader
        self.fileName = fileName
    }

    /// Reads the CSV file at `path`.
    /// - Throws: ``GraphFileError`` when it cannot be read.
    public init(csvAtPath path: String) throws(GraphFileError) {
        do { reader = try CSVReader(contentsOfFile: path) } catch {
            throw GraphFileError([Diagnostic(path: path, line: nil, column: nil, message: error.message, hint: error.hint)])
        }
        fileName = PathText.name(of: path)
    }

    /// Reads the CSV files at `paths`, on every active core: one result per
    /// path, in order, as ``init(csvAtPath:)`` gives it.
    public static func readCSVFiles(atPaths paths: [String]) -> [Result<ImportSource, GraphFileError>] {
        let results = ResultSlots<Result<ImportSource, GraphFileError>>(count: paths.count)
        let limits = ReadLimits.current  // a task-local value: the worker threads are given it
        DispatchQueue.concurrentPerform(iterations: paths.count) { k in
            ReadLimits.$current.withValue(limits) {
                do throws(GraphFileError) { results.store(.success(try ImportSource(csvAtPath: paths[k])), at: k) } catch {
                    results.store(.failure(error), at: k)
                }
            }
        }
        return results.values
    }

    /// The line (CSV) or sheet row of a record line.
    func row(_ line: Int) -> Int { sheetRows.map { line < $0.count ? $0[line] : line } ?? line }
    /// The column of field `i` of `r` for diagnostics: the character column
    /// in a CSV file, the spreadsheet column number (A = 1) in a sheet.
    func column(_ r: CSVRecord, _ i: Int) -> Int { sheetRows == nil ? r.location(ofField: i).column : i + 1 }
    /// The file name without its last extension.
    var fileStem: String {
        guard let dot = fileName.lastIndex(of: "."), dot != fileName.startIndex else { return fileName }
        return String(fileName[..<dot])
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
    /// row's line. A row without a start date is an error unless the mapping
    /// says `undated: keep` or `undated: skip`; so is a filter no row matches.
    ///
    /// - Parameters:
    ///   - path: The CSV file.
    ///   - mapping: What the columns mean.
    ///   - namesPath: A names CSV overriding `names.file` of the mapping.
    ///   - allowsOutsidePaths: Whether `names.file` and lookup files may leave
    ///     the mapping file's directory (``DataFilePath``); `namesPath` always may.
    /// - Throws: ``GraphFileError`` when the file cannot be read or parsed, or
    ///   the mapping names columns the file does not have (located in the
    ///   mapping file, with "did you mean"), or rows hold errors. Nothing is returned then.
    /// - Complexity: O(rows) for edges and bipartite mode; projected mode adds
    ///   O(Σ m²) over the groups' member counts m.
    public static func importFile(atPath path: String, mapping: ImportMapping,
                                  namesPath: String? = nil, allowsOutsidePaths: Bool = false) throws(GraphFileError) -> ImportResult {
        try importSources([ImportSource(csvAtPath: path)], mapping: mapping, namesPath: namesPath, allowsOutsidePaths: allowsOutsidePaths)
    }

    /// Imports CSV text already in memory (`path` is used in diagnostics);
    /// `names` maps partner ids to names.
    /// - Throws: ``GraphFileError`` as ``importFile(atPath:mapping:namesPath:allowsOutsidePaths:)`` does.
    public static func importCSV(_ text: String, path: String = "<csv>", mapping: ImportMapping,
                                 names: [String: String] = [:]) throws(GraphFileError) -> ImportResult {
        let source = ImportSource(reader: CSVReader(bytes: Array(text.utf8), path: path), fileName: PathText.name(of: path))
        return try importRecords([source], mapping: mapping, names: names, lookups: loadLookups(mapping, allowsOutside: false))
    }

    /// Imports several inputs (CSV files, workbook sheets) into one network:
    /// partners and ties of every input, duplicates merged across inputs.
    ///
    /// Columns the mapping needs must be in every input (an error naming the
    /// input otherwise); columns some inputs lack that the mapping does not
    /// need are listed in ``ImportReport/columnDifferences``.
    /// - Throws: ``GraphFileError`` as ``importFile(atPath:mapping:namesPath:allowsOutsidePaths:)`` does.
    /// - Complexity: O(rows of all inputs), plus projected mode's O(Σ m²).
    public static func importSources(_ sources: [ImportSource], mapping: ImportMapping, namesPath: String? = nil,
                                     allowsOutsidePaths: Bool = false) throws(GraphFileError) -> ImportResult {
        var names: [String: String] = [:]
        if let source = try namesSource(mapping: mapping, override: namesPath, allowsOutside: allowsOutsidePaths) {
            names = try readNames(source.path, source.names, mappingPath: mapping.path)
        }
        return try importRecords(sources, mapping: mapping, names: names,
                                 lookups: loadLookups(mapping, allowsOutside: allowsOutsidePaths))
    }

    // MARK: - Lookups

    /// `d` with its regex compiled and its lookup file read.
    static func compile(_ d: ImportMapping.DerivedValue, mappingPath: String, allowsOutside: Bool = false) throws(GraphFileError) -> CompiledDerivedValue {
        let regex = d.match.flatMap { try? NSRegularExpression(pattern: $0) }
        var table: [String: String]?
        if let l = d.lookup {
            table = l.table
            if let file = l.file, let key = l.key, let value = l.value {
                let path: String
                switch DataFilePath.resolve(file, inDirectory: PathText.directory(of: mappingPath), allowsOutside: allowsOutside) {
                case .success(let p): path = p
                case .failure(let refusal):
                    throw GraphFileError([Diagnostic(path: mappingPath, line: d.line, column: d.column,
                                                     message: "lookup file " + refusal.message, hint: refusal.hint)])
                }
                let t = try readNames(path, ImportMapping.Names(file: file, id: key, name: value), mappingPath: mappingPath)
                table!.merge(t) { a, _ in a }
            }
        }
        return CompiledDerivedValue(value: d, regex: regex, table: table)
    }

    /// Every derived value of the mapping, in mapping order.
    static func derivedValues(_ m: ImportMapping) -> [ImportMapping.DerivedValue] {
        var out: [ImportMapping.DerivedValue] = []
        for side in [m.partners] + (m.groups.map { [$0] } ?? []) {
            if let d = side.idFrom { out.append(d) }
            if let d = side.nameFrom { out.append(d) }
            if case .derived(let d) = side.kind { out.append(d) }
        }
        if case .derived(let d) = m.type { out.append(d) }
        return out
    }

    /// The compiled form of every derived value (lookup files read).
    private static func loadLookups(_ m: ImportMapping, allowsOutside: Bool) throws(GraphFileError) -> [ImportMapping.DerivedValue: CompiledDerivedValue] {
        var out: [ImportMapping.DerivedValue: CompiledDerivedValue] = [:]
        for d in derivedValues(m) where out[d] == nil {
            out[d] = try compile(d, mappingPath: m.path, allowsOutside: allowsOutside)
        }
        return out
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

    /// A used row: its partners and type as indices, its dates and where it is.
    struct Membership {
        /// The index in `members`.
        var member: Int32
        /// The index in `groups` (bipartite, projected) or in `members` (edges).
        var group: Int32
        /// The index in `types`.
        var type: Int32
        /// The input.
        var source: Int32
        var line: Int
        var start: PartialDate?
        var end: PartialDate?
    }

    /// A value read from a row: the trimmed bytes of an ASCII field (no
    /// `String` made), or text.
    enum RowText {
        case bytes(Range<Int>)
        case string(String)

        func text(_ buffer: UnsafeBufferPointer<UInt8>) -> String {
            switch self {
            case .bytes(let r): return String(decoding: UnsafeBufferPointer(rebasing: buffer[r]), as: UTF8.self)
            case .string(let s): return s
            }
        }

        /// Whether the two values are the same text.
        func equals(_ other: RowText, _ buffer: UnsafeBufferPointer<UInt8>) -> Bool {
            if case .bytes(let p) = self, case .bytes(let q) = other {
                return p.count == q.count && zip(p, q).allSatisfy { buffer[$0] == buffer[$1] }
            }
            return text(buffer) == other.text(buffer)
        }
    }

    /// The ids of one side (or the tie types), interned: in first-seen order, names and kinds by index.
    struct Side {
        var ids = IDInterner()
        var names: [String?] = []
        /// In a unit: where in the input's bytes a name is (made a `String` only when the merge keeps it).
        var nameBytes: [Range<Int>?] = []
        var kinds: [String?] = []
        var lastID = "", lastIndex = -1

        init() {}
        /// A side for about `expected` ids.
        init(expected: Int) { ids = IDInterner(expected: expected) }

        /// Whether id `i` has a name (as text or as bytes).
        func hasName(_ i: Int) -> Bool { names[i] != nil || nameBytes[i] != nil }

        var order: [String] { ids.ids }
        var count: Int { ids.count }

        /// Interns the ids of `local` (a unit's side) in its order, taking its
        /// name and kind for an id that has none yet; the index of each of its ids here.
        /// `bytes` are the bytes of the unit's input (for names kept as bytes).
        mutating func adopt(_ local: Side, bytes: UnsafeBufferPointer<UInt8>) -> [Int32] {
            var map: [Int32] = []
            map.reserveCapacity(local.count)
            for l in 0..<local.count {
                let (g, isNew) = ids.intern(from: local.ids, l)
                if isNew {
                    names.append(nil)
                    nameBytes.append(nil)
                    kinds.append(nil)
                }
                if names[g] == nil {
                    if let n = local.names[l] { names[g] = n } else if let r = local.nameBytes[l] {
                        names[g] = String(decoding: UnsafeBufferPointer(rebasing: bytes[r]), as: UTF8.self)
                    }
                }
                if kinds[g] == nil { kinds[g] = local.kinds[l] }
                map.append(Int32(g))
            }
            return map
        }

        /// The index of `id`, added when new; whether it is new.
        mutating func intern(_ id: RowText, _ buffer: UnsafeBufferPointer<UInt8>) -> (index: Int, isNew: Bool) {
            let found: (index: Int, isNew: Bool)
            switch id {
            case .bytes(let r): found = ids.intern(buffer, r)
            case .string(let s):
                // Constants (a file's group, a mapping's type) come as the same string row after row.
                if lastIndex >= 0, s == lastID { return (lastIndex, false) }
                found = ids.intern(s)
                lastID = s
                lastIndex = found.index
            }
            if found.isNew {
                names.append(nil)
                nameBytes.append(nil)
                kinds.append(nil)
            }
            return found
        }
    }

    /// What makes two rows duplicates: the partners' and type's indices, and the dates for `spell`.
    struct RowKey: Hashable {
        var a: Int32, b: Int32, type: Int32
        var start: PartialDate?, end: PartialDate?
    }

    /// How one value is read from the rows of one input.
    enum Reading {
        /// The trimmed value of this field (missing values are `nil`).
        case column(Int)
        /// The same text for every row (a constant, or derived from the file or sheet name).
        case constant(String)
        /// A field's value through a regex and/or lookup.
        case derivedColumn(Int, DerivedReading)
    }

    /// A derived value's regex and lookup, shared (a ``Reading`` is copied row after row: one reference, not the whole value).
    final class DerivedReading: @unchecked Sendable {
        let compiled: CompiledDerivedValue
        init(_ compiled: CompiledDerivedValue) { self.compiled = compiled }
    }

    private static func importRecords(_ sources: [ImportSource], mapping m: ImportMapping, names: [String: String],
                                      lookups: [ImportMapping.DerivedValue: CompiledDerivedValue]) throws(GraphFileError) -> ImportResult {
        precondition(!sources.isEmpty, "an import needs at least one input")
        var report = ImportReport(inputPath: sources[0].path)
        var readErrors: [Diagnostic] = []
        for src in sources {
            readErrors += (src.reader.errors + src.reader.contentErrors(recordsArePartners: false)).sorted().map { diagnostic($0, src) }
        }
        if !readErrors.isEmpty { throw GraphFileError(readErrors) }

        // Resolve every column the mapping names in every input, all problems at once.
        let all = m.inputColumns
        var problems: [Diagnostic] = []
        var indexBySource: [[String: Int]] = []
        for src in sources {
            var index: [String: Int] = [:]
            do {
                let indices = try resolve(all, in: src.reader, mappingPath: m.path)
                for (c, i) in zip(all, indices) { index[c.name] = i }
            } catch { problems += error.diagnostics }
            indexBySource.append(index)
        }
        if !problems.isEmpty { throw GraphFileError(problems) }

        // Columns not every input has (the mapping needs none of them: it would have failed above).
        if sources.count > 1 {
            var order: [String] = []
            var present: [String: Int] = [:]
            for src in sources {
                for c in src.reader.columnNames {
                    if present[c] == nil { order.append(c) }
                    present[c, default: 0] += 1
                }
            }
            for c in order where present[c]! < sources.count {
                let missingIn = sources.filter { $0.reader.columnIndex(named: c) == nil }.map(\.path)
                report.columnDifferences.append(ImportReport.ColumnDifference(column: c, missingIn: missingIn, presentIn: present[c]!))
            }
        }

        var warnings: [(source: Int, diagnostic: Diagnostic)] = []
        var rowErrors: [Diagnostic] = []
        var rowErrorCount = 0
        func rowError(_ d: Diagnostic) {
            rowErrorCount += 1
            if rowErrors.count < 100 { rowErrors.append(d) }
        }
        for d in report.columnDifferences {
            warnings.append((-1, Diagnostic(path: d.missingIn[0], line: nil, column: nil, severity: .warning,
                message: "column '\(d.column)' is missing in \(d.missingIn.count) of \(sources.count) inputs ("
                    + d.missingIn.prefix(3).map(PathText.name(of:)).joined(separator: ", ") + (d.missingIn.count > 3 ? ", …" : "")
                    + "); the mapping does not use it",
                hint: "nothing to do unless the mapping should read it")))
        }

        let totalRecords = sources.reduce(0) { $0 + $1.reader.records.count }
        var filterMatched = [Bool](repeating: false, count: m.filters.count)

        // Per input: how each value is read (a file or sheet name that does not fit is an error here).
        var plans: [SourcePlan?] = []
        var planErrors: [[Diagnostic]] = []
        for (si, src) in sources.enumerated() {
            var errors: [Diagnostic] = []
            let plan = SourcePlan(mapping: m, source: src, index: indexBySource[si], lookups: lookups, errors: &errors)
            plans.append(errors.isEmpty ? plan : nil)
            planErrors.append(errors)
        }

        // The rows, read on every core in units (an input, a large input in pieces of 65,536 records),
        // each unit with partners of its own; then merged in input order below, so the result is
        // the one reading every row in order would give.
        var units: [RowUnit] = []
        for (si, plan) in plans.enumerated() where plan != nil {
            let n = sources[si].reader.records.count
            let pieces = max(1, (n + 65_535) / 65_536)
            for p in 0..<pieces { units.append(RowUnit(source: si, records: n * p / pieces ..< n * (p + 1) / pieces)) }
        }
        let unitResults = UnitResults(count: units.count)
        let readLimits = ReadLimits.current  // a task-local value: the worker threads are given it
        let sharedPlans = UnsafeSendable(plans)  // read only while the units run
        let rowUnits = units
        let readUnit: @Sendable (Int) -> Void = { u in
            let plans = sharedPlans.value
            ReadLimits.$current.withValue(readLimits) {
                let unit = rowUnits[u]
                unitResults.store(readRows(unit, of: sources[unit.source], plan: plans[unit.source]!, mapping: m), at: u)
            }
        }
        // Worker threads read the units in order while this thread merges each as soon as it is
        // read (below), so only the units in flight are held. This thread reads any unit no worker
        // has claimed yet, and waits only for a unit a running worker is reading: the import
        // finishes even when no worker thread ever starts (a thread pool busy with callers that wait).
        let workers = units.count > 1 ? min(ProcessInfo.processInfo.activeProcessorCount, units.count - 1) : 0
        for _ in 0..<workers {
            DispatchQueue.global().async {
                while let u = unitResults.claimNext() { readUnit(u) }
            }
        }
        func readUnitResult(_ u: Int) -> UnitResult {
            while !unitResults.isClaimed(u), let next = unitResults.claimNext() { readUnit(next) }
            return unitResults.wait(u)
        }

        var memberships: [Membership] = []
        memberships.reserveCapacity(totalRecords)
        // Pair keys in one small table per group (edges: per source), which stays in cache while a
        // file's rows of one group go by; spell keys (with dates) in a dictionary.
        var firstByPair = PairKeyTable()
        var firstByKey: [RowKey: Int] = [:]
        if m.duplicates == .spell { firstByKey.reserveCapacity(totalRecords) }
        var members = Side(), groups = Side(), types = Side()
        let mode = m.mode, duplicates = m.duplicates, directed = m.directed
        var nextUnit = 0
        for (si, src) in sources.enumerated() {
            var counts = ImportReport.FileCounts(path: src.path)
            for d in planErrors[si] { rowError(d) }
            guard let plan = plans[si] else {
                report.files.append(counts)
                continue
            }
            counts.rowsRead = src.reader.records.count + src.reader.emptyLines.count
            while nextUnit < units.count, units[nextUnit].source == si {
                let r = readUnitResult(nextUnit)
                nextUnit += 1
                counts.rowsFiltered += r.counts.rowsFiltered
                for s in r.counts.skipped { counts.skip(s.reason, count: s.count) }
                for w in r.warnings { warnings.append((si, w)) }
                rowErrorCount += r.rowErrorCount - r.rowErrors.count
                for d in r.rowErrors { rowError(d) }
                for (fi, hit) in r.filterMatched.enumerated() where hit { filterMatched[fi] = true }
                // The unit's partners and types in the order it met them: new ones join in that order.
                let (memberMap, groupMap, typeMap) = src.reader.storage.bytes.withUnsafeBufferPointer { b in
                    let memberMap = members.adopt(r.members, bytes: b)
                    return (memberMap, mode == .edges ? memberMap : groups.adopt(r.groups, bytes: b), types.adopt(r.types, bytes: b))
                }
                let groupIDs = mode == .edges ? r.members.order : r.groups.order
                for x in r.rows {
                    let ia = memberMap[Int(x.member)], ib = groupMap[Int(x.group)], typeIndex = typeMap[Int(x.type)]
                    // Duplicates. Ties of different types between the same partners are different ties; memberships are not.
                    let it: Int32 = mode == .edges ? typeIndex : -1
                    var key = RowKey(a: ia, b: ib, type: it)
                    if mode == .edges, !directed, ib < ia { key = RowKey(a: ib, b: ia, type: it) }
                    if duplicates == .spell { key.start = x.start; key.end = x.end }
                    // One hash operation for a new key (the common case): insert, and put the first back for a duplicate.
                    let earlier: Int?
                    if duplicates != .spell {
                        let (outer, inner) = mode == .edges ? (key.a, key.b) : (key.b, key.a)
                        earlier = firstByPair.firstRow(outer: Int(outer), inner: UInt64(UInt32(inner)) << 32 | UInt64(UInt32(bitPattern: key.type + 1)),
                                                       insertingIfAbsent: memberships.count)
                    } else {
                        earlier = firstByKey.updateValue(memberships.count, forKey: key)
                        if let earlier { firstByKey[key] = earlier }
                    }
                    if let first = earlier {
                        counts.duplicatesMerged += 1
                        var y = memberships[first]
                        let (ca, cb) = mode == .edges ? (m.source!.name, m.target!.name) : (plan.memberColumnName, plan.groupColumnName)
                        let ys = Int(y.source)
                        let firstPlace = ys == si ? "line \(src.row(y.line))" : "\(sources[ys].path):\(sources[ys].row(y.line))"
                        var message = "duplicate of \(firstPlace) (\(ca) '\(r.members.order[Int(x.member)])', \(cb) '\(groupIDs[Int(x.group)])'); merged"
                        let newStart = [y.start, x.start].compactMap { $0 }.min { $0.firstDay < $1.firstDay }
                        let newEnd: PartialDate? = (y.end == nil || x.end == nil) ? nil : [y.end!, x.end!].max { $0.lastDay < $1.lastDay }
                        if newStart != y.start || newEnd != y.end {
                            message += ", dates widened to \(newStart?.description ?? "?")–\(newEnd?.description ?? "open")"
                        }
                        y.start = newStart
                        y.end = newEnd
                        memberships[first] = y
                        warnings.append((si, Diagnostic(path: src.path, line: src.row(x.line), column: nil, severity: .warning, message: message)))
                        continue
                    }
                    memberships.append(Membership(member: ia, group: ib, type: typeIndex, source: Int32(si), line: x.line,
                                                  start: x.start, end: x.end))
                    counts.rowsUsed += 1
                }
            }
            report.files.append(counts)
        }

        // A filter that matches no row is a mistake in the mapping (a typo, a wrong code).
        for (fi, f) in m.filters.enumerated() where !filterMatched[fi] {
            var seen = Set<String>(), values: [String] = []
            for src in sources {
                guard let i = src.reader.columnIndex(named: f.column.name) else { continue }
                for r in src.reader.records where i < r.count {
                    let v = r[i].trimmingSpaces
                    if seen.insert(v).inserted { values.append(v) }
                }
            }
            let near = Suggestion.nearest(to: f.values.first ?? "", among: values.sorted(), count: 10)
            let inputs = sources.count == 1 ? sources[0].path : "any of the \(sources.count) inputs"
            rowErrorCount += 1
            rowErrors.append(Diagnostic(path: m.path, line: f.column.line, column: f.column.column,
                message: "filter '\(f.description)' matches no row of \(inputs); column \(f.column.name) holds "
                    + (values.isEmpty ? "no values" : near.map { "'\($0)'" }.joined(separator: ", ")
                       + (values.count > near.count ? " (closest of \(values.count) values)" : " (closest first)")),
                hint: "correct the filter's value\(f.values.count == 1 ? "" : "s") (compared after trimming spaces), or remove the filter"))
        }
        if !rowErrors.isEmpty {
            if rowErrorCount > rowErrors.count {
                rowErrors.append(Diagnostic(path: sources[0].path, line: nil, column: nil,
                                            message: "… and \(rowErrorCount - rowErrors.count) more errors", hint: nil))
            }
            throw GraphFileError(rowErrors)
        }

        // Partners.
        if m.mode != .edges {
            let clash = members.order.filter { groups.ids.index(of: $0) != nil }
            if !clash.isEmpty {
                let g = m.groups!
                throw GraphFileError([Diagnostic(
                    path: m.path, line: g.id?.line ?? g.idFrom?.line, column: g.id?.column ?? g.idFrom?.column,
                    message: "\(clash.count) id\(clash.count == 1 ? " is" : "s are") both a member and a group: "
                        + clash.prefix(5).map { "'\($0)'" }.joined(separator: ", "),
                    hint: "partner ids must be unique; use distinct codes for members and groups")])
            }
        }
        let path = sources[0].path
        var partners: [Partner] = []
        partners.reserveCapacity(members.order.count + groups.order.count)
        var unnamed: [String] = []
        for (side, isGroup) in [(members, false), (groups, true)] where !(isGroup && m.mode == .projected) {
            for (i, id) in side.order.enumerated() {
                var name = side.names[i]
                if name == nil, let n = names[id] { name = n; report.namedFromNamesFile += 1 }
                if name == nil, !names.isEmpty, !isGroup { unnamed.append(id) }
                partners.append(Partner(id: id, name: name ?? id, kind: side.kinds[i] ?? "partner"))
            }
        }
        let limits = ReadLimits.current
        if partners.count > limits.maxPartners {
            let text = limits.countMessage(partners: true)
            throw GraphFileError([Diagnostic(path: path, line: nil, column: nil, message: "the import makes too many partners: " + text.message, hint: text.hint)])
        }
        if !unnamed.isEmpty {
            warnings.append((-1, Diagnostic(path: path, line: nil, column: nil, severity: .warning,
                message: "\(unnamed.count) partner\(unnamed.count == 1 ? " has" : "s have") no name in the names file; id used as name: "
                    + unnamed.prefix(10).joined(separator: ", ") + (unnamed.count > 10 ? ", …" : ""))))
        }

        // Ties.
        var ties: [Tie] = []
        let typeNames = types.order, memberIDs = members.order, groupIDs = groups.order
        switch m.mode {
        case .edges, .bipartite:
            // One tie per used row, made on every core (a million rows make a million ties).
            let targetIDs = m.mode == .edges ? memberIDs : groupIDs
            let directed = m.mode == .edges && m.directed
            let rows = memberships
            ties = Array(unsafeUninitializedCapacity: rows.count) { buffer, initialized in
                let out = UnsafeSendable(buffer)
                let chunks = max(1, min(ProcessInfo.processInfo.activeProcessorCount * 2, rows.count / 65_536))
                DispatchQueue.concurrentPerform(iterations: chunks) { c in
                    for i in rows.count * c / chunks ..< rows.count * (c + 1) / chunks {
                        let x = rows[i]
                        (out.value.baseAddress! + i).initialize(to: Tie(
                            type: typeNames[Int(x.type)], source: memberIDs[Int(x.member)], target: targetIDs[Int(x.group)],
                            isDirected: directed, start: x.start, end: x.end))
                    }
                }
                initialized = rows.count
            }
        case .projected:
            var byGroup = [[Int]](repeating: [], count: groups.count)
            for (i, x) in memberships.enumerated() { byGroup[Int(x.group)].append(i) }
            for (g, list) in byGroup.enumerated() {
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
                            let at = sources[Int(y.source)]
                            throw GraphFileError([Diagnostic(
                                path: at.path, line: at.row(y.line), column: nil,
                                message: "projecting the members of '\(groupIDs[g])' makes too many ties: " + text.message,
                                hint: text.hint + "; or import in bipartite mode, which makes one tie per row")])
                        }
                        ties.append(Tie(type: typeNames[Int(x.type)], source: memberIDs[Int(x.member)], target: memberIDs[Int(y.member)],
                                        start: start, end: end, label: groupIDs[g]))
                    }
                }
            }
        }

        // Declare the types used that are not built in.
        var settings = m.tieTypes
        let builtIn = Set(TieTypeDefinition.builtIn.map(\.name))
        var declared = Set(settings.map(\.name))
        var lastSeen: String?
        for i in ties.indices where ties[i].type != lastSeen {  // by index: no copy of each tie
            let type = ties[i].type
            lastSeen = type
            if !builtIn.contains(type) && !declared.contains(type) {
                settings.append(TieTypeSetting(name: type))
                declared.insert(type)
            }
        }
        let inputNames = sources.map { src in src.sheet.map { "\(src.fileName)#\($0)" } ?? src.fileName }
        let importedFrom = inputNames.count == 1 ? inputNames[0]
            : "\(inputNames.count) inputs: " + inputNames.prefix(10).joined(separator: ", ") + (inputNames.count > 10 ? ", …" : "")
        var attributes: [String: AttributeValue] = ["imported-from": .string(importedFrom)]
        attributes["import-mode"] = .string(m.mode.rawValue)
        // A bipartite import declares its two sides: the members' kinds and the groups' kinds
        // (not when no row was used: a side without partners has no kinds to declare).
        var modes: [GraphMode] = []
        if m.mode == .bipartite, members.count > 0, groups.count > 0 {
            let memberKinds = Set(members.kinds.map { $0 ?? "partner" })
            let groupKinds = Set(groups.kinds.map { $0 ?? "group" })
            let shared = memberKinds.intersection(groupKinds).sorted()
            if shared.isEmpty {
                modes = [GraphMode(name: "members", kinds: memberKinds.sorted()),
                         GraphMode(name: "groups", kinds: groupKinds.sorted())]
            } else {
                warnings.append((-1, Diagnostic(path: m.path, line: nil, column: nil, severity: .warning,
                    message: "members and groups share the kind\(shared.count == 1 ? "" : "s") "
                        + shared.map { "'\($0)'" }.joined(separator: ", ") + ", so the graph is not declared two-mode (settings.modes)",
                    hint: "give groups a kind of their own under groups.kind in the mapping")))
            }
        }
        let network = PartnerNetwork(title: m.title, description: m.description,
                                     settings: GraphSettings(tieTypes: settings, modes: modes),
                                     attributes: attributes, partners: partners, ties: ties)
        // The ties are sound by construction: their ends are interned partners, self-ties and
        // ends before starts are skipped above, every type is declared, members and groups are
        // distinct partners whose kinds make the two sides. What the rows can still bring in
        // (an id with spaces from a lookup table, a bad tie-type setting) is in the partners and
        // settings: they are checked here (O(partners), not O(ties)); debug builds, which the
        // tests run, check the whole network too.
        let bare = PartnerNetwork(title: m.title, description: m.description, settings: network.settings,
                                  attributes: attributes, partners: partners, ties: [])
        let networkProblems = bare.problems()
        assert(!networkProblems.isEmpty || network.problems().isEmpty, "imported ties with problems: \(network.problems().prefix(3))")
        if !networkProblems.isEmpty {
            throw GraphFileError(networkProblems.prefix(20).map {
                Diagnostic(path: path, line: nil, column: nil, message: "imported network: \($0.message)", hint: $0.hint)
            })
        }
        report.partners = partners.count
        var kinds: [String: Int] = [:]
        for p in partners { kinds[p.kind, default: 0] += 1 }
        report.partnersByKind = kinds.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        report.ties = ties.count
        var tieCounts: [String: Int] = [:]
        var run = (type: "", count: 0)  // runs of one type (usually all ties) hash once per run
        for i in ties.indices {
            if ties[i].type == run.type { run.count += 1; continue }
            if run.count > 0 { tieCounts[run.type, default: 0] += run.count }
            run = (ties[i].type, 1)
        }
        if run.count > 0 { tieCounts[run.type, default: 0] += run.count }
        report.tiesByType = tieCounts.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        report.warnings = warnings.enumerated().sorted {
            ($0.element.source, $0.element.diagnostic.line ?? Int.max, $0.offset) < ($1.element.source, $1.element.diagnostic.line ?? Int.max, $1.offset)
        }.map(\.element.diagnostic)
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

    private static func diagnostic(_ e: CSVError, _ src: ImportSource) -> Diagnostic {
        Diagnostic(path: e.path, line: src.row(e.line), column: e.column, message: e.message, hint: e.hint)
    }
}
