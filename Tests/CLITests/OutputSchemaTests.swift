import Foundation
import Testing

/// Whether `python3` can import `jsonschema` (installed by `.ci/setup --tests`).
enum OutputSchemaPython {
    static let available: Bool = (try? CLIRunner.shell("python3 -c 'import jsonschema'"))?.status == 0
}

/// Every `--format json` output (validate, summary, analyze, gaps, coverage,
/// diff) against its schema in `Schemas/`, checked by an independent
/// validator: Python's `jsonschema` (Draft202012Validator) in one child
/// process. Also: each schema is itself a valid 2020-12 schema, outputs with a
/// key removed or a wrong value fail (the schemas are not vacuous), and the
/// schemas name every measure and gap kind the CLI knows.
@Suite(
    "JSON outputs against Schemas/*.schema.json",
    .enabled(if: OutputSchemaPython.available, "python3 with the jsonschema package is not available; output schema tests skipped"))
struct OutputSchemaTests {
    static let schemaNames = ["validate", "summary", "analyze", "gaps", "coverage", "coverage-matrix", "diff"]
    static let unesco = "Graphs/unesco-human-rights.yaml"
    static let strategy = "Graphs/unesco-human-rights.strategy.yaml"
    static let illustrative = "Graphs/illustrative-partnerships.yaml"
    static let hostile = "Tests/CLITests/Payloads/hostile.yaml"
    static let davis = "Graphs/davis-southern-women.yaml"

    static func schemaPath(_ name: String) -> String {
        CLIRunner.repoRoot.appendingPathComponent("Schemas/\(name).schema.json").path
    }

    /// One command run: its output is checked against `schema`.
    struct Case: Sendable {
        let name: String
        let schema: String
        let arguments: [String]
        var status: Int32 = 0
    }

    /// Every file of the hostile corpus that `validate` reads (not the
    /// `.expected` texts), a missing file (diagnostic without a position) and
    /// a good file.
    static var validateProblemFiles: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: CLIRunner.hostileDir.path)) ?? []
        return names.filter { !$0.hasSuffix(".expected") }.sorted().map { "Tests/CLITests/Hostile/\($0)" }
            + ["Tests/CLITests/Hostile/no-such-file.yaml", unesco]
    }

    /// A second version of the UNESCO graph: the MoU changed (end and label)
    /// and the ILO liaison removed, so a two-file diff has changed and removed ties.
    static let editedUnesco: String = {
        let text = (try? String(contentsOf: CLIRunner.repoRoot.appendingPathComponent(unesco), encoding: .utf8)) ?? ""
        var edited = text.replacingOccurrences(of: "    label: Memorandum of Understanding\n",
                                               with: "    label: Memorandum of Understanding (renewed)\n    end: 2015\n")
        if let start = edited.range(of: "  - id: ilo-liaison\n"), let next = edited.range(of: "  - id: cescr-liaison\n") {
            edited.removeSubrange(start.lowerBound..<next.lowerBound)
        }
        let directory = CLIRunner.tempDir()
        let path = directory.appendingPathComponent("unesco-edited.yaml").path
        try? Data(edited.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }()

    static var cases: [Case] {
        let asOf = ["--as-of", "2016-11-01"]
        let withStrategy = ["--strategy", strategy]
        return [
            Case(name: "validate-good", schema: "validate", arguments: ["validate", unesco, illustrative, hostile]),
            Case(name: "validate-problems", schema: "validate", arguments: ["validate"] + validateProblemFiles, status: 1),
            Case(name: "validate-one-problem", schema: "validate", arguments: ["validate", "Tests/CLITests/Hostile/multiple-errors.yaml"], status: 1),
            Case(name: "summary-unesco", schema: "summary", arguments: ["summary", unesco] + asOf),
            Case(name: "summary-illustrative", schema: "summary", arguments: ["summary", illustrative]),
            Case(name: "summary-hostile", schema: "summary", arguments: ["summary", hostile]),
            Case(name: "summary-lookback", schema: "summary", arguments: ["summary", unesco, "--lookback", "8y"] + asOf),
            Case(name: "analyze-unesco", schema: "analyze", arguments: ["analyze", unesco] + asOf),
            Case(name: "analyze-illustrative", schema: "analyze", arguments: ["analyze", illustrative]),
            Case(name: "analyze-years", schema: "analyze", arguments: ["analyze", unesco, "--years", "2005...2010"]),
            Case(name: "analyze-include-isolated", schema: "analyze", arguments: ["analyze", unesco, "--include-isolated"] + asOf),
            Case(name: "analyze-degree", schema: "analyze", arguments: ["analyze", unesco, "--measures", "degree"] + asOf),
            Case(name: "analyze-directed", schema: "analyze",
                 arguments: ["analyze", unesco, "--directed", "--keep-isolated-in-graph", "--weighted", "--raw", "--samples", "5",
                             "--lookback", "3y", "--tolerance", "1e-9"] + asOf),
            Case(name: "analyze-top-kind", schema: "analyze",
                 arguments: ["analyze", unesco, "--top", "3", "--sort-by", "pagerank", "--kind", "ngo,un-specialized-agency", "--measures", "degree,pagerank"] + asOf),
            Case(name: "analyze-empty-graph", schema: "analyze", arguments: ["analyze", illustrative, "--as-of", "1900-01-01", "--include-isolated"]),
            Case(name: "analyze-hostile", schema: "analyze", arguments: ["analyze", hostile, "--include-isolated"]),
            Case(name: "analyze-two-mode", schema: "analyze", arguments: ["analyze", davis]),
            Case(name: "analyze-two-mode-top", schema: "analyze", arguments: ["analyze", davis, "--top", "2", "--kind", "event", "--measures", "degree,closeness"]),
            Case(name: "analyze-two-mode-years", schema: "analyze", arguments: ["analyze", davis, "--years", "1932...1934", "--top", "3"]),
            Case(name: "gaps-unesco", schema: "gaps", arguments: ["gaps", unesco] + withStrategy + asOf),
            Case(name: "gaps-unesco-defaults", schema: "gaps", arguments: ["gaps", unesco] + asOf),
            Case(name: "gaps-illustrative", schema: "gaps", arguments: ["gaps", illustrative]),
            Case(name: "gaps-none", schema: "gaps", arguments: ["gaps", unesco, "--gap-kind", "lapsed-agreement", "--lookback", "8y"] + withStrategy + asOf),
            Case(name: "gaps-hostile", schema: "gaps", arguments: ["gaps", hostile]),
            Case(name: "coverage-unesco", schema: "coverage", arguments: ["coverage", unesco] + withStrategy + asOf),
            Case(name: "coverage-years", schema: "coverage", arguments: ["coverage", unesco, "--years", "2005...2010"] + withStrategy),
            Case(name: "coverage-illustrative", schema: "coverage", arguments: ["coverage", illustrative]),
            Case(name: "coverage-illustrative-years", schema: "coverage", arguments: ["coverage", illustrative, "--years", "2005...2010"]),
            Case(name: "coverage-hostile", schema: "coverage", arguments: ["coverage", hostile]),
            Case(name: "coverage-matrix-davis", schema: "coverage-matrix", arguments: ["coverage", davis, "--matrix", "--as-of", "1933-12-31"]),
            Case(name: "coverage-matrix-kinds", schema: "coverage-matrix", arguments: ["coverage", unesco, "--matrix", "--uncovered-only"] + asOf),
            Case(name: "diff-dates", schema: "diff", arguments: ["diff", unesco, "--from", "2009", "--to", "2016"]),
            Case(name: "diff-illustrative-dates", schema: "diff", arguments: ["diff", illustrative, "--from", "2008-06", "--to", "2012"]),
            Case(name: "diff-files", schema: "diff", arguments: ["diff", unesco, illustrative] + asOf),
            Case(name: "diff-edited", schema: "diff", arguments: ["diff", unesco, editedUnesco] + asOf),
            Case(name: "diff-same", schema: "diff", arguments: ["diff", unesco, unesco] + asOf),
            Case(name: "diff-hostile", schema: "diff", arguments: ["diff", hostile, "--from", "2011", "--to", "2016"]),
        ]
    }

    /// A broken copy of a case's output that its schema must reject: the value
    /// at `path` (JSON array of keys and indices) replaced by `value` (JSON
    /// text), or removed when `value` is nil.
    struct Mutation: Sendable {
        let base: String
        let path: String
        var value: String?
        let why: String
    }

    static let mutations: [Mutation] = [
        Mutation(base: "validate-problems", path: #"[0, "diagnostics"]"#, why: "a file without diagnostics"),
        Mutation(base: "validate-good", path: #"[0, "valid"]"#, value: #""yes""#, why: "valid as text"),
        Mutation(base: "validate-good", path: #"[0, "partners"]"#, why: "a valid file without its partner count"),
        Mutation(base: "validate-one-problem", path: #"[0, "partners"]"#, value: "3", why: "an invalid file with a partner count"),
        Mutation(base: "validate-one-problem", path: #"[0, "diagnostics", 0, "severity"]"#, value: #""fatal""#, why: "an unknown severity"),
        Mutation(base: "validate-one-problem", path: #"[0, "diagnostics", 0, "line"]"#, value: #""9""#, why: "a line as text"),
        Mutation(base: "validate-good", path: "[]", value: "{}", why: "an object instead of the array"),
        Mutation(base: "summary-unesco", path: #"["focalCurrentTies"]"#, why: "no focalCurrentTies"),
        Mutation(base: "summary-unesco", path: #"["title"]"#, value: "5", why: "a title as a number"),
        Mutation(base: "summary-unesco", path: #"["currentTie"]"#, value: "16", why: "an unknown key"),
        Mutation(base: "summary-unesco", path: #"["focalCurrentTies", 0, "start"]"#, value: #""17.08.2009""#, why: "a day-first date"),
        Mutation(base: "analyze-unesco", path: #"["settings", "isolated"]"#, why: "no settings.isolated"),
        Mutation(base: "analyze-unesco", path: #"["settings", "isolated"]"#, value: #""maybe""#, why: "an unknown isolated mode"),
        Mutation(base: "analyze-unesco", path: #"["partners", 0, "degree"]"#, value: "1.5", why: "a fractional degree"),
        Mutation(base: "analyze-unesco", path: #"["partners", 0, "pageRank"]"#, value: "0.1", why: "a misspelt measure"),
        Mutation(base: "analyze-unesco", path: #"["partners", 0, "betweenness"]"#, value: #""0.5""#, why: "a measure as text"),
        Mutation(base: "analyze-unesco", path: #"["graph", "modularity"]"#, why: "no graph.modularity"),
        Mutation(base: "analyze-unesco", path: #"["partners", 0, "brokerage"]"#,
                 value: #"{"coordinator": 0, "gatekeeper": 0, "representative": 0, "itinerant": 0, "liaison": 0}"#,
                 why: "brokerage in an undirected snapshot"),
        Mutation(base: "analyze-directed", path: #"["partners", 0, "brokerage"]"#, why: "a directed snapshot without brokerage"),
        Mutation(base: "analyze-years", path: #"["byYear", 0, "asOf"]"#, why: "a yearly snapshot without asOf"),
        Mutation(base: "analyze-years", path: #"["byYear"]"#, value: "{}", why: "byYear as an object"),
        Mutation(base: "analyze-include-isolated", path: #"["bridges", 0]"#, value: #"["a"]"#, why: "a bridge with one end"),
        Mutation(base: "gaps-unesco", path: #"["gaps", 0, "kind"]"#, value: #""unknown-gap""#, why: "an unknown gap kind"),
        Mutation(base: "gaps-unesco", path: #"["gaps", 0, "severity"]"#, value: #""critical""#, why: "an unknown severity"),
        Mutation(base: "gaps-unesco", path: #"["settings", "top"]"#, why: "no settings.top"),
        Mutation(base: "gaps-unesco", path: #"["summary", "high"]"#, why: "no summary.high"),
        Mutation(base: "gaps-unesco", path: #"["gaps", 0, "score"]"#, why: "a gap without score"),
        Mutation(base: "gaps-unesco", path: #"["coverage", 0, "lastActivity"]"#, value: #""never""#, why: "lastActivity never as text"),
        Mutation(base: "gaps-unesco", path: #"["categoryMatrix", "ties", 0, 0]"#, value: "-1", why: "a negative tie count"),
        Mutation(base: "coverage-unesco", path: #"["partnerCoverage"]"#, why: "no partnerCoverage"),
        Mutation(base: "coverage-matrix-davis", path: #"["cells", 0, 0, "state"]"#, value: #""ratified""#, why: "an unknown cell state"),
        Mutation(base: "coverage-matrix-davis", path: #"["counts", "none"]"#, why: "no counts.none"),
        Mutation(base: "coverage-unesco", path: #"["settings", "top"]"#, value: "10", why: "top in coverage settings"),
        Mutation(base: "coverage-unesco", path: #"["coverage", 0, "share"]"#, value: "1.5", why: "a share above 1"),
        Mutation(base: "coverage-unesco", path: #"["partnerCoverage", 0, "covered"]"#, value: #""yes""#, why: "covered as text"),
        Mutation(base: "coverage-years", path: #"["byYear", 0, "year"]"#, value: #""2005""#, why: "a year as text"),
        Mutation(base: "coverage-years", path: #"["focal"]"#, why: "a trend without focal"),
        Mutation(base: "diff-dates", path: #"["ties", 0, "change"]"#, value: #""modified""#, why: "an unknown change"),
        Mutation(base: "diff-dates", path: #"["centrality", 0, "delta"]"#, why: "a centrality change without delta"),
        Mutation(base: "diff-dates", path: #"["centrality", 0, "measure"]"#, value: #""closeness""#, why: "a measure diff does not compute"),
        Mutation(base: "diff-edited", path: #"["ties", 0, "details"]"#, value: #""end""#, why: "details as text"),
        // The shapes of #16: every table field in summary, the options in analyze, settings in coverage by year, sides in diff.
        Mutation(base: "summary-unesco", path: #"["tiesByType", 0, "upcoming"]"#, why: "a tie type without upcoming"),
        Mutation(base: "summary-unesco", path: #"["tiesByType", 0, "weight"]"#, value: #""3""#, why: "a weight as text"),
        Mutation(base: "summary-unesco", path: #"["tiesByType", 0, "lookback"]"#, value: #""three years""#, why: "a lookback that is not a span"),
        Mutation(base: "summary-unesco", path: #"["dateRange"]"#, why: "no dateRange"),
        Mutation(base: "summary-unesco", path: #"["dateRange", "earliest"]"#, value: #""2003/05""#, why: "a date range with a slash date"),
        Mutation(base: "summary-unesco", path: #"["focalName"]"#, why: "no focalName"),
        Mutation(base: "summary-unesco", path: #"["focalCurrentTies", 0, "label"]"#, value: "1", why: "a label as a number"),
        Mutation(base: "summary-lookback", path: #"["lookback"]"#, value: #""8 years""#, why: "a lookback that is not a span"),
        Mutation(base: "analyze-unesco", path: #"["settings", "sortBy"]"#, value: #""name""#, why: "an unknown sort measure"),
        Mutation(base: "analyze-unesco", path: #"["settings", "measures"]"#, why: "no settings.measures"),
        Mutation(base: "analyze-unesco", path: #"["settings", "measures", 0]"#, value: #""degree-centrality""#, why: "a measure in option spelling"),
        Mutation(base: "analyze-unesco", path: #"["settings", "top"]"#, value: "0", why: "top 0"),
        Mutation(base: "analyze-unesco", path: #"["settings", "kinds"]"#, why: "no settings.kinds"),
        Mutation(base: "analyze-unesco", path: #"["year"]"#, value: "2016", why: "a year in an --as-of snapshot"),
        Mutation(base: "analyze-years", path: #"["byYear", 0, "year"]"#, why: "a yearly snapshot without its year"),
        Mutation(base: "analyze-two-mode", path: #"["sides", 1]"#, why: "a two-mode snapshot with one side"),
        Mutation(base: "analyze-two-mode", path: #"["sides", 0, "partners", 0, "pagerank"]"#, value: "0.1", why: "a one-mode measure on a side"),
        Mutation(base: "analyze-two-mode", path: #"["settings", "conventions"]"#, why: "a two-mode snapshot without its conventions"),
        Mutation(base: "analyze-two-mode", path: #"["year"]"#, value: "1934", why: "a year in a two-mode --as-of snapshot"),
        Mutation(base: "analyze-two-mode-years", path: #"["byYear", 0, "year"]"#, why: "a yearly two-mode snapshot without its year"),
        Mutation(base: "analyze-years", path: #"["byYear", 0, "asOf"]"#, value: #""2005-06-30""#, why: "a yearly snapshot not at 31 December"),
        Mutation(base: "analyze-years", path: #"["byYear", 0, "settings", "sortBy"]"#, why: "a yearly snapshot without settings.sortBy"),
        Mutation(base: "coverage-years", path: #"["settings"]"#, why: "a trend without settings"),
        Mutation(base: "coverage-years", path: #"["settings", "top"]"#, value: "10", why: "top in coverage settings by year"),
        Mutation(base: "coverage-years", path: #"["byYear", 0, "asOf"]"#, value: #""2005-06-30""#, why: "a year not at 31 December"),
        Mutation(base: "diff-dates", path: #"["mode"]"#, value: #""both""#, why: "an unknown mode"),
        Mutation(base: "diff-dates", path: #"["mode"]"#, why: "no mode"),
        Mutation(base: "diff-dates", path: #"["from"]"#, value: #""2009-12-31""#, why: "from as a bare label"),
        Mutation(base: "diff-files", path: #"["to", "asOf"]"#, why: "a side without its date"),
        Mutation(base: "diff-files", path: #"["from", "file"]"#, value: "1", why: "a file as a number"),
        Mutation(base: "diff-files", path: #"["top"]"#, why: "no top"),
    ]

    /// Every case run once (a test of its own would run them again).
    static let outputs: [String: CLIRunner.Result] = {
        var results: [String: CLIRunner.Result] = [:]
        for c in cases {
            results[c.name] = (try? CLIRunner.run(c.arguments + ["--format", "json"]))
                ?? CLIRunner.Result(status: -1, stdout: "", stderr: "could not run partnergraph")
        }
        try? FileManager.default.removeItem(at: URL(fileURLWithPath: editedUnesco).deletingLastPathComponent())
        return results
    }()

    struct PythonReport: Decodable {
        /// Schema name → the error of check_schema, or nil.
        let schemaErrors: [String: String?]
        /// Case name → validation errors.
        let errors: [String: [String]]
        /// Per mutation: the validation errors of the broken copy (nil when the path is missing).
        let mutated: [[String]?]
    }

    /// Checks every schema, validates every output and every mutation in one Python process.
    static let report: Result<PythonReport, PythonFailure> = Result { try runPython() }
        .mapError { $0 as? PythonFailure ?? PythonFailure(description: "\($0)") }

    static func runPython() throws -> PythonReport {
        let directory = CLIRunner.tempDir()
        defer { try? FileManager.default.removeItem(at: directory) }
        var documents: [String: [String]] = [:]
        for c in cases {
            let url = directory.appendingPathComponent("\(c.name).json")
            try Data((outputs[c.name]?.stdout ?? "").utf8).write(to: url)
            documents[c.name] = [c.schema, url.path]
        }
        let job: [String: Any] = [
            "schemas": Dictionary(uniqueKeysWithValues: schemaNames.map { ($0, schemaPath($0)) }),
            "documents": documents,
            "mutations": mutations.map { m -> [String: Any] in
                var o: [String: Any] = ["base": m.base, "path": m.path]
                if let v = m.value { o["value"] = v }
                return o
            },
        ]
        let jobURL = directory.appendingPathComponent("job.json")
        try JSONSerialization.data(withJSONObject: job).write(to: jobURL)
        let script = """
            import copy, json, sys
            import jsonschema
            job = json.load(open(sys.argv[1], encoding='utf-8'))
            schemas, validators, schema_errors = {}, {}, {}
            for name, path in job['schemas'].items():
                schemas[name] = json.load(open(path, encoding='utf-8'))
                try:
                    jsonschema.Draft202012Validator.check_schema(schemas[name])
                    schema_errors[name] = None
                    validators[name] = jsonschema.Draft202012Validator(schemas[name])
                except jsonschema.exceptions.SchemaError as e:
                    schema_errors[name] = str(e).splitlines()[0]
            def errors_of(schema, doc):
                if schema not in validators:
                    return ['schema %s is invalid' % schema]
                return ['/%s: %s' % ('/'.join(str(p) for p in e.absolute_path), e.message[:300])
                        for e in validators[schema].iter_errors(doc)]
            docs, errors = {}, {}
            for name, (schema, path) in job['documents'].items():
                try:
                    docs[name] = json.load(open(path, encoding='utf-8'))
                except ValueError as e:
                    errors[name] = ['not JSON: %s' % e]
                    continue
                errors[name] = errors_of(schema, docs[name])
            mutated = []
            for m in job['mutations']:
                if m['base'] not in docs:
                    mutated.append(None)
                    continue
                doc = copy.deepcopy(docs[m['base']])
                path = json.loads(m['path'])
                try:
                    if not path:
                        doc = json.loads(m['value'])
                    else:
                        parent = doc
                        for key in path[:-1]:
                            parent = parent[key]
                        if 'value' in m:
                            if isinstance(parent, list):
                                parent[path[-1]]  # must exist
                            parent[path[-1]] = json.loads(m['value'])
                        else:
                            del parent[path[-1]]
                except (KeyError, IndexError, TypeError):
                    mutated.append(None)
                    continue
                mutated.append(errors_of(job['documents'][m['base']][0], doc))
            json.dump({'schemaErrors': schema_errors, 'errors': errors, 'mutated': mutated}, sys.stdout)
            """
        let r = try CLIRunner.python(script, [jobURL.path])
        guard r.status == 0 else { throw PythonFailure(description: "python3 failed (\(r.status)): \(r.stderr)") }
        return try JSONDecoder().decode(PythonReport.self, from: Data(r.stdout.utf8))
    }

    struct PythonFailure: Error, CustomStringConvertible { let description: String }

    static func schema(_ name: String) throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: schemaPath(name)))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test("each schema is a valid draft 2020-12 schema with $schema, $id, title and description", arguments: schemaNames)
    func schemaIsValid(_ name: String) throws {
        let s = try Self.schema(name)
        #expect(s["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema")
        #expect(s["$id"] as? String == "https://partnergraph.example/schemas/\(name).schema.json")
        #expect((s["title"] as? String)?.isEmpty == false)
        #expect((s["description"] as? String)?.isEmpty == false)
        let report = try Self.report.get()
        let error = try #require(report.schemaErrors[name], "schema \(name) was not checked")
        #expect(error == nil, "Schemas/\(name).schema.json: \(error ?? "")")
    }

    @Test("every --format json output is valid against its schema", arguments: cases.map(\.name))
    func outputIsValid(_ name: String) throws {
        let c = try #require(Self.cases.first { $0.name == name })
        let output = try #require(Self.outputs[name])
        #expect(output.status == c.status, "\(c.arguments.joined(separator: " ")): exit \(output.status): \(output.stderr)")
        #expect(output.stderr.isEmpty, "\(name): standard error: \(output.stderr)")
        #expect(!output.stdout.isEmpty, "\(name): no output")
        let errors = try #require(try Self.report.get().errors[name], "\(name) was not validated")
        #expect(errors.isEmpty, "\(name) against Schemas/\(c.schema).schema.json: \(errors.prefix(5).joined(separator: "; "))")
    }

    @Test("an output with a key removed or a wrong value fails its schema")
    func brokenOutputsFail() throws {
        let report = try Self.report.get()
        try #require(report.mutated.count == Self.mutations.count)
        for (m, errors) in zip(Self.mutations, report.mutated) {
            guard let errors else {
                Issue.record("\(m.base): path \(m.path) is not in the output (\(m.why))")
                continue
            }
            #expect(!errors.isEmpty, "Schemas/\(Self.cases.first { $0.name == m.base }?.schema ?? "?").schema.json accepts \(m.why) (\(m.base) \(m.path))")
        }
        // Every schema has at least one negative check.
        let covered = Set(Self.mutations.compactMap { m in Self.cases.first { $0.name == m.base }?.schema })
        #expect(covered == Set(Self.schemaNames))
    }

    @Test("the outputs exercise optional parts: yearly forms, brokerage, nulls, missing links, changed and removed ties, null positions")
    func outputsCoverTheOptionalParts() throws {
        func object(_ name: String) throws -> Any {
            try JSONSerialization.jsonObject(with: Data(try #require(Self.outputs[name]).stdout.utf8), options: [.fragmentsAllowed])
        }
        let analyzeYears = try #require(try object("analyze-years") as? [String: Any])
        #expect((analyzeYears["byYear"] as? [Any])?.count == 6)
        #expect((analyzeYears["byYear"] as? [[String: Any]])?.map { $0["year"] as? Int } == Array(2005...2010))
        #expect((analyzeYears["byYear"] as? [[String: Any]])?.map { $0["asOf"] as? String } == (2005...2010).map { "\($0)-12-31" })
        let coverageYears = try #require(try object("coverage-years") as? [String: Any])
        #expect((coverageYears["byYear"] as? [Any])?.count == 6)
        #expect((coverageYears["settings"] as? [String: Any])?["strategy"] as? String == Self.strategy)
        let summary = try #require(try object("summary-lookback") as? [String: Any])
        #expect(summary["lookback"] as? String == "8y")
        #expect((summary["tiesByType"] as? [[String: Any]])?.allSatisfy { $0["lookback"] as? String == "8y" } == true)
        let diffFiles = try #require(try object("diff-files") as? [String: Any])
        #expect(diffFiles["mode"] as? String == "files")
        #expect((diffFiles["to"] as? [String: Any])?["file"] as? String == Self.illustrative)
        #expect((diffFiles["to"] as? [String: Any])?["asOf"] as? String == "2016-11-01")
        let diffDates = try #require(try object("diff-dates") as? [String: Any])
        #expect(diffDates["mode"] as? String == "dates")
        #expect((diffDates["from"] as? [String: Any])?["asOf"] as? String == "2009-12-31")
        #expect((diffDates["to"] as? [String: Any])?["file"] as? String == Self.unesco)
        let directed = try #require(try object("analyze-directed") as? [String: Any])
        #expect(((directed["partners"] as? [[String: Any]])?.first?["brokerage"]) != nil)
        let ranked = try #require(try object("analyze-top-kind") as? [String: Any])
        let settings = try #require(ranked["settings"] as? [String: Any])
        #expect(settings["sortBy"] as? String == "pagerank")
        #expect(settings["top"] as? Int == 3)
        #expect(settings["kinds"] as? [String] == ["ngo", "un-specialized-agency"])
        #expect(settings["measures"] as? [String] == ["degree", "pagerank"])
        #expect((try object("analyze-unesco") as? [String: Any]).flatMap { ($0["settings"] as? [String: Any])?["sortBy"] as? String } == "betweenness")
        let degree = try #require(try object("analyze-degree") as? [String: Any])
        #expect((degree["partners"] as? [[String: Any]])?.first.map { Set($0.keys) } == ["id", "name", "kind", "degree"])
        let empty = try #require(try object("analyze-empty-graph") as? [String: Any])
        #expect((empty["graph"] as? [String: Any])?["modularity"] is NSNull)
        #expect((empty["partners"] as? [[String: Any]])?.contains { $0["constraint"] is NSNull } == true)
        let gaps = try #require(try object("gaps-unesco") as? [String: Any])
        #expect((gaps["gaps"] as? [[String: Any]])?.contains { $0["link"] != nil } == true)
        let edited = try #require(try object("diff-edited") as? [String: Any])
        let changes = Set((edited["ties"] as? [[String: Any]] ?? []).compactMap { $0["change"] as? String })
        #expect(changes == ["changed", "removed"])
        let problems = try #require(try object("validate-problems") as? [[String: Any]])
        let diagnostics = problems.flatMap { $0["diagnostics"] as? [[String: Any]] ?? [] }
        #expect(diagnostics.contains { $0["line"] is NSNull })
        #expect(problems.contains { $0["valid"] as? Bool == true } && problems.contains { $0["valid"] as? Bool == false })
    }

    @Test("the schemas name every measure and every gap kind the CLI knows")
    func schemasNameEveryMeasureAndGapKind() throws {
        // The CLI lists its measures and gap kinds when given an unknown one.
        func known(_ arguments: [String]) throws -> [String] {
            let r = try CLIRunner.run(arguments)
            let line = try #require(r.stderr.split(separator: "\n").first { $0.contains("known: ") })
            let list = try #require(line.components(separatedBy: "known: ").last)
            return list.trimmingCharacters(in: CharacterSet(charactersIn: ".")).components(separatedBy: ", ")
        }
        func camelCase(_ s: String) -> String {
            let parts = s.split(separator: "-")
            return String(parts[0]) + parts.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
        }
        let measures = try known(["analyze", Self.unesco, "--measures", "no-such-measure"]).map(camelCase)
        #expect(measures.count == 13)
        let analyze = try Self.schema("analyze")
        let row = try #require(((analyze["$defs"] as? [String: Any])?["partnerRow"] as? [String: Any])?["properties"] as? [String: Any])
        #expect(Set(row.keys) == Set(measures + ["id", "name", "kind", "brokerage"]))
        let measureNames = try #require(((analyze["$defs"] as? [String: Any])?["measure"] as? [String: Any])?["enum"] as? [String])
        #expect(measureNames == measures)
        // The default run writes every measure.
        let analyzeOutput = try #require(Self.outputs["analyze-unesco"]).stdout
        let all = try #require(try JSONSerialization.jsonObject(with: Data(analyzeOutput.utf8)) as? [String: Any])
        #expect((all["partners"] as? [[String: Any]])?.first.map { Set($0.keys) } == Set(measures + ["id", "name", "kind"]))

        let kinds = try known(["gaps", Self.unesco, "--gap-kind", "no-such-kind"])
        #expect(kinds.count == 10)
        let gaps = try Self.schema("gaps")
        let gapKind = try #require(((gaps["$defs"] as? [String: Any])?["gapKind"] as? [String: Any])?["enum"] as? [String])
        #expect(gapKind == kinds)
        let strategyKinds = try #require(((try Self.schema("strategy")["$defs"] as? [String: Any])?["gapKind"] as? [String: Any])?["enum"] as? [String])
        #expect(gapKind == strategyKinds)
    }
}
