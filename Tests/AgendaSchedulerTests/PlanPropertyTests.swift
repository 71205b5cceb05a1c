import AgendaCore
import AgendaGenerator
import AgendaYAML
import Testing

// Plans of agendas of 50 to 400 events, read from YAML as a user writes it, checked against
// the contract by the reference checker of ContractChecker.swift (it shares no code with the
// scheduler): the benchmark's generated agendas, and random agenda files built around a
// schedule that keeps them (RandomAgendaFile.swift). A failure names the seed and the size;
// `RandomAgendaFile(seed:events:wild:).yaml` or `agenda-bench --seed S --size N --write F`
// writes the file to replay with `agenda plan`.
//
// The checker re-derives every rule a plan must keep (gaps and max in each unit, windows,
// working days and hours, `during`, fixed events, each occurrence of a `repeat`). It does not
// check that an asap event is at the earliest place its window allows, or an alap one at the
// latest: that would take a second scheduler. The weaker, certain property is checked
// instead: an agenda that has a valid schedule gets a plan.

@Suite("Plan properties (generated and random agenda files of 50 to 400 events)")
struct PlanPropertyTests {
    // Seeds are few and agendas of this size are slow to read in a debug build: together
    // they run in a few seconds. Raise the ranges to search further.
    static let generatorSeeds: [UInt64] = Array(1...10)
    static let witnessSeeds: [UInt64] = Array(1_001...1_020)
    static let wildSeeds: [UInt64] = Array(2_001...2_012)

    /// 50 to 400 events, spread over the seeds.
    static func size(_ seed: UInt64) -> Int { 50 + Int(seed &* 7_919 % 351) }

    static func load(_ yaml: String, _ path: String) -> (agenda: Agenda?, errors: [String]) {
        let loaded = AgendaLoader().load(bytes: Array(yaml.utf8), path: path)
        return (loaded.agenda, loaded.diagnostics.filter { $0.severity == .error }.map(\.text))
    }

    static func describe(_ violations: [Violation]) -> String {
        "\(violations.count) violation(s):\n" + violations.prefix(5).map { "  \($0)" }.joined(separator: "\n")
    }

    @Test("every generated agenda plans, and its plan keeps every constraint, window, repeat and placement rule")
    func generatedAgendasPlanWithinTheContract() {
        var repeated = 0
        var expanded = 0
        var maxima = 0
        for seed in Self.generatorSeeds {
            let size = Self.size(seed)
            let (agenda, errors) = Self.load(AgendaGenerator(events: size, seed: seed).yaml(), "generated-\(seed).yaml")
            guard let agenda, errors.isEmpty else {
                Issue.record("seed \(seed), \(size) events: the generated file does not load: \(errors.prefix(3))")
                continue
            }
            let plan = Scheduler().plan(agenda)
            guard !plan.diagnostics.hasErrors else {
                Issue.record("seed \(seed), \(size) events: no plan: \(plan.diagnostics.prefix(3).map(\.text))")
                continue
            }
            let violations = ContractChecker(agenda).violations(of: plan)
            #expect(violations.isEmpty, "seed \(seed), \(size) events: \(Self.describe(violations))")
            repeated += plan.items.count { $0.occurrenceOf != nil }
            expanded += agenda.events.count { $0.expandedFrom != nil }
            maxima += agenda.events.reduce(0) { $0 + $1.constraints.count { $0.max != nil } }
        }
        // The generator's forms are all there to check.
        #expect(repeated > 0 && expanded > 0 && maxima > 0, "repeats \(repeated), for_each \(expanded), max \(maxima)")
    }

    /// What every run of the random files must have exercised, each at least a few times.
    static let requiredFeatures: [String] = {
        var features = [
            "for_each", "for_each-paired", "for_each-named", "during", "event-calendar", "tight-gap", "tight-max",
            "repeat-until", "repeat-except", "fixed:date-end", "fixed:time-end", "fixed:instant-duration",
            "fixed:point-date", "fixed:point-time", "flexible:point",
        ]
        for unit in [Gap.Unit.minutes, .hours, .days, .weeks, .months] { features.append("repeat:\(unit)") }
        for unit in Gap.Unit.allCases {
            features += ["after-gap:\(unit)", "before-gap:\(unit)", "after-max:\(unit)", "before-max:\(unit)", "flexible:\(unit)"]
        }
        for unit in [Gap.Unit.days, .weeks, .months, .workingDays] { features.append("fixed:date-duration:\(unit)") }
        for unit in [Gap.Unit.minutes, .days, .weeks, .months] { features.append("fixed:time-duration:\(unit)") }
        for form in ["date", "local", "instant"] { features += ["not_before:\(form)", "not_after:\(form)"] }
        return features
    }()
    typealias Gap = AgendaCore.Duration

    @Test("every random agenda built around a valid schedule plans, and its plan keeps the contract")
    func witnessedAgendasPlanWithinTheContract() {
        var features: [String: Int] = [:]
        for seed in Self.witnessSeeds {
            let file = RandomAgendaFile(seed: seed, events: Self.size(seed))
            features.merge(file.features, uniquingKeysWith: +)
            let (agenda, errors) = Self.load(file.yaml, "random-\(seed).yaml")
            guard let agenda, errors.isEmpty else {
                Issue.record("seed \(seed), \(file.eventCount) events: the file does not load: \(errors.prefix(3))")
                continue
            }
            let plan = Scheduler().plan(agenda)
            // A schedule that keeps every constraint exists (the witness): a conflict is a bug.
            guard !plan.diagnostics.hasErrors else {
                Issue.record("seed \(seed), \(file.eventCount) events: feasible, yet no plan: \(plan.diagnostics.prefix(2).map(\.text))")
                continue
            }
            let violations = ContractChecker(agenda).violations(of: plan)
            #expect(violations.isEmpty, "seed \(seed), \(file.eventCount) events: \(Self.describe(violations))")
        }
        let missing = Self.requiredFeatures.filter { features[$0, default: 0] < 3 }
        #expect(missing.isEmpty, "forms exercised fewer than 3 times: \(missing)")
    }

    @Test("a random agenda with constraints that may contradict plans within the contract or reports a conflict")
    func wildAgendasPlanOrReportAConflict() {
        var planned = 0
        var conflicted = 0
        let conflictCodes: Set<DiagnosticCode> = [.cannotPlace, .fixedEventConflict, .gapCycle, .longerThanWorkingHours]
        for seed in Self.wildSeeds {
            let file = RandomAgendaFile(seed: seed, events: Self.size(seed) / 2, wild: 1 + Int(seed % 2))
            let (agenda, errors) = Self.load(file.yaml, "random-\(seed).yaml")
            guard let agenda, errors.isEmpty else {
                Issue.record("seed \(seed), \(file.eventCount) events: the file does not load: \(errors.prefix(3))")
                continue
            }
            let plan = Scheduler().plan(agenda)
            let errorCodes = plan.diagnostics.filter { $0.severity == .error }.map(\.code)
            if errorCodes.isEmpty {
                planned += 1
                let violations = ContractChecker(agenda).violations(of: plan)
                #expect(violations.isEmpty, "seed \(seed), \(file.eventCount) events: \(Self.describe(violations))")
            } else {
                conflicted += 1
                #expect(errorCodes.allSatisfy(conflictCodes.contains), "seed \(seed): \(plan.diagnostics.prefix(3).map(\.text))")
            }
        }
        // Both outcomes are exercised.
        #expect(planned >= 3 && conflicted >= 3, "\(planned) planned, \(conflicted) conflicted")
    }

    @Test("the reference expansion of `repeat` follows the contract's examples")
    func referenceRecurrenceFollowsTheContract() {
        let utc = ReferenceClock(zone: ReferenceZone.named("UTC"), calendar: ReferenceCalendar(nil, name: "none"))
        let here = SourceLocation(file: "reference", line: 1, column: 1)
        func day(_ text: String) -> LocalDate {
            let parts = text.split(separator: "-").map { Int($0)! }
            return LocalDate(year: parts[0], month: parts[1], day: parts[2])!
        }
        func dates(_ rule: RepeatRule, from first: String, clock: ReferenceClock = utc) -> [String] {
            let start = clock.zone.midnight(day(first))
            return clock.occurrences(of: rule, first: (start, start + 3600), allDay: false).map { "\($0.local.date)" }
        }
        // `every: 1 month` from 31 January gives 31 January, 31 March, 31 May.
        #expect(dates(RepeatRule(every: Gap(1, .months), end: .count(3), at: here), from: "2016-01-31") == ["2016-01-31", "2016-03-31", "2016-05-31"])
        // `count: 3` with one of the three dates in `except` gives two occurrences.
        #expect(
            dates(RepeatRule(every: Gap(1, .weeks), end: .count(3), except: [day("2016-01-08")], at: here), from: "2016-01-01")
                == ["2016-01-01", "2016-01-15"])
        // `until` is inclusive.
        #expect(dates(RepeatRule(every: Gap(2, .days), end: .until(day("2016-01-05")), at: here), from: "2016-01-01") == ["2016-01-01", "2016-01-03", "2016-01-05"])
        // Days keep the wall time across a clock change; hours step elapsed time.
        let vienna = ReferenceClock(zone: ReferenceZone.named("Europe/Vienna"), calendar: ReferenceCalendar(nil, name: "none"))
        let nine = vienna.zone.instant(LocalDateTime(date: day("2016-03-26"), secondOfDay: 9 * 3600))
        let daily = vienna.occurrences(of: RepeatRule(every: Gap(1, .days), end: .count(2), at: here), first: (nine, nine + 3600), allDay: false)
        #expect(daily.map { vienna.zone.local($0.start).secondOfDay } == [9 * 3600, 9 * 3600])
        let hourly = vienna.occurrences(of: RepeatRule(every: Gap(24, .hours), end: .count(2), at: here), first: (nine, nine + 3600), allDay: false)
        #expect(hourly.map { vienna.zone.local($0.start).secondOfDay } == [9 * 3600, 10 * 3600])
    }

    @Test("the checker flags a repeating event whose occurrences are not the contract's (it is not vacuous)")
    func checkerFlagsWrongOccurrences() throws {
        let yaml = """
            agenda: { id: calls, timezone: Europe/Vienna }
            events:
              - id: call
                title: Call
                start: 2016-03-25T09:00
                duration: 1 hour
                repeat: { every: 1 day, count: 4, except: [2016-03-26] }
              - id: wrap-up
                title: Wrap-up
                duration: 1 hour
                after: call
            """
        let (agenda, errors) = Self.load(yaml, "calls.yaml")
        let loaded = try #require(agenda, "\(errors)")
        let plan = Scheduler().plan(loaded)
        let checker = ContractChecker(loaded)
        #expect(checker.violations(of: plan).isEmpty)
        #expect(plan.items.count { $0.occurrenceOf == "call" } == 3)
        var missing = plan.items
        missing.removeAll { $0.id == "call-2016-03-27" }
        #expect(checker.violations(of: missing).contains { $0.kind == "repeat" })
        var moved = plan.items
        let index = try #require(moved.firstIndex { $0.id == "call-2016-03-27" })
        moved[index].start.secondsSinceEpoch += 3600
        moved[index].end.secondsSinceEpoch += 3600
        #expect(checker.violations(of: moved).contains { $0.kind == "repeat" })
        var renamed = plan.items
        renamed[index].id = "call-2016-03-27-0900"
        #expect(checker.violations(of: renamed).contains { $0.kind == "repeat-ids" })
        // The series ends with its last occurrence: 'wrap-up' may not start before it.
        var early = plan.items
        let wrapUp = try #require(early.firstIndex { $0.id == "wrap-up" })
        early[wrapUp].start.secondsSinceEpoch -= 86_400
        early[wrapUp].end.secondsSinceEpoch -= 86_400
        #expect(checker.violations(of: early).contains { $0.kind == "after-gap" })
    }
}
