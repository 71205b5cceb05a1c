import AgendaCore
import AgendaYAML
import Testing

/// A plan holds the days 0001-01-01 to 9999-12-30 (exports write each end as the moment
/// after it, with a four-digit year). Durations, gaps and repeats that reach beyond are
/// input errors at what takes them there; arithmetic near the edges, and long gaps added
/// up, end quickly and never overflow.
@Suite("Date range")
struct DateRangeTests {
    struct Outcome {
        var diagnostics: [Diagnostic]
        var source: MarkedExample

        func location(_ marker: Int) -> AgendaCore.SourceLocation {
            let (line, column) = source.markers[marker]!
            return AgendaCore.SourceLocation(file: "range.yaml", line: line, column: column)
        }
    }

    func planned(_ marked: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> Outcome {
        let source = MarkedExample(marked)
        let loaded = AgendaLoader().load(bytes: Array(source.text.utf8), path: "range.yaml")
        guard let agenda = loaded.agenda else {
            Issue.record("invalid agenda: \(loaded.diagnostics.map(\.text))", sourceLocation: sourceLocation)
            return Outcome(diagnostics: [], source: source)
        }
        let plan = Scheduler().plan(agenda)
        if plan.diagnostics.hasErrors { #expect(plan.items.isEmpty, sourceLocation: sourceLocation) }
        return Outcome(diagnostics: plan.diagnostics, source: source)
    }

    @Test func aFixedEventThatEndsPastTheLastDayIsReportedAtItsDuration() {
        let outcome = planned(
            """
            agenda: { id: r, timezone: UTC }
            events:
              - { id: a, title: A, start: 2016-01-04, duration: 1️⃣119988 months }
              - { id: b, title: B, start: 2️⃣9999-12-31T22:00, end: 9999-12-31T23:00 }
              - { id: c, title: C, start: 9999-12-30, end: 9999-12-30 }
            """)
        #expect(outcome.diagnostics.map(\.code) == [.outOfRange, .outOfRange])
        #expect(outcome.diagnostics.map(\.location) == [outcome.location(1), outcome.location(2)])
        #expect(
            outcome.diagnostics.map(\.message) == [
                "'a' ends on 12015-01-03, after 9999-12-30, the last day a plan can hold",
                "'b' starts on 9999-12-31, after 9999-12-30, the last day a plan can hold",
            ])
        #expect(outcome.diagnostics.map(\.hint) == ["shorten it", "write an earlier start"])
    }

    @Test func aSeriesThatRepeatsPastTheLastDayIsReportedAtItsCount() {
        let outcome = planned(
            """
            agenda: { id: r, timezone: Europe/Vienna }
            events:
              - { id: a, title: A, start: 2016-01-04T10:00, duration: 1h, repeat: { every: 119988 months, count: 1️⃣3 } }
            """)
        #expect(outcome.diagnostics.map(\.code) == [.outOfRange])
        #expect(outcome.diagnostics.first?.location == outcome.location(1))
        #expect(
            outcome.diagnostics.first?.message
                == "'a' repeats past 9999-12-30, the last day a plan can hold: its occurrence of 12015-01-04 ends after it")
    }

    @Test func aWrittenTimeBeforeTheFirstDayInTheEventsZoneIsReported() {
        let outcome = planned(
            """
            agenda: { id: r, timezone: UTC }
            events:
              - { id: a, title: A, start: 1️⃣0001-01-01T02:00+05:00, duration: 1h }
            """)
        #expect(outcome.diagnostics.map(\.code) == [.outOfRange])
        #expect(outcome.diagnostics.first?.location == outcome.location(1))
        #expect(outcome.diagnostics.first?.message == "'a' starts on 0000-12-31, before 0001-01-01, the first day a plan can hold")
    }

    @Test func aFlexibleEventPushedPastTheEdgeIsNotPlacedThere() {
        let past = planned(
            """
            agenda: { id: r, timezone: Europe/Vienna }
            events:
              - { id: a, title: A, start: 9999-12-20, end: 9999-12-21 }
              - { id: 1️⃣b, title: B, duration: 1 day, after: { event: 2️⃣a, gap: 2 weeks } }
            """)
        #expect(past.diagnostics.map(\.code) == [.outOfRange])
        #expect(past.diagnostics.first?.location == past.location(1))
        #expect(
            past.diagnostics.first?.message
                == "'b' cannot be placed: its constraints push it past 9999-12-30, the last day a plan can hold")
        #expect(past.diagnostics.first?.notes.map(\.location) == [past.location(2)])
        #expect(past.diagnostics.first?.notes.map(\.message) == ["its earliest start comes from here"])

        let before = planned(
            """
            agenda: { id: r, timezone: Europe/Vienna, end: 2016-12-31 }
            events:
              - { id: a, title: A, start: 0001-01-02, end: 0001-01-02 }
              - { id: 1️⃣b, title: B, duration: 1 day, before: { event: 2️⃣a, gap: 3 days }, schedule: alap }
            """)
        #expect(before.diagnostics.map(\.code) == [.outOfRange])
        #expect(before.diagnostics.first?.location == before.location(1))
        #expect(
            before.diagnostics.first?.message
                == "'b' cannot be placed: its constraints push it before 0001-01-01, the first day a plan can hold")
        #expect(before.diagnostics.first?.notes.map(\.location) == [before.location(2)])
    }

    /// Each of these gaps alone spans every day there is; added up along a chain and around
    /// a loop they would pass any 64-bit count of seconds.
    @Test func longGapsAddedUpStopAtTheEdgeWithoutOverflowing() {
        var chain = "agenda: { id: r, timezone: UTC }\nevents:\n  - { id: e0, title: E, start: 2016-01-04, end: 2016-01-04 }\n"
        for index in 1...200 {
            chain += "  - { id: e\(index), title: E, duration: 3652059 days, after: { event: e\(index - 1), gap: 3652059 days } }\n"
        }
        let started = ContinuousClock.now
        let outcome = planned(chain)
        #expect(outcome.diagnostics.count == 200)
        #expect(outcome.diagnostics.allSatisfy { $0.code == .outOfRange })
        let loop = planned(
            """
            agenda: { id: r, timezone: UTC, start: 2016-01-01 }
            events:
              - { id: a, title: A, duration: 119988 months, after: { event: b, gap: 119988 months } }
              - { id: b, title: B, duration: 119988 months, after: { event: a, gap: 119988 months } }
            """)
        #expect(loop.diagnostics.hasErrors)
        #expect(ContinuousClock.now - started < .seconds(20))
    }

    /// Minimum gaps round a cycle push bounds past 9999 long before the cycle shows: they
    /// are still reported as a cycle, not as events out of range.
    @Test func aCycleOfGapsThatRunsPastTheLastDayIsStillACycle() {
        var text = "agenda: { id: r, timezone: UTC, start: 2016-01-01 }\nevents:\n"
        for index in 0..<30 {
            text += "  - { id: e\(index), title: E, duration: 1 day, after: { event: e\((index + 29) % 30), gap: 3000 days } }\n"
        }
        let outcome = planned(text)
        #expect(outcome.diagnostics.map(\.code) == [.gapCycle])
    }

    /// A flexible event of working days in a calendar with one working day a week finds its
    /// place at once, not by stepping back a day at a time.
    @Test func aLongSpanOfScarceWorkingDaysIsPlacedDirectly() throws {
        let started = ContinuousClock.now
        let items = placed(
            """
            agenda: { id: r, timezone: UTC, calendar: sundays, end: 2015-12-31 }
            calendars: { sundays: { weekends: [mon, tue, wed, thu, fri, sat] } }
            events:
              - { id: a, title: A, duration: 30000 working days, schedule: alap }
            """)
        #expect(ContinuousClock.now - started < .seconds(5))
        let item = try #require(items["a"])
        // The last Sunday by the end of 2015 is 27 December; 29,999 Sundays come before it.
        #expect(localEnd(item) == "2015-12-28T00:00")
        let first = try TimeParsers.date("2015-12-27").get().adding(days: -7 * 29_999)
        #expect(localStart(item) == "\(first)T00:00")
    }
}
