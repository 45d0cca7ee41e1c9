import Foundation
import Testing
import PartnerGraph
@testable import PartnerGraphIO

/// `python3` on `PATH` when it can import `jsonschema` (outside the suite, which
/// uses it in its own attribute).
enum SchemaValidatorPython {
    static let path: String? = {
        let searchPath = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in searchPath.split(separator: ":") {
            let candidate = "\(directory)/python3"
            guard FileManager.default.isExecutableFile(atPath: candidate) else { continue }
            let p = Process()
            p.executableURL = URL(fileURLWithPath: candidate)
            p.arguments = ["-c", "import jsonschema"]
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            guard (try? p.run()) != nil else { continue }
            p.waitUntilExit()
            return p.terminationStatus == 0 ? candidate : nil
        }
        return nil
    }()
}

/// The published JSON Schema (`Schemas/partnergraph.schema.json`) against the
/// reader and writer, checked by an independent validator: Python's
/// `jsonschema` package, run as a child process. Skipped when `python3` or
/// `jsonschema` is missing.
@Suite(
    "JSON Schema vs reader and writer",
    .enabled(if: SchemaValidatorPython.path != nil, "python3 with the jsonschema package is not available; schema tests skipped"))
struct SchemaTests {
    static let repoRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    static let schemaPath = repoRoot + "/Schemas/partnergraph.schema.json"

    /// Validates each document (name → JSON text) against the schema and
    /// checks the given strings against the schema's `partialDate` and
    /// `lookback` patterns, in one Python process. Returns the schema errors
    /// per document and whether each date and lookback string matched.
    static func runPython(documents: [String: String], dates: [String] = [], lookbacks: [String] = []) throws
        -> (errors: [String: [String]], dates: [Bool], lookbacks: [Bool]) {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("schema-tests-\(UInt64.random(in: 0...UInt64.max))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var files: [String: String] = [:]
        for (i, (name, text)) in documents.sorted(by: { $0.key < $1.key }).enumerated() {
            let url = directory.appendingPathComponent("doc\(i).json")
            try Data(text.utf8).write(to: url)
            files[name] = url.path
        }
        let job: [String: Any] = ["schema": schemaPath, "files": files, "dates": dates, "lookbacks": lookbacks]
        let jobURL = directory.appendingPathComponent("job.json")
        try JSONSerialization.data(withJSONObject: job).write(to: jobURL)

        // jsonschema checks `pattern` with re.search, as below.
        let script = """
            import json, re, sys
            import jsonschema
            job = json.load(open(sys.argv[1], encoding='utf-8'))
            schema = json.load(open(job['schema'], encoding='utf-8'))
            jsonschema.Draft202012Validator.check_schema(schema)
            validator = jsonschema.Draft202012Validator(schema)
            errors = {}
            for name, path in job['files'].items():
                doc = json.load(open(path, encoding='utf-8'))
                errors[name] = ['%s: %s' % ('/'.join(str(p) for p in e.absolute_path), e.message)
                                for e in validator.iter_errors(doc)]
            date = re.compile(schema['$defs']['partialDate']['pattern'])
            lookback = re.compile(schema['$defs']['lookback']['pattern'])
            json.dump({'errors': errors,
                       'dates': [date.search(s) is not None for s in job['dates']],
                       'lookbacks': [lookback.search(s) is not None for s in job['lookbacks']]}, sys.stdout)
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(SchemaValidatorPython.path))
        process.arguments = ["-c", script, jobURL.path]
        let output = Pipe(), errorOutput = Pipe()
        process.standardOutput = output
        process.standardError = errorOutput
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let errorText = String(decoding: errorOutput.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "python3 failed: \(errorText)")
        struct Result: Decodable {
            var errors: [String: [String]]
            var dates: [Bool]
            var lookbacks: [Bool]
        }
        let result = try JSONDecoder().decode(Result.self, from: data)
        return (result.errors, result.dates, result.lookbacks)
    }

    @Test("every graph in Graphs/, written as JSON by our writer, is valid against the schema")
    func graphsAreValid() throws {
        let graphsDirectory = Self.repoRoot + "/Graphs"
        let names = try FileManager.default.contentsOfDirectory(atPath: graphsDirectory)
            .filter { ["yaml", "yml", "json"].contains(($0 as NSString).pathExtension.lowercased()) }
            .filter { !$0.contains(".strategy.") }  // strategy files have their own schema
            .sorted()
        #expect(!names.isEmpty, "no graphs found in \(graphsDirectory)")
        var documents: [String: String] = [:]
        for name in names {
            let network = try GraphFile.load(path: graphsDirectory + "/" + name)
            documents[name] = try GraphFile.text(of: network, format: .json)
        }
        let result = try Self.runPython(documents: documents)
        for name in names {
            let errors = try #require(result.errors[name])
            #expect(errors.isEmpty, "\(name): \(errors.joined(separator: "; "))")
        }
    }

    /// Small documents the reader rejects; the schema must reject them too.
    static let invalid: [String: String] = [
        "partner missing kind": """
            {"partners": [{"id": "a", "name": "A"}]}
            """,
        "tie with both between and from": """
            {"partners": [{"id": "a", "name": "A", "kind": "ngo"}, {"id": "b", "name": "B", "kind": "ngo"}],
             "ties": [{"type": "liaison", "between": ["a", "b"], "from": "a"}]}
            """,
        "tie with both between and from/to": """
            {"partners": [{"id": "a", "name": "A", "kind": "ngo"}, {"id": "b", "name": "B", "kind": "ngo"}],
             "ties": [{"type": "liaison", "between": ["a", "b"], "from": "a", "to": "b"}]}
            """,
        "tie weight 0": """
            {"partners": [{"id": "a", "name": "A", "kind": "ngo"}, {"id": "b", "name": "B", "kind": "ngo"}],
             "ties": [{"type": "liaison", "between": ["a", "b"], "weight": 0}]}
            """,
        "tie type weight negative": """
            {"settings": {"tieTypes": {"funding": {"weight": -1}}}, "partners": []}
            """,
        "between with three partners": """
            {"partners": [{"id": "a", "name": "A", "kind": "ngo"}, {"id": "b", "name": "B", "kind": "ngo"}],
             "ties": [{"type": "liaison", "between": ["a", "b", "a"]}]}
            """,
        "from without to": """
            {"partners": [{"id": "a", "name": "A", "kind": "ngo"}], "ties": [{"type": "liaison", "from": "a"}]}
            """,
        "tie without endpoints": """
            {"partners": [], "ties": [{"type": "liaison"}]}
            """,
        "tie without type": """
            {"partners": [{"id": "a", "name": "A", "kind": "ngo"}, {"id": "b", "name": "B", "kind": "ngo"}],
             "ties": [{"between": ["a", "b"]}]}
            """,
        "no partners": """
            {"title": "T", "ties": []}
            """,
        "unknown top-level key": """
            {"partners": [], "nodes": []}
            """,
        "unknown partner key": """
            {"partners": [{"id": "a", "name": "A", "kind": "ngo", "country": "X"}]}
            """,
        "unknown tie key": """
            {"partners": [{"id": "a", "name": "A", "kind": "ngo"}, {"id": "b", "name": "B", "kind": "ngo"}],
             "ties": [{"type": "liaison", "between": ["a", "b"], "since": "2003"}]}
            """,
        "unknown settings key": """
            {"settings": {"weights": {}}, "partners": []}
            """,
        "unknown tie type key": """
            {"settings": {"tieTypes": {"funding": {"colour": "red"}}}, "partners": []}
            """,
        "partner id with a leading space": """
            {"partners": [{"id": " a", "name": "A", "kind": "ngo"}]}
            """,
        "partner id with a trailing no-break space": """
            {"partners": [{"id": "a\\u00a0", "name": "A", "kind": "ngo"}]}
            """,
        "empty partner id": """
            {"partners": [{"id": "", "name": "A", "kind": "ngo"}]}
            """,
        "month 13": """
            {"partners": [{"id": "a", "name": "A", "kind": "ngo"}, {"id": "b", "name": "B", "kind": "ngo"}],
             "ties": [{"type": "liaison", "between": ["a", "b"], "start": "2009-13"}]}
            """,
        "29 February of a common year": """
            {"partners": [{"id": "a", "name": "A", "kind": "ngo"}, {"id": "b", "name": "B", "kind": "ngo"}],
             "ties": [{"type": "liaison", "between": ["a", "b"], "end": "2015-02-29"}]}
            """,
        "day-first date": """
            {"partners": [{"id": "a", "name": "A", "kind": "ngo"}, {"id": "b", "name": "B", "kind": "ngo"}],
             "ties": [{"type": "liaison", "between": ["a", "b"], "start": "17.08.2009"}]}
            """,
        "lookback in weeks": """
            {"settings": {"tieTypes": {"joint-activity": {"lookback": "3w"}}}, "partners": []}
            """,
        "lookback with a repeated unit": """
            {"settings": {"tieTypes": {"joint-activity": {"lookback": "1y2y"}}}, "partners": []}
            """,
        "null attribute value": """
            {"partners": [{"id": "a", "name": "A", "kind": "ngo", "attributes": {"x": null}}]}
            """,
        "null in an attribute list": """
            {"partners": [], "attributes": {"x": [1, null]}}
            """,
        "themes as text": """
            {"partners": [{"id": "a", "name": "A", "kind": "ngo", "themes": "education"}]}
            """,
        "weight as text": """
            {"partners": [{"id": "a", "name": "A", "kind": "ngo"}, {"id": "b", "name": "B", "kind": "ngo"}],
             "ties": [{"type": "liaison", "between": ["a", "b"], "weight": "3"}]}
            """,
        "event as text": """
            {"settings": {"tieTypes": {"funding": {"event": "maybe"}}}, "partners": []}
            """,
        "top level a list": """
            [{"id": "a", "name": "A", "kind": "ngo"}]
            """,
    ]

    @Test("small invalid documents are rejected by the schema and by the reader")
    func invalidDocumentsAreRejected() throws {
        let result = try Self.runPython(documents: Self.invalid)
        for (name, text) in Self.invalid.sorted(by: { $0.key < $1.key }) {
            let errors = try #require(result.errors[name])
            #expect(!errors.isEmpty, "the schema accepts: \(name)")
            #expect(throws: GraphFileError.self, "the reader accepts: \(name)") {
                try GraphFile.parse(text, format: .json, path: name + ".json")
            }
        }
    }

    /// Edge cases the reader accepts; the schema must accept them too.
    static let valid: [String: String] = [
        "only partners": """
            {"partners": []}
            """,
        "every field": """
            {"title": "T", "focal": "a", "description": "D",
             "settings": {"tieTypes": {"funding": {"weight": 2.5, "lookback": "1y6m", "event": false, "description": "grants"},
                                       "joint-activity": {"lookback": 2}, "visit": null, "call": {}}},
             "attributes": {"n": 1, "x": 1.5, "b": true, "s": "t", "l": [1, "a", [true]], "m": {"k": {"j": "v"}}},
             "partners": [
               {"id": "a", "name": "A", "kind": "ngo", "aliases": ["AA"], "region": "R", "themes": ["t"],
                "url": "https://a.example.org/", "attributes": {"founded": 1990}},
               {"id": "b c", "name": "", "kind": "ngo"}],
             "ties": [
               {"id": "t1", "type": "agreement", "between": ["a", "b c"], "start": "2000-02-29", "end": "2016",
                "label": "L", "weight": 0.5, "themes": [], "source": "S", "status": "in force", "note": "N",
                "attributes": {"k": "v"}},
               {"type": "funding", "from": "b c", "to": "a", "start": "2016-02", "end": "2016-02-29"},
               {"type": "visit", "from": "a", "to": "b c", "start": "1900-12-31"},
               {"type": "call", "between": ["b c", "a"], "start": "2400-02-29"}]}
            """,
    ]

    @Test("edge cases the reader accepts are valid against the schema")
    func validEdgeCasesAreAccepted() throws {
        let result = try Self.runPython(documents: Self.valid)
        for (name, text) in Self.valid.sorted(by: { $0.key < $1.key }) {
            let errors = try #require(result.errors[name])
            #expect(errors.isEmpty, "\(name): \(errors.joined(separator: "; "))")
            do {
                _ = try GraphFile.parse(text, format: .json, path: name + ".json")
            } catch {
                Issue.record("the reader rejects: \(name): \(error)")
            }
        }
    }

    @Test("the schema's date and lookback patterns agree with PartialDate and Lookback")
    func patternsAgreeWithParsers() throws {
        var dates: [String] = []
        for year in ["0000", "0001", "0400", "1900", "2000", "2015", "2016", "2100", "9999"] {
            dates.append(year)
            for month in 0...13 {
                let mm = month < 10 ? "0\(month)" : "\(month)"
                dates.append("\(year)-\(mm)")
                for day in 0...32 { dates.append("\(year)-\(mm)-\(day < 10 ? "0\(day)" : "\(day)")") }
            }
        }
        dates += ["", "16", "201", "20160", "2016-1", "2016-1-01", "2016-01-1", "20160101", "2016/01/01",
                  "17.08.2009", "2016-01-01T00:00", "２０１６", "2016-0a", "+2016", "-2016"]
        let lookbacks = ["0", "3", "10", "3y", "18m", "90d", "1y6m", "6m1y", "1y6m10d", "10d6m1y", "0y", "y", "m",
                         "1y1y", "1m2m", "3w", "1.5y", "1,5y", "-1", "", "y3", "1y 6m", "1Y"]
        let result = try Self.runPython(documents: [:], dates: dates, lookbacks: lookbacks)
        try #require(result.dates.count == dates.count && result.lookbacks.count == lookbacks.count)
        for (text, matched) in zip(dates, result.dates) {
            let parsed = PartialDate(text) != nil
            #expect(matched == parsed, "date '\(text)': schema \(matched ? "accepts" : "rejects"), reader \(parsed ? "accepts" : "rejects")")
        }
        for (text, matched) in zip(lookbacks, result.lookbacks) {
            let parsed = Lookback(text) != nil
            #expect(matched == parsed, "lookback '\(text)': schema \(matched ? "accepts" : "rejects"), reader \(parsed ? "accepts" : "rejects")")
        }
    }
}
