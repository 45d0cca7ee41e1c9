import Foundation
@testable import GraphvizRendering
import Testing

private let dot = "digraph \"formats\" { node [fontname=\"Arial\"]; a -> b; }"

@Suite("Output formats and plugin detection")
struct FormatTests {
    @Test("PNG through cairo starts with the PNG signature")
    func png() throws {
        let bytes = try Graphviz.shared.render(dot: dot, engine: .dot, format: .png)
        #expect(Array(bytes.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
    }

    @Test("PDF through cairo starts with %PDF and ends with %%EOF")
    func pdf() throws {
        let text = String(decoding: try Graphviz.shared.render(dot: dot, engine: .dot, format: .pdf), as: UTF8.self)
        #expect(text.hasPrefix("%PDF-"))
        #expect(text.contains("%%EOF"))
    }

    @Test("dot, xdot and plain outputs carry positions", arguments: [OutputFormat.dot, .xdot, .plain])
    func textFormats(format: OutputFormat) throws {
        let text = String(decoding: try Graphviz.shared.render(dot: dot, engine: .dot, format: format), as: UTF8.self)
        if format == .plain {
            #expect(text.hasPrefix("graph 1 "))
            #expect(text.contains("node a "))
        } else {
            #expect(text.hasPrefix("digraph formats {"))
            #expect(text.contains("pos="))
        }
        if format == .xdot { #expect(text.contains("_draw_=")) }
    }

    @Test("The message Graphviz gives without its plugin configuration is explained (dot -c)")
    func missingPluginConfiguration() {
        // Measured here with GVBINDIR pointing at an empty directory.
        let error = Graphviz.layoutError(engine: .dot, message: "Layout type: \"dot\" not recognized. Use one of:")
        guard case .pluginConfigurationMissing = error else {
            Issue.record("expected pluginConfigurationMissing, got \(error)")
            return
        }
        #expect(error.description.contains("Run 'dot -c' as root"))
    }

    @Test("A missing cairo renderer names the Debian package")
    func missingCairo() {
        let error = Graphviz.renderError(format: .png, message: "renderer for png:cairo is unavailable")
        guard case .pluginMissing(let format, _) = error else {
            Issue.record("expected pluginMissing, got \(error)")
            return
        }
        #expect(format == "png")
        #expect(error.description.contains("libgvc6"))
    }

    @Test("The installation check passes here for every engine and format")
    func installationCheck() throws {
        try Graphviz.shared.checkInstallation(formats: OutputFormat.allSupported)
        #expect(throws: GraphvizError.self) {
            try Graphviz.shared.checkInstallation(formats: [OutputFormat(rawValue: "nosuchformat")])
        }
    }

    @Test("Graphviz's diagnostics are split into errors and warnings, continuation lines kept")
    func diagnosticsParsing() {
        let parsed = Libgvc.parseDiagnostics("Warning: a\nmore\nError: syntax error in line 1 near 'x'\n")
        #expect(parsed == [
            GraphvizDiagnostic(level: .warning, text: "a\nmore"),
            GraphvizDiagnostic(level: .error, text: "syntax error in line 1 near 'x'"),
        ])
    }

    @Test("A message naming Graphviz's input file, which is (null) for a graph read from memory, loses the (null)")
    func nullFileName() {
        // Graphviz 2.42's cairo plugin: "%s: graph is too large for cairo-renderer bitmaps. Scaling by %g to fit".
        let parsed = Libgvc.parseDiagnostics("Warning: (null): graph is too large for cairo-renderer bitmaps. Scaling by 0.5 to fit\n")
        #expect(parsed == [GraphvizDiagnostic(level: .warning, text: "graph is too large for cairo-renderer bitmaps. Scaling by 0.5 to fit")])
    }

    @Test("Without plugin configuration a worker reports pluginConfigurationMissing")
    func missingConfigurationInWorker() throws {
        guard let executable = builtPartnergraph() else {
            Issue.record("no built partnergraph executable answering `layout-worker` next to the test bundle (swift build, or set PG_LAYOUT_WORKER)")
            return
        }
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("pg-empty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: empty) }
        let renderer = GraphvizRenderer(worker: .partnergraph(executable: executable, environment: ["GVBINDIR": empty.path]), timeout: 30)
        do {
            _ = try renderer.render(dot: "digraph \"g\" { a }", engine: .dot, format: .svg)
            Issue.record("expected an error")
        } catch {
            guard case .pluginConfigurationMissing = error else {
                Issue.record("expected pluginConfigurationMissing, got \(error)")
                return
            }
        }
    }
}
