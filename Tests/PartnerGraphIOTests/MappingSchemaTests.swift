import Foundation
import Testing
@testable import PartnerGraphIO

/// `Schemas/mapping.schema.json` against the mapping reader: every example
/// mapping (Examples/*.mapping.yaml, and each complete mapping in
/// Docs/import-mapping.md) is valid for Python's `jsonschema` (YAML read by
/// PyYAML) and for ``ImportMapping/parse(_:path:)``; mappings the reader
/// refuses are refused by the schema too; and the schema names every key the
/// reader knows.
@Suite(.enabled(if: SchemaValidatorPython.path != nil, "python3 with the jsonschema package is not available; mapping schema tests skipped"))
struct MappingSchemaTests {
    static let root = SchemaTests.repoRoot
    static let schemaPath = root + "/Schemas/mapping.schema.json"

    /// The schema errors of each YAML document, by name (one Python process).
    static func schemaErrors(_ documents: [String: String]) throws -> [String: [String]] {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mapping-schema-\(UInt64.random(in: 0...UInt64.max))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let job = dir.appendingPathComponent("job.json")
        try JSONSerialization.data(withJSONObject: ["schema": schemaPath, "documents": documents]).write(to: job)
        let script = """
            import json, sys
            import jsonschema, yaml
            job = json.load(open(sys.argv[1], encoding='utf-8'))
            schema = json.load(open(job['schema'], encoding='utf-8'))
            jsonschema.Draft202012Validator.check_schema(schema)
            v = jsonschema.Draft202012Validator(schema)
            out = {}
            for name, text in job['documents'].items():
                doc = yaml.safe_load(text)
                out[name] = ['%s: %s' % ('/'.join(str(p) for p in e.absolute_path), e.message[:200]) for e in v.iter_errors(doc)]
            json.dump(out, sys.stdout)
            """
        let p = Process()
        p.executableURL = URL(fileURLWithPath: try #require(SchemaValidatorPython.path))
        p.arguments = ["-c", script, job.path]
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errText = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        try #require(p.terminationStatus == 0, "python3 failed (needs jsonschema and pyyaml): \(errText)")
        return try JSONDecoder().decode([String: [String]].self, from: data)
    }

    /// Examples/*.mapping.yaml and the ```yaml blocks of the doc page that start with `mode:`.
    static func examples() throws -> [String: String] {
        var out: [String: String] = [:]
        let examples = root + "/Examples"
        for f in try FileManager.default.contentsOfDirectory(atPath: examples) where f.hasSuffix(".mapping.yaml") {
            out["Examples/" + f] = try String(contentsOfFile: examples + "/" + f, encoding: .utf8)
        }
        let doc = try String(contentsOfFile: root + "/Docs/import-mapping.md", encoding: .utf8)
        for (i, block) in doc.components(separatedBy: "```yaml\n").dropFirst().enumerated() {
            let text = block.components(separatedBy: "```").first ?? ""
            if text.hasPrefix("mode:") { out["Docs/import-mapping.md block \(i + 1)"] = text }
        }
        return out
    }

    @Test("every example mapping (Examples/, Docs/import-mapping.md) is valid against the schema and for the reader")
    func examplesAreValid() throws {
        let docs = try Self.examples()
        #expect(docs.keys.filter { $0.hasPrefix("Examples/") }.count >= 4)
        #expect(docs.keys.filter { $0.hasPrefix("Docs/") }.count >= 5)
        let errors = try Self.schemaErrors(docs)
        for (name, list) in errors.sorted(by: { $0.key < $1.key }) {
            #expect(list.isEmpty, "\(name): \(list)")
        }
        for (name, text) in docs.sorted(by: { $0.key < $1.key }) {
            #expect(throws: Never.self, "\(name)") { _ = try ImportMapping.parse(text, path: name) }
        }
    }

    @Test("mappings the reader refuses are refused by the schema", arguments: [
        "mode: bipartite\npartners: {id: a}\ngroups: {id: b}\nundated: maybe\n",
        "mode: bipartite\npartners: {id: a}\ngroups: {id: b}\nfilter: [{column: s, equals: 1}]\n",
        "mode: bipartite\npartners: {id: a}\ngroups: {id: b}\nfilters: [{column: s}]\n",
        "mode: bipartite\npartners: {id: a}\ngroups: {id: {file: base}}\n",
        "mode: bipartite\npartners: {id: a}\ngroups: {id: {sheet: title}}\n",
        "mode: bipartite\npartners: {id: a, kind: {lookup: {x: y}}}\ngroups: {id: b}\n",
        "mode: bipartite\npartners: {id: a}\ngroups: {id: b}\ndates: [DD/MM/YYYY]\n",
        "mode: bipartit\npartners: {id: a}\ngroups: {id: b}\n",
        "partners: {id: a}\ngroups: {id: b}\n",
    ])
    func refused(_ text: String) throws {
        #expect(throws: GraphFileError.self) { _ = try ImportMapping.parse(text, path: "m.yaml") }
        let errors = try Self.schemaErrors(["m": text])
        #expect(errors["m"]?.isEmpty == false, "the schema accepts: \(text)")
    }

    @Test("the schema names every key the reader knows, and no other")
    func keysMatch() throws {
        let schema = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: Self.schemaPath))) as! [String: Any]
        let defs = schema["$defs"] as! [String: Any]
        func keys(_ object: Any?) -> Set<String> { Set(((object as? [String: Any])?["properties"] as? [String: Any])?.keys ?? [:].keys) }
        let top = schema["properties"] as! [String: Any]
        #expect(keys(schema) == Set(MappingReader.topKeys))
        #expect(keys(defs["side"]) == Set(MappingReader.sideKeys))
        #expect(keys(top["ties"]) == Set(MappingReader.tieKeys))
        #expect(keys(defs["filter"]) == Set(MappingReader.filterKeys))
        #expect(keys(top["names"]) == Set(MappingReader.namesKeys))
        #expect(keys(defs["derived"]) == Set(MappingReader.derivedKeys))
        let missing = ((top["missing"] as! [String: Any])["oneOf"] as! [Any])[1]
        #expect(keys(missing) == Set(MappingReader.missingKeys))
        let tieType = (((top["tie-types"] as! [String: Any])["additionalProperties"] as! [String: Any])["oneOf"] as! [Any])[1]
        #expect(keys(tieType) == Set(MappingReader.tieTypeKeys))
        let formats = (defs["dateFormat"] as! [String: Any])["enum"] as! [String]
        #expect(Set(formats) == Set(ImportDateFormat.allCases.map(\.rawValue) + ["mixed"]))
    }
}
