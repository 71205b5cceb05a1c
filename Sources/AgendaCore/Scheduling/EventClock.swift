/// Time arithmetic in one event's zone and working calendar: gaps, durations and the valid
/// start times of a flexible event. Every function is monotone (month arithmetic only from
/// day to day: 31 May plus a month is 30 June at midnight, before 30 May plus a month at
/// noon), and each forward function has an exact inverse ("the latest time for which the
/// forward rule still holds"), which is what placement against an upper bound needs. A
/// class: events share one clock per zone and calendar, and passing it around costs one
/// reference count, not one per table it holds.
public final class EventClock: Sendable {
    public let zone: TimeZoneRules
    public let calendar: WorkCalendar
    /// `calendar: none`: every day and hour is working.
    public let isUnrestricted: Bool
    /// Weekend days as bits, Monday first: the working-day test on the hot path does no
    /// hashing.
    private let weekendMask: UInt8
    /// Working days in any seven days without a holiday (at least one: a calendar of seven
    /// weekend days is refused when it is read).
    let workingDaysPerWeek: Int
    /// From the first holiday to the last, one bit per day, set on working days, and the
    /// working days before each word of 64: with whole weeks outside that span, any count of
    /// working days takes a few steps, however many days it spans.
    private let spanStart: Int
    private let spanDays: Int
    private let spanBits: [UInt64]
    private let spanCounts: [Int]
    /// The instants a plan may hold in this zone, worked out once rather than per event.
    let dateRange: DateRange

    public init(zone: TimeZoneRules, calendar: WorkCalendar) {
        self.zone = zone
        self.calendar = calendar
        isUnrestricted = calendar.name == WorkCalendar.noneName
        dateRange = DateRange(zone: zone)
        let mask = calendar.weekends.reduce(UInt8(0)) { $0 | UInt8(1 << ($1.isoNumber - 1)) }
        weekendMask = isUnrestricted ? 0 : mask
        workingDaysPerWeek = max(1, 7 - weekendMask.nonzeroBitCount)
        let days = isUnrestricted ? [] : calendar.holidays.keys.map(\.daysSinceEpoch)
        spanStart = days.min() ?? 0
        spanDays = days.isEmpty ? 0 : (days.max()! - spanStart + 1)
        var bits = [UInt64](repeating: 0, count: (spanDays + 63) / 64)
        for offset in 0..<spanDays where mask & UInt8(1 << (LocalDate(daysSinceEpoch: spanStart + offset).weekday.isoNumber - 1)) == 0 {
            bits[offset / 64] |= 1 << UInt64(offset % 64)
        }
        for day in days { bits[(day - spanStart) / 64] &= ~(1 << UInt64((day - spanStart) % 64)) }
        spanBits = bits
        var counts = [0]
        counts.reserveCapacity(bits.count + 1)
        for word in bits { counts.append(counts[counts.count - 1] + word.nonzeroBitCount) }
        spanCounts = counts
    }

    // MARK: Local dates

    public func local(_ t: Instant) -> LocalDateTime { zone.localTime(at: t) }

    /// The instant of local midnight starting `date`.
    public func midnight(_ date: LocalDate) -> Instant {
        zone.instant(for: LocalDateTime(date: date, secondOfDay: 0))
    }

    /// The first local midnight at or after `t`.
    public func midnight(atOrAfter t: Instant) -> LocalDate {
        let date = local(t).date
        return midnight(date) >= t ? date : date.adding(days: 1)
    }

    /// The last local midnight at or before `t`.
    public func midnight(atOrBefore t: Instant) -> LocalDate {
        let date = local(t).date
        return midnight(date) <= t ? date : date.adding(days: -1)
    }

    public func isWorkingDay(_ date: LocalDate) -> Bool {
        let offset = date.daysSinceEpoch - spanStart
        if offset >= 0 && offset < spanDays { return spanBits[offset / 64] & (1 << UInt64(offset % 64)) != 0 }
        return weekendMask & UInt8(1 << (date.weekday.isoNumber - 1)) == 0
    }

    /// The first working day on or after `date`.
    public func workingDay(onOrAfter date: LocalDate) -> LocalDate {
        workingDay(number: 1, from: date, step: 1)
    }

    public func workingDay(onOrBefore date: LocalDate) -> LocalDate {
        workingDay(number: 1, from: date, step: -1)
    }

    /// How many working days there are from `first` up to, not including, `end`.
    public func workingDays(from first: LocalDate, to end: LocalDate) -> Int {
        max(0, workingDaysBefore(end.daysSinceEpoch) - workingDaysBefore(first.daysSinceEpoch))
    }

    /// The `number`th working day counted from `date` (itself included when it works),
    /// forward for `step` 1 and backward for -1.
    public func workingDay(number: Int, from date: LocalDate, step: Int) -> LocalDate {
        let from = date.daysSinceEpoch
        let number = max(1, number)
        // Most counts are short: a next working day, a gap of a few. A few steps find them.
        var remaining = number
        var day = from
        for _ in 0..<16 {
            if isWorkingDay(LocalDate(daysSinceEpoch: day)) {
                remaining -= 1
                if remaining == 0 { return LocalDate(daysSinceEpoch: day) }
            }
            day += step
        }
        // Each week holds at least one working day, and each holiday takes away at most one.
        var reach = 7 * (number / workingDaysPerWeek + 1)
        if step > 0 {
            // The first day after which `number` working days have passed.
            let target = workingDaysBefore(from) + number
            while workingDaysBefore(from + reach) < target { reach *= 2 }
            var low = from
            var high = from + reach - 1
            while low < high {
                let middle = low + (high - low) / 2
                if workingDaysBefore(middle + 1) >= target { high = middle } else { low = middle + 1 }
            }
            return LocalDate(daysSinceEpoch: low)
        }
        // The last day from which `number` working days run up to `date`.
        let target = workingDaysBefore(from + 1) - number
        while workingDaysBefore(from + 1 - reach) > target { reach *= 2 }
        var low = from + 1 - reach
        var high = from
        while low < high {
            let middle = low + (high - low + 1) / 2
            if workingDaysBefore(middle) <= target { low = middle } else { high = middle - 1 }
        }
        return LocalDate(daysSinceEpoch: low)
    }

    /// Working days from the start of the holidays' span up to `day` (negative before it): a
    /// running count, so the days between two dates are a difference of two.
    private func workingDaysBefore(_ day: Int) -> Int {
        if day <= spanStart { return -plainWorkingDays(from: day, to: spanStart) }
        let offset = day - spanStart
        if offset >= spanDays { return spanCounts[spanCounts.count - 1] + plainWorkingDays(from: spanStart + spanDays, to: day) }
        let word = offset / 64
        let below = offset % 64 == 0 ? 0 : (spanBits[word] & ((1 << UInt64(offset % 64)) - 1)).nonzeroBitCount
        return spanCounts[word] + below
    }

    /// Working days from `first` up to `end` where no holiday falls: whole weeks, then the
    /// days left.
    private func plainWorkingDays(from first: Int, to end: Int) -> Int {
        let weeks = (end - first) / 7
        var count = weeks * workingDaysPerWeek
        var day = first + 7 * weeks
        while day < end {
            if weekendMask & UInt8(1 << (LocalDate(daysSinceEpoch: day).weekday.isoNumber - 1)) == 0 { count += 1 }
            day += 1
        }
        return count
    }

    // MARK: Gaps

    /// `t` plus a gap: elapsed for minutes and hours, calendar arithmetic in the zone for days,
    /// weeks and months (one day after 09:00 is 09:00), and for working days the midnight that
    /// follows N whole working days after `t`.
    public func adding(_ gap: Duration, to t: Instant) -> Instant {
        if gap.isZero { return t }
        switch gap.unit {
        case .minutes, .hours:
            return Instant(secondsSinceEpoch: t.secondsSinceEpoch + gap.elapsedSeconds!)
        case .days, .weeks:
            let days = gap.unit == .days ? gap.amount : gap.amount * 7
            let wall = local(t)
            return zone.instant(for: LocalDateTime(date: wall.date.adding(days: days), secondOfDay: wall.secondOfDay))
        case .months:
            let wall = local(t)
            return zone.instant(for: LocalDateTime(date: wall.date.adding(months: gap.amount), secondOfDay: wall.secondOfDay))
        case .workingDays:
            // Whole working days only: the day `t` falls in counts only if `t` is its midnight.
            let last = workingDay(number: gap.amount, from: midnight(atOrAfter: t), step: 1)
            return midnight(last.adding(days: 1))
        }
    }

    /// The latest `u` with `adding(gap, to: u) <= t`.
    public func latest(before t: Instant, gap: Duration) -> Instant {
        if gap.isZero { return t }
        switch gap.unit {
        case .minutes, .hours:
            return Instant(secondsSinceEpoch: t.secondsSinceEpoch - gap.elapsedSeconds!)
        case .workingDays:
            // The last day of the N whole working days must end by `t`.
            return midnight(workingDay(number: gap.amount, from: midnight(atOrBefore: t).adding(days: -1), step: -1))
        case .days, .weeks, .months:
            // Local arithmetic inverts exactly away from daylight-saving changes and month
            // ends; one check each way confirms it, and only a failed check pays for a search.
            let guess = candidateBefore(t, gap)
            if adding(gap, to: guess) <= t && adding(gap, to: Instant(secondsSinceEpoch: guess.secondsSinceEpoch + 1)) > t {
                return guess
            }
            return inverse(of: { adding(gap, to: $0) }, atMost: t, guess: { guess })
        }
    }

    private func candidateBefore(_ t: Instant, _ gap: Duration) -> Instant {
        let wall = local(t)
        var date: LocalDate
        switch gap.unit {
        case .days: date = wall.date.adding(days: -gap.amount)
        case .weeks: date = wall.date.adding(days: -7 * gap.amount)
        default:
            // Several days can be a month before one date (30 and 31 May are both a month
            // before 30 June): the latest of them is the one whose rule still holds last.
            date = wall.date.adding(months: -gap.amount)
            while date.adding(days: 1).adding(months: gap.amount) <= wall.date { date = date.adding(days: 1) }
        }
        return zone.instant(for: LocalDateTime(date: date, secondOfDay: wall.secondOfDay))
    }

    /// The earliest `u` from which on `adding(gap, to: u) >= t` holds for every later time too
    /// (a month before a month end, an earlier stretch of the day before may hold as well).
    public func earliest(after t: Instant, gap: Duration) -> Instant {
        if gap.isZero { return t }
        let before = latest(before: Instant(secondsSinceEpoch: t.secondsSinceEpoch - 1), gap: gap)
        return Instant(secondsSinceEpoch: before.secondsSinceEpoch + 1)
    }

    /// The latest `u` with `forward(u) <= t`, for a monotone `forward`, starting from a guess
    /// that is exact except around daylight-saving changes and month ends.
    func inverse(of forward: (Instant) -> Instant, atMost t: Instant, guess: () -> Instant) -> Instant {
        var u = guess().secondsSinceEpoch
        let limit = t.secondsSinceEpoch
        // Step down until the rule holds, then up while it still does; steps halve each turn.
        var step: Int64 = 86_400
        while forward(Instant(secondsSinceEpoch: u)).secondsSinceEpoch > limit { u -= step }
        while step >= 1 {
            while forward(Instant(secondsSinceEpoch: u + step)).secondsSinceEpoch <= limit { u += step }
            step /= 2
        }
        return Instant(secondsSinceEpoch: u)
    }

    // MARK: Durations and valid starts

    /// The shape of a flexible or fixed event's time on the clock.
    public enum Span: Sendable, Hashable {
        /// Starts at a local midnight and lasts whole days (calendar or working days).
        case allDay(Duration)
        /// A timed event of an elapsed or calendar duration.
        case timed(Duration)
        /// No length: an instant.
        case instant
    }

    /// The end of an event that starts at `s`.
    public func end(ofSpan span: Span, startingAt s: Instant) -> Instant {
        switch span {
        case .instant: return s
        case .timed(let duration): return adding(duration, to: s)
        case .allDay(let duration):
            let first = local(s).date
            switch duration.unit {
            case .workingDays:
                return midnight(workingDay(number: duration.amount, from: first, step: 1).adding(days: 1))
            case .months: return midnight(first.adding(months: duration.amount))
            case .weeks: return midnight(first.adding(days: 7 * duration.amount))
            case .days: return midnight(first.adding(days: duration.amount))
            case .minutes, .hours: return adding(duration, to: s)
            }
        }
    }
}
