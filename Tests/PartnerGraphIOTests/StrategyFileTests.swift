import Foundation
import PartnerGraph
import Testing
@testable import PartnerGraphIO

@Suite("Strategy files")
struct StrategyFileTests {
    static let network = PartnerNetwork(
        focal: "unesco",
        partners: [
            Partner(id: "unesco", name: "UNESCO", kind: "un-specialized-agency"),
            Partner(id: "ohchr", name: "OHCHR", kind: "un-office"),
            Partner(id: "ngos", name: "NGOs", kind: "ngo"),
        ])

    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    func parse(_ text: String, dir: String = ".") throws(GraphFileError) -> Strategy {
        try StrategyFile.parse(text, path: "s.yaml", baseDirectory: dir, network: Self.network)
    }

    /// The diagnostics' headlines for a bad strategy.
    func headlines(_ text: String, dir: String = ".") -> [String] {
        do {
            _ = try parse(text, dir: dir)
            return []
        } catch {
            return error.diagnostics.map(\.headline)
        }
    }

    @Test func emptyMappingGivesTheDocumentedDefaults() throws {
        let s = try parse("focal: unesco\n")
        #expect(s.focal == "unesco")
        #expect(s.cadences == ["liaison": Lookback(years: 2)])
        #expect(s.horizon == Lookback(months: 12))
        #expect(s.agreementTypes == ["agreement"])
        #expect(s.kinds == Set(GapKind.allCases))
        #expect(s.top == 10)
        #expect(s.categories.isEmpty && s.partners.isEmpty && s.categoryPairs.isEmpty && s.themes.isEmpty)
        #expect(s == { var d = Strategy(); d.focal = "unesco"; return d }())
    }

    @Test func everyFieldIsRead() throws {
        let s = try parse("""
            title: T
            focal: unesco
            categories:
              - ngo
              - {kind: un-office, min: 2, severity: low}
            partners:
              - ohchr
              - {id: undp, name: UNDP, kind: un-programme, severity: high}
            cadence: {liaison: 18m, agreement: 3y}
            horizon: 6m
            agreementTypes: [agreement]
            categoryPairs: [[ngo, un-office], [un-programme, ngo]]
            themes: [monitoring]
            severities: {bridge-tie: medium}
            kinds: [bridge-tie, missing-link]
            top: 3
            """)
        #expect(s.title == "T")
        #expect(s.categories == [ExpectedCategory(kind: "ngo"), ExpectedCategory(kind: "un-office", minimum: 2, severity: .low)])
        #expect(s.partners == [ExpectedPartner(id: "ohchr"), ExpectedPartner(id: "undp", name: "UNDP", kind: "un-programme", severity: .high)])
        #expect(s.cadences == ["liaison": Lookback(months: 18), "agreement": Lookback(years: 3)])
        #expect(s.horizon == Lookback(months: 6))
        #expect(s.categoryPairs == [CategoryPair("ngo", "un-office"), CategoryPair("un-programme", "ngo")])
        #expect(s.themes == ["monitoring"])
        #expect(s.severity(of: .bridgeTie) == .medium && s.severity(of: .missingLink) == .low)
        #expect(s.kinds == [.bridgeTie, .missingLink])
        #expect(s.top == 3)
    }

    @Test func unknownKeyWithDidYouMean() {
        #expect(headlines("focal: unesco\ncadense: {liaison: 2y}\n")
                == ["s.yaml:2:1: error: unknown strategy field 'cadense' (did you mean 'cadence'?)"])
        #expect(headlines("categories:\n  - {kind: ngo, mni: 2}\n")
                == ["s.yaml:2:17: error: unknown category field 'mni' (did you mean 'min'?)"])
    }

    @Test func badCadenceAndHorizon() {
        #expect(headlines("cadence:\n  liaison: two years\n") == ["s.yaml:2:12: error: invalid cadence for 'liaison' 'two years'"])
        #expect(headlines("cadence:\n  liasion: 2y\n")
                == ["s.yaml:2:3: error: unknown tie type 'liasion' in 'cadence' (did you mean 'liaison'?)"])
        #expect(headlines("horizon: 12 months\n") == ["s.yaml:1:10: error: invalid horizon '12 months'"])
    }

    @Test func unknownKindPartnerFocalAndGapKind() {
        let h = headlines("""
            focal: unesko
            categories: [ngos]
            partners: [ohcr]
            categoryPairs: [[ngo, un-ofice]]
            severities: {bridge-ties: high, missing-link: urgent}
            kinds: [lapsed-agreements]
            """)
        #expect(h == [
            "s.yaml:1:8: error: unknown focal partner 'unesko' (did you mean 'unesco'?)",
            "s.yaml:2:14: error: unknown partner kind 'ngos' (did you mean 'ngo'?)",
            "s.yaml:3:12: error: unknown partner 'ohcr' (did you mean 'ohchr'?)",
            "s.yaml:4:23: error: unknown partner kind 'un-ofice' (did you mean 'un-office'?)",
            "s.yaml:5:14: error: unknown gap kind 'bridge-ties' (did you mean 'bridge-tie'?)",
            "s.yaml:5:47: error: unknown severity 'urgent'",
            "s.yaml:6:9: error: unknown gap kind 'lapsed-agreements' (did you mean 'lapsed-agreement'?)",
        ])
    }

    @Test func syntaxErrorsAndWrongShapes() {
        #expect(headlines("focal: [unesco\n").first?.contains("YAML syntax error") == true)
        #expect(headlines("- focal\n") == ["s.yaml:1:1: error: the top level of a strategy must be a mapping"])
        #expect(headlines("categories: ngo\n") == ["s.yaml:1:13: error: 'categories' must be a list"])
        #expect(headlines("categoryPairs: [[ngo]]\n") == ["s.yaml:1:17: error: each category pair must be a list of two kinds"])
        #expect(headlines("top: many\n") == ["s.yaml:1:6: error: 'top' must be a whole number of suggested links"])
    }

    @Test func rosterIsReadRelativeToTheStrategyFile() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pg-strategy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("rosters"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try "id,name,kind\nfin,Finland,member-state\nswe,Sweden,member-state\nohchr,OHCHR,un-office\n"
            .write(to: dir.appendingPathComponent("rosters/states.csv"), atomically: true, encoding: .utf8)
        let path = dir.appendingPathComponent("s.yaml").path
        try "focal: unesco\npartners: [ohchr]\nroster: rosters/states.csv\ncategories: [member-state]\n"
            .write(toFile: path, atomically: true, encoding: .utf8)
        let s = try StrategyFile.load(path: path, network: Self.network)
        // Inline entries first; the roster's ohchr row repeats an inline id.
        #expect(s.partners.map(\.id) == ["ohchr", "fin", "swe"])
        #expect(s.partners[1] == ExpectedPartner(id: "fin", name: "Finland", kind: "member-state"))
        #expect(s.rosters == ["rosters/states.csv"])
        #expect(s.categories == [ExpectedCategory(kind: "member-state")])  // a roster kind is a known kind
    }

    @Test func rosterProblemsAreReportedWithPositions() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pg-strategy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try "id,name,knd\nfin,Finland,member-state\n".write(to: dir.appendingPathComponent("a.csv"), atomically: true, encoding: .utf8)
        try "id,name,kind\nfin,Finland,member-state\nfin,Finland,member-state\n,Nowhere,member-state\n"
            .write(to: dir.appendingPathComponent("b.csv"), atomically: true, encoding: .utf8)
        let a = dir.appendingPathComponent("a.csv").path, b = dir.appendingPathComponent("b.csv").path
        #expect(headlines("roster: a.csv\n", dir: dir.path) == ["\(a):1:1: error: missing required column 'kind' (did you mean 'knd'?)"])
        #expect(headlines("roster: b.csv\n", dir: dir.path) == [
            "\(b):3:1: error: duplicate roster id 'fin' (first at line 2)",
            "\(b):4:1: error: empty 'id' cell",
        ])
        #expect(headlines("roster: missing.csv\n", dir: dir.path) == ["s.yaml:1:9: error: cannot read roster 'missing.csv': No such file or directory"])
    }

    @Test func seedStrategyLoadsAgainstTheSeedGraph() throws {
        let graph = try GraphFile.load(path: Self.root.appendingPathComponent("Graphs/unesco-human-rights.yaml").path)
        let s = try StrategyFile.load(path: Self.root.appendingPathComponent("Graphs/unesco-human-rights.strategy.yaml").path, network: graph)
        #expect(s.focal == "unesco")
        #expect(s.categories.first == ExpectedCategory(kind: "member-state", severity: .high))
        #expect(s.partners.map(\.id) == ["ohchr", "ilo", "cescr", "abo-ihr"])
        #expect(s.cadences == ["liaison": Lookback(years: 2)])
        #expect(s.horizon == Lookback(months: 12))
    }
}

/// The published schema (`Schemas/strategy.schema.json`) accepts the seed
/// strategy and rejects bad spans and gap kinds, checked with Python's
/// `jsonschema` (skipped when it is not installed).
enum StrategySchemaPython {
    static let available: Bool = {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", "import jsonschema, yaml"]
        p.standardError = FileHandle.nullDevice
        guard (try? p.run()) != nil else { return false }
        p.waitUntilExit()
        return p.terminationStatus == 0
    }()
}

@Suite(.enabled(if: StrategySchemaPython.available, "python3 with jsonschema and yaml is not available"))
struct StrategySchemaTests {
    @Test func seedStrategyValidatesAndBadValuesDoNot() throws {
        let root = StrategyFileTests.root.path
        let script = """
        import json, yaml, jsonschema, sys
        s = json.load(open('\(root)/Schemas/strategy.schema.json'))
        jsonschema.Draft202012Validator.check_schema(s)
        v = jsonschema.Draft202012Validator(s)
        seed = yaml.safe_load(open('\(root)/Graphs/unesco-human-rights.strategy.yaml'))
        print(len(list(v.iter_errors(seed))))
        print(len(list(v.iter_errors({'cadence': {'liaison': 'often'}, 'kinds': ['bridge-ties'], 'top': -1, 'cadense': 1}))))
        """
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", script]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(text == "0\n4\n")
    }
}
