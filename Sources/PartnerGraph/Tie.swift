/// A tie: an agreement, liaison, joint activity or user-declared type of
/// relationship between two partners, optionally dated and directed.
/// Several ties may join the same pair.
public struct Tie: Hashable, Sendable {
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
    /// The fields most ties leave out, in one shared box (`nil` when all are
    /// left out): a tie takes 80 bytes instead of 184, which counts for a
    /// graph of a million ties.
    private var details: DetailsBox?

    /// Optional identifier, unique within a graph when given. Ties without one
    /// are referred to as `#N` (their 1-based position) — see ``PartnerNetwork/reference(ofTie:)``.
    public var id: String? {
        get { details?.value.id }
        set { update { $0.id = newValue } }
    }
    public var label: String? {
        get { details?.value.label }
        set { update { $0.label = newValue } }
    }
    /// Replaces the type's weight when given.
    public var weight: Double? {
        get { details?.value.weight }
        set { update { $0.weight = newValue } }
    }
    public var themes: [String] {
        get { details?.value.themes ?? [] }
        set { update { $0.themes = newValue } }
    }
    /// Provenance: the document, URL or page the tie is taken from.
    public var provenance: String? {
        get { details?.value.provenance }
        set { update { $0.provenance = newValue } }
    }
    public var status: String? {
        get { details?.value.status }
        set { update { $0.status = newValue } }
    }
    /// Free-text note (for example why a date is missing).
    public var note: String? {
        get { details?.value.note }
        set { update { $0.note = newValue } }
    }
    public var attributes: [String: AttributeValue] {
        get { details?.value.attributes ?? [:] }
        set { update { $0.attributes = newValue } }
    }

    public init(id: String? = nil, type: String, source: String, target: String, isDirected: Bool = false,
                start: PartialDate? = nil, end: PartialDate? = nil, label: String? = nil, weight: Double? = nil,
                themes: [String] = [], provenance: String? = nil, status: String? = nil, note: String? = nil,
                attributes: [String: AttributeValue] = [:]) {
        self.type = type
        self.source = source
        self.target = target
        self.isDirected = isDirected
        self.start = start
        self.end = end
        let d = Details(id: id, label: label, weight: weight, themes: themes, provenance: provenance,
                        status: status, note: note, attributes: attributes)
        details = d.isEmpty ? nil : DetailsBox(d)
    }

    /// The optional fields.
    private struct Details: Hashable, Sendable {
        var id: String?
        var label: String?
        var weight: Double?
        var themes: [String] = []
        var provenance: String?
        var status: String?
        var note: String?
        var attributes: [String: AttributeValue] = [:]

        var isEmpty: Bool {
            id == nil && label == nil && weight == nil && themes.isEmpty && provenance == nil && status == nil
                && note == nil && attributes.isEmpty
        }
    }

    /// An immutable box: a change makes a new one, so copies of a tie never share a change.
    /// Equal and hashed by its value, so two ties are equal when their fields are.
    private final class DetailsBox: Hashable, Sendable {
        let value: Details
        init(_ value: Details) { self.value = value }
        static func == (a: DetailsBox, b: DetailsBox) -> Bool { a === b || a.value == b.value }
        func hash(into hasher: inout Hasher) { hasher.combine(value) }
    }

    private mutating func update(_ change: (inout Details) -> Void) {
        var d = details?.value ?? Details()
        change(&d)
        details = d.isEmpty ? nil : DetailsBox(d)
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
