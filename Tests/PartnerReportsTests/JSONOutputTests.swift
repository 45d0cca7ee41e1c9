import FigureStyle
import Foundation
import PartnerAnalysis
import PartnerGraph
import PartnerGraphIO
import PartnerReports
import Testing

/// The JSON encoder helper shared by every `--format json` output:
/// non-finite numbers as null, sorted keys, exact numbers and strings.
@Suite struct JSONOutputTests {
    struct Numbers: Encodable {
        var values: [Double?]
        var one: Double?
        enum CodingKeys: String, CodingKey { case values, one }
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            var u = c.nestedUnkeyedContainer(forKey: .values)
            for v in values { try u.encodeNumber(v) }
            try c.encodeNumber(one, forKey: .one)
        }
    }

    @Test("NaN, infinities and nil are null; -0 is 0")
    func nonFiniteIsNull() throws {
        let text = try JSONOutput.text(Numbers(values: [.nan, .infinity, -.infinity, nil, -0.0, 1.5], one: .nan))
        #expect(text == "{\n  \"one\" : null,\n  \"values\" : [\n    null,\n    null,\n    null,\n    null,\n    0,\n    1.5\n  ]\n}\n")
    }

    @Test("JSONEncoder itself refuses NaN (so every Double goes through encodeNumber)")
    func rawNaNThrows() {
        #expect(throws: EncodingError.self) { try JSONOutput.text([Double.nan]) }
    }

    @Test("keys are sorted at every level, slashes are not escaped, the text ends with one newline")
    func sortedKeys() throws {
        struct Inner: Encodable { var b = 1; var a = "x/y" }
        struct Outer: Encodable { var zeta = Inner(); var alpha = [Inner()]; var mid: [String: Int] = ["b": 2, "a": 1, "c": 3] }
        let text = try JSONOutput.text(Outer())
        #expect(text == """
            {
              "alpha" : [
                {
                  "a" : "x/y",
                  "b" : 1
                }
              ],
              "mid" : {
                "a" : 1,
                "b" : 2,
                "c" : 3
              },
              "zeta" : {
                "a" : "x/y",
                "b" : 1
              }
            }

            """)
    }

    @Test("empty arrays and objects are [] and {}")
    func emptyContainers() throws {
        struct E: Encodable { var a: [Int] = []; var o: [String: Int] = [:]; var s = "[\n\n]" }
        #expect(try JSONOutput.text(E()) == "{\n  \"a\" : [],\n  \"o\" : {},\n  \"s\" : \"[\\n\\n]\"\n}\n")
    }

    /// Hand-known shortest round-trip texts.
    @Test("numbers in their shortest round-trip form", arguments: [
        (0.1, "0.1"), (1e-7, "1e-07"), (0.2676181759885394, "0.2676181759885394"), (3.0, "3"), (-2.5, "-2.5"),
        (1e21, "1e+21"), (Double.leastNonzeroMagnitude, "5e-324"), (0.30000000000000004, "0.30000000000000004"), (1.7976931348623157e308, "1.7976931348623157e+308"),
    ])
    func exactNumbers(_ value: Double, _ text: String) throws {
        #expect(try JSONOutput.text(Numbers(values: [], one: value)) == "{\n  \"one\" : \(text),\n  \"values\" : []\n}\n")
    }

    /// What Python's `json.loads` reads back: the same doubles (compared by
    /// their `repr`, the shortest round-trip text) and the same strings.
    @Test("Python's json.loads reads back the same numbers and strings",
          .enabled(if: JSONOutputTests.hasPython, "python3 is not available"))
    func pythonReadsBack() throws {
        let values: [Double] = [0.1, 1e-7, 0.2676181759885394, 1 / 3, 2.0 / 3, 1e21, Double.leastNonzeroMagnitude, 123456789.123456789, -0.000123, 0.035698198197975914]
        let strings = ["a\u{1}b\u{1F}", "tab\there\nnew line\r", "del\u{7F} c1\u{85}\u{9F}", "bidi\u{202E}txt\u{2066}", "line\u{2028}para\u{2029}",
                       "emoji 😀👩‍👩‍👧", "quote \" back \\ slash /", "nul\u{0}"]
        struct Doc: Encodable {
            var numbers: [Double]
            var strings: [String]
            enum CodingKeys: String, CodingKey { case numbers, strings }
            func encode(to encoder: any Encoder) throws {
                var c = encoder.container(keyedBy: CodingKeys.self)
                var u = c.nestedUnkeyedContainer(forKey: .numbers)
                for v in numbers { try u.encodeNumber(v) }
                try c.encode(strings, forKey: .strings)
            }
        }
        let text = try JSONOutput.text(Doc(numbers: values, strings: strings))
        // No raw C0 (but newline), DEL, C1 or line separator in the text.
        #expect(!text.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\n") || (0x7F...0x9F).contains($0.value) || $0.value == 0x2028 || $0.value == 0x2029 })
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pg-json-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("out.json")
        try Data(text.utf8).write(to: file)
        let script = """
            import json, sys
            d = json.loads(open(sys.argv[1], encoding='utf-8').read())
            print(json.dumps({'numbers': [repr(x) for x in d['numbers']], 'strings': [[ord(c) for c in s] for s in d['strings']]}))
            """
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", script, file.path]
        let pipe = Pipe()
        p.standardOutput = pipe
        try p.run()
        let out = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        struct Back: Decodable { var numbers: [String]; var strings: [[UInt32]] }
        let back = try JSONDecoder().decode(Back.self, from: out)
        // Python's repr is the shortest round-trip text too: the same double.
        #expect(back.numbers.map { Double($0) } == values.map { Optional($0) })
        #expect(back.strings == strings.map { $0.unicodeScalars.map(\.value) })
    }

    static let hasPython: Bool = {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", "import json"]
        guard (try? p.run()) != nil else { return false }
        p.waitUntilExit()
        return p.terminationStatus == 0
    }()

    @Test("JSONDecoder reads back the exact strings, controls and all")
    func swiftReadsBack() throws {
        let strings = ["a\u{1}\u{7F}\u{85}\u{202E}\u{2028}😀\"\\/"]
        let text = try JSONOutput.text(strings)
        #expect(text.contains("\\u007f") && text.contains("\\u0085") && text.contains("\\u2028") && text.contains("\\u0001"))
        #expect(text.contains("\u{202E}\\u2028😀"))  // bidi and emoji as they are (JSON readers take them; no terminal escape)
        #expect(try JSONDecoder().decode([String].self, from: Data(text.utf8)) == strings)
    }

    @Test("analyze of an empty graph: modularity is null, an undefined measure null, the year left out of a snapshot")
    func analyzeOutputNulls() throws {
        let net = PartnerNetwork(partners: [Partner(id: "a", name: "A", kind: "x"), Partner(id: "b", name: "B", kind: "x")], ties: [])
        let projection = try Projection(network: net, asOf: Day(year: 2016, month: 1, day: 1)!, isolated: .inGraph)
        let r = try PartnerMeasures(projection: projection, measures: [.degree, .constraint, .community], kinds: ["x", "x"])
        #expect(r.modularity == nil)
        let settings = AnalyzeOutput.Settings(measures: ["degree", "constraint", "community"], sortBy: "id", top: nil, kinds: [],
                                              weighted: false, directed: false, normalizedBetweenness: true, samples: nil, seed: 1,
                                              lookback: nil, tolerance: 1e-12, isolated: "in-graph")
        let output = AnalyzeOutput(result: r, network: net, rows: [1, 0], settings: settings)
        let text = try JSONOutput.text(output)
        #expect(text.contains("\"modularity\" : null"))
        #expect(text.contains("\"constraint\" : null"))
        #expect(text.contains("\"degree\" : 0,"))
        #expect(!text.contains("\"year\""))
        #expect(text.contains("\"top\" : null"))
        let o = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect((o["partners"] as? [[String: Any]])?.map { $0["id"] as? String } == ["a", "b"])
        #expect(try JSONDecoder().decode(AnalyzeOutput.self, from: Data(text.utf8)) == output)
        // A NaN anywhere (a modularity, a measure) is written as null, not a crash.
        var broken = output
        broken.graph.modularity = .nan
        broken.partners[0].measures[.degree] = .some(.infinity)
        let brokenText = try JSONOutput.text(broken)
        #expect(brokenText.contains("\"modularity\" : null"))
        #expect(brokenText.contains("\"degree\" : null"))
        var yearly = output
        yearly.year = 2016
        #expect(try JSONOutput.text(yearly).contains("\"year\" : 2016"))
    }

    @Test("a diagnostic without a position writes null line, column and hint")
    func diagnosticNulls() throws {
        let v = FileValidation(path: "x.yaml", network: nil, diagnostics: [Diagnostic(path: "x.yaml", line: nil, column: nil, message: "gone")])
        let text = try JSONOutput.text([v])
        #expect(text.contains("\"line\" : null") && text.contains("\"column\" : null") && text.contains("\"hint\" : null"))
        #expect(!text.contains("\"partners\""))
        #expect(try JSONDecoder().decode([FileValidation].self, from: Data(text.utf8)) == [v])
    }

    struct Wrapped: Codable, Equatable {
        @JSONNumber var share: Double
        @JSONNumber var score: Double?
        @JSONNullable var label: String?
        var note: String?
    }

    @Test("@JSONNumber writes NaN, infinity and nil as null and -0 as 0; @JSONNullable always writes its key")
    func propertyWrappers() throws {
        let nan = try JSONOutput.text(Wrapped(share: .nan, score: nil, label: nil, note: nil))
        #expect(nan == "{\n  \"label\" : null,\n  \"score\" : null,\n  \"share\" : null\n}\n")
        let inf = try JSONOutput.text(Wrapped(share: -.infinity, score: -0.0, label: "a", note: "n"))
        #expect(inf == "{\n  \"label\" : \"a\",\n  \"note\" : \"n\",\n  \"score\" : 0,\n  \"share\" : null\n}\n")
        let exact = try JSONOutput.text(Wrapped(share: 0.1, score: 1e-7, label: nil, note: nil))
        #expect(exact.contains("\"score\" : 1e-07,\n  \"share\" : 0.1\n}"))
    }

    @Test("the wrappers read back: null or an absent key is nil (NaN for a plain Double)")
    func propertyWrappersDecode() throws {
        let back = try JSONDecoder().decode(Wrapped.self, from: Data("{\"share\": null, \"score\": 2.5}".utf8))
        #expect(back.share.isNaN && back.score == 2.5 && back.label == nil && back.note == nil)
        let v = Wrapped(share: 0.25, score: nil, label: "x", note: nil)
        #expect(try JSONDecoder().decode(Wrapped.self, from: Data(JSONOutput.text(v).utf8)) == v)
    }
}
