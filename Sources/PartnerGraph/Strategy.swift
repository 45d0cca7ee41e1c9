/// The kinds of coordination gap `gaps` looks for (DESIGN.md "Coordination
/// gaps"), in the order findings of equal severity are listed.
public enum GapKind: String, CaseIterable, Hashable, Sendable, Comparable {
    /// An expected category has fewer partners with a current tie to the focal
    /// partner than its minimum. Default severity: high.
    case uncoveredCategory = "uncovered-category"
    /// A named expected partner (inline or roster) has no current tie to the
    /// focal partner. Default severity: medium.
    case uncoveredPartner = "uncovered-partner"
    /// A partner of the graph has no current tie at all. Default severity: low.
    case isolatedPartner = "isolated-partner"
    /// An agreement ended before the as-of date and no later agreement joins
    /// the pair. Default severity: high.
    case lapsedAgreement = "lapsed-agreement"
    /// A current agreement ends within the renewal horizon and no later
    /// agreement joins the pair. Default severity: medium.
    case expiringAgreement = "expiring-agreement"
    /// A current tie of a type with a cadence (a liaison) saw no joint activity
    /// between the pair within the cadence. Default severity: medium.
    case dormantLiaison = "dormant-liaison"
    /// A partner (the broker) lies on every path from some partners (its
    /// dependants) to the focal partner. Default severity: medium.
    case singleBroker = "single-broker"
    /// A current tie whose loss splits the network. Default severity: low.
    case bridgeTie = "bridge-tie"
    /// An untied pair with common partners, ranked by Adamic–Adar: a suggested
    /// introduction. Default severity: low.
    case missingLink = "missing-link"
    /// An expected pair of categories with no current tie between them.
    /// Default severity: medium.
    case categoryGap = "category-gap"

    /// The severity used unless a strategy overrides it (documented per case).
    public var defaultSeverity: GapSeverity {
        switch self {
        case .uncoveredCategory, .lapsedAgreement: return .high
        case .uncoveredPartner, .expiringAgreement, .dormantLiaison, .singleBroker, .categoryGap: return .medium
        case .isolatedPartner, .bridgeTie, .missingLink: return .low
        }
    }

    /// Declaration order (the listing order within a severity).
    public static func < (a: GapKind, b: GapKind) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// How urgent a gap is. Ordered most urgent first: `high < medium < low`, so
/// sorting ascending lists high-severity findings first.
public enum GapSeverity: String, CaseIterable, Hashable, Sendable, Comparable {
    case high, medium, low

    private var rank: Int {
        switch self {
        case .high: return 0
        case .medium: return 1
        case .low: return 2
        }
    }

    public static func < (a: GapSeverity, b: GapSeverity) -> Bool { a.rank < b.rank }

    /// Whether this severity is `other` or more urgent (`high` is at least `medium`).
    public func isAtLeast(_ other: GapSeverity) -> Bool { rank <= other.rank }
}

/// A partner category the strategy expects the focal partner to work with.
public struct ExpectedCategory: Hashable, Sendable {
    /// The partner `kind`, e.g. `member-state`.
    public var kind: String
    /// Minimum number of partners of this kind with a current tie to the
    /// focal partner. Default 1.
    public var minimum: Int
    /// Replaces the `uncovered-category` severity for this category.
    public var severity: GapSeverity?

    public init(kind: String, minimum: Int = 1, severity: GapSeverity? = nil) {
        self.kind = kind
        self.minimum = minimum
        self.severity = severity
    }
}

/// A named partner the strategy expects a current tie with, listed inline or
/// in a roster. A roster may name partners the graph does not hold yet
/// (every Member State, say); those are uncovered by definition.
public struct ExpectedPartner: Hashable, Sendable {
    public var id: String
    /// Display name (from the roster or the inline entry), if given.
    public var name: String?
    /// Category (from the roster or the inline entry), if given; the graph's
    /// kind wins when the partner is in the graph.
    public var kind: String?
    /// Replaces the `uncovered-partner` severity for this partner.
    public var severity: GapSeverity?

    public init(id: String, name: String? = nil, kind: String? = nil, severity: GapSeverity? = nil) {
        self.id = id
        self.name = name
        self.kind = kind
        self.severity = severity
    }
}

/// Two categories the strategy expects to coordinate with each other (a
/// `category-gap` when no current tie joins a partner of one to a partner of
/// the other). `first == second` asks for ties within one category.
public struct CategoryPair: Hashable, Sendable {
    public var first: String
    public var second: String

    public init(_ first: String, _ second: String) {
        self.first = first
        self.second = second
    }
}

/// What a partnership strategy expects, against which `gaps` and `coverage`
/// measure the ties (DESIGN.md "Coordination gaps").
///
/// Every field has a default, so an empty strategy (``Strategy/init()``) is
/// valid and `gaps` runs without a strategy file:
///
/// | field | default |
/// |---|---|
/// | `focal` | the graph's `focal` |
/// | `categories` | none (coverage then lists every kind in the graph, minimum 1) |
/// | `partners` | none |
/// | `cadences` | `liaison: 2y` — a liaison should see a joint activity every 2 years |
/// | `horizon` | `12m` — agreements ending within 12 months are expiring |
/// | `agreementTypes` | `[agreement]` — the types that lapse and are renewed |
/// | `categoryPairs` | none |
/// | `themes` | none — every distance-two pair may be suggested |
/// | `severities` | each ``GapKind``'s ``GapKind/defaultSeverity`` |
/// | `kinds` | every ``GapKind`` |
/// | `top` | 10 suggested links |
///
/// ```swift
/// var s = Strategy()
/// s.focal = "unesco"
/// s.categories = [ExpectedCategory(kind: "ngo", minimum: 2)]
/// s.cadences["liaison"] = Lookback(years: 2)
/// ```
public struct Strategy: Hashable, Sendable {
    /// Optional title, shown in outputs.
    public var title: String?
    /// The partner whose coverage is measured; `nil` means the graph's.
    public var focal: String?
    /// Expected categories, in file order.
    public var categories: [ExpectedCategory]
    /// Named expected partners, inline entries first, then roster rows, in file order.
    public var partners: [ExpectedPartner]
    /// Roster files the partners were read from, as written in the strategy (for display).
    public var rosters: [String]
    /// Expected cadence per tie type: a current tie of that type should see a
    /// joint activity (a tie of an event type) between the same pair within
    /// the span before the as-of date.
    public var cadences: [String: Lookback]
    /// Renewal horizon: agreements ending within it after the as-of date are expiring.
    public var horizon: Lookback
    /// Tie types that are agreements (they lapse, expire and are renewed).
    public var agreementTypes: [String]
    /// Category pairs expected to coordinate.
    public var categoryPairs: [CategoryPair]
    /// Themes that make a suggested link relevant; empty means no filter.
    public var themes: [String]
    /// Severity overrides per gap kind.
    public var severities: [GapKind: GapSeverity]
    /// Gap kinds to report.
    public var kinds: Set<GapKind>
    /// How many suggested links (`missing-link`) to report.
    public var top: Int

    /// The default strategy (see the table above).
    public init() {
        title = nil
        focal = nil
        categories = []
        partners = []
        rosters = []
        cadences = ["liaison": Lookback(years: 2)]
        horizon = Lookback(months: 12)
        agreementTypes = ["agreement"]
        categoryPairs = []
        themes = []
        severities = [:]
        kinds = Set(GapKind.allCases)
        top = 10
    }

    /// The severity of a gap kind after the strategy's overrides.
    public func severity(of kind: GapKind) -> GapSeverity { severities[kind] ?? kind.defaultSeverity }

    /// Cadences sorted by tie type, for display.
    public var sortedCadences: [(type: String, span: Lookback)] {
        cadences.keys.sorted().map { ($0, cadences[$0]!) }
    }
}
