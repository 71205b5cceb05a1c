/// A calendar date with no zone, stored as days since 1970-01-01 (proleptic Gregorian).
public struct LocalDate: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var daysSinceEpoch: Int

    public init(daysSinceEpoch: Int) { self.daysSinceEpoch = daysSinceEpoch }

    /// The first and the last day a plan can hold. Dates are written with four-digit years,
    /// 0001 to 9999, and exports write an end as the moment after it (an all-day event on
    /// 9999-12-30 ends at 9999-12-31T00:00), so the last day is 9999-12-30.
    public static let earliest = LocalDate(daysSinceEpoch: days(year: 1, month: 1, day: 1))
    public static let latest = LocalDate(daysSinceEpoch: days(year: 9999, month: 12, day: 30))

    /// Nil when the triple names no real day (2015-02-30).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1,
            day <= LocalDate.daysIn(month: month, year: year)
        else { return nil }
        daysSinceEpoch = LocalDate.days(year: year, month: month, day: day)
    }

    public static func isLeap(_ year: Int) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    // Howard Hinnant's days_from_civil: exact for every proleptic Gregorian date.
    static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    public var components: (year: Int, month: Int, day: Int) {
        let z = daysSinceEpoch + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    public var weekday: Weekday {
        // 1970-01-01 was a Thursday.
        switch ((daysSinceEpoch % 7) + 7 + 3) % 7 {
        case 0: return .mon
        case 1: return .tue
        case 2: return .wed
        case 3: return .thu
        case 4: return .fri
        case 5: return .sat
        default: return .sun
        }
    }

    public func adding(days: Int) -> LocalDate { LocalDate(daysSinceEpoch: daysSinceEpoch + days) }

    /// Calendar months: the day is clamped to the end of a shorter month (31 January plus one
    /// month is the last day of February).
    public func adding(months: Int) -> LocalDate {
        let (y, m, d) = components
        let total = y * 12 + (m - 1) + months
        let year = total >= 0 ? total / 12 : (total - 11) / 12
        let month = total - year * 12 + 1
        let day = min(d, LocalDate.daysIn(month: month, year: year))
        return LocalDate(daysSinceEpoch: LocalDate.days(year: year, month: month, day: day))
    }

    /// ISO 8601, `YYYY-MM-DD`.
    public var description: String {
        let (y, m, d) = components
        // Written digit by digit: checks and exports write one for every item.
        guard (0...9999).contains(y) else { return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))" }
        return String(unsafeUninitializedCapacity: 10) { text in
            writeISO(into: text, at: 0)
            return 10
        }
    }

    /// Writes `YYYY-MM-DD` into the 10 bytes from `offset`; the year must be in 0...9999.
    func writeISO(into text: UnsafeMutableBufferPointer<UInt8>, at offset: Int) {
        let (y, m, d) = components
        writeDigits(y, width: 4, into: text, at: offset)
        text[offset + 4] = UInt8(ascii: "-")
        writeDigits(m, width: 2, into: text, at: offset + 5)
        text[offset + 7] = UInt8(ascii: "-")
        writeDigits(d, width: 2, into: text, at: offset + 8)
    }

    public static func < (lhs: LocalDate, rhs: LocalDate) -> Bool {
        lhs.daysSinceEpoch < rhs.daysSinceEpoch
    }
}

public enum Weekday: String, Sendable, Hashable, CaseIterable {
    // Monday first, as ISO 8601 counts.
    case mon, tue, wed, thu, fri, sat, sun

    public var isoNumber: Int {
        switch self {
        case .mon: 1
        case .tue: 2
        case .wed: 3
        case .thu: 4
        case .fri: 5
        case .sat: 6
        case .sun: 7
        }
    }
}

/// A wall-clock date and time with no zone, stored as seconds since 1970-01-01T00:00 local.
public struct LocalDateTime: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var secondsSinceEpoch: Int64

    public init(secondsSinceEpoch: Int64) { self.secondsSinceEpoch = secondsSinceEpoch }

    public init(date: LocalDate, secondOfDay: Int) {
        secondsSinceEpoch = Int64(date.daysSinceEpoch) * 86_400 + Int64(secondOfDay)
    }

    public var date: LocalDate {
        LocalDate(daysSinceEpoch: Int(secondsSinceEpoch.floorDivided(by: 86_400)))
    }

    public var secondOfDay: Int { Int(secondsSinceEpoch.floorModulo(86_400)) }

    /// ISO 8601, `YYYY-MM-DDTHH:MM`, with `:SS` only when the seconds are not zero.
    public var description: String {
        let s = secondOfDay
        var text = "\(date)T\(pad(s / 3600, 2)):\(pad(s / 60 % 60, 2))"
        if s % 60 != 0 { text += ":\(pad(s % 60, 2))" }
        return text
    }

    public static func < (lhs: LocalDateTime, rhs: LocalDateTime) -> Bool {
        lhs.secondsSinceEpoch < rhs.secondsSinceEpoch
    }
}

/// An exact point in time: seconds since 1970-01-01T00:00:00Z.
public struct Instant: Hashable, Sendable, Comparable {
    public var secondsSinceEpoch: Int64

    public init(secondsSinceEpoch: Int64) { self.secondsSinceEpoch = secondsSinceEpoch }

    public static func < (lhs: Instant, rhs: Instant) -> Bool {
        lhs.secondsSinceEpoch < rhs.secondsSinceEpoch
    }
}

extension Int64 {
    func floorDivided(by divisor: Int64) -> Int64 {
        let q = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? q - 1 : q
    }

    func floorModulo(_ divisor: Int64) -> Int64 {
        self - floorDivided(by: divisor) * divisor
    }
}

/// Writes `value` (not negative) as `width` decimal digits, zero-padded, at `offset`.
func writeDigits(_ value: Int, width: Int, into text: UnsafeMutableBufferPointer<UInt8>, at offset: Int) {
    var rest = value
    for position in (offset..<offset + width).reversed() {
        text[position] = UInt8(ascii: "0") + UInt8(rest % 10)
        rest /= 10
    }
}

func pad(_ value: Int, _ width: Int) -> String {
    let digits = String(abs(value))
    let sign = value < 0 ? "-" : ""
    return sign + String(repeating: "0", count: max(0, width - digits.count)) + digits
}

/// `+02:00`, `-05:00`, or `Z` for zero when `zulu` is set.
public func formatOffset(_ seconds: Int, zulu: Bool = false) -> String {
    if seconds == 0 && zulu { return "Z" }
    let sign = seconds < 0 ? "-" : "+"
    let minutes = abs(seconds) / 60
    var text = "\(sign)\(pad(minutes / 60, 2)):\(pad(minutes % 60, 2))"
    if abs(seconds) % 60 != 0 { text += ":\(pad(abs(seconds) % 60, 2))" }
    return text
}
