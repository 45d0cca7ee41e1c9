import Foundation
import PartnerGraphIO
import FigureStyle

/// A table of text cells printed aligned for the terminal, as CSV, or as a
/// Markdown pipe table. Numbers are right-aligned.
struct TextTable {
    enum Alignment { case left, right }

    var headers: [String]
    var alignments: [Alignment]
    var rows: [[String]] = []

    init(_ columns: [(String, Alignment)]) {
        headers = columns.map(\.0)
        alignments = columns.map(\.1)
    }

    mutating func add(_ row: [String]) {
        precondition(row.count == headers.count, "row has \(row.count) cells, table has \(headers.count) columns")
        rows.append(row)
    }

    func render(_ format: OutputFormat) -> String {
        switch format {
        case .table, .json: return aligned()
        case .csv:
            var w = CSVWriter()
            for r in [headers] + rows { w.writeRecord(r) }
            return w.text
        case .markdown: return markdown()
        }
    }

    private static func width(_ s: String) -> Int { s.count }

    private func aligned() -> String {
        // Controls and bidi characters visible per cell, so a tab or an
        // override in the data neither breaks the columns nor reorders them.
        let headers = self.headers.map { VisibleText.escape($0) }
        let rows = self.rows.map { $0.map { VisibleText.escape($0) } }
        var widths = headers.map(Self.width)
        for r in rows { for (i, c) in r.enumerated() { widths[i] = max(widths[i], Self.width(c)) } }
        func line(_ cells: [String]) -> String {
            var parts: [String] = []
            for (i, c) in cells.enumerated() {
                let pad = String(repeating: " ", count: widths[i] - Self.width(c))
                parts.append(alignments[i] == .right ? pad + c : c + pad)
            }
            var s = parts.joined(separator: "  ")
            while s.hasSuffix(" ") { s.removeLast() }
            return s
        }
        var out = line(headers) + "\n"
        out += widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
        for r in rows { out += line(r) + "\n" }
        return out
    }

    private func markdown() -> String {
        // Cells are text: Markdown and HTML in the data stay literal.
        let esc = MarkdownText.escape
        var out = "| " + headers.map(esc).joined(separator: " | ") + " |\n"
        out += "|" + alignments.map { $0 == .right ? " ---: |" : " --- |" }.joined() + "\n"
        for r in rows { out += "| " + r.map(esc).joined(separator: " | ") + " |\n" }
        return out
    }
}
