/// A span of calendar time, written `3y`, `18m`, `90d` or combined `1y6m`.
/// Used as the per-type lookback: a tie is current at D when its interval
/// meets `[D − lookback, D]`.
public struct Lookback: Hashable, Sendable, CustomStringConvertible {
    public var years: Int
    public var months: Int
    public var days: Int

    public init(years: Int = 0, months: Int = 0, days: Int = 0) {
        self.years = years
        self.months = months
        self.days = days
    }

    public static let zero = Lookback()

    /// Parses `0`, `3`, `3y`, `18m`, `90d`, `1y6m`… (a bare number means years).
    public init?(_ text: String) {
        let t = text.trimmingSpaces
        guard !t.isEmpty else { return nil }
        if let n = Int(t), n >= 0 { self.init(years: n); return }
        // Three flags rather than a `Set<Character>`: this runs while a file loads, where a
        // generic type's first use costs more than the parse.
        var y = 0, m = 0, d = 0, num = "", seenY = false, seenM = false, seenD = false
        for ch in t {
            if ch.isASCII, ch.isNumber { num.append(ch); continue }
            guard let v = Int(num) else { return nil }
            switch ch {
            case "y" where !seenY: y = v; seenY = true
            case "m" where !seenM: m = v; seenM = true
            case "d" where !seenD: d = v; seenD = true
            default: return nil
            }
            num = ""
        }
        guard num.isEmpty else { return nil }
        self.init(years: y, months: m, days: d)
    }

    /// `3y`, `1y6m`, `0`.
    public var description: String {
        var s = ""
        if years != 0 { s += "\(years)y" }
        if months != 0 { s += "\(months)m" }
        if days != 0 { s += "\(days)d" }
        return s.isEmpty ? "0" : s
    }

    /// The first day of the window `[day − self, day]`.
    public func windowStart(endingAt day: Day) -> Day {
        day.adding(years: -years, months: -months, days: -days)
    }
}

/// How a tie type behaves: its weight in projections, its lookback, and
/// whether an undated end means "ongoing" (relationships) or "the start's
/// period" (events).
public struct TieTypeDefinition: Hashable, Sendable {
    public var name: String
    public var weight: Double
    public var lookback: Lookback
    /// Events (like `joint-activity`) last their start's period when they
    /// have no end; relationships (agreements, liaisons) are ongoing.
    public var isEvent: Bool
    public var description: String?

    public init(name: String, weight: Double, lookback: Lookback = .zero, isEvent: Bool = false,
                description: String? = nil) {
        self.name = name
        self.weight = weight
        self.lookback = lookback
        self.isEvent = isEvent
        self.description = description
    }

    /// The three built-in types with DESIGN.md's defaults: agreement (weight 3),
    /// liaison (1) and joint-activity (2, an event, 3-year lookback).
    public static let builtIn: [TieTypeDefinition] = [
        TieTypeDefinition(name: "agreement", weight: 3, description: "formal agreement, e.g. a memorandum of understanding"),
        TieTypeDefinition(name: "liaison", weight: 1, description: "standing working relationship"),
        TieTypeDefinition(name: "joint-activity", weight: 2, lookback: Lookback(years: 3), isEvent: true,
                          description: "a dated event or project"),
    ]
}

/// What a graph file's `settings.tieTypes` says about one type. Only the
/// fields the file gives are stored, so a file round-trips unchanged.
public struct TieTypeSetting: Hashable, Sendable {
    public var name: String
    public var weight: Double?
    public var lookback: Lookback?
    public var isEvent: Bool?
    public var description: String?

    public init(name: String, weight: Double? = nil, lookback: Lookback? = nil, isEvent: Bool? = nil,
                description: String? = nil) {
        self.name = name
        self.weight = weight
        self.lookback = lookback
        self.isEvent = isEvent
        self.description = description
    }
}

/// Graph-wide settings from the file's `settings` block.
public struct GraphSettings: Hashable, Sendable {
    /// Overrides of built-in types and declarations of new ones, sorted by name.
    public var tieTypes: [TieTypeSetting]
    /// The two sides of a two-mode (bipartite) graph, in file order; empty
    /// for a one-mode graph (see ``GraphMode``).
    public var modes: [GraphMode]

    public init(tieTypes: [TieTypeSetting] = [], modes: [GraphMode] = []) {
        self.tieTypes = tieTypes.sorted { $0.name < $1.name }
        self.modes = modes
    }

    /// The effective definition of every known type: built-ins with the
    /// file's overrides applied, then declared types, sorted by name.
    public var effectiveTypes: [TieTypeDefinition] {
        var result: [TieTypeDefinition] = []
        var names = Set<String>()
        for b in TieTypeDefinition.builtIn { result.append(apply(b)); names.insert(b.name) }
        for s in tieTypes where !names.contains(s.name) {
            result.append(apply(TieTypeDefinition(name: s.name, weight: 1)))
            names.insert(s.name)
        }
        return result.sorted { $0.name < $1.name }
    }

    /// The effective definition of `type`, or `nil` when it is neither built in nor declared.
    public func definition(of type: String) -> TieTypeDefinition? {
        if let b = TieTypeDefinition.builtIn.first(where: { $0.name == type }) { return apply(b) }
        if tieTypes.contains(where: { $0.name == type }) { return apply(TieTypeDefinition(name: type, weight: 1)) }
        return nil
    }

    private func apply(_ base: TieTypeDefinition) -> TieTypeDefinition {
        guard let s = tieTypes.first(where: { $0.name == base.name }) else { return base }
        var d = base
        if let w = s.weight { d.weight = w }
        if let l = s.lookback { d.lookback = l }
        if let e = s.isEvent { d.isEvent = e }
        if let t = s.description { d.description = t }
        return d
    }
}

extension String {
    /// The text without leading and trailing white space and newlines.
    public var trimmingSpaces: String {
        // Fast path: text that starts and ends with a visible ASCII character (a date, a
        // number, an id) is returned as is, without looking up Unicode properties.
        if let first = utf8.first, let last = utf8.last, (0x21...0x7E).contains(first), (0x21...0x7E).contains(last) {
            return self
        }
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        return String(scalars[first...last])
    }
}
