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
}
