/// One side of a two-mode (bipartite) network, from the graph file's
/// `settings.modes`: a name and the partner kinds that belong to it.
///
/// ```yaml
/// settings:
///   modes:
///     - name: women
///       kinds: [woman]
///     - name: events
///       kinds: [event]
/// ```
public struct GraphMode: Hashable, Sendable {
    /// The side's name (`women`, `events`), used in outputs and by `--side`.
    public var name: String
    /// The partner kinds on this side; a partner's side is the side of its kind.
    public var kinds: [String]

    public init(name: String, kinds: [String]) {
        self.name = name
        self.kinds = kinds
    }
}

extension GraphSettings {
    /// Whether the graph declares itself two-mode (`settings.modes` given).
    public var isTwoMode: Bool { !modes.isEmpty }

    /// The side (index into ``modes``) of partner kind `kind`: the first side
    /// that lists it, or `nil` when none does.
    /// - Complexity: O(total number of kinds listed).
    public func side(ofKind kind: String) -> Int? {
        modes.firstIndex { $0.kinds.contains(kind) }
    }
}

extension PartnerNetwork {
    /// The side (index into `settings.modes`) of every partner, in
    /// ``partners`` order; `nil` for a partner whose kind is on no side.
    /// Empty when the graph is not two-mode.
    /// - Complexity: O(P + K) for P partners and K listed kinds.
    public func partnerSides() -> [Int?] {
        guard settings.isTwoMode else { return [] }
        var byKind: [String: Int] = [:]
        for (i, m) in settings.modes.enumerated() { for k in m.kinds where byKind[k] == nil { byKind[k] = i } }
        return partners.map { byKind[$0.kind] }
    }

    /// The problems of a `settings.modes` declaration and of the partners and
    /// ties it constrains: not exactly two sides, a side without a name or
    /// kinds, a name or kind used twice, a partner whose kind is on no side,
    /// and a tie between two partners of the same side.
    /// - Complexity: O(P + T + K).
    func modeProblems() -> [NetworkProblem] {
        let modes = settings.modes
        guard !modes.isEmpty else { return [] }
        var out: [NetworkProblem] = []
        if modes.count != 2 {
            out.append(NetworkProblem(location: .graph(field: "settings.modes"),
                message: "a two-mode graph has exactly two sides, not \(modes.count)",
                hint: "list two sides under settings.modes, each with a name and its partner kinds"))
        }
        var names: [String: Int] = [:], kindSide: [String: Int] = [:]
        for (i, m) in modes.enumerated() {
            if m.name.trimmingSpaces.isEmpty {
                out.append(NetworkProblem(location: .graph(field: "settings.modes.\(i).name"),
                    message: "side \(i + 1) of settings.modes has no name", hint: "give each side a name, for example 'women'"))
            } else if let f = names[m.name] {
                out.append(NetworkProblem(location: .graph(field: "settings.modes.\(i).name"),
                    message: "side name '\(m.name)' is used twice", hint: "side \(f + 1) is already called '\(m.name)'"))
            } else { names[m.name] = i }
            if m.kinds.isEmpty {
                out.append(NetworkProblem(location: .graph(field: "settings.modes.\(i).kinds"),
                    message: "side '\(m.name)' lists no partner kinds", hint: "write kinds: [a-kind] for the kinds on this side"))
            }
            for (j, k) in m.kinds.enumerated() {
                if let f = kindSide[k] {
                    out.append(NetworkProblem(location: .graph(field: "settings.modes.\(i).kinds.\(j)"),
                        message: f == i ? "kind '\(k)' is listed twice on side '\(m.name)'"
                                        : "kind '\(k)' is on both sides ('\(modes[f].name)' and '\(m.name)')",
                        hint: "a partner's side is its kind: each kind belongs to one side"))
                } else { kindSide[k] = i }
            }
        }
        let sides = partnerSides()
        let known = modes.flatMap(\.kinds)
        for (i, p) in partners.enumerated() where sides[i] == nil {
            let s = Suggestion.closest(to: p.kind, among: known)
            out.append(NetworkProblem(location: .partner(index: i, field: "kind"),
                message: "partner '\(p.id)' has kind '\(p.kind)', which is on no side of the two-mode graph"
                    + (s.map { " (did you mean '\($0)'?)" } ?? ""),
                hint: "add '\(p.kind)' to the kinds of one side under settings.modes, or correct the kind"))
        }
        for (i, t) in ties.enumerated() {
            guard let a = index(ofPartner: t.source), let b = index(ofPartner: t.target), a != b,
                  let sa = sides[a], let sb = sides[b], sa == sb else { continue }
            out.append(NetworkProblem(location: .tie(index: i, field: t.isDirected ? "from" : "source"),
                message: "tie joins '\(t.source)' and '\(t.target)', both on side '\(modes[sa].name)' of the two-mode graph",
                hint: "in a two-mode graph every tie joins a partner of one side to a partner of the other"))
        }
        return out
    }
}
