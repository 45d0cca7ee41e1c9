/// A date known to a year, a month or a day: `2003`, `2009-08`, `2009-08-17`.
///
/// A partial date names a period. As the start of an interval it means the
/// first day of that period; as the end, the last day (DESIGN.md "Data model").
/// Ordering compares the first days, then the coarser period first
/// (`2009` < `2009-01` < `2009-01-01` < `2009-01-02`).
public struct PartialDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// How much of the date is known.
    public enum Precision: Int, Sendable, Comparable {
        case year, month, day
        public static func < (a: Precision, b: Precision) -> Bool { a.rawValue < b.rawValue }
    }

    /// `year << 16 | month << 8 | day`, a missing month or day as 0: four
    /// bytes, so that a tie's two dates take 16 bytes instead of 80 (an
    /// import of a million rows holds a million ties), and the order of the
    /// numbers is the order of the dates (``<``).
    private let packed: UInt32

    /// The year, 1 to 9999.
    public var year: Int { Int(packed >> 16) }
    /// The month, 1 to 12, when known.
    public var month: Int? {
        let m = Int(packed >> 8 & 0xFF)
        return m == 0 ? nil : m
    }
    /// The day of the month, when known.
    public var day: Int? {
        let d = Int(packed & 0xFF)
        return d == 0 ? nil : d
    }

    /// Creates a partial date; `nil` when the parts do not form a real date
    /// or a day is given without a month.
    public init?(year: Int, month: Int? = nil, day: Int? = nil) {
        guard (1...9999).contains(year) else { return nil }
        if let month {
            guard (1...12).contains(month) else { return nil }
            if let day, Day(year: year, month: month, day: day) == nil { return nil }
        } else if day != nil {
            return nil
        }
        packed = UInt32(year) << 16 | UInt32(month ?? 0) << 8 | UInt32(day ?? 0)
    }

    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (four-digit year, two-digit
    /// month and day). Returns `nil` for anything else; ``problem(parsing:)``
    /// explains why.
    public init?(_ text: String) {
        guard case .success(let d) = PartialDate.parse(text) else { return nil }
        self = d
    }

    /// How much of the date is known.
    public var precision: Precision { day != nil ? .day : (month != nil ? .month : .year) }

    /// The first day of the period (the meaning of a start date).
    public var firstDay: Day { Day(year: year, month: month ?? 1, day: day ?? 1)! }

    /// The last day of the period (the meaning of an end date).
    public var lastDay: Day {
        let m = month ?? 12
        return Day(year: year, month: m, day: day ?? Day.daysIn(year: year, month: m))!
    }

    /// The text form, as written in files.
    public var description: String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(10)
        appendText(to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends ``description``'s UTF-8 bytes (`2001`, `2001-12`, `2001-12-31`)
    /// to `bytes`, without making a `String` (a writer of a million dates).
    public func appendText(to bytes: inout [UInt8]) {
        // The parts are in range (init): four digits for the year, two for month and day.
        func digits(_ value: Int, _ width: Int) {
            var divisor = width == 4 ? 1000 : 10
            while divisor > 0 {
                bytes.append(UInt8(ascii: "0") + UInt8(value / divisor % 10))
                divisor /= 10
            }
        }
        digits(year, 4)
        if let month {
            bytes.append(UInt8(ascii: "-"))
            digits(month, 2)
        }
        if let day {
            bytes.append(UInt8(ascii: "-"))
            digits(day, 2)
        }
    }

    public static func < (a: PartialDate, b: PartialDate) -> Bool {
        // Same order as comparing first days, then precision (coarser first): (year, month ?? 0, day ?? 0).
        a.packed < b.packed
    }

    /// Parses a date, explaining a failure in a sentence plus a hint.
    public static func parse(_ text: String) -> Result<PartialDate, DateProblem> {
        var copy = text
        return copy.withUTF8 { parse(bytes: $0, text: text) }
    }

    private static func parse(bytes: UnsafeBufferPointer<UInt8>, text: String) -> Result<PartialDate, DateProblem> {
        func digits(_ r: Range<Int>) -> Int? {
            guard r.upperBound <= bytes.count else { return nil }
            var v = 0
            for i in r {
                let b = bytes[i]
                guard b >= 48, b <= 57 else { return nil }
                v = v * 10 + Int(b - 48)
            }
            return v
        }
        // Built only on failure: most dates parse, and the message costs more than the parse.
        func generic() -> DateProblem {
            DateProblem(message: "invalid date '\(text)'",
                        hint: "write dates as YYYY, YYYY-MM or YYYY-MM-DD (for example 2009-08-17)")
        }
        // Years run from 0001 to 9999: there is no year 0, and five digits are a typo.
        if bytes.count >= 4, digits(0..<4) == 0 {
            return .failure(DateProblem(message: "invalid date '\(text)': there is no year 0000",
                                        hint: "years run from 0001 to 9999; leave the date out if it is unknown"))
        }
        if bytes.count >= 5, digits(0..<5) != nil {
            return .failure(DateProblem(message: "invalid date '\(text)': years after 9999 are not supported",
                                        hint: "years run from 0001 to 9999; check the year for an extra digit"))
        }
        switch bytes.count {
        case 4:
            guard let y = digits(0..<4) else { break }
            return .success(PartialDate(year: y)!)
        case 7:
            guard let y = digits(0..<4), bytes[4] == 45, let m = digits(5..<7) else { break }
            guard let d = PartialDate(year: y, month: m) else {
                return .failure(DateProblem(message: "invalid date '\(text)': month \(m) does not exist",
                                            hint: "months run from 01 to 12"))
            }
            return .success(d)
        case 10:
            if let y = digits(0..<4), bytes[4] == 45, let m = digits(5..<7), bytes[7] == 45, let dd = digits(8..<10) {
                guard (1...12).contains(m) else {
                    return .failure(DateProblem(message: "invalid date '\(text)': month \(m) does not exist",
                                                hint: "months run from 01 to 12; write dates as YYYY-MM-DD"))
                }
                guard let d = PartialDate(year: y, month: m, day: dd) else {
                    return .failure(DateProblem(
                        message: "invalid date '\(text)': \(pad(y, 4))-\(pad(m, 2)) has no day \(dd)",
                        hint: "\(pad(y, 4))-\(pad(m, 2)) has \(Day.daysIn(year: y, month: m)) days"))
                }
                return .success(d)
            }
            // DD.MM.YYYY or DD/MM/YYYY: say how to write it.
            if let dd = digits(0..<2), bytes[2] == 46 || bytes[2] == 47, let m = digits(3..<5),
               bytes[5] == bytes[2], let y = digits(6..<10) {
                if let d = PartialDate(year: y, month: m, day: dd) {
                    return .failure(DateProblem(message: "invalid date '\(text)': day-first dates are not accepted",
                                                hint: "write it as \(d)"))
                }
            }
        default:
            break
        }
        return .failure(generic())
    }

    static func pad(_ v: Int, _ width: Int) -> String {
        let s = String(v)
        // Digits and `-` are ASCII: one byte per character.
        let length = s.utf8.count
        return length >= width ? s : String(repeating: "0", count: width - length) + s
    }
}

/// Why a date string was rejected: a message and a hint on how to fix it.
public struct DateProblem: Error, Hashable, Sendable {
    public let message: String
    public let hint: String
}
