/// Expands a `repeat` rule into occurrences the way RFC 5545 expands an RRULE, so a plan and
/// the calendar exported from it agree: each occurrence keeps the first one's local time,
/// dates that do not exist (31 February) are skipped and not counted, `until` is inclusive,
/// and `count` counts occurrences before `except` removes any. A timed occurrence lasts the
/// first one's elapsed time (as a DTEND does in RFC 5545); an all-day one its number of days.
public enum Recurrence {
    /// The most occurrences one rule expands to, counted before `except` removes any: the
    /// format's limit, which planning keeps to as well.
    public static let maximumOccurrences = 10_000

    public struct Occurrence: Hashable, Sendable {
        public var start: Instant
        public var end: Instant
        public var localStart: LocalDateTime

        public init(start: Instant, end: Instant, localStart: LocalDateTime) {
            self.start = start
            self.end = end
            self.localStart = localStart
        }
    }

    /// The occurrences of an event that starts at `start` (local, in `zone`) and lasts until
    /// `end` for its first occurrence.
    public static func occurrences(
        of rule: RepeatRule, start: LocalDateTime, firstEnd: Instant, allDay: Bool, zone: TimeZoneRules, limit: Int
    ) -> [Occurrence] {
        let firstStart = zone.instant(for: start)
        let wallLength = zone.localTime(at: firstEnd).secondsSinceEpoch - start.secondsSinceEpoch
        let elapsedLength = firstEnd.secondsSinceEpoch - firstStart.secondsSinceEpoch
        let excluded = Set(rule.except)
        var result: [Occurrence] = []
        var generated = 0
        var step = 0
        // Every candidate is derived from the first occurrence, never from the previous one,
        // so month ends do not drift (31 January, 31 March, 31 May, ...).
        while generated < limit && step <= limit * 12 {
            defer { step += 1 }
            guard let local = candidate(step, of: rule.every, from: start) else { continue }
            let occurrenceStart: Instant
            let occurrenceEnd: Instant
            if rule.every.isElapsed {
                occurrenceStart = Instant(secondsSinceEpoch: firstStart.secondsSinceEpoch + Int64(step) * rule.every.elapsedSeconds!)
            } else {
                occurrenceStart = zone.instant(for: local)
            }
            if allDay {
                occurrenceEnd = zone.instant(for: LocalDateTime(secondsSinceEpoch: local.secondsSinceEpoch + wallLength))
            } else {
                occurrenceEnd = Instant(secondsSinceEpoch: occurrenceStart.secondsSinceEpoch + elapsedLength)
            }
            // `until` and `except` compare the date the occurrence really has on the clock.
            let wall = rule.every.isElapsed ? zone.localTime(at: occurrenceStart) : local
            if case .until(let last) = rule.end, wall.date > last { break }
            generated += 1
            if !excluded.contains(wall.date) {
                result.append(Occurrence(start: occurrenceStart, end: occurrenceEnd, localStart: wall))
            }
            if case .count(let count) = rule.end, generated >= count { break }
        }
        return result
    }

    /// How many occurrences a rule makes, counted before `except` removes any: what
    /// `occurrences` expands to, computed without expanding it. Closed forms for every unit
    /// but months from the 29th, 30th or 31st, whose missing dates are counted one by one
    /// (a few per occurrence at most).
    public static func count(of rule: RepeatRule, start: LocalDateTime, zone: TimeZoneRules) -> Int {
        guard case .until(let last) = rule.end else {
            if case .count(let count) = rule.end { return count }
            return 0
        }
        let every = rule.every
        switch every.unit {
        case .minutes, .hours:
            // Occurrences step elapsed time and are kept while their own date is not after
            // `until`: while they start before the first instant of the day after it.
            let first = zone.instant(for: start).secondsSinceEpoch
            let end = zone.instant(for: LocalDateTime(date: last.adding(days: 1), secondOfDay: 0)).secondsSinceEpoch
            guard end > first else { return 0 }
            return Int((end - 1 - first) / every.elapsedSeconds!) + 1
        case .days, .weeks:
            let days = last.daysSinceEpoch - start.date.daysSinceEpoch
            guard days >= 0 else { return 0 }
            return days / (every.unit == .days ? every.amount : 7 * every.amount) + 1
        case .months:
            let (y, m, d) = start.date.components
            let (ly, lm, ld) = last.components
            var months = (ly - y) * 12 + (lm - m)
            if ld < d { months -= 1 }
            guard months >= 0 else { return 0 }
            let steps = months / every.amount
            if d <= 28 { return steps + 1 }
            var count = 0
            for step in 0...steps {
                let total = y * 12 + (m - 1) + step * every.amount
                let year = total >= 0 ? total / 12 : (total - 11) / 12
                if d <= LocalDate.daysIn(month: total - year * 12 + 1, year: year) { count += 1 }
            }
            return count
        case .workingDays:
            return 0
        }
    }

    /// The local start of the step-th candidate, or nil when that date does not exist.
    static func candidate(_ step: Int, of every: Duration, from start: LocalDateTime) -> LocalDateTime? {
        switch every.unit {
        case .minutes, .hours:
            return LocalDateTime(secondsSinceEpoch: start.secondsSinceEpoch + Int64(step) * every.elapsedSeconds!)
        case .days:
            return LocalDateTime(date: start.date.adding(days: step * every.amount), secondOfDay: start.secondOfDay)
        case .weeks:
            return LocalDateTime(date: start.date.adding(days: 7 * step * every.amount), secondOfDay: start.secondOfDay)
        case .months:
            let (y, m, d) = start.date.components
            let total = y * 12 + (m - 1) + step * every.amount
            let year = total >= 0 ? total / 12 : (total - 11) / 12
            guard let date = LocalDate(year: year, month: total - year * 12 + 1, day: d) else { return nil }
            return LocalDateTime(date: date, secondOfDay: start.secondOfDay)
        case .workingDays:
            return nil
        }
    }
}
