import Foundation
import Testing

/// `Examples/Consumer` depends on this package by path and uses its library
/// products with no flags of its own: it builds, links and runs (a package
/// with `unsafeFlags` could not be used this way as a remote dependency, so
/// Package.swift has none).
@Suite struct ConsumerPackageTests {
    @Test func consumerBuildsAndRuns() throws {
        let manifest = try String(contentsOf: CLIRunner.repoRoot.appendingPathComponent("Package.swift"), encoding: .utf8)
        #expect(!manifest.contains("unsafeFlags("))
        #expect(manifest.contains("platforms:"))
        let scratch = CLIRunner.tempDir()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let root = CLIRunner.repoRoot.path
        let build = try CLIRunner.shell("cd '\(root)' && swift build --package-path Examples/Consumer --scratch-path '\(scratch.path)' 2>&1")
        #expect(build.status == 0, "\(build.stdout)")
        let run = try CLIRunner.shell("cd '\(root)' && '\(scratch.path)/debug/Consumer' Graphs/unesco-human-rights.yaml 2016-11-01")
        #expect(run.status == 0, "\(run.stderr)")
        // The seed graph is a star on 1 November 2016: UNESCO and its 15 current partners.
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.first == "unesco\t15")
        #expect(lines.count == 16)
        #expect(lines.dropFirst().allSatisfy { $0.hasSuffix("\t1") })
    }
}
