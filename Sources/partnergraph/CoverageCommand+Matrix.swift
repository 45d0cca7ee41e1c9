import ArgumentParser
import Foundation
import FigureStyle
import PartnerAnalysis
import PartnerGraph
import PartnerGraphIO
import PartnerReports

/// `coverage --format`: the formats of every table, plus `html` and `svg` for `--matrix`.
enum CoverageFormat: String, ExpressibleByArgument, CaseIterable {
    case table, csv, json, markdown, html, svg

    /// The table format, or nil for html and svg.
    var plain: OutputFormat? { OutputFormat(rawValue: rawValue) }
}

/// The options of `coverage --matrix`.
struct CoverageMatrixOptions: ParsableArguments {
    @Flag(help: "Coverage as a matrix: the roster (rows) × the partners of the other side of a two-mode graph, or × partner kinds (columns); each cell current (with the start year), lapsed (with the end year) or none.")
    var matrix = false

    @Option(parsing: .singleValue, help: ArgumentHelp("With --matrix: the rows are the partners of these sides or kinds (repeatable, or a comma-separated list). Default: the partners --strategy names, else the first side of a two-mode graph, else every partner.", valueName: "side|kind"))
    var rows: [String] = []

    @Option(parsing: .singleValue, help: ArgumentHelp("With --matrix: the columns. Two-mode graph: partners of these sides or kinds, or these partner ids (default: the side the rows are not on). One-mode graph: these kinds (default: the categories --strategy expects, else every kind).", valueName: "side|kind|id"))
    var columns: [String] = []

    @Option(help: ArgumentHelp("With --matrix: the rows are these partner ids (a comma-separated list), or the column of a CSV file (FILE.csv#column; default column 'id'). Roster ids the graph does not hold are rows without ties.", valueName: "ids|file.csv#column"))
    var roster: String?

    @Flag(name: .customLong("uncovered-only"), help: "With --matrix: only the rows and columns with at least one cell without a current tie, and only those gaps.")
    var uncoveredOnly = false

    /// Ids in the matrix order: by id, runs of digits compared as numbers
    /// (`e2` before `e10`), then by the exact text; no locale involved.
    static func sorted(_ ids: some Sequence<String>) -> [String] {
        ids.sorted { a, b in
            let r = a.compare(b, options: [.numeric, .literal])
            return r == .orderedSame ? a < b : r == .orderedAscending
        }
    }

    static func split(_ values: [String]) -> [String] {
        values.flatMap { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }.filter { !$0.isEmpty }
    }
}

extension CoverageCommand {
    /// Exit 64 for matrix options without --matrix, and html/svg without it.
    func validateMatrix() throws {
        let m = matrixOptions
        if !m.matrix {
            if !m.rows.isEmpty || !m.columns.isEmpty || m.roster != nil || m.uncoveredOnly {
                throw ValidationError("--rows, --columns, --roster and --uncovered-only need --matrix.")
            }
            if formatOption.plain == nil { throw ValidationError("--format \(formatOption.rawValue) needs --matrix.") }
        } else {
            if yearsOption.range != nil { throw ValidationError("--matrix shows one date: give --as-of, not --years.") }
            if !m.rows.isEmpty && m.roster != nil { throw ValidationError("give the rows with --rows or --roster, not both.") }
        }
    }

    /// The partner ids of the sides or kinds named in `values`; exit 64 for an unknown one.
    func partners(of values: [String], option: String, in net: PartnerNetwork, allowIDs: Bool) throws -> [String] {
        let sides = net.settings.modes.map(\.name)
        let kinds = Set(net.partners.map(\.kind)).sorted()
        var ids = Set<String>()
        for v in values {
            if let s = net.settings.modes.first(where: { $0.name == v }) {
                for p in net.partners where s.kinds.contains(p.kind) { ids.insert(p.id) }
            } else if kinds.contains(v) {
                for p in net.partners where p.kind == v { ids.insert(p.id) }
            } else if allowIDs, net.partner(id: v) != nil {
                ids.insert(v)
            } else {
                let what = allowIDs ? "side, kind or partner" : (sides.isEmpty ? "kind" : "side or kind")
                throw CLI.unknownValue(option, what, v, among: sides + kinds + (allowIDs ? net.partners.map(\.id) : []), command: "coverage")
            }
        }
        return CoverageMatrixOptions.sorted(ids)
    }

    /// The roster: `--roster` ids or CSV column, else `--rows`, else the default rows.
    func matrixRows(_ net: PartnerNetwork) throws -> [String] {
        let m = matrixOptions
        if let roster = m.roster {
            let hash = roster.lastIndex(of: "#")
            let path = hash.map { String(roster[..<$0]) } ?? roster
            if path.lowercased().hasSuffix(".csv") {
                let column = hash.map { String(roster[roster.index(after: $0)...]) } ?? "id"
                return try rosterColumn(path: path, column: column.isEmpty ? "id" : column)
            }
            let ids = CoverageMatrixOptions.split([roster])
            guard !ids.isEmpty else { throw CLI.usage("--roster needs partner ids or FILE.csv#column", command: "coverage") }
            for id in ids { try checkPartner(id, option: "--roster", in: net, command: "coverage") }
            var seen = Set<String>()
            return CoverageMatrixOptions.sorted(ids.filter { seen.insert($0).inserted })
        }
        if !m.rows.isEmpty { return try partners(of: CoverageMatrixOptions.split(m.rows), option: "--rows", in: net, allowIDs: false) }
        if strategyOptions.strategy != nil {
            // The strategy's named partners (inline and roster), when it names any.
            let named = try strategyOptions.load(for: net).partners.map(\.id)
            if !named.isEmpty { return CoverageMatrixOptions.sorted(Set(named)) }
        }
        if net.settings.isTwoMode { return try partners(of: [net.settings.modes[0].name], option: "--rows", in: net, allowIDs: false) }
        return CoverageMatrixOptions.sorted(net.partners.map(\.id))
    }

    /// The distinct non-empty cells of one CSV column, sorted.
    func rosterColumn(path: String, column: String) throws -> [String] {
        let reader: CSVReader
        do { reader = try CSVReader(contentsOfFile: path) } catch {
            throw CLI.usage("--roster: cannot read '\(path)': \(error.message)", command: "coverage")
        }
        if let e = reader.errors.first { throw CLI.usage("--roster: \(e)", command: "coverage") }
        guard let col = reader.columnIndex(named: column) else {
            throw CLI.unknownValue("--roster", "column of \(path)", column, among: reader.columnNames, command: "coverage")
        }
        var ids = Set<String>()
        for r in reader.records {
            if let v = r.field(at: col)?.trimmingCharacters(in: .whitespaces), !v.isEmpty { ids.insert(v) }
        }
        return CoverageMatrixOptions.sorted(ids)
    }

    /// The columns: partners of the other side (two-mode) or kinds (one-mode).
    func matrixColumns(_ net: PartnerNetwork, rows: [String]) throws -> CoverageMatrix.Columns {
        let values = CoverageMatrixOptions.split(matrixOptions.columns)
        if net.settings.isTwoMode {
            if !values.isEmpty { return .partners(try partners(of: values, option: "--columns", in: net, allowIDs: true)) }
            // The side most rows are not on (the second side when the rows are on neither).
            let sides = net.partnerSides()
            var onFirst = 0, onSecond = 0
            for id in rows {
                guard let i = net.index(ofPartner: id), let s = sides[i] else { continue }
                if s == 0 { onFirst += 1 } else { onSecond += 1 }
            }
            let other = onSecond > onFirst ? 0 : 1
            return .partners(try partners(of: [net.settings.modes[other].name], option: "--columns", in: net, allowIDs: false))
        }
        let kinds = Set(net.partners.map(\.kind)).sorted()
        if values.isEmpty, strategyOptions.strategy != nil {
            // The strategy's expected categories, when it lists any.
            let expected = try strategyOptions.load(for: net).categories.map(\.kind)
            if !expected.isEmpty { return .kinds(CoverageMatrixOptions.sorted(Set(expected))) }
        }
        if values.isEmpty { return .kinds(kinds) }
        for v in values where !kinds.contains(v) {
            throw CLI.unknownValue("--columns", "partner kind", v, among: kinds, command: "coverage")
        }
        return .kinds(CoverageMatrixOptions.sorted(Set(values)))
    }

    func runMatrix(_ net: PartnerNetwork) throws {
        let rows = try matrixRows(net)
        let columns = try matrixColumns(net, rows: rows)
        let missing = rows.filter { net.partner(id: $0) == nil }
        if !missing.isEmpty {
            CLI.err("note: \(missing.count) roster partner\(missing.count == 1 ? " is" : "s are") not in the graph (no ties): "
                    + CoverageCommand.list(missing, csv: false) + "\n")
        }
        let full = CoverageMatrix(network: net, rows: rows, columns: columns, asOf: time.day, lookback: time.lookbackOverride)
        let gapsOnly = matrixOptions.uncoveredOnly
        let m = gapsOnly ? full.uncoveredOnly() : full
        let title = ((net.title ?? "").isEmpty ? "Coverage matrix" : "Coverage matrix: \(net.title ?? "")") + " as of \(m.asOf)"
        func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
        let summary = "\(plural(m.rows.count, "row")) × \(plural(m.columns.count, m.columnsAreKinds ? "kind" : "column")): "
            + "\(m.count(.current)) current, \(m.count(.lapsed)) lapsed, \(m.count(.none)) none"
            + (gapsOnly ? " (only rows and columns with a gap)" : "")
        switch formatOption {
        case .json:
            try CLI.json(CoverageMatrixOutput(m, uncoveredOnly: gapsOnly))
        case .csv:
            // Long form: one line per cell, the data exact.
            var t = TextTable([("row", .left), ("column", .left), ("state", .left), ("year", .left)])
            for (r, row) in m.rows.enumerated() {
                for (c, col) in m.columns.enumerated() where !gapsOnly || m.cells[r][c].isGap {
                    let cell = m.cells[r][c]
                    t.add([row.id, col.id, cell.state.rawValue, cell.year.map(String.init) ?? ""])
                }
            }
            CLI.exact(t.render(.csv))
        case .table, .markdown:
            let md = formatOption == .markdown
            var t = TextTable([("", .left)] + m.columns.map { ($0.id, .left) })
            for (r, row) in m.rows.enumerated() {
                t.add([row.id] + m.cells[r].map { $0.text(gapsOnly: gapsOnly) })
            }
            let head = md ? "**\(MarkdownText.escape(title))** — \(MarkdownText.escape(summary))\n\n" : "\(title)\n\(summary)\n\n"
            CLI.out(head + (m.columns.isEmpty || m.rows.isEmpty ? "(no cells)\n" : t.render(md ? .markdown : .table)))
        case .html:
            CLI.exact(CoverageMatrixHTML.page(m, title: title, caption: summary + ".", gapsOnly: gapsOnly))
        case .svg:
            let chart = CoverageMatrixChart(matrix: m, title: title, gapsOnly: gapsOnly, page: pageOptions.page)
            for n in chart.notes { CLI.err("note: \(n)\n") }
            CLI.exact(chart.svg())
        }
    }
}
