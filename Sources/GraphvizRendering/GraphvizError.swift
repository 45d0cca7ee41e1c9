/// Everything that can go wrong while laying out and rendering DOT with Graphviz.
///
/// Cases that come from Graphviz carry Graphviz's own message (captured through
/// `agseterrf`, never printed to standard error). The value is `Codable` so a
/// layout worker process can hand it back to its parent unchanged.
public enum GraphvizError: Error, Sendable, Hashable, Codable, CustomStringConvertible {
    /// The input holds no graph (empty, blank or only comments).
    case emptyInput
    /// The DOT text does not parse; `message` is Graphviz's (for example
    /// `syntax error in line 1 near '}'`).
    case syntax(message: String)
    /// The input holds more than one graph, or text after the first graph.
    /// Graphviz's parser would otherwise hand the rest to the next caller.
    case trailingInput(graphs: Int, message: String)
    /// Graphviz does not know the layout engine (also raised for a `layout=`
    /// attribute inside the DOT). `available` is Graphviz's own list.
    case unknownEngine(String, available: [String], message: String)
    /// Graphviz does not know the output format.
    case unknownFormat(String, message: String)
    /// The format needs a plugin that is not installed (cairo for PNG and PDF).
    case pluginMissing(format: String, message: String)
    /// No layout plugin is registered at all: the plugin configuration
    /// (`config6a`, written by `dot -c`) is missing.
    case pluginConfigurationMissing(message: String)
    /// `gvContext()` failed.
    case contextUnavailable
    /// Layout failed or reported errors.
    case layoutFailed(engine: String, message: String)
    /// Rendering failed or reported errors.
    case renderFailed(format: String, message: String)
    /// Graphviz reported warnings and the caller asked for warnings to fail the render.
    case warnings([String])
    /// The engine's layouts are repeatable only in a fresh process and no
    /// layout worker was configured.
    case workerRequired(engine: String, reason: String)
    /// The layout did not finish in time; the worker process was killed.
    case timeout(seconds: Double)
    /// The worker process could not be started.
    case workerUnavailable(path: String, reason: String)
    /// Graphviz's SVG could not be parsed for post-processing.
    case invalidSVG(message: String)
    /// The worker process failed without a structured error.
    case workerFailed(status: Int32, message: String)
    /// A PNG over ``Graphviz/maxBitmapPixels`` or ``Graphviz/maxBitmapSide``.
    case imageTooLarge(width: Int, height: Int)

    public var description: String {
        switch self {
        case .emptyInput:
            return "Graphviz error: the input holds no graph (it is empty or only comments)."
        case .syntax(let message):
            return "Graphviz syntax error: \(message)"
        case .trailingInput(let graphs, let message):
            let detail = message.isEmpty ? "" : " (\(message))"
            return "Graphviz error: the input must hold exactly one graph, but \(graphs) more graph(s) or trailing text followed the first one\(detail)."
        case .unknownEngine(let name, let available, _):
            let list = available.isEmpty ? "none" : available.joined(separator: ", ")
            return "Graphviz error: unknown layout engine '\(name)'. Available engines: \(list)."
        case .unknownFormat(let name, let message):
            return "Graphviz error: unknown output format '\(name)': \(message)"
        case .pluginMissing(let format, let message):
            return "Graphviz error: the '\(format)' format needs Graphviz's cairo renderer (libgvplugin_pango), which is not installed or not registered. Install the Debian package 'libgvc6' (or 'graphviz'; Homebrew: 'graphviz') and run 'dot -c' as root. Graphviz said: \(message)"
        case .pluginConfigurationMissing(let message):
            return "Graphviz error: no layout plugins are registered because Graphviz's plugin configuration (config6a) is missing. Run 'dot -c' as root once to write it. Graphviz said: \(message)"
        case .contextUnavailable:
            return "Graphviz error: gvContext() could not create a Graphviz context."
        case .layoutFailed(let engine, let message):
            return "Graphviz error: layout with '\(engine)' failed: \(message)"
        case .renderFailed(let format, let message):
            return "Graphviz error: rendering '\(format)' failed: \(message)"
        case .warnings(let messages):
            return "Graphviz warning: " + messages.joined(separator: "; ")
        case .workerRequired(let engine, let reason):
            return "Graphviz error: rendering with '\(engine)' needs a layout worker process (\(reason)); configure a worker executable."
        case .timeout(let seconds):
            let unit = seconds == 1 ? "second" : "seconds"
            return "Graphviz error: the layout timed out: it did not finish within \(formatSeconds(seconds)) \(unit) and was stopped."
        case .workerUnavailable(let path, let reason):
            return "Graphviz error: cannot start the layout worker '\(path)': \(reason)"
        case .invalidSVG(let message):
            return "Graphviz error: the SVG output is not well-formed XML: \(message)"
        case .workerFailed(let status, let message):
            let detail = message.isEmpty ? "" : ": \(message)"
            return "Graphviz error: the layout worker exited with status \(status)\(detail)"
        case .imageTooLarge(let width, let height):
            return "Graphviz error: the PNG would be \(width) × \(height) pixels, over the limit of \(Graphviz.maxBitmapPixels / 1_000_000) million pixels and \(Graphviz.maxBitmapSide) a side (cairo allocates the whole bitmap before drawing); give a smaller --width, or write SVG or PDF, which have no pixel limit."
        }
    }
}

private func formatSeconds(_ seconds: Double) -> String {
    if seconds == seconds.rounded() && abs(seconds) < 1e15 {
        return String(Int64(seconds))
    }
    return String(seconds)
}
