/// A Graphviz layout engine, named as Graphviz names it (`-K` on the command line).
///
/// The six engines PartnerGraph supports are static members; any other name can
/// be passed through `init(rawValue:)` and is checked by Graphviz itself, so an
/// unknown engine becomes a ``GraphvizError/unknownEngine(_:available:message:)``
/// rather than a usage error.
///
/// ```swift
/// let svg = try Graphviz.shared.render(dot: "graph { a -- b }", engine: .neato, format: .svg)
/// ```
public struct LayoutEngine: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// Hierarchical layout (`dot`). Slow on dense graphs: roughly n^3.3 on partner graphs.
    public static let dot = LayoutEngine(rawValue: "dot")
    /// Stress majorisation (`neato`), roughly n^2.
    public static let neato = LayoutEngine(rawValue: "neato")
    /// Force-directed placement with clusters (`fdp`). Repeatable only in a fresh process.
    public static let fdp = LayoutEngine(rawValue: "fdp")
    /// Multiscale force-directed placement (`sfdp`), roughly n^1.3; the engine for large graphs.
    public static let sfdp = LayoutEngine(rawValue: "sfdp")
    /// Circular layout (`circo`).
    public static let circo = LayoutEngine(rawValue: "circo")
    /// Radial layout (`twopi`).
    public static let twopi = LayoutEngine(rawValue: "twopi")

    /// The engines PartnerGraph supports and tests.
    public static let allSupported: [LayoutEngine] = [.dot, .neato, .fdp, .sfdp, .circo, .twopi]

    /// Whether a layout by this engine depends on state left behind by earlier
    /// layouts in the same process, so that only a fresh process gives the same
    /// bytes every time.
    ///
    /// fdp orders work by heap addresses as well as by its random generators;
    /// resetting `rand`/`srand48` (which the renderer does before every layout)
    /// makes sfdp history-independent but not fdp. Measured with Graphviz 2.43.
    public var needsFreshProcess: Bool {
        self == .fdp
    }

    public var description: String { rawValue }
}
