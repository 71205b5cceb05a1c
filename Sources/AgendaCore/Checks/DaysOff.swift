/// A working calendar's days off by day number (days since 1970-01-01), for checks that ask
/// about every plan item: a weekday mask and the holidays in date order, so a question costs
/// a bit test and a short binary search instead of hashing a date and a weekday.
public struct DaysOff: Sendable {
    /// Bit `n` is set when the weekday `n` days after Monday is a weekend day.
    private let weekendMask: UInt8
    /// Holiday day numbers, ascending, and the name of each ("" when it has none).
    private let holidayDays: [Int]
    private let holidayNames: [String]

    public init(_ calendar: WorkCalendar) {
        weekendMask = calendar.weekends.reduce(0) { $0 | UInt8(1) << ($1.isoNumber - 1) }
        let holidays = calendar.holidays.sorted { $0.key < $1.key }
        holidayDays = holidays.map(\.key.daysSinceEpoch)
        holidayNames = holidays.map(\.value)
    }

    public func isWeekend(_ day: Int) -> Bool {
        // 1970-01-01 was a Thursday: three days after a Monday.
        weekendMask & (UInt8(1) << (((day % 7) + 7 + 3) % 7)) != 0
    }

    /// The holiday's name ("" when it has none), or nil on any other day.
    public func holiday(on day: Int) -> String? {
        let index = firstHoliday(notBefore: day)
        return index < holidayDays.count && holidayDays[index] == day ? holidayNames[index] : nil
    }

    /// Neither a weekend day nor a holiday, as `WorkCalendar.isWorkingDay` says.
    public func isWorkingDay(_ day: Int) -> Bool {
        !isWeekend(day) && holiday(on: day) == nil
    }

    /// The holidays strictly between two days, in date order.
    public func holidays(after first: Int, before last: Int) -> [(day: Int, name: String)] {
        var index = firstHoliday(notBefore: first + 1)
        var found: [(day: Int, name: String)] = []
        while index < holidayDays.count && holidayDays[index] < last {
            found.append((holidayDays[index], holidayNames[index]))
            index += 1
        }
        return found
    }

    /// The index of the first holiday on or after `day` (`holidayDays.count` when none is).
    private func firstHoliday(notBefore day: Int) -> Int {
        // Most days fall outside the holidays' span: no search for them.
        guard let last = holidayDays.last, day <= last else { return holidayDays.count }
        if day <= holidayDays[0] { return 0 }
        var low = 0
        var high = holidayDays.count
        while low < high {
            let middle = (low + high) / 2
            if holidayDays[middle] < day { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
