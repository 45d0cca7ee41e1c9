/// A partnership network: metadata, partners (nodes) and dated ties (edges).
///
/// Partners are looked up by id in O(1). The network keeps partners and ties
/// in file order; every output that lists them sorts explicitly.
///
/// ```swift
/// var net = PartnerNetwork(title: "Example", focal: "unesco")
/// try net.add(Partner(id: "unesco", name: "UNESCO", kind: "un-agency"))
/// try net.add(Partner(id: "ohchr", name: "OHCHR", kind: "un-office"))
/// net.add(Tie(type: "agreement", source: "unesco", target: "ohchr", start: PartialDate("2003")))
/// ```
public struct PartnerNetwork: Hashable, Sendable {
    public var title: String?
    /// The partner from whose point of view coverage and gaps are computed.
    public var focal: String?
    public var description: String?
    public var settings: GraphSettings
    /// Free graph-level fields.
    public var attributes: [String: AttributeValue]
    public private(set) var partners: [Partner]
    public var ties: [Tie]
    private var indexByID: [String: Int]

    /// Creates a network. Duplicate partner ids keep the first partner for
    /// lookups; ``problems()`` reports them.
    public init(title: String? = nil, focal: String? = nil, description: String? = nil,
                settings: GraphSettings = GraphSettings(), attributes: [String: AttributeValue] = [:],
                partners: [Partner] = [], ties: [Tie] = []) {
        self.title = title
        self.focal = focal
        self.description = description
        self.settings = settings
        self.attributes = attributes
        self.partners = partners
        self.ties = ties
        var index: [String: Int] = [:]
        index.reserveCapacity(partners.count)
        for (i, p) in partners.enumerated() where index[p.id] == nil { index[p.id] = i }
        self.indexByID = index
    }

    /// The partner with `id`, in O(1).
    public func partner(id: String) -> Partner? {
        indexByID[id].map { partners[$0] }
    }

    /// The position of the partner with `id` in ``partners``, in O(1).
    public func index(ofPartner id: String) -> Int? { indexByID[id] }

    /// Adds a partner.
    /// - Throws: ``GraphDataError`` when the id is invalid or already used.
    public mutating func add(_ partner: Partner) throws(GraphDataError) {
        guard Partner.isValidID(partner.id) else {
            throw GraphDataError("invalid partner id '\(partner.id)': ids are non-empty and have no leading or trailing spaces")
        }
        guard indexByID[partner.id] == nil else { throw GraphDataError("duplicate partner id '\(partner.id)'") }
        indexByID[partner.id] = partners.count
        partners.append(partner)
    }

    /// Adds a tie (checked by ``problems()``, not here).
    public mutating func add(_ tie: Tie) { ties.append(tie) }

    /// Replaces the partner at `index`, keeping the id index right.
    public mutating func replacePartner(at index: Int, with partner: Partner) {
        let old = partners[index].id
        partners[index] = partner
        if old != partner.id {
            if indexByID[old] == index { indexByID[old] = nil }
            if indexByID[partner.id] == nil { indexByID[partner.id] = index }
        }
    }

    /// How to refer to tie number `index` in messages and evidence: its id,
    /// or `#N` (1-based position) when it has none.
    public func reference(ofTie index: Int) -> String { ties[index].id ?? "#\(index + 1)" }

    /// The effective definition of a tie's type (built-in or declared).
    public func typeDefinition(of tie: Tie) -> TieTypeDefinition {
        settings.definition(of: tie.type) ?? TieTypeDefinition(name: tie.type, weight: 1)
    }

    /// The tie's weight: its own `weight`, else its type's weight.
    public func weight(of tie: Tie) -> Double { tie.weight ?? typeDefinition(of: tie).weight }
}

/// A problem with graph data that is not tied to a file position, and the
/// error thrown by model operations. Readers turn these into positioned
/// diagnostics.
public struct GraphDataError: Error, Hashable, Sendable, CustomStringConvertible {
    public let message: String
    public let hint: String?
    public init(_ message: String, hint: String? = nil) {
        self.message = message
        self.hint = hint
    }
    public var description: String { hint.map { "\(message) (\($0))" } ?? message }
}
