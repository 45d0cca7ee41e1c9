import ArgumentParser
import DOTRendering
import FigureStyle
import Foundation
import GraphvizRendering
import PartnerAnalysis
import PartnerGraph
import PartnerGraphIO
import PartnerReports

struct RenderCommand: ParsableCommand, ReadsData {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Draw the network as of a date: accessible SVG, DOT, PNG or PDF through Graphviz.",
        discussion: """
        Partners drawn: those with a tie current at the as-of date, plus those with a lapsed tie (drawn grey) \
        unless --hide-lapsed; then --kind, --ego/--depth and --top/--sort-by narrow the set, in that order. \
        Fill colour and shape show the kind, line style and colour the tie type, line width the pair weight; \
        a legend inside the figure draws each swatch as it appears.

        The figure is designed for its page: at most --page-width wide (default 16cm), no text smaller than \
        --font-size (default 9 pt) at that width. When the graph does not fit legibly it is reduced, never its \
        text: one line per pair, partners beyond the first ones numbered and named in a key below, then the top \
        partners kept and the rest drawn as one node per kind. Each reduction is said in the caption and as a \
        note on standard error, and each is an option (--edges, --labels, --top/--rest, --ego/--depth).

        Layout by the graph's shape (unless --engine): twopi, radial around the focal partner, when it is tied to \
        at least \(Int(NetworkFigure.radialShare * 100)) % of the others and at most \(NetworkFigure.radialLimit) \
        partners are drawn; dot only when every tie drawn is directed; neato otherwise, sfdp beyond \
        \(NumberFormatting.grouped(NetworkFigure.neatoLimit)) partners; overlaps removed, edges routed around the nodes. fdp is \
        never a default: under load it does not give the same bytes twice (Graphviz's font threads); it runs in a \
        worker process. Every default gives the same bytes for the same input. --cluster-by kind draws each kind's \
        partners in a box of their own, the boxes packed in rows across the page (no layout engine is involved, \
        so it does not take --engine).

        Format: from the extension of OUT (.svg, .dot or .gv, .png, .pdf; none or '-' means svg) unless \
        --format says otherwise. 'dot' writes the figure as laid out (positions and routes pinned, for Graphviz's \
        nop2: tweak by hand, render with dot -Tsvg); every other format is rendered by Graphviz's C library, \
        which reports its own errors (exit 1 with its message); an unknown --engine or --format is a usage error (exit 64).
        """
    )

    @Argument(help: ArgumentHelp("Graph file (.yaml, .yml, .json) or a directory holding partners.csv and ties.csv.", valueName: "file"))
    var file: String

    @Option(name: [.short, .customLong("output")], help: ArgumentHelp("Output file; '-' writes to standard output. Written atomically.", valueName: "out"))
    var output: String

    @Option(help: ArgumentHelp("Output format: svg, dot, png or pdf (default: from OUT's extension).", valueName: "format"))
    var format: String?

    @Option(help: ArgumentHelp("Layout engine: dot, neato, fdp, sfdp, circo or twopi (default: by size, see above).", valueName: "engine"))
    var engine: String?

    @OptionGroup var time: AsOfOption

    @OptionGroup var kindOption: KindOption

    @Option(name: .customLong("min-weight"), help: ArgumentHelp("Do not draw current pairs whose weight (sum of their current ties' weights) is below W.", valueName: "w"))
    var minWeight: Double = 0

    @Option(help: ArgumentHelp("Only the N partners ranked highest by --sort-by; the rest as set by --rest.", valueName: "n"))
    var top: Int?

    @Option(name: .customLong("sort-by"), help: ArgumentHelp("Measure that ranks partners for --top (default: betweenness): \(Self.measureNames).", valueName: "measure"))
    var sortBy: String?

    /// The former spelling of `--sort-by`; prints a deprecation line.
    @Option(name: .customLong("by"), help: ArgumentHelp(visibility: .hidden))
    var deprecatedBy: String?

    /// `--sort-by`, or the deprecated `--by`.
    var by: String? { sortBy ?? deprecatedBy }

    @Option(help: ArgumentHelp("Only partners within --depth steps of this partner over current ties (drawn radially around it).", valueName: "id"))
    var ego: String?

    @Option(help: ArgumentHelp("Steps from --ego (default: 1).", valueName: "n"))
    var depth: Int?

    @Option(help: ArgumentHelp(visibility: .hidden))
    var radius: Int?

    @OptionGroup var pageOptions: PageOptions

    @Option(help: ArgumentHelp("Partner names in the drawing: auto (as many as fit), all, or N (the N ranked highest by --by, the rest numbered and named in a key below).", valueName: "auto|all|n"))
    var labels: String = "auto"

    @Option(help: ArgumentHelp("With --top (or an automatic cut): aggregate the partners left out into one node per kind, or drop them.", valueName: "aggregate|drop"))
    var rest: RestMode = .aggregate

    @Option(help: ArgumentHelp("One line per pair of partners (width: the pair's weight; colour and style: its strongest current type) or one per pair and tie type.", valueName: "pair|type"))
    var edges: EdgeMode = .pair

    @Option(help: ArgumentHelp("With --small-multiples: years FROM...TO, one small drawing each (31 December), every partner at the same place.", valueName: "from...to"))
    var years: String?

    @Flag(name: .customLong("small-multiples"), help: "Draw --years as a grid of small snapshots on one page, laid out once so partners keep their places.")
    var smallMultiples = false

    @Option(name: .customLong("size-by"), help: ArgumentHelp("Size nodes by a measure: \(Self.measureNames).", valueName: "measure"))
    var sizeBy: String?

    @Option(help: ArgumentHelp("Focal partner to emphasise (default: the graph's focal partner).", valueName: "id"))
    var focal: String?

    @Option(name: .customLong("cluster-by"), help: ArgumentHelp("Draw the partners of each kind in a box of their own, the boxes in rows across the page: kind.", valueName: "grouping"))
    var clusterBy: ClusterGrouping?

    @Flag(name: .customLong("highlight-gaps"), help: "Draw suggested introductions (the gaps command's missing-link findings: untied pairs at distance two, top K by Adamic–Adar) dashed red.")
    var highlightGaps = false

    @Option(help: ArgumentHelp("Strategy file for --highlight-gaps: its themes filter the suggestions and its 'top' sets how many (default 10).", valueName: "file"))
    var strategy: String?

    @OptionGroup var outsidePaths: OutsidePathsOption

    @Flag(name: .customLong("hide-lapsed"), help: "Leave out ties that ended before the lookback window (and partners with only those).")
    var hideLapsed = false

    @Option(help: ArgumentHelp("Width of a PNG in pixels (default: 96 to the inch of the figure); the height keeps the aspect ratio to within a pixel. SVG and PDF take --page-width.", valueName: "px"))
    var width: Double?

    @Option(help: ArgumentHelp("Figure title (default: the graph's title).", valueName: "title"))
    var title: String?

    @Option(help: ArgumentHelp("Stop the layout after this many seconds (it runs in a worker process).", valueName: "seconds"))
    var timeout: Double?

    @Option(help: ArgumentHelp("Seed for the force-directed engines (Graphviz 'start'; default 1).", valueName: "s"))
    var seed: Int?

    enum ClusterGrouping: String, ExpressibleByArgument, CaseIterable {
        case kind
    }

    enum RestMode: String, ExpressibleByArgument, CaseIterable {
        case aggregate, drop
    }

    enum EdgeMode: String, ExpressibleByArgument, CaseIterable {
        case pair, type
    }

    /// `--depth`, or the deprecated `--radius`.
    var egoDepth: Int? { depth ?? radius }

    /// `--labels N`, nil for auto and all.
    var labelCount: Int? { Int(labels) }

    /// Measures that make sense as a size or a rank (community ids do not).
    static let rankableMeasures = Measure.allCases.filter { $0 != .community }
    static var measureNames: String { rankableMeasures.map(\.optionName).joined(separator: ", ") }

    var kinds: [String] { kindOption.kinds }

    @OptionGroup(title: "Input limits") var readLimits: ReadLimitOptions

    func validate() throws {
        _ = try resolvedFormat()
        if deprecatedBy != nil { CLI.deprecated("--by", "--sort-by") }
        if sortBy != nil && deprecatedBy != nil { throw ValidationError("--by is the former spelling of --sort-by; give --sort-by only.") }
        for (option, name) in [("--sort-by", by), ("--size-by", sizeBy)] {
            if let name, !(Measure(name: name).map(Self.rankableMeasures.contains) ?? false) {
                throw ValidationError("\(option): unknown measure '\(name)'; known: \(Self.measureNames).")
            }
        }
        if let top, top < 1 { throw ValidationError("--top must be at least 1.") }
        if by != nil && top == nil { throw ValidationError("--sort-by ranks partners for --top; give --top N as well.") }
        if let depth = egoDepth {
            if ego == nil { throw ValidationError("--depth needs --ego ID.") }
            if depth < 0 { throw ValidationError("--depth must be 0 or more.") }
        }
        if labels != "auto" && labels != "all" && !(labelCount.map { $0 >= 0 } ?? false) {
            throw ValidationError("--labels: write auto, all or a number of partners to name (0 or more).")
        }
        if smallMultiples {
            guard let years, let range = YearRange(years) else { throw ValidationError("--small-multiples needs --years FROM...TO (e.g. 2005...2016).") }
            if range.years.count > 24 { throw ValidationError("--small-multiples: at most 24 years fit on a page; give a shorter --years range.") }
            if clusterBy != nil { throw ValidationError("--small-multiples cannot be combined with --cluster-by.") }
        } else if years != nil {
            throw ValidationError("--years draws small multiples; give --small-multiples as well (or --as-of for one date).")
        }
        if clusterBy != nil && engine != nil {
            throw ValidationError("--cluster-by packs the boxes itself; leave out --engine (or --cluster-by).")
        }
        if !minWeight.isFinite || minWeight < 0 { throw ValidationError("--min-weight must be a finite number, 0 or more.") }
        if let width {
            // Graphviz's cairo renderer allocates the whole bitmap: 20,000 pixels wide is 1.6 GB at 1:1.
            if !(width.isFinite && width > 0 && width <= 20_000) { throw ValidationError("--width must be a number of pixels between 1 and 20000.") }
            if try resolvedFormat() != "png" { throw ValidationError("--width sets a PNG's width in pixels; for SVG and PDF give --page-width (e.g. --page-width \(NumberFormatting.shortest(width))px).") }
        }
        if let timeout, !(timeout.isFinite && timeout > 0) {
            throw ValidationError("--timeout must be a positive number of seconds.")
        }
        if strategy != nil && !highlightGaps { throw ValidationError("--strategy is read for --highlight-gaps; give --highlight-gaps as well.") }
        if let seed, seed < 0 { throw ValidationError("--seed must be 0 or more.") }
        try CLI.checkEngine(engine)
    }

    /// The output format: `--format`, else OUT's extension, else svg.
    func resolvedFormat() throws -> String {
        if let format {
            let known = ["svg", "dot", "png", "pdf"]
            guard known.contains(format.lowercased()) else {
                throw ValidationError("--format: " + Suggestion.unknownMessage("output format", format, among: known) + ".")
            }
            return format.lowercased()
        }
        if output == "-" { return "svg" }
        let ext = (output as NSString).pathExtension.lowercased()
        switch ext {
        case "": return "svg"
        case "svg", "dot", "png", "pdf": return ext
        case "gv": return "dot"
        default:
            throw ValidationError("cannot tell the output format from '\(output)'; pass --format svg, dot, png or pdf.")
        }
    }

    func run() throws {
        // Graphviz's own start-up overlaps with reading the file.
        let warmUp = warmUpEngine.map { Graphviz.shared.beginWarmUp(engines: [$0]) }
        defer { warmUp?.wait() }
        var net = try CLI.load(file)
        let day = time.day
        let lookback = time.lookbackOverride
        if let title { net.title = title }
        if let focal {
            try checkPartner(focal, option: "--focal", in: net, command: "render")
            net.focal = focal
        }
        if let ego { try checkPartner(ego, option: "--ego", in: net, command: "render") }
        try kindOption.check(in: net, command: "render")

        var options = NetworkDiagram.Options(asOf: day)
        options.lookback = lookback
        options.selection = selection
        options.minimumPairWeight = minWeight
        options.ranking = rankingMeasure
        options.sizeBy = sizeBy.flatMap(Measure.init(name:))
        if highlightGaps { options.suggestedLinks = try suggestedLinks(net, day: day, lookback: lookback) }
        options.figure = figureOptions(egoRoot: ego)
        options.smallMultipleYears = smallMultiples ? years.flatMap(YearRange.init)?.years : nil
        options.figure.clustersByKind = clusterBy != nil
        options.format = GraphvizRendering.OutputFormat(rawValue: try resolvedFormat())
        options.pngWidth = width
        let renderer = GraphvizRenderer(worker: .partnergraph(executable: LayoutWorker.currentExecutable()), timeout: timeout, warnings: .collect)
        let result: NetworkDiagram.Result
        do {
            let prepared = try NetworkDiagram.prepare(net, options: options)
            let ticker = LayoutTicker(file: file, engine: engine ?? (clusterBy != nil ? "boxes by kind" : "the engine chosen for its shape"),
                                      partners: prepared.partnerCount, ties: net.ties.count, hasTimeout: timeout != nil)
            defer { ticker.stop() }
            result = try prepared.draw(renderer: renderer)
        } catch {
            switch error {
            case .graphviz(let e): throw failure(CLI.graphvizMessage(e))
            default: throw failure(error.description)
            }
        }
        for warning in result.warnings {
            CLI.err("\(file): warning: \(warning)\n")
        }
        for reduction in result.reductions {
            CLI.err("\(file): note: \(reduction)\n")
        }
        try write(result.bytes)
    }

    /// The page, the reductions the user fixed and the engine, for ``NetworkFigure``.
    func figureOptions(egoRoot: String?) -> NetworkFigure.Options {
        var reduction = FigureReduction(aggregatesRest: rest == .aggregate, edgePerPair: edges == .pair)
        reduction.keptCount = top
        reduction.namedCount = labelCount
        var options = NetworkFigure.Options(page: page, reduction: reduction, namesEveryPartner: labels == "all",
                                            keepsEveryPartner: top != nil, engine: engine.map(LayoutEngine.init(rawValue:)))
        options.seed = seed
        return options
    }

    /// The page model; a deprecated SVG `--width` in pixels is a page width.
    var page: Page { pageOptions.page }

    func write(_ bytes: [UInt8]) throws {
        do {
            try AtomicFile.write(bytes, to: output)
        } catch {
            throw CLI.failure(error)
        }
    }

    // MARK: Rendering

    /// The engine to warm up in-process while the file loads: nil when the
    /// layout will not run in this process (DOT output, a worker for fdp,
    /// clusters or --timeout). Without --engine, neato: the engine most
    /// figures are laid out with (twopi and dot share its plugin library).
    var warmUpEngine: LayoutEngine? {
        guard (try? resolvedFormat()) != "dot", timeout == nil, clusterBy == nil else { return nil }
        let chosen = engine.map(LayoutEngine.init(rawValue:)) ?? .neato
        return chosen.needsFreshProcess ? nil : chosen
    }

    /// Prints `FILE: error: message` and returns the exit status to throw.
    func failure(_ message: String) -> ExitCode {
        CLI.err("\(file): error: \(message)\n")
        return ExitCode(1)
    }

    // MARK: Gaps

    /// The `missing-link` findings of ``GapFinder`` (the `gaps` command) as suggested links.
    func suggestedLinks(_ net: PartnerNetwork, day: Day, lookback: Lookback?) throws -> [SuggestedLink] {
        var plan = Strategy()
        if let strategy {
            do {
                plan = try StrategyFile.load(path: strategy, network: net, allowsOutsidePaths: outsidePaths.allowOutsidePaths)
            } catch {
                CLI.printDiagnostics(error.diagnostics)
                throw ExitCode(1)
            }
        }
        do {
            let finder = try GapFinder(network: net, strategy: plan, focal: focal)
            let report = try finder.report(asOf: day, lookback: lookback, kinds: [.missingLink])
            return SuggestedLink.missingLinks(in: report)
        } catch {
            throw failure("--highlight-gaps: \(error)")
        }
    }

    // MARK: Selection


    /// `--by`, or betweenness.
    var rankingMeasure: Measure { by.flatMap(Measure.init(name:)) ?? .betweenness }

    /// The partners `--hide-lapsed`, `--kind` and `--ego/--depth` choose.
    var selection: FigureSelection {
        FigureSelection(showsLapsedTies: !hideLapsed, kinds: kinds, ego: ego, depth: egoDepth ?? 1)
    }
}

