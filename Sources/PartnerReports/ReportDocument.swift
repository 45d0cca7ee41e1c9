import Foundation
import PartnerGraph
import FigureStyle

/// The content of a strategy-review report, already computed; the writers
/// (``ReportDocument/html()``, ``ReportDocument/markdown(figureNames:)``)
/// only lay it out. Everything is in display order, so output is deterministic.
public struct ReportDocument: Sendable {
    /// A headline figure ("Partners with a current tie: 16 of 17").
    public struct Figure: Sendable, Hashable {
        public let label: String
        public let value: String
        public init(label: String, value: String) {
            self.label = label
            self.value = value
        }
    }

    /// A table with a caption; `numeric` columns are right-aligned.
    public struct Table: Sendable, Hashable {
        public let caption: String
        public let headers: [String]
        public let numeric: Set<Int>
        public let rows: [[String]]
        public init(caption: String, headers: [String], numeric: Set<Int> = [], rows: [[String]]) {
            self.caption = caption
            self.headers = headers
            self.numeric = numeric
            self.rows = rows
        }
    }

    /// An SVG figure with its caption and text alternative.
    public struct Chart: Sendable, Hashable {
        public let id: String
        public let caption: String
        public let alternative: String
        public let svg: String
        public init(id: String, caption: String, alternative: String, svg: String) {
            self.id = id
            self.caption = caption
            self.alternative = alternative
            self.svg = svg
        }
    }

    /// A report section: paragraphs, charts and tables, in that order.
    public struct Section: Sendable, Hashable {
        public let id: String
        public let heading: String
        public let paragraphs: [String]
        public let charts: [Chart]
        public let tables: [Table]
        public init(id: String, heading: String, paragraphs: [String] = [], charts: [Chart] = [], tables: [Table] = []) {
            self.id = id
            self.heading = heading
            self.paragraphs = paragraphs
            self.charts = charts
            self.tables = tables
        }
    }

    public var title: String
    public var subtitle: String
    public var figures: [Figure]
    public var sections: [Section]
    /// Pre-rendered yearly network snapshots for the optional year selector
    /// (year, chart); the page reads fully without scripts.
    public var snapshots: [(year: Int, chart: Chart)]

    public init(title: String, subtitle: String, figures: [Figure], sections: [Section],
                snapshots: [(year: Int, chart: Chart)] = []) {
        self.title = title
        self.subtitle = subtitle
        self.figures = figures
        self.sections = sections
        self.snapshots = snapshots
    }

    // MARK: HTML

    /// One self-contained page: inline SVG and CSS, no external resources;
    /// print styles for A4 and Letter; a year selector that only works with
    /// scripts on (with scripts off every snapshot is listed under its year).
    public func html() -> String {
        var h = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        h += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        h += "<title>\(esc(title))</title>\n<style>\n\(Self.css)</style>\n</head>\n<body>\n"
        h += "<header>\n<h1>\(esc(title))</h1>\n<p class=\"subtitle\">\(esc(subtitle))</p>\n"
        if !figures.isEmpty {
            h += "<dl class=\"figures\">\n"
            for f in figures { h += "<div><dt>\(esc(f.label))</dt><dd>\(esc(f.value))</dd></div>\n" }
            h += "</dl>\n"
        }
        h += "<nav aria-label=\"Contents\"><ol>\n"
        for s in sections { h += "<li><a href=\"#\(s.id)\">\(esc(s.heading))</a></li>\n" }
        h += "</ol></nav>\n</header>\n<main>\n"
        for s in sections {
            h += "<section id=\"\(s.id)\" aria-labelledby=\"\(s.id)-h\">\n<h2 id=\"\(s.id)-h\">\(esc(s.heading))</h2>\n"
            for p in s.paragraphs { h += "<p>\(esc(p))</p>\n" }
            for c in s.charts { h += figureHTML(c) }
            if s.id == "network" && !snapshots.isEmpty { h += snapshotsHTML() }
            for t in s.tables { h += tableHTML(t) }
            h += "</section>\n"
        }
        h += "</main>\n"
        if !snapshots.isEmpty { h += "<script>\n\(Self.script)</script>\n" }
        h += "</body>\n</html>\n"
        return h
    }

    private func esc(_ s: String) -> String { XMLEscaping.text(s) }

    private func figureHTML(_ c: Chart) -> String {
        var h = "<figure id=\"\(c.id)-figure\">\n<div class=\"chart\" role=\"img\" aria-label=\"\(esc(c.alternative))\">\n"
        h += Self.inline(c.svg)
        h += "</div>\n<figcaption>\(esc(c.caption))</figcaption>\n</figure>\n"
        return h
    }

    private func snapshotsHTML() -> String {
        var h = "<div class=\"snapshots\">\n<h3>Snapshots by year</h3>\n"
        h += "<p class=\"js-only\"><label for=\"year\">Year </label><select id=\"year\">"
        for (i, s) in snapshots.enumerated() {
            h += "<option value=\"snap-\(s.year)\"\(i == snapshots.count - 1 ? " selected" : "")>\(s.year)</option>"
        }
        h += "</select></p>\n"
        for s in snapshots {
            h += "<div class=\"snapshot\" id=\"snap-\(s.year)\">\n<h4>\(s.year)</h4>\n" + figureHTML(s.chart) + "</div>\n"
        }
        return h + "</div>\n"
    }

    private func tableHTML(_ t: Table) -> String {
        var h = "<div class=\"table-wrap\"><table>\n<caption>\(esc(t.caption))</caption>\n<thead><tr>"
        for (i, c) in t.headers.enumerated() {
            h += "<th scope=\"col\"\(t.numeric.contains(i) ? " class=\"num\"" : "")>\(esc(c))</th>"
        }
        h += "</tr></thead>\n<tbody>\n"
        if t.rows.isEmpty {
            h += "<tr><td colspan=\"\(t.headers.count)\">None.</td></tr>\n"
        }
        for r in t.rows {
            h += "<tr>"
            for (i, c) in r.enumerated() {
                if i == 0 {
                    h += "<th scope=\"row\">\(esc(c))</th>"
                } else {
                    h += "<td\(t.numeric.contains(i) ? " class=\"num\"" : "")>\(esc(c))</td>"
                }
            }
            h += "</tr>\n"
        }
        return h + "</tbody>\n</table></div>\n"
    }

    /// An SVG document without its XML declaration, for inlining in HTML.
    static func inline(_ svg: String) -> String {
        var s = Substring(svg)
        if s.hasPrefix("<?xml"), let end = s.range(of: "?>") { s = s[end.upperBound...] }
        while let start = s.range(of: "<!--"), let end = s.range(of: "-->", range: start.upperBound..<s.endIndex),
              s[s.startIndex..<start.lowerBound].allSatisfy(\.isWhitespace) {
            s = s[end.upperBound...]
        }
        if let doctype = s.range(of: "<!DOCTYPE"), let end = s.range(of: ">", range: doctype.upperBound..<s.endIndex),
           s[s.startIndex..<doctype.lowerBound].allSatisfy(\.isWhitespace) {
            s = s[end.upperBound...]
        }
        return s.trimmingCharacters(in: .whitespacesAndNewlines) + "\n"
    }

    // MARK: Markdown

    /// Markdown with the tables; each chart is linked as `figureNames[chart.id]`
    /// (the caller writes the SVG files beside the Markdown file).
    public func markdown(figureNames: [String: String]) -> String {
        // Every string is text, never markup: names, titles and notes from the
        // data cannot open HTML, a link or a table cell (MarkdownText).
        let md = MarkdownText.escape
        var m = "# \(md(title))\n\n\(md(subtitle))\n\n"
        for f in figures { m += "- **\(md(f.label)):** \(md(f.value))\n" }
        for s in sections {
            m += "\n## \(md(s.heading))\n\n"
            for p in s.paragraphs { m += md(p) + "\n\n" }
            for c in s.charts {
                if let name = figureNames[c.id] {
                    m += "![\(md(c.alternative))](\(MarkdownText.destination(name)))\n\n*\(md(c.caption))*\n\n"
                }
            }
            for t in s.tables {
                m += "**\(md(t.caption))**\n\n"
                m += "| " + t.headers.map(md).joined(separator: " | ") + " |\n"
                m += "|" + t.headers.indices.map { t.numeric.contains($0) ? " ---: |" : " --- |" }.joined() + "\n"
                if t.rows.isEmpty { m += "| None." + String(repeating: " |", count: t.headers.count) + "\n" }
                for r in t.rows { m += "| " + r.map(md).joined(separator: " | ") + " |\n" }
                m += "\n"
            }
        }
        return m
    }

    static let script = """
    (function () {
      var select = document.getElementById('year');
      if (!select) return;
      document.documentElement.classList.add('js');
      function show() {
        var snaps = document.querySelectorAll('.snapshot');
        for (var i = 0; i < snaps.length; i++) snaps[i].hidden = snaps[i].id !== select.value;
      }
      select.addEventListener('change', show);
      show();
    })();

    """

    static let css = """
    :root{--ink:#1a1a1a;--muted:#555;--rule:#d0d0d0;--accent:#0072B2}
    body{font-family:Arial,'Liberation Sans',Helvetica,sans-serif;color:var(--ink);margin:0 auto;max-width:62rem;padding:1.5rem;line-height:1.45}
    h1{font-size:1.7rem;margin:0 0 .2rem}h2{font-size:1.3rem;border-bottom:2px solid var(--accent);padding-bottom:.2rem;margin-top:2.2rem}
    h3{font-size:1.1rem}.subtitle{color:var(--muted);margin-top:0}
    .figures{display:flex;flex-wrap:wrap;gap:1rem;margin:1rem 0;padding:0}
    .figures div{border:1px solid var(--rule);border-radius:4px;padding:.5rem .8rem;min-width:9rem}
    .figures dt{font-size:.8rem;color:var(--muted)}.figures dd{margin:0;font-size:1.4rem;font-weight:bold}
    nav ol{columns:2;font-size:.9rem}
    figure{margin:1rem 0}.chart svg{max-width:100%;height:auto}
    figcaption{font-size:.85rem;color:var(--muted)}
    .table-wrap{overflow-x:auto}
    table{border-collapse:collapse;margin:1rem 0;font-size:.85rem;width:100%}
    caption{text-align:left;font-weight:bold;margin-bottom:.3rem}
    th,td{border-bottom:1px solid var(--rule);padding:.25rem .5rem;text-align:left;vertical-align:top}
    thead th{border-bottom:2px solid var(--ink)}tbody th{font-weight:normal}
    .num{text-align:right;font-variant-numeric:tabular-nums}
    .js-only{display:none}.js .js-only{display:block}
    @media print{
      @page{size:auto;margin:15mm}
      body{max-width:none;padding:0;font-size:10pt}
      nav,.js-only{display:none}
      .snapshot[hidden]{display:block}
      figure,table,tr{break-inside:avoid}
      h2{break-after:avoid}
      a{color:inherit;text-decoration:none}
    }

    """
}

