import Foundation

// PNG and PDF of an SVG drawn by someone else (the timeline and the coverage
// chart, drawn by PartnerReports' own SVG writer), through the same libgvc and
// cairo that render the network figures: no second C library.
//
// The SVG goes into a temporary file that becomes the image of the only node
// of a DOT graph, pinned at the origin and exactly the drawing's size; cairo
// draws the graph and Graphviz's rsvg image loader (libgvplugin_rsvg,
// `loadimage svg:cairo`) draws the SVG into it as vectors, so text stays text
// in PDF and is sharp at any PNG resolution. Measured with Graphviz 2.43,
// cairo 1.16 and librsvg 2.54: the 16 cm × 60.26 cm timeline of the
// illustrative graph (453.54 × 1708.2 pt) gives a 454 × 1708 pt PDF page whose
// text `pdftotext` reads back, and a 605 × 2277 px PNG at 96 dpi.

extension Graphviz {
    /// Renders an SVG document as PNG or PDF.
    ///
    /// The drawing keeps its physical size: the page (PDF) or the image (PNG,
    /// at `dpi` pixels per inch) is the SVG's root `width` × `height` (`cm`,
    /// `mm`, `in`, `pt`, `px` at 96 to the inch, or no unit for CSS pixels),
    /// or its `viewBox` size in CSS pixels when those are missing or in
    /// percent. Graphviz rounds the canvas to whole points (PDF) or pixels.
    ///
    /// The SVG is written to a temporary file (removed before this returns,
    /// whatever happens) that is the image of a single pinned node
    /// (`shape=none`, `fixedsize=true`, `imagescale=true`, `margin=0`,
    /// `pad=0`), laid out with `neato` and rendered with cairo. Graphviz's
    /// rsvg plugin draws the image; without it Graphviz warns and draws
    /// nothing, which throws here. The PDF's `/CreationDate` is blanked out
    /// (same length, so the cross-reference table stays valid), so the same
    /// SVG gives the same bytes.
    ///
    /// ```swift
    /// let png = try Graphviz.shared.renderSVGImage(Array(svg.utf8), format: .png, dpi: 192)
    /// ```
    ///
    /// Graphviz 2.43 keeps every image it has loaded in a process-wide cache
    /// keyed by file name (there is no call to empty it), so each render uses
    /// a new file name and leaves one parsed image behind; fine for a command
    /// that renders a few charts, not for a server rendering thousands.
    ///
    /// - Parameters:
    ///   - svg: The SVG document (UTF-8).
    ///   - format: ``OutputFormat/png`` or ``OutputFormat/pdf``.
    ///   - dpi: Pixels per inch of a PNG (96 is CSS pixels; ignored for PDF).
    /// - Returns: The PNG or PDF bytes.
    /// - Throws: ``GraphvizError/unknownFormat(_:message:)`` for any other
    ///   format, ``GraphvizError/invalidSVG(message:)`` when the SVG has no
    ///   usable size, ``GraphvizError/pluginMissing(format:message:)``
    ///   without cairo, and ``GraphvizError/renderFailed(format:message:)``
    ///   when the temporary file cannot be written or Graphviz cannot load the
    ///   SVG image (its warning as the message).
    /// - Complexity: That of parsing and drawing the SVG; the layout is one node.
    public func renderSVGImage(_ svg: [UInt8], format: OutputFormat, dpi: Double = 96) throws(GraphvizError) -> [UInt8] {
        guard format == .png || format == .pdf else {
            throw .unknownFormat(format.rawValue, message: "an SVG image can be rendered as png or pdf only")
        }
        precondition(dpi.isFinite && dpi > 0, "dpi must be positive")
        guard let size = SVGImageSize(svg) else {
            throw .invalidSVG(message: "the root <svg> element has no width and height (or viewBox) to size the image by")
        }
        if format == .png {
            try Self.checkBitmap(width: size.widthPoints * dpi / 72, height: size.heightPoints * dpi / 72)
        }
        let file = FileManager.default.temporaryDirectory
            .appendingPathComponent("partnergraph-image-\(UUID().uuidString).svg")
        do {
            try Data(svg).write(to: file)
        } catch {
            throw .renderFailed(format: format.rawValue, message: "cannot write the temporary file '\(file.path)': \(error.localizedDescription)")
        }
        defer { try? FileManager.default.removeItem(at: file) }

        let dot = Self.imageGraph(path: file.path, widthPoints: size.widthPoints, heightPoints: size.heightPoints,
                                  dpi: format == .png ? dpi : nil)
        let output = try renderReportingWarnings(dot: dot, engine: .neato, format: format, warnings: .collect)
        if !output.warnings.isEmpty {
            // e.g. `No loadimage plugin for "svg:cairo"` or `No or improper image file="…"`:
            // the node would be drawn empty.
            let message = output.warnings.joined(separator: "; ")
            throw .renderFailed(format: format.rawValue,
                                message: "Graphviz could not draw the SVG image (its rsvg plugin, libgvplugin_rsvg, draws SVG images for cairo; Debian package 'graphviz'): \(message)")
        }
        return output.bytes  // a PDF's creation date is blanked by renderReportingWarnings
    }

    /// The one-node DOT graph whose node is the image at `path`, pinned at
    /// the origin, `widthPoints` × `heightPoints` in size.
    static func imageGraph(path: String, widthPoints: Double, heightPoints: Double, dpi: Double?) -> String {
        func inches(_ points: Double) -> String { fixed(points / 72) }
        let escaped = path.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        var graph = "margin=0, pad=0, bgcolor=\"#ffffff\""
        if let dpi { graph += ", dpi=\(fixed(dpi))" }
        return """
            graph "svg-image" {
              graph [\(graph)];
              n [shape=none, label="", margin=0, fixedsize=true, imagescale=true, pos="0,0!", \
            width=\(inches(widthPoints)), height=\(inches(heightPoints)), image="\(escaped)"];
            }
            """
    }

    /// `x` with at most six decimals (enough for a size in inches).
    private static func fixed(_ x: Double) -> String {
        var text = String(format: "%.6f", x)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    /// `pdf` with the value of the first `/CreationDate (…)` replaced by
    /// spaces (cairo writes the time of the render there).
    static func blankingCreationDate(_ pdf: [UInt8]) -> [UInt8] {
        let key = Array("/CreationDate".utf8)
        guard pdf.count > key.count else { return pdf }
        var result = pdf
        var i = 0
        while i + key.count <= result.count {
            if result[i] == key[0], Array(result[i..<(i + key.count)]) == key {
                var j = i + key.count
                while j < result.count, result[j] == UInt8(ascii: " ") { j += 1 }
                guard j < result.count, result[j] == UInt8(ascii: "(") else { return result }
                var k = j + 1
                while k < result.count, result[k] != UInt8(ascii: ")"), k - j < 64 { k += 1 }
                guard k < result.count, result[k] == UInt8(ascii: ")") else { return result }
                for index in i...k { result[index] = UInt8(ascii: " ") }
                return result
            }
            i += 1
        }
        return result
    }
}

/// The physical size of an SVG document, read from its root element.
struct SVGImageSize: Equatable {
    var widthPoints: Double
    var heightPoints: Double

    /// Reads `width`, `height` and `viewBox` from the first `<svg` start tag;
    /// nil without a positive, finite size.
    init?(_ svg: [UInt8]) {
        let text = String(decoding: svg.prefix(65_536), as: UTF8.self)
        guard let open = text.range(of: "<svg"), let close = text[open.upperBound...].firstIndex(of: ">") else { return nil }
        let tag = String(text[open.upperBound..<close])
        let viewBox = Self.attribute("viewBox", in: tag).map {
            $0.split(whereSeparator: { $0 == " " || $0 == "," }).compactMap { Double($0) }
        }
        let boxSize = viewBox.flatMap { $0.count == 4 ? (width: $0[2] * 0.75, height: $0[3] * 0.75) : nil }
        let width = Self.attribute("width", in: tag).flatMap(Self.points) ?? boxSize?.width
        let height = Self.attribute("height", in: tag).flatMap(Self.points) ?? boxSize?.height
        guard let width, let height, width.isFinite, height.isFinite, width > 0, height > 0 else { return nil }
        self.widthPoints = width
        self.heightPoints = height
    }

    /// The value of `name="…"` (or `'…'`) in a start tag's attribute text.
    static func attribute(_ name: String, in tag: String) -> String? {
        var rest = Substring(tag)
        while let range = rest.range(of: name) {
            let before = range.lowerBound == rest.startIndex ? " " : rest[rest.index(before: range.lowerBound)]
            var after = rest[range.upperBound...].drop(while: { $0 == " " })
            rest = rest[range.upperBound...]
            guard before == " " || before == "\n" || before == "\t", after.first == "=" else { continue }
            after = after.dropFirst().drop(while: { $0 == " " })
            guard let quote = after.first, quote == "\"" || quote == "'" else { continue }
            let value = after.dropFirst()
            guard let end = value.firstIndex(of: quote) else { return nil }
            return String(value[..<end])
        }
        return nil
    }

    /// A length in points: `cm`, `mm`, `in`, `pt`, `pc`, `px` or a bare number
    /// (CSS pixels); nil for percentages and anything else.
    static func points(_ length: String) -> Double? {
        let trimmed = length.trimmingCharacters(in: .whitespaces)
        let units: [(String, Double)] = [("cm", 72 / 2.54), ("mm", 72 / 25.4), ("in", 72), ("pt", 1), ("pc", 12), ("px", 0.75)]
        for (unit, factor) in units where trimmed.hasSuffix(unit) {
            return Double(trimmed.dropLast(unit.count).trimmingCharacters(in: .whitespaces)).map { $0 * factor }
        }
        return Double(trimmed).map { $0 * 0.75 }
    }
}
