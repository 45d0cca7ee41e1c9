import Testing
@testable import PartnerGraph

@Suite struct NetworkTests {
    @Test(arguments: ["Evelyn Jefferson", "Mme.Hucheloup", "0", "Åbo-IHR", "a,b", "🙂"])
    func validIDs(_ id: String) throws {
        var n = PartnerNetwork()
        try n.add(Partner(id: id, name: id, kind: "k"))
        #expect(n.partner(id: id)?.name == id)
        #expect(n.index(ofPartner: id) == 0)
    }

    @Test(arguments: ["", " lead", "trail ", "\tx", "x\n"])
    func invalidIDs(_ id: String) {
        var n = PartnerNetwork()
        #expect(throws: GraphDataError.self) { try n.add(Partner(id: id, name: "x", kind: "k")) }
    }

    @Test func idsAreComparedExactly() throws {
        var n = PartnerNetwork()
        try n.add(Partner(id: "abo", name: "x", kind: "k"))
        try n.add(Partner(id: "Abo", name: "y", kind: "k"))
        #expect(n.partner(id: "Abo")?.name == "y")
        #expect(throws: GraphDataError.self) { try n.add(Partner(id: "abo", name: "z", kind: "k")) }
    }

    @Test func problemsNameEveryMistake() {
        let n = PartnerNetwork(
            focal: "unesko",
            partners: [Partner(id: "unesco", name: "U", kind: "k"), Partner(id: "ohchr", name: "O", kind: "k"),
                       Partner(id: "ohchr", name: "O2", kind: "k")],
            ties: [Tie(type: "agreement", source: "unesco", target: "ohcr"),
                   Tie(type: "agrement", source: "unesco", target: "ohchr"),
                   Tie(type: "liaison", source: "ohchr", target: "ohchr"),
                   Tie(type: "liaison", source: "unesco", target: "ohchr", start: PartialDate("2005"), end: PartialDate("2004")),
                   Tie(type: "liaison", source: "unesco", target: "ohchr", weight: -1)])
        let messages = n.problems().map(\.message)
        #expect(messages == [
            "duplicate partner id 'ohchr'",
            "unknown partner 'ohcr' (did you mean 'ohchr'?)",
            "unknown tie type 'agrement' (did you mean 'agreement'?)",
            "tie joins 'ohchr' to itself",
            "tie ends (2004) before it starts (2005)",
            "weight must be a positive finite number, not -1",
            "unknown focal partner 'unesko' (did you mean 'unesco'?)",
        ])
    }

    @Test func weightsFromTypeOrTie() {
        var n = PartnerNetwork(settings: GraphSettings(tieTypes: [TieTypeSetting(name: "liaison", weight: 1.5),
                                                                 TieTypeSetting(name: "funding", weight: 4)]))
        n.add(Tie(type: "agreement", source: "a", target: "b"))
        n.add(Tie(type: "liaison", source: "a", target: "b"))
        n.add(Tie(type: "funding", source: "a", target: "b"))
        n.add(Tie(type: "agreement", source: "a", target: "b", weight: 7))
        #expect(n.ties.map { n.weight(of: $0) } == [3, 1.5, 4, 7])
        #expect(n.settings.effectiveTypes.map(\.name) == ["agreement", "funding", "joint-activity", "liaison"])
    }

    @Test func suggestions() {
        #expect(Suggestion.closest(to: "ohcr", among: ["unesco", "ohchr", "ilo"]) == "ohchr")
        #expect(Suggestion.closest(to: "xyz", among: ["unesco", "ohchr"]) == nil)
        #expect(Suggestion.closest(to: "UNESCO", among: ["unesco"]) == "unesco")
    }

    @Test func numberFormatting() {
        #expect(NumberFormatting.shortest(3) == "3")
        #expect(NumberFormatting.shortest(-0.0) == "0")
        #expect(NumberFormatting.shortest(0.1) == "0.1")
        #expect(NumberFormatting.fixed(0.123456, digits: 4) == "0.1235")
        #expect(NumberFormatting.fixed(-0.00001, digits: 4) == "0")
        #expect(NumberFormatting.fixed(2.5, digits: 0) == "3")
        #expect(NumberFormatting.fixed(1.99999, digits: 3) == "2")
    }
}
