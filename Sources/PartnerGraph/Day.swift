/// A calendar day in the proleptic Gregorian calendar.
///
/// Stored as the number of days since 1970-01-01 so that comparison and
/// arithmetic are integer operations. Conversion uses Howard Hinnant's
/// `days_from_civil` / `civil_from_days` algorithms.
///
/// ```swift
/// let d = Day(year: 2003, month: 12, day: 31)!
/// print(d)            // 2003-12-31
/// print(d.adding(days: 1)) // 2004-01-01
/// ```
public struct Day: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Days since 1970-01-01 (negative before it).
    public let ordinal: Int

    /// Creates a day from its ordinal (days since 1970-01-01).
    public init(ordinal: Int) { self.ordinal = ordinal }

    /// Creates a day from a year, month (1–12) and day of month; `nil` when
    /// the combination does not exist (for example 2009-02-30).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= Day.daysIn(year: year, month: month) else { return nil }
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        ordinal = era * 146_097 + doe - 719_468
    }

    /// The year, month and day of month.
    public var components: (year: Int, month: Int, day: Int) {
        let z = ordinal + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    /// The year of this day.
    public var year: Int { components.year }

    /// This day shifted by a number of days.
    public func adding(days: Int) -> Day { Day(ordinal: ordinal + days) }

    /// This day shifted by calendar years, months and days; a day of month that
    /// does not exist in the target month is clamped to the month's last day
    /// (2004-02-29 minus one year is 2003-02-28).
    public func adding(years: Int = 0, months: Int = 0, days: Int = 0) -> Day {
        let c = components
        let totalMonths = (c.year + years) * 12 + (c.month - 1) + months
        let y = totalMonths >= 0 ? totalMonths / 12 : (totalMonths - 11) / 12
        let m = totalMonths - y * 12 + 1
        let d = min(c.day, Day.daysIn(year: y, month: m))
        return Day(year: y, month: m, day: d)!.adding(days: days)
    }

    /// Parses exactly `YYYY-MM-DD`.
    public init?(iso text: String) {
        guard let p = PartialDate(text), p.precision == .day else { return nil }
        self = p.firstDay
    }

    /// `YYYY-MM-DD`.
    public var description: String {
        let c = components
        return PartialDate.pad(c.year, 4) + "-" + PartialDate.pad(c.month, 2) + "-" + PartialDate.pad(c.day, 2)
    }

    public static func < (a: Day, b: Day) -> Bool { a.ordinal < b.ordinal }

    /// Whether `year` is a Gregorian leap year.
    public static func isLeap(_ year: Int) -> Bool { (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 }

    /// Number of days in a month of a year.
    public static func daysIn(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}
