import PartnerGraphIO
import Testing

/// The YAML/JSON reader works out where a partner's or tie's fields are only
/// when a semantic problem names one; these pin the positions it gives.
@Suite("Document reader: positions of semantic problems")
struct DocumentReaderPositionTests {
    static let yaml = """
        partners:
          - {id: p1, name: P1, kind: ngo}
          - {id: p2, name: P2, kind: ngo}
          - id: p2
            name: Again
            kind: ngo
        ties:
          - {between: [p1, p2], type: agreement, start: 2009, end: 2008, source: doc}
          - {from: p1, to: p3, type: liaison}
          - {to: p4, from: p1, type: liaison, weight: -1}
          - {between: [p9, p1], type: liaison, source: doc}
          - {source: doc, between: [p1, p8], type: liason}
          - {between: [p1, p1], type: agreement, id: t1}
          - {between: [p1, p2], type: agreement, id: t1}

        """

    @Test("Each problem at the field it names: between's items, from and to, end, weight, type, id")
    func positions() {
        var diagnostics: [Diagnostic] = []
        do {
            _ = try GraphFile.parse(Self.yaml, format: .yaml, path: "marks.yaml")
        } catch {
            diagnostics = error.diagnostics
        }
        let found = diagnostics.map { "\($0.line ?? 0):\($0.column ?? 0) \($0.message)" }
        #expect(found == [
            "4:9 duplicate partner id 'p2'",
            "8:60 tie ends (2008) before it starts (2009)",
            "9:20 unknown partner 'p3' (did you mean 'p1'?)",
            "10:10 unknown partner 'p4' (did you mean 'p1'?)",
            "10:47 weight must be a positive finite number, not -1",
            // A `source:` (provenance) key after `between` takes the first endpoint's position.
            "11:48 unknown partner 'p9' (did you mean 'p1'?)",
            "12:33 unknown partner 'p8' (did you mean 'p1'?)",
            "12:44 unknown tie type 'liason' (did you mean 'liaison'?)",
            "13:16 tie joins 'p1' to itself",
            "14:46 duplicate tie id 't1'",
        ])
    }
}
