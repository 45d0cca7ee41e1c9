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

        mutating func skip(_ reason: String) {
            if let i = skipped.firstIndex(where: { $0.reason == reason }) { skipped[i].count += 1 }
            else { skipped.append(SkipCount(reason: reason, count: 1)) }
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

    private struct Membership {
        var member: String
        var group: String
        var start: PartialDate?
        var end: PartialDate?
        var type: String
        var line: Int
        var source: Int
    }

    /// The partners of one side, interned: ids in first-seen order, names and kinds by index.
    private struct Side {
        var order: [String] = []
        var index: [String: Int] = [:]
        var names: [String?] = []
        var kinds: [String?] = []
        var lastID = "", lastIndex = -1

        /// The index of `id`, added when new; whether it is new.
        mutating func intern(_ id: String) -> (index: Int, isNew: Bool) {
            if lastIndex >= 0, id == lastID { return (lastIndex, false) }
            let found = index[id]
            let i = found ?? order.count
            if found == nil {
                index[id] = i
                order.append(id)
                names.append(nil)
                kinds.append(nil)
            }
            lastID = id
            lastIndex = i
            return (i, found == nil)
        }
        func kind(of id: String) -> String? { index[id].flatMap { kinds[$0] } }
        func name(of id: String) -> String? { index[id].flatMap { names[$0] } }
    }

    /// What makes two rows duplicates: the partners' and type's indices, and the dates for `spell`.
    private struct RowKey: Hashable {
        var a: Int32, b: Int32, type: Int32
        var start: PartialDate?, end: PartialDate?
    }

    /// How one value is read from the rows of one input.
    private enum Reading {
        /// The trimmed value of this field (missing values are `nil`).
        case column(Int)
        /// The same text for every row (a constant, or derived from the file or sheet name).
        case constant(String)
        /// A field's value through a regex and/or lookup.
        case derivedColumn(Int, CompiledDerivedValue)
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
        var memberships: [Membership] = []
        memberships.reserveCapacity(totalRecords)
        // Keys packed into one integer while the indices fit in 21 bits each (the common case), else structs.
        var firstByPackedKey: [UInt64: Int] = [:]
        var firstByKey: [RowKey: Int] = [:]
        if m.duplicates == .spell { firstByKey.reserveCapacity(totalRecords) } else { firstByPackedKey.reserveCapacity(totalRecords) }
        var members = Side(), groups = Side()
        var typeIndex: [String: Int32] = [:]
        var lastType = "", lastTypeIndex: Int32 = -1
        var filterMatched = [Bool](repeating: false, count: m.filters.count)
        let openEnded = Set(m.openEnded)
        let startIsNamed = !m.start.isEmpty

        for (si, src) in sources.enumerated() {
            let reader = src.reader
            let path = src.path
            let index = indexBySource[si]
            var counts = ImportReport.FileCounts(path: path)
            func idx(_ c: ImportMapping.Column?) -> Int? { c.flatMap { index[$0.name] } }
            let missingLists: [[String]] = reader.columnNames.map { m.missingValues(for: $0) }
            let headerCount = reader.columnNames.count
            let filters = m.filters.map { (index: index[$0.column.name]!, values: $0.values, negated: $0.negated) }
            let startCols = m.start.map { index[$0.name]! }
            let endCols = m.end.map { index[$0.name]! }
            var sourceFailed = false
            func warn(_ line: Int, _ column: Int?, _ message: String, hint: String? = nil) {
                warnings.append((si, Diagnostic(path: path, line: src.row(line), column: column, severity: .warning, message: message, hint: hint)))
            }
            /// How `d` is read in this input; a file or sheet name that does not fit is an error here.
            func reading(_ d: ImportMapping.DerivedValue) -> Reading? {
                let c = lookups[d]!
                let text: String
                switch d.origin {
                case .column(let col): return .derivedColumn(index[col.name]!, c)
                case .fileStem: text = src.fileStem
                case .fileName: text = src.fileName
                case .sheet:
                    guard let sheet = src.sheet else {
                        rowError(Diagnostic(path: m.path, line: d.line, column: d.column,
                                            message: "\(d.description) names a workbook sheet, but \(path) is a CSV file",
                                            hint: "use {file: stem} for CSV files"))
                        sourceFailed = true
                        return nil
                    }
                    text = sheet
                }
                switch c.apply(text) {
                case .success(let v): return .constant(v)
                case .failure(let p):
                    rowError(Diagnostic(path: m.path, line: d.line, column: d.column,
                                        message: "in \(path): \(p.message)", hint: p.hint))
                    sourceFailed = true
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
            let memberReading = reading(column: m.partners.id, from: m.partners.idFrom)
            let groupReading = reading(column: m.groups?.id, from: m.groups?.idFrom)
            let typeReading = reading(m.type)
            let memberNameReading = reading(column: m.partners.name, from: m.partners.nameFrom)
            let memberKindReading = reading(m.partners.kind)
            let groupNameReading = m.groups.flatMap { reading(column: $0.name, from: $0.nameFrom) }
            let groupKindReading = m.groups.flatMap { reading($0.kind) }
            if sourceFailed { report.files.append(counts); continue }
            let sourceCol = idx(m.source), targetCol = idx(m.target)
            let memberColumnName = m.partners.id?.name ?? m.partners.idFrom?.description ?? "?"
            let groupColumnName = m.groups?.id?.name ?? m.groups?.idFrom?.description ?? "?"

            counts.rowsRead = reader.records.count + reader.emptyLines.count
            for line in reader.emptyLines {
                counts.skip("empty row")
                warn(line, 1, "empty row skipped")
            }

            rows: for r in reader.records {
                if r.count != headerCount {
                    counts.skip("wrong number of fields")
                    warn(r.line, nil, "row has \(r.count) fields but the header has \(headerCount); skipped")
                    continue
                }
                var filteredOut = false
                for (fi, f) in filters.enumerated() {
                    let hit = f.values.contains(r[f.index].trimmingSpaces)
                    if hit { filterMatched[fi] = true }
                    if hit == f.negated { filteredOut = true }
                }
                if filteredOut {
                    counts.rowsFiltered += 1
                    continue rows
                }
                func value(_ i: Int) -> String? {
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
                        switch c.apply(v) {
                        case .success(let out): return out
                        case .failure(let p):
                            rowError(Diagnostic(path: path, line: src.row(r.line), column: src.column(r, i),
                                                message: "column \(reader.columnNames[i]): " + p.message, hint: p.hint))
                            failed = true
                            return nil
                        }
                    }
                }
                func required(_ reading: Reading?, _ what: String, _ colName: String) -> String? {
                    if let v = read(reading), !v.isEmpty { return v }
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
                        guard let v = value(i), !v.isEmpty else { continue }
                        if openEnded.contains(v) {
                            if isEnd { return (true, nil) }
                            continue
                        }
                        switch ImportDateFormat.parse(v, formats: m.dateFormats, uses1904: src.uses1904) {
                        case .success(let d): return (true, d)
                        case .failure(let p):
                            counts.skip("invalid date")
                            warn(r.line, src.column(r, i), "\(p.message) in column \(reader.columnNames[i]); row skipped", hint: p.hint)
                            return (false, nil)
                        }
                    }
                    return (true, nil)
                }

                let a: String, b: String
                switch m.mode {
                case .edges:
                    guard let s = required(sourceCol.map { .column($0) }, "source", m.source!.name),
                          let t = required(targetCol.map { .column($0) }, "target", m.target!.name) else { continue rows }
                    if s == t {
                        counts.skip("self-tie")
                        warn(r.line, src.column(r, targetCol!), "tie joins '\(s)' to itself; row skipped")
                        continue rows
                    }
                    (a, b) = (s, t)
                case .bipartite, .projected:
                    guard let mem = required(memberReading, "member id", memberColumnName),
                          let grp = required(groupReading, "group id", groupColumnName) else { continue rows }
                    (a, b) = (mem, grp)
                }
                let typeName: String
                if case .column(let c) = m.type { typeName = c.name } else { typeName = "ties.type" }
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
                func note(_ side: inout Side, _ id: String, _ def: ImportMapping.Side?, name: Reading?, kind: Reading?, sideIsGroup: Bool) -> Int32 {
                    let (i, isNew) = side.intern(id)
                    guard let def else {
                        if isNew { side.kinds[i] = "partner" }
                        return Int32(i)
                    }
                    if side.names[i] == nil, name != nil, let n = read(name), !n.isEmpty { side.names[i] = n }
                    if side.kinds[i] == nil {
                        var k: String?
                        if let given = def.kinds[id] { k = given } else if let v = read(kind), !v.isEmpty { k = v }
                        side.kinds[i] = k ?? (sideIsGroup ? "group" : "partner")
                    }
                    return Int32(i)
                }
                let ia: Int32, ib: Int32
                switch m.mode {
                case .edges:
                    ia = note(&members, a, m.partners, name: memberNameReading, kind: memberKindReading, sideIsGroup: false)
                    ib = note(&members, b, m.partners, name: memberNameReading, kind: memberKindReading, sideIsGroup: false)
                case .bipartite, .projected:
                    ia = note(&members, a, m.partners, name: memberNameReading, kind: memberKindReading, sideIsGroup: false)
                    ib = note(&groups, b, m.groups, name: groupNameReading, kind: groupKindReading, sideIsGroup: true)
                }
                if failed { continue rows }
                // Duplicates.
                var it: Int32 = -1
                if m.mode == .edges {
                    if type == lastType, lastTypeIndex >= 0 { it = lastTypeIndex } else {
                        it = typeIndex[type] ?? Int32(typeIndex.count)
                        typeIndex[type] = it
                        lastType = type
                        lastTypeIndex = it
                    }
                }
                var key = RowKey(a: ia, b: ib, type: it)
                if m.mode == .edges, !m.directed, b < a { key = RowKey(a: ib, b: ia, type: it) }
                if m.duplicates == .spell { key.start = s.date; key.end = e.date }
                let packed: UInt64? = m.duplicates == .spell || max(key.a, key.b, key.type + 1) >= 1 << 21 ? nil
                    : UInt64(key.a) << 42 | UInt64(key.b) << 21 | UInt64(key.type + 1)
                // One hash operation for a new key (the common case): insert, and put the first back for a duplicate.
                let earlier: Int?
                if let packed {
                    earlier = firstByPackedKey.updateValue(memberships.count, forKey: packed)
                    if let earlier { firstByPackedKey[packed] = earlier }
                } else {
                    earlier = firstByKey.updateValue(memberships.count, forKey: key)
                    if let earlier { firstByKey[key] = earlier }
                }
                if let first = earlier {
                    counts.duplicatesMerged += 1
                    var x = memberships[first]
                    let (ca, cb) = m.mode == .edges ? (m.source!.name, m.target!.name) : (memberColumnName, groupColumnName)
                    let firstPlace = x.source == si ? "line \(src.row(x.line))" : "\(sources[x.source].path):\(sources[x.source].row(x.line))"
                    var message = "duplicate of \(firstPlace) (\(ca) '\(a)', \(cb) '\(b)'); merged"
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
                memberships.append(Membership(member: a, group: b, start: s.date, end: e.date, type: type, line: r.line, source: si))
                counts.rowsUsed += 1
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
            let clash = members.order.filter { groups.index[$0] != nil }
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
                                path: sources[memberships[list[j]].source].path, line: sources[memberships[list[j]].source].row(memberships[list[j]].line), column: nil,
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
        // A bipartite import declares its two sides: the members' kinds and the groups' kinds.
        var modes: [GraphMode] = []
        if m.mode == .bipartite {
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
        let networkProblems = network.problems()
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
        var types: [String: Int] = [:]
        var run = (type: "", count: 0)  // runs of one type (usually all ties) hash once per run
        for i in ties.indices {
            if ties[i].type == run.type { run.count += 1; continue }
            if run.count > 0 { types[run.type, default: 0] += run.count }
            run = (ties[i].type, 1)
        }
        if run.count > 0 { types[run.type, default: 0] += run.count }
        report.tiesByType = types.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
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
