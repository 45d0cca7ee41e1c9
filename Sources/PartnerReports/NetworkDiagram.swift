import DOTRendering
import FigureStyle
import Foundation
import GraphvizRendering
import PartnerAnalysis
import PartnerGraph

/// The `render` use case: the network as of a date, selected, ranked,
/// reduced to fit its page, laid out and rendered — one figure, the small
/// multiples of a range of years, or the boxes-per-kind diagram.
///
/// ```swift
/// var options = NetworkDiagram.Options(asOf: day)
/// options.selection.kinds = ["ngo"]
/// let result = try NetworkDiagram.draw(net, options: options, renderer: GraphvizRenderer())
/// ```
public enum NetworkDiagram {
    /// What to draw and how.
    public struct Options: Sendable {
        /// The snapshot date.
        public var day: Day
        /// A lookback for every tie type instead of the per-type defaults.
        public var lookback: Lookback?
        /// Which partners are drawn.
        public var selection = FigureSelection()
        /// Current pairs whose weight is below this are not drawn.
        public var minimumPairWeight = 0.0
        /// The measure that decides who is named and kept when the figure is reduced.
        public var ranking: Measure = .betweenness
        /// The measure nodes are sized by; nil: one size.
        public var sizeBy: Measure?
        /// Introductions to draw dashed (``SuggestedLink/missingLinks(in:)``).
        public var suggestedLinks: [SuggestedLink] = []
        /// Page, reductions, engine and seed of the figure.
        public var figure = NetworkFigure.Options()
        /// Draw these years (31 December each) as small multiples on one page.
        public var smallMultipleYears: [Int]?
        /// The output format; `.dot` is the figure as laid out.
        public var format: OutputFormat = .svg
        /// A PNG's width in pixels; nil: 96 to the inch of the figure.
        public var pngWidth: Double?

        public init(asOf day: Day) {
            self.day = day
        }
    }

    /// The drawn figure and what to tell the reader about it.
    public struct Result: Sendable {
        /// SVG (post-processed for documents), DOT, PNG or PDF.
        public var bytes: [UInt8]
        /// Graphviz's warnings.
        public var warnings: [String]
        /// How the figure was reduced to fit its page (also in its caption).
        public var reductions: [String]
    }

    /// Why nothing was drawn.
    public enum Failure: Error, CustomStringConvertible, Sendable {
        /// No partner passes the selection at the date.
        case nothingToDraw(String)
        /// The snapshot or its measures could not be computed.
        case analysis(String)
        /// Graphviz failed (layout, render, timeout).
        case graphviz(GraphvizError)

        public var description: String {
            switch self {
            case .nothingToDraw(let message), .analysis(let message): message
            case .graphviz(let error): error.description
            }
        }
    }

    /// The snapshot analysed and the partners chosen, ready to lay out.
    public struct Prepared: Sendable {
        /// The figure's partners and ties.
        public let figure: PartnerFigure
        /// Score per partner id deciding who is named and kept.
        public let ranking: [String: Double]
        let options: Options

        /// The partners drawn (before any reduction).
        public var partnerCount: Int { figure.partnerIDs?.count ?? figure.network.partners.count }

        /// Lays out and renders the figure.
        public func draw(renderer: GraphvizRenderer) throws(Failure) -> Result {
            let net = figure.network, options = options, selection = options.selection, lookback = options.lookback
            do {
                let rankingName = options.ranking.optionName
                if let years = options.smallMultipleYears {
                    let result = try NetworkFigure.smallMultiples(
                        network: net, years: years, lookback: lookback, showsLapsedTies: selection.showsLapsedTies,
                        select: { selection.partners(of: net, asOf: $0, lookback: lookback) },
                        ranking: ranking, rankingName: rankingName, options: options.figure, format: options.format, renderer: renderer)
                    return Result(bytes: result.bytes, warnings: result.warnings, reductions: result.reductions)
                }
                let pngWidth = options.format == .png ? options.pngWidth : nil
                let result = try NetworkFigure.render(figure, ranking: ranking, rankingName: rankingName, options: options.figure,
                                                      format: options.format, renderer: renderer,
                                                      adjust: pngWidth.map { width in { NetworkDiagram.scalePNG(&$0, toWidth: width) } })
                return Result(bytes: result.bytes, warnings: result.warnings, reductions: result.reductions)
            } catch {
                throw .graphviz(error)
            }
        }
    }

    /// Draws `net` as `options` say.
    public static func draw(_ net: PartnerNetwork, options: Options, renderer: GraphvizRenderer) throws(Failure) -> Result {
        try prepare(net, options: options).draw(renderer: renderer)
    }

    /// Analyses the snapshot and chooses the partners: everything but the layout.
    public static func prepare(_ net: PartnerNetwork, options: Options) throws(Failure) -> Prepared {
        let day = options.day, lookback = options.lookback, selection = options.selection
        let projection: Projection
        do {
            projection = try Projection(network: net, asOf: day, lookback: lookback)
        } catch {
            throw .analysis("cannot build the snapshot at \(day): \(error)")
        }
        let drawn = selection.partners(of: net, asOf: day, lookback: lookback, projection: projection)
        if drawn.isEmpty {
            let filtered = selection.kinds.isEmpty && selection.ego == nil ? "" : " among the partners selected"
            throw .nothingToDraw("nothing to draw as of \(day): no partner has a \(selection.showsLapsedTies ? "current or lapsed" : "current") tie" + filtered)
        }
        // The ranking measure always: it decides who is named and kept when the figure is reduced.
        var wanted = [options.ranking]
        if let size = options.sizeBy, size != options.ranking { wanted.append(size) }
        let measures: PartnerMeasures
        do {
            measures = try PartnerMeasures(projection: projection, measures: wanted,
                                           kinds: projection.partnerIndices.map { net.partners[$0].kind })
        } catch {
            throw .analysis("analysis failed: \(error)")
        }
        let sizes = options.sizeBy.map { NodeMeasure(name: $0.optionName, values: measures.valuesByID($0)) }
        let figure = PartnerFigure(
            network: net, asOf: day, partnerIDs: drawn, showsLapsedTies: selection.showsLapsedTies,
            minimumPairWeight: options.minimumPairWeight, sizeMeasure: sizes, suggestedLinks: options.suggestedLinks,
            lookback: lookback)
        return Prepared(figure: figure, ranking: measures.valuesByID(options.ranking), options: options)
    }

    /// Lays out a styled figure with libgvc and renders it in `format`; SVG
    /// comes back post-processed for documents (``SVGDocument``) with the
    /// figure's title, description and element titles.
    public static func layOut(_ styled: StyledPartnerDOT, engine: LayoutEngine, format: OutputFormat, renderer: GraphvizRenderer,
                              idPrefix: String = "pg-") throws(GraphvizError) -> (bytes: [UInt8], warnings: [String]) {
        let result = try renderer.renderReportingWarnings(dot: styled.document.write(), engine: engine, format: format)
        guard format == .svg else { return (result.bytes, result.warnings) }
        var svgOptions = SVGDocumentOptions(title: styled.title, description: styled.description, width: nil,
                                            elementTitles: styled.elementTitles)
        svgOptions.idPrefix = idPrefix
        return (try SVGDocument.prepareUTF8(result.bytes, options: svgOptions), result.warnings)
    }

    /// Graphviz scales a drawing, padding included, to fit `size` (inches)
    /// at render time; with `!` it also scales up. At 96 dpi, a size of
    /// W/96 inches wide (and a height that never binds) makes the PNG W
    /// pixels wide, give or take Graphviz's rounding of one pixel.
    public static func scalePNG(_ document: inout DOTDocument, toWidth width: Double) {
        let inches = width / 96
        document.graphAttributes["dpi"] = .integer(96)
        document.graphAttributes["size"] = .string("\(NumberFormatting.fixed(inches, digits: 4)),\(NumberFormatting.fixed(inches * 1_000, digits: 4))!")
    }
}

extension SuggestedLink {
    /// The `missing-link` findings of a gap report (the suggested
    /// introductions), in the report's order.
    public static func missingLinks(in report: GapReport) -> [SuggestedLink] {
        report.gaps.filter { $0.kind == .missingLink && $0.partners.count == 2 }.map {
            SuggestedLink(first: $0.partners[0], second: $0.partners[1], score: $0.score)
        }
    }
}

extension PartnerMeasures {
    /// One measure's values by partner id (partners without a value left out).
    public func valuesByID(_ measure: Measure) -> [String: Double] {
        guard let column = values[measure] else { return [:] }
        var result: [String: Double] = [:]
        for (node, id) in ids.enumerated() {
            if let value = column[node] { result[id] = value }
        }
        return result
    }
}
