import DOTRendering
import Foundation
import GraphvizRendering
import PartnerAnalysis
import PartnerGraph

/// The clustered diagram of `render --cluster-by`: styled DOT laid out and
/// rendered by libgvc in a worker process of this binary, post-processed into
/// a document SVG. (Every other figure is a ``NetworkFigure``.)
enum Diagram {
    /// Lays out a styled figure with libgvc (fdp, clusters and `timeout` in a
    /// worker process of this binary) and renders it in `format`; SVG comes
    /// back post-processed for documents (``SVGDocument``) with the figure's
    /// title, description and element titles.
    static func layOut(_ styled: StyledPartnerDOT, engine: LayoutEngine, format: GraphvizRendering.OutputFormat,
                       width: Double? = nil, idPrefix: String = "pg-", timeout: Double? = nil) throws(GraphvizError) -> (bytes: [UInt8], warnings: [String]) {
        let renderer = GraphvizRenderer(worker: .partnergraph(executable: ownExecutable()), timeout: timeout, warnings: .collect)
        let result = try renderer.renderReportingWarnings(dot: styled.document.write(), engine: engine, format: format)
        guard format == .svg else { return (result.bytes, result.warnings) }
        var options = SVGDocumentOptions(title: styled.title, description: styled.description, width: width,
                                         elementTitles: styled.elementTitles)
        options.idPrefix = idPrefix
        return (try SVGDocument.prepareUTF8(result.bytes, options: options), result.warnings)
    }

    /// This program's absolute path, for the layout worker.
    static func ownExecutable() -> URL {
        #if os(Linux)
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            return URL(fileURLWithPath: path)
        }
        #endif
        if let url = Bundle.main.executableURL { return url }
        return URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL
    }
}
