import ArgumentParser
import Foundation
import PartnerGraph
import PartnerGraphIO

/// `partnergraph convert IN OUT`: any supported graph format to any other.
struct ConvertCommand: ParsableCommand, ReadsData {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Convert a graph between YAML, JSON, a CSV pair, GraphML and GEXF.",
        discussion: """
        Formats are picked by extension (\(fileExtensions); a path without an \
        extension is \(GraphFormat.directoryFormat.directoryDescription ?? "a directory")) unless --format names the output's. \
        The conversion is lossless where the target can hold the data; a warning on standard error \
        lists what it cannot hold. The output is written atomically: on any error nothing is written \
        and the exit status is 1. DOT (.dot, .gv) is export only: every partner and tie with its \
        attributes, unstyled (`partnergraph render --format dot` writes a styled snapshot).
        """
    )

    /// `--format`'s values: every writable format of the registry
    /// (``GraphFormat/all``), then `dot` (export only, written here).
    struct Format: RawRepresentable, CaseIterable, ExpressibleByArgument, Hashable {
        let rawValue: String

        init?(rawValue: String) {
            guard Self.allCases.contains(where: { $0.rawValue == rawValue }) else { return nil }
            self.rawValue = rawValue
        }

        private init(name: String) { rawValue = name }

        static var allCases: [Format] {
            GraphFormat.all.filter(\.canWrite).map { Format(name: $0.name) } + [.dot]
        }

        /// DOT: every partner and tie, unstyled; never read back.
        static let dot = Format(name: "dot")

        /// The graph format, `nil` for DOT.
        var graphFormat: GraphFormat? { GraphFormat(name: rawValue) }
    }

    /// `.yaml/.yml, .json, .graphml, .gexf`: each single-file format's extensions.
    private static var fileExtensions: String {
        GraphFormat.all.filter { !$0.isDirectory }
            .map { $0.extensions.map { "." + $0 }.joined(separator: "/") }
            .joined(separator: ", ")
    }

    /// The extensions of DOT output.
    static let dotExtensions = ["dot", "gv"]

    @Argument(help: ArgumentHelp("The graph to read (\(GraphFormat.extensionList(of: GraphFormat.all.filter(\.canRead))), or a CSV-pair directory).", valueName: "in"))
    var input: String

    @Option(name: [.short, .customLong("output")], help: ArgumentHelp("Where to write (the format follows the extension unless --format is given; - or none: standard output).", valueName: "out"))
    var outputOption: String?

    /// OUT as a second argument, as before `-o`: still read.
    @Argument(help: ArgumentHelp("Where to write, as -o OUT.", valueName: "out", visibility: .hidden))
    var positionalOutput: String?

    /// `-o OUT`, the second argument, or `-` (standard output).
    var output: String { outputOption ?? positionalOutput ?? "-" }

    @Option(help: ArgumentHelp("Output format: \(Format.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "format"))
    var format: Format?

    @OptionGroup(title: "Input limits") var readLimits: ReadLimitOptions

    func validate() throws {
        if outputOption != nil && positionalOutput != nil {
            throw ValidationError("give the output once: -o OUT (or OUT after IN, as before).")
        }
        if positionalOutput != nil { CLI.deprecated("convert IN OUT", "convert IN -o OUT") }
        if output == "-" {
            let texts = GraphFormat.all.filter { $0.canWrite && $0.isSingleText }.map(\.name)
            guard let format else {
                throw ValidationError("Writing to standard output needs --format (\(texts.dropLast().joined(separator: ", ")) or \(texts.last!)).")
            }
            if let graph = format.graphFormat, !graph.isSingleText {
                throw ValidationError("A CSV pair is two files and cannot go to standard output; give a directory.")
            }
        } else if format == nil {
            let ext = (output as NSString).pathExtension.lowercased()
            if Self.dotExtensions.contains(ext) { return }
            if (try? GraphFormat.detect(path: output)) == nil {
                throw ValidationError("Cannot tell the output format from '\(output)'; use \(GraphFormat.extensionList(of: GraphFormat.all.filter(\.canWrite), primaryOnly: true)), a directory, or --format.")
            }
        }
    }

    func run() throws {
        var warnings: [Diagnostic] = []
        let network: PartnerNetwork
        do {
            network = try GraphFile.load(path: input, warnings: &warnings)
        } catch {
            CLI.printDiagnostics(error.diagnostics)
            throw ExitCode(1)
        }
        if !warnings.isEmpty { CLI.printDiagnostics(warnings) }
        let ext = (output as NSString).pathExtension.lowercased()
        if format == .dot || (format == nil && Self.dotExtensions.contains(ext)) {
            CLI.warn("DOT is export only: partnergraph cannot read it back, and attribute values become text")
            let text: String
            do { text = try Self.dotExport(network) } catch {
                CLI.err("\(input): error: \(error)\n")
                throw ExitCode(1)
            }
            do { try AtomicFile.write(Array(text.utf8), to: output) } catch {
                throw CLI.failure(error)
            }
            return
        }
        try CLI.writeGraph(network, format: format?.graphFormat, to: output, source: input)
    }
}
