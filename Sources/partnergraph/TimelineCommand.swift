import ArgumentParser
import Foundation
import GraphvizRendering
import PartnerGraph
import PartnerGraphIO
import PartnerReports

struct TimelineCommand: ParsableCommand, ReadsData {
    static let configuration = CommandConfiguration(
        commandName: "timeline",
        abstract: "Draw the ties over time: one row per partner, bars for relationships, marks for events.",
        discussion: """
        Rows are the focal partner's counterparts (grouped by kind); without a focal partner every partner gets a \
        row with all its ties. Faded bars have ended; white bars with a red outline are agreements that lapsed \
        without renewal; the red dashed line is the as-of date.

        The chart is drawn for its page: exactly --page-width wide (the time axis stretches), every text at least \
        --font-size at that width; many partners make it taller, never its text smaller.

        Format: from the extension of OUT (.svg, .png, .pdf; '-' means svg) unless --format says otherwise. PNG and \
        PDF are drawn from the SVG by Graphviz's cairo renderer, text as vectors: a PDF page is the chart's physical \
        size, a PNG 96 pixels to the inch unless --width sets its width in pixels.
        """
    )

    @Argument(help: ArgumentHelp("Graph file or CSV directory.", valueName: "file"))
    var file: String

    @Option(name: .shortAndLong, help: ArgumentHelp("Output file (.svg, .png or .pdf), or - for an SVG on standard output.", valueName: "out"))
    var output: String

    @Option(help: ArgumentHelp("Output format: svg, png or pdf (default: from OUT's extension).", valueName: "format"))
    var format: String?

    @OptionGroup var pageOptions: PageOptions

    @Option(help: ArgumentHelp("Width of a PNG in pixels (default: 96 pixels to the inch of --page-width).", valueName: "px"))
    var width: Double?

    @OptionGroup var time: AsOfOption

    @Option(help: "Focal partner id (default: the graph's focal partner).")
    var focal: String?

    @Flag(name: .customLong("all-partners"), help: "Ignore the focal partner: one row per partner with all its ties.")
    var allPartners = false

    @OptionGroup var kindOption: KindOption

    @Option(help: ArgumentHelp("Years on the axis: FROM...TO (e.g. 2000...2016; default: the years of the ties).", valueName: "from...to"))
    var years: String?

    /// The former spellings of `--years`; each prints a deprecation line.
    @Option(name: .customLong("from"), help: ArgumentHelp(visibility: .hidden))
    var deprecatedFrom: Int?
    @Option(name: .customLong("to"), help: ArgumentHelp(visibility: .hidden))
    var deprecatedTo: Int?

    /// The first and last year on the axis, from `--years` or the deprecated `--from`/`--to`.
    var from: Int? { years.flatMap(YearRange.init)?.years.first ?? deprecatedFrom }
    var to: Int? { years.flatMap(YearRange.init)?.years.last ?? deprecatedTo }

    @Option(help: "Title (default: 'Ties of FOCAL over time').")
    var title: String?

    @OptionGroup(title: "Input limits") var readLimits: ReadLimitOptions

    func validate() throws {
        if deprecatedFrom != nil { CLI.deprecated("--from", "--years FROM...TO") }
        if deprecatedTo != nil { CLI.deprecated("--to", "--years FROM...TO") }
        if let years, YearRange(years) == nil { throw ValidationError("--years: write a range like 2000...2016.") }
        if years != nil && (deprecatedFrom != nil || deprecatedTo != nil) {
            throw ValidationError("--from and --to are the former spelling of --years; give --years only.")
        }
        if let from, let to, from > to { throw ValidationError("--from must not be after --to.") }
        let format = try resolvedFormat()
        if let width {
            if !(width.isFinite && width > 0 && width <= 20_000) { throw ValidationError("--width must be a number of pixels between 1 and 20000.") }
            if format != "png" { throw ValidationError("--width sets a PNG's width in pixels; for SVG and PDF give --page-width (e.g. --page-width \(NumberFormatting.shortest(width))px).") }
        }
    }

    /// The output format: `--format`, else OUT's extension, else svg.
    func resolvedFormat() throws -> String {
        let chosen: String
        if let format {
            chosen = format.lowercased()
        } else if output == "-" {
            chosen = "svg"
        } else {
            chosen = (output as NSString).pathExtension.lowercased()
            if chosen.isEmpty { return "svg" }
        }
        guard ["svg", "png", "pdf"].contains(chosen) else {
            throw ValidationError("the timeline is written as svg, png or pdf, not '\(chosen)'; name the output *.svg, *.png or *.pdf, or pass --format.")
        }
        return chosen
    }

    func run() throws {
        let net = try CLI.load(file)
        let focalID = allPartners ? nil : (focal ?? net.focal)
        if let focalID { try checkPartner(focalID, option: "--focal", in: net, command: "timeline") }
        let kinds = kindOption.kinds
        try kindOption.check(in: net, command: "timeline")
        let svg = Timeline(network: net, asOf: time.day, focal: focalID, kinds: kinds, fromYear: from, toYear: to, title: title,
                           page: pageOptions.page).svg()
        var bytes = Array(svg.utf8)
        let format = try resolvedFormat()
        if format != "svg" {
            // 96 pixels to the inch by default; --width picks the resolution that gives that many pixels.
            let dpi = width.map { $0 * 72 / pageOptions.page.widthPoints } ?? 96
            do {
                bytes = try Graphviz.shared.renderSVGImage(bytes, format: format == "png" ? .png : .pdf, dpi: dpi)
            } catch {
                CLI.err("\(file): error: cannot draw the timeline as \(format.uppercased()): \(CLI.graphvizMessage(error))\n")
                throw ExitCode(1)
            }
        }
        do {
            try AtomicFile.write(bytes, to: output)
        } catch {
            throw CLI.failure(error)
        }
    }
}
