import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// How to start a layout worker process: an executable that reads DOT on
/// standard input and writes the rendered output on standard output.
///
/// PartnerGraph's own worker is the hidden `partnergraph layout-worker`
/// subcommand, whose body is ``GraphvizRenderer/runWorker(engine:format:input:output:errorOutput:)``.
/// Graphviz's `dot` program speaks the same protocol (``graphvizCommand(executable:)``).
public struct LayoutWorker: Sendable {
    /// The program to run.
    public var executable: URL
    /// The arguments for one render.
    public var arguments: @Sendable (LayoutEngine, OutputFormat) -> [String]
    /// Variables added to (or replacing those in) this process's environment.
    public var environment: [String: String]

    public init(
        executable: URL, environment: [String: String] = [:],
        arguments: @escaping @Sendable (LayoutEngine, OutputFormat) -> [String]
    ) {
        self.executable = executable
        self.environment = environment
        self.arguments = arguments
    }

    /// PartnerGraph's worker: `EXECUTABLE layout-worker --engine E --format F`.
    public static func partnergraph(executable: URL, environment: [String: String] = [:]) -> LayoutWorker {
        LayoutWorker(executable: executable, environment: environment) { engine, format in
            ["layout-worker", "--engine", engine.rawValue, "--format", format.rawValue]
        }
    }

    /// This program's absolute path (`/proc/self/exe` on Linux), to start
    /// it again as a worker with ``partnergraph(executable:environment:)``.
    public static func currentExecutable() -> URL {
        #if os(Linux)
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            return URL(fileURLWithPath: path)
        }
        #endif
        if let url = Bundle.main.executableURL { return url }
        return URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL
    }

    /// Makes a worker's layouts repeat byte for byte; call it first thing in
    /// the worker process.
    ///
    /// Graphviz's layouts depend on memory addresses (it orders named
    /// subgraphs by the addresses of their interned names, and fdp and
    /// clustered layouts came out different now and then). Two things in a
    /// process move those addresses from one run to the next: address-space
    /// randomisation, and Swift's per-process hash seed (it changes how the
    /// runtime allocates). On Linux this re-executes the process once with
    /// randomisation off (`personality(ADDR_NO_RANDOMIZE)`),
    /// `SWIFT_DETERMINISTIC_HASHING=1` and a fixed `argv[0]` (`programName`);
    /// it returns at once when both are already so, and on any failure
    /// (the process carries on as it was). Elsewhere it does nothing.
    public static func reexecuteDeterministically(programName: String = "partnergraph") {
        #if os(Linux)
        // personality(2) from glibc, looked up at run time (its header is not in Glibc's module map).
        typealias Personality = @convention(c) (UInt) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "personality") else { return }
        let personality = unsafeBitCast(symbol, to: Personality.self)
        let noRandomize: UInt = 0x0040000  // ADDR_NO_RANDOMIZE
        let current = personality(0xffff_ffff)
        guard current != -1 else { return }
        let hashingFixed = getenv("SWIFT_DETERMINISTIC_HASHING") != nil
        guard UInt(current) & noRandomize == 0 || !hashingFixed else { return }
        guard personality(UInt(current) | noRandomize) != -1 else { return }
        setenv("SWIFT_DETERMINISTIC_HASHING", "1", 1)
        let args = [programName] + CommandLine.arguments.dropFirst()
        let cArgs = args.map { strdup($0) } + [nil]
        execv("/proc/self/exe", cArgs)
        // execv returns only on failure: carry on as we were.
        _ = personality(UInt(current))
        #endif
    }

    /// Graphviz's own command-line program: `dot -K E -T F` (cairo for png/pdf).
    public static func graphvizCommand(executable: URL = URL(fileURLWithPath: "/usr/bin/dot")) -> LayoutWorker {
        LayoutWorker(executable: executable) { engine, format in
            ["-K\(engine.rawValue)", "-T\(format.graphvizRendererName)"]
        }
    }
}

/// The line a PartnerGraph worker writes last on standard error: a marker and
/// a JSON ``WorkerReport``.
let workerReportMarker = "partnergraph-layout-worker-report: "

/// What a worker reports to its parent besides the output bytes.
struct WorkerReport: Codable {
    var warnings: [String]
    var error: GraphvizError?
}

/// Collects bytes read on another thread; read only after the reader finished.
private final class ReadBuffer: @unchecked Sendable {
    var data = Data()
}

extension GraphvizRenderer {
    /// Runs one render in a fresh worker process and kills it when `timeout`
    /// passes.
    static func renderInWorker(
        dot: String, engine: LayoutEngine, format: OutputFormat,
        worker: LayoutWorker, timeout: Double?
    ) throws(GraphvizError) -> GraphvizOutput {
        let fileManager = FileManager.default
        let inputURL = fileManager.temporaryDirectory
            .appendingPathComponent("partnergraph-layout-\(UUID().uuidString).dot")
        // The DOT goes through a file, not a pipe, so a worker that dies early
        // cannot raise SIGPIPE in this process.
        guard fileManager.createFile(atPath: inputURL.path, contents: Data(dot.utf8)) else {
            throw .workerUnavailable(path: worker.executable.path, reason: "cannot write a temporary input file in \(fileManager.temporaryDirectory.path)")
        }
        defer { try? fileManager.removeItem(at: inputURL) }
        let input: FileHandle
        do {
            input = try FileHandle(forReadingFrom: inputURL)
        } catch {
            throw .workerUnavailable(path: worker.executable.path, reason: "cannot open the temporary input file: \(error.localizedDescription)")
        }
        defer { try? input.close() }

        let process = Process()
        process.executableURL = worker.executable
        process.arguments = worker.arguments(engine, format)
        if !worker.environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(worker.environment) { _, new in new }
        }
        let outputPipe = Pipe()
        let errorPipe = Pipe()
        process.standardInput = input
        process.standardOutput = outputPipe
        process.standardError = errorPipe
        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }

        do {
            try process.run()
        } catch {
            throw .workerUnavailable(path: worker.executable.path, reason: error.localizedDescription)
        }

        let readers = DispatchGroup()
        let output = ReadBuffer()
        let errors = ReadBuffer()
        let outputReader = outputPipe.fileHandleForReading
        let errorReader = errorPipe.fileHandleForReading
        DispatchQueue.global().async(group: readers) {
            output.data = outputReader.readDataToEndOfFile()
        }
        DispatchQueue.global().async(group: readers) {
            errors.data = errorReader.readDataToEndOfFile()
        }

        var timedOut = false
        if let timeout {
            if exited.wait(timeout: .now() + timeout) == .timedOut {
                timedOut = true
                kill(process.processIdentifier, SIGKILL)
                exited.wait()
            }
        } else {
            exited.wait()
        }
        readers.wait()
        try? outputReader.close()
        try? errorReader.close()
        if timedOut {
            throw .timeout(seconds: timeout ?? 0)
        }

        let status = process.terminationStatus
        let errorText = String(decoding: errors.data, as: UTF8.self)
        var reportLine: Substring?
        var otherLines: [Substring] = []
        for line in errorText.split(separator: "\n", omittingEmptySubsequences: true) {
            if line.hasPrefix(workerReportMarker) {
                reportLine = line.dropFirst(workerReportMarker.count)
            } else {
                otherLines.append(line)
            }
        }
        if let reportLine,
           let report = try? JSONDecoder().decode(WorkerReport.self, from: Data(reportLine.utf8)) {
            if let error = report.error { throw error }
            if process.terminationReason == .exit && status == 0 {
                return GraphvizOutput(bytes: [UInt8](output.data), warnings: report.warnings)
            }
        }
        let otherText = otherLines.joined(separator: "\n")
        guard process.terminationReason == .exit && status == 0 else {
            let signal = process.terminationReason == .uncaughtSignal ? " (killed by signal \(status))" : ""
            throw .workerFailed(status: status, message: otherText + signal)
        }
        // A worker without a report (for example Graphviz's `dot`): its
        // standard error holds Graphviz's plain messages.
        let diagnostics = Libgvc.parseDiagnostics(otherText)
        let errorMessages = diagnostics.filter { $0.level == .error }.map(\.text)
        if !errorMessages.isEmpty {
            throw .workerFailed(status: status, message: errorMessages.joined(separator: "\n"))
        }
        return GraphvizOutput(bytes: [UInt8](output.data), warnings: diagnostics.map(\.text))
    }
}
