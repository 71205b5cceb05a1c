/// A length of time as the user wrote it: `2 hours`, `3d`, `4 weeks`, `10 working days`.
///
/// Minutes and hours are elapsed time; days, weeks and months are calendar arithmetic in a
/// zone; working days count days of a working calendar. The unit is kept, never converted, so
/// the scheduler can do each kind of arithmetic exactly.
public struct Duration: Hashable, Sendable, CustomStringConvertible {
    public enum Unit: String, Sendable, Hashable, CaseIterable {
        case minutes, hours, days, weeks, months
        case workingDays = "working days"

        /// Units measured by the clock, not the calendar.
        public var isElapsed: Bool { self == .minutes || self == .hours }
    }

    public var amount: Int
    public var unit: Unit

    public init(_ amount: Int, _ unit: Unit) {
        self.amount = amount
        self.unit = unit
    }

    public static let zero = Duration(0, .minutes)

    /// The largest amount of a unit: no longer than the days from 0001-01-01 to 9999-12-31
    /// (3,652,059), so that no sum of a date and a duration can overflow; minutes stop at
    /// nine digits.
    public static func maximumAmount(of unit: Unit) -> Int {
        switch unit {
        case .minutes: 999_999_999
        case .hours: 87_649_416
        case .days, .workingDays: 3_652_059
        case .weeks: 521_722
        case .months: 119_988
        }
    }

    public var isZero: Bool { amount == 0 }

    /// Minutes and hours: measured by the clock, not the calendar.
    public var isElapsed: Bool { unit.isElapsed }

    /// Elapsed seconds for minutes and hours; nil for calendar units.
    public var elapsedSeconds: Int64? {
        switch unit {
        case .minutes: Int64(amount) * 60
        case .hours: Int64(amount) * 3600
        default: nil
        }
    }

    public var description: String {
        let name: String
        switch unit {
        case .minutes: name = amount == 1 ? "minute" : "minutes"
        case .hours: name = amount == 1 ? "hour" : "hours"
        case .days: name = amount == 1 ? "day" : "days"
        case .weeks: name = amount == 1 ? "week" : "weeks"
        case .months: name = amount == 1 ? "month" : "months"
        case .workingDays: name = amount == 1 ? "working day" : "working days"
        }
        return "\(amount) \(name)"
    }

    /// The shortest and longest this can be, in minutes, for comparing a `max` with a `gap`
    /// written in other units: a day is 23 to 25 hours across a clock change, a month 28 to 31
    /// days, and working days have no upper bound.
    func bounds() -> ClosedRange<Int64> {
        let a = Int64(amount)
        switch unit {
        case .minutes: return a...a
        case .hours: return a * 60...a * 60
        case .days: return a * 1380...a * 1500  // a day is 23 to 25 hours across DST changes
        case .weeks: return a * 7 * 1380...a * 7 * 1500
        case .months: return a * 28 * 1380...a * 31 * 1500
        case .workingDays: return a * 1380...Int64.max / 4
        }
    }

    /// Whether this duration is certainly shorter than `other`, whatever the calendar.
    public func isCertainlyShorter(than other: Duration) -> Bool {
        if unit == other.unit { return amount < other.amount }
        return bounds().upperBound < other.bounds().lowerBound
    }
}
