import Testing
@testable import PartnerGraphIO

/// SplitMix64 (Steele, Lea & Flood 2014): a tiny seeded generator, so that a
/// failing property test can be repeated from the seed it names.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite("CSV round trip")
struct CSVRoundTripTests {
    /// Scalars that stress quoting, line counting and UTF-8: separators,
    /// quotes, CR, LF, blanks, a BOM, combining marks, astral characters.
    static let pieces: [String] = [
        ",", "\"", "\r", "\n", "\r\n", " ", "\t", ";", "a", "Z", "0", "NA", "Å", "é", "e\u{301}", "日本",
        "👍", "👨‍👩‍👧", "\u{FEFF}", "\u{0}", "\u{7F}", "\u{85}", "\u{2028}", "\u{10FFFF}", "\u{D7FF}", "\u{E000}",
    ]

    static func randomField(_ random: inout SplitMix64) -> String {
        let length = Int(random.next() % 7)  // 0 to 6 pieces; empty fields are common
        return (0..<length).map { _ in pieces[Int(random.next() % UInt64(pieces.count))] }.joined()
    }

    @Test("write then read gives back the same fields, for random Unicode tables", arguments: [
        0x0DDB_A11, 42, 20_261_129,
    ] as [UInt64])
    func roundTrip(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        for iteration in 0..<300 {
            let columns = 1 + Int(random.next() % 6)
            let rowCount = Int(random.next() % 8)
            let table: [[String]] = (0...rowCount).map { _ in
                // Mostly rectangular; sometimes ragged, which the reader reports but keeps.
                let width = random.next() % 5 == 0 ? 1 + Int(random.next() % 6) : columns
                return (0..<width).map { _ in Self.randomField(&random) }
            }
            var writer = CSVWriter()
            for row in table { writer.writeRecord(row) }
            let reader = CSVReader(bytes: writer.bytes, path: "round-trip.csv")
            let context: Comment = "seed \(seed), iteration \(iteration): \(table) written as \(writer.text.debugDescription)"
            // The only possible errors are header names repeated by chance.
            let header = table[0]
            let repeatedNames = header.indices.filter { !header[$0].isEmpty && header[..<$0].contains(header[$0]) }
            #expect(reader.errors.map(\.errorLine) == repeatedNames.map {
                "round-trip.csv:\(reader.header?.location(ofField: $0) ?? CSVLocation(line: 0, column: 0)): "
                    + "error: duplicate column name '\(header[$0])' in the header"
            }, context)
            #expect(reader.emptyLines.isEmpty, context)
            let read = [reader.header?.fields ?? []] + rows(reader)
            // Compare scalars, not Characters: Swift's String == would accept a canonically equivalent result.
            #expect(read.map { $0.map { Array($0.unicodeScalars) } } == table.map { $0.map { Array($0.unicodeScalars) } },
                    context)
            // Writing is deterministic: the same table gives the same bytes.
            var again = CSVWriter()
            for row in read { again.writeRecord(row) }
            #expect(again.bytes == writer.bytes, context)
        }
    }
}
