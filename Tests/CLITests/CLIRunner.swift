import Foundation

/// Runs the built `partnergraph` binary and captures what a user would see.
enum CLIRunner {
    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    static let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static let hostileDir = repoRoot.appendingPathComponent("Tests/CLITests/Hostile")

    /// The binary next to the test bundle (SwiftPM builds it because the test
    /// target depends on it), or `PARTNERGRAPH_BIN`.
    static var binary: URL {
        if let env = ProcessInfo.processInfo.environment["PARTNERGRAPH_BIN"] { return URL(fileURLWithPath: env) }
        var candidates: [URL] = []
        let exe = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        candidates.append(exe.deletingLastPathComponent().appendingPathComponent("partnergraph"))
        candidates.append(Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("partnergraph"))
        candidates.append(repoRoot.appendingPathComponent(".build/debug/partnergraph"))
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0]
    }

    static func run(_ arguments: [String], in directory: URL? = nil, stdin: Data? = nil) throws -> Result {
        try execute(binary, arguments, in: directory, stdin: stdin)
    }

    /// Where a child's standard output goes: a pipe read to the end, a file
    /// (`/dev/full`), or a pipe whose reading end is already closed (as after `| head -c 0`).
    enum Output {
        case captured, file(String), closedPipe
    }

    /// Runs `executable` and captures what a user would see; a death by
    /// signal is reported as 128 + the signal, as a shell does.
    static func execute(_ executable: URL, _ arguments: [String], in directory: URL? = nil, stdin: Data? = nil,
                        stdout: Output = .captured) throws -> Result {
        let p = Process()
        p.executableURL = executable
        p.arguments = arguments
        p.currentDirectoryURL = directory ?? repoRoot
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        p.environment = env
        let out = Pipe(), err = Pipe()
        var sink: FileHandle?
        switch stdout {
        case .captured: p.standardOutput = out
        case .file(let path):
            guard let handle = FileHandle(forWritingAtPath: path) else { throw CocoaError(.fileNoSuchFile) }
            sink = handle
            p.standardOutput = handle
        case .closedPipe:
            try out.fileHandleForReading.close()
            p.standardOutput = out
        }
        p.standardError = err
        if let stdin {
            let inPipe = Pipe()
            p.standardInput = inPipe
            try p.run()
            inPipe.fileHandleForWriting.write(stdin)
            try inPipe.fileHandleForWriting.close()
        } else {
            p.standardInput = FileHandle.nullDevice
            try p.run()
        }
        // Read both pipes concurrently so a large output cannot block the child.
        nonisolated(unsafe) var errData = Data()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            errData = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        var outData = Data()
        if case .captured = stdout { outData = out.fileHandleForReading.readDataToEndOfFile() }
        group.wait()
        p.waitUntilExit()
        try sink?.close()
        let status = p.terminationReason == .uncaughtSignal ? 128 + p.terminationStatus : p.terminationStatus
        return Result(status: status, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }

    /// Runs a shell command line (for the real clients: python3, dot, strace, mount).
    static func shell(_ command: String) throws -> Result {
        try execute(URL(fileURLWithPath: "/bin/sh"), ["-c", command])
    }

    /// Whether `python3 -c "import networkx"` succeeds; tests that need NetworkX skip otherwise.
    static let hasNetworkX: Bool = (try? shell("python3 -c 'import networkx'"))?.status == 0

    /// Whether NetworkX's `pagerank`, which runs on SciPy, can be called.
    static let hasNetworkXPageRank: Bool = hasNetworkX && (try? shell("python3 -c 'import scipy'"))?.status == 0

    /// Runs a Python script (its text) with arguments.
    static func python(_ script: String, _ arguments: [String] = []) throws -> Result {
        try execute(URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-c", script] + arguments)
    }

    static func tempDir() -> URL {
        let d = FileManager.default.temporaryDirectory.appendingPathComponent("pg-cli-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: d, withIntermediateDirectories: true)
        return d
    }
}
