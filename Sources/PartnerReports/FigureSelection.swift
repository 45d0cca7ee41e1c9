import PartnerAnalysis
import PartnerGraph

/// Which partners a network figure draws at a date: those with a current
/// tie (and a lapsed one unless ``showsLapsedTies`` is off), then only the
/// kinds asked for, then only the ego's neighbourhood. `render` and the
/// report's figures and snapshots all choose this way.
public struct FigureSelection: Sendable {
    /// Whether partners whose only ties have lapsed are drawn (grey).
    public var showsLapsedTies = true
    /// Only partners of these kinds; empty: every kind.
    public var kinds: [String] = []
    /// Only partners within ``depth`` steps of this partner over current ties.
    public var ego: String?
    /// The ego's radius in steps.
    public var depth = 1

    public init(showsLapsedTies: Bool = true, kinds: [String] = [], ego: String? = nil, depth: Int = 1) {
        self.showsLapsedTies = showsLapsedTies
        self.kinds = kinds
        self.ego = ego
        self.depth = depth
    }

    /// The ids of the partners drawn as of `day`.
    /// - Parameter projection: the snapshot at `day` (for the ego's
    ///   neighbourhood); built when nil and an ego is set.
    /// - Complexity: O(ties) plus, with an ego, a breadth-first search.
    public func partners(of net: PartnerNetwork, asOf day: Day, lookback: Lookback?, projection: Projection? = nil) -> Set<String> {
        var selected = Set<String>()
        for tie in net.ties where tie.source != tie.target {
            switch net.state(of: tie, at: day, lookback: lookback) {
            case .current: selected.formUnion([tie.source, tie.target])
            case .ended where showsLapsedTies: selected.formUnion([tie.source, tie.target])
            default: break
            }
        }
        if !kinds.isEmpty {
            let wanted = Set(kinds)
            selected = selected.filter { net.partner(id: $0).map { wanted.contains($0.kind) } ?? false }
        }
        if let ego {
            var near: Set<String> = [ego]
            if let snapshot = projection ?? (try? Projection(network: net, asOf: day, lookback: lookback)),
               let start = snapshot.node(of: ego) {
                near.formUnion(snapshot.graph.nodes(within: depth, of: start).map { snapshot.ids[$0] })
            }
            selected = selected.intersection(near)
        }
        return selected
    }
}
