internal import CGraphviz
import Foundation

// Every call into libgvc/libcgraph lives in this file, and every sequence of
// them runs inside `Libgvc.withLock`: Graphviz keeps its parser, error and
// layout state in process-wide globals and is not reentrant (two to four
// unlocked threads crashed in 14 of 16 runs, even with one context each).

/// The process-wide lock and the C calls it guards.
enum Libgvc {
    /// One lock for the whole process, held around every libgvc call sequence,
    /// context creation and destruction included. (`NSLock` rather than
    /// `Synchronization.Mutex`, which needs macOS 15 on Apple platforms.)
    private static let lock = NSLock()

    /// Runs `body` while holding the process-wide Graphviz lock.
    /// Not reentrant: `body` must not call back into `withLock`.
    static func withLock<Result, Failure: Error>(
        _ body: () throws(Failure) -> Result
    ) throws(Failure) -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }
}

// MARK: - Diagnostics capture

/// Text handed to the `agseterrf` callback since the last `beginCall()`.
/// Touched only while `Libgvc`'s lock is held (Graphviz calls the callback
/// synchronously from inside a locked call sequence).
nonisolated(unsafe) private var capturedDiagnostics = ""

/// The `agseterrf` callback: Graphviz delivers each message in pieces
/// ("Error", ": ", text), so the pieces are concatenated and split later.
private let captureDiagnosticPiece: @convention(c) (UnsafeMutablePointer<CChar>?) -> Int32 = { piece in
    if let piece {
        capturedDiagnostics += String(cString: piece)
    }
    return 0
}

/// One message reported by Graphviz.
struct GraphvizDiagnostic: Equatable {
    enum Level { case error, warning }
    var level: Level
    var text: String
}

extension Libgvc {
    /// Installs the capture callback, sets the report level so that every
    /// warning and error reaches it (and none reaches standard error), clears
    /// the captured text and resets cgraph's cumulative error level.
    ///
    /// Wraps `agseterrf`, `agseterr(AGWARN)` and `agreseterrors`.
    static func beginCall() {
        _ = agseterrf(captureDiagnosticPiece)
        _ = agseterr(AGWARN)
        capturedDiagnostics = ""
        _ = agreseterrors()
    }

    /// Whether an error (not only a warning) was reported since `beginCall()`.
    ///
    /// Wraps `agerrors`, which returns the highest level reported.
    static func errorReported() -> Bool {
        agerrors() >= Int32(AGERR.rawValue)
    }

    /// Takes the diagnostics captured since the last call and clears them.
    static func takeDiagnostics() -> [GraphvizDiagnostic] {
        let text = capturedDiagnostics
        capturedDiagnostics = ""
        var result = parseDiagnostics(text)
        if result.isEmpty, errorReported(), let last = lastError() {
            result.append(GraphvizDiagnostic(level: .error, text: last))
        }
        return result
    }

    /// The message kept by cgraph when reporting was switched off with
    /// `agseterr(AGMAX)` by someone else; wraps `aglasterr` (the result is
    /// `malloc`ed and freed here).
    private static func lastError() -> String? {
        guard let pointer = aglasterr() else { return nil }
        defer { pg_free(pointer) }
        let text = String(cString: pointer).trimmingTrailingNewlines()
        return text.isEmpty ? nil : text
    }

    /// Splits captured callback text into messages: a line starting with
    /// `Error: ` or `Warning: ` starts a message; other lines continue it.
    static func parseDiagnostics(_ text: String) -> [GraphvizDiagnostic] {
        var result: [GraphvizDiagnostic] = []
        for var line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            // Messages that name the input file print "(null)" for a graph read from memory;
            // the caller prefixes its own file name.
            if let range = line.range(of: "(null): ") { line.removeSubrange(range) }
            if line.hasPrefix("Error: ") {
                result.append(GraphvizDiagnostic(level: .error, text: String(line.dropFirst(7))))
            } else if line.hasPrefix("Warning: ") {
                result.append(GraphvizDiagnostic(level: .warning, text: String(line.dropFirst(9))))
            } else if !result.isEmpty {
                result[result.count - 1].text += "\n" + line
            } else {
                result.append(GraphvizDiagnostic(level: .warning, text: String(line)))
            }
        }
        return result
    }
}

// MARK: - Context, graphs, layout, render

extension Libgvc {
    /// Creates a Graphviz context with the installed plugins; wraps `gvContext`.
    static func createContext() -> OpaquePointer? {
        gvContext()
    }

    /// Frees a context; wraps `gvFreeContext`.
    static func freeContext(_ context: OpaquePointer) {
        _ = gvFreeContext(context)
    }

    /// Parses one graph from memory; wraps `agmemread`.
    static func readGraph(_ text: String) -> UnsafeMutablePointer<Agraph_t>? {
        agmemread(text)
    }

    /// Reads and closes every graph the parser still holds from an earlier
    /// `agmemread` (its input buffer outlives the call), until it returns NULL.
    /// Returns how many graphs were drained. Wraps `agmemread("")` and `agclose`.
    static func drainParser() -> Int {
        var drained = 0
        // A bound guards against a parser that never reports end of input.
        while drained < 10_000, let leftover = agmemread("") {
            _ = agclose(leftover)
            drained += 1
        }
        return drained
    }

    /// Closes a graph and frees everything it owns; wraps `agclose`.
    static func closeGraph(_ graph: UnsafeMutablePointer<Agraph_t>) {
        _ = agclose(graph)
    }

    /// Resets `rand` and `drand48` before a layout so that sfdp (and any engine
    /// drawing from an unseeded generator) does not depend on earlier layouts.
    static func resetRandomState() {
        pg_reset_random_state()
    }

    /// Lays out a graph; wraps `gvLayout`. Returns Graphviz's status (0 = ok).
    static func layout(
        _ context: OpaquePointer, _ graph: UnsafeMutablePointer<Agraph_t>, engine: String
    ) -> Int32 {
        gvLayout(context, graph, engine)
    }

    /// Frees a layout made by `layout`; wraps `gvFreeLayout`.
    static func freeLayout(_ context: OpaquePointer, _ graph: UnsafeMutablePointer<Agraph_t>) {
        _ = gvFreeLayout(context, graph)
    }

    /// The pixels cairo would allocate for a PNG of the laid-out graph (96 dpi unless set).
    static func bitmapSize(_ graph: UnsafeMutablePointer<Agraph_t>) -> (width: Double, height: Double) {
        var width = 0.0, height = 0.0
        pg_bitmap_size(graph, 96, &width, &height)
        return (width, height)
    }

    /// Renders a laid-out graph into memory; wraps `gvRender` through the
    /// shim's `open_memstream` stream. Returns nil when `gvRender` failed.
    static func render(
        _ context: OpaquePointer, _ graph: UnsafeMutablePointer<Agraph_t>, format: String
    ) -> [UInt8]? {
        var data: UnsafeMutablePointer<CChar>?
        var length = 0
        let status = pg_render_to_memory(context, graph, format, &data, &length)
        guard status == 0 else { return nil }
        guard let data else { return [] }
        defer { pg_free(data) }
        return data.withMemoryRebound(to: UInt8.self, capacity: length) { bytes in
            Array(UnsafeBufferPointer(start: bytes, count: length))
        }
    }
}

extension String {
    func trimmingTrailingNewlines() -> String {
        var result = Substring(self)
        while let last = result.last, last == "\n" || last == "\r" {
            result = result.dropLast()
        }
        return String(result)
    }
}
