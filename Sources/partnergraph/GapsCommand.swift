import ArgumentParser
import Foundation
import FigureStyle
import PartnerAnalysis
import PartnerGraph
import PartnerGraphIO
import PartnerReports

/// `--strategy FILE` and `--focal ID`, shared by `gaps` and `coverage`.
struct StrategyOption: ParsableArguments {
    @Option(help: ArgumentHelp("Strategy file (YAML): focal partner, expected categories and partners, cadences, horizon. Default: the built-in defaults.", valueName: "file"))
    var strategy: String?

    @Option(help: ArgumentHelp("Focal partner id (default: the strategy's, else the graph's).", valueName: "id"))
    var focal: String?

    @OptionGroup var outsidePaths: OutsidePathsOption

    /// The strategy for `net`: read from the file, or the defaults. Prints
    /// diagnostics and exits 1 on a bad file.
    func load(for net: PartnerNetwork) throws -> Strategy {
        guard let strategy else { return Strategy() }
        do {
            return try StrategyFile.load(path: strategy, network: net, allowsOutsidePaths: outsidePaths.allowOutsidePaths)
        } catch {
            CLI.printDiagnostics(error.diagnostics)
            throw ExitCode(1)
        }
    }

    /// `strategy file …; horizon …; cadence …; lookback …` for output headers.
    func settingsLine(_ net: PartnerNetwork, _ s: Strategy, lookback: Lookback?) -> String {
        let cad = s.cadences.isEmpty ? "none" : s.sortedCadences.map { "\($0.type) \($0.span)" }.joined(separator: ", ")
        let lb = lookback.map { "\($0) for every type" }
            ?? net.settings.effectiveTypes.map { "\($0.name) \($0.lookback)" }.joined(separator: ", ")
        return "strategy \(strategy ?? "(defaults)"); horizon \(s.horizon); cadence \(cad); lookback \(lb)"
    }
}

struct GapsCommand: ParsableCommand, ReadsData, WritesText {
    static let configuration = CommandConfiguration(
        commandName: "gaps",
        abstract: "Coordination gaps: what the strategy expects against what the ties show as of a date.",
        discussion: """
        Kinds (default severity): uncovered-category (high), uncovered-partner (medium), isolated-partner (low), \
        lapsed-agreement (high), expiring-agreement (medium), dormant-liaison (medium), single-broker (medium), \
        bridge-tie (low), missing-link (low), category-gap (medium). A strategy file can change severities.
        Findings are sorted by severity, kind, score (descending) and partner ids.
        With --fail-on-gaps SEVERITY the exit status is 2 when a gap of that severity or a higher one is found.
        """
    )

    @Argument(help: ArgumentHelp("Graph file or CSV directory.", valueName: "file"))
    var file: String

    @OptionGroup var strategyOptions: StrategyOption

    @OptionGroup var time: AsOfOption

    @Option(name: .customLong("gap-kind"), parsing: .singleValue,
            help: ArgumentHelp("Gap kinds to report (repeatable, or a comma-separated list; default: the strategy's, else all).", valueName: "kind"))
    var gapKind: [String] = []

    /// The former spelling of `--gap-kind`; prints a deprecation line.
    @Option(name: .customLong("kinds"), help: ArgumentHelp(visibility: .hidden))
    var deprecatedKinds: String?

    /// Every `--gap-kind` (or the deprecated `--kinds`), split at commas; nil when none is given.
    var kinds: String? {
        let all = gapKind + (deprecatedKinds.map { [$0] } ?? [])
        return all.isEmpty ? nil : all.flatMap { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }.joined(separator: ",")
    }

    @Option(help: ArgumentHelp("How many suggested links (missing-link) to report (default: the strategy's, else 10).", valueName: "k"))
    var top: Int?

    @Option(help: "Output format: table, csv, json or markdown.")
    var format: OutputFormat = .table

    @Option(name: .customLong("fail-on-gaps"), help: ArgumentHelp("Exit 2 when a gap of this severity or higher exists: high, medium or low.", valueName: "severity"))
    var failOnGaps: String?

    @OptionGroup var textOutput: TextOutputOption

    @OptionGroup(title: "Input limits") var readLimits: ReadLimitOptions

    func validate() throws {
        if deprecatedKinds != nil { CLI.deprecated("--kinds", "--gap-kind") }
        if let kinds {
            for name in kinds.split(separator: ",") where GapKind(rawValue: String(name)) == nil {
                let s = Suggestion.closest(to: String(name), among: GapKind.allCases.map(\.rawValue))
                throw ValidationError("--gap-kind: unknown gap kind '\(name)'" + (s.map { " (did you mean '\($0)'?)" } ?? "")
                                      + "; known: \(GapKind.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
        }
        if let top, top < 0 { throw ValidationError("--top must be 0 or more.") }
        if let failOnGaps, GapSeverity(rawValue: failOnGaps) == nil {
            throw ValidationError("--fail-on-gaps: write high, medium or low, not '\(failOnGaps)'.")
        }
    }

    func run() throws {
        let net = try CLI.load(file)
        let strategy = try strategyOptions.load(for: net)
        let finder: GapFinder
        if let focal = strategyOptions.focal { try checkPartner(focal, option: "--focal", in: net, command: "gaps") }
        do {
            finder = try GapFinder(network: net, strategy: strategy, focal: strategyOptions.focal)
        } catch {
            throw CLIError("\(file): \(error)")
        }
        let selected = kinds.map { Set($0.split(separator: ",").compactMap { GapKind(rawValue: String($0)) }) }
        let report: GapReport
        do {
            report = try finder.report(asOf: time.day, lookback: time.lookbackOverride, kinds: selected, top: top)
        } catch {
            throw CLIError("\(file): cannot build the snapshot at \(time.day): \(error)")
        }
        let settings = strategyOptions.settingsLine(net, strategy, lookback: time.lookbackOverride)
            + "; agreement types \(strategy.agreementTypes.joined(separator: ", ")); top \(top ?? strategy.top) links"
            + (strategy.themes.isEmpty ? "" : " sharing a theme in \(strategy.themes.joined(separator: ", "))")
        switch format {
        case .json:
            try CLI.json(GapsOutput(report, settings: StrategySettings(path: strategyOptions.strategy, strategy: strategy,
                                                                      lookback: time.lookbackOverride, top: top ?? strategy.top)))
        case .csv: CLI.exact(table(report, full: true).render(.csv))
        case .markdown:
            var s = "**Gaps for \(MarkdownText.escape(report.focal)) as of \(report.asOf)** — \(MarkdownText.escape(settings))\n\n\(countLine(report))\n\n"
            if !report.gaps.isEmpty { s += table(report, full: false).render(.markdown) }
            s += "\n**Current ties between categories**\n\n" + matrixTable(report.categoryMatrix).render(.markdown)
            CLI.out(s)
        case .table:
            var s = "Gaps for \(net.partner(id: report.focal)?.name ?? report.focal) (\(report.focal)) as of \(report.asOf)\n\(settings)\n"
            s += "\(report.currentTieCount) current ties, \(report.projectedPartners) partners with a current tie, \(report.projectedPairs) pairs\n"
            s += countLine(report) + "\n\n"
            if !report.gaps.isEmpty { s += table(report, full: false).render(.table) }
            s += "\nCurrent ties between categories\n" + matrixTable(report.categoryMatrix).render(.table)
            CLI.out(s)
        }
        if let failOnGaps, let level = GapSeverity(rawValue: failOnGaps), report.hasGaps(atLeast: level) {
            throw ExitCode(2)
        }
    }

    func countLine(_ r: GapReport) -> String {
        let counts = GapSeverity.allCases.map { level in "\(r.gaps.filter { $0.severity == level }.count) \(level.rawValue)" }
        return "\(r.gaps.count) gap\(r.gaps.count == 1 ? "" : "s"): " + counts.joined(separator: ", ")
    }

    // MARK: Table

    static func evidenceText(_ e: GapEvidence) -> String {
        let span: String
        switch (e.start, e.end) {
        case (nil, nil): span = "undated"
        case (let s?, nil): span = "\(s)–"
        case (nil, let t?): span = "–\(t)"
        case (let s?, let t?): span = s == t ? "\(s)" : "\(s)–\(t)"
        }
        return "\(e.tie) (\(e.type), \(span))"
    }

    static func scoreText(_ g: Gap, format: OutputFormat) -> String {
        guard let s = g.score else { return format == .csv ? "" : "–" }
        if s == s.rounded() && g.kind != .missingLink { return String(Int(s)) }
        return format == .csv ? NumberFormatting.shortest(s) : NumberFormatting.fixed(s, digits: 4)
    }

    func table(_ r: GapReport, full: Bool) -> TextTable {
        var t = TextTable([("severity", .left), ("kind", .left), ("partners", .left), ("score", .right),
                           ("evidence", .left), ("action", .left)])
        for g in r.gaps {
            var partners = g.partners
            if !full && partners.count > 6 { partners = Array(partners.prefix(5)) + ["… (+\(g.partners.count - 5))"] }
            var ev = g.evidence.map(Self.evidenceText)
            if !full && ev.count > 3 { ev = Array(ev.prefix(3)) + ["… (+\(g.evidence.count - 3))"] }
            t.add([g.severity.rawValue, g.kind.rawValue, partners.joined(separator: full ? ";" : ", "),
                   Self.scoreText(g, format: full ? .csv : .table), ev.joined(separator: "; "), g.action])
        }
        return t
    }

    func matrixTable(_ m: CategoryMatrix) -> TextTable {
        var t = TextTable([("kind", .left)] + m.kinds.indices.map { (String($0 + 1), .right) })
        for (i, k) in m.kinds.enumerated() {
            t.add(["\(i + 1) \(k)"] + m.counts[i].map { $0 == 0 ? "·" : String($0) })
        }
        return t
    }
}
