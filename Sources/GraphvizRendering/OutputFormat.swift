/// An output format, named as Graphviz names it (`-T` on the command line).
///
/// `png` and `pdf` are always rendered by Graphviz's cairo plugin
/// (`libgvplugin_pango`), never by the lower-quality gd fallback; when the plugin
/// is missing the render throws ``GraphvizError/pluginMissing(format:message:)``.
public struct OutputFormat: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// Scalable Vector Graphics (`svg`), the default.
    public static let svg = OutputFormat(rawValue: "svg")
    /// The laid-out graph as DOT with positions (`dot`).
    public static let dot = OutputFormat(rawValue: "dot")
    /// DOT with drawing operations (`xdot`).
    public static let xdot = OutputFormat(rawValue: "xdot")
    /// Graphviz's line-based plain text (`plain`).
    public static let plain = OutputFormat(rawValue: "plain")
    /// PNG through cairo.
    public static let png = OutputFormat(rawValue: "png")
    /// PDF through cairo.
    public static let pdf = OutputFormat(rawValue: "pdf")

    /// The formats PartnerGraph supports and tests.
    public static let allSupported: [OutputFormat] = [.svg, .dot, .xdot, .plain, .png, .pdf]

    /// Whether the format needs Graphviz's cairo plugin.
    public var needsCairo: Bool {
        self == .png || self == .pdf
    }

    /// The renderer name handed to `gvRender` (`png:cairo` for cairo formats).
    var graphvizRendererName: String {
        needsCairo ? "\(rawValue):cairo" : rawValue
    }

    public var description: String { rawValue }
}
