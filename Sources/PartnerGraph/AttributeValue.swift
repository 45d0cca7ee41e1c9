/// A free attribute value as a graph file holds it.
///
/// Files keep user-defined fields under `attributes`; their values survive a
/// load → save → load round trip with their type (text, integer, number,
/// boolean, list or nested map). Maps are written with sorted keys.
public enum AttributeValue: Hashable, Sendable, CustomStringConvertible {
    case string(String)
    case integer(Int)
    case number(Double)
    case bool(Bool)
    case list([AttributeValue])
    case map([String: AttributeValue])

    /// A plain-text rendering (lists joined by `;`, maps as `key=value`).
    public var description: String {
        switch self {
        case .string(let s): return s
        case .integer(let i): return String(i)
        case .number(let d): return NumberFormatting.shortest(d)
        case .bool(let b): return b ? "true" : "false"
        case .list(let l): return l.map(\.description).joined(separator: ";")
        case .map(let m): return m.keys.sorted().map { "\($0)=\(m[$0]!)" }.joined(separator: ";")
        }
    }
}

/// Fixed, locale-independent number formatting used by every writer.
public enum NumberFormatting {
    /// An integer with thousands separators: `1000000` → `1,000,000`.
    public static func grouped(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = n < 0 ? "-" : ""
        for (i, c) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return out
    }

    /// The shortest text that reads back as the same `Double`; integral values
    /// without a fraction (`3`, not `3.0`); `-0` as `0`.
    public static func shortest(_ d: Double) -> String {
        if d == 0 { return "0" }
        if d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
        return "\(d)"
    }

    /// A value with at most `digits` decimals, trailing zeros removed; `-0` as
    /// `0`; NaN as `nan`, infinities as `inf` / `-inf`.
    public static func fixed(_ d: Double, digits: Int) -> String {
        if d.isNaN { return "nan" }
        if d.isInfinite { return d < 0 ? "-inf" : "inf" }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let r = (d * scale).rounded() / scale
        if r == 0 { return "0" }
        let neg = r < 0
        let a = abs(r)
        // Beyond 2^53 a double has no fraction to show, and Int64 would overflow.
        if a >= 9e15 { return shortest(d) }
        let whole = a.rounded(.down)
        var frac = Int64(((a - whole) * scale).rounded())
        var w = Int64(whole)
        if Double(frac) >= scale { w += 1; frac = 0 }
        var s = String(w)
        if frac > 0 && digits > 0 {
            var f = String(frac)
            f = String(repeating: "0", count: digits - f.count) + f
            while f.hasSuffix("0") { f.removeLast() }
            s += "." + f
        }
        return neg ? "-" + s : s
    }
}
