import PartnerGraph

/// How to turn a foreign CSV file (a spreadsheet export, a research data set)
/// into a ``PartnerNetwork``: which columns hold what, which strings mean
/// missing, which date formats to accept, which rows to keep.
///
/// A mapping is usually read from a small YAML file with
/// ``ImportMapping/load(path:)``; see `Examples/*.mapping.yaml` and
/// ``ImportMapping/parse(_:path:)`` for the keys. Three modes:
///
/// - ``Mode/edges``: one row per tie, with source and target columns;
/// - ``Mode/bipartite``: one row per member of a group (for example a state
///   party to a trade agreement); members and groups both become partners,
///   each row a tie between them;
/// - ``Mode/projected``: the same membership rows, projected to ties between
///   members that share a group, dated by the overlap of their memberships.
///
/// ```swift
/// let mapping = try ImportMapping.load(path: "Examples/huggo-bipartite.mapping.yaml")
/// let result = try CSVImporter.importFile(atPath: "memberships.csv", mapping: mapping)
/// print(result.report.summary)
/// ```
public struct ImportMapping: Sendable {
    /// What one row of the input means.
    public enum Mode: String, Sendable, CaseIterable {
        /// One row per tie (`ties.source`, `ties.target`).
        case edges
        /// One row per membership; members and groups become partners.
        case bipartite
        /// One row per membership; members sharing a group are tied.
        case projected
    }

    /// Which rows count as duplicates (and are merged).
    public enum DuplicatePolicy: String, Sendable, CaseIterable {
        /// One membership (tie) per member–group or source–target–type; a
        /// repeated row is merged into the first, its dates widening the first's.
        case pair
        /// Rows are duplicates only when they also have the same start and end
        /// (several spells of one membership are kept apart).
        case spell
    }

    /// A column named in the mapping, with where the mapping names it (for diagnostics).
    public struct Column: Hashable, Sendable {
        /// The header name, compared exactly.
        public var name: String
        /// 1-based line in the mapping file, when known.
        public var line: Int?
        /// 1-based column in the mapping file, when known.
        public var column: Int?
        /// Creates a column reference.
        public init(_ name: String, line: Int? = nil, column: Int? = nil) {
            self.name = name
            self.line = line
            self.column = column
        }
    }

    /// A value read from a column, or the same constant for every row.
    public enum Value: Hashable, Sendable {
        /// The value of this column.
        case column(Column)
        /// This text for every row.
        case constant(String)
        /// A column's value, the file's or the sheet's name, through an
        /// optional regex capture and lookup table (``DerivedValue``).
        case derived(DerivedValue)
    }

    /// What to do with a row whose tie has no start date although the
    /// mapping names start columns.
    public enum UndatedPolicy: String, Sendable, CaseIterable {
        /// Import it as an undated tie.
        case keep
        /// Drop it, counted in the summary as `undated`.
        case skip
    }

    /// Keeps only the rows whose column value is (or is not) in a list.
    public struct Filter: Hashable, Sendable {
        /// The column tested.
        public var column: Column
        /// The accepted (or, with `negated`, rejected) values, compared after trimming spaces.
        public var values: [String]
        /// Whether rows with one of `values` are dropped instead of kept.
        public var negated: Bool
        /// Creates a filter.
        public init(column: Column, values: [String], negated: Bool = false) {
            self.column = column
            self.values = values
            self.negated = negated
        }
        /// `status == 1`, `status in [1, 2]`, `status != 3`.
        public var description: String {
            let list = values.count == 1 ? values[0] : "[" + values.joined(separator: ", ") + "]"
            return "\(column.name) \(negated ? "!=" : (values.count == 1 ? "==" : "in")) \(list)"
        }
    }

    /// One side of the graph: the partners read from each row (members, or
    /// tie endpoints in edges mode) or the groups they belong to.
    public struct Side: Hashable, Sendable {
        /// The id column (members and groups; unused in edges mode).
        public var id: Column?
        /// The id taken from the file or sheet name, or through a regex or lookup
        /// (`id: {file: stem, match: "hr_status_(.*)"}`); used instead of ``id``.
        public var idFrom: DerivedValue?
        /// The name taken from the file or sheet name, or through a regex or
        /// lookup; used instead of ``name``.
        public var nameFrom: DerivedValue?
        /// The name column; when absent or missing, the names file, else the id.
        public var name: Column?
        /// The kind: a column or a constant.
        public var kind: Value
        /// Kinds for particular ids, overriding ``kind`` (e.g. `EC: organisation`).
        public var kinds: [String: String]
        /// Creates a side.
        public init(id: Column? = nil, name: Column? = nil, kind: Value, kinds: [String: String] = [:]) {
            self.id = id
            self.name = name
            self.kind = kind
            self.kinds = kinds
        }
    }

    /// A second CSV file giving partner names by id (for example the COW state list).
    public struct Names: Hashable, Sendable {
        /// The file, relative to the mapping file's directory; `nil` when it is
        /// given on the command line only.
        public var file: String?
        /// The id column of the names file.
        public var id: Column
        /// The name column of the names file.
        public var name: Column
        /// Where ``file`` is written in the mapping file (1-based line and column), when known.
        public var fileLine: Int?, fileColumn: Int?
        /// Creates a names source.
        public init(file: String?, id: Column, name: Column, fileLine: Int? = nil, fileColumn: Int? = nil) {
            self.file = file
            self.id = id
            self.name = name
            self.fileLine = fileLine
            self.fileColumn = fileColumn
        }
    }

    /// The mapping file's path (used in diagnostics and to resolve ``Names/file``).
    public var path: String
    /// What one row means.
    public var mode: Mode
    /// The graph's title.
    public var title: String?
    /// The graph's description.
    public var description: String?
    /// Strings that mean "no value" in every column not listed in ``missingByColumn``.
    public var missing: [String]
    /// Per-column lists replacing ``missing`` (e.g. `stateID: [""]`, because
    /// Macao's id is the literal `NA`).
    public var missingByColumn: [String: [String]]
    /// Date strings that mean open-ended (no end), e.g. `31.12.9999`.
    public var openEnded: [String]
    /// The accepted date formats.
    public var dateFormats: [ImportDateFormat]
    /// Row filters; a row is kept when every filter accepts it.
    public var filters: [Filter]
    /// Which rows are duplicates.
    public var duplicates: DuplicatePolicy
    /// Members (bipartite, projected) or tie endpoints (edges).
    public var partners: Side
    /// Groups (bipartite, projected only).
    public var groups: Side?
    /// The source column (edges mode).
    public var source: Column?
    /// The target column (edges mode).
    public var target: Column?
    /// Whether edges-mode ties are directed from source to target.
    public var directed: Bool
    /// The tie type: a column or a constant.
    public var type: Value
    /// Start date columns, tried in order: the first with a value wins.
    public var start: [Column]
    /// End date columns, tried in order: the first with a value wins.
    public var end: [Column]
    /// Tie types declared in the output's `settings.tieTypes`.
    public var tieTypes: [TieTypeSetting]
    /// Where partner names come from, besides ``Side/name``.
    public var names: Names?
    /// What to do with rows without a start date; `nil`: each is an error.
    public var undated: UndatedPolicy?

    /// Creates a mapping with the defaults of a mapping file that gives only `mode`:
    /// missing `NA` and empty, every date format, no open-ended date, no filter,
    /// duplicates by pair, tie type `membership` (bipartite), `co-membership`
    /// (projected) or `agreement` (edges).
    public init(path: String = "<mapping>", mode: Mode, partners: Side = Side(kind: .constant("partner")),
                groups: Side? = nil) {
        self.path = path
        self.mode = mode
        self.missing = ["NA", ""]
        self.missingByColumn = [:]
        self.openEnded = []
        self.dateFormats = ImportDateFormat.textFormats
        self.filters = []
        self.duplicates = .pair
        self.partners = partners
        self.groups = groups
        self.directed = false
        switch mode {
        case .edges: type = .constant("agreement")
        case .bipartite: type = .constant("membership")
        case .projected: type = .constant("co-membership")
        }
        self.start = []
        self.end = []
        self.tieTypes = []
        self.names = nil
    }

    /// The strings meaning "no value" in `column`.
    public func missingValues(for column: String) -> [String] {
        missingByColumn[column] ?? missing
    }

    /// Every column of the input file the mapping names, in mapping order.
    public var inputColumns: [Column] {
        var out: [Column] = []
        for side in [partners] + (groups.map { [$0] } ?? []) {
            if let c = side.id { out.append(c) }
            if case .column(let c)? = side.idFrom?.origin { out.append(c) }
            if let c = side.name { out.append(c) }
            if case .column(let c)? = side.nameFrom?.origin { out.append(c) }
            if case .column(let c) = side.kind { out.append(c) }
            if case .derived(let d) = side.kind, case .column(let c) = d.origin { out.append(c) }
        }
        if let source { out.append(source) }
        if let target { out.append(target) }
        if case .column(let c) = type { out.append(c) }
        if case .derived(let d) = type, case .column(let c) = d.origin { out.append(c) }
        out += start + end + filters.map(\.column)
        return out
    }
}

/// A date format accepted by an import.
public enum ImportDateFormat: String, Sendable, CaseIterable {
    /// `31.12.2001` (day first, dots, two-digit day and month).
    case dayMonthYear = "DD.MM.YYYY"
    /// `2001`.
    case year = "YYYY"
    /// `2001-12`.
    case yearMonth = "YYYY-MM"
    /// `2001-12-31`.
    case yearMonthDay = "YYYY-MM-DD"
    /// `36892` (an Excel serial day number: 1 is 1900-01-01, with Excel's
    /// 1900 leap-year bug; a workbook in the 1904 date system counts from
    /// 1904-01-01). Numeric cells of date-styled columns in a workbook are
    /// read as dates without it.
    case excel = "excel"

    /// The four text formats (`dates: mixed`), which are also the default.
    public static let textFormats: [ImportDateFormat] = [.dayMonthYear, .year, .yearMonth, .yearMonthDay]

    /// The day of an Excel serial date number (its fraction, the time of
    /// day, is dropped).
    /// - Parameters:
    ///   - serial: The number, e.g. `36892` or `36892.5`.
    ///   - uses1904: Whether the workbook uses the 1904 date system (0 is 1904-01-01).
    /// - Returns: The day, or a problem for a number before the system's first
    ///   day and for 60 in the 1900 system (29 February 1900, which did not exist).
    /// - Complexity: O(1).
    public static func excelDate(_ serial: Double, uses1904: Bool) -> Result<PartialDate, ImportDateProblem> {
        guard serial.isFinite, serial < 2_958_466 else {
            return .failure(ImportDateProblem(message: "'\(serial)' is not an Excel date", hint: "Excel dates are day numbers from 1 to 2958465"))
        }
        let n = Int(serial.rounded(.down))
        var days: Int  // days since 1970-01-01
        if uses1904 {
            guard n >= 0 else { return .failure(ImportDateProblem(message: "Excel date \(n) is before 1904-01-01", hint: "check the cell")) }
            days = n - 24107
        } else {
            guard n >= 1 else { return .failure(ImportDateProblem(message: "Excel date \(n) is before 1900-01-01", hint: "check the cell")) }
            guard n != 60 else {
                return .failure(ImportDateProblem(message: "Excel date 60 is 29 February 1900, which did not exist (Excel's 1900 leap-year bug)",
                                                  hint: "correct the cell to 1900-02-28 or 1900-03-01"))
            }
            days = n < 60 ? n - 25568 : n - 25569
        }
        let (y, m, d) = Day(ordinal: days).components
        guard let date = PartialDate(year: y, month: m, day: d) else {
            return .failure(ImportDateProblem(message: "Excel date \(n) is out of range", hint: "check the cell"))
        }
        return .success(date)
    }

    /// Parses `text` in any of `formats`.
    /// - Returns: the date; `.failure` with a message when the text is in none
    ///   of the formats or names a day that does not exist. With ``excel``
    ///   among `formats`, a number is an Excel serial date (`uses1904`: the
    ///   workbook's date system), except a four-digit one when ``year`` is
    ///   accepted too.
    /// - Complexity: O(length of `text`).
    public static func parse(_ text: String, formats: [ImportDateFormat], uses1904: Bool = false) -> Result<PartialDate, ImportDateProblem> {
        var copy = text
        let parsed = copy.withUTF8 { dateShape(of: $0, 0..<$0.count) }
        let shape = parsed?.shape
        if shape == nil || shape == .year, formats.contains(.excel), let serial = Double(text), !text.hasPrefix("-") {
            if shape == nil || !formats.contains(.year) { return excelDate(serial, uses1904: uses1904) }
        }
        func accepted() -> String { formats.map(\.rawValue).joined(separator: ", ") }
        guard let parsed else {
            return .failure(ImportDateProblem(message: "'\(text)' is not a date", hint: "accepted formats: \(accepted())"))
        }
        guard formats.contains(parsed.shape) else {
            return .failure(ImportDateProblem(message: "date '\(text)' is in format \(parsed.shape.rawValue), which the mapping does not accept",
                                        hint: "add \(parsed.shape.rawValue) to 'dates' in the mapping (accepted now: \(accepted()))"))
        }
        guard let date = PartialDate(year: parsed.parts.0, month: parsed.parts.1, day: parsed.parts.2) else {
            return .failure(ImportDateProblem(message: "date '\(text)' does not exist", hint: "check the day and month"))
        }
        return .success(date)
    }

    /// The text format of the date `b[r]` and its numbers (year, month, day), or `nil`.
    static func dateShape(of b: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> (shape: ImportDateFormat, parts: (Int, Int?, Int?))? {
        let o = r.lowerBound
        func num(_ range: Range<Int>) -> Int? {
            var v = 0
            for i in range {
                let c = b[o + i]
                guard c >= 48, c <= 57 else { return nil }
                v = v * 10 + Int(c - 48)
            }
            return v
        }
        switch r.count {
        case 4:
            if let y = num(0..<4) { return (.year, (y, nil, nil)) }
        case 7:
            if b[o + 4] == 45, let y = num(0..<4), let m = num(5..<7) { return (.yearMonth, (y, m, nil)) }
        case 10:
            if b[o + 4] == 45, b[o + 7] == 45, let y = num(0..<4), let m = num(5..<7), let d = num(8..<10) {
                return (.yearMonthDay, (y, m, d))
            }
            if b[o + 2] == 46, b[o + 5] == 46, let d = num(0..<2), let m = num(3..<5), let y = num(6..<10) {
                return (.dayMonthYear, (y, m, d))
            }
        default: break
        }
        return nil
    }

    /// The date in the bytes `b[r]` when it is in one of the text `formats`
    /// and exists, as ``parse(_:formats:uses1904:)`` would return it; `nil`
    /// when only that function can tell (with ``excel`` among the formats,
    /// for text in no accepted format, for a day that does not exist). For
    /// the import's row loop: no `String` per date.
    static func parseAccepted(_ b: UnsafeBufferPointer<UInt8>, _ r: Range<Int>, formats: [ImportDateFormat]) -> PartialDate? {
        guard !formats.contains(.excel), let p = dateShape(of: b, r), formats.contains(p.shape) else { return nil }
        return PartialDate(year: p.parts.0, month: p.parts.1, day: p.parts.2)
    }
}

/// Why an import could not read a date: a message and a hint.
public struct ImportDateProblem: Error, Hashable, Sendable {
    /// What is wrong, e.g. `date '31.02.2001' does not exist`.
    public let message: String
    /// How to fix it.
    public let hint: String
    /// Creates a problem.
    public init(message: String, hint: String) {
        self.message = message
        self.hint = hint
    }
}
