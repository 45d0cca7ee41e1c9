internal import CGraphviz
import Foundation

/// What to do with Graphviz warnings (messages below error level).
public enum WarningPolicy: Sendable, Hashable {
    /// Throw ``GraphvizError/warnings(_:)``: the default, so nothing Graphviz
    /// says goes unnoticed.
    case fail
    /// Return the warnings with the output (``GraphvizOutput/warnings``).
    case collect
}

/// Rendered bytes and the warnings Graphviz reported while producing them.
public struct GraphvizOutput: Sendable, Hashable {
    /// The rendered document (SVG text, DOT text, PNG or PDF bytes).
    public var bytes: [UInt8]
    /// Graphviz's warnings, in the order reported, without the `Warning: ` prefix.
    public var warnings: [String]

    public init(bytes: [UInt8], warnings: [String]) {
        self.bytes = bytes
        self.warnings = warnings
    }
}

/// In-process layout and rendering through Graphviz's C library (libgvc).
///
/// `Graphviz` owns one `GVC_t` context (created on first use, freed in
/// `deinit`). Every call runs under one process-wide lock, so instances may be
/// used from any thread or task; calls are serialised, never parallel (use
/// worker processes through ``GraphvizRenderer`` for parallel layouts).
///
/// Each render parses the DOT with `agmemread`, drains and rejects any further
/// graphs or text left in Graphviz's parser, lays it out with `gvLayout`,
/// renders with `gvRender` into memory, and always frees the layout
/// (`gvFreeLayout`) and closes the graph (`agclose`). Graphviz's messages are
/// captured through `agseterrf` and never reach standard error.
///
/// Before every layout the C library's random generators are reset, which
/// makes sfdp independent of earlier layouts. fdp layouts, and layouts of
/// graphs with named subgraphs (clusters, ordered by heap address in
/// Graphviz 2.43), still depend on earlier layouts in the process; use
/// ``GraphvizRenderer`` with a worker for those.
///
/// ```swift
/// let svg = try Graphviz.shared.render(dot: "digraph G { a -> b }", engine: .dot, format: .svg)
/// ```
public final class Graphviz: @unchecked Sendable {
    // @unchecked: `context` is read and written only while Libgvc's
    // process-wide lock is held.

    /// A process-wide instance, enough for every caller. Prefer it to new
    /// instances: Graphviz 2.43's `gvFreeContext` does not free everything
    /// `gvContext` allocated (about 3.6 KB per context under valgrind).
    public static let shared = Graphviz()

    private var context: OpaquePointer?

    /// Creates a renderer; the Graphviz context is created on first use.
    public init() {}

    deinit {
        if let context {
            Libgvc.withLock { Libgvc.freeContext(context) }
        }
    }

    /// Lays out and renders one DOT graph.
    ///
    /// - Parameters:
    ///   - dot: DOT source holding exactly one graph.
    ///   - engine: The layout engine.
    ///   - format: The output format.
    ///   - warnings: Whether Graphviz warnings throw (default) or are dropped.
    /// - Returns: The rendered bytes.
    /// - Throws: ``GraphvizError`` with Graphviz's own message.
    /// - Complexity: That of the engine (see ``LayoutEngine``).
    public func render(
        dot: String, engine: LayoutEngine, format: OutputFormat, warnings: WarningPolicy = .fail
    ) throws(GraphvizError) -> [UInt8] {
        try renderReportingWarnings(dot: dot, engine: engine, format: format, warnings: warnings).bytes
    }

    /// Lays out and renders one DOT graph and returns Graphviz's warnings too.
    ///
    /// With `warnings: .collect` warnings are returned; with `.fail` they throw.
    public func renderReportingWarnings(
        dot: String, engine: LayoutEngine, format: OutputFormat, warnings policy: WarningPolicy = .collect
    ) throws(GraphvizError) -> GraphvizOutput {
        var output = try Libgvc.withLock { () throws(GraphvizError) -> GraphvizOutput in
            try renderLocked(dot: dot, engine: engine, format: format)
        }
        // cairo writes the time of the render into a PDF: blanked, so the same DOT gives the same bytes.
        if format == .pdf { output.bytes = Self.blankingCreationDate(output.bytes) }
        if policy == .fail, !output.warnings.isEmpty {
            throw .warnings(output.warnings)
        }
        return output
    }

    /// Starts Graphviz's one-time start-up on a background thread: creating
    /// the context, loading the layout and render plugins, and initialising
    /// fontconfig and Pango for the fonts the partner style uses (Arial,
    /// regular and bold). A command calls it before reading its input, so
    /// that start-up (about 12 ms, a third of a small render) overlaps with
    /// the reading; the next render waits for it through the process-wide
    /// lock. Layout results do not change: every render resets the random
    /// generators, and layouts that depend on earlier ones run in a worker.
    ///
    /// Call ``GraphvizWarmUp/wait()`` on the result before the process
    /// exits, so that `exit` never runs while Graphviz is loading plugins.
    ///
    /// - Parameter engines: Engines to load (dot lives in one plugin library,
    ///   neato, fdp, sfdp, circo and twopi in another).
    public func beginWarmUp(engines: [LayoutEngine] = [.dot]) -> GraphvizWarmUp {
        let warmUp = GraphvizWarmUp()
        let thread = Thread { [self] in
            Libgvc.withLock {
                guard let context = try? contextLocked() else { return }
                for engine in engines {
                    Libgvc.beginCall()
                    guard let graph = Libgvc.readGraph(Self.warmUpGraph) else { continue }
                    _ = Libgvc.drainParser()
                    if Libgvc.layout(context, graph, engine: engine.rawValue) == 0 {
                        _ = Libgvc.render(context, graph, format: OutputFormat.svg.graphvizRendererName)
                        Libgvc.freeLayout(context, graph)
                    }
                    Libgvc.closeGraph(graph)
                    _ = Libgvc.takeDiagnostics()
                }
            }
            warmUp.finish()
        }
        thread.start()
        return warmUp
    }

    /// A small graph with what partner figures use: Arial in regular and
    /// bold, an HTML-like table label, the shapes of the partner style,
    /// dashed and dotted edges, a graph label. Enough to load the plugins,
    /// the fonts and the code paths a first real layout would otherwise pay for.
    private static let warmUpGraph = """
        graph warmup {
          graph [fontname="Arial", fontsize=11, pad=0.2, label=<<TABLE BORDER="0"><TR><TD BGCOLOR="#E69F00" BORDER="1" WIDTH="28" HEIGHT="12" FIXEDSIZE="TRUE"></TD><TD ALIGN="LEFT"><B>Legend</B> text</TD></TR></TABLE>>];
          node [fontname="Arial", fontsize=11, style="filled", margin="0.08,0.04"];
          edge [fontname="Arial", fontsize=10];
          a [shape=doubleoctagon, peripheries=2, label="Warm\nup"]; b [shape=folder]; c [shape=trapezium]; d [shape=parallelogram];
          e [shape=box]; f [shape=house]; g [shape=ellipse]; h [shape=cylinder]; i [shape=hexagon]; j [shape=octagon];
          k [shape=pentagon]; l [shape=note];
          a -- b [style=solid, penwidth=2]; a -- c [style=dashed]; a -- d [style=dotted]; a -- e; b -- f; c -- g; d -- h;
          e -- i; f -- j; g -- k; h -- l [arrowhead=dot, dir=both];
        }
        """

    /// Checks that Graphviz can lay out and render: a tiny graph through every
    /// supported engine and each of `formats`. For a setup or "doctor" step.
    ///
    /// - Throws: ``GraphvizError/pluginConfigurationMissing(message:)`` when
    ///   `dot -c` was never run, ``GraphvizError/pluginMissing(format:message:)``
    ///   when cairo is missing for PNG/PDF, or another ``GraphvizError``.
    public func checkInstallation(formats: [OutputFormat] = [.svg]) throws(GraphvizError) {
        let probe = "digraph \"probe\" { a -> b; }"
        for engine in LayoutEngine.allSupported {
            _ = try render(dot: probe, engine: engine, format: .svg, warnings: .collect)
        }
        for format in formats {
            _ = try render(dot: probe, engine: .dot, format: format, warnings: .collect)
        }
    }

    // MARK: Locked sequence

    private func contextLocked() throws(GraphvizError) -> OpaquePointer {
        if let context { return context }
        guard let created = Libgvc.createContext() else { throw .contextUnavailable }
        context = created
        return created
    }

    private func renderLocked(
        dot: String, engine: LayoutEngine, format: OutputFormat
    ) throws(GraphvizError) -> GraphvizOutput {
        Libgvc.beginCall()
        let context = try contextLocked()
        var warnings: [String] = []

        // Parse, then drain whatever the parser kept for the next caller.
        let parsed = Libgvc.readGraph(dot)
        let parseDiagnostics = Libgvc.takeDiagnostics()
        let drained = Libgvc.drainParser()
        let drainDiagnostics = Libgvc.takeDiagnostics()
        guard let graph = parsed else {
            let errors = messages(parseDiagnostics + drainDiagnostics, .error)
            if errors.isEmpty { throw .emptyInput }
            throw .syntax(message: errors)
        }
        defer { Libgvc.closeGraph(graph) }
        let parseErrors = messages(parseDiagnostics, .error)
        if !parseErrors.isEmpty { throw .syntax(message: parseErrors) }
        if drained > 0 || drainDiagnostics.contains(where: { $0.level == .error }) {
            throw .trailingInput(graphs: drained, message: messages(drainDiagnostics, .error))
        }
        warnings += (parseDiagnostics + drainDiagnostics).filter { $0.level == .warning }.map(\.text)

        // Layout.
        Libgvc.resetRandomState()
        let status = Libgvc.layout(context, graph, engine: engine.rawValue)
        let layoutDiagnostics = Libgvc.takeDiagnostics()
        guard status == 0 else {
            throw Self.layoutError(engine: engine, message: layoutDiagnostics.map(\.text).joined(separator: "\n"))
        }
        defer { Libgvc.freeLayout(context, graph) }
        let layoutErrors = messages(layoutDiagnostics, .error)
        if !layoutErrors.isEmpty {
            throw .layoutFailed(engine: engine.rawValue, message: layoutErrors)
        }
        warnings += layoutDiagnostics.filter { $0.level == .warning }.map(\.text)

        // Render. Cairo allocates a bitmap whole, before drawing a pixel.
        if format == .png {
            let size = Libgvc.bitmapSize(graph)
            try Self.checkBitmap(width: size.width, height: size.height)
        }
        let bytes = Libgvc.render(context, graph, format: format.graphvizRendererName)
        let renderDiagnostics = Libgvc.takeDiagnostics()
        guard let bytes else {
            throw Self.renderError(format: format, message: renderDiagnostics.map(\.text).joined(separator: "\n"))
        }
        let renderErrors = messages(renderDiagnostics, .error)
        if !renderErrors.isEmpty {
            throw .renderFailed(format: format.rawValue, message: renderErrors)
        }
        warnings += renderDiagnostics.filter { $0.level == .warning }.map(\.text)
        return GraphvizOutput(bytes: bytes, warnings: warnings)
    }

    /// The most pixels of a PNG: 100 million (400 MB of bitmap).
    public static let maxBitmapPixels = 100_000_000
    /// The most pixels on a side of a PNG, cairo's limit.
    public static let maxBitmapSide = 32_767

    /// Throws ``GraphvizError/imageTooLarge(width:height:)`` for a bitmap
    /// over ``maxBitmapPixels`` or ``maxBitmapSide``.
    static func checkBitmap(width: Double, height: Double) throws(GraphvizError) {
        let w = Int(width.rounded(.up)), h = Int(height.rounded(.up))
        if w > maxBitmapSide || h > maxBitmapSide || w * h > maxBitmapPixels {
            throw .imageTooLarge(width: w, height: h)
        }
    }

    private func messages(_ diagnostics: [GraphvizDiagnostic], _ level: GraphvizDiagnostic.Level) -> String {
        diagnostics.filter { $0.level == level }.map(\.text).joined(separator: "\n")
    }

    /// Classifies a failed `gvLayout` by Graphviz's message.
    static func layoutError(engine: LayoutEngine, message text: String) -> GraphvizError {
        // "Layout type: "x" not recognized. Use one of: circo dot fdp ..."
        if let range = text.range(of: "not recognized. Use one of:") {
            let available = text[range.upperBound...]
                .split(whereSeparator: { $0 == " " || $0 == "\n" })
                .map(String.init)
            if available.isEmpty {
                return .pluginConfigurationMissing(message: text)
            }
            let requested = quotedName(in: text) ?? engine.rawValue
            return .unknownEngine(requested, available: available, message: text)
        }
        return .layoutFailed(engine: engine.rawValue, message: text.isEmpty ? "gvLayout failed without a message" : text)
    }

    /// Classifies a failed `gvRender` by Graphviz's message.
    static func renderError(format: OutputFormat, message text: String) -> GraphvizError {
        let unavailable = text.contains("is unavailable") || text.contains("not recognized")
        if unavailable && format.needsCairo {
            return .pluginMissing(format: format.rawValue, message: text)
        }
        if unavailable {
            return .unknownFormat(format.rawValue, message: text)
        }
        return .renderFailed(format: format.rawValue, message: text.isEmpty ? "gvRender failed without a message" : text)
    }

    private static func quotedName(in text: String) -> String? {
        guard let open = text.firstIndex(of: "\"") else { return nil }
        let rest = text[text.index(after: open)...]
        guard let close = rest.firstIndex(of: "\"") else { return nil }
        return String(rest[..<close])
    }
}

/// The background start-up begun by ``Graphviz/beginWarmUp(engines:)``.
public final class GraphvizWarmUp: @unchecked Sendable {
    // @unchecked: all state is behind `condition`.
    private let condition = NSCondition()
    private var finished = false

    fileprivate func finish() {
        condition.lock()
        finished = true
        condition.broadcast()
        condition.unlock()
    }

    /// Blocks until the warm-up has finished.
    public func wait() {
        condition.lock()
        while !finished { condition.wait() }
        condition.unlock()
    }
}
