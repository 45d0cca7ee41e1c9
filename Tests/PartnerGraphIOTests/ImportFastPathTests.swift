import Foundation
import PartnerGraph
@testable import PartnerGraphIO
import Testing

/// The import's byte-level row loop (ImportTables.swift) must read a row as
/// the `String` path would: the same trimming, the same equality (canonical
/// equivalence included), the same dates. Expected values are worked out by
/// hand from the CSV text of each test.
@Suite("Import: byte-level fields read as strings")
struct ImportFastPathTests {
    static let bipartite = """
    mode: bipartite
    partners: {id: member, name: name}
    groups: {id: group, kind: treaty}
    ties: {type: membership, start: year}
    dates: [YYYY, YYYY-MM-DD]
    undated: skip
    """
    static let filtered = bipartite + "\nfilters: [{column: status, not: [withdrawn]}]\n"

    @Test("an id written bare, padded, quoted and with doubled quotes is one partner per text")
    func spellingsOfOneID() throws {
        let csv = """
        member,name,group,year,status
        S1,One,T1,2001,ok
         S1 ,One again,T2,2002,ok
        "S1",,T3,2003,ok
        S1\u{A0},,T4,2006,ok
        "S""2",Two,T1,2004,ok
        "S""2 ",Two again,T2,2005,ok

        """
        let r = try CSVImporter.importCSV(csv, path: "x.csv", mapping: ImportMapping.parse(Self.bipartite, path: "m.yaml"))
        // S1 four times (trimmed, unquoted, and with a trailing no-break space, which takes the String path);
        // S"2 twice (doubled quotes inside quotes).
        #expect(r.network.partners.map(\.id) == ["S1", "S\"2", "T1", "T2", "T3", "T4"])
        #expect(r.network.partner(id: "S1")?.name == "One")  // the first row's name
        #expect(r.network.ties.map { "\($0.source)>\($0.target)@\($0.start!)" }
                == ["S1>T1@2001", "S1>T2@2002", "S1>T3@2003", "S1>T4@2006", "S\"2>T1@2004", "S\"2>T2@2005"])
        #expect(r.report.rowsUsed == 6)
    }

    @Test("canonically equivalent ids are one partner, as String equality says (é as one or two scalars; KELVIN SIGN and K)")
    func canonicalEquivalence() throws {
        let composed = "Caf\u{E9}", decomposed = "Cafe\u{301}"
        #expect(composed == decomposed && "K" == "\u{212A}")  // the premise: Swift strings compare canonically
        let csv = """
        member,name,group,year,status
        \(composed),first,T1,2001,ok
        \(decomposed),second,T2,2002,ok
        K,kay,T1,2003,ok
        \u{212A},kelvin,T2,2004,ok

        """
        let r = try CSVImporter.importCSV(csv, path: "x.csv", mapping: ImportMapping.parse(Self.bipartite, path: "m.yaml"))
        #expect(r.network.partners.count == 4)  // Café, K, T1, T2
        #expect(r.network.partners.map(\.name) == ["first", "kay", "T1", "T2"])
        #expect(r.network.ties.count == 4)
        #expect(r.network.problems().isEmpty)
    }

    @Test("filter values and dates are compared after trimming, in quotes or not; non-ASCII filter values by String equality")
    func filtersAndDates() throws {
        let csv = """
        member,name,group,year,status
        A,a,T1, 2001 ,ok
        B,b,T1,"2002-03-04", withdrawn
        C,c,T1,,ok
        D,d,T1,2003,"withdrawn"
        E,e,T1,\u{A0}2004\u{A0},ok

        """
        let r = try CSVImporter.importCSV(csv, path: "x.csv", mapping: ImportMapping.parse(Self.filtered, path: "m.yaml"))
        // B and D filtered out; C undated (skipped); E's date has no-break spaces, which trimming removes too.
        #expect(r.network.ties.map { "\($0.source)@\($0.start!)" } == ["A@2001", "E@2004"])
        #expect(r.report.rowsFiltered == 2)
        #expect(r.report.skipped == [ImportReport.SkipCount(reason: "undated", count: 1)])

        // A non-ASCII filter value equals an ASCII field when String equality says so (KELVIN SIGN is K).
        let kelvin = Self.filtered.replacingOccurrences(of: "not: [withdrawn]", with: "not: [\"\u{212A}\"]")
        let csv2 = "member,name,group,year,status\nA,a,T1,2001,K\nB,b,T1,2002,ok\n"
        let r2 = try CSVImporter.importCSV(csv2, path: "x.csv", mapping: ImportMapping.parse(kelvin, path: "m.yaml"))
        #expect(r2.network.ties.map(\.source) == ["B"])
        #expect(r2.report.rowsFiltered == 1)
    }

    @Test("a date in a format the mapping does not accept, or a day that does not exist, is still reported")
    func datesOutsideTheFastPath() throws {
        let m = try ImportMapping.parse(Self.bipartite.replacingOccurrences(of: "dates: [YYYY, YYYY-MM-DD]", with: "dates: [YYYY]"), path: "m.yaml")
        let csv = "member,name,group,year,status\nA,a,T1,2001-02-03,ok\nB,b,T1,2001,ok\n"
        let r = try CSVImporter.importCSV(csv, path: "x.csv", mapping: m)
        #expect(r.network.ties.map(\.source) == ["B"])
        #expect(r.report.skipped == [ImportReport.SkipCount(reason: "invalid date", count: 1)])
        #expect(r.report.warnings.first?.message.contains("format YYYY-MM-DD, which the mapping does not accept") == true)
        // Every row skipped: an empty graph (not declared two-mode: its sides have no kinds) and the reason.
        let r2 = try CSVImporter.importCSV("member,name,group,year,status\nA,a,T1,2001-02-30,ok\n", path: "x.csv",
                                           mapping: ImportMapping.parse(Self.bipartite, path: "m.yaml"))
        #expect(r2.report.warnings.first?.message.contains("date '2001-02-30' does not exist") == true)
        #expect(r2.network.partners.isEmpty && r2.network.ties.isEmpty && !r2.network.settings.isTwoMode)
    }

    @Test("edges: a self-tie written two ways is skipped; undirected duplicates merge in either direction")
    func edges() throws {
        let m = try ImportMapping.parse("""
        mode: edges
        partners: {kind: ngo}
        ties: {source: from, target: to, type: {column: kind}, start: year}
        dates: [YYYY]
        """, path: "m.yaml")
        let csv = """
        from,to,kind,year
        A, A ,agreement,2001
        A,B,agreement,2001
        B,A,agreement,1999
        B,A,liaison,2003

        """
        let r = try CSVImporter.importCSV(csv, path: "x.csv", mapping: m)
        #expect(r.report.skipped == [ImportReport.SkipCount(reason: "self-tie", count: 1)])
        #expect(r.report.duplicatesMerged == 1)
        #expect(r.network.ties.map { "\($0.source)-\($0.target) \($0.type) \($0.start!)" }
                == ["A-B agreement 1999", "B-A liaison 2003"])  // the first row kept, its start widened to 1999
    }

    @Test("the interner and the duplicate table find every key again after growing")
    func tables() {
        var ids = IDInterner()
        for i in 0..<5000 { #expect(ids.intern("P\(i)") == (i, true)) }
        for i in stride(from: 4999, through: 0, by: -7) { #expect(ids.intern("P\(i)") == (i, false)) }
        #expect(ids.index(of: "P123") == 123)
        #expect(ids.index(of: "P5000") == nil)
        var keys = PairKeyTable()
        for i in 0..<20_000 { #expect(keys.firstRow(outer: i % 3, inner: UInt64(i), insertingIfAbsent: i) == nil) }
        for i in 0..<20_000 where i % 97 == 0 { #expect(keys.firstRow(outer: i % 3, inner: UInt64(i), insertingIfAbsent: -1) == i) }
        #expect(keys.firstRow(outer: 1, inner: 0, insertingIfAbsent: 7) == nil)  // (0, 0) is taken, (1, 0) is not
    }

    @Test("dates written by the CSV writer read as PartialDate.description")
    func writerDates() throws {
        let dates = [PartialDate(year: 5)!, PartialDate(year: 99, month: 1)!, PartialDate(year: 2001, month: 12, day: 31)!,
                     PartialDate(year: 9999, month: 2, day: 3)!]
        var w = CSVWriter()
        var row = w.beginRecord()
        for d in dates { w.appendField(d, to: &row) }
        w.appendField(nil, to: &row)
        w.endRecord(row)
        #expect(w.text == "0005,0099-01,2001-12-31,9999-02-03,\n")
        #expect(w.text == dates.map(\.description).joined(separator: ",") + ",\n")
    }

    @Test("ties written in chunks on several cores are the bytes of one pass")
    func chunkedWriter() {
        let fields = (0..<10_000).map { "p\($0)" + ($0 % 13 == 0 ? ",quoted" : "") }
        let chunked = CSVWriter.concatenatedChunks(after: Array("h\n".utf8), count: fields.count, minimumChunk: 100) { range, out in
            for i in range { out.writeRecord([fields[i], "x"]) }
        }
        var single = CSVWriter()
        single.writeRecord(["h"])
        for f in fields { single.writeRecord([f, "x"]) }
        #expect(chunked == single.bytes)
    }
}

/// A large input is read in pieces on several threads and merged; the result
/// must be that of reading every row in order. The expected values come from
/// a plain row-by-row reading written here (dictionaries, no interning).
@Suite("Import: a large input read in pieces")
struct ImportPiecesTests {
    @Test("200,000 rows (four pieces): partners in first-seen order, first names, merged duplicates, counts")
    func largeInput() throws {
        var csv = "member,name,group,year,status\n"
        var rows: [(member: String, name: String, group: String, year: Int?, status: String)] = []
        for i in 0..<200_000 {
            let member = "M\((i &* 7919) % 5003)"
            let name = i % 3 == 0 ? "" : "Name \(i)"          // the first row of a member may have no name
            let group = "G\(i % 37)"
            let year: Int? = i % 11 == 0 ? nil : 1950 + (i &* 31) % 60
            let status = i % 13 == 0 ? "withdrawn" : "ok"
            rows.append((member, name, group, year, status))
            csv += "\(member),\(name),\(group),\(year.map(String.init) ?? ""),\(status)\n"
        }
        let m = try ImportMapping.parse(ImportFastPathTests.filtered, path: "m.yaml")
        let r = try CSVImporter.importCSV(csv, path: "big.csv", mapping: m)

        // Row by row.
        var order: [String] = [], groupOrder: [String] = [], seen = Set<String>(), seenGroups = Set<String>()
        var names: [String: String] = [:]
        var first: [String: Int] = [:]
        var ties: [(source: String, target: String, start: Int)] = []
        var filtered = 0, undated = 0, merged = 0
        for row in rows {
            if row.status == "withdrawn" { filtered += 1; continue }
            guard let year = row.year else { undated += 1; continue }
            if seen.insert(row.member).inserted { order.append(row.member) }
            if seenGroups.insert(row.group).inserted { groupOrder.append(row.group) }
            if names[row.member] == nil, !row.name.isEmpty { names[row.member] = row.name }
            let key = row.member + "|" + row.group
            if let f = first[key] {
                merged += 1
                ties[f].start = min(ties[f].start, year)
            } else {
                first[key] = ties.count
                ties.append((row.member, row.group, year))
            }
        }
        #expect(r.report.rowsRead == 200_000)
        #expect(r.report.rowsFiltered == filtered)
        #expect(r.report.skipped == [ImportReport.SkipCount(reason: "undated", count: undated)])
        #expect(r.report.duplicatesMerged == merged)
        #expect(r.report.rowsUsed == ties.count)
        #expect(r.network.partners.map(\.id) == order + groupOrder)
        #expect(r.network.partners.prefix(order.count).map(\.name) == order.map { names[$0] ?? $0 })
        #expect(r.network.ties.count == ties.count)
        #expect(r.network.ties.map { "\($0.source) \($0.target) \($0.start!.year)" } == ties.map { "\($0.source) \($0.target) \($0.start)" })
    }
}
