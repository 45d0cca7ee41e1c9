import Foundation
import PartnerGraph

/// Reads the CSV pair format: a directory holding `partners.csv`
/// (`id,name,kind`, then optional `region,themes,aliases,url`) and `ties.csv`
/// (`source,target,type,start,end`, then optional
/// `label,weight,directed,themes,source_document,id,status,note`). Every other
/// column is kept as a text attribute; list cells are `;`-separated; an empty
/// cell is a missing value.
enum CSVPairReader {
    static let partnerRequired = ["id", "name", "kind"]
    static let partnerOptional = ["region", "themes", "aliases", "url"]
    static let tieRequired = ["source", "target", "type", "start", "end"]
    static let tieOptional = ["label", "weight", "directed", "themes", "source_document", "id", "status", "note"]

    /// Loads `directory/partners.csv` and `directory/ties.csv`.
    /// - Complexity: O(size of both files).
    static func load(directory: String) throws(GraphFileError) -> PartnerNetwork {
        let pPath = (directory as NSString).appendingPathComponent("partners.csv")
        let tPath = (directory as NSString).appendingPathComponent("ties.csv")
        var missing: [Diagnostic] = []
        for p in [pPath, tPath] where !FileManager.default.fileExists(atPath: p) {
            missing.append(Diagnostic(path: p, line: nil, column: nil, message: "no such file",
                                      hint: "a CSV graph is a directory holding partners.csv and ties.csv"))
        }
        if !missing.isEmpty { throw GraphFileError(missing) }
        let pReader = CSVReader(bytes: try TextInput.bytes(atPath: pPath), path: pPath)
        let tReader = CSVReader(bytes: try TextInput.bytes(atPath: tPath), path: tPath)
        var sink = DiagnosticSink(path: directory)
        for e in pReader.errors + pReader.contentErrors(recordsArePartners: true) + tReader.errors + tReader.contentErrors(recordsArePartners: false) { sink.append(contentsOf: [diagnostic(e)]) }
        for e in pReader.fieldCountErrors() + tReader.fieldCountErrors() { sink.append(contentsOf: [diagnostic(e)]) }
        guard let pCols = columns(pReader, required: partnerRequired, sink: &sink),
              let tCols = columns(tReader, required: tieRequired, sink: &sink) else {
            throw GraphFileError(sink.sorted)
        }
        if sink.hasErrors && (pReader.header == nil || tReader.header == nil) { throw GraphFileError(sink.sorted) }

        // Partners.
        let pKnown = Set(partnerRequired + partnerOptional)
        let pExtra = pReader.columnNames.enumerated().filter { !pKnown.contains($0.element) && !$0.element.isEmpty }
        var partners: [Partner] = []
        partners.reserveCapacity(pReader.records.count)
        var partnerRecords: [Int] = []
        let pRequired = partnerRequired.map { ($0, pCols[$0]!) }
        let (cID, cName, cKind) = (pCols["id"]!, pCols["name"]!, pCols["kind"]!)
        let (cRegion, cThemes, cAliases, cURL) = (pCols["region"], pCols["themes"], pCols["aliases"], pCols["url"])
        for (ri, r) in pReader.records.enumerated() {
            var p = Partner(id: r.field(at: cID) ?? "", name: r.field(at: cName) ?? "", kind: r.field(at: cKind) ?? "")
            var ok = true
            for (f, c) in pRequired where r.field(at: c) != nil && r.isEmpty(at: c) {
                sink.append(contentsOf: [diagnostic(r.error(atField: c, "empty '\(f)' cell",
                                                            hint: "every partner needs id, name and kind"))])
                ok = false
            }
            if let c = cRegion, !r.isEmpty(at: c) { p.region = r[c] }
            if let c = cThemes, !r.isEmpty(at: c) { p.themes = r.listItems(at: c) }
            if let c = cAliases, !r.isEmpty(at: c) { p.aliases = r.listItems(at: c) }
            if let c = cURL, !r.isEmpty(at: c) { p.url = r[c] }
            for (c, name) in pExtra where !r.isEmpty(at: c) { p.attributes[name] = .string(r[c]) }
            if r.count < pReader.columnNames.count { ok = false }  // reported by fieldCountErrors()
            if ok {
                partners.append(p)
                partnerRecords.append(ri)
            }
        }

        // Ties.
        let tKnown = Set(tieRequired + tieOptional)
        let tExtra = tReader.columnNames.enumerated().filter { !tKnown.contains($0.element) && !$0.element.isEmpty }
        var ties: [Tie] = []
        ties.reserveCapacity(tReader.records.count)
        var tieRecords: [Int] = []
        let tRequired = ["source", "target", "type"].map { ($0, tCols[$0]!) }
        let (cSource, cTarget, cType, cStart, cEnd) = (tCols["source"]!, tCols["target"]!, tCols["type"]!, tCols["start"]!, tCols["end"]!)
        let (cLabel, cWeight, cDirected, cTThemes) = (tCols["label"], tCols["weight"], tCols["directed"], tCols["themes"])
        let (cDoc, cTID, cStatus, cNote) = (tCols["source_document"], tCols["id"], tCols["status"], tCols["note"])
        for (ri, r) in tReader.records.enumerated() {
            var t = Tie(type: r.field(at: cType) ?? "", source: r.field(at: cSource) ?? "", target: r.field(at: cTarget) ?? "")
            var ok = true
            for (f, c) in tRequired where r.field(at: c) != nil && r.isEmpty(at: c) {
                sink.append(contentsOf: [diagnostic(r.error(atField: c, "empty '\(f)' cell",
                                                            hint: "every tie needs source, target and type"))])
                ok = false
            }
            for (isStart, c) in [(true, cStart), (false, cEnd)] where !r.isEmpty(at: c) {
                let cell = r[c]
                switch PartialDate.parse(cell) {
                case .success(let d): if isStart { t.start = d } else { t.end = d }
                case .failure(let problem):
                    let hint = cell == "NA" ? "leave the cell empty when the date is unknown" : problem.hint
                    sink.append(contentsOf: [diagnostic(r.error(atField: c, problem.message, hint: hint))])
                    ok = false
                }
            }
            if let c = cLabel, !r.isEmpty(at: c) { t.label = r[c] }
            if let c = cWeight, !r.isEmpty(at: c) {
                if let w = Double(r[c]) { t.weight = w } else {
                    sink.append(contentsOf: [diagnostic(r.error(atField: c, "weight '\(r[c])' is not a number",
                                                                hint: "write a number such as 3 or 1.5, or leave the cell empty to use the type's weight"))])
                    ok = false
                }
            }
            if let c = cDirected, !r.isEmpty(at: c) {
                switch r[c].lowercased() {
                case "true", "yes", "1": t.isDirected = true
                case "false", "no", "0": t.isDirected = false
                default:
                    sink.append(contentsOf: [diagnostic(r.error(atField: c, "directed must be true or false, not '\(r[c])'",
                                                                hint: "write true for a tie from source to target, false or nothing otherwise"))])
                    ok = false
                }
            }
            if let c = cTThemes, !r.isEmpty(at: c) { t.themes = r.listItems(at: c) }
            if let c = cDoc, !r.isEmpty(at: c) { t.provenance = r[c] }
            if let c = cTID, !r.isEmpty(at: c) { t.id = r[c] }
            if let c = cStatus, !r.isEmpty(at: c) { t.status = r[c] }
            if let c = cNote, !r.isEmpty(at: c) { t.note = r[c] }
            for (c, name) in tExtra where !r.isEmpty(at: c) { t.attributes[name] = .string(r[c]) }
            if r.count < tReader.columnNames.count { ok = false }  // reported by fieldCountErrors()
            if ok {
                ties.append(t)
                tieRecords.append(ri)
            }
        }

        // Optional metadata beside the pair: graph.yaml (title, focal, description, settings, attributes).
        let metaPath = (directory as NSString).appendingPathComponent(CSVPairWriter.metadataFile)
        var meta = PartnerNetwork()
        var metaReader: DocumentReader?
        if FileManager.default.fileExists(atPath: metaPath) {
            var reader = DocumentReader(path: metaPath, isJSON: false)
            reader.metadataOnly = true
            do {
                meta = try reader.read(TextInput.decode(TextInput.bytes(atPath: metaPath), path: metaPath))
                sink.append(contentsOf: reader.diagnostics)
            } catch {
                sink.append(contentsOf: error.diagnostics)
            }
            metaReader = reader
        }
        let network = PartnerNetwork(title: meta.title, focal: meta.focal, description: meta.description,
                                     settings: meta.settings, attributes: meta.attributes, partners: partners, ties: ties)
        for problem in network.problems() {
            switch problem.location {
            case .partner(let i, let field):
                let r = pReader.records[partnerRecords[i]]
                sink.append(contentsOf: [diagnostic(r.error(atField: pCols[field] ?? 0, problem.message, hint: problem.hint))])
            case .tie(let i, let field):
                let r = tReader.records[tieRecords[i]]
                let column = tCols[field == "from" ? "source" : (field == "to" ? "target" : field)] ?? 0
                sink.append(contentsOf: [diagnostic(r.error(atField: column, problem.message, hint: problem.hint))])
            case .graph(let field):
                let at = metaReader?.position(ofGraphField: field)
                sink.append(contentsOf: [Diagnostic(path: metaReader == nil ? directory : metaPath, line: at?.line, column: at?.column,
                                                    message: problem.message, hint: problem.hint)])
            }
        }
        if sink.hasErrors { throw GraphFileError(sink.sorted) }
        return network
    }

    /// Column indices by name; reports missing required columns at the header.
    private static func columns(_ reader: CSVReader, required: [String], sink: inout DiagnosticSink) -> [String: Int]? {
        guard let header = reader.header else { return nil }
        var map: [String: Int] = [:]
        for (i, name) in reader.columnNames.enumerated() where map[name] == nil { map[name] = i }
        let missing = required.filter { map[$0] == nil }
        for m in missing {
            let near = Suggestion.closest(to: m, among: reader.columnNames)
            sink.append(contentsOf: [Diagnostic(path: reader.path, line: header.line, column: 1,
                message: "missing required column '\(m)'" + (near.map { " (did you mean '\($0)'?)" } ?? ""),
                hint: "the header must start with \(required.joined(separator: ","))")])
        }
        return missing.isEmpty ? map : nil
    }

    private static func diagnostic(_ e: CSVError) -> Diagnostic {
        Diagnostic(path: e.path, line: e.line, column: e.column, message: e.message, hint: e.hint)
    }
}

/// Writes the CSV pair; optional columns appear only when some row uses them,
/// attribute columns follow in name order. Graph metadata (title, focal,
/// description, settings, attributes) goes into `graph.yaml` beside the pair.
enum CSVPairWriter {
    static let metadataFile = "graph.yaml"

    /// The YAML text of the metadata file, or `nil` when the network has no metadata.
    static func metadata(for net: PartnerNetwork) throws(GraphFileError) -> String? {
        guard net.title != nil || net.focal != nil || net.description != nil || !net.settings.tieTypes.isEmpty || net.settings.isTwoMode
                || !net.attributes.isEmpty else { return nil }
        let bare = PartnerNetwork(title: net.title, focal: net.focal, description: net.description,
                                  settings: net.settings, attributes: net.attributes)
        guard case .map(let pairs) = DocumentTree.encode(bare) else { return nil }
        let tree = DocumentTree.map(pairs.filter { $0.0 != "partners" && $0.0 != "ties" })
        do {
            return "# Metadata of the CSV pair partners.csv + ties.csv (PartnerGraph).\n" + (try tree.yaml())
        } catch {
            throw GraphFileError(path: metadataFile, message: "cannot write YAML: \(error)")
        }
    }

    /// What the pair cannot hold of `net`, one phrase each: the types of
    /// partner and tie attributes (cells are text). Title, focal,
    /// description, settings and graph attributes go into `graph.yaml`.
    static func limitations(of net: PartnerNetwork) -> [String] {
        var out: [String] = []
        func typedKeys(_ m: [String: AttributeValue], into typed: inout Set<String>) {
            for (k, v) in m { if case .string = v {} else { typed.insert(k) } }
        }
        var partnerTyped = Set<String>(), tieTyped = Set<String>()
        for p in net.partners where !p.attributes.isEmpty { typedKeys(p.attributes, into: &partnerTyped) }
        for i in net.ties.indices where !net.ties[i].attributes.isEmpty { typedKeys(net.ties[i].attributes, into: &tieTyped) }
        for (what, typed) in [("partner", partnerTyped), ("tie", tieTyped)] {
            if !typed.isEmpty {
                out.append("types of \(what) attributes \(typed.sorted().joined(separator: ", ")) (CSV cells are text)")
            }
        }
        return out
    }

    /// The UTF-8 bytes of `partners.csv` and `ties.csv`.
    /// - Complexity: O(size of the output); a tie's fields are written without an array per tie.
    static func files(for net: PartnerNetwork) -> (partners: [UInt8], ties: [UInt8]) {
        let ps = net.partners
        var pCols = ["id", "name", "kind"]
        if ps.contains(where: { $0.region != nil }) { pCols.append("region") }
        if ps.contains(where: { !$0.themes.isEmpty }) { pCols.append("themes") }
        if ps.contains(where: { !$0.aliases.isEmpty }) { pCols.append("aliases") }
        if ps.contains(where: { $0.url != nil }) { pCols.append("url") }
        let pAttr = Set(ps.flatMap { $0.attributes.keys }).sorted()
        var partners = CSVWriter()
        partners.writeRecord(pCols + pAttr)
        for p in ps {
            var row = [p.id, p.name, p.kind]
            if pCols.contains("region") { row.append(p.region ?? "") }
            if pCols.contains("themes") { row.append(p.themes.joined(separator: ";")) }
            if pCols.contains("aliases") { row.append(p.aliases.joined(separator: ";")) }
            if pCols.contains("url") { row.append(p.url ?? "") }
            for a in pAttr { row.append(p.attributes[a]?.description ?? "") }
            partners.writeRecord(row)
        }
        let ts = net.ties
        var tCols = ["source", "target", "type", "start", "end"]
        // The optional columns, in this order, each written when some tie has it. Fields are read
        // through the buffer (no copy of each tie: this loop runs once per tie of an import).
        let names = ["label", "weight", "directed", "themes", "source_document", "id", "status", "note"]
        @Sendable func field(_ k: Int, _ t: UnsafePointer<Tie>) -> String? {
            switch k {
            case 0: return t.pointee.label
            case 1: return t.pointee.weight.map(NumberFormatting.shortest)
            case 2: return t.pointee.isDirected ? "true" : nil
            case 3: return t.pointee.themes.isEmpty ? nil : t.pointee.themes.joined(separator: ";")
            case 4: return t.pointee.provenance
            case 5: return t.pointee.id
            case 6: return t.pointee.status
            default: return t.pointee.note
            }
        }
        let text: [UInt8] = ts.withUnsafeBufferPointer { buf in
            guard let base = buf.baseAddress else { return [] }
            var has = [Bool](repeating: false, count: names.count)
            var attributeKeys = Set<String>()
            for i in 0..<buf.count {
                let t = base + i
                if !has[0], t.pointee.label != nil { has[0] = true }
                if !has[1], t.pointee.weight != nil { has[1] = true }
                if !has[2], t.pointee.isDirected { has[2] = true }
                if !has[3], !t.pointee.themes.isEmpty { has[3] = true }
                if !has[4], t.pointee.provenance != nil { has[4] = true }
                if !has[5], t.pointee.id != nil { has[5] = true }
                if !has[6], t.pointee.status != nil { has[6] = true }
                if !has[7], t.pointee.note != nil { has[7] = true }
                if !t.pointee.attributes.isEmpty { attributeKeys.formUnion(t.pointee.attributes.keys) }
            }
            let used = names.indices.filter { has[$0] }
            tCols += used.map { names[$0] }
            let tAttr = attributeKeys.sorted()
            var header = CSVWriter()
            header.writeRecord(tCols + tAttr)
            let ties = UnsafeSendable(base)
            let columns = used
            // Chunks of ties written on every core, joined in order: the same bytes as one pass.
            return CSVWriter.concatenatedChunks(after: header.bytes, count: buf.count) { range, out in
                out.reserveCapacity(range.count * 32)
                for i in range {
                    let t = ties.value + i
                    var row = out.beginRecord()
                    out.appendField(t.pointee.source, to: &row)
                    out.appendField(t.pointee.target, to: &row)
                    out.appendField(t.pointee.type, to: &row)
                    out.appendField(t.pointee.start, to: &row)
                    out.appendField(t.pointee.end, to: &row)
                    for k in columns {
                        out.appendField(k == 2 ? (t.pointee.isDirected ? "true" : "false") : (field(k, t) ?? ""), to: &row)
                    }
                    for a in tAttr { out.appendField(t.pointee.attributes[a]?.description ?? "", to: &row) }
                    out.endRecord(row)
                }
            }
        }
        return (partners.bytes, text)
    }
}
