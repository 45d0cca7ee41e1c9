/// A physical length as a user writes it: `16cm`, `160mm`, `6.3in`, `453pt`
/// or `605px` (CSS pixels, 96 to the inch).
///
/// Figures are laid out in points (1/72 in, Graphviz's unit) and written
/// with their `width`/`height` in the unit the user chose, so a figure asked
/// for at `16cm` says `width="16cm"`.
///
/// ```swift
/// let width = PageLength("16cm")!
/// width.points            // 453.54…
/// width.format(points: 226.77)  // "8cm"
/// ```
public struct PageLength: Sendable, Hashable, CustomStringConvertible {
    public enum Unit: String, Sendable, CaseIterable {
        case cm, mm, `in`, pt, px

        /// Points in one of this unit.
        public var points: Double {
            switch self {
            case .cm: return 72 / 2.54
            case .mm: return 72 / 25.4
            case .in: return 72
            case .pt: return 1
            case .px: return 0.75
            }
        }
    }

    public var value: Double
    public var unit: Unit

    public init(value: Double, unit: Unit) {
        precondition(value.isFinite && value > 0, "a page length is positive and finite")
        self.value = value
        self.unit = unit
    }

    /// Parses `16cm`, `16 cm`, `6.3in`, `453pt`, `605px`; nil for anything
    /// else (a unit is required: a bare number is ambiguous).
    public init?(_ text: String) {
        let trimmed = text.trimmingCharacters(in: " \t")
        guard let unit = Unit.allCases.first(where: { trimmed.lowercased().hasSuffix($0.rawValue) }) else { return nil }
        let number = trimmed.dropLast(unit.rawValue.count).trimmingCharacters(in: " \t")
        guard !number.isEmpty, number.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }),
              let value = Double(number), value.isFinite, value > 0 else { return nil }
        self.value = value
        self.unit = unit
    }

    /// The length in points (1/72 inch).
    public var points: Double { value * unit.points }

    /// `points` written in this length's unit, for an SVG `width`/`height`
    /// (`"8cm"`; at most four decimals, no trailing zeros).
    public func format(points: Double) -> String {
        Self.shortNumber(points / unit.points, digits: 4) + unit.rawValue
    }

    public var description: String { Self.shortNumber(value, digits: 4) + unit.rawValue }

    /// `x` with at most `digits` decimals and no trailing zeros; `-0` as `0`.
    public static func shortNumber(_ x: Double, digits: Int) -> String {
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let rounded = (x * scale).rounded() / scale
        if rounded == 0 { return "0" }
        let negative = rounded < 0
        let magnitude = abs(rounded)
        let whole = magnitude.rounded(.down)
        var fraction = Int(((magnitude - whole) * scale).rounded())
        var wholeInt = Int(whole)
        if Double(fraction) >= scale { wholeInt += 1; fraction = 0 }
        var text = String(wholeInt)
        if fraction > 0 {
            var digitsText = String(fraction)
            while digitsText.count < digits { digitsText = "0" + digitsText }
            while digitsText.hasSuffix("0") { digitsText.removeLast() }
            text += "." + digitsText
        }
        return negative ? "-" + text : text
    }
}

private extension String {
    func trimmingCharacters(in set: String) -> String {
        var s = Substring(self)
        while let f = s.first, set.contains(f) { s.removeFirst() }
        while let l = s.last, set.contains(l) { s.removeLast() }
        return String(s)
    }
}

private extension Substring {
    func trimmingCharacters(in set: String) -> String { String(self).trimmingCharacters(in: set) }
}
