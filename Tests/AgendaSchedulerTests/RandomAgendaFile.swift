import AgendaCore
import AgendaGenerator

/// Random agenda files of any size, built around a schedule that keeps them.
///
/// Every event is given a place first (the witness): fixed events where they are written,
/// flexible ones on a working day of their calendar, within its hours. Each constraint and
/// bound is then chosen from what the witness keeps, often exactly at its limit (the largest
/// gap, the smallest `max`, the latest `not_before`), with the contract's arithmetic in the
/// reference clocks of ContractChecker.swift. So every such file can be planned, and the
/// scheduler must find a plan for it.
///
/// The files use what `AgendaGenerator` does not: zones with half-hour and quarter-hour
/// offsets and half-hour summer time, calendars with their own weekends, holidays and hours,
/// gaps and `max` in every unit, `during`, windows as dates, local times and instants, fixed
/// events given by a duration in any unit, `repeat` by minutes to months with `until`, `count`
/// and `except`, and `for_each` entries named as a whole or pairwise through a placeholder.
///
/// With `wild` constraints, a few constraints are added without looking at the witness: the
/// agenda may then be infeasible, and the scheduler must say so with a conflict.
struct RandomAgendaFile {
    typealias Gap = AgendaCore.Duration
    typealias Span = (start: Int64, end: Int64)

    let seed: UInt64
    private(set) var yaml = ""
    /// Events after `for_each` expansion.
    private(set) var eventCount = 0
    /// What the file uses, counted (`after-gap:working days`, `repeat:months`, ...): the tests
    /// check that the seeds they run cover every form.
    private(set) var features: [String: Int] = [:]

    static let zones = [
        "Europe/Vienna", "America/New_York", "UTC", "Pacific/Apia", "America/St_Johns", "Australia/Lord_Howe",
        "Asia/Kathmandu",
    ]
    /// `for_each` values: names, whose ids are their slugs, and codes that are ids already,
    /// which another entry can name pairwise through its placeholder (`after: e3-{region}`:
    /// placeholders put in the value, not its slug).
    static let regions = ["Africa", "Asia", "Côte d'Ivoire", "Latin America"]
    static let codes = ["af", "as", "ci", "la"]

    private struct CalendarSpec {
        var name: String
        var calendar: WorkCalendar
    }

    private struct VenueSpec {
        var id: String
        var zone: String
        var calendar: String
    }

    /// One entry of `events`: one event, or one per value of its `for_each`.
    private struct Entry {
        var id: String
        var keys: [String] = []
        /// How many `for_each` values it takes; 0 without `for_each`.
        var values = 0
        var coded = false
        var members: [Span] = []
        var clock: ReferenceClock
        var flexible = false
        var constraints: [Constraint.Relation: [String]] = [:]
        var notBefore: TimeSpec?
        var notAfter: TimeSpec?
    }

    private var rng: SplitMix64
    private var calendars: [CalendarSpec] = []
    private var venues: [VenueSpec] = []
    private var agendaZone = "UTC"
    private var agendaCalendar = "none"
    private var first = LocalDate(year: 2016, month: 1, day: 1)!
    private var length = 90
    private var entries: [Entry] = []

    init(seed: UInt64, events: Int, wild: Int = 0) {
        self.seed = seed
        rng = SplitMix64(seed: seed &* 0x9E37_79B9_7F4A_7C15 &+ 0x5851_F42D)
        makeSetting()
        var index = 0
        while eventCount < events {
            index += 1
            makeEntry(id: "e\(index)", room: events - eventCount)
        }
        for index in entries.indices {
            for _ in 0..<rng.pick([0, 1, 1, 1, 2, 2, 3]) { addConstraint(to: index) }
            addBounds(to: index)
        }
        for _ in 0..<wild { addWildConstraint() }
        yaml = render()
    }

    private mutating func count(_ feature: String) { features[feature, default: 0] += 1 }

    // MARK: The setting

    private mutating func makeSetting() {
        first = LocalDate(year: 2015, month: 3, day: 1)!.adding(days: rng.int(0...730))
        length = rng.int(60...200)
        let weekendChoices: [[Weekday]] = [[.sat, .sun], [.sat, .sun], [.fri, .sat], [.sun], []]
        let hourChoices = [
            9 * 3600..<18 * 3600, 8 * 3600 + 1800..<12 * 3600, 0..<86_400, 13 * 3600 + 900..<17 * 3600 + 2700,
            7 * 3600..<19 * 3600 + 1800, 22 * 3600..<86_400,
        ]
        for number in 1...rng.int(1...3) {
            var holidays: [LocalDate: String] = [:]
            for _ in 0..<rng.int(0...8) { holidays[first.adding(days: rng.int(-5...length + 5))] = "Holiday" }
            let calendar = WorkCalendar(
                name: "cal\(number)", weekends: Set(rng.pick(weekendChoices)), holidays: holidays, hours: rng.pick(hourChoices))
            calendars.append(CalendarSpec(name: calendar.name, calendar: calendar))
        }
        let calendarNames = calendars.map(\.name) + ["none"]
        for number in 1...rng.int(2...6) {
            venues.append(VenueSpec(id: "v\(number)", zone: rng.pick(Self.zones), calendar: rng.pick(calendarNames)))
        }
        agendaZone = rng.pick(Self.zones)
        agendaCalendar = rng.pick(calendarNames)
    }

    private func clock(zone: String, calendar name: String) -> ReferenceClock {
        ReferenceClock(
            zone: ReferenceZone.named(zone),
            calendar: ReferenceCalendar(calendars.first { $0.name == name }?.calendar, name: name))
    }

    // MARK: Events and their witness

    private mutating func makeEntry(id: String, room: Int) {
        var keys: [String] = []
        var values = 0
        var coded = false
        if room >= 2 && rng.chance(0.08) {
            values = rng.int(2...min(room, Self.regions.count))
            coded = rng.chance(0.5)
            let written = (coded ? Self.codes : Self.regions).prefix(values).map { "\"\($0)\"" }
            keys.append("title: \"Consultation \(id): {region}, round \\\"{{1}}\\\"; follow-up\"")
            keys.append("for_each: { region: [\(written.joined(separator: ", "))] }")
            count("for_each")
        } else {
            keys.append("title: \(rng.pick(["Session \(id)", "\"Briefing \(id): agenda, \\\"draft\\\" & notes\"", "Côte d'Ivoire hearing \(id)"]))")
        }
        var zone = agendaZone
        var calendarName = agendaCalendar
        if rng.chance(0.75) {
            let venue = rng.pick(venues)
            keys.append("venue: \(venue.id)")
            zone = venue.zone
            calendarName = venue.calendar
        }
        if rng.chance(0.1) {
            calendarName = rng.pick(calendars.map(\.name) + ["none"])
            keys.append("calendar: \(calendarName)")
            count("event-calendar")
        }
        var entry = Entry(id: id, keys: keys, values: values, coded: coded, clock: clock(zone: zone, calendar: calendarName))
        let roll = rng.int(0...99)
        if roll < 42 {
            makeFixed(&entry, repeating: roll < 8)
        } else {
            makeFlexible(&entry)
        }
        eventCount += max(1, values)
        entries.append(entry)
    }

    /// A day of the horizon.
    private mutating func someDay() -> LocalDate { first.adding(days: rng.int(0...length)) }

    /// A wall time on `day` that names one instant, in steps of 15 minutes.
    private mutating func someTime(on day: LocalDate, clock: ReferenceClock, hours: ClosedRange<Int> = 0...95) -> LocalDateTime {
        while true {
            let wall = LocalDateTime(date: day, secondOfDay: rng.int(hours) * 900)
            if clock.zone.isUnambiguous(wall) { return wall }
        }
    }

    private mutating func makeFixed(_ entry: inout Entry, repeating: Bool) {
        let clock = entry.clock
        let day = someDay()
        let here = SourceLocation(file: "random", line: 1, column: 1)
        var event = AgendaCore.Event(id: entry.id, title: entry.id, location: here)
        func set(_ start: TimeSpec, end: TimeSpec? = nil, duration: Gap? = nil) {
            event.start = Located(start, at: here)
            event.end = end.map { Located($0, at: here) }
            event.duration = duration.map { Located($0, at: here) }
        }
        let shape: String
        switch rng.int(0...9) {
        case 0, 1, 2:
            event.kind = .session
            set(.date(day), end: .date(day.adding(days: rng.int(0...4))))
            shape = "date-end"
        case 3, 4:
            let wall = someTime(on: day, clock: clock, hours: 24...80)
            var end = someTime(on: day, clock: clock, hours: 24...95)
            if clock.zone.instant(end) <= clock.zone.instant(wall) {
                end = someTime(on: day.adding(days: 1), clock: clock, hours: 24...80)
            }
            set(.local(wall), end: .local(end))
            shape = "time-end"
        case 5:
            let wall = someTime(on: day, clock: clock)
            set(.exact(wall, offsetSeconds: rng.pick([0, 0, -12_600, 20_700, 46_800, 3600])), duration: Gap(rng.int(1...6), .hours))
            shape = "instant-duration"
        case 6:
            let duration = rng.pick([Gap(rng.int(15...300), .minutes), Gap(rng.int(1...3), .days), Gap(1, .weeks), Gap(1, .months)])
            set(.local(someTime(on: day, clock: clock, hours: 28...76)), duration: duration)
            shape = "time-duration:\(duration.unit)"
        case 7:
            let duration = rng.pick([Gap(rng.int(1...4), .days), Gap(rng.int(1...2), .weeks), Gap(1, .months), Gap(rng.int(1...5), .workingDays)])
            set(.date(day), duration: duration)
            shape = "date-duration:\(duration.unit)"
        default:
            event.kind = rng.pick([.milestone, .deadline])
            set(rng.chance(0.5) ? .date(day) : .local(someTime(on: day, clock: clock)))
            shape = event.start!.value.isDate ? "point-date" : "point-time"
        }
        count("fixed:\(shape)")
        let start = event.start!.value
        if event.kind != .meeting { entry.keys.append("kind: \(event.kind.rawValue)") }
        entry.keys.append("\(event.kind.isPoint ? "on" : "start"): \(start)")
        if let end = event.end { entry.keys.append("end: \(end.value)") }
        if let duration = event.duration { entry.keys.append("duration: \(duration.value)") }
        let written = clock.writtenSpan(of: event)!
        guard repeating, written.end > written.start || start.isDate else {
            entry.members = Array(repeating: written, count: max(1, entry.values))
            return
        }
        // A series: its witness is the whole series, as constraints see it.
        let every: Gap
        if start.isDate {
            every = rng.pick([Gap(rng.int(1...10), .days), Gap(rng.int(1...3), .weeks), Gap(rng.int(1...2), .months)])
        } else {
            every = rng.pick([
                Gap(rng.int(1...10), .days), Gap(rng.int(1...3), .weeks), Gap(1, .months), Gap(rng.int(6...48), .hours),
                Gap(rng.pick([90, 720, 1440]), .minutes),
            ])
        }
        var rule = RepeatRule(every: every, end: .count(rng.int(2...8)), at: event.location)
        let firstDay = clock.zone.local(written.start).date
        if rng.chance(0.5) { rule.end = .until(firstDay.adding(days: rng.int(0...60))) }
        var occurrences = clock.occurrences(of: rule, first: written, allDay: start.isDate)
        if occurrences.count > 1 {
            for _ in 0..<rng.int(0...2) { rule.except.append(rng.pick(occurrences).local.date) }
        }
        if rng.chance(0.3) { rule.except.append(firstDay.adding(days: rng.int(1...40))) }
        occurrences = clock.occurrences(of: rule, first: written, allDay: start.isDate)
        guard let firstOccurrence = occurrences.first, let lastOccurrence = occurrences.last else {
            entry.members = Array(repeating: written, count: max(1, entry.values))
            return
        }
        var keys = "{ every: \(every), "
        switch rule.end {
        case .count(let count): keys += "count: \(count)"
        case .until(let day): keys += "until: \(day)"
        }
        let except = Array(Set(rule.except)).sorted()
        if !except.isEmpty { keys += ", except: [\(except.map(\.description).joined(separator: ", "))]" }
        entry.keys.append("repeat: \(keys) }")
        count("repeat:\(every.unit)")
        if case .until = rule.end { count("repeat-until") }
        if !except.isEmpty { count("repeat-except") }
        let span: Span = (firstOccurrence.start, lastOccurrence.end)
        entry.members = Array(repeating: span, count: max(1, entry.values))
    }

    private mutating func makeFlexible(_ entry: inout Entry) {
        entry.flexible = true
        let clock = entry.clock
        let calendar = clock.calendar
        let hours = calendar.hours
        let duration: Gap?
        switch rng.int(0...9) {
        case 0, 1, 2:
            let longest = min(hours.count / 60, 600)
            duration = rng.chance(0.5) ? Gap(rng.int(1...max(1, longest / 60)), .hours) : Gap(rng.int(1...max(1, longest / 15)) * 15, .minutes)
        case 3, 4: duration = Gap(rng.int(1...5), .days)
        case 5: duration = Gap(rng.int(1...2), .weeks)
        case 6: duration = Gap(1, .months)
        case 7, 8: duration = Gap(rng.int(1...6), .workingDays)
        default: duration = nil
        }
        if let duration {
            entry.keys += ["kind: \(rng.pick(["activity", "meeting", "consultation"]))", "duration: \(duration)"]
        } else {
            entry.keys.append("kind: \(rng.pick(["milestone", "deadline"]))")
        }
        count("flexible:\(duration.map { "\($0.unit)" } ?? "point")")
        if rng.chance(0.3) { entry.keys.append("schedule: \(rng.pick(["asap", "alap"]))") }
        for _ in 0..<max(1, entry.values) {
            entry.members.append(witness(for: duration, clock: clock))
        }
    }

    /// A place the contract allows a flexible event: a working day; a timed one within that
    /// day's working hours.
    private mutating func witness(for duration: Gap?, clock: ReferenceClock) -> Span {
        while true {
            let day = someDay()
            guard clock.calendar.isWorkingDay(day) else { continue }
            guard let duration, duration.isElapsed else {
                return (clock.zone.midnight(day), clock.allDayEnd(duration, from: day))
            }
            let seconds = Int(duration.elapsedSeconds!)
            let hours = clock.calendar.everyDayWorks ? 0..<86_400 : clock.calendar.hours
            guard hours.count >= seconds else { continue }
            let wall = LocalDateTime(date: day, secondOfDay: hours.lowerBound + rng.int(0...(hours.count - seconds) / 300) * 300)
            let start = clock.zone.instant(wall)
            let placed = clock.zone.local(start)
            let dayEnd = clock.zone.instant(LocalDateTime(date: day, secondOfDay: hours.upperBound))
            if placed.date == day && placed.secondOfDay >= hours.lowerBound && start + Int64(seconds) <= dayEnd {
                return (start, start + Int64(seconds))
            }
        }
    }

    // MARK: Constraints and bounds the witness keeps

    private static let gapUnits: [Gap.Unit] = [.minutes, .hours, .days, .weeks, .months, .workingDays]

    /// The largest amount of `unit` for which `holds` is true, if any, up to `limit`
    /// (`holds` grows false as the amount grows).
    private static func largest(_ unit: Gap.Unit, upTo limit: Int, _ holds: (Gap) -> Bool) -> Int? {
        guard holds(Gap(0, unit)) else { return nil }
        var low = 0
        var high = limit
        while low < high {
            let mid = (low + high + 1) / 2
            if holds(Gap(mid, unit)) { low = mid } else { high = mid - 1 }
        }
        return low
    }

    /// An amount of `unit` that reaches past `seconds` in any zone and calendar.
    private static func limit(of unit: Gap.Unit, over seconds: Int64) -> Int {
        let days = Int(seconds / 86_400) + 2
        switch unit {
        case .minutes: return Int(seconds / 60) + 2
        case .hours: return Int(seconds / 3600) + 2
        case .days, .workingDays: return days
        case .weeks: return days / 7 + 2
        case .months: return days / 28 + 2
        }
    }

    private mutating func addConstraint(to index: Int) {
        let carrier = entries[index]
        var other = rng.int(0...entries.count - 2)
        if other >= index { other += 1 }
        // A for_each entry may name another one pairwise, value by value: `after: e3-{region}`.
        var paired = false
        if carrier.coded && rng.chance(0.5) {
            let partners = entries.indices.filter { $0 != index && entries[$0].coded && entries[$0].values >= carrier.values }
            if !partners.isEmpty {
                other = rng.pick(partners)
                paired = true
            }
        }
        let target = entries[other]
        var pairs: [(Span, Span)] = []
        for (slot, mine) in carrier.members.enumerated() {
            if paired {
                pairs.append((mine, target.members[slot]))
            } else {
                for theirs in target.members { pairs.append((mine, theirs)) }
            }
        }
        let clock = carrier.clock
        var relations: [Constraint.Relation] = []
        if pairs.allSatisfy({ $0.0.start >= $0.1.end }) { relations.append(.after) }
        if pairs.allSatisfy({ $0.0.end <= $0.1.start }) { relations.append(.before) }
        if pairs.allSatisfy({ $0.0.start >= $0.1.start && $0.0.end <= $0.1.end }) { relations += [.during, .during] }
        guard !relations.isEmpty else { return }
        let relation = rng.pick(relations)
        let name = paired ? "\(target.id)-{region}" : target.id
        if paired { count("for_each-paired") } else if target.values > 0 { count("for_each-named") }
        guard relation != .during else {
            entries[index].constraints[.during, default: []].append(name)
            count("during")
            return
        }
        // The distance the witness keeps: `after`, from the other's end to this start;
        // `before`, from this end to the other's start.
        let distances = pairs.map { relation == .after ? (from: $0.1.end, to: $0.0.start) : (from: $0.0.end, to: $0.1.start) }
        let longest = distances.map { $0.to - $0.from }.max()!
        var gap = Gap.zero
        if rng.chance(0.75) {
            let unit = rng.pick(Self.gapUnits)
            if let most = Self.largest(unit, upTo: Self.limit(of: unit, over: longest), { gap in distances.allSatisfy { clock.adding(gap, to: $0.from) <= $0.to } }),
                most > 0
            {
                let tight = rng.chance(0.5)
                gap = Gap(tight ? most : rng.int(1...most), unit)
                count("\(relation)-gap:\(unit)")
                if tight { count("tight-gap") }
            }
        }
        var max: Gap?
        if rng.chance(0.4) {
            let unit = rng.pick(Self.gapUnits)
            // The smallest amount that reaches every distance: one less than it does not.
            let reaches = { (gap: Gap) in distances.allSatisfy { clock.adding(gap, to: $0.from) >= $0.to } }
            let limit = Self.limit(of: unit, over: longest)
            if reaches(Gap(limit, unit)) {
                let below = Self.largest(unit, upTo: limit) { !reaches($0) }
                let least = below.map { $0 + 1 } ?? 0
                let tight = rng.chance(0.5)
                let amount = tight ? least : least + rng.int(0...3)
                if amount > 0 {
                    max = Gap(amount, unit)
                    count("\(relation)-max:\(unit)")
                    if tight { count("tight-max") }
                }
            }
        }
        entries[index].constraints[relation, default: []].append(Self.constraint(name, gap: gap, max: max))
    }

    private static func constraint(_ name: String, gap: Gap, max: Gap?) -> String {
        var parts = ["event: \"\(name)\""]
        if !gap.isZero { parts.append("gap: \(gap)") }
        if let max { parts.append("max: \(max)") }
        return parts.count == 1 ? "\"\(name)\"" : "{ \(parts.joined(separator: ", ")) }"
    }

    private mutating func addBounds(to index: Int) {
        let entry = entries[index]
        let zone = entry.clock.zone
        let start = entry.members.map(\.start).min()!
        let end = entry.members.map(\.end).max()!
        if rng.chance(0.2) {
            let wall = zone.local(start)
            let tight = rng.chance(0.4)
            switch rng.int(0...2) {
            case 0:
                entries[index].notBefore = .date(wall.date.adding(days: tight ? 0 : -rng.int(1...10)))
            case 1:
                let candidate = LocalDateTime(secondsSinceEpoch: wall.secondsSinceEpoch - (tight ? 0 : Int64(rng.int(1...5000)) * 60))
                if zone.isUnambiguous(candidate) && zone.instant(candidate) <= start { entries[index].notBefore = .local(candidate) }
            default:
                let utc = start - (tight ? 0 : Int64(rng.int(1...5000)) * 60)
                entries[index].notBefore = .exact(LocalDateTime(secondsSinceEpoch: utc), offsetSeconds: 0)
            }
        }
        if rng.chance(0.2) {
            let tight = rng.chance(0.4)
            switch rng.int(0...2) {
            case 0:
                entries[index].notAfter = .date(zone.local(end - 1).date.adding(days: tight ? 0 : rng.int(1...10)))
            case 1:
                let candidate = LocalDateTime(secondsSinceEpoch: zone.local(end).secondsSinceEpoch + (tight ? 0 : Int64(rng.int(1...5000)) * 60))
                if zone.isUnambiguous(candidate) && zone.instant(candidate) >= end { entries[index].notAfter = .local(candidate) }
            default:
                let utc = end + (tight ? 0 : Int64(rng.int(1...5000)) * 60)
                entries[index].notAfter = .exact(LocalDateTime(secondsSinceEpoch: utc), offsetSeconds: 0)
            }
        }
        // A midnight that the clocks skip comes later than the day's first instant.
        if let bound = entries[index].notBefore, entry.clock.instant(bound) > start { entries[index].notBefore = nil }
        if let bound = entries[index].notAfter, entry.clock.endLimit(bound) < end { entries[index].notAfter = nil }
        // Two bounds with times must leave room between them (the format refuses others).
        if let low = entries[index].notBefore, let high = entries[index].notAfter, !low.isDate, !high.isDate,
            entry.clock.instant(high) <= entry.clock.instant(low)
        {
            entries[index].notAfter = nil
        }
        if let bound = entries[index].notBefore { count("not_before:\(Self.form(bound))") }
        if let bound = entries[index].notAfter { count("not_after:\(Self.form(bound))") }
    }

    private static func form(_ spec: TimeSpec) -> String {
        switch spec {
        case .date: "date"
        case .local: "local"
        case .exact: "instant"
        }
    }

    /// A constraint chosen without the witness: a gap and a `max` in one unit.
    private mutating func addWildConstraint() {
        let index = rng.int(0...entries.count - 1)
        var other = rng.int(0...entries.count - 2)
        if other >= index { other += 1 }
        // Mostly the order the witness has, with a gap that may not fit; else any order.
        let (mine, theirs) = (entries[index].members[0], entries[other].members[0])
        var relation = rng.pick([Constraint.Relation.after, .before, .during])
        if rng.chance(0.6) && mine.start >= theirs.end { relation = .after }
        if rng.chance(0.6) && mine.end <= theirs.start { relation = .before }
        if relation == .during {
            entries[index].constraints[.during, default: []].append(entries[other].id)
        } else {
            let unit = rng.pick(Self.gapUnits)
            let gap = Gap(rng.int(0...4), unit)
            let max = rng.chance(0.5) ? Gap(gap.amount + rng.int(1...3), unit) : nil
            entries[index].constraints[relation, default: []].append(Self.constraint(entries[other].id, gap: gap, max: max))
        }
        count("wild")
    }

    // MARK: The file

    private func render() -> String {
        var out = "agenda:\n  id: random-\(seed)\n  title: \"Random agenda \(seed): zones, calendars & \\\"constraints\\\"\"\n"
        out += "  timezone: \(agendaZone)\n  calendar: \(agendaCalendar)\n  schedule: \(seed % 3 == 0 ? "alap" : "asap")\n"
        // The horizon holds every flexible witness, in each one's zone, often exactly.
        var earliest = first.adding(days: length)
        var latest = first
        for entry in entries where entry.flexible {
            for member in entry.members {
                earliest = min(earliest, entry.clock.zone.local(member.start).date)
                latest = max(latest, entry.clock.zone.local(member.end - 1).date)
            }
        }
        if latest < earliest { (earliest, latest) = (first, first.adding(days: length)) }
        out += "  start: \(earliest.adding(days: -Int(seed % 3)))\n  end: \(latest.adding(days: Int(seed % 2)))\n"
        out += "  updated: 2016-04-22T12:00:00Z\n"
        out += "calendars:\n"
        for spec in calendars {
            let weekends = Weekday.allCases.filter { spec.calendar.weekends.contains($0) }.map(\.rawValue)
            out += "  \(spec.name):\n    weekends: [\(weekends.joined(separator: ", "))]\n"
            let holidays = spec.calendar.holidays.keys.sorted()
            if !holidays.isEmpty { out += "    holidays: [\(holidays.map(\.description).joined(separator: ", "))]\n" }
            let hours = spec.calendar.hours
            out += "    hours: \"\(Self.clock(hours.lowerBound))-\(Self.clock(hours.upperBound))\"\n"
        }
        out += "venues:\n"
        for venue in venues {
            out += "  \(venue.id): { name: \"Venue \(venue.id), \(venue.zone)\", timezone: \(venue.zone), calendar: \(venue.calendar), parallel: true }\n"
        }
        out += "events:\n"
        for entry in entries {
            out += "  - id: \(entry.id)\n"
            for key in entry.keys { out += "    \(key)\n" }
            for relation in [Constraint.Relation.after, .before, .during] {
                guard let written = entry.constraints[relation] else { continue }
                out += written.count == 1 ? "    \(relation): \(written[0])\n" : "    \(relation): [\(written.joined(separator: ", "))]\n"
            }
            if let bound = entry.notBefore { out += "    not_before: \(bound)\n" }
            if let bound = entry.notAfter { out += "    not_after: \(bound)\n" }
        }
        return out
    }

    private static func clock(_ second: Int) -> String {
        let minutes = second / 60
        return "\(minutes / 600)\(minutes / 60 % 10):\(minutes % 60 / 10)\(minutes % 10)"
    }
}
