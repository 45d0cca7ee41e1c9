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

    /// The default engine for a figure of `nodeCount` partners.
    ///
    /// - dot up to 100 nodes: hierarchical and tidy; on seeded partner graphs
    ///   (~4.9 ties a partner) it takes 0.34 s at 100 nodes but 17.5 s at 300
    ///   and over 300 s at 1,000 (it grows ~n^3.3), and does not finish a
    ///   random 1,000-node graph at all.
    /// - neato up to 1,000 nodes (~n^2: 1.0 s at 500, 4.1 s at 1,000).
    /// - sfdp beyond (~n^1.3: 1.2 s at 2,000, 10.4 s at 10,000).
    ///
    /// Timings: `dot` CLI layout + SVG on 2 cores, GRAPHVIZ-NOTES.md "Speed".
    public static func recommended(forNodeCount nodeCount: Int) -> LayoutEngine {
        if nodeCount <= 100 { return .dot }
        if nodeCount <= 1_000 { return .neato }
        return .sfdp
    }

    public var description: String { rawValue }
}
