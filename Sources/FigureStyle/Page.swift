/// The page a figure lands on: its width, the tallest it may be, and the
/// smallest text a reader accepts there.
///
/// Every figure (network, timeline, coverage chart, report figure) is drawn
/// in points at the size it will be printed: text is `fontSize` points and
/// the drawing is at most `width` wide. A figure that cannot be drawn that
/// way is reduced (see `NetworkFigure`), never scaled down: scaling would
/// shrink the text below what the reader asked for.
///
/// ```swift
/// let page = Page(width: PageLength("16cm")!, fontSize: 9)
/// page.fits(widthPoints: 400, heightPoints: 300)   // true
/// page.sizeAttributes(widthPoints: 400, heightPoints: 300)  // ("14.1111cm", "10.5833cm")
/// ```
public struct Page: Sendable, Hashable {
    /// The text width of the document the figure goes into (default 16 cm,
    /// an A4 page with 2.5 cm margins).
    public var width: PageLength
    /// The tallest the figure may be; nil means 1.4 × `width` (a little less
    /// than an A4 text block, so a caption fits).
    public var height: PageLength?
    /// The smallest text in the figure, in points (default 9; 7 is the
    /// smallest size readers accept in print).
    public var fontSize: Double

    /// The smallest `fontSize` accepted; below it text is not legible in print.
    public static let minimumFontSize = 6.0
    public static let maximumFontSize = 72.0

    public static let standard = Page(width: PageLength(value: 16, unit: .cm), fontSize: 9)

    public init(width: PageLength, height: PageLength? = nil, fontSize: Double) {
        precondition(fontSize.isFinite && fontSize > 0, "font size must be positive")
        self.width = width
        self.height = height
        self.fontSize = fontSize
    }

    /// The page width in points.
    public var widthPoints: Double { width.points }
    /// The greatest figure height in points.
    public var heightPoints: Double { height?.points ?? width.points * 1.4 }

    /// Whether a drawing of this natural size (points, text at `fontSize`)
    /// fits the page without scaling down.
    public func fits(widthPoints w: Double, heightPoints h: Double) -> Bool {
        w <= widthPoints + 0.5 && h <= heightPoints + 0.5
    }

    /// SVG `width` and `height` for a drawing of `w` × `h` points shown at
    /// its natural size, in the page's unit: the drawing is never wider than
    /// the page (a wider one is scaled to the page width, which shrinks its
    /// text; callers reduce the drawing first so that it fits).
    public func sizeAttributes(widthPoints w: Double, heightPoints h: Double) -> (width: String, height: String) {
        let scale = w > widthPoints ? widthPoints / w : 1
        return (width.format(points: w * scale), width.format(points: h * scale))
    }

    /// The smallest text, in points, of a drawing `w` points wide whose
    /// smallest text is `textPoints`, once it is placed `width` wide.
    public func printedSize(ofText textPoints: Double, inDrawingOfWidth w: Double) -> Double {
        textPoints * min(1, widthPoints / w)
    }
}
