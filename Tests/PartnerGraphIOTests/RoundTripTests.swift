import Foundation
import Testing
import PartnerGraph
@testable import PartnerGraphIO

/// load → save → load must give the same network, in every format.
@Suite struct RoundTripTests {
    static let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    static func tricky() -> PartnerNetwork {
        PartnerNetwork(
            title: "Tricky: quotes \" backslash \\ and ünïcode",
            focal: "0",
            description: "line one\nline two",
            settings: GraphSettings(tieTypes: [TieTypeSetting(name: "funding", weight: 2.5, lookback: Lookback(years: 1, months: 6), isEvent: false, description: "money"),
                                               TieTypeSetting(name: "joint-activity", lookback: Lookback(years: 5))]),
            attributes: ["version": .integer(3), "ratio": .number(0.25), "flag": .bool(true), "tags": .list([.string("a"), .string("b")]),
                         "nested": .map(["k": .string("v"), "n": .integer(-2)]), "date-like": .string("2003")],
            partners: [
                Partner(id: "0", name: "Zero", kind: "state"),
                Partner(id: "Evelyn Jefferson", name: "Evelyn, \"Eve\" Jefferson", kind: "person", aliases: ["EJ", "Eve"], region: "South",
                        themes: ["a", "b c"], url: "https://example.org/?a=1&b=2", attributes: ["note": .string("yes"), "n": .string("true")]),
                Partner(id: "Åbo-IHR", name: "Institute for Human Rights, Åbo Akademi", kind: "research-institute"),
                Partner(id: "Mme.Hucheloup", name: "Mme. Hucheloup", kind: "person", attributes: ["nul": .string("null")]),
            ],
            ties: [
                Tie(id: "t1", type: "agreement", source: "0", target: "Åbo-IHR", start: PartialDate("2003"), end: PartialDate("2009-08"), label: "MoU, signed", weight: 4.5,
                    themes: ["human-rights"], provenance: "seed p. 1", status: "signed", note: "no day given"),
                Tie(type: "joint-activity", source: "Åbo-IHR", target: "Evelyn Jefferson", isDirected: true, start: PartialDate("2009-08-17"), end: PartialDate("2009-08-28")),
                Tie(type: "funding", source: "0", target: "Mme.Hucheloup", attributes: ["amount": .number(1.5e6), "yes": .string("yes")]),
                Tie(type: "liaison", source: "0", target: "Åbo-IHR"),
            ])
    }

    func tempDir() -> String {
        let d = FileManager.default.temporaryDirectory.appendingPathComponent("pg-rt-\(UUID().uuidString)").path
        try! FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true)
        return d
    }

    @Test(arguments: ["graph.yaml", "graph.json"])
    func documentFormatsRoundTrip(_ name: String) throws {
        let net = Self.tricky()
        let path = tempDir() + "/" + name
        try GraphFile.save(net, to: path)
        let back = try GraphFile.load(path: path)
        #expect(back == net)
        // Saving what was loaded gives the same bytes.
        let path2 = tempDir() + "/" + name
        try GraphFile.save(back, to: path2)
        #expect(FileManager.default.contents(atPath: path) == FileManager.default.contents(atPath: path2))
    }

    @Test func csvPairRoundTripsWhatCSVCanHold() throws {
        var net = Self.tricky()
        // Partner and tie attributes become text in CSV cells; graph metadata,
        // settings (declared types) and typed graph attributes travel in graph.yaml.
        for i in net.partners.indices {
            var p = net.partners[i]
            p.attributes = p.attributes.mapValues { .string($0.description) }
            net.replacePartner(at: i, with: p)
        }
        for i in net.ties.indices { net.ties[i].attributes = net.ties[i].attributes.mapValues { .string($0.description) } }
        let dir = tempDir() + "/pair"
        try GraphFile.save(net, to: dir)
        #expect(FileManager.default.fileExists(atPath: dir + "/graph.yaml"))
        let back = try GraphFile.load(path: dir)
        #expect(back == net)
        let back2 = try GraphFile.load(path: dir + "/ties.csv")
        #expect(back2 == net)
        // Without metadata no graph.yaml is written, and a stale one is removed.
        let bare = PartnerNetwork(partners: net.partners, ties: net.ties.filter { $0.type != "funding" })
        try GraphFile.save(bare, to: dir)
        #expect(!FileManager.default.fileExists(atPath: dir + "/graph.yaml"))
        #expect(try GraphFile.load(path: dir) == bare)
    }

    @Test func csvPairMetadataErrorsPointIntoGraphYAML() throws {
        let dir = tempDir()
        try "id,name,kind\na,A,k\nb,B,k\n".write(toFile: dir + "/partners.csv", atomically: true, encoding: .utf8)
        try "source,target,type,start,end\na,b,funding,2001,\n".write(toFile: dir + "/ties.csv", atomically: true, encoding: .utf8)
        try "title: T\nfocal: c\npartners: []\n".write(toFile: dir + "/graph.yaml", atomically: true, encoding: .utf8)
        do {
            _ = try GraphFile.load(path: dir)
            Issue.record("loaded a pair with errors")
        } catch {
            let lines = error.diagnostics.map(\.headline)
            #expect(lines.contains("\(dir)/graph.yaml:2:8: error: unknown focal partner 'c'"))
            #expect(lines.contains("\(dir)/graph.yaml:3:1: error: 'partners' does not belong in the metadata file of a CSV pair"))
            #expect(lines.contains("\(dir)/ties.csv:2:5: error: unknown tie type 'funding'"))
        }
    }

    @Test func seedGraphRoundTripsThroughEveryFormat() throws {
        let seed = try GraphFile.load(path: Self.repoRoot + "/Graphs/unesco-human-rights.yaml")
        #expect(seed.partners.count >= 15)
        for name in ["a.yaml", "a.json"] {
            let p = tempDir() + "/" + name
            try GraphFile.save(seed, to: p)
            #expect(try GraphFile.load(path: p) == seed)
        }
    }

    @Test func jsonAndYAMLHoldTheSameDocument() throws {
        let net = Self.tricky()
        let fromJSON = try GraphFile.parse(GraphFile.text(of: net, format: .json), format: .json)
        let fromYAML = try GraphFile.parse(GraphFile.text(of: net, format: .yaml), format: .yaml)
        #expect(fromJSON == fromYAML)
    }

    @Test("A CSV pair is saved as one step: when one file cannot be written, the old pair stays whole",
          arguments: ["temporary", "target"])
    func csvPairSaveIsAllOrNothing(blocked: String) throws {
        let dir = tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Data("old partners\n".utf8).write(to: URL(fileURLWithPath: dir + "/partners.csv"))
        if blocked == "temporary" {
            // A directory where ties.csv's temporary file would go: its write fails.
            try FileManager.default.createDirectory(
                atPath: dir + "/.ties.csv.\(ProcessInfo.processInfo.processIdentifier).tmp", withIntermediateDirectories: false)
        } else {
            // A directory named ties.csv: the rename onto it would fail.
            try FileManager.default.createDirectory(atPath: dir + "/ties.csv", withIntermediateDirectories: false)
        }
        #expect(throws: GraphFileError.self) { try GraphFile.save(Self.tricky(), to: dir) }
        #expect(try String(contentsOfFile: dir + "/partners.csv", encoding: .utf8) == "old partners\n")
        let left = try FileManager.default.contentsOfDirectory(atPath: dir).sorted()
        let expected = blocked == "temporary"
            ? [".ties.csv.\(ProcessInfo.processInfo.processIdentifier).tmp", "partners.csv"] : ["partners.csv", "ties.csv"]
        #expect(left == expected, "no temporary file may be left behind")
    }

    @Test func failedSaveWritesNothing() throws {
        let dir = tempDir()
        let path = dir + "/missing-subdir/graph.yaml"
        #expect(throws: GraphFileError.self) { try GraphFile.save(Self.tricky(), to: path) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).isEmpty)
    }
}
