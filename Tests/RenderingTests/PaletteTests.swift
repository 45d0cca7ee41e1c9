import Foundation
import Testing

/// The palette's claim (Theme's discussion): every two fills at least 8 apart
/// in CAM02-UCS for normal vision and under simulated deuteranopia,
/// protanopia and tritanopia, computed by colorspacious, not by us.
@Suite struct PaletteTests {
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("palette_check.py").path
    /// The Python on PATH: the one `.ci/setup --tests` installs colorspacious into.
    @Test("Every two fills stay apart under colour-blindness simulation")
    func fillsStayApart() throws {
        let r = try runTool("/usr/bin/env", ["python3", Self.script, "--min", "8"])
        #expect(r.status == 0, "\(String(decoding: r.stdout, as: UTF8.self))\(String(decoding: r.stderr, as: UTF8.self))")
        #expect(String(decoding: r.stdout, as: UTF8.self).hasPrefix("14 fills"))
    }
}
