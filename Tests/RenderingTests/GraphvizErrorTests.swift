import Foundation
import GraphvizRendering
import Testing

/// Captures what this process writes to file descriptor 2 while `body` runs.
/// Other tests may write to standard error at the same time, so callers look
/// for Graphviz's specific message text rather than expecting silence.
private func capturingStandardError<T>(_ body: () throws -> T) throws -> (T, String) {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("pg-stderr-\(UUID().uuidString)")
    _ = FileManager.default.createFile(atPath: url.path, contents: nil)
    defer { try? FileManager.default.removeItem(at: url) }
    let handle = try FileHandle(forWritingTo: url)
    fflush(nil)
    let saved = dup(2)
    dup2(handle.fileDescriptor, 2)
    let result: T
    do {
        result = try body()
    } catch {
        fflush(nil)
        dup2(saved, 2)
        close(saved)
        throw error
    }
    fflush(nil)
    dup2(saved, 2)
    close(saved)
    try handle.close()
    return (result, String(decoding: try Data(contentsOf: url), as: UTF8.self))
}

private func renderError(_ dot: String, engine: LayoutEngine = .dot, format: OutputFormat = .svg) -> GraphvizError? {
    do {
        _ = try Graphviz.shared.render(dot: dot, engine: engine, format: format)
        return nil
    } catch {
        return error
    }
}

@Suite("Graphviz errors are captured and thrown with Graphviz's message")
struct GraphvizErrorTests {
    @Test("A syntax error throws Graphviz's message and prints nothing to stderr")
    func syntaxErrorIsCapturedNotPrinted() throws {
        let (error, stderrText) = try capturingStandardError {
            renderError("digraph \"broken\" { a -> ; }")
        }
        guard case .syntax(let message)? = error else {
            Issue.record("expected a syntax error, got \(String(describing: error))")
            return
        }
        #expect(message.contains("syntax error in line 1"))
        #expect(!stderrText.contains("syntax error"), "Graphviz wrote to stderr: \(stderrText)")
        #expect(error?.description.hasPrefix("Graphviz syntax error: syntax error in line 1") == true)
    }

    @Test("Empty, blank and comment-only input are reported as empty input", arguments: ["", "   \n\t", "/* nothing */\n// here\n"])
    func emptyInput(_ dot: String) {
        #expect(renderError(dot) == .emptyInput)
    }

    @Test("An unknown engine names the engine and lists the available ones")
    func unknownEngine() throws {
        let (error, stderrText) = try capturingStandardError {
            renderError("digraph \"g\" { a -> b }", engine: LayoutEngine(rawValue: "nosuch"))
        }
        guard case .unknownEngine(let name, let available, let message)? = error else {
            Issue.record("expected unknownEngine, got \(String(describing: error))")
            return
        }
        #expect(name == "nosuch")
        #expect(Set(["dot", "neato", "fdp", "sfdp", "circo", "twopi"]).isSubset(of: Set(available)))
        #expect(message.contains("Layout type: \"nosuch\" not recognized"))
        #expect(!stderrText.contains("not recognized"))
    }

    @Test("A layout attribute inside the DOT naming an unknown engine is caught too")
    func unknownEngineFromLayoutAttribute() {
        guard case .unknownEngine(let name, _, _)? = renderError("digraph \"g\" { layout=\"bogus\"; a -> b }") else {
            Issue.record("expected unknownEngine")
            return
        }
        #expect(name == "bogus")
    }

    @Test("An unknown output format throws unknownFormat with Graphviz's message")
    func unknownFormat() throws {
        let (error, stderrText) = try capturingStandardError {
            renderError("digraph \"g\" { a -> b }", format: OutputFormat(rawValue: "nosuchformat"))
        }
        guard case .unknownFormat(let name, let message)? = error else {
            Issue.record("expected unknownFormat, got \(String(describing: error))")
            return
        }
        #expect(name == "nosuchformat")
        #expect(message.contains("nosuchformat"))
        #expect(!stderrText.contains("nosuchformat"))
        // The failed render leaves no state behind: the next one works.
        #expect(renderError("digraph \"g\" { a -> b }") == nil)
    }

    @Test("A bad HTML label still renders in Graphviz but is reported as an error")
    func badHTMLLabel() {
        guard case .layoutFailed(_, let message)? = renderError("digraph \"g\" { a [label=<<B>unclosed>]; }") else {
            Issue.record("expected layoutFailed for a bad HTML label")
            return
        }
        #expect(message.contains("in label of node a"))
        // The error count was reset: a good graph renders afterwards.
        #expect(renderError("digraph \"g\" { a [label=<<B>closed</B>>]; }") == nil)
    }

    @Test("A second graph in the input is drained, rejected, and not handed to the next caller")
    func parserLeftoversAreDrained() throws {
        let error = renderError("digraph \"A\" { a } digraph \"B\" { b }")
        #expect(error == .trailingInput(graphs: 1, message: ""))
        // Without draining, Graphviz's parser would return graph B here.
        let svg = utf8(try Graphviz.shared.render(dot: "digraph \"C\" { c }", engine: .dot, format: .svg))
        #expect(svg.contains("<title>C</title>"))
        #expect(!svg.contains("<title>B</title>"))
    }

    @Test("Trailing junk after a graph is an error now, not a failure of the next parse")
    func trailingJunk() throws {
        guard case .trailingInput(_, let message)? = renderError("digraph \"A\" { a } junk {") else {
            Issue.record("expected trailingInput")
            return
        }
        #expect(message.contains("syntax error"))
        let svg = utf8(try Graphviz.shared.render(dot: "digraph \"D\" { d }", engine: .dot, format: .svg))
        #expect(svg.contains("<title>D</title>"))
    }

    @Test("Warnings throw by default and are returned with .collect")
    func warningsPolicy() throws {
        // An unknown shape is a warning in Graphviz 2.43, given once per shape
        // name and process, hence a fresh name for each render.
        func dot(_ shape: String) -> String { "digraph \"w\" { a [shape=\"\(shape)\"]; }" }
        let first = "shape\(UInt32.random(in: 0...UInt32.max))a"
        guard case .warnings(let messages)? = renderError(dot(first)) else {
            Issue.record("expected a warnings error")
            return
        }
        #expect(messages.contains { $0.contains(first) })
        let second = "shape\(UInt32.random(in: 0...UInt32.max))b"
        let output = try Graphviz.shared.renderReportingWarnings(dot: dot(second), engine: .dot, format: .svg, warnings: .collect)
        #expect(output.warnings.contains { $0.contains(second) })
        #expect(utf8(output.bytes).contains("<svg"))
    }

    @Test("Every error describes itself in a full sentence")
    func descriptions() {
        let errors: [GraphvizError] = [
            .emptyInput, .syntax(message: "x"), .trailingInput(graphs: 1, message: ""),
            .unknownEngine("x", available: [], message: ""), .unknownFormat("x", message: "m"),
            .pluginMissing(format: "png", message: "m"), .pluginConfigurationMissing(message: "m"),
            .contextUnavailable, .layoutFailed(engine: "dot", message: "m"), .renderFailed(format: "svg", message: "m"),
            .warnings(["w"]), .workerRequired(engine: "fdp", reason: "r"), .timeout(seconds: 2),
            .workerUnavailable(path: "/x", reason: "r"), .invalidSVG(message: "m"), .workerFailed(status: 3, message: "m"),
        ]
        for error in errors {
            #expect(error.description.hasPrefix("Graphviz "))
        }
        #expect(GraphvizError.pluginConfigurationMissing(message: "").description.contains("dot -c"))
        #expect(GraphvizError.pluginMissing(format: "png", message: "").description.contains("libgvc6"))
        #expect(GraphvizError.timeout(seconds: 2).description.contains("within 2 seconds"))
    }
}
