import AgendaCore
import AgendaYAML
import Testing

@Suite("Recurrence")
struct RecurrenceTests {
    static let header = """
        agenda: { id: r, timezone: Europe/Vienna }
        events:

        """

    func occurrences(_ event: String) -> [PlannedEvent] {
        plan(Self.header + event)?.items ?? []
    }

    @Test func untilIsInclusiveAndExceptRemovesDates() {
        let items = occurrences(
            "  - { id: call, title: Call, start: 2015-05-06T15:00, duration: 1 hour, repeat: { every: 2 weeks, until: 2015-06-17, except: [2015-05-20] } }\n")
        #expect(items.map(\.id) == ["call-2015-05-06", "call-2015-06-03", "call-2015-06-17"])
        #expect(items.allSatisfy { $0.occurrenceOf == "call" && $0.fixed })
        #expect(items.map { localStart($0) } == ["2015-05-06T15:00", "2015-06-03T15:00", "2015-06-17T15:00"])
    }

    @Test func countCountsOccurrencesBeforeExceptRemovesAny() {
        let items = occurrences(
            "  - { id: call, title: Call, start: 2015-05-06T15:00, duration: 1 hour, repeat: { every: 1 week, count: 3, except: [2015-05-13] } }\n")
        #expect(items.map(\.id) == ["call-2015-05-06", "call-2015-05-20"])
    }

    @Test func monthlyFromThe31stSkipsMonthsWithoutOne() {
        let items = occurrences(
            "  - { id: report, title: Report, start: 2016-01-31, end: 2016-01-31, repeat: { every: 1 month, count: 4 } }\n")
        #expect(items.map(\.id) == ["report-2016-01-31", "report-2016-03-31", "report-2016-05-31", "report-2016-07-31"])
        #expect(items.allSatisfy { $0.allDay })
        #expect(items.map { localEnd($0) } == ["2016-02-01T00:00", "2016-04-01T00:00", "2016-06-01T00:00", "2016-08-01T00:00"])
    }

    /// A timed occurrence lasts as long as the first, in elapsed time, even when the clocks
    /// change during it or its start falls in the gap (as DTEND does in RFC 5545).
    @Test func timedOccurrencesKeepTheirElapsedLengthAcrossAClockChange() {
        let spring = occurrences(
            "  - { id: s, title: S, start: 2016-03-26T02:30, duration: 30 minutes, repeat: { every: 1 day, count: 3 } }\n")
        #expect(spring.map { localStart($0) } == ["2016-03-26T02:30", "2016-03-27T03:30", "2016-03-28T02:30"])
        #expect(spring.map { $0.end.secondsSinceEpoch - $0.start.secondsSinceEpoch } == [1800, 1800, 1800])
        let autumn = occurrences(
            "  - { id: a, title: A, start: 2015-10-18T02:00, duration: 2 hours, repeat: { every: 1 week, count: 2 } }\n")
        #expect(autumn.map { localEnd($0) } == ["2015-10-18T04:00", "2015-10-25T03:00"])
        #expect(autumn.map { $0.end.secondsSinceEpoch - $0.start.secondsSinceEpoch } == [7200, 7200])
    }

    @Test func weeklyOccurrencesKeepTheirWallClockAcrossDaylightSaving() {
        let items = occurrences(
            "  - { id: w, title: W, start: 2015-03-23T10:00, end: 2015-03-23T11:30, repeat: { every: 1 week, count: 2 } }\n")
        #expect(items.map { localStart($0) } == ["2015-03-23T10:00", "2015-03-30T10:00"])
        #expect(items.map { localEnd($0) } == ["2015-03-23T11:30", "2015-03-30T11:30"])
        #expect(items[1].start.secondsSinceEpoch - items[0].start.secondsSinceEpoch == Int64(7 * 86_400 - 3600))
    }

    @Test func hourlyStepsAreElapsedTimeAndNameTheirTime() {
        let items = occurrences(
            "  - { id: h, title: H, start: 2015-03-29T00:00, duration: 30 minutes, repeat: { every: 6 hours, count: 3 } }\n")
        // The clocks jump from 02:00 to 03:00 that night: six hours after midnight is 07:00.
        #expect(items.map(\.id) == ["h-2015-03-29-0000", "h-2015-03-29-0700", "h-2015-03-29-1300"])
    }

    @Test func aConstraintOnARepeatingEventMeansItsWholeSeries() {
        let items = Dictionary(
            uniqueKeysWithValues: occurrences(
                """
                  - { id: call, title: Call, start: 2015-05-04T15:00, duration: 1 hour, repeat: { every: 1 week, count: 3 } }
                  - { id: wrap, title: Wrap-up, duration: 1 day, after: call }

                """
            ).map { ($0.id, $0) })
        #expect(localStart(items["wrap"]) == "2015-05-19T00:00")
    }

    @Test func hourlySeriesCompareUntilWithTheRealLocalDateAndKeepIdsUnique() {
        let spring = occurrences(
            "  - { id: w, title: W, start: 2016-03-26T21:30, duration: 30 minutes, repeat: { every: 3 hours, until: 2016-03-27 } }\n")
        // 21:30, 00:30, then 04:30 (the clocks jump at 02:00): nothing on the 28th.
        #expect(spring.map { localStart($0) }.last?.hasPrefix("2016-03-27") == true)
        let autumn = occurrences(
            "  - { id: h, title: H, start: 2016-10-30T01:30, duration: 30 minutes, repeat: { every: 1 hour, count: 3 } }\n")
        // 01:30, 02:30 summer time, 02:30 winter time.
        #expect(autumn.map(\.id) == ["h-2016-10-30-0130", "h-2016-10-30-0230", "h-2016-10-30-0230-2"])
    }

    /// The loader counts a rule's occurrences without expanding it, to hold it to its limit:
    /// the count is what the expansion makes, in every unit, across clock changes and over
    /// months without the start's day.
    @Test(arguments: ["UTC", "Europe/Vienna", "America/New_York", "Australia/Lord_Howe"])
    func countingAgreesWithExpanding(_ zoneName: String) throws {
        let zone = try #require(TimeZoneRules(named: zoneName))
        let starts = ["2016-01-31T00:00", "2016-02-29T09:30", "2015-10-25T02:30", "2016-03-27T01:59", "2016-03-13T02:30"]
        let steps = [
            Duration(7, .minutes), Duration(1, .hours), Duration(5, .hours), Duration(1, .days), Duration(3, .days),
            Duration(2, .weeks), Duration(1, .months), Duration(12, .months), Duration(5, .months),
        ]
        for start in starts {
            guard case .success(.local(let local)) = TimeParsers.timeSpec(start) else {
                Issue.record("'\(start)' does not read")
                continue
            }
            for step in steps {
                for days in [0, 1, 40, 400, 1500] {
                    let rule = RepeatRule(every: step, end: .until(local.date.adding(days: days)), at: SourceLocation(file: "r", line: 1, column: 1))
                    let first = zone.instant(for: local)
                    let expanded = Recurrence.occurrences(
                        of: rule, start: zone.localTime(at: first), firstEnd: first, allDay: false, zone: zone, limit: 1_000_000)
                    #expect(
                        Recurrence.count(of: rule, start: zone.localTime(at: first), zone: zone) == expanded.count,
                        "\(start) every \(step) for \(days) days in \(zoneName)")
                }
            }
        }
    }

    /// An agenda built in code is held to the scheduler's limit too: a rule over it is an
    /// error at its `until`, never a series cut short.
    @Test func aSeriesOverTheSchedulersLimitIsAnErrorNotCutShort() throws {
        let agenda = try #require(
            AgendaLoader().load(
                bytes: Array(
                    (Self.header + "  - { id: c, title: C, start: 2016-01-04T10:00, duration: 1h, repeat: { every: 1 day, until: 2016-01-13 } }\n").utf8),
                path: "r.yaml"
            ).agenda)
        let plan = Scheduler(maxOccurrences: 9).plan(agenda)
        #expect(plan.items.isEmpty)
        #expect(plan.diagnostics.map(\.code) == [.limitExceeded])
        #expect(plan.diagnostics.first?.location == SourceLocation(file: "r.yaml", line: 3, column: 94))
        #expect(
            plan.diagnostics.first?.message == "this 'repeat' makes 10 occurrences, more than the limit of 9 occurrences of one 'repeat'")
        #expect(Scheduler(maxOccurrences: 10).plan(agenda).items.count == 10)
    }
}
