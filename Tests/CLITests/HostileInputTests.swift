import Foundation
import Testing

/// Every file in `Tests/CLITests/Hostile/` has a `.expected` file listing the
/// exact diagnostic lines `partnergraph validate` must print for it (written
/// by hand from the file's contents: line, column and message).
@Suite struct HostileInputTests {
    static var cases: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: CLIRunner.hostileDir.path)) ?? []
        return names.filter { !$0.hasSuffix(".expected") }.sorted()
    }

    @Test func corpusIsLargeEnough() {
        #expect(Self.cases.count >= 30)
    }

    @Test(arguments: cases)
    func diagnosticIsExact(_ name: String) throws {
        let stem = name.split(separator: ".").first.map(String.init) ?? name
        let expectedURL = CLIRunner.hostileDir.appendingPathComponent(stem + ".expected")
        let expected = try String(contentsOf: expectedURL, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(!expected.isEmpty, "\(stem).expected is empty")
        let inputURL = CLIRunner.hostileDir.appendingPathComponent(name)
        let before = try snapshot(inputURL)
        let r = try CLIRunner.run(["validate", name], in: CLIRunner.hostileDir)
        #expect(r.status == 1, "\(name): exit \(r.status)")
        #expect(r.stdout.isEmpty, "\(name): printed to stdout: \(r.stdout)")
        let headlines = r.stderr.split(separator: "\n").map(String.init).filter { !$0.hasPrefix("    hint:") && !$0.hasSuffix(" errors") }
        #expect(headlines == expected, "\(name)")
        // Every diagnostic comes with a hint line.
        #expect(r.stderr.components(separatedBy: "\n    hint: ").count - 1 == expected.count, "\(name): a diagnostic lacks a hint")
        // The input is never modified.
        #expect(try snapshot(inputURL) == before)
    }

    private func snapshot(_ url: URL) throws -> [String: Data] {
        var isDir: ObjCBool = false
        _ = FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir)
        if !isDir.boolValue { return [url.lastPathComponent: try Data(contentsOf: url)] }
        var out: [String: Data] = [:]
        for f in try FileManager.default.contentsOfDirectory(atPath: url.path) {
            out[f] = try Data(contentsOf: url.appendingPathComponent(f))
        }
        return out
    }
}
