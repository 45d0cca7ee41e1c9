import Foundation

/// Renders DOT with the right process model for each engine: in-process
/// through libgvc where that is repeatable and no timeout is asked for, in a
/// fresh worker process otherwise.
///
/// - fdp, and any graph with named subgraphs (clusters), depend on earlier
///   layouts in the same process, so they always run in a worker
///   (``GraphvizError/workerRequired(engine:reason:)`` without one).
/// - A `timeout` can only stop a layout in another process, so it also needs a
///   worker; the worker is killed (SIGKILL) when the time is up and the render
///   throws ``GraphvizError/timeout(seconds:)``.
/// - Everything else runs in-process under ``Graphviz``'s lock.
///
/// ```swift
/// let renderer = GraphvizRenderer(
///     worker: .partnergraph(executable: URL(fileURLWithPath: CommandLine.arguments[0])),
///     timeout: 30)
/// let svg = try renderer.render(dot: dotText, engine: .fdp, format: .svg)
/// ```
public struct GraphvizRenderer: Sendable {
    /// The worker for fdp and for timed renders; nil renders in-process only.
    public var worker: LayoutWorker?
    /// Seconds after which a layout is stopped; nil waits as long as it takes.
    public var timeout: Double?
    /// What Graphviz warnings do.
    public var warnings: WarningPolicy

    public init(worker: LayoutWorker? = nil, timeout: Double? = nil, warnings: WarningPolicy = .fail) {
        if let timeout {
            precondition(timeout > 0 && timeout.isFinite, "timeout must be a positive number of seconds")
        }
        self.worker = worker
        self.timeout = timeout
        self.warnings = warnings
    }

    /// Lays out and renders one DOT graph; see the type's discussion for where.
    ///
    /// - Throws: ``GraphvizError``.
    public func render(dot: String, engine: LayoutEngine, format: OutputFormat) throws(GraphvizError) -> [UInt8] {
        try renderReportingWarnings(dot: dot, engine: engine, format: format).bytes
    }

    /// Like ``render(dot:engine:format:)`` with an explicit timeout and worker
    /// executable (PartnerGraph's `layout-worker` protocol).
    public func render(
        dot: String, engine: LayoutEngine, format: OutputFormat, timeout: Double?, workerExecutable: URL
    ) throws(GraphvizError) -> [UInt8] {
        var copy = self
        copy.timeout = timeout
        copy.worker = .partnergraph(executable: workerExecutable)
        return try copy.render(dot: dot, engine: engine, format: format)
    }

    /// Lays out and renders, returning warnings as well (they throw only when
    /// ``warnings`` is ``WarningPolicy/fail``).
    public func renderReportingWarnings(
        dot: String, engine: LayoutEngine, format: OutputFormat
    ) throws(GraphvizError) -> GraphvizOutput {
        let output: GraphvizOutput
        let freshProcessReason = Self.freshProcessReason(engine: engine, dot: dot)
        if freshProcessReason != nil || timeout != nil {
            guard let worker else {
                throw .workerRequired(
                    engine: engine.rawValue,
                    reason: freshProcessReason ?? "only a separate process can be stopped when the timeout passes")
            }
            output = try Self.renderInWorker(dot: dot, engine: engine, format: format, worker: worker, timeout: timeout)
        } else {
            output = try Graphviz.shared.renderReportingWarnings(dot: dot, engine: engine, format: format, warnings: .collect)
        }
        if warnings == .fail, !output.warnings.isEmpty {
            throw .warnings(output.warnings)
        }
        return output
    }

    /// Why this render is repeatable only in a fresh process, or nil.
    ///
    /// - fdp layouts depend on earlier layouts in the process.
    /// - Named subgraphs (clusters) get cgraph ids from the heap addresses of
    ///   their interned names, and Graphviz 2.43 iterates subgraphs in id order,
    ///   so cluster layouts depend on what the process allocated before
    ///   (measured: positions change between in-process calls; a fresh process
    ///   matches `dot -Tsvg` every time). Any `subgraph` keyword counts.
    static func freshProcessReason(engine: LayoutEngine, dot: String) -> String? {
        if engine.needsFreshProcess {
            return "\(engine) layouts depend on earlier layouts in the same process"
        }
        if dot.range(of: "subgraph", options: .caseInsensitive) != nil {
            return "layouts of named subgraphs (clusters) depend on memory addresses, which only a fresh process repeats"
        }
        return nil
    }

    /// The body of the `partnergraph layout-worker` subcommand: reads DOT from
    /// `input` until end of file, renders it in this process and writes the
    /// bytes to `output`. The last line on `errorOutput` is a report (warnings
    /// or a ``GraphvizError``) that ``GraphvizRenderer`` decodes.
    ///
    /// - Returns: The exit status: 0 on success, 1 on a Graphviz error.
    public static func runWorker(
        engine: LayoutEngine, format: OutputFormat,
        input: FileHandle = .standardInput, output: FileHandle = .standardOutput,
        errorOutput: FileHandle = .standardError
    ) -> Int32 {
        let data = input.readDataToEndOfFile()
        var report = WorkerReport(warnings: [], error: nil)
        if let dot = String(data: data, encoding: .utf8) {
            do {
                let result = try Graphviz.shared.renderReportingWarnings(
                    dot: dot, engine: engine, format: format, warnings: .collect)
                output.write(Data(result.bytes))
                report.warnings = result.warnings
            } catch {
                report.error = error
            }
        } else {
            report.error = .syntax(message: "the input is not valid UTF-8")
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let json = (try? encoder.encode(report)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        errorOutput.write(Data((workerReportMarker + json + "\n").utf8))
        return report.error == nil ? 0 : 1
    }
}
