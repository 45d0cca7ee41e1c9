import Foundation
import PartnerGraph
@testable import PartnerGraphIO
import Testing

/// The shared real data (`repoRoot/../shared/data`), or `nil` when absent.
enum SharedData {
    static let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let dir: URL? = {
        let d = repoRoot.deletingLastPathComponent().appendingPathComponent("shared/data")
        return FileManager.default.fileExists(atPath: d.appendingPathComponent("manytrade_HUGGO_MEM_additional.csv").path) ? d : nil
    }()
    static var available: Bool { dir != nil }
    static func path(_ name: String) -> String { dir!.appendingPathComponent(name).path }
    static func example(_ name: String) -> String { repoRoot.appendingPathComponent("Examples/\(name)").path }

    static let python: String? = ["/usr/bin/python3", "/usr/local/bin/python3", "/bin/python3"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Runs a Python script (the csv module only) and parses its `key=value` lines.
    static func runPython(_ script: String, _ args: [String]) throws -> [String: Int] {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: python!)
        p.arguments = ["-c", script] + args
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        var result: [String: Int] = [:]
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
            let parts = line.split(separator: "=")
            if parts.count == 2, let v = Int(parts[1]) { result[String(parts[0])] = v }
        }
        return result
    }

    /// An independent reading of the HUGGO membership file with the same rules
    /// as Examples/huggo-*.mapping.yaml: literal NA is a stateID; dates in four
    /// formats; 31.12.9999 open; start StateForce > Accession > StateSignature >
    /// Force > Signature; end StateEnd > End; rows with an impossible date or an
    /// end before the start dropped; repeated (manyID, stateID) merged by
    /// widening; projection dated by the overlap.
    static let huggoScript = #"""
import csv, sys, datetime, calendar, itertools
rows = list(csv.reader(open(sys.argv[1], newline='', encoding='utf-8-sig')))
header, data = rows[0], rows[1:]
col = {n: i for i, n in enumerate(header)}
print('rows=%d' % len(data))
nonempty = [r for r in data if any(x.strip() for x in r)]
print('empty=%d' % (len(data) - len(nonempty)))
print('agreements=%d' % len({r[col['manyID']] for r in nonempty}))
print('parties=%d' % len({r[col['stateID']] for r in nonempty}))
seen = set(); dups = 0
for r in nonempty:
    k = (r[col['manyID']], r[col['stateID']])
    if k in seen: dups += 1
    seen.add(k)
print('duplicates=%d' % dups)
def parse(s):
    # returns (first day, last day) or raises ValueError
    if len(s) == 4: y, m, d = int(s), None, None
    elif len(s) == 7 and s[4] == '-': y, m, d = int(s[:4]), int(s[5:]), None
    elif len(s) == 10 and s[4] == '-': y, m, d = int(s[:4]), int(s[5:7]), int(s[8:])
    elif len(s) == 10 and s[2] == '.': y, m, d = int(s[6:]), int(s[3:5]), int(s[:2])
    else: raise ValueError(s)
    if d is not None: x = datetime.date(y, m, d); return (x, x)
    if m is not None: return (datetime.date(y, m, 1), datetime.date(y, m, calendar.monthrange(y, m)[1]))
    return (datetime.date(y, 1, 1), datetime.date(y, 12, 31))
def pick(r, cols, is_end):
    for c in cols:
        v = r[col[c]].strip()
        if v in ('NA', ''): continue
        if v == '31.12.9999':
            if is_end: return None
            continue
        return parse(v)
    return None
mem = {}; order = []; bad = 0; backwards = 0
for r in nonempty:
    try:
        s = pick(r, ['StateForce', 'Accession', 'StateSignature', 'Force', 'Signature'], False)
        e = pick(r, ['StateEnd', 'End'], True)
    except ValueError:
        bad += 1; continue
    if s and e and e[1] < s[0]: backwards += 1; continue
    k = (r[col['manyID']], r[col['stateID']])
    if k in mem:
        s0, e0 = mem[k]
        s = min([x for x in (s0, s) if x], default=None, key=lambda t: t[0])
        e = None if (e0 is None or e is None) else max(e0, e, key=lambda t: t[1])
    else:
        order.append(k)
    mem[k] = (s, e)
print('baddates=%d' % bad)
print('backwards=%d' % backwards)
print('memberships=%d' % len(mem))
bygroup = {}
for (g, m) in order: bygroup.setdefault(g, []).append(m)
ties = 0; nooverlap = 0
for g, ms in bygroup.items():
    for a, b in itertools.combinations(ms, 2):
        (sa, ea), (sb, eb) = mem[(g, a)], mem[(g, b)]
        s = max([x[0] for x in (sa, sb) if x], default=None)
        e = min([x[1] for x in (ea, eb) if x], default=None)
        if s and e and e < s: nooverlap += 1
        else: ties += 1
print('projected=%d' % ties)
print('nooverlap=%d' % nooverlap)
"""#

    /// An independent count of the COW spells file: status-1 rows, states, IGOs.
    static let cowScript = #"""
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline='')))
full = [r for r in rows if r['status'].strip() == '1']
print('rows=%d' % len(rows))
print('filtered=%d' % (len(rows) - len(full)))
print('states=%d' % len({r['stateabb'] for r in full}))
print('igos=%d' % len({r['ioname'] for r in full}))
keys = [(r['stateabb'], r['ioname'], r['first_year'], r['last_year']) for r in full]
print('duplicates=%d' % (len(keys) - len(set(keys))))
names = {r['stateabb'] for r in csv.DictReader(open(sys.argv[2], newline=''))}
print('named=%d' % len({r['stateabb'] for r in full} & names))
"""#
}

@Suite struct ImportMappingTests {
    @Test("unknown keys, a bad mode and a bad date format are reported at their line and column, with did-you-mean")
    func mappingDiagnostics() throws {
        let text = """
        mode: projectd
        dates: [DD.MM.YYYY, DD/MM/YYYY]
        partners:
          id: member
          kindd: state
        groups: {id: group}
        tiez: {}
        """
        do {
            _ = try ImportMapping.parse(text, path: "m.yaml")
            Issue.record("expected errors")
        } catch {
            let heads = error.diagnostics.map(\.headline)
            #expect(heads.contains("m.yaml:1:7: error: unknown mode 'projectd' (did you mean 'projected'?)"), "\(heads)")
            #expect(heads.contains { $0.hasPrefix("m.yaml:2:21: error: unknown date format 'DD/MM/YYYY' (did you mean 'DD.MM.YYYY'?)") }, "\(heads)")
            #expect(heads.contains("m.yaml:5:3: error: unknown field of 'partners' 'kindd' (did you mean 'kind'?)"), "\(heads)")
            #expect(heads.contains("m.yaml:7:1: error: unknown mapping field 'tiez' (did you mean 'ties'?)"), "\(heads)")
        }
    }

    @Test("a column the CSV does not have is reported in the mapping file, with did-you-mean, and nothing is imported")
    func unknownColumn() throws {
        let m = try ImportMapping.parse("""
        mode: bipartite
        partners: {id: member}
        groups: {id: groupe}
        ties: {start: [from, strat]}
        """, path: "m.yaml")
        do {
            _ = try CSVImporter.importCSV("group,member,start\nG,A,2000\n", path: "x.csv", mapping: m)
            Issue.record("expected errors")
        } catch {
            let heads = error.diagnostics.map(\.headline)
            #expect(heads == [
                "m.yaml:3:14: error: unknown column 'groupe' in x.csv (did you mean 'group'?)",
                "m.yaml:4:16: error: unknown column 'from' in x.csv",
                "m.yaml:4:22: error: unknown column 'strat' in x.csv (did you mean 'start'?)",
            ], "\(heads)")
        }
    }

    @Test("date formats: only the accepted ones parse; impossible days are rejected")
    func dateFormats() throws {
        let all = ImportDateFormat.allCases
        #expect(try ImportDateFormat.parse("31.12.2001", formats: all).get() == PartialDate("2001-12-31"))
        #expect(try ImportDateFormat.parse("2001-12", formats: all).get() == PartialDate("2001-12"))
        #expect(try ImportDateFormat.parse("2001", formats: all).get() == PartialDate("2001"))
        #expect((try? ImportDateFormat.parse("2001", formats: [.dayMonthYear]).get()) == nil)
        #expect((try? ImportDateFormat.parse("31.02.2001", formats: all).get()) == nil)
        #expect((try? ImportDateFormat.parse("2020-99-99", formats: all).get()) == nil)
        #expect((try? ImportDateFormat.parse("1/2/2001", formats: all).get()) == nil)
    }
}

@Suite struct ImportTests {
    static let membershipMapping = """
    mode: projected
    missing: [NA, ""]
    open-ended: ["31.12.9999"]
    dates: mixed
    partners: {id: member, kind: state}
    groups: {id: group}
    ties: {type: co-membership, start: from, end: to}
    undated: keep
    """

    /// Hand-made memberships; the overlaps below are computed by hand.
    static let memberships = """
    group,member,from,to
    G1,A,2000,2010
    G1,B,2005,NA
    G1,C,2012,2015
    G2,A,01.03.2001,31.12.9999
    G2,B,2001-06,2003
    G2,C,NA,NA
    G1,A,1999,2009
    ,D,2000,2001
    G3,E,2000,1999
    G3,F,31.02.2000,NA
    ,,,
    """

    @Test("projected: pairs dated by the overlap of their memberships; no overlap, no tie (hand-computed)")
    func projectedByHand() throws {
        let m = try ImportMapping.parse(Self.membershipMapping, path: "m.yaml")
        let r = try CSVImporter.importCSV(Self.memberships, path: "mem.csv", mapping: m)
        // G1: A 1999–2010 (line 8 merged into line 2: start widened to 1999), B 2005–open, C 2012–2015.
        //   A–B 2005–2010; A–C none (A ends 2010 before C starts 2012); B–C 2012–2015.
        // G2: A 2001-03-01–open, B 2001-06–2003, C undated.
        //   A–B 2001-06–2003; A–C 2001-03-01–open; B–C 2001-06–2003.
        let ties = r.network.ties.map { "\($0.label!) \($0.source)–\($0.target) \($0.start?.description ?? "?")–\($0.end?.description ?? "open")" }
        #expect(ties == [
            "G1 A–B 2005–2010", "G1 B–C 2012–2015",
            "G2 A–B 2001-06–2003", "G2 A–C 2001-03-01–open", "G2 B–C 2001-06–2003",
        ])
        #expect(r.report.pairsWithoutOverlap == 1)
        #expect(r.report.rowsRead == 11)
        #expect(r.report.duplicatesMerged == 1)
        #expect(r.report.rowsUsed == 6)
        #expect(r.report.skipped.map { "\($0.reason): \($0.count)" } == [
            "empty row: 1", "missing group id (group): 1", "ends before it starts: 1", "invalid date: 1",
        ])
        #expect(r.network.partners.map(\.id) == ["A", "B", "C"])
        // Every unusable row and the duplicate are reported at their line.
        #expect(r.report.warnings.map { $0.line ?? 0 } == [8, 9, 10, 11, 12])
        #expect(r.report.warnings[0].message.hasPrefix("duplicate of line 2 (member 'A', group 'G1'); merged, dates widened to 1999–2010"))
        #expect(r.report.warnings[3].headline == "mem.csv:11:6: warning: date '31.02.2000' does not exist in column from; row skipped")
        #expect(r.network.problems().isEmpty)
        #expect(r.network.settings.tieTypes.map(\.name) == ["co-membership"])
    }

    @Test("bipartite: members and groups become partners; membership ties; the hand-made file's counts")
    func bipartiteByHand() throws {
        let m = try ImportMapping.parse(Self.membershipMapping.replacingOccurrences(of: "projected", with: "bipartite")
            .replacingOccurrences(of: "groups: {id: group}", with: "groups: {id: group, kind: agreement}"), path: "m.yaml")
        let r = try CSVImporter.importCSV(Self.memberships, path: "mem.csv", mapping: m)
        #expect(r.network.partners.map(\.id) == ["A", "B", "C", "G1", "G2"])
        #expect(r.report.partnersByKind.map { "\($0.kind) \($0.count)" } == ["agreement 2", "state 3"])
        #expect(r.network.ties.count == 6)
        #expect(r.network.ties[0].start == PartialDate("1999") && r.network.ties[0].end == PartialDate("2010"))
        #expect(r.network.problems().isEmpty)
    }

    @Test("missing values apply per column: a literal NA id is kept where the mapping says so, skipped and explained otherwise")
    func perColumnMissing() throws {
        let csv = "group,member,name,to\nG,NA,Macao,NA\nG,AGO,Angola,2001\n"
        let base = """
        mode: bipartite
        partners: {id: member, name: name}
        groups: {id: group}
        ties: {end: to}
        """
        let naive = try CSVImporter.importCSV(csv, path: "x.csv", mapping: ImportMapping.parse(base, path: "m.yaml"))
        #expect(naive.network.partners.map(\.id) == ["AGO", "G"])
        #expect(naive.report.warnings.first?.headline == "x.csv:2:3: warning: missing member id in column member ('NA' means missing here); row skipped")
        let careful = try CSVImporter.importCSV(csv, path: "x.csv", mapping: ImportMapping.parse(base + """

        missing:
          values: [NA, ""]
          columns: {member: [""]}
        """, path: "m.yaml"))
        #expect(careful.network.partner(id: "NA")?.name == "Macao")
        #expect(careful.network.ties.count == 2)
        #expect(careful.network.ties[0].end == nil)   // NA still means missing in column 'to'
    }

    @Test("filters, spells, kinds per id and a names table")
    func filtersSpellsNames() throws {
        let m = try ImportMapping.parse("""
        mode: bipartite
        missing: [""]
        dates: [YYYY]
        filters: [{column: status, equals: 1}]
        duplicates: spell
        partners: {id: abb, kind: state, kinds: {EC: organisation}}
        groups: {id: io, kind: igo}
        ties: {type: membership, start: first, end: last}
        """, path: "m.yaml")
        let csv = "abb,io,first,last,status\nUSA,un,1945,1990,1\nUSA,un,1995,2014,1\nUSA,un,1945,1990,1\nFRA,un,1945,2014,3\nEC,un,2000,2014,1\n"
        let r = try CSVImporter.importCSV(csv, path: "s.csv", mapping: m, names: ["USA": "United States"])
        #expect(r.network.ties.count == 3)                 // two USA spells kept, the identical third merged
        #expect(r.report.duplicatesMerged == 1)
        #expect(r.report.skipped.isEmpty)
        #expect(r.report.rowsFiltered == 1)
        #expect(r.network.partner(id: "USA")?.name == "United States")
        #expect(r.network.partner(id: "EC")?.kind == "organisation")
        #expect(r.network.partner(id: "FRA") == nil)
        #expect(r.report.warnings.contains { $0.message.hasPrefix("1 partner has no name in the names file; id used as name: EC") })
    }

    @Test("edges mode: source, target, type column; self-ties and undirected duplicates")
    func edges() throws {
        let m = try ImportMapping.parse("""
        mode: edges
        partners: {kind: ngo}
        ties: {source: a, target: b, type: {column: kind}, start: when}
        undated: keep
        """, path: "m.yaml")
        let r = try CSVImporter.importCSV("a,b,kind,when\nx,y,liaison,2001\ny,x,liaison,1999\nx,x,liaison,2000\nx,z,agreement,NA\n",
                                          path: "e.csv", mapping: m)
        #expect(r.network.ties.map { "\($0.source)-\($0.target) \($0.type) \($0.start?.description ?? "-")" } == ["x-y liaison 1999", "x-z agreement -"])
        #expect(r.report.skipped.map(\.reason) == ["self-tie"])
        #expect(r.network.problems().isEmpty)
    }

    // MARK: - Real data

    @Test("HUGGO memberships, bipartite and projected: counts match an independent Python reading",
          .enabled(if: SharedData.available, "../shared/data is absent"))
    func huggo() throws {
        let csv = SharedData.path("manytrade_HUGGO_MEM_additional.csv")
        let bi = try CSVImporter.importFile(atPath: csv, mapping: ImportMapping.load(path: SharedData.example("huggo-bipartite.mapping.yaml")))
        let pr = try CSVImporter.importFile(atPath: csv, mapping: ImportMapping.load(path: SharedData.example("huggo-projected.mapping.yaml")))
        #expect(bi.report.duplicatesMerged == 27)
        #expect(bi.report.warnings.filter { $0.message.hasPrefix("duplicate of line") }.count == 27)
        #expect(bi.network.partner(id: "NA")?.name == "Macao")
        #expect(bi.network.partner(id: "EC")?.kind == "organisation")
        #expect(bi.network.partner(id: "EFTA")?.kind == "organisation")
        #expect(bi.network.problems().isEmpty && pr.network.problems().isEmpty)
        guard SharedData.python != nil else {
            print("ImportTests.huggo: python3 absent; Python cross-check skipped")
            return
        }
        let py = try SharedData.runPython(SharedData.huggoScript, [csv])
        #expect(py["duplicates"] == 27)
        #expect(bi.report.rowsRead == py["rows"])
        #expect(bi.report.skipped.first { $0.reason == "empty row" }?.count == py["empty"])
        #expect(bi.report.skipped.first { $0.reason == "invalid date" }?.count == py["baddates"])
        #expect(bi.report.skipped.first { $0.reason == "ends before it starts" }?.count == py["backwards"])
        #expect(bi.report.duplicatesMerged == py["duplicates"])
        #expect(bi.network.partners.filter { $0.kind == "agreement" }.count == py["agreements"])
        #expect(bi.network.partners.filter { $0.kind != "agreement" }.count == py["parties"])
        #expect(bi.network.ties.count == py["memberships"])
        #expect(pr.network.partners.count == py["parties"])
        #expect(pr.network.ties.count == py["projected"])
        #expect(pr.report.pairsWithoutOverlap == py["nooverlap"])
    }

    @Test("COW IGO spells, status 1, named from the COW state list: counts match Python",
          .enabled(if: SharedData.available, "../shared/data is absent"))
    func cow() throws {
        let r = try CSVImporter.importFile(atPath: SharedData.path("cow_igo_v3_membership_spells.csv"),
                                           mapping: ImportMapping.load(path: SharedData.example("cow-igo.mapping.yaml")),
                                           allowsOutsidePaths: true)
        #expect(r.network.problems().isEmpty)
        #expect(r.network.partner(id: "USA")?.name == "United States of America")
        guard SharedData.python != nil else { return }
        let py = try SharedData.runPython(SharedData.cowScript, [SharedData.path("cow_igo_v3_membership_spells.csv"),
                                                                 SharedData.path("igoR_states2016.csv")])
        #expect(r.report.rowsRead == py["rows"])
        #expect(r.report.rowsFiltered == py["filtered"])
        #expect(r.network.partners.filter { $0.kind == "state" }.count == py["states"])
        #expect(r.network.partners.filter { $0.kind == "igo" }.count == py["igos"])
        #expect(r.report.duplicatesMerged == py["duplicates"])
        #expect(r.network.ties.count == py["rows"]! - py["filtered"]! - py["duplicates"]!)
        #expect(r.report.namedFromNamesFile == py["named"])
    }
}

@Suite struct ImportValuesTests {
    @Test("Excel serial dates: the 1900 system with its leap-year bug, the 1904 system (values from Python's datetime)",
          arguments: [
            (1.0, false, "1900-01-01"), (59, false, "1900-02-28"), (61, false, "1900-03-01"),
            (36892, false, "2001-01-01"), (36892.75, false, "2001-01-01"), (2958465, false, "9999-12-31"),
            (0, true, "1904-01-01"), (35430, true, "2001-01-01"),
          ])
    func excelSerials(serial: Double, uses1904: Bool, expected: String) throws {
        #expect(try ImportDateFormat.excelDate(serial, uses1904: uses1904).get().description == expected)
    }

    @Test("Excel serial 60 (29 February 1900) and numbers before day 1 are errors, not dates")
    func excelSerialErrors() throws {
        guard case .failure(let p) = ImportDateFormat.excelDate(60, uses1904: false) else { Issue.record("60 parsed"); return }
        #expect(p.message.contains("leap-year bug"))
        #expect((try? ImportDateFormat.excelDate(0, uses1904: false).get()) == nil)
        #expect((try? ImportDateFormat.excelDate(-1, uses1904: true).get()) == nil)
        // In a CSV, `dates: excel` reads numbers as serials; a four-digit number stays a year when YYYY is accepted too.
        #expect(try ImportDateFormat.parse("36892", formats: [.excel]).get() == PartialDate("2001-01-01"))
        #expect(try ImportDateFormat.parse("2001", formats: [.year, .excel]).get() == PartialDate("2001"))
        #expect(try ImportDateFormat.parse("36892", formats: [.year, .excel]).get() == PartialDate("2001-01-01"))
    }

    @Test("values from the file name (regex capture) and an inline lookup; a value not in the lookup is an error with its place")
    func fileNameAndLookup() throws {
        let m = try ImportMapping.parse("""
        mode: bipartite
        partners: {id: state, kind: {column: type, lookup: {S: state, O: organisation}}}
        groups: {id: {file: stem, match: "hr_status_(.*)"}, name: {file: stem, match: "hr_status_(.*)", lookup: {cat: Convention against Torture}}, kind: treaty}
        ties: {start: year}
        """, path: "m.yaml")
        let r = try CSVImporter.importCSV("state,type,year\nFRA,S,1986\nEU,O,2001\n", path: "d/hr_status_cat.csv", mapping: m)
        #expect(r.network.partners.map { "\($0.id) \($0.name) \($0.kind)" } == ["FRA FRA state", "EU EU organisation", "cat Convention against Torture treaty"])
        #expect(throws: GraphFileError.self) {
            _ = try CSVImporter.importCSV("state,type,year\nFRA,X,1986\n", path: "hr_status_cat.csv", mapping: m)
        }
        do {
            _ = try CSVImporter.importCSV("state,type,year\nFRA,X,1986\n", path: "hr_status_cat.csv", mapping: m)
        } catch {
            #expect(error.diagnostics.map(\.headline) == ["hr_status_cat.csv:2:5: error: column type: 'X' is not in the lookup table of {column: type, lookup: …}; closest keys: 'O', 'S'"])
        }
        // A file name the pattern does not fit: an error at the mapping's key, naming the file.
        do {
            _ = try CSVImporter.importCSV("state,type,year\nFRA,S,1986\n", path: "other.csv", mapping: m)
            Issue.record("imported")
        } catch {
            #expect(error.diagnostics.first?.headline.hasPrefix("m.yaml:3:14: error: in other.csv: 'other' does not match \"hr_status_(.*)\"") == true,
                    "\(error.diagnostics)")
        }
    }

    @Test("undated rows: an error by default, kept or skipped and counted when the mapping says so")
    func undated() throws {
        let csv = "g,m,y\nG,A,2000\nG,B,\nG,C,NA\n"
        let base = "mode: bipartite\npartners: {id: m}\ngroups: {id: g}\nties: {start: y}\n"
        do {
            _ = try CSVImporter.importCSV(csv, path: "u.csv", mapping: ImportMapping.parse(base, path: "m.yaml"))
            Issue.record("imported")
        } catch {
            #expect(error.diagnostics.map(\.headline) == ["u.csv:3:5: error: no start date: column y is empty or missing",
                                                          "u.csv:4:5: error: no start date: column y is empty or missing"])
        }
        let skip = try CSVImporter.importCSV(csv, path: "u.csv", mapping: ImportMapping.parse(base + "undated: skip\n", path: "m.yaml"))
        #expect(skip.report.skipped.map { "\($0.reason) \($0.count)" } == ["undated 2"])
        #expect(skip.network.ties.count == 1)
        let keep = try CSVImporter.importCSV(csv, path: "u.csv", mapping: ImportMapping.parse(base + "undated: keep\n", path: "m.yaml"))
        #expect(keep.network.ties.count == 3 && keep.report.skipped.isEmpty)
    }
}
