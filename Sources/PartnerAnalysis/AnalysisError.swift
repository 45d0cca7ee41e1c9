/// The one error type of `PartnerAnalysis`: bad input data or an algorithm
/// that could not finish. Programmer errors (a negative thread count, say)
/// are preconditions instead.
public enum AnalysisError: Error, Sendable, Equatable, CustomStringConvertible {
    /// An edge names a node outside `0..<nodeCount`.
    case nodeOutOfRange(edge: Int, node: Int, nodeCount: Int)
    /// An edge weight is zero, negative, infinite or NaN.
    case invalidWeight(edge: Int, weight: Double)
    /// The graph has more arcs than 32-bit CSR indices can address.
    case tooManyEdges(count: Int)
    /// A per-node input array has the wrong length.
    case wrongLength(what: String, expected: Int, actual: Int)
    /// An argument is out of its domain (for example more pivots than nodes).
    case invalidArgument(String)
    /// The measure is only defined here for undirected graphs.
    case requiresUndirected(measure: String)
    /// An iterative method did not reach its tolerance.
    case didNotConverge(algorithm: String, iterations: Int, tolerance: Double)

    public var description: String {
        switch self {
        case let .nodeOutOfRange(edge, node, nodeCount):
            return "edge \(edge): node index \(node) is out of range 0..<\(nodeCount)"
        case let .invalidWeight(edge, weight):
            return "edge \(edge): weight \(weight) is not a positive finite number"
        case let .tooManyEdges(count):
            return "graph has \(count) arcs; at most \(Int(Int32.max)) are supported"
        case let .wrongLength(what, expected, actual):
            return "\(what) has \(actual) entries; expected \(expected) (one per node)"
        case let .invalidArgument(message):
            return message
        case let .requiresUndirected(measure):
            return "\(measure) is defined only for undirected graphs"
        case let .didNotConverge(algorithm, iterations, tolerance):
            return "\(algorithm) did not converge to tolerance \(tolerance) within \(iterations) iterations"
        }
    }
}
