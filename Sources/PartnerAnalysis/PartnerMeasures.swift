import PartnerGraph

/// The per-partner measures `partnergraph analyze` reports, by their JSON names.
public enum Measure: String, CaseIterable, Sendable {
    case degree, degreeCentrality, strength, betweenness, closeness, harmonic, eigenvector, pagerank
    case coreNumber, clustering, constraint, effectiveSize, community

    /// The command-line spelling (`degree-centrality`).
    public var optionName: String {
        var s = ""
        for ch in rawValue {
            if ch.isUppercase { s += "-" + ch.lowercased() } else { s.append(ch) }
        }
        return s
    }

    /// Parses the command-line or JSON spelling (`page-rank`, `pagerank`, `degreeCentrality`…).
    public init?(name: String) {
        let key = name.lowercased().filter { $0 != "-" && $0 != "_" }
        guard let m = Measure.allCases.first(where: { $0.rawValue.lowercased() == key }) else {
            if key == "core" || key == "kcore" { self = .coreNumber; return }
            return nil
        }
        self = m
    }

    /// Whether the values are whole numbers.
    public var isInteger: Bool { self == .degree || self == .coreNumber || self == .community }
}

/// Settings of one analysis run; every report prints them.
public struct MeasureOptions: Sendable, Hashable {
    /// Eigenvector, PageRank, closeness, harmonic, betweenness, constraint,
    /// effective size and communities use weights (path measures as length
    /// 1/weight). Strength sums weights either way; degree, core number and
    /// clustering never use them.
    public var weighted = false
    /// Betweenness normalised as NetworkX (default) or raw.
    public var normalizedBetweenness = true
    /// Sampled betweenness with this many pivot sources; `nil` = exact.
    public var samples: Int?
    /// Seed for pivot sampling and Louvain.
    public var seed: UInt64 = 1
    /// Worker threads (0 = all cores).
    public var threads = 0
    /// Tolerance of eigenvector centrality and PageRank (NetworkX's `tol`:
    /// stop when `Σ |x' − x| < n · tolerance`).
    public var tolerance = CSRGraph.defaultTolerance

    /// The former name of ``tolerance``, which now applies to eigenvector
    /// centrality too.
    @available(*, deprecated, renamed: "tolerance")
    public var pagerankTolerance: Double {
        get { tolerance }
        set { tolerance = newValue }
    }

    public init() {}
}

/// Every measure of a projection, indexed by row: first the graph's nodes
/// (row `v` is node `v`, see ``Projection/ids``), then the partners the
/// projection only lists (``Projection/isolated``), so ``ids`` is in id order
/// only when nothing is listed.
public struct PartnerMeasures: Sendable {
    public let projection: Projection
    public let options: MeasureOptions
    /// Partner id of each row: ``Projection/ids`` followed by the listed isolated partners.
    public let ids: [String]
    /// Index into `network.partners` of each row.
    public let partnerIndices: [Int]
    /// Values per measure, one per row; `nil` where a value is undefined (e.g.
    /// constraint of an isolate).
    public let values: [Measure: [Double?]]
    /// Connected components (weakly connected when directed) of the graph.
    public let componentCount: Int
    /// Modularity of the Louvain partition, when communities were computed
    /// and the graph has an edge (undefined without one: NetworkX divides by
    /// the total edge weight).
    public let modularity: Double?
    /// Nodes whose removal disconnects their component, ascending.
    public let articulationPoints: [Int]
    /// Edges whose removal disconnects their component, each `(u, v)` with u < v, sorted.
    public let bridges: [(Int, Int)]
    /// Gould–Fernandez roles by partner kind, for directed projections (graph nodes only).
    public let brokerage: BrokerageRoles?

    /// Computes the requested measures on the projection's graph and gives
    /// the listed isolated partners the values an isolated node has (see
    /// ``isolatedValue(of:)``). With `directed`, degree, degree centrality,
    /// strength and core number use in + out arcs, betweenness, closeness and
    /// harmonic follow arcs, eigenvector and PageRank use in-arcs; clustering,
    /// constraint, effective size, communities and the structure
    /// (components, articulation points, bridges) use the undirected view.
    /// - Parameter progress: called with (step name, work done, total work) after each
    ///   step and during betweenness, in thousandths of a step.
    /// - Throws: ``AnalysisError`` when a measure cannot be computed, among
    ///   them `.didNotConverge` when eigenvector centrality or PageRank does
    ///   not reach `options.tolerance`.
    /// - Complexity: dominated by betweenness/closeness, O(n m) unweighted.
    public init(projection: Projection, measures: [Measure], kinds: [String], options: MeasureOptions = MeasureOptions(),
                progress: (@Sendable (String, Int, Int) -> Void)? = nil) throws {
        self.projection = projection
        self.options = options
        let g = projection.graph
        let undirected: CSRGraph = g.isDirected ? try Self.undirectedView(of: g) : g
        let total = measures.count + 1
        var done = 0
        func step(_ name: String) {
            done += 1
            progress?(name, done * 1000, total * 1000)
        }
        var values: [Measure: [Double?]] = [:]
        var modularity: Double?
        for m in measures {
            switch m {
            case .degree: values[m] = g.degrees().map { Double($0) }
            case .degreeCentrality: values[m] = g.degreeCentrality()
            case .strength: values[m] = g.strengths()
            case .betweenness:
                let pivots: PivotSelection = options.samples.map { .sample(count: min($0, g.nodeCount), seed: options.seed) } ?? .all
                let stepIndex = done
                var perSource: (@Sendable (Double) -> Void)?
                if let report = progress {
                    perSource = { fraction in report("betweenness", stepIndex * 1000 + Int(fraction * 1000), total * 1000) }
                }
                values[m] = try g.betweennessCentrality(normalized: options.normalizedBetweenness, weighted: options.weighted,
                                                        pivots: pivots, threads: options.threads, progress: perSource).map(Self.finite)
            case .closeness: values[m] = g.closenessCentrality(weighted: options.weighted, threads: options.threads)
            case .harmonic: values[m] = g.harmonicCentrality(weighted: options.weighted, threads: options.threads)
            case .eigenvector:
                values[m] = try g.eigenvectorCentrality(weighted: options.weighted, tolerance: options.tolerance).map(Self.finite)
            case .pagerank:
                values[m] = try g.pageRank(weighted: options.weighted, tolerance: options.tolerance, threads: options.threads)
            case .coreNumber: values[m] = g.coreNumbers().map { Double($0) }
            case .clustering: values[m] = try undirected.clustering()
            case .constraint: values[m] = try undirected.constraint(weighted: options.weighted)
            case .effectiveSize: values[m] = try undirected.effectiveSize(weighted: options.weighted)
            case .community:
                let c = try undirected.louvainCommunities(weighted: options.weighted, seed: options.seed)
                // isolated rows are communities of their own, numbered after the graph's
                values[m] = c.labels.map { Double($0) } + projection.isolated.indices.map { Double(c.count + $0) }
                modularity = c.modularity.isFinite ? c.modularity : nil
            }
            if m != .community, !projection.isolated.isEmpty {
                values[m]! += [Double?](repeating: Self.isolatedValue(of: m), count: projection.isolated.count)
            }
            step(m.rawValue)
        }
        let comps = undirected.connectedComponents()
        self.componentCount = Set(comps).count
        self.articulationPoints = try undirected.articulationPoints()
        self.bridges = try undirected.bridges().map { ($0.0 < $0.1 ? $0 : ($0.1, $0.0)) }.sorted { ($0.0, $0.1) < ($1.0, $1.1) }
        if g.isDirected {
            let kindIndex = Dictionary(uniqueKeysWithValues: Array(Set(kinds)).sorted().enumerated().map { ($1, $0) })
            self.brokerage = try g.brokerageRoles(groups: kinds.map { kindIndex[$0]! })
        } else {
            self.brokerage = nil
        }
        step("structure")
        self.values = values
        self.modularity = modularity
        self.partnerIndices = projection.partnerIndices + projection.isolated
        self.ids = projection.ids + projection.isolatedIDs
    }

    /// The row of partner `id`, in O(log n).
    public func row(of id: String) -> Int? {
        if let v = projection.node(of: id) { return v }
        let listed = projection.isolatedIDs
        var lo = 0, hi = listed.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if listed[mid] < id { lo = mid + 1 } else { hi = mid }
        }
        return lo < listed.count && listed[lo] == id ? projection.ids.count + lo : nil
    }

    /// The value of `measure` for a node without edges, as NetworkX gives it
    /// for an isolated node: 0 for degree, strength, betweenness, closeness,
    /// harmonic, core number and clustering; 0 for eigenvector and PageRank
    /// too (the graph's walk and eigenvector never reach a node outside it);
    /// `nil` (undefined, NaN in NetworkX) for constraint and effective size.
    /// Communities are singletons, numbered after the graph's.
    public static func isolatedValue(of measure: Measure) -> Double? {
        switch measure {
        case .constraint, .effectiveSize: return nil
        default: return 0
        }
    }

    private static func finite(_ d: Double) -> Double? { d.isFinite ? d : nil }

    private static func undirectedView(of g: CSRGraph) throws -> CSRGraph {
        var edges: [(Int, Int, Double)] = []
        for u in 0..<g.nodeCount {
            let lo = Int(g.offsets[u]), hi = Int(g.offsets[u + 1])
            for k in lo..<hi {
                let v = Int(g.neighbors[k])
                // An arc pair u→v, v→u collapses into one undirected edge with the summed weight.
                edges.append((min(u, v), max(u, v), g.weights[k]))
            }
        }
        return try CSRGraph(nodeCount: g.nodeCount, edges: edges, directed: false)
    }
}
