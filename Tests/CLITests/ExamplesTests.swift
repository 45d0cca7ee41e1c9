import Foundation
import Testing

/// The analyst scripts in Examples/ are built by `swift test` (they are targets
/// of the package); these tests also run them, so their output cannot rot.
@Suite struct ExamplesTests {
    static func run(_ name: String, _ args: [String]) throws -> (Int32, String) {
        let exe = CLIRunner.binary.deletingLastPathComponent().appendingPathComponent(name)
        let p = Process()
        p.executableURL = exe
        p.arguments = args
        p.currentDirectoryURL = CLIRunner.repoRoot
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test func gapCheckSummarisesTheSeedStrategy() throws {
        let (status, out) = try Self.run("GapCheck", ["Graphs/unesco-human-rights.yaml", "Graphs/unesco-human-rights.strategy.yaml", "2016-11-01"])
        #expect(status == 0)  // no high-severity gap in the seed graph
        // Åbo Akademi's only tie, the 2009 course, is outside the 3-year lookback in November 2016.
        #expect(out.contains("- uncovered-partner (1): e.g. Re-engage abo-ihr"))
        #expect(out.contains("Expected categories with a current tie: 13 of 13"))
    }

    @Test func yearlyCentralityRuns() throws {
        let (status, out) = try Self.run("YearlyCentrality", ["Graphs/illustrative-partnerships.yaml", "2005", "2016"])
        #expect(status == 0)
        #expect(out.hasPrefix("Betweenness, 31 December 2005 → 2016"))
    }

    @Test func egoDiagramWritesAnSVG() throws {
        let out = CLIRunner.tempDir().appendingPathComponent("ego.svg").path
        let (status, text) = try Self.run("EgoDiagram", ["Graphs/unesco-human-rights.yaml", "unesco", "2016-11-01", out])
        #expect(status == 0)
        // UNESCO and its 15 current counterparts (the 2009 course has lapsed).
        #expect(text == "wrote \(out): 16 partners around unesco as of 2016-11-01\n")
        let svg = try String(contentsOfFile: out, encoding: .utf8)
        #expect(svg.contains("role=\"img\""))
    }
}
