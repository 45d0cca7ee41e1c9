import ArgumentParser
import DOTRendering
import FigureStyle
import Foundation
import GraphvizRendering
import PartnerAnalysis
import PartnerGraph
import PartnerGraphIO
import PartnerReports

struct ReportCommand: ParsableCommand, ReadsData {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "The strategy-review report: network, timeline, coverage, centrality, gaps, changes, methods, provenance.",
        discussion: """
        The format follows OUT's extension: .html (one self-contained page, inline SVG and CSS, no network \
        requests, prints on A4 and Letter), .svg (one embeddable figure: diagram, legend, title, as-of date and \
        three key figures), .md (Markdown with the tables; the SVG figures are written beside it as \
        OUT-network.svg, OUT-timeline.svg and OUT-coverage.svg). Every file is written atomically.

        Every figure is drawn for --page-width (default 16cm) with no text smaller than --font-size \
        (default 9 pt), as render draws it: when the network does not fit legibly, partners are numbered \
        and named in a key, and the figure's caption (and standard error) says so. The yearly snapshots \
        (--year-snapshots) share one layout: a partner keeps its place in every year.
        """
    )

    @Argument(help: ArgumentHelp("Graph file or CSV directory.", valueName: "file"))
    var file: String

    @Option(name: .shortAndLong, help: ArgumentHelp("Output file: .html, .svg or .md.", valueName: "out"))
    var output: String

    @Option(help: ArgumentHelp("Strategy file (YAML): expected categories, partners, cadences, horizon.", valueName: "strategy.yaml"))
    var strategy: String?

    @OptionGroup var outsidePaths: OutsidePathsOption

    @OptionGroup var time: AsOfOption

    @Option(name: .customLong("compare-to"), help: ArgumentHelp("Earlier date for the changes section (default: one year before the as-of date).", valueName: "date"))
    var compareTo: String?

    @Option(help: "Focal partner id (default: the strategy's, then the graph's).")
    var focal: String?

    @Option(help: "Report title (default: the graph's title).")
    var title: String?

    @Option(help: "Layout engine for the network diagram (default: chosen by the graph's shape, as render chooses it: twopi for a star around the focal partner, dot when every tie is directed, neato, sfdp beyond 1,000 partners).")
    var engine: String?

    @Option(help: ArgumentHelp("Years of the coverage heat map and the yearly snapshots, FROM...TO (default: the ten years up to the as-of date).", valueName: "from...to"))
    var years: String?

    @Flag(name: .customLong("year-snapshots"), help: "HTML only: add a network diagram per year with a year selector.")
    var yearSnapshots = false

    @Option(help: "Rows in the ranked tables.")
    var top: Int = 10

    @Option(help: ArgumentHelp("Eigenvector and PageRank stop when the mean change per partner is below T (NetworkX's tol; default 1e-12), as in analyze.", valueName: "t"))
    var tolerance: Double = CSRGraph.defaultTolerance

    @OptionGroup var pageOptions: PageOptions

    @OptionGroup(title: "Input limits") var readLimits: ReadLimitOptions

    func validate() throws {
        let ext = (output as NSString).pathExtension.lowercased()
        guard ["html", "htm", "svg", "md"].contains(ext) else {
            throw ValidationError("-o: name the report *.html, *.svg or *.md (the format follows the extension).")
        }
        if let compareTo, case .failure(let p) = PartialDate.parse(compareTo) {
            throw ValidationError("--compare-to: \(p.message); \(p.hint).")
        }
        if let years, YearRange(years) == nil { throw ValidationError("--years: write a range like 2007...2016.") }
        if top < 1 { throw ValidationError("--top must be at least 1.") }
        try CLI.checkEngine(engine)
        if !(tolerance.isFinite && tolerance > 0) { throw ValidationError("--tolerance must be a positive number such as 1e-12.") }
    }

    func run() throws {
        // Graphviz's own start-up overlaps with reading the file (neato, the
        // default for reports; fdp layouts run in a worker, so none there).
        let warmUpEngine = engine.map(LayoutEngine.init(rawValue:)) ?? .neato
        let warmUp = warmUpEngine.needsFreshProcess ? nil : Graphviz.shared.beginWarmUp(engines: [warmUpEngine])
        defer { warmUp?.wait() }
        var net = try CLI.load(file)
        if let title { net.title = title }
        var plan = Strategy()
        if let strategy {
            do { plan = try StrategyFile.load(path: strategy, network: net, allowsOutsidePaths: outsidePaths.allowOutsidePaths) } catch {
                CLI.printDiagnostics(error.diagnostics)
                throw ExitCode(1)
            }
        }
        let focalID = focal ?? plan.focal ?? net.focal
        guard let focalID else {
            throw ValidationError("no focal partner: give --focal ID, or name one in the graph file or the strategy.")
        }
        try checkPartner(focalID, option: "--focal", in: net, command: "report")
        net.focal = focalID
        var options = StrategyReview.Options(asOf: time.day)
        options.lookback = time.lookbackOverride
        if let before = compareTo.flatMap(PartialDate.init)?.lastDay { options.before = before }
        if let range = years.flatMap(YearRange.init) { options.years = range.years }
        options.top = top
        options.tolerance = tolerance
        options.engine = engine.map(LayoutEngine.init(rawValue:))
        options.page = pageOptions.page
        let ext = (output as NSString).pathExtension.lowercased()
        options.withHeader = ext == "svg"
        options.snapshots = yearSnapshots && ext != "svg" && ext != "md"
        options.source = file
        options.strategyPath = strategy

        let content: StrategyReview
        do {
            let renderer = GraphvizRenderer(worker: .partnergraph(executable: LayoutWorker.currentExecutable()), warnings: .collect)
            content = try StrategyReview(network: net, strategy: plan, options: options, renderer: renderer)
        } catch let e as GraphvizError {
            throw failure(CLI.graphvizMessage(e))
        } catch let e as CLIError {
            throw failure(e.description)
        } catch {
            throw failure("\(error)")
        }
        for w in content.warnings { CLI.warn("\(file): \(w)") }
        for note in content.notes { CLI.err("\(file): note: \(note)\n") }

        switch ext {
        case "svg":
            try write(content.diagramSVG, to: output)
        case "md":
            let stem = String(output.dropLast(3))
            let directory = PathText.directory(of: stem)
            let base = PathText.name(of: stem)
            var names: [String: String] = [:]
            var files: [(String, String)] = []
            for c in content.document.sections.flatMap(\.charts) {
                let name = "\(base)-\(c.id).svg"
                names[c.id] = name
                files.append((c.svg, directory.isEmpty ? name : directory + "/" + name))
            }
            // One step: the figures and the Markdown are all written, or none is.
            let all = files.map { (bytes: Array($0.0.utf8), path: $0.1) }
                + [(bytes: Array(content.document.markdown(figureNames: names).utf8), path: output)]
            do { try AtomicFile.write(all) } catch { throw CLI.failure(error) }
        default:
            try write(content.document.html(), to: output)
        }
    }

    private func write(_ text: String, to path: String) throws {
        do { try AtomicFile.write(Array(text.utf8), to: path) } catch {
            throw CLI.failure(error)
        }
    }

    private func failure(_ message: String) -> ExitCode {
        CLI.err("\(file): error: \(message)\n")
        return ExitCode(1)
    }
}
