import AgendaCore
import AgendaYAML
import Testing

/// Hand-computed placements for every constraint and every unit.
@Suite("Placement")
struct PlacementTests {
    static let header = """
        agenda: { id: t, timezone: Europe/Vienna, start: 2015-01-01, end: 2016-12-31 }
        calendars:
          office: { holidays: [2015-04-03, 2015-04-06, 2016-02-15, 2016-03-25, 2016-03-28] }
        venues:
          desk:   { name: Desk, timezone: Europe/Vienna, calendar: none }
          vic:    { name: VIC, timezone: Europe/Vienna, calendar: office }
          unhq:   { name: UNHQ, timezone: America/New_York, calendar: office }
        events:

        """

    @Test func gapsInEveryUnitAfterAFridayMeeting() {
        let items = placed(
            Self.header + """
                  - { id: a, title: A, venue: desk, start: 2015-03-06T10:00, end: 2015-03-06T12:00 }
                  - { id: m, title: M, venue: desk, duration: 1 hour, after: { event: a, gap: 30 minutes } }
                  - { id: h, title: H, venue: desk, duration: 1 hour, after: { event: a, gap: 2 hours } }
                  - { id: d, title: D, venue: desk, duration: 1 hour, after: { event: a, gap: 1 day } }
                  - { id: w, title: W, venue: desk, duration: 1 hour, after: { event: a, gap: 2 weeks } }
                  - { id: mo, title: Mo, venue: desk, duration: 1 hour, after: { event: a, gap: 1 month } }
                  - { id: wd, title: Wd, venue: vic, duration: 1 hour, after: { event: a, gap: 2 working days } }
                """)
        #expect(localStart(items["m"]) == "2015-03-06T12:30")
        #expect(localStart(items["h"]) == "2015-03-06T14:00")
        #expect(localStart(items["d"]) == "2015-03-07T12:00")  // calendar none: a Saturday is fine
        #expect(localStart(items["w"]) == "2015-03-20T12:00")
        #expect(localStart(items["mo"]) == "2015-04-06T12:00")
        // Two whole working days (Monday, Tuesday) lie between; then working hours begin.
        #expect(localStart(items["wd"]) == "2015-03-11T09:00")
        #expect(localEnd(items["wd"]) == "2015-03-11T10:00")
    }

    @Test func aNinetyDayGapAcrossADaylightSavingChangeKeepsTheWallClock() {
        let items = placed(
            Self.header + """
                  - { id: a, title: A, venue: desk, start: 2015-03-06T10:00, end: 2015-03-06T12:00 }
                  - { id: later, title: Later, venue: desk, duration: 1 hour, after: { event: a, gap: 90 days } }
                """)
        #expect(localStart(items["later"]) == "2015-06-04T12:00")
        let elapsed = (items["later"]?.start.secondsSinceEpoch ?? 0) - (items["a"]?.end.secondsSinceEpoch ?? 0)
        #expect(elapsed == Int64(90 * 86_400 - 3600))
    }

    @Test func asLateAsPossibleBeforeAnEventSkipsWeekendsAndHolidays() {
        let items = placed(
            Self.header + """
                  - { id: ungass, title: UNGASS, venue: unhq, start: 2016-04-19, end: 2016-04-21 }
                  - { id: x, title: X, venue: unhq, duration: 1 day, before: { event: ungass, gap: 60 days }, schedule: alap }
                  - { id: y, title: Y, venue: unhq, duration: 1 day, before: { event: ungass, gap: 63 days }, schedule: alap }
                """)
        #expect(localStart(items["x"]) == "2016-02-18T00:00")
        // The latest end is 16 February; 15 February is a holiday and 13-14 a weekend.
        #expect(localStart(items["y"]) == "2016-02-12T00:00")
        #expect(items["x"]?.allDay == true)
    }

    @Test func duringPlacesInsideTheSessionAtEitherEnd() {
        let items = placed(
            Self.header + """
                  - { id: cnd59, title: CND 59, venue: vic, start: 2016-03-14, end: 2016-03-22 }
                  - { id: early, title: Early, kind: milestone, venue: vic, during: cnd59 }
                  - { id: late, title: Late, kind: milestone, venue: vic, during: cnd59, schedule: alap }
                """)
        #expect(localStart(items["early"]) == "2016-03-14T00:00")
        #expect(localStart(items["late"]) == "2016-03-22T00:00")
        #expect(items["early"]?.slackSeconds == Int64(8 * 86_400))
    }

    @Test func aMaximumLagPullsAnEarlyEventForward() {
        let items = placed(
            Self.header + """
                  - { id: ungass, title: UNGASS, venue: desk, start: 2016-04-19, end: 2016-04-21, after: { event: outcome, gap: 3 weeks, max: 8 weeks } }
                  - { id: outcome, title: Outcome, kind: milestone, venue: desk, not_before: 2016-01-01 }
                """)
        // Its end (the midnight after its day) must be at most 8 weeks before 19 April.
        #expect(localStart(items["outcome"]) == "2016-02-22T00:00")
        // Five weeks of slack, one hour short in elapsed time: Vienna moved its clocks on 27 March.
        #expect(items["outcome"]?.slackSeconds == Int64(5 * 7 * 86_400 - 3600))
    }

    @Test func workingDayDurationsAndNotBeforeAndNotAfter() {
        let items = placed(
            Self.header + """
                  - { id: friday, title: F, venue: vic, start: 2015-03-27, end: 2015-03-27 }
                  - { id: draft, title: Draft, venue: vic, duration: 3 working days, after: friday }
                  - { id: memo, title: Memo, venue: vic, duration: 2 days, not_before: 2015-04-02 }
                  - { id: note, title: Note, venue: vic, duration: 1 day, not_after: 2015-04-07, schedule: alap }
                """)
        // Monday 30 March to Wednesday 1 April; ends at the midnight after it.
        #expect(localStart(items["draft"]) == "2015-03-30T00:00")
        #expect(localEnd(items["draft"]) == "2015-04-02T00:00")
        // Good Friday 3 April is a holiday: 2 April is a working day, so it starts there.
        #expect(localStart(items["memo"]) == "2015-04-02T00:00")
        // Tuesday 7 April is a working day (Easter Monday, the 6th, is not).
        #expect(localStart(items["note"]) == "2015-04-07T00:00")
    }

    @Test func aTimedEventThatNoLongerFitsTodayMovesToTheNextWorkingMorning() {
        let items = placed(
            Self.header + """
                  - { id: a, title: A, venue: vic, start: 2015-03-06T16:00, end: 2015-03-06T17:30 }
                  - { id: b, title: B, venue: vic, duration: 1 hour, after: a }
                  - { id: c, title: C, venue: vic, duration: 30 minutes, after: a }
                """)
        #expect(localStart(items["b"]) == "2015-03-09T09:00")
        #expect(localStart(items["c"]) == "2015-03-06T17:30")
    }

    @Test func afterAViennaSessionANewYorkEventStartsAtItsEndInNewYorkTime() {
        let items = placed(
            Self.header + """
                  - { id: cnd59, title: CND 59, venue: vic, start: 2016-03-14, end: 2016-03-22 }
                  - { id: call, title: Call, venue: unhq, duration: 2 hours, after: cnd59 }
                  - { id: day, title: Day, venue: unhq, duration: 1 day, after: cnd59 }
                """)
        // Vienna's midnight after 22 March is 19:00 on the 22nd in New York (5 hours apart then).
        #expect(wallTime(items["cnd59"]?.end, in: "America/New_York") == "2016-03-22T19:00")
        #expect(localStart(items["call"]) == "2016-03-23T09:00")
        #expect(localStart(items["day"]) == "2016-03-23T00:00")
    }

    @Test func slackAndTheCriticalMark() {
        let items = placed(
            Self.header + """
                  - { id: a, title: A, venue: desk, start: 2016-01-04, end: 2016-01-04 }
                  - { id: c, title: C, venue: desk, start: 2016-01-08, end: 2016-01-08 }
                  - { id: tight, title: Tight, venue: desk, duration: 3 days, after: a, before: c }
                  - { id: loose, title: Loose, venue: desk, duration: 1 day, after: a, before: c }
                """)
        #expect(items["tight"]?.slackSeconds == 0)
        #expect(items["tight"]?.critical == true)
        #expect(items["loose"]?.slackSeconds == Int64(2 * 86_400))
        #expect(items["loose"]?.critical == false)
        #expect(items["a"]?.critical == false)
        #expect(items["a"]?.slackSeconds == 0)
    }

    @Test func placementFollowsTheConstraintsOrderNotTheFileOrder() {
        let items = placed(
            Self.header + """
                  - { id: third, title: Third, venue: desk, duration: 1 day, after: second }
                  - { id: second, title: Second, venue: desk, duration: 1 day, after: first }
                  - { id: first, title: First, venue: desk, duration: 1 day, not_before: 2016-05-02 }
                """)
        #expect(localStart(items["first"]) == "2016-05-02T00:00")
        #expect(localStart(items["second"]) == "2016-05-03T00:00")
        #expect(localStart(items["third"]) == "2016-05-04T00:00")
    }

    /// 30 and 31 May are both a month before 30 June (a month from 31 May is the last day of
    /// June), so a paper due "a month before" a session on 30 June may end with 30 May.
    @Test func aMonthBeforeTheLastDayOfAShortMonthReachesBackToTheEndOfTheLongerOne() {
        let items = placed(
            Self.header + """
                  - { id: session, title: Session, venue: desk, start: 2015-06-30, end: 2015-06-30 }
                  - { id: paper, title: Paper, venue: desk, duration: 1 day, before: { event: session, gap: 1 month }, schedule: alap }
                  - { id: note, title: Note, venue: desk, duration: 1 day, not_before: 2015-05-30, before: { event: session, gap: 1 month } }
                  - { id: memo, title: Memo, venue: desk, duration: 1 day, schedule: alap }
                  - { id: review, title: Review, venue: desk, start: 2015-06-30, end: 2015-06-30, after: { event: memo, gap: 1 month } }
                """)
        #expect(localStart(items["paper"]) == "2015-05-30T00:00")
        #expect(localEnd(items["paper"]) == "2015-05-31T00:00")
        #expect(localStart(items["note"]) == "2015-05-30T00:00")
        #expect(localStart(items["memo"]) == "2015-05-30T00:00")
    }

    /// The other way round, for a `max`: the hearing at 10:00 on 30 June starts at most a month
    /// after the draft ends. A draft whose last day is 30 May ends at midnight on 31 May, and a
    /// month from then is 30 June at midnight, too early: its last day is 31 May at the earliest.
    @Test func aMonthlyMaximumAtAMonthEndNeedsTheNextMonth() {
        let items = placed(
            Self.header + """
                  - { id: draft, title: Draft, venue: desk, duration: 1 day, not_before: 2015-05-01 }
                  - { id: hearing, title: Hearing, venue: desk, start: 2015-06-30T10:00, end: 2015-06-30T12:00, after: { event: draft, max: 1 month } }
                """)
        #expect(localStart(items["draft"]) == "2015-05-31T00:00")
    }

    @Test func aHundredThousandLongChainPlansWithoutOverflowingTheStack() throws {
        let zone = try #require(TimeZoneRules(named: "UTC"))
        let here = AgendaCore.SourceLocation(file: "chain", line: 1, column: 1)
        var events: [Event] = []
        var first = Event(id: "e0", title: "Start", location: here)
        first.start = Located(.local(LocalDateTime(date: LocalDate(year: 2016, month: 1, day: 1)!, secondOfDay: 0)), at: here)
        first.duration = Located(Duration(1, .hours), at: here)
        events.append(first)
        for index in 1..<100_000 {
            var event = Event(id: "e\(index)", title: "Step", location: here)
            event.duration = Located(Duration(1, .hours), at: here)
            event.constraints = [Constraint(.after, "e\(index - 1)", at: here)]
            events.append(event)
        }
        let agenda = Agenda(id: "chain", timeZone: zone, events: events, location: here)
        let plan = Scheduler().plan(agenda)
        #expect(plan.diagnostics.isEmpty)
        let last = try #require(plan.items.last)
        #expect(last.id == "e99999")
        #expect(last.start.secondsSinceEpoch - plan.items[0].start.secondsSinceEpoch == 99_999 * 3600)
    }
}
