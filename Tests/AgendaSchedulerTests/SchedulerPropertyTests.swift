import AgendaCore
import AgendaGenerator
import Foundation
import Testing

// Seeded property tests of the scheduler against the agenda format contract (agenda-format.md:
// "Constraints", and "Exact rules" > "Arithmetic" and "Placement").
//
// Every agenda is built from a seed by `PropertyAgenda.make(seed:)`: a failure names its seed,
// and `PropertyAgenda.yaml(_:)` prints the agenda (or the smallest failing agenda the shrinker
// finds) in the file format, so it can be replayed with `agenda plan`.
//
// The plans are checked by a reference implementation of the contract's forward arithmetic
// written here from the contract text (zones through Foundation, working days counted by hand):
// it shares no code with the scheduler's network or clocks.

// MARK: - Random numbers

/// The generator's SplitMix64 with the draws these tests need.
extension SplitMix64 {
    mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.count))
    }

    mutating func chance(_ probability: Double) -> Bool {
        Double(next() >> 11) / Double(UInt64(1) << 53) < probability
    }

    mutating func pick<T>(_ items: [T]) -> T { items[int(0...items.count - 1)] }

    mutating func shuffled(_ count: Int) -> [Int] {
        var items = Array(0..<count)
        for index in stride(from: count - 1, to: 0, by: -1) { items.swapAt(index, int(0...index)) }
        return items
    }
}

// MARK: - The generator

enum PropertyAgenda {
    typealias Gap = AgendaCore.Duration

    static let zoneNames = ["Europe/Vienna", "America/New_York", "UTC"]
    static let zoneRules: [String: TimeZoneRules] = Dictionary(
        uniqueKeysWithValues: zoneNames.map { ($0, TimeZoneRules(named: $0)!) })

    struct VenueSpec {
        var id: String
        var name: String
        var zone: String
        var calendar: String
    }

    static let venueSpecs = [
        VenueSpec(id: "vic", name: "Vienna International Centre", zone: "Europe/Vienna", calendar: "work"),
        VenueSpec(id: "unhq", name: "United Nations Headquarters", zone: "America/New_York", calendar: "work"),
        VenueSpec(id: "online", name: "Online", zone: "UTC", calendar: "none"),
        VenueSpec(id: "vienna-office", name: "Vienna office", zone: "Europe/Vienna", calendar: "none"),
        VenueSpec(id: "ny-office", name: "New York office", zone: "America/New_York", calendar: "none"),
    ]

    /// Days the horizon starts near: the daylight-saving changes of 2016 in both zones (New
    /// York and Vienna change two weeks apart), and quiet stretches.
    static let anchors: [LocalDate] = [
        LocalDate(year: 2016, month: 3, day: 13)!, LocalDate(year: 2016, month: 3, day: 27)!,
        LocalDate(year: 2016, month: 10, day: 30)!, LocalDate(year: 2016, month: 11, day: 6)!,
        LocalDate(year: 2016, month: 6, day: 1)!, LocalDate(year: 2016, month: 1, day: 11)!,
        LocalDate(year: 2016, month: 12, day: 19)!,
    ]

    /// One agenda per seed: 3 to 12 events, fixed and flexible, in three zones and two
    /// calendars, with `after`, `before` and `during` constraints between them.
    static func make(seed: UInt64) -> Agenda {
        var rng = SplitMix64(seed: seed &* 0x2545_F491_4F6C_DD1D &+ 0x1234_5678)
        let file = "property-\(seed).yaml"
        var line = 0
        func location() -> AgendaCore.SourceLocation {
            line += 1
            return AgendaCore.SourceLocation(file: file, line: line, column: 3)
        }

        let first = rng.pick(anchors).adding(days: rng.int(-25...5))
        let length = rng.int(30...120)
        let last = first.adding(days: length)

        var holidays: [LocalDate: String] = [:]
        for _ in 0..<rng.int(1...5) {
            let day = first.adding(days: rng.int(-3...length + 3))
            holidays[day] = "Holiday"
        }
        let work = WorkCalendar(name: "work", weekends: [.sat, .sun], holidays: holidays, location: location())
        var venues: [String: Venue] = [:]
        for spec in venueSpecs {
            venues[spec.id] = Venue(
                id: spec.id, name: spec.name, city: spec.name, timeZone: zoneRules[spec.zone]!, calendar: spec.calendar,
                capacity: nil, location: location())
        }
        let agendaLocation = location()
        var agenda = Agenda(
            id: "property-\(seed)", timeZone: zoneRules[rng.pick(zoneNames)]!, calendar: rng.pick(["none", "work"]),
            schedule: rng.chance(0.8) ? .asap : .alap, start: first, end: last, calendars: ["work": work], venues: venues,
            events: [], location: agendaLocation)

        let count = rng.int(3...12)
        let ranks = rng.shuffled(count)
        let spacing = max(1, length / (count + 1))
        // How often a constraint points against the latent order: 0 gives mostly feasible
        // agendas, more gives conflicts and cycles.
        let backward = rng.pick([0.0, 0.0, 0.0, 0.05, 0.1, 0.25])
        var events: [AgendaCore.Event] = []
        for index in 0..<count {
            var event = AgendaCore.Event(id: "e\(index + 1)", title: "Event \(index + 1)", location: location())
            let day = first.adding(days: ranks[index] * spacing + rng.int(0...spacing / 2))
            if rng.chance(0.7) { event.venue = Located(rng.pick(venueSpecs).id, at: location()) }
            if rng.chance(0.05) { event.calendar = Located(rng.pick(["none", "work"]), at: location()) }
            if rng.chance(0.35) {
                makeFixed(&event, day: day, rng: &rng, location: location)
            } else {
                makeFlexible(&event, spacing: spacing, rng: &rng, location: location)
            }
            // Bounds on fixed events mostly hold: they are checked, never moved.
            if rng.chance(0.1) {
                let from = event.isFixed ? day.adding(days: rng.int(-3...(rng.chance(0.8) ? 0 : 1))) : first.adding(days: rng.int(0...length / 2))
                event.notBefore = Located(
                    rng.chance(event.isFixed ? 0.95 : 0.7) ? .date(from) : .local(LocalDateTime(date: from, secondOfDay: rng.int(8...17) * 3600)),
                    at: location())
            }
            if rng.chance(0.1) {
                let by = event.isFixed
                    ? day.adding(days: Int(roughDays(event).rounded(.up)) + rng.int((rng.chance(0.8) ? 0 : -2)...3))
                    : first.adding(days: rng.int(length / 2...length))
                event.notAfter = Located(
                    rng.chance(0.7) ? .date(by) : .local(LocalDateTime(date: by, secondOfDay: rng.int(8...19) * 3600)),
                    at: location())
            }
            events.append(event)
        }
        for index in 0..<count {
            let constraints = rng.pick([0, 1, 1, 1, 2, 2, 3])
            var named = Set<Int>()
            for _ in 0..<constraints {
                var other = rng.int(0...count - 2)
                if other >= index { other += 1 }
                // One constraint per pair, mostly: two on one pair often contradict each other.
                if !named.insert(other).inserted && rng.chance(0.9) { continue }
                // Constraints between two fixed events are only checked: most would fail.
                if events[index].isFixed && events[other].isFixed && rng.chance(0.7) { continue }
                let forward = !rng.chance(backward)
                let otherFirst = ranks[other] < ranks[index]
                var relation: Constraint.Relation = otherFirst == forward ? .after : .before
                // `during` mostly where the carrier can fit (a shorter event inside a longer one).
                if relation == .after && rng.chance(0.25)
                    && (roughDays(events[index]) < roughDays(events[other]) || rng.chance(0.1))
                {
                    relation = .during
                }
                var gap = Gap.zero
                var max: Gap?
                if relation != .during {
                    gap = randomGap(spacing: spacing, &rng)
                    if rng.chance(0.25) { max = randomMax(above: gap, spacing: spacing, &rng) }
                }
                events[index].constraints.append(
                    Constraint(relation, events[other].id, gap: gap, max: max, at: location()))
            }
        }
        agenda.events = events
        return agenda
    }

    /// About how many days an event lasts (timed ones a fraction), to pick `during` pairs.
    static func roughDays(_ event: AgendaCore.Event) -> Double {
        if case .date(let start)? = event.start?.value {
            if case .date(let end)? = event.end?.value { return Double(end.daysSinceEpoch - start.daysSinceEpoch + 1) }
            if event.duration == nil { return 1 }
        }
        guard let duration = event.duration?.value else { return event.isFixed ? 0 : 1 }
        switch duration.unit {
        case .minutes, .hours: return 0.2
        case .days: return Double(duration.amount)
        case .weeks: return Double(7 * duration.amount)
        case .months: return 30
        case .workingDays: return 1.4 * Double(duration.amount)
        }
    }

    private static func makeFixed(
        _ event: inout AgendaCore.Event, day: LocalDate, rng: inout SplitMix64, location: () -> AgendaCore.SourceLocation
    ) {
        func time(_ hours: ClosedRange<Int>) -> LocalDateTime {
            LocalDateTime(date: day, secondOfDay: rng.int(hours) * 3600 + rng.pick([0, 15, 30, 45]) * 60)
        }
        switch rng.int(0...6) {
        case 0, 1:
            event.kind = .session
            event.start = Located(.date(day), at: location())
            event.end = Located(.date(day.adding(days: rng.int(0...5))), at: location())
        case 2:
            event.kind = rng.pick([.milestone, .deadline])  // a date alone: one whole day
            event.start = Located(.date(day), at: location())
        case 3:
            event.start = Located(.date(day), at: location())
            event.duration = Located(rng.chance(0.7) ? Gap(rng.int(1...4), .days) : Gap(1, .weeks), at: location())
        case 4:
            let start = time(8...16)
            event.start = Located(.local(start), at: location())
            event.end = Located(
                .local(LocalDateTime(secondsSinceEpoch: start.secondsSinceEpoch + Int64(rng.int(1...12) * 1800))),
                at: location())
        case 5:
            if rng.chance(0.3) {
                event.start = Located(.exact(time(6...16), offsetSeconds: 0), at: location())
            } else {
                event.start = Located(.local(time(8...16)), at: location())
            }
            event.duration = Located(
                rng.chance(0.8) ? Gap(rng.int(1...4), .hours) : Gap(rng.int(30...150), .minutes), at: location())
        default:
            event.kind = rng.pick([.milestone, .deadline])
            event.start = Located(.local(time(8...19)), at: location())
        }
    }

    private static func makeFlexible(
        _ event: inout AgendaCore.Event, spacing: Int, rng: inout SplitMix64, location: () -> AgendaCore.SourceLocation
    ) {
        // Mostly shorter than the spacing of the fixed events, so that chains fit between them.
        let days = max(1, spacing / 2)
        var roll = rng.int(0...99)
        if (65..<75).contains(roll) && spacing < 12 || roll >= 97 && spacing < 35 { roll = 50 }
        switch roll {
        case 0..<10: event.kind = rng.pick([.milestone, .deadline])
        case 10..<35: event.duration = Located(Gap(rng.int(1...8), .hours), at: location())
        case 35..<42: event.duration = Located(Gap(rng.pick([15, 30, 45, 90, 200]), .minutes), at: location())
        case 42..<65: event.duration = Located(Gap(rng.int(1...min(days, 5)), .days), at: location())
        case 65..<75: event.duration = Located(Gap(rng.int(1...2), .weeks), at: location())
        case 75..<97: event.duration = Located(Gap(rng.int(1...min(days, 6)), .workingDays), at: location())
        default: event.duration = Located(Gap(1, .months), at: location())
        }
        if rng.chance(0.25) { event.schedule = .alap } else if rng.chance(0.05) { event.schedule = .asap }
    }

    static func randomGap(spacing: Int, _ rng: inout SplitMix64) -> Gap {
        let days = max(1, min(4, spacing / 3))
        switch rng.int(0...9) {
        case 0, 1, 2: return .zero
        case 3: return Gap(rng.pick([15, 30, 90]), .minutes)
        case 4: return Gap(rng.int(1...12), .hours)
        case 5, 6: return Gap(rng.int(1...days), .days)
        case 7: return spacing >= 10 ? Gap(1, .weeks) : Gap(1, .days)
        default: return Gap(rng.int(1...min(days, 3)), .workingDays)
        }
    }

    /// A `max` that is never shorter than the gap, whatever the calendar (the file format
    /// refuses one that is), mostly long enough to reach across the gaps between fixed events.
    static func randomMax(above gap: Gap, spacing: Int, _ rng: inout SplitMix64) -> Gap {
        let tight = rng.chance(0.2)
        switch gap.unit {
        case .minutes, .hours:
            return tight ? Gap(gap.amount * (gap.unit == .minutes ? 1 : 60) + rng.int(60...1440), .minutes)
                : Gap(rng.int(spacing + 1...2 * spacing + 3), .days)
        case .days: return Gap(gap.amount + (tight ? rng.int(0...2) : rng.int(spacing...2 * spacing + 3)), .days)
        case .weeks: return Gap(gap.amount + (tight ? 0 : rng.int(spacing / 7 + 1...spacing / 7 + 3)), .weeks)
        case .months: return Gap(gap.amount + 1, .months)
        case .workingDays:
            return rng.chance(0.5) ? Gap(gap.amount + (tight ? rng.int(0...2) : rng.int(spacing...2 * spacing + 3)), .workingDays)
                : Gap(rng.int(spacing / 7 + 2...spacing / 7 + 4), .weeks)
        }
    }

    // MARK: The file format

    /// The agenda in the contract's YAML form, with the venues and calendars it uses.
    static func yaml(_ agenda: Agenda) -> String {
        var out = "agenda:\n  id: \(agenda.id)\n  timezone: \(agenda.timeZone.identifier)\n"
        out += "  calendar: \(agenda.calendar)\n  schedule: \(agenda.schedule.rawValue)\n"
        if let start = agenda.start { out += "  start: \(start)\n" }
        if let end = agenda.end { out += "  end: \(end)\n" }
        let usedVenues = Set(agenda.events.compactMap { $0.venue?.value })
        var usedCalendars = Set([agenda.calendar])
        for id in usedVenues { if let name = agenda.venues[id]?.calendar { usedCalendars.insert(name) } }
        for event in agenda.events { if let name = event.calendar?.value { usedCalendars.insert(name) } }
        let calendars = agenda.calendars.keys.sorted().filter { usedCalendars.contains($0) }
        if !calendars.isEmpty {
            out += "calendars:\n"
            for name in calendars {
                let calendar = agenda.calendars[name]!
                let weekends = Weekday.allCases.filter { calendar.weekends.contains($0) }.map(\.rawValue)
                out += "  \(name):\n    weekends: [\(weekends.joined(separator: ", "))]\n"
                if !calendar.holidays.isEmpty {
                    out += "    holidays: [\(calendar.holidays.keys.sorted().map(\.description).joined(separator: ", "))]\n"
                }
            }
        }
        if !usedVenues.isEmpty {
            out += "venues:\n"
            for id in usedVenues.sorted() {
                let venue = agenda.venues[id]!
                out += "  \(id): { name: \(venue.name), timezone: \(venue.timeZone?.identifier ?? agenda.timeZone.identifier)"
                out += ", calendar: \(venue.calendar ?? agenda.calendar), parallel: true }\n"
            }
        }
        out += "events:\n"
        for event in agenda.events {
            out += "  - id: \(event.id)\n    title: \(event.title)\n"
            if event.kind != .meeting { out += "    kind: \(event.kind.rawValue)\n" }
            if let venue = event.venue { out += "    venue: \(venue.value)\n" }
            if let calendar = event.calendar { out += "    calendar: \(calendar.value)\n" }
            if let start = event.start { out += "    start: \(start.value)\n" }
            if let end = event.end { out += "    end: \(end.value)\n" }
            if let duration = event.duration { out += "    duration: \(duration.value)\n" }
            for relation in [Constraint.Relation.after, .before, .during] {
                let written = event.constraints.filter { $0.relation == relation }.map { constraint -> String in
                    var parts = ["event: \(constraint.event)"]
                    if !constraint.gap.isZero { parts.append("gap: \(constraint.gap)") }
                    if let max = constraint.max { parts.append("max: \(max)") }
                    return parts.count == 1 ? constraint.event : "{ \(parts.joined(separator: ", ")) }"
                }
                if written.count == 1 { out += "    \(relation.rawValue): \(written[0])\n" }
                if written.count > 1 { out += "    \(relation.rawValue): [\(written.joined(separator: ", "))]\n" }
            }
            if let notBefore = event.notBefore { out += "    not_before: \(notBefore.value)\n" }
            if let notAfter = event.notAfter { out += "    not_after: \(notAfter.value)\n" }
            if let schedule = event.schedule { out += "    schedule: \(schedule.rawValue)\n" }
        }
        return out
    }

    // MARK: Shrinking

    /// Every agenda one simplification away: an event fewer (with the constraints naming it),
    /// a constraint or bound fewer, no `max`, no gap, a smaller duration, no venue, ...
    static func simplifications(of agenda: Agenda) -> [Agenda] {
        var result: [Agenda] = []
        func variant(_ change: (inout Agenda) -> Void) {
            var copy = agenda
            change(&copy)
            result.append(copy)
        }
        for index in agenda.events.indices.reversed() where agenda.events.count > 1 {
            variant { copy in
                let id = copy.events.remove(at: index).id
                for other in copy.events.indices { copy.events[other].constraints.removeAll { $0.event == id } }
            }
        }
        for index in agenda.events.indices {
            let event = agenda.events[index]
            for slot in event.constraints.indices.reversed() {
                variant { $0.events[index].constraints.remove(at: slot) }
            }
            if event.notBefore != nil { variant { $0.events[index].notBefore = nil } }
            if event.notAfter != nil { variant { $0.events[index].notAfter = nil } }
        }
        for index in agenda.events.indices {
            let event = agenda.events[index]
            for slot in event.constraints.indices {
                let constraint = event.constraints[slot]
                if constraint.max != nil { variant { $0.events[index].constraints[slot].max = nil } }
                if !constraint.gap.isZero {
                    variant { $0.events[index].constraints[slot].gap = .zero }
                    if constraint.gap.amount > 1 && constraint.max == nil {
                        variant { $0.events[index].constraints[slot].gap.amount = constraint.gap.amount / 2 }
                    }
                }
            }
            if event.venue != nil { variant { $0.events[index].venue = nil } }
            if event.calendar != nil { variant { $0.events[index].calendar = nil } }
            if event.schedule != nil { variant { $0.events[index].schedule = nil } }
            if let duration = event.duration, duration.value.amount > 1 {
                variant { $0.events[index].duration!.value.amount = duration.value.amount / 2 }
                variant { $0.events[index].duration!.value.amount = 1 }
            }
            if event.kind != .meeting && event.kind != .milestone && event.kind != .deadline {
                variant { $0.events[index].kind = .meeting }
            }
            if case .date(let start)? = event.start?.value, case .date(let end)? = event.end?.value, end > start {
                variant { $0.events[index].end!.value = .date(start) }
            }
        }
        if let holidays = agenda.calendars["work"]?.holidays {
            for day in holidays.keys.sorted() { variant { $0.calendars["work"]!.holidays[day] = nil } }
        }
        if agenda.schedule == .alap { variant { $0.schedule = .asap } }
        return result
    }

    /// The smallest agenda the greedy shrinker reaches that still fails.
    static func shrink(_ agenda: Agenda, budget: Int = 1500, seconds: Double = 1.5, failing: (Agenda) -> Bool) -> Agenda {
        var current = agenda
        var calls = 0
        var progress = true
        let deadline = Date().addingTimeInterval(seconds)
        while progress && calls < budget && Date() < deadline {
            progress = false
            for candidate in simplifications(of: current) {
                calls += 1
                if failing(candidate) {
                    current = candidate
                    progress = true
                    break
                }
                if calls >= budget || Date() >= deadline { break }
            }
        }
        return current
    }
}

// MARK: - Conflicts

/// What a conflict's note can point at.
enum ChainItem: Hashable, CustomStringConvertible {
    case constraint(event: Int, slot: Int)
    case notBefore(Int)
    case notAfter(Int)
    /// `agenda.start` and `agenda.end` (both written at the agenda's location; the note's text
    /// tells them apart).
    case horizonStart
    case horizonEnd

    var description: String {
        switch self {
        case .constraint(let event, let slot): "constraint \(slot + 1) of event \(event + 1)"
        case .notBefore(let event): "not_before of event \(event + 1)"
        case .notAfter(let event): "not_after of event \(event + 1)"
        case .horizonStart: "the agenda's start"
        case .horizonEnd: "the agenda's end"
        }
    }
}

/// Replans each reported conflict with only the constraints its notes name.
///
/// Every event stays (fixed ones fixed). So that no flexible event is left unbounded (an input
/// error, not a conflict), the agenda's horizon is widened by two years; when a note names the
/// agenda's start or end, the real one is kept, as `not_before`/`not_after` (the same rule in the
/// contract), on the events the conflict involves: the one it names and those its constraints
/// join. An agenda horizon would also bound unrelated events, which may conflict on their own.
struct ConflictAudit {
    /// Where the agenda's real start and end are written when they stand in for `not_before`
    /// and `not_after`.
    static let horizonStartLocation = AgendaCore.SourceLocation(file: "agenda-horizon", line: 1, column: 1)
    static let horizonEndLocation = AgendaCore.SourceLocation(file: "agenda-horizon", line: 2, column: 1)

    let agenda: Agenda
    let checker: ContractChecker
    var audited = 0
    var cycles = 0

    static let conflictCodes: Set<DiagnosticCode> = [.cannotPlace, .fixedEventConflict, .gapCycle]

    init(_ agenda: Agenda) {
        self.agenda = agenda
        checker = ContractChecker(agenda)
    }

    static func hasConflict(_ plan: Plan) -> Bool {
        plan.diagnostics.contains { $0.severity == .error && conflictCodes.contains($0.code) }
    }

    /// The agenda with only these constraints and bounds.
    func restricted(to kept: Set<ChainItem>, involving involved: Set<Int>) -> Agenda {
        var copy = agenda
        copy.start = agenda.start.map { $0.adding(days: -730) }
        copy.end = agenda.end.map { $0.adding(days: 730) }
        for index in copy.events.indices {
            copy.events[index].constraints = agenda.events[index].constraints.enumerated()
                .filter { kept.contains(.constraint(event: index, slot: $0.offset)) }.map(\.element)
            if !kept.contains(.notBefore(index)) { copy.events[index].notBefore = nil }
            if !kept.contains(.notAfter(index)) { copy.events[index].notAfter = nil }
            guard involved.contains(index), !agenda.events[index].isFixed else { continue }
            let clock = checker.clocks[index]
            if kept.contains(.horizonStart), let start = agenda.start {
                let current = copy.events[index].notBefore
                if current == nil || clock.instant(current!.value) < clock.zone.midnight(start) {
                    copy.events[index].notBefore = Located(.date(start), at: Self.horizonStartLocation)
                }
            }
            if kept.contains(.horizonEnd), let end = agenda.end {
                let current = copy.events[index].notAfter
                if current == nil || clock.endLimit(current!.value) > clock.endLimit(.date(end)) {
                    copy.events[index].notAfter = Located(.date(end), at: Self.horizonEndLocation)
                }
            }
        }
        return copy
    }

    func describe(_ item: ChainItem) -> String {
        switch item {
        case .constraint(let event, let slot):
            let constraint = agenda.events[event].constraints[slot]
            return "'\(agenda.events[event].id)' \(constraint.relation.rawValue) \(constraint.event)"
                + (constraint.gap.isZero ? "" : " gap \(constraint.gap)") + (constraint.max.map { " max \($0)" } ?? "")
        case .notBefore(let event): return "'\(agenda.events[event].id)' not_before \(agenda.events[event].notBefore!.value)"
        case .notAfter(let event): return "'\(agenda.events[event].id)' not_after \(agenda.events[event].notAfter!.value)"
        case .horizonStart: return "agenda start \(agenda.start.map(\.description) ?? "-")"
        case .horizonEnd: return "agenda end \(agenda.end.map(\.description) ?? "-")"
        }
    }

    /// The events a chain touches, and the one the diagnostic names first.
    func involved(_ chain: Set<ChainItem>, _ diagnostic: Diagnostic) -> Set<Int> {
        var result = Set<Int>()
        for item in chain {
            switch item {
            case .constraint(let event, let slot):
                result.insert(event)
                if let other = checker.indexByID[agenda.events[event].constraints[slot].event] { result.insert(other) }
            case .notBefore(let event), .notAfter(let event): result.insert(event)
            case .horizonStart, .horizonEnd: break
            }
        }
        let parts = diagnostic.message.split(separator: "'", omittingEmptySubsequences: false)
        if parts.count > 2, let named = checker.indexByID[String(parts[1])] { result.insert(named) }
        return result
    }

    mutating func findings(of plan: Plan) -> [Violation] {
        // Where each written element is.
        var items: [AgendaCore.SourceLocation: ChainItem] = [:]
        var harmless = Set<AgendaCore.SourceLocation>()
        for (index, event) in agenda.events.enumerated() {
            for (slot, constraint) in event.constraints.enumerated() { items[constraint.location] = .constraint(event: index, slot: slot) }
            if let notBefore = event.notBefore { items[notBefore.location] = .notBefore(index) }
            if let notAfter = event.notAfter { items[notAfter.location] = .notAfter(index) }
            // Fixed events stay in every replan; a note at one names it, not a constraint.
            harmless.insert(event.location)
            harmless.insert(event.idLocation)
            if let start = event.start { harmless.insert(start.location) }
        }
        var found: [Violation] = []
        for diagnostic in plan.diagnostics where diagnostic.severity == .error && Self.conflictCodes.contains(diagnostic.code) {
            audited += 1
            var chain = Set<ChainItem>()
            var written = diagnostic.notes.map { ($0.location, $0.message) }
            if diagnostic.location != agenda.location { written.append((diagnostic.location, diagnostic.message)) }
            for (location, message) in written {
                guard let location else { continue }
                if location == agenda.location {
                    if message.hasPrefix("the agenda starts") {
                        chain.insert(.horizonStart)
                    } else if message.hasPrefix("the agenda ends") {
                        chain.insert(.horizonEnd)
                    } else {
                        found.append(Violation(kind: "unknown-note", message: "a note at the agenda's start and end says neither: \(message)"))
                    }
                } else if let item = items[location] {
                    chain.insert(item)
                } else if !harmless.contains(location) {
                    found.append(
                        Violation(kind: "unknown-note", message: "a note of \(diagnostic.code.rawValue) points at \(location), which holds no constraint"))
                }
            }
            let text = diagnostic.text
            // A cycle is a conflict like the others: the constraints it names contradict each
            // other at any time, so they must conflict alone, and each one must be needed.
            if diagnostic.code == .gapCycle { cycles += 1 }
            if chain.isEmpty {
                found.append(Violation(kind: "empty-chain", message: "no constraint is named by:\n\(text)"))
                continue
            }
            let involved = involved(chain, diagnostic)
            let ordered = chain.sorted { $0.description < $1.description }
            let real = Scheduler().plan(restricted(to: chain, involving: involved))
            if !Self.hasConflict(real) {
                found.append(
                    Violation(
                        kind: "not-real",
                        message: "with only the chain's constraints [\(ordered.map(describe).joined(separator: "; "))] the agenda plans without a conflict; the conflict was:\n\(text)"))
                continue
            }
            for item in ordered {
                let fewer = Scheduler().plan(restricted(to: chain.subtracting([item]), involving: involved))
                if fewer.diagnostics.hasErrors {
                    let errors = fewer.diagnostics.filter { $0.severity == .error }
                    let still = errors.map(\.text).joined(separator: "\n")
                    // Told apart: a smaller conflict of written constraints, or one where the
                    // agenda's start or end (which bound every flexible event) takes the place
                    // of the dropped link.
                    let viaHorizon = errors.contains { error in
                        error.notes.contains { $0.location?.file == Self.horizonStartLocation.file }
                            || error.location?.file == Self.horizonStartLocation.file
                    }
                    found.append(
                        Violation(
                            kind: viaHorizon ? "not-minimal-via-horizon" : "not-minimal",
                            message: "without \(describe(item)) the rest of the chain [\(ordered.filter { $0 != item }.map(describe).joined(separator: "; "))] still fails:\n\(still)\nthe conflict was:\n\(text)"))
                }
            }
        }
        return found
    }

    static func hasCycle(_ edges: [(from: Int, to: Int)]) -> Bool {
        var successors: [Int: [Int]] = [:]
        for edge in edges { successors[edge.from, default: []].append(edge.to) }
        var state: [Int: Int] = [:]  // 1 on the path, 2 done
        func visit(_ node: Int) -> Bool {
            if state[node] == 1 { return true }
            if state[node] == 2 { return false }
            state[node] = 1
            for next in successors[node] ?? [] where visit(next) { return true }
            state[node] = 2
            return false
        }
        return successors.keys.sorted().contains { visit($0) }
    }
}

// MARK: - The properties

@Suite("Scheduler properties (seeded random agendas)")
struct SchedulerPropertyTests {
    static let planSeeds: ClosedRange<UInt64> = 1...2000
    static let conflictSeeds: ClosedRange<UInt64> = 100_001...101_500
    static let determinismSeeds: ClosedRange<UInt64> = 200_001...200_300

    /// Records the first failures of a property, the first one shrunk to a small agenda.
    struct Failures {
        var count = 0
        var recorded = 0
        /// Failing agendas by kind of violation, and the first seeds of each.
        var kinds: [String: (count: Int, seeds: [UInt64])] = [:]

        var summary: String {
            kinds.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value.count) (seeds \($0.value.seeds.map(String.init).joined(separator: ", ")))" }
                .joined(separator: "; ")
        }

        mutating func record(
            seed: UInt64, agenda: Agenda, violations: [Violation], sourceLocation: Testing.SourceLocation = #_sourceLocation,
            shrink: (Agenda, String) -> Bool
        ) {
            count += 1
            for kind in Set(violations.map(\.kind)) {
                kinds[kind, default: (0, [])].count += 1
                if kinds[kind]!.seeds.count < 5 { kinds[kind]!.seeds.append(seed) }
            }
            guard recorded < 3 else { return }
            recorded += 1
            var message = "seed \(seed): \(violations.count) violation(s):\n"
            message += violations.prefix(6).map { "  \($0)" }.joined(separator: "\n")
            if recorded == 1, let kind = violations.first?.kind {
                let small = PropertyAgenda.shrink(agenda) { shrink($0, kind) }
                message += "\nsmallest agenda found that still breaks [\(kind)] (replay with `agenda plan`):\n"
                message += PropertyAgenda.yaml(small)
            }
            Issue.record(Comment(rawValue: message), sourceLocation: sourceLocation)
        }
    }

    @Test("the reference arithmetic follows the contract's own examples")
    func referenceArithmeticFollowsTheContract() {
        let vienna = ReferenceZone.all["Europe/Vienna"]!
        let agenda = Agenda(
            id: "reference", calendars: ["work": WorkCalendar(name: "work")],
            location: AgendaCore.SourceLocation(file: "reference", line: 1, column: 1))
        let clock = ReferenceClock(zone: vienna, calendar: ReferenceCalendar(name: "work", agenda: agenda))
        // After an event ending on Friday, 2 working days put the next start on Wednesday.
        let friday = LocalDate(year: 2016, month: 3, day: 11)!
        let saturdayMidnight = vienna.midnight(friday.adding(days: 1))
        #expect(clock.adding(AgendaCore.Duration(2, .workingDays), to: saturdayMidnight) == vienna.midnight(friday.adding(days: 5)))
        let fridayEvening = vienna.instant(LocalDateTime(date: friday, secondOfDay: 17 * 3600))
        #expect(clock.adding(AgendaCore.Duration(2, .workingDays), to: fridayEvening) == vienna.midnight(friday.adding(days: 5)))
        // One day after 09:00 is 09:00, across the change to summer time (2016-03-27).
        let saturday = LocalDate(year: 2016, month: 3, day: 26)!
        let nine = vienna.instant(LocalDateTime(date: saturday, secondOfDay: 9 * 3600))
        #expect(clock.adding(AgendaCore.Duration(1, .days), to: nine) - nine == 23 * 3600)
        #expect(vienna.local(clock.adding(AgendaCore.Duration(1, .days), to: nine)).secondOfDay == 9 * 3600)
        // A local time in the gap moves forward by the gap; an ambiguous one takes the first.
        let sunday = LocalDate(year: 2016, month: 3, day: 27)!
        #expect(vienna.local(vienna.instant(LocalDateTime(date: sunday, secondOfDay: 2 * 3600 + 1800))).secondOfDay == 3 * 3600 + 1800)
        let autumn = LocalDate(year: 2016, month: 10, day: 30)!
        let ambiguous = vienna.instant(LocalDateTime(date: autumn, secondOfDay: 2 * 3600 + 1800))
        #expect(vienna.offset(at: ambiguous) == 7200)
        // A month from 31 January is the last day of February.
        #expect(ReferenceClock.months(LocalDate(year: 2016, month: 1, day: 31)!, plus: 1) == LocalDate(year: 2016, month: 2, day: 29))
        #expect(ReferenceClock.months(LocalDate(year: 2015, month: 12, day: 31)!, plus: 2) == LocalDate(year: 2016, month: 2, day: 29))
        // The reference zones agree with the scheduler's zone rules (both read the same database).
        for name in PropertyAgenda.zoneNames {
            let rules = PropertyAgenda.zoneRules[name]!
            let zone = ReferenceZone.all[name]!
            var disagreements: [Int64] = []
            for hour in stride(from: Int64(16_436 * 24), to: Int64(17_532 * 24), by: 1) {  // 2015 to 2017
                let t = hour * 3600
                if rules.offset(at: Instant(secondsSinceEpoch: t)) != zone.offset(at: t) { disagreements.append(t) }
            }
            #expect(disagreements.isEmpty, "\(name) disagrees at \(disagreements.prefix(5).map { zone.describe($0) })")
        }
    }

    @Test("every plan without errors satisfies every constraint, bound and placement rule of the contract")
    func everyProducedPlanSatisfiesEveryConstraint() {
        var feasible = 0
        var flexiblePlaced = 0
        var failures = Failures()
        for seed in Self.planSeeds {
            let agenda = PropertyAgenda.make(seed: seed)
            let plan = Scheduler().plan(agenda)
            guard !plan.diagnostics.hasErrors else { continue }
            feasible += 1
            flexiblePlaced += agenda.events.count { !$0.isFixed }
            let violations = ContractChecker(agenda).violations(of: plan)
            guard !violations.isEmpty else { continue }
            failures.record(seed: seed, agenda: agenda, violations: violations) { candidate, kind in
                let replan = Scheduler().plan(candidate)
                return !replan.diagnostics.hasErrors && ContractChecker(candidate).violations(of: replan).contains { $0.kind == kind }
            }
        }
        #expect(failures.count == 0, "\(failures.count) of \(feasible) feasible agendas broke the contract: \(failures.summary)")
        // The property is not vacuous: the generator gives many plans to check.
        #expect(feasible >= Self.planSeeds.count / 4, "only \(feasible) of \(Self.planSeeds.count) agendas planned")
        #expect(flexiblePlaced >= feasible * 2)
    }

    @Test("the contract checker flags plans that break a constraint (it is not vacuous)")
    func contractCheckerFlagsBrokenPlans() {
        var checked: [String: Int] = [:]
        for seed in UInt64(300_001)...300_150 {
            let agenda = PropertyAgenda.make(seed: seed)
            let plan = Scheduler().plan(agenda)
            guard !plan.diagnostics.hasErrors, plan.items.count >= 2 else { continue }
            let items = plan.items.sorted { $0.eventIndex < $1.eventIndex }
            #expect(ContractChecker(agenda).violations(of: items).isEmpty, "seed \(seed)")
            func expectFlagged(_ kind: String, _ changed: Agenda, _ planned: [PlannedEvent] = items) {
                checked[kind, default: 0] += 1
                let found = ContractChecker(changed).violations(of: planned)
                #expect(found.contains { $0.kind == kind }, "seed \(seed): no [\(kind)] in \(found)")
            }
            let (a, b) = (items[0], items[1])
            let idA = agenda.events[a.eventIndex].id
            let idB = agenda.events[b.eventIndex].id
            let here = AgendaCore.SourceLocation(file: "mutation", line: 1, column: 1)
            func with(_ constraint: Constraint, on index: Int) -> Agenda {
                var copy = agenda
                copy.events[index].constraints.append(constraint)
                return copy
            }
            // Constraints the plan cannot meet, added after planning.
            if a.start < b.end { expectFlagged("after-gap", with(Constraint(.after, idB, at: here), on: a.eventIndex)) }
            if b.start < a.end { expectFlagged("after-gap", with(Constraint(.after, idA, at: here), on: b.eventIndex)) }
            if a.end > b.start { expectFlagged("before-gap", with(Constraint(.before, idB, at: here), on: a.eventIndex)) }
            if a.start < b.start || a.end > b.end { expectFlagged("during", with(Constraint(.during, idB, at: here), on: a.eventIndex)) }
            if b.start > a.end {
                expectFlagged("after-max", with(Constraint(.after, idA, max: .init(0, .minutes), at: here), on: b.eventIndex))
            }
            if b.start > a.end {
                expectFlagged("before-max", with(Constraint(.before, idB, max: .init(0, .minutes), at: here), on: a.eventIndex))
            }
            var late = agenda
            late.events[a.eventIndex].notBefore = Located(
                .exact(LocalDateTime(secondsSinceEpoch: a.start.secondsSinceEpoch + 60), offsetSeconds: 0), at: here)
            expectFlagged("not_before", late)
            var early = agenda
            early.events[a.eventIndex].notAfter = Located(
                .exact(LocalDateTime(secondsSinceEpoch: a.end.secondsSinceEpoch - 60), offsetSeconds: 0), at: here)
            expectFlagged("not_after", early)
            // Items moved by hand.
            for (slot, item) in items.enumerated() where !item.fixed {
                var moved = items
                moved[slot].end.secondsSinceEpoch += 3600
                expectFlagged("duration", agenda, moved)
                if item.allDay {
                    moved[slot].start.secondsSinceEpoch += 3600
                    expectFlagged("midnight", agenda, moved)
                }
                var shifted = items
                shifted[slot].start.secondsSinceEpoch -= 400 * 86_400
                shifted[slot].end.secondsSinceEpoch -= 400 * 86_400
                expectFlagged("agenda-start", agenda, shifted)
            }
            // Onto a weekend day, or before working hours, of a working calendar.
            let clocks = ContractChecker(agenda).clocks
            for (slot, item) in items.enumerated() where !item.fixed && !clocks[item.eventIndex].calendar.everyDayWorks {
                let zone = clocks[item.eventIndex].zone
                let wall = zone.local(item.start.secondsSinceEpoch)
                let toSaturday = ((5 - ((wall.date.daysSinceEpoch + 3) % 7)) + 7) % 7
                let saturday = LocalDateTime(date: wall.date.adding(days: toSaturday), secondOfDay: wall.secondOfDay)
                var weekend = items
                let shift = zone.instant(saturday) - item.start.secondsSinceEpoch
                weekend[slot].start.secondsSinceEpoch += shift
                weekend[slot].end.secondsSinceEpoch += shift
                expectFlagged("working-day", agenda, weekend)
                if !item.allDay {
                    var night = items
                    let three = zone.instant(LocalDateTime(date: wall.date, secondOfDay: 3 * 3600)) - item.start.secondsSinceEpoch
                    night[slot].start.secondsSinceEpoch += three
                    night[slot].end.secondsSinceEpoch += three
                    expectFlagged("working-hours", agenda, night)
                }
            }
            for (slot, item) in items.enumerated() where item.fixed {
                var moved = items
                moved[slot].start.secondsSinceEpoch += 60
                expectFlagged("fixed-moved", agenda, moved)
            }
        }
        for kind in ["after-gap", "before-gap", "during", "after-max", "before-max", "not_before", "not_after", "duration", "midnight", "agenda-start", "fixed-moved", "working-day", "working-hours"] {
            #expect(checked[kind, default: 0] >= 3, "the mutation [\(kind)] was tried only \(checked[kind, default: 0]) times")
        }
    }

    @Test("every reported conflict is real (its chain alone conflicts) and minimal (each link is needed)")
    func reportedConflictsAreRealAndMinimal() {
        var infeasible = 0
        var audited = 0
        var cycles = 0
        var failures = Failures()
        for seed in Self.conflictSeeds {
            let agenda = PropertyAgenda.make(seed: seed)
            let plan = Scheduler().plan(agenda)
            guard ConflictAudit.hasConflict(plan) else { continue }
            infeasible += 1
            var audit = ConflictAudit(agenda)
            let findings = audit.findings(of: plan)
            audited += audit.audited
            cycles += audit.cycles
            guard !findings.isEmpty else { continue }
            failures.record(seed: seed, agenda: agenda, violations: findings) { candidate, kind in
                let replan = Scheduler().plan(candidate)
                guard ConflictAudit.hasConflict(replan) else { return false }
                var again = ConflictAudit(candidate)
                return again.findings(of: replan).contains { $0.kind == kind }
            }
        }
        #expect(failures.count == 0, "\(failures.count) of \(infeasible) infeasible agendas reported a conflict that is not real or not minimal: \(failures.summary)")
        #expect(infeasible >= Self.conflictSeeds.count / 5, "only \(infeasible) of \(Self.conflictSeeds.count) agendas conflicted")
        #expect(audited >= infeasible)
        #expect(cycles > 0, "no cycle was generated")
    }

    @Test("planning the same agenda twice gives the same items and diagnostics")
    func planningIsDeterministic() {
        for seed in Self.determinismSeeds {
            let agenda = PropertyAgenda.make(seed: seed)
            let first = Scheduler().plan(agenda)
            let second = Scheduler().plan(agenda)
            let rebuilt = Scheduler().plan(PropertyAgenda.make(seed: seed))
            #expect(first.items == second.items, "seed \(seed): items differ between two runs")
            #expect(first.items == rebuilt.items, "seed \(seed): items differ for the same agenda built again")
            #expect(first.diagnostics == second.diagnostics, "seed \(seed): diagnostics differ between two runs")
            #expect(first.diagnostics == rebuilt.diagnostics, "seed \(seed): diagnostics differ for the same agenda built again")
        }
    }
}

// MARK: - The smallest reproductions

/// The smallest agendas the properties above found failing, written out by hand and checked
/// by the same audit; each names what the contract expects instead. (They fail while the
/// scheduler has the bug they show.)
@Suite("Scheduler conflicts: smallest reproductions found by the property tests")
struct SchedulerPropertyReproductionTests {
    typealias Gap = AgendaCore.Duration

    static func at(_ line: Int, _ column: Int = 5) -> AgendaCore.SourceLocation {
        AgendaCore.SourceLocation(file: "reproduction.yaml", line: line, column: column)
    }

    static func day(_ year: Int, _ month: Int, _ day: Int) -> LocalDate { LocalDate(year: year, month: month, day: day)! }

    static func event(_ id: String, line: Int, duration: Gap? = nil) -> AgendaCore.Event {
        var event = AgendaCore.Event(id: id, title: id.capitalized, location: at(line, 5), idLocation: at(line, 9))
        if let duration { event.duration = Located(duration, at: at(line + 2, 15)) }
        return event
    }

    static func agenda(
        _ zone: String, calendar: String = "none", from start: LocalDate, to end: LocalDate, _ events: [AgendaCore.Event]
    ) -> Agenda {
        Agenda(
            id: "reproduction", timeZone: TimeZoneRules(named: zone)!, calendar: calendar, start: start, end: end,
            calendars: ["work": WorkCalendar(name: "work", weekends: [.sat, .sun])], events: events, location: at(1, 1))
    }

    static func audit(_ agenda: Agenda) -> (Plan, [Violation]) {
        let plan = Scheduler().plan(agenda)
        var audit = ConflictAudit(agenda)
        return (plan, audit.findings(of: plan))
    }

    /// ```yaml
    /// agenda: { id: reproduction, timezone: UTC, calendar: none, start: 2016-03-01, end: 2016-04-30 }
    /// events:
    ///   - { id: talk, title: Talk, duration: 2 days, during: session }
    ///   - { id: session, title: Session, duration: 1 day }
    /// ```
    @Test("an event too long for the one it must lie within is a conflict, not a cycle of minimum gaps")
    func tooLongForItsContainerIsNotACycle() {
        var talk = Self.event("talk", line: 3, duration: Gap(2, .days))
        talk.constraints = [Constraint(.during, "session", at: Self.at(6, 13))]
        let session = Self.event("session", line: 7, duration: Gap(1, .days))
        let (plan, findings) = Self.audit(Self.agenda("UTC", from: Self.day(2016, 3, 1), to: Self.day(2016, 4, 30), [talk, session]))
        #expect(!plan.diagnostics.contains { $0.code == .gapCycle }, "\(plan.diagnostics.map(\.text))")
        #expect(plan.diagnostics.contains { $0.code == .cannotPlace })
        #expect(findings.isEmpty, "\(findings)")
    }

    /// ```yaml
    /// agenda: { id: reproduction, timezone: Europe/Vienna, calendar: work, start: 2016-03-01, end: 2016-04-30 }
    /// calendars: { work: { weekends: [sat, sun] } }
    /// events:
    ///   - { id: call, title: Call, duration: 1 hour }
    ///   - { id: report, title: Report, duration: 1 day, after: { event: call, gap: 1 hour, max: 2 hours } }
    /// ```
    @Test("an all-day event that cannot start within a `max` of a timed one is a conflict, not a cycle")
    func unreachableMaximumIsNotACycle() {
        let call = Self.event("call", line: 3, duration: Gap(1, .hours))
        var report = Self.event("report", line: 7, duration: Gap(1, .days))
        report.constraints = [Constraint(.after, "call", gap: Gap(1, .hours), max: Gap(2, .hours), at: Self.at(10, 21))]
        let (plan, findings) = Self.audit(
            Self.agenda("Europe/Vienna", calendar: "work", from: Self.day(2016, 3, 1), to: Self.day(2016, 4, 30), [call, report]))
        #expect(!plan.diagnostics.contains { $0.code == .gapCycle }, "\(plan.diagnostics.map(\.text))")
        #expect(plan.diagnostics.contains { $0.code == .cannotPlace })
        #expect(findings.isEmpty, "\(findings)")
    }

    /// ```yaml
    /// agenda: { id: reproduction, timezone: Europe/Vienna, calendar: work, start: 2016-12-01, end: 2017-02-14 }
    /// calendars: { work: { weekends: [sat, sun] } }
    /// events:
    ///   - { id: host, title: Host, calendar: none, duration: 1 day, not_before: 2016-12-31 }
    ///   - { id: inner, title: Inner, duration: 1 hour, during: host }
    ///   - { id: fixed, title: Fixed, start: 2016-12-20, end: 2016-12-20, after: inner }
    /// ```
    /// 'fixed' is reported against `after: inner` and `during: host` only, which conflict with
    /// nothing on their own: the `not_before` that pushes 'host' (a Saturday, so 'inner' waits
    /// for Monday) is left out.
    @Test("a conflict names every bound it needs: its chain alone still conflicts")
    func conflictNamesTheBoundBehindIt() {
        var host = Self.event("host", line: 3, duration: Gap(1, .days))
        host.calendar = Located("none", at: Self.at(4, 15))
        host.notBefore = Located(.date(Self.day(2016, 12, 31)), at: Self.at(6, 17))
        var inner = Self.event("inner", line: 7, duration: Gap(1, .hours))
        inner.constraints = [Constraint(.during, "host", at: Self.at(10, 13))]
        var fixed = Self.event("fixed", line: 11)
        fixed.start = Located(.date(Self.day(2016, 12, 20)), at: Self.at(13, 12))
        fixed.end = Located(.date(Self.day(2016, 12, 20)), at: Self.at(14, 10))
        fixed.constraints = [Constraint(.after, "inner", at: Self.at(15, 12))]
        let agenda = Self.agenda("Europe/Vienna", calendar: "work", from: Self.day(2016, 12, 1), to: Self.day(2017, 2, 14), [host, inner, fixed])
        let (plan, findings) = Self.audit(agenda)
        // Either side may be the one reported: the fixed event's, or the flexible one's.
        let conflict = plan.diagnostics.first { $0.code == .fixedEventConflict || $0.code == .cannotPlace }
        #expect(conflict != nil)
        #expect(conflict?.notes.contains { $0.location == Self.at(6, 17) } == true, "\(conflict?.text ?? "")")
        #expect(findings.isEmpty, "\(findings)")
    }

    /// ```yaml
    /// agenda: { id: reproduction, timezone: UTC, calendar: none, start: 2016-05-13, end: 2016-08-24 }
    /// events:
    ///   - { id: draft, title: Draft, duration: 1 day, before: { event: review, gap: 3 days } }
    ///   - { id: review, title: Review, duration: 1 day, after: { event: draft, gap: 7 hours, max: 18 hours } }
    /// ```
    /// The `after` alone already conflicts (an all-day 'review' starts at a midnight, never 7 to
    /// 18 hours after the midnight 'draft' ends), yet the conflict also names the `before`.
    @Test("a conflict names no constraint it does not need")
    func conflictChainIsMinimal() {
        var draft = Self.event("draft", line: 3, duration: Gap(1, .days))
        draft.constraints = [Constraint(.before, "review", gap: Gap(3, .days), at: Self.at(6, 22))]
        var review = Self.event("review", line: 7, duration: Gap(1, .days))
        review.constraints = [Constraint(.after, "draft", gap: Gap(7, .hours), max: Gap(18, .hours), at: Self.at(10, 21))]
        let (plan, findings) = Self.audit(Self.agenda("UTC", from: Self.day(2016, 5, 13), to: Self.day(2016, 8, 24), [draft, review]))
        #expect(ConflictAudit.hasConflict(plan))
        #expect(!plan.diagnostics.contains { $0.notes.contains { $0.location == Self.at(6, 22) } }, "\(plan.diagnostics.map(\.text))")
        #expect(findings.isEmpty, "\(findings)")
    }

    /// ```yaml
    /// agenda: { id: reproduction, timezone: America/New_York, calendar: none, start: 2016-03-10, end: 2016-05-27 }
    /// events:
    ///   - { id: prep, title: Prep, duration: 1 minute }
    ///   - { id: study, title: Study, duration: 2 weeks, after: prep, before: hearing }
    ///   - { id: hearing, title: Hearing, start: 2016-03-17T12:45, end: 2016-03-17T17:45 }
    /// ```
    /// 'study' cannot fit between the agenda's start and 'hearing' whatever 'prep' does, yet
    /// the conflict names `after: prep` (whose own bound is a day later).
    @Test("a conflict names no constraint that the agenda's start or end already covers")
    func conflictChainIsMinimalAgainstTheHorizon() {
        let prep = Self.event("prep", line: 3, duration: Gap(1, .minutes))
        var study = Self.event("study", line: 7, duration: Gap(2, .weeks))
        study.constraints = [Constraint(.after, "prep", at: Self.at(10, 12)), Constraint(.before, "hearing", at: Self.at(11, 13))]
        var hearing = Self.event("hearing", line: 12)
        hearing.start = Located(.local(LocalDateTime(date: Self.day(2016, 3, 17), secondOfDay: 12 * 3600 + 45 * 60)), at: Self.at(14, 12))
        hearing.end = Located(.local(LocalDateTime(date: Self.day(2016, 3, 17), secondOfDay: 17 * 3600 + 45 * 60)), at: Self.at(15, 10))
        let (plan, findings) = Self.audit(
            Self.agenda("America/New_York", from: Self.day(2016, 3, 10), to: Self.day(2016, 5, 27), [prep, study, hearing]))
        #expect(ConflictAudit.hasConflict(plan))
        #expect(findings.isEmpty, "\(findings)")
    }
}
