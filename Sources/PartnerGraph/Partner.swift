/// A partner: a node of the partnership network (a state, a national
/// commission, a UN body, an agency, an institute, a chair, an NGO…).
public struct Partner: Hashable, Sendable {
    /// Stable identifier: any non-empty text without leading or trailing
    /// white space, compared exactly (`Evelyn Jefferson`, `0`, `Åbo-IHR`).
    public var id: String
    /// Display name.
    public var name: String
    /// Category, e.g. `member-state`, `un-treaty-body`, `ngo`.
    public var kind: String
    public var aliases: [String]
    public var region: String?
    public var themes: [String]
    public var url: String?
    /// Free, user-defined fields.
    public var attributes: [String: AttributeValue]

    public init(id: String, name: String, kind: String, aliases: [String] = [], region: String? = nil,
                themes: [String] = [], url: String? = nil, attributes: [String: AttributeValue] = [:]) {
        self.id = id
        self.name = name
        self.kind = kind
        self.aliases = aliases
        self.region = region
        self.themes = themes
        self.url = url
        self.attributes = attributes
    }

    /// Whether `text` is a valid partner id: non-empty, no leading or
    /// trailing white space or newline.
    public static func isValidID(_ text: String) -> Bool {
        // Fast path: visible ASCII at both ends, without looking up Unicode properties.
        if let first = text.utf8.first, let last = text.utf8.last, (0x21...0x7E).contains(first), (0x21...0x7E).contains(last) {
            return true
        }
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last else { return false }
        return !first.properties.isWhitespace && !last.properties.isWhitespace
    }
}
