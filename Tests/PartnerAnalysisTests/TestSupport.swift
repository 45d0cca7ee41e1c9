import Testing
@testable import PartnerAnalysis

/// A test graph: node i is the i-th node of NetworkX's node order.
struct Fixture: Sendable {
    let names: [String]
    /// Edge endpoints, flattened: edge i joins pairs[2i] and pairs[2i + 1].
    let pairs: [Int]
    let weights: [Double]
    let directed: Bool

    var edges: [(Int, Int, Double)] { weights.indices.map { (pairs[2 * $0], pairs[2 * $0 + 1], weights[$0]) } }

    var nodeCount: Int { names.count }

    func graph() throws -> CSRGraph {
        try CSRGraph(nodeCount: names.count, edges: edges, directed: directed)
    }

    func index(of name: String) -> Int { names.firstIndex(of: name)! }
}

/// Expected values for an undirected fixture, from NetworkX 3.6.1 / igraph
/// (see make_fixtures.py). Weighted entries exist only for weighted graphs.
struct Measures: Sendable {
    var degree: [Int]
    var degreeCentrality: [Double]
    var betweenness: [Double]
    var betweennessRaw: [Double]
    var closeness: [Double]
    var harmonic: [Double]
    var eigenvector: [Double]
    /// NetworkX's defaults (tol 1e-6, max_iter 100).
    var eigenvectorDefault: [Double]
    /// The exact leading eigenvector (numpy.linalg.eigh).
    var eigenvectorExact: [Double]
    var pagerank: [Double]
    var pagerankDefault: [Double]
    var coreNumber: [Int]
    var clustering: [Double]
    var components: [Int]
    var articulationPoints: [Int]
    var bridges: [[Int]]
    var constraint: [Double?]
    var effectiveSize: [Double?]
    var samplePivots: [Int]
    var betweennessSampled: [Double]
    var betweennessSampledRaw: [Double]
    var weightedBetweennessRaw: [Double]? = nil
    var weightedBetweenness: [Double]? = nil
    var weightedCloseness: [Double]? = nil
    var weightedHarmonic: [Double]? = nil
    var weightedEigenvector: [Double]? = nil
    var weightedEigenvectorExact: [Double]? = nil
    var weightedPagerank: [Double]? = nil
    var strength: [Double]? = nil
    var weightedConstraint: [Double?]? = nil
    var weightedEffectiveSize: [Double?]? = nil
    var weightedLouvainBestModularity: Double? = nil
    var louvainBestModularity: Double
}

/// Expected values for the directed fixture (NetworkX 3.6.1).
struct DirectedMeasures: Sendable {
    var inDegree: [Int]
    var outDegree: [Int]
    var betweenness: [Double]
    var betweennessRaw: [Double]
    var closeness: [Double]
    var harmonic: [Double]
    var pagerank: [Double]
    /// In + out degree.
    var degree: [Int]
    var degreeCentrality: [Double]
    /// Left eigenvector (in-arcs), NetworkX's power iteration run to its limit.
    var eigenvector: [Double]
    /// NetworkX `core_number` on the DiGraph (in + out degree).
    var coreNumber: [Int]
    var samplePivots: [Int]
    var betweennessSampled: [Double]
    var components: [Int]
}

/// Expected weighted values for the weighted directed fixture (NetworkX 3.6.1;
/// betweenness from igraph, which ties equal weighted lengths as we do).
struct DirectedWeightedMeasures: Sendable {
    var strength: [Double]
    var betweennessRaw: [Double]
    var betweenness: [Double]
    var closeness: [Double]
    var harmonic: [Double]
    var eigenvector: [Double]
    var pagerank: [Double]
}

/// The undirected fixtures with their reference values.
struct Case: Sendable, CustomTestStringConvertible {
    let name: String
    let fixture: Fixture
    let expected: Measures
    var testDescription: String { name }
}

let allCases: [Case] = [
    Case(name: "kite", fixture: Fixtures.kite, expected: Reference.kite),
    Case(name: "florentine", fixture: Fixtures.florentine, expected: Reference.florentine),
    Case(name: "florentine+Pucci", fixture: Fixtures.florentineWithPucci, expected: Reference.florentineWithPucci),
    Case(name: "karate", fixture: Fixtures.karate, expected: Reference.karate),
    Case(name: "davis", fixture: Fixtures.davis, expected: Reference.davis),
    Case(name: "lesMiserables", fixture: Fixtures.lesMiserables, expected: Reference.lesMiserables),
]

let weightedCases: [Case] = allCases.filter { $0.expected.weightedBetweenness != nil }

let tolerance = 1e-9

/// Checks two equal-length vectors element by element within `tol`
/// (absolute, or relative for values above 1); NaN matches NaN.
func expectClose(_ actual: [Double], _ expected: [Double], tol: Double = tolerance, _ what: String,
                 sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(actual.count == expected.count, "\(what): length \(actual.count) ≠ \(expected.count)",
            sourceLocation: sourceLocation)
    for i in 0..<min(actual.count, expected.count) {
        let a = actual[i], e = expected[i]
        if a.isNaN && e.isNaN { continue }
        let ok = abs(a - e) <= tol * max(1, abs(e))
        #expect(ok, "\(what)[\(i)]: \(a) ≠ \(e)", sourceLocation: sourceLocation)
    }
}

func expectClose(_ actual: [Double?], _ expected: [Double?], tol: Double = tolerance, _ what: String,
                 sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(actual.count == expected.count, "\(what): length", sourceLocation: sourceLocation)
    for i in 0..<min(actual.count, expected.count) {
        switch (actual[i], expected[i]) {
        case (nil, nil): continue
        case let (a?, e?):
            #expect(abs(a - e) <= tol * max(1, abs(e)), "\(what)[\(i)]: \(a) ≠ \(e)", sourceLocation: sourceLocation)
        default:
            #expect(Bool(false), "\(what)[\(i)]: \(String(describing: actual[i])) ≠ \(String(describing: expected[i]))",
                    sourceLocation: sourceLocation)
        }
    }
}
