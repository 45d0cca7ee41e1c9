/// A tie: an agreement, liaison, joint activity or user-declared type of
/// relationship between two partners, optionally dated and directed.
/// Several ties may join the same pair.
public struct Tie: Hashable, Sendable {
    /// Optional identifier, unique within a graph when given. Ties without one
    /// are referred to as `#N` (their 1-based position) — see ``PartnerNetwork/reference(ofTie:)``.
    public var id: String?
    /// `agreement`, `liaison`, `joint-activity`, or a type the graph declares.
    public var type: String
    /// First endpoint (the `from` partner of a directed tie).
    public var source: String
    /// Second endpoint (the `to` partner of a directed tie).
    public var target: String
    /// Whether the tie points from `source` to `target` (e.g. "organised by").
    public var isDirected: Bool
    public var start: PartialDate?
    public var end: PartialDate?
    public var label: String?
    /// Replaces the type's weight when given.
    public var weight: Double?
    public var themes: [String]
    /// Provenance: the document, URL or page the tie is taken from.
    public var provenance: String?
    public var status: String?
    /// Free-text note (for example why a date is missing).
    public var note: String?
    public var attributes: [String: AttributeValue]

    public init(id: String? = nil, type: String, source: String, target: String, isDirected: Bool = false,
                start: PartialDate? = nil, end: PartialDate? = nil, label: String? = nil, weight: Double? = nil,
                themes: [String] = [], provenance: String? = nil, status: String? = nil, note: String? = nil,
                attributes: [String: AttributeValue] = [:]) {
        self.id = id
        self.type = type
        self.source = source
        self.target = target
        self.isDirected = isDirected
        self.start = start
        self.end = end
        self.label = label
        self.weight = weight
        self.themes = themes
        self.provenance = provenance
        self.status = status
        self.note = note
        self.attributes = attributes
    }

    /// Whether the tie joins `a` and `b` (in either direction).
    public func joins(_ a: String, _ b: String) -> Bool {
        (source == a && target == b) || (source == b && target == a)
    }

    /// The endpoint that is not `id`, or `nil` when `id` is not an endpoint.
    public func otherEnd(from id: String) -> String? {
        if source == id { return target }
        if target == id { return source }
        return nil
    }
}
