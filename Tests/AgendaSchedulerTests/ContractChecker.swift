import AgendaCore
import Foundation

// MARK: - A reference implementation of the contract's arithmetic

/// A zone's UTC offsets read from Foundation (not from `TimeZoneRules`), and wall time turned
/// into instants by the contract's rule: a time in a gap moves forward by the gap, an
/// ambiguous one takes the earlier occurrence.
struct ReferenceZone: Sendable {
    let identifier: String
    private let zone: TimeZone
    private let covered: ClosedRange<Int64>
    private let initialOffset: Int
    /// From `at` on (UTC seconds), the offset is `offset`.
    private let changes: [Change]

    private struct Change: Sendable {
        var at: Int64
        var offset: Int
    }

    /// The zones the property tests use, read once: the generator's and a few with odd
    /// offsets and changes (half-hour summer time, quarter-hour and half-hour offsets, +13/+14).
    static let names = [
        "Europe/Vienna", "America/New_York", "UTC", "Europe/Zurich", "Pacific/Apia", "America/St_Johns",
        "Australia/Lord_Howe", "Asia/Kathmandu",
    ]
    static let all: [String: ReferenceZone] = Dictionary(uniqueKeysWithValues: names.map { ($0, ReferenceZone($0)) })

    static func named(_ identifier: String) -> ReferenceZone { all[identifier] ?? ReferenceZone(identifier) }

    init(_ identifier: String) {
        self.identifier = identifier
        let foundation = TimeZone(identifier: identifier)!
        zone = foundation
        let from = Int64(LocalDate(year: 2014, month: 1, day: 1)!.daysSinceEpoch) * 86_400
        let to = Int64(LocalDate(year: 2019, month: 1, day: 1)!.daysSinceEpoch) * 86_400
        covered = from...to
        func foundationOffset(_ utc: Int64) -> Int {
            foundation.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(utc)))
        }
        initialOffset = foundationOffset(from)
        var changes: [Change] = []
        var previous = initialOffset
        var day = from
        while day < to {
            let next = day + 86_400
            let offset = foundationOffset(next)
            if offset != previous {
                // The change lies in (day, next]: find its first second.
                var low = day
                var high = next
                while high - low > 1 {
                    let mid = (low + high) / 2
                    if foundationOffset(mid) == previous { low = mid } else { high = mid }
                }
                changes.append(Change(at: high, offset: offset))
                previous = offset
            }
            day = next
        }
        self.changes = changes
    }

    func offset(at utc: Int64) -> Int {
        guard covered.contains(utc) else {
            return zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(utc)))
        }
        // The last change at or before `utc`, by bisection.
        var low = 0
        var high = changes.count
        while low < high {
            let mid = (low + high) / 2
            if changes[mid].at <= utc { low = mid + 1 } else { high = mid }
        }
        return low == 0 ? initialOffset : changes[low - 1].offset
    }

    func local(_ utc: Int64) -> LocalDateTime { LocalDateTime(secondsSinceEpoch: utc + Int64(offset(at: utc))) }

    func instant(_ wall: LocalDateTime) -> Int64 {
        let seconds = wall.secondsSinceEpoch
        // Offsets stay within ±14 hours and change at most once a day here: the offsets a day
        // either side are the only candidates.
        let before = offset(at: seconds - 86_400)
        let after = offset(at: seconds + 86_400)
        let candidates = [Int64(before), Int64(after)].map { seconds - $0 }.filter { local($0).secondsSinceEpoch == seconds }
        if let earliest = candidates.min() { return earliest }
        return seconds - Int64(before)  // in a gap: forward by the gap
    }

    /// Whether a wall time written in a file names exactly one instant (the format refuses
    /// one in a gap or an overlap).
    func isUnambiguous(_ wall: LocalDateTime) -> Bool {
        let seconds = wall.secondsSinceEpoch
        let offsets = Set([offset(at: seconds - 86_400), offset(at: seconds + 86_400)])
        return offsets.count(where: { local(seconds - Int64($0)).secondsSinceEpoch == seconds }) == 1
    }

    func midnight(_ date: LocalDate) -> Int64 { instant(LocalDateTime(date: date, secondOfDay: 0)) }

    func describe(_ utc: Int64) -> String {
        let offset = offset(at: utc)
        let sign = offset < 0 ? "-" : "+"
        let minutes = abs(offset) / 60
        return "\(local(utc))\(sign)\(minutes / 600)\(minutes / 60 % 10):\(minutes % 60 / 10)\(minutes % 10)"
    }
}

/// A working calendar as the contract describes it; `none` makes every day and hour working.
struct ReferenceCalendar {
    var name: String
    var everyDayWorks: Bool
    /// Monday is 0.
    var weekendDays: Set<Int>
    var holidays: Set<Int>
    var hours: Range<Int>

    init(name: String, agenda: Agenda) {
        self.init(name == "none" ? nil : agenda.calendars[name], name: name)
    }

    /// A calendar as the model holds it; nil is `none`.
    init(_ calendar: WorkCalendar?, name: String) {
        self.name = name
        everyDayWorks = calendar == nil
        weekendDays = Set((calendar?.weekends ?? []).map { $0.isoNumber - 1 })
        holidays = Set((calendar?.holidays.keys).map { $0.map(\.daysSinceEpoch) } ?? [])
        hours = calendar?.hours ?? 0..<86_400
    }

    func isWorkingDay(_ date: LocalDate) -> Bool {
        if everyDayWorks { return true }
        let weekday = ((date.daysSinceEpoch + 3) % 7 + 7) % 7  // 1970-01-01 was a Thursday
        return !weekendDays.contains(weekday) && !holidays.contains(date.daysSinceEpoch)
    }
}

/// Gaps and durations in one event's zone and calendar, by the contract's forward rules.
struct ReferenceClock {
    var zone: ReferenceZone
    var calendar: ReferenceCalendar

    static func months(_ date: LocalDate, plus count: Int) -> LocalDate {
        let (year, month, day) = date.components
        let total = year * 12 + (month - 1) + count
        let newYear = total / 12
        let newMonth = total % 12 + 1
        let lengths = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        let leap = newYear % 4 == 0 && (newYear % 100 != 0 || newYear % 400 == 0)
        let last = newMonth == 2 && leap ? 29 : lengths[newMonth - 1]
        return LocalDate(year: newYear, month: newMonth, day: min(day, last))!
    }

    /// The first day that lies wholly at or after `t`.
    func firstWholeDay(atOrAfter t: Int64) -> LocalDate {
        let date = zone.local(t).date
        return zone.midnight(date) >= t ? date : date.adding(days: 1)
    }

    /// The midnight after the `count`-th working day counted from `day` (inclusive).
    func midnightAfterWorkingDays(_ count: Int, from day: LocalDate) -> Int64 {
        var date = day
        var counted = 0
        while true {
            if calendar.isWorkingDay(date) {
                counted += 1
                if counted >= count { return zone.midnight(date.adding(days: 1)) }
            }
            date = date.adding(days: 1)
        }
    }

    /// `t` plus a gap: minutes and hours elapsed; days, weeks and months on the wall clock
    /// (keeping the time of day); N working days: N whole working days lie between `t` and the
    /// result (after an event ending on Friday, 2 working days give Wednesday 00:00).
    func adding(_ gap: AgendaCore.Duration, to t: Int64) -> Int64 {
        if gap.amount == 0 { return t }
        switch gap.unit {
        case .minutes: return t + Int64(gap.amount) * 60
        case .hours: return t + Int64(gap.amount) * 3600
        case .days, .weeks:
            let wall = zone.local(t)
            let days = gap.unit == .days ? gap.amount : 7 * gap.amount
            return zone.instant(LocalDateTime(date: wall.date.adding(days: days), secondOfDay: wall.secondOfDay))
        case .months:
            let wall = zone.local(t)
            return zone.instant(LocalDateTime(date: Self.months(wall.date, plus: gap.amount), secondOfDay: wall.secondOfDay))
        case .workingDays:
            return midnightAfterWorkingDays(gap.amount, from: firstWholeDay(atOrAfter: t))
        }
    }

    func instant(_ spec: TimeSpec) -> Int64 {
        switch spec {
        case .date(let date): zone.midnight(date)
        case .local(let wall): zone.instant(wall)
        case .exact(let wall, let offset): wall.secondsSinceEpoch - Int64(offset)
        }
    }

    /// The latest end a `not_after` allows: a date means by the end of that day.
    func endLimit(_ spec: TimeSpec) -> Int64 {
        if case .date(let date) = spec { return zone.midnight(date.adding(days: 1)) }
        return instant(spec)
    }

    /// The end of an all-day span of `duration` starting on `day` (a flexible milestone is one day).
    func allDayEnd(_ duration: AgendaCore.Duration?, from day: LocalDate) -> Int64 {
        guard let duration else { return zone.midnight(day.adding(days: 1)) }
        switch duration.unit {
        case .days: return zone.midnight(day.adding(days: duration.amount))
        case .weeks: return zone.midnight(day.adding(days: 7 * duration.amount))
        case .months: return zone.midnight(Self.months(day, plus: duration.amount))
        case .workingDays: return midnightAfterWorkingDays(duration.amount, from: day)
        case .minutes, .hours: return zone.instant(LocalDateTime(date: day, secondOfDay: 0)) + duration.elapsedSeconds!
        }
    }

    /// Where a fixed event lies as written: from its start to its `end` (a date: the end of
    /// that day), or to its start plus `duration`, or a point (a date: that whole day).
    func writtenSpan(of event: AgendaCore.Event) -> (start: Int64, end: Int64)? {
        guard let written = event.start?.value else { return nil }
        let start = instant(written)
        if let last = event.end?.value { return (start, last.isDate ? endLimit(last) : instant(last)) }
        if let duration = event.duration?.value {
            if duration.unit == .workingDays || (written.isDate && !duration.isElapsed) {
                return (start, allDayEnd(duration, from: zone.local(start).date))
            }
            return (start, adding(duration, to: start))
        }
        return (start, written.isDate ? endLimit(written) : start)
    }

    /// The occurrences of a `repeat` whose first one is `first`, as the contract's
    /// "Recurrence" rules (RFC 5545) give them: days, weeks and months step the local date
    /// and keep the first one's wall time, a date that does not exist being skipped and not
    /// counted; minutes and hours step elapsed time; `until` is inclusive; `count` counts
    /// before `except` removes any. A timed occurrence lasts as long as the first, an
    /// all-day one as many days. Each comes with the local time its id is made from.
    func occurrences(of rule: RepeatRule, first: (start: Int64, end: Int64), allDay: Bool) -> [(local: LocalDateTime, start: Int64, end: Int64)] {
        let wall = zone.local(first.start)
        let days = zone.local(first.end).date.daysSinceEpoch - wall.date.daysSinceEpoch
        let excluded = Set(rule.except)
        var result: [(local: LocalDateTime, start: Int64, end: Int64)] = []
        var counted = 0
        for step in 0..<100_000 {
            let local: LocalDateTime
            let start: Int64
            switch rule.every.unit {
            case .minutes, .hours:
                start = first.start + Int64(step) * rule.every.elapsedSeconds!
                local = zone.local(start)
            case .days, .weeks:
                let days = rule.every.amount * step * (rule.every.unit == .weeks ? 7 : 1)
                local = LocalDateTime(date: wall.date.adding(days: days), secondOfDay: wall.secondOfDay)
                start = zone.instant(local)
            case .months:
                let (year, month, day) = wall.date.components
                let total = year * 12 + month - 1 + step * rule.every.amount
                guard let date = LocalDate(year: total / 12, month: total % 12 + 1, day: day) else { continue }
                local = LocalDateTime(date: date, secondOfDay: wall.secondOfDay)
                start = zone.instant(local)
            case .workingDays:
                return []
            }
            if case .until(let last) = rule.end, local.date > last { break }
            counted += 1
            if !excluded.contains(local.date) {
                result.append((local, start, allDay ? zone.midnight(local.date.adding(days: days)) : start + first.end - first.start))
            }
            if case .count(let count) = rule.end, counted >= count { break }
        }
        return result
    }
}

/// One broken promise of the contract, with a short kind the shrinker keeps to.
struct Violation: CustomStringConvertible {
    var kind: String
    var message: String
    var description: String { "[\(kind)] \(message)" }
}

/// Checks a plan against the contract, event by event and constraint by constraint.
struct ContractChecker {
    let agenda: Agenda
    let clocks: [ReferenceClock]
    let indexByID: [String: Int]

    init(_ agenda: Agenda) {
        self.agenda = agenda
        var clocks: [ReferenceClock] = []
        for event in agenda.events {
            let venue = event.venue.flatMap { agenda.venues[$0.value] }
            let zoneName = venue?.timeZone?.identifier ?? agenda.timeZone.identifier
            let calendarName = event.calendar?.value ?? venue?.calendar ?? agenda.calendar
            clocks.append(
                ReferenceClock(zone: ReferenceZone.named(zoneName), calendar: ReferenceCalendar(name: calendarName, agenda: agenda)))
        }
        self.clocks = clocks
        indexByID = Dictionary(agenda.events.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    func violations(of plan: Plan) -> [Violation] { violations(of: plan.items) }

    func violations(of planned: [PlannedEvent]) -> [Violation] {
        var found: [Violation] = []
        var items: [Int: PlannedEvent] = [:]
        var series: [Int: [PlannedEvent]] = [:]
        for item in planned {
            guard agenda.events.indices.contains(item.eventIndex) else {
                found.append(Violation(kind: "items", message: "'\(item.id)' names no event of the agenda"))
                continue
            }
            let event = agenda.events[item.eventIndex]
            if event.repeatRule != nil {
                if item.occurrenceOf != event.id {
                    found.append(Violation(kind: "items", message: "'\(item.id)' is not listed as an occurrence of '\(event.id)'"))
                }
                series[item.eventIndex, default: []].append(item)
                continue
            }
            if items[item.eventIndex] != nil || item.occurrenceOf != nil {
                found.append(Violation(kind: "items", message: "'\(item.id)' is listed more than once"))
            }
            items[item.eventIndex] = item
        }
        for (index, event) in agenda.events.enumerated() where items[index] == nil && series[index] == nil {
            found.append(Violation(kind: "items", message: "'\(event.id)' is missing from the plan"))
        }
        guard found.isEmpty else { return found }
        func at(_ index: Int, _ t: Int64) -> String { clocks[index].zone.describe(t) }

        // What constraints and bounds see of each event: a repeating one is its whole series,
        // from the start of its first occurrence to the end of its last.
        var spans: [(start: Int64, end: Int64)] = []
        spans.reserveCapacity(agenda.events.count)
        for index in agenda.events.indices {
            if let item = items[index] {
                spans.append((item.start.secondsSinceEpoch, item.end.secondsSinceEpoch))
            } else {
                let occurrences = series[index]!
                spans.append(
                    (occurrences.map(\.start.secondsSinceEpoch).min()!, occurrences.map(\.end.secondsSinceEpoch).max()!))
            }
        }

        for (index, event) in agenda.events.enumerated() {
            let clock = clocks[index]
            let (start, end) = spans[index]
            // Messages are only made for violations: describing every event costs more than checking it.
            var name: String { "'\(event.id)' (\(at(index, start)) to \(at(index, end)))" }

            if let rule = event.repeatRule, let written = event.start?.value, let first = clock.writtenSpan(of: event) {
                found += repeatViolations(event, rule, series[index]!, expected: clock.occurrences(of: rule, first: first, allDay: written.isDate), at: index)
            } else if let written = event.start?.value, let (expectedStart, expectedEnd) = clock.writtenSpan(of: event) {
                // Shape: fixed events where they are written, flexible ones as long as they last.
                let item = items[index]!
                if start != expectedStart || end != expectedEnd {
                    found.append(
                        Violation(
                            kind: "fixed-moved",
                            message: "fixed \(name) should be \(at(index, expectedStart)) to \(at(index, expectedEnd))"))
                }
                if item.allDay != written.isDate || !item.fixed {
                    found.append(Violation(kind: "flags", message: "fixed \(name): allDay \(item.allDay), fixed \(item.fixed)"))
                }
            } else {
                let item = items[index]!
                let duration = event.duration?.value
                let timed = duration?.isElapsed ?? false
                let wall = clock.zone.local(start)
                let expectedEnd = timed ? start + duration!.elapsedSeconds! : clock.allDayEnd(duration, from: wall.date)
                if end != expectedEnd {
                    found.append(
                        Violation(
                            kind: "duration",
                            message: "flexible \(name) lasts \(duration?.description ?? "one day") so should end \(at(index, expectedEnd))"))
                }
                if item.allDay == timed || item.fixed {
                    found.append(Violation(kind: "flags", message: "flexible \(name): allDay \(item.allDay), fixed \(item.fixed)"))
                }
                if !clock.calendar.isWorkingDay(wall.date) {
                    found.append(
                        Violation(
                            kind: "working-day",
                            message: "flexible \(name) starts on \(wall.date), not a working day of calendar '\(clock.calendar.name)'"))
                }
                if !timed && wall.secondOfDay != 0 {
                    found.append(Violation(kind: "midnight", message: "all-day flexible \(name) does not start at local midnight"))
                }
                if timed && !clock.calendar.everyDayWorks {
                    let hours = clock.calendar.hours
                    let dayEnd = clock.zone.instant(LocalDateTime(date: wall.date, secondOfDay: hours.upperBound))
                    if wall.secondOfDay < hours.lowerBound || end > dayEnd {
                        found.append(
                            Violation(
                                kind: "working-hours",
                                message: "timed flexible \(name) is not within the working hours of \(wall.date) in calendar '\(clock.calendar.name)'"))
                    }
                }
                if let first = agenda.start, start < clock.zone.midnight(first) {
                    found.append(Violation(kind: "agenda-start", message: "flexible \(name) starts before the agenda's start \(first)"))
                }
                if let last = agenda.end, end > clock.zone.midnight(last.adding(days: 1)) {
                    found.append(Violation(kind: "agenda-end", message: "flexible \(name) ends after the agenda's end \(last)"))
                }
            }

            if let notBefore = event.notBefore, start < clock.instant(notBefore.value) {
                found.append(Violation(kind: "not_before", message: "\(name) starts before its not_before \(notBefore.value)"))
            }
            if let notAfter = event.notAfter, end > clock.endLimit(notAfter.value) {
                found.append(Violation(kind: "not_after", message: "\(name) ends after its not_after \(notAfter.value)"))
            }

            for constraint in event.constraints {
                guard let other = indexByID[constraint.event] else {
                    found.append(Violation(kind: "reference", message: "\(name) names '\(constraint.event)', which is no event of the agenda"))
                    continue
                }
                let (otherStart, otherEnd) = spans[other]
                var them: String { "'\(constraint.event)' (\(at(other, otherStart)) to \(at(other, otherEnd)))" }
                var rule: String {
                    "\(constraint.relation.rawValue) \(constraint.event), gap \(constraint.gap)" + (constraint.max.map { ", max \($0)" } ?? "")
                }
                switch constraint.relation {
                case .after:
                    let earliest = clock.adding(constraint.gap, to: otherEnd)
                    if start < earliest {
                        found.append(
                            Violation(kind: "after-gap", message: "\(name) [\(rule)] starts before \(at(index, earliest)); \(them)"))
                    }
                    if let max = constraint.max, start > clock.adding(max, to: otherEnd) {
                        found.append(
                            Violation(
                                kind: "after-max",
                                message: "\(name) [\(rule)] starts after \(at(index, clock.adding(max, to: otherEnd))); \(them)"))
                    }
                case .before:
                    if clock.adding(constraint.gap, to: end) > otherStart {
                        found.append(
                            Violation(
                                kind: "before-gap",
                                message: "\(name) [\(rule)]: its end plus the gap is \(at(index, clock.adding(constraint.gap, to: end))), after \(them) starts"))
                    }
                    if let max = constraint.max, clock.adding(max, to: end) < otherStart {
                        found.append(
                            Violation(
                                kind: "before-max",
                                message: "\(name) [\(rule)]: its end plus the max is \(at(index, clock.adding(max, to: end))), before \(them) starts"))
                    }
                case .during:
                    if start < otherStart || end > otherEnd {
                        found.append(Violation(kind: "during", message: "\(name) [during \(constraint.event)] is not inside \(them)"))
                    }
                }
            }
        }
        return found
    }

    /// A repeating event's occurrences against the reference expansion: the same starts and
    /// ends, each fixed and as all-day as the written start, named `<id>-<local date>`
    /// (`-HHMM` after it when the rule steps minutes or hours, `-2` for a wall time that
    /// comes twice).
    private func repeatViolations(
        _ event: AgendaCore.Event, _ rule: RepeatRule, _ planned: [PlannedEvent],
        expected: [(local: LocalDateTime, start: Int64, end: Int64)], at index: Int
    ) -> [Violation] {
        var found: [Violation] = []
        let zone = clocks[index].zone
        let got = planned.sorted { ($0.start.secondsSinceEpoch, $0.end.secondsSinceEpoch) < ($1.start.secondsSinceEpoch, $1.end.secondsSinceEpoch) }
        let same = got.count == expected.count
            && zip(got, expected).allSatisfy { $0.start.secondsSinceEpoch == $1.start && $0.end.secondsSinceEpoch == $1.end }
        if !same {
            let gotSpans = got.map { "\(zone.describe($0.start.secondsSinceEpoch)) to \(zone.describe($0.end.secondsSinceEpoch))" }
            let wantSpans = expected.map { "\(zone.describe($0.start)) to \(zone.describe($0.end))" }
            let firstDifference = zip(gotSpans, wantSpans).first { $0 != $1 }.map { "first difference: \($0.0), expected \($0.1)" } ?? ""
            found.append(
                Violation(
                    kind: "repeat",
                    message: "'\(event.id)' (every \(rule.every), \(rule.end), except \(rule.except)) has \(got.count) occurrences, expected \(expected.count); \(firstDifference)"))
        }
        var expectedIDs: [String] = []
        for occurrence in expected {
            var id = "\(event.id)-\(occurrence.local.date)"
            if rule.every.isElapsed {
                let minutes = occurrence.local.secondOfDay / 60
                id += "-\(minutes / 600)\(minutes / 60 % 10)\(minutes % 60 / 10)\(minutes % 10)"
            }
            if expectedIDs.contains(id) { id += "-2" }
            expectedIDs.append(id)
        }
        if Set(got.map(\.id)) != Set(expectedIDs) {
            found.append(
                Violation(
                    kind: "repeat-ids",
                    message: "'\(event.id)' occurrences are named \(got.map(\.id).sorted().prefix(4)), expected \(expectedIDs.sorted().prefix(4))"))
        }
        let allDay = event.start?.value.isDate ?? false
        if let odd = got.first(where: { $0.allDay != allDay || !$0.fixed }) {
            found.append(Violation(kind: "flags", message: "occurrence '\(odd.id)': allDay \(odd.allDay), fixed \(odd.fixed)"))
        }
        return found
    }
}
