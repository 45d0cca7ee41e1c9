import Foundation
import PartnerGraph
import Testing
@testable import PartnerGraphIO

/// ``ReadLimits`` from the library: set for one read with `withValue`, and
/// the size parser behind `--max-file-size` (values multiplied out by hand).
@Suite struct ReadLimitsTests {
    @Test("sizes in bytes, powers of 1000 and powers of 1024", arguments: [
        ("1000000", 1_000_000), ("500MB", 500_000_000), ("2GiB", 2_147_483_648), ("1.5 KiB", 1_536),
        ("64kb", 64_000), ("7b", 7), ("1GB", 1_000_000_000),
    ])
    func parsesSizes(_ text: String, _ bytes: Int) {
        #expect(ReadLimits.parseSize(text) == bytes)
    }

    @Test("words, negative and absurd sizes are not sizes", arguments: ["1x", "", "-5MB", "GiB", "1e300GB", "nan"])
    func refusesSizes(_ text: String) {
        #expect(ReadLimits.parseSize(text) == nil)
    }

    @Test("a limit set with withValue holds for that read only")
    func taskLocal() throws {
        let text = "partners:\n  - {id: a, name: A, kind: ngo}\n  - {id: b, name: B, kind: ngo}\nties: []\n"
        #expect(try GraphFile.parse(text, format: .yaml).partners.count == 2)
        var limits = ReadLimits.standard
        limits.maxPartners = 1
        #expect(throws: GraphFileError.self) {
            try ReadLimits.$current.withValue(limits) { try GraphFile.parse(text, format: .yaml) }
        }
        do {
            _ = try ReadLimits.$current.withValue(limits) { try GraphFile.parse(text, format: .yaml, path: "x.yaml") }
        } catch let error as GraphFileError {
            #expect(error.diagnostics.map(\.headline) == ["x.yaml:3:5: error: partner 2 is over the limit of 1 partner (--max-partners)"])
        }
        #expect(try GraphFile.parse(text, format: .yaml).partners.count == 2)
    }
}
