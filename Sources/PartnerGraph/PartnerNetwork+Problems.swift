/// Where in a network a problem is: a graph field, a partner field or a tie field.
public enum ProblemLocation: Hashable, Sendable {
    case graph(field: String)
    case partner(index: Int, field: String)
    case tie(index: Int, field: String)
}

/// A semantic problem found by ``PartnerNetwork/problems()``.
public struct NetworkProblem: Hashable, Sendable {
    public let location: ProblemLocation
    public let message: String
    public let hint: String?
}

extension PartnerNetwork {
    /// Every semantic problem in the network, in file order: invalid and
    /// duplicate partner ids, duplicate tie ids, unknown partner references
    /// (with "did you mean"), self-ties, unknown tie types, ends before
    /// starts, non-positive weights, the problems of a two-mode declaration
    /// (`settings.modes`: see ``GraphMode``), an unknown focal partner.
    ///
    /// - Complexity: O(P + T·k) where k is the cost of a suggestion, which
    ///   is only computed for unknown references.
    public func problems() -> [NetworkProblem] {
        var out: [NetworkProblem] = []
        var firstIndex: [String: Int] = [:]
        firstIndex.reserveCapacity(partners.count)
        for (i, p) in partners.enumerated() {
            if !Partner.isValidID(p.id) {
                out.append(NetworkProblem(location: .partner(index: i, field: "id"),
                    message: p.id.isEmpty ? "empty partner id" : "partner id '\(p.id)' has leading or trailing spaces",
                    hint: "ids are non-empty and have no leading or trailing spaces"))
            }
            if let f = firstIndex[p.id] {
                out.append(NetworkProblem(location: .partner(index: i, field: "id"),
                    message: "duplicate partner id '\(p.id)'",
                    hint: "partner ids must be unique; the first '\(p.id)' is partner \(f + 1)"))
            } else {
                firstIndex[p.id] = i
            }
        }
        let known = Set(settings.effectiveTypes.map(\.name))
        var tieIDs: [String: Int] = [:]
        var lastKnownType = ""
        for i in ties.indices {
            let t = ties[i]
            if let id = t.id {
                if let f = tieIDs[id] {
                    out.append(NetworkProblem(location: .tie(index: i, field: "id"),
                        message: "duplicate tie id '\(id)'", hint: "tie ids must be unique; the first is tie \(f + 1)"))
                } else { tieIDs[id] = i }
            }
            if t.type == lastKnownType || known.contains(t.type) {
                lastKnownType = t.type
            } else {
                let s = Suggestion.closest(to: t.type, among: known.sorted())
                out.append(NetworkProblem(location: .tie(index: i, field: "type"),
                    message: "unknown tie type '\(t.type)'" + (s.map { " (did you mean '\($0)'?)" } ?? ""),
                    hint: "use agreement, liaison or joint-activity, or declare the type under settings.tieTypes"))
            }
            let (sf, tf) = t.isDirected ? ("from", "to") : ("source", "target")
            if !indexByIDContains(t.source) { out.append(unknownPartner(t.source, tie: i, field: sf)) }
            if !indexByIDContains(t.target) { out.append(unknownPartner(t.target, tie: i, field: tf)) }
            if t.source == t.target {
                out.append(NetworkProblem(location: .tie(index: i, field: sf),
                    message: "tie joins '\(t.source)' to itself", hint: "a tie needs two different partners"))
            }
            if let s = t.start, let e = t.end, e.lastDay < s.firstDay {
                out.append(NetworkProblem(location: .tie(index: i, field: "end"),
                    message: "tie ends (\(e)) before it starts (\(s))", hint: "swap start and end, or correct one of them"))
            }
            if let w = t.weight, !(w > 0 && w.isFinite) {
                out.append(NetworkProblem(location: .tie(index: i, field: "weight"),
                    message: "weight must be a positive finite number, not \(NumberFormatting.shortest(w))",
                    hint: "leave weight out to use the type's weight"))
            }
        }
        for s in settings.tieTypes {
            if let w = s.weight, !(w > 0 && w.isFinite) {
                out.append(NetworkProblem(location: .graph(field: "settings.tieTypes.\(s.name).weight"),
                    message: "weight of tie type '\(s.name)' must be a positive finite number",
                    hint: "type weights are used as tie strengths, for example 3 for agreements"))
            }
        }
        out += modeProblems()
        if let f = focal, !indexByIDContains(f) {
            let s = Suggestion.closest(to: f, among: partners.map(\.id))
            out.append(NetworkProblem(location: .graph(field: "focal"),
                message: "unknown focal partner '\(f)'" + (s.map { " (did you mean '\($0)'?)" } ?? ""),
                hint: "focal must be the id of a partner listed under partners"))
        }
        return out
    }

    private func indexByIDContains(_ id: String) -> Bool { index(ofPartner: id) != nil }

    private func unknownPartner(_ ref: String, tie i: Int, field: String) -> NetworkProblem {
        let s = Suggestion.closest(to: ref, among: partners.map(\.id))
        return NetworkProblem(location: .tie(index: i, field: field),
            message: "unknown partner '\(ref)'" + (s.map { " (did you mean '\($0)'?)" } ?? ""),
            hint: "every tie endpoint must be the id of a partner listed under partners")
    }
}

/// "Did you mean" suggestions by edit distance.
public enum Suggestion {
    /// The candidate closest to `text` by Damerau–Levenshtein distance, when
    /// the distance is at most a third of the length (min 1, max 3), or one
    /// equal ignoring case. Ties break by candidate order.
    public static func closest(to text: String, among candidates: [String]) -> String? {
        let a = Array(text.lowercased().unicodeScalars)
        let limit = max(1, min(3, a.count / 3))
        var best: (String, Int)?
        for c in candidates {
            let b = Array(c.lowercased().unicodeScalars)
            if abs(a.count - b.count) > limit { continue }
            let d = distance(a, b)
            // A suggestion that replaces the whole text (`c` → `a`) is noise.
            if d <= limit, d < a.count, best == nil || d < best!.1 { best = (c, d) }
        }
        return best?.0
    }

    /// Up to `count` candidates nearest to `text` by Damerau–Levenshtein
    /// distance (ignoring case), nearest first; ties keep candidate order.
    public static func nearest(to text: String, among candidates: [String], count: Int) -> [String] {
        let a = Array(text.lowercased().unicodeScalars)
        let scored = candidates.enumerated().map { (i, c) in (c, distance(a, Array(c.lowercased().unicodeScalars)), i) }
        return scored.sorted { ($0.1, $0.2) < ($1.1, $1.2) }.prefix(count).map(\.0)
    }

    /// "unknown partner 'x' (did you mean 'y'?); closest known: 'y', 'z' (17 in all)".
    public static func unknownMessage(_ what: String, _ value: String, among candidates: [String]) -> String {
        var text = "unknown \(what) '\(value)'"
        if let best = closest(to: value, among: candidates) { text += " (did you mean '\(best)'?)" }
        let near = nearest(to: value, among: candidates, count: 5)
        if near.isEmpty { return text + "; there are none" }
        text += "; closest known: " + near.map { "'\($0)'" }.joined(separator: ", ")
        if candidates.count > near.count { text += " (\(candidates.count) in all)" }
        return text
    }

    static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                d[i][j] = Swift.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    d[i][j] = Swift.min(d[i][j], d[i - 2][j - 2] + 1)
                }
            }
        }
        return d[a.count][b.count]
    }
}
