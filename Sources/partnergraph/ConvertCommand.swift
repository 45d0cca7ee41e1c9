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
        Formats are picked by extension (.yaml/.yml, .json, .graphml, .gexf; a path without an \
        extension is a directory holding partners.csv and ties.csv) unless --format names the output's. \
        The conversion is lossless where the target can hold the data; a warning on standard error \
        lists what it cannot hold. The output is written atomically: on any error nothing is written \
        and the exit status is 1. DOT (.dot, .gv) is export only: every partner and tie with its \
        attributes, unstyled (`partnergraph render --format dot` writes a styled snapshot).
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case yaml, json, csv, graphml, gexf, dot

        var graphFormat: GraphFormat? {
            switch self {
            case .dot: return nil
            case .yaml: return .yaml
            case .json: return .json
            case .csv: return .csv
            case .graphml: return .graphml
            case .gexf: return .gexf
            }
        }
    }

    @Argument(help: ArgumentHelp("The graph to read (.yaml, .yml, .json, .graphml, .gexf, or a CSV-pair directory).", valueName: "in"))
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
            guard let format else {
                throw ValidationError("Writing to standard output needs --format (yaml, json, graphml or gexf).")
            }
            if format == .csv {
                throw ValidationError("A CSV pair is two files and cannot go to standard output; give a directory.")
            }
        } else if format == nil {
            let ext = (output as NSString).pathExtension.lowercased()
            if ext == "dot" || ext == "gv" { return }
            if (try? GraphFormat.detect(path: output)) == nil {
                throw ValidationError("Cannot tell the output format from '\(output)'; use .yaml, .json, .graphml, .gexf, a directory, or --format.")
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
        if format == .dot || (format == nil && (ext == "dot" || ext == "gv")) {
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
        let target = try format?.graphFormat ?? GraphFormat.detect(path: output)
        let losses = Self.limitations(of: network, in: target)
        if !losses.isEmpty {
            CLI.warn("\(target.rawValue.uppercased()) cannot hold everything in \(input); not written:\n"
                     + losses.map { "  - " + $0 }.joined(separator: "\n"))
        }
        do {
            if output == "-" {
                let text = try GraphFile.text(of: network, format: target)
                CLI.exact(text)
            } else if format == nil || (try? GraphFormat.detect(path: output)) == target {
                try GraphFile.save(network, to: output)
            } else if target == .csv {
                try GraphFile.save(network, to: output)
            } else {
                try AtomicFile.write(Array(GraphFile.text(of: network, format: target).utf8), to: output)
            }
        } catch {
            throw CLI.failure(error)
        }
    }

    /// What `format` cannot hold of `network`, one phrase each.
    static func limitations(of network: PartnerNetwork, in format: GraphFormat) -> [String] {
        switch format {
        case .yaml, .json:
            return []
        case .graphml:
            return GraphML.limitations(of: network)
        case .gexf:
            return GEXF.limitations(of: network)
        case .csv:
            var out: [String] = []
            // Title, focal, description, settings and graph attributes go into graph.yaml beside the pair.
            for (what, maps) in [("partner", network.partners.map(\.attributes)), ("tie", network.ties.map(\.attributes))] {
                var typed = Set<String>()
                for m in maps { for (k, v) in m { if case .string = v {} else { typed.insert(k) } } }
                if !typed.isEmpty {
                    out.append("types of \(what) attributes \(typed.sorted().joined(separator: ", ")) (CSV cells are text)")
                }
            }
            return out
        }
    }
}
