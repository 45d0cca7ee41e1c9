import PartnerGraph
import Testing
@testable import PartnerAnalysis

/// The gap finder keeps the ties in columns for speed; its "current" test
/// must be the model's one rule (``PartnerNetwork/isCurrent(_:at:lookback:)``)
/// on every tie, date and lookback: seeded random ties, all three built-in
/// types (agreements and liaisons ongoing without an end, joint activities
/// lasting their start's period), partial dates of every precision.
@Suite struct CurrentRuleTests {
    @Test(arguments: [1, 2, 3, 4, 5] as [UInt64])
    func columnsFollowTheModel(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        func date() -> PartialDate? {
            let year = 2000 + rng.nextInt(below: 20)
            switch rng.nextInt(below: 4) {
            case 0: return nil
            case 1: return PartialDate("\(year)")
            case 2: return PartialDate(String(format: "%04d-%02d", year, 1 + rng.nextInt(below: 12)))
            default: return PartialDate(String(format: "%04d-%02d-%02d", year, 1 + rng.nextInt(below: 12), 1 + rng.nextInt(below: 28)))
            }
        }
        let types = ["agreement", "liaison", "joint-activity"]
        let partners = (0..<8).map { Partner(id: "p\($0)", name: "P\($0)", kind: "ngo") }
        var ties: [Tie] = []
        for _ in 0..<200 {
            let a = rng.nextInt(below: 8), b = (a + 1 + rng.nextInt(below: 7)) % 8
            let s = date(), e = date()
            let (start, end) = (s != nil && e != nil && e!.lastDay < s!.firstDay) ? (e, s) : (s, e)
            ties.append(Tie(type: types[rng.nextInt(below: 3)], source: "p\(a)", target: "p\(b)", start: start, end: end))
        }
        let net = PartnerNetwork(partners: partners, ties: ties)
        let facts = TieFacts(net)
        for lookback in [nil, Lookback.zero, Lookback(years: 2), Lookback(months: 18)] as [Lookback?] {
            for _ in 0..<40 {
                let day = Day(year: 1999 + rng.nextInt(below: 23), month: 1 + rng.nextInt(below: 12), day: 1 + rng.nextInt(below: 28))!
                let starts = facts.windowStarts(at: day, lookback: lookback)
                for i in ties.indices {
                    #expect(facts.isCurrent(i, day: day.ordinal, windowStarts: starts) == net.isCurrent(ties[i], at: day, lookback: lookback),
                            "seed \(seed), tie \(i) \(ties[i].start?.description ?? "-")–\(ties[i].end?.description ?? "-") \(ties[i].type), \(day), lookback \(lookback.map { "\($0)" } ?? "per type")")
                }
            }
        }
    }
}
