import FigureStyle
import PartnerGraph

/// A minimal deterministic SVG writer: elements in the order they are added,
/// attributes in the order given, numbers with at most two decimals, text
/// XML-escaped (control characters dropped).
struct SVGWriter {
    private(set) var body = ""
    private var depth = 1

    static func number(_ d: Double) -> String { NumberFormatting.fixed(d, digits: 2) }

    private func attrs(_ a: [(String, String)]) -> String {
        a.map { " \($0.0)=\"\(XMLEscaping.text($0.1))\"" }.joined()
    }

    private var indent: String { String(repeating: "  ", count: depth) }

    mutating func open(_ name: String, _ a: [(String, String)] = []) {
        body += "\(indent)<\(name)\(attrs(a))>\n"
        depth += 1
    }

    mutating func close(_ name: String) {
        depth -= 1
        body += "\(indent)</\(name)>\n"
    }

    mutating func empty(_ name: String, _ a: [(String, String)]) {
        body += "\(indent)<\(name)\(attrs(a))/>\n"
    }

    mutating func text(_ name: String, _ a: [(String, String)], _ content: String) {
        body += "\(indent)<\(name)\(attrs(a))>\(XMLEscaping.text(content))</\(name)>\n"
    }

    /// An element with a `<title>` child (the hover text and accessible name).
    mutating func titled(_ name: String, _ a: [(String, String)], title: String) {
        body += "\(indent)<\(name)\(attrs(a))><title>\(XMLEscaping.text(title))</title></\(name)>\n"
    }

    /// A `<text>` of one `<tspan>` per line, the first baseline at `y` and
    /// the next ones `lineHeight` below (one element, so a screen reader
    /// reads a wrapped label as one).
    mutating func textLines(_ a: [(String, String)], x: Double, y: Double, lineHeight: Double, _ lines: [String]) {
        guard lines.count > 1 else {
            text("text", a + [("x", SVGWriter.number(x)), ("y", SVGWriter.number(y))], lines.first ?? "")
            return
        }
        var s = "\(indent)<text\(attrs(a))>"
        for (i, line) in lines.enumerated() {
            s += "<tspan\(attrs([("x", SVGWriter.number(x)), ("y", SVGWriter.number(y + Double(i) * lineHeight))]))>"
            s += "\(XMLEscaping.text(line))</tspan>"
        }
        body += s + "</text>\n"
    }

    /// The whole document, drawn in points on `page`: `width` and `height`
    /// in the page's unit (``FigureStyle/Page/sizeAttributes(widthPoints:heightPoints:)``),
    /// a `viewBox` in points, `role="img"`, `<title>` and `<desc>`
    /// referenced by `aria-labelledby`, and the embedded style sheet.
    func document(widthPoints width: Double, heightPoints height: Double, page: Page,
                  id: String, title: String, description: String, css: String) -> String {
        let size = page.sizeAttributes(widthPoints: width, heightPoints: height)
        var s = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        s += "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-labelledby=\"\(id)-title \(id)-desc\""
        s += " width=\"\(size.width)\" height=\"\(size.height)\""
        s += " viewBox=\"0 0 \(SVGWriter.number(width)) \(SVGWriter.number(height))\">\n"
        s += "  <title id=\"\(id)-title\">\(XMLEscaping.text(title))</title>\n"
        s += "  <desc id=\"\(id)-desc\">\(XMLEscaping.text(description))</desc>\n"
        s += "  <style>\(css)</style>\n"
        s += body
        s += "</svg>\n"
        return s
    }
}
