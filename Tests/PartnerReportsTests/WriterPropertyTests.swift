import DOTRendering
import FigureStyle
import Foundation
import GraphvizRendering
import PartnerAnalysis
import PartnerGraph
import PartnerGraphIO
import PartnerReports
import Testing

/// Every writer is total (issue 13): random Unicode strings — controls (C0
/// and C1), U+FFFD (what a lone surrogate becomes), bidi marks and
/// overrides, line separators, markup, quotes, backslashes, emoji and one
/// 1 MB string — as ids, names, kinds, notes, attribute keys and values and
/// titles, through YAML, JSON, the CSV pair, GraphML, GEXF, DOT (drawn by
/// `dot`), the network figure SVG, the timeline SVG and the report's HTML and
/// Markdown; every output is parsed by a real parser
/// (`CLITests/Payloads/check_outputs.py`: xmllint, json, csv, yaml, NetworkX,
/// pandoc, markdown-it, dot). The readers refuse C0 controls, so the library
/// API is the only way to hand a writer one.
@Suite("writers are total", .serialized)
struct WriterPropertyTests {
    static let checker = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("CLITests/Payloads/check_outputs.py").path

    static var toolsPresent: Bool {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", "python3 -c 'import yaml, networkx, markdown_it' && command -v pandoc && command -v xmllint && command -v dot"]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        guard (try? p.run()) != nil else { return false }
        p.waitUntilExit()
        return p.terminationStatus == 0
    }

    /// Pieces random strings are made of.
    static let pools: [[Unicode.Scalar]] = [
        Array("abcXYZ 019-_.,;:/?".unicodeScalars),
        Array("<>&\"'`*_[](){}#|!~$^@\\=+%".unicodeScalars),
        (0x00...0x1F).compactMap(Unicode.Scalar.init) + [Unicode.Scalar(0x7F)!],
        (0x80...0x9F).compactMap(Unicode.Scalar.init),
        [0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069, 0x061C]
            .compactMap(Unicode.Scalar.init),
        [0xFFFD, 0x2028, 0x2029, 0xFEFF, 0x00A0, 0x3000].compactMap(Unicode.Scalar.init),
        Array("éßçØΩЖשלוםمرحبا中文日本語한국어".unicodeScalars),
        Array("🤝🏳️‍🌈👩🏽‍💻🇺🇳".unicodeScalars),
    ]

    typealias Generator = SeededGenerator

    static func randomString(_ g: inout Generator, length: ClosedRange<Int> = 1...24) -> String {
        var s = String.UnicodeScalarView()
        for _ in 0..<Int.random(in: length, using: &g) {
            let pool = pools.randomElement(using: &g)!
            s.append(pool.randomElement(using: &g)!)
        }
        return String(s)
    }

    /// A non-empty id without outer white space (``Partner/isValidID(_:)``), unique by a suffix.
    static func randomID(_ g: inout Generator, _ n: Int) -> String {
        "p\(n)" + randomString(&g, length: 0...8) + "z"
    }

    static func network(seed: UInt64, huge: Bool) -> PartnerNetwork {
        var g = Generator(seed: seed)
        var partners: [Partner] = []
        for n in 0..<8 {
            var attrs: [String: AttributeValue] = [:]
            for _ in 0..<2 { attrs[randomString(&g, length: 1...10)] = .string(randomString(&g)) }
            let name = huge && n == 1 ? String(repeating: "名<&\u{202E}\u{1B}x", count: 1_000_000 / 12) : randomString(&g)
            partners.append(Partner(id: randomID(&g, n), name: name, kind: n % 3 == 0 ? "ngo" : randomString(&g, length: 1...12),
                                    region: randomString(&g), themes: [randomString(&g)], url: randomString(&g),
                                    attributes: attrs))
        }
        var ties: [Tie] = []
        for n in 0..<10 {
            let a = partners[n % 8].id, b = partners[(n * 3 + 1) % 8].id
            guard a != b else { continue }
            ties.append(Tie(type: n % 2 == 0 ? "agreement" : "liaison", source: a, target: b,
                            start: PartialDate(year: 2005 + n), label: randomString(&g), provenance: randomString(&g),
                            status: randomString(&g), note: randomString(&g),
                            attributes: [randomString(&g, length: 1...8): .string(randomString(&g))]))
        }
        return PartnerNetwork(title: randomString(&g), focal: partners[0].id, description: randomString(&g),
                              partners: partners, ties: ties)
    }

    @Test("random Unicode through every writer: every output parses and carries no raw control or live markup",
          .enabled(if: toolsPresent, "needs python3 (yaml, networkx, markdown-it-py), pandoc, xmllint and dot"))
    func everyWriterIsTotal() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pg-writers-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let asOf = Day(year: 2016, month: 12, day: 31)!
        for seed in UInt64(1)...6 {
            let net = Self.network(seed: seed * 7_919, huge: seed == 6)
            func path(_ name: String) -> String { dir.appendingPathComponent("s\(seed)-\(name)").path }
            for ext in ["yaml", "json", "graphml", "gexf"] { try GraphFile.save(net, to: path("graph.\(ext)")) }
            try GraphFile.save(net, to: path("pair"))
            let figure = PartnerFigure(network: net, asOf: asOf)
            let styled = PartnerDOTStyle().makeDocument(for: figure)
            try styled.document.write().write(toFile: path("figure.dot"), atomically: false, encoding: .utf8)
            let result = try NetworkFigure.render(figure, ranking: [:], rankingName: "degree",
                                                  options: NetworkFigure.Options(engine: .neato, seed: 1),
                                                  format: .svg, renderer: GraphvizRenderer(warnings: .collect))
            try Data(result.bytes).write(to: URL(fileURLWithPath: path("figure.svg")))
            let timeline = Timeline(network: net, asOf: asOf, title: net.title).svg()
            try timeline.write(toFile: path("timeline.svg"), atomically: false, encoding: .utf8)
            var g = Generator(seed: seed)
            let chart = ReportDocument.Chart(id: "network", caption: Self.randomString(&g), alternative: Self.randomString(&g),
                                             svg: timeline)
            let table = ReportDocument.Table(caption: Self.randomString(&g), headers: [Self.randomString(&g), "n"], numeric: [1],
                                             rows: net.partners.map { [$0.name, Self.randomString(&g)] })
            let doc = ReportDocument(title: net.title ?? "", subtitle: Self.randomString(&g),
                                     figures: [.init(label: Self.randomString(&g), value: Self.randomString(&g))],
                                     sections: [.init(id: "network", heading: Self.randomString(&g),
                                                      paragraphs: [Self.randomString(&g), net.partners[1].name], charts: [chart],
                                                      tables: [table])])
            try doc.html().write(toFile: path("report.html"), atomically: false, encoding: .utf8)
            // pandoc takes minutes on a megabyte of escaped Markdown: the huge
            // name goes through every other writer; Markdown gets the rest.
            if seed != 6 {
                try doc.markdown(figureNames: ["network": "s\(seed)-timeline.svg"])
                    .write(toFile: path("report.md"), atomically: false, encoding: .utf8)
            }
        }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", Self.checker, dir.path]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        let report = try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
        let files = report["files"] as? [String: [String: Any]] ?? [:]
        var problems: [String] = []
        for (name, info) in files.sorted(by: { $0.key < $1.key }) {
            for problem in info["problems"] as? [String] ?? [] { problems.append("\(name): \(problem.prefix(300))") }
        }
        #expect(files.count >= 6 * 12 - 1, "checked \(files.count) outputs")
        #expect(problems.isEmpty, "\(problems.count) problems:\n\(problems.prefix(40).joined(separator: "\n"))")
    }
}
