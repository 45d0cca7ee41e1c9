import PartnerGraph

/// A network read from a file, with the warnings the reader raised (for
/// example defaults it had to fill in for data from other tools).
public struct LoadedNetwork: Sendable {
    /// The network.
    public var network: PartnerNetwork
    /// Warnings, in file order; empty for a file that needed no defaults.
    public var warnings: [Diagnostic]

    /// Creates a result.
    public init(network: PartnerNetwork, warnings: [Diagnostic] = []) {
        self.network = network
        self.warnings = warnings
    }
}
