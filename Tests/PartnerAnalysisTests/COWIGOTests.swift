import Foundation
import Testing
import PartnerAnalysis
import PartnerGraph
import PartnerGraphIO

/// Real data: Correlates of War IGO v3 membership spells (../shared/data),
/// built into a partner network through the public API and analysed per year.
/// Skips cleanly when the data folder is absent.
@Suite struct COWIGOTests {
    static let dataDir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/data")
    static let spells = dataDir.appendingPathComponent("cow_igo_v3_membership_spells.csv")
    static var available: Bool { FileManager.default.fileExists(atPath: spells.path) }

    /// States and IGOs as partners, full memberships (status 1) as dated ties.
    static func network() throws -> PartnerNetwork {
        let reader = try CSVReader(contentsOfFile: spells.path)
        #expect(reader.errors.isEmpty)
        let c = ["ccode", "stateabb", "ioname", "first_year", "last_year", "status"].map { reader.columnIndex(named: $0)! }
        var net = PartnerNetwork(title: "COW IGO memberships",
                                 settings: GraphSettings(tieTypes: [TieTypeSetting(name: "membership", weight: 1)]))
        var seen = Set<String>()
        for r in reader.records where r[c[5]] == "1" {
            let state = "state:" + r[c[1]], igo = "igo:" + r[c[2]]
            if seen.insert(state).inserted { try net.add(Partner(id: state, name: r[c[1]], kind: "state")) }
            if seen.insert(igo).inserted { try net.add(Partner(id: igo, name: r[c[2]], kind: "igo")) }
            net.add(Tie(type: "membership", source: state, target: igo,
                        start: PartialDate(r[c[3]]), end: PartialDate(r[c[4]])))
        }
        return net
    }

    /// Members per IGO in a year, counted by Python's csv module (an independent reader).
    static func pythonCounts(year: Int) throws -> [String: Int]? {
        let script = """
        import csv, json, sys
        y = int(sys.argv[2]); c = {}
        for r in csv.DictReader(open(sys.argv[1], newline='')):
            if r['status'] == '1' and int(r['first_year']) <= y <= int(r['last_year']):
                c[r['ioname']] = c.get(r['ioname'], 0) + 1
        print(json.dumps(c))
        """
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", script, spells.path, String(year)]
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        do { try p.run() } catch { return nil }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { return nil }
        return try JSONSerialization.jsonObject(with: data) as? [String: Int]
    }

    @Test(.enabled(if: available, "../shared/data is absent"), arguments: [1950, 1980, 2010])
    func yearlySnapshotsMatchMembershipCounts(year: Int) throws {
        let net = try Self.network()
        let p = try Projection(network: net, asOf: Day(year: year, month: 12, day: 31)!)
        let m = try PartnerMeasures(projection: p, measures: [.degree, .eigenvector, .betweenness],
                                    kinds: p.partnerIndices.map { net.partners[$0].kind })
        let degree = m.values[.degree]!
        guard let counts = try Self.pythonCounts(year: year) else {
            Issue.record("python3 is needed to cross-check the counts")
            return
        }
        var ours: [String: Int] = [:]
        for (i, id) in p.ids.enumerated() where id.hasPrefix("igo:") { ours[String(id.dropFirst(4))] = Int(degree[i]!) }
        #expect(ours == counts)
        // The five most central IGOs by eigenvector centrality, for the README.
        let igo = p.ids.indices.filter { p.ids[$0].hasPrefix("igo:") }
        let top = igo.sorted { (m.values[.eigenvector]![$0] ?? 0, p.ids[$1]) > (m.values[.eigenvector]![$1] ?? 0, p.ids[$0]) }.prefix(5)
        print("COW IGO \(year) top 5 by eigenvector: " + top.map {
            "\(p.ids[$0].dropFirst(4)) (\(Int(degree[$0]!)) members, eigenvector \(NumberFormatting.fixed(m.values[.eigenvector]![$0]!, digits: 4)), betweenness \(NumberFormatting.fixed(m.values[.betweenness]![$0]!, digits: 4)))"
        }.joined(separator: ", "))
    }
}
