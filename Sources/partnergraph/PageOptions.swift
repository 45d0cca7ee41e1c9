import ArgumentParser
import FigureStyle

/// `--page-width` and `--font-size`: the page model of every command that draws.
struct PageOptions: ParsableArguments {
    @Option(name: .customLong("page-width"), help: ArgumentHelp("Width of the page the figure goes into (16cm, 160mm, 6.3in, 453pt or 605px); the figure is never wider, and its text is never smaller than --font-size at that width.", valueName: "length"))
    var pageWidth: String = "16cm"

    @Option(name: .customLong("font-size"), help: ArgumentHelp("Smallest text in the figure, in points (default 9).", valueName: "pt"))
    var fontSize: Double = 9

    func validate() throws {
        if PageLength(pageWidth) == nil {
            throw ValidationError("--page-width: '\(pageWidth)' is not a length; write a positive number with a unit: cm, mm, in, pt or px (e.g. 16cm).")
        }
        if !(fontSize.isFinite && fontSize >= Page.minimumFontSize && fontSize <= Page.maximumFontSize) {
            throw ValidationError("--font-size must be between \(Int(Page.minimumFontSize)) and \(Int(Page.maximumFontSize)) points (7 is the smallest print size readers accept).")
        }
    }

    var page: Page { Page(width: PageLength(pageWidth) ?? Page.standard.width, fontSize: fontSize) }
}
