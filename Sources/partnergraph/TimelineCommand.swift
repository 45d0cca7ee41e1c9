import ArgumentParser
import PartnerGraph
import PartnerGraphIO
import PartnerReports

struct TimelineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "timeline",
        abstract: "Draw the ties over time as an SVG: one row per partner, bars for relationships, marks for events.",
        discussion: "Rows are the focal partner's counterparts (grouped by kind); without a focal partner every partner gets a row with all its ties. Faded bars have ended; white bars with a red outline are agreements that lapsed without renewal; the red dashed line is the as-of date."
    )

    @Argument(help: ArgumentHelp("Graph file or CSV directory.", valueName: "file"))
    var file: String

    @Option(name: .shortAndLong, help: ArgumentHelp("Output SVG file, or - for standard output.", valueName: "out.svg"))
    var output: String

    @OptionGroup var time: AsOfOption

    @Option(help: "Focal partner id (default: the graph's focal partner).")
    var focal: String?

    @Flag(name: .customLong("all-partners"), help: "Ignore the focal partner: one row per partner with all its ties.")
    var allPartners = false

    @Option(help: ArgumentHelp("Only partners of these kinds (comma-separated; repeatable).", valueName: "kind"))
    var kind: [String] = []

    @Option(help: "First year on the axis.")
    var from: Int?

    @Option(help: "Last year on the axis.")
    var to: Int?

    @Option(help: "Title (default: 'Ties of FOCAL over time').")
    var title: String?

    func validate() throws {
        if let from, let to, from > to { throw ValidationError("--from must not be after --to.") }
        if !output.hasSuffix(".svg") && output != "-" { throw ValidationError("-o: the timeline is an SVG; name the output file *.svg (or - for stdout).") }
    }

    func run() throws {
        let net = try CLI.load(file)
        let focalID = allPartners ? nil : (focal ?? net.focal)
        if let focalID, net.partner(id: focalID) == nil {
            let s = Suggestion.closest(to: focalID, among: net.partners.map(\.id))
            throw ValidationError("--focal: unknown partner '\(focalID)'" + (s.map { " (did you mean '\($0)'?)" } ?? "") + ".")
        }
        let kinds = kind.flatMap { $0.split(separator: ",").map(String.init) }
        let known = Set(net.partners.map(\.kind))
        for k in kinds where !known.contains(k) {
            let s = Suggestion.closest(to: k, among: known.sorted())
            throw ValidationError("--kind: no partner has kind '\(k)'" + (s.map { " (did you mean '\($0)'?)" } ?? "") + ".")
        }
        let svg = Timeline(network: net, asOf: time.day, focal: focalID, kinds: kinds, fromYear: from, toYear: to, title: title).svg()
        do {
            try AtomicFile.write(Array(svg.utf8), to: output)
        } catch {
            CLI.printDiagnostics(error.diagnostics)
            throw ExitCode(1)
        }
    }
}
