import AgendaCore
import AgendaYAML
import Testing

/// Every conflict kind, with its exact message and the chain of notes behind it.
@Suite("Conflicts")
struct ConflictTests {
    static let header = """
        agenda: { id: c, timezone: Europe/Vienna, start: 2015-01-01, end: 2016-12-31 }
        calendars:
          un-new-york: { holidays: [2016-01-01, 2016-01-18, 2016-02-15] }
          office: { hours: "09:00-18:00" }
        venues:
          vic:  { name: VIC, timezone: Europe/Vienna }
          unhq: { name: UNHQ, timezone: America/New_York, calendar: un-new-york }
          room: { name: Room, timezone: Europe/Vienna, calendar: office }
        events:

        """

    func diagnostics(_ events: String) -> [Diagnostic] {
        plan(Self.header + events)?.diagnostics ?? []
    }

    @Test func aFlexibleEventSqueezedBetweenTwoFixedOnesNamesBothSidesAndTheShortfall() {
        let found = diagnostics(
            """
              - { id: cnd59, title: CND 59, venue: vic, start: 2016-03-14, end: 2016-03-22 }
              - { id: ungass, title: UNGASS, venue: unhq, start: 2016-04-19, end: 2016-04-21 }
              - id: ny-hearing
                title: Hearing
                venue: unhq
                duration: 1 day
                before: { event: ungass, gap: 90 days }
                after: cnd59
            """)
        #expect(found.count == 1)
        let text = found.map(\.text).joined(separator: "\n")
        #expect(
            text == """
                plan.yaml:16:22: error: 'ny-hearing' cannot be placed: it must end at least 90 days before 'ungass' starts (by 2016-01-20) but must start after 'cnd59' ends (2016-03-23); short by 64 days [AG201]
                plan.yaml:16:22: note: 'ny-hearing' must end at least 90 days before 'ungass' starts
                plan.yaml:11:54: note: 'ungass' is fixed: 2016-04-19 to 2016-04-21
                plan.yaml:17:12: note: 'ny-hearing' must start after 'cnd59' ends
                plan.yaml:10:52: note: 'cnd59' is fixed: 2016-03-14 to 2016-03-22
                """)
    }

    @Test func aFixedEventThatBreaksAConstraintIsCheckedNotMoved() {
        let found = diagnostics(
            """
              - { id: outcome, title: Outcome, kind: milestone, venue: unhq, on: 2016-04-05 }
              - { id: ungass, title: UNGASS, venue: unhq, start: 2016-04-19, end: 2016-04-21, after: { event: outcome, gap: 3 weeks } }
            """)
        #expect(found.map(\.code) == [.fixedEventConflict])
        #expect(
            found.first?.message
                == "'ungass' is fixed to start on 2016-04-19 but it must start at least 3 weeks after 'outcome' ends (2016-04-27); short by 8 days")
        #expect(found.first?.location?.line == 11)
        #expect(
            found.first?.notes.map(\.message) == [
                "'ungass' is fixed: 2016-04-19 to 2016-04-21", "'ungass' must start at least 3 weeks after 'outcome' ends",
                "'outcome' is fixed: 2016-04-05 to 2016-04-05",
            ])
    }

    @Test func aCycleOfMinimumGapsIsReportedWholeAndPlanningExitsWithConflicts() {
        let found = diagnostics(
            """
              - { id: a, title: A, venue: vic, duration: 1 day, after: { event: c, gap: 1 day } }
              - { id: b, title: B, venue: vic, duration: 1 day, after: { event: a, gap: 1 day } }
              - { id: c, title: C, venue: vic, duration: 1 day, after: { event: b, gap: 1 day } }
            """)
        #expect(found.map(\.code) == [.gapCycle])
        let message = found.first?.message ?? ""
        #expect(message.hasPrefix("these constraints contradict each other at any time: "))
        for part in [
            "'a' must start at least 1 day after 'c' ends", "'b' must start at least 1 day after 'a' ends",
            "'c' must start at least 1 day after 'b' ends",
        ] {
            #expect(message.contains(part), "\(message)")
        }
        #expect(found.first?.notes.count == 3)
        #expect(found.allSatisfy { !$0.code.isInputError })
    }

    @Test func independentConflictsAreAllReportedInOneRun() {
        let found = diagnostics(
            """
              - { id: s, title: S, venue: vic, start: 2016-03-14, end: 2016-03-22 }
              - { id: x, title: X, venue: vic, duration: 2 weeks, during: s }
              - { id: t, title: T, venue: vic, start: 2016-05-02, end: 2016-05-03 }
              - { id: y, title: Y, venue: vic, duration: 1 week, during: t }
              - { id: ok, title: OK, venue: vic, duration: 1 day, after: s }
            """)
        #expect(found.map(\.code) == [.cannotPlace, .cannotPlace])
        #expect(found.map { $0.location?.line } == [11, 13])
    }

    @Test func aChainIsReportedMinimalNotWithEveryConstraintTouched() {
        // 'late' is held back by both 'a' (4 weeks) and 'b' (1 week): only the binding one
        // belongs to the conflict with the deadline.
        let found = diagnostics(
            """
              - { id: a, title: A, venue: vic, start: 2016-03-01, end: 2016-03-01 }
              - { id: b, title: B, venue: vic, start: 2016-03-20, end: 2016-03-20 }
              - { id: late, title: Late, venue: vic, duration: 1 day, after: [{ event: a, gap: 4 weeks }, { event: b, gap: 1 week }], not_after: 2016-03-25 }
            """)
        #expect(found.map(\.code) == [.cannotPlace])
        let notes = found.first?.notes.map(\.message) ?? []
        #expect(notes.contains("'late' must start at least 4 weeks after 'a' ends"))
        #expect(!notes.contains { $0.contains("after 'b'") })
        #expect(found.first?.message.contains("(by 2016-03-26)") == true)
    }

    @Test func aFlexibleEventWithNothingToBoundItIsAnInputError() throws {
        let loaded = AgendaLoader().load(
            bytes: Array(
                """
                agenda: { id: u }
                events:
                  - { id: drift, title: Drift, duration: 1 day }
                  - { id: tail, title: Tail, duration: 1 day, schedule: alap, not_before: 2016-01-01 }
                """.utf8), path: "u.yaml")
        let agenda = try #require(loaded.agenda)
        let found = Scheduler().plan(agenda).diagnostics
        #expect(found.map(\.code) == [.unboundedEvent, .unboundedEvent])
        #expect(found.allSatisfy { $0.code.isInputError })
        #expect(found.first?.message == "'drift' is scheduled as soon as possible but nothing gives it an earliest start")
    }

    @Test func aTimedEventLongerThanTheWorkingDay() {
        let found = diagnostics(
            """
              - { id: marathon, title: Marathon, venue: room, duration: 10 hours, not_before: 2016-01-04 }
            """)
        #expect(found.map(\.code) == [.longerThanWorkingHours])
        #expect(found.first?.message == "'marathon' lasts 10 hours but calendar 'office' works 09:00-18:00 a day")
    }

    @Test func aCycleOfGapsWrittenWithBeforeIsFoundEvenWithoutAnEarliestStart() throws {
        let loaded = AgendaLoader().load(
            bytes: Array(
                """
                agenda: { id: b, end: 2016-12-31 }
                events:
                  - { id: a, title: A, duration: 1 day, schedule: alap, before: { event: b, gap: 1 day } }
                  - { id: b, title: B, duration: 1 day, schedule: alap, before: { event: a, gap: 1 day } }
                """.utf8), path: "b.yaml")
        let agenda = try #require(loaded.agenda)
        let found = Scheduler().plan(agenda).diagnostics
        #expect(found.map(\.code) == [.gapCycle])
        #expect(found.first?.notes.count == 2)
        #expect(found.first?.message.contains("'a' must end at least 1 day before 'b' starts") == true)
    }

    @Test func anUnboundedEventIsReportedBesideAConflict() {
        let found = diagnostics(
            """
              - { id: s, title: S, venue: vic, start: 2016-03-14, end: 2016-03-22 }
              - { id: x, title: X, venue: vic, duration: 2 weeks, during: s }
            """)
        #expect(found.map(\.code) == [.cannotPlace])
        let loaded = AgendaLoader().load(
            bytes: Array(
                """
                agenda: { id: u }
                events:
                  - { id: s, title: S, start: 2016-03-14, end: 2016-03-22 }
                  - { id: x, title: X, duration: 2 weeks, during: s }
                  - { id: drift, title: Drift, duration: 1 day }
                """.utf8), path: "u.yaml")
        let codes = loaded.agenda.map { Scheduler().plan($0).diagnostics.map(\.code) } ?? []
        #expect(codes == [.cannotPlace, .unboundedEvent])
    }

    @Test func aSeriesWithEveryOccurrenceExceptedIsAnError() {
        let found = diagnostics(
            """
              - { id: call, title: Call, venue: vic, start: 2016-03-14T10:00, duration: 1 hour, repeat: { every: 1 week, count: 1, except: [2016-03-14] } }
            """)
        #expect(found.map(\.code) == [.invalidRepeat])
        #expect(found.first?.code.isInputError == true)
    }

    @Test func planningStopsAfterTheConflictLimitAndSaysSo() throws {
        var events = "  - { id: s, title: S, venue: vic, start: 2016-03-14, end: 2016-03-22 }\n"
        for index in 1...5 {
            events += "  - { id: x\(index), title: X, venue: vic, duration: 2 weeks, during: s }\n"
        }
        let loaded = AgendaLoader().load(bytes: Array((Self.header + events).utf8), path: "plan.yaml")
        let agenda = try #require(loaded.agenda)
        let found = Scheduler(maxConflicts: 3).plan(agenda).diagnostics
        #expect(found.filter { $0.severity == .error }.count == 3)
        #expect(found.contains { $0.severity == .note && $0.message.hasPrefix("planning stopped after 3 conflicts") })
        #expect(Scheduler().plan(agenda).diagnostics.count == 5)
    }
}
