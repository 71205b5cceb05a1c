import AgendaCore
import Testing

/// Working-day arithmetic counts with running totals of working days: it must agree with
/// counting day by day, and take no longer for a long count than for a short one.
@Suite("Working days")
struct WorkingDayTests {
    static let utc = TimeZoneRules.utc

    static func date(_ text: String) -> LocalDate { try! TimeParsers.date(text).get() }

    /// The calendars counted: plain weekends, one working day a week, holidays that run for
    /// months and every third day, and holidays at both ends of the dates a plan holds.
    static let calendars: [WorkCalendar] = {
        var longBreak: [LocalDate: String] = [:]
        for offset in 0..<150 { longBreak[date("2016-06-01").adding(days: offset)] = "break" }
        for offset in stride(from: 0, to: 400, by: 3) { longBreak[date("2017-01-02").adding(days: offset)] = "every third day" }
        return [
            WorkCalendar(name: "plain"),
            WorkCalendar(name: "sundays", weekends: [.mon, .tue, .wed, .thu, .fri, .sat]),
            WorkCalendar(name: "breaks", holidays: longBreak),
            WorkCalendar(name: "ends", holidays: [date("0001-01-03"): "first", date("9999-12-29"): "last"]),
        ]
    }()

    /// The `number`th working day from `date`, one day at a time.
    static func counted(_ clock: EventClock, _ number: Int, from date: LocalDate, step: Int) -> LocalDate {
        var day = date
        var remaining = number
        while true {
            if clock.calendar.isWorkingDay(day) {
                remaining -= 1
                if remaining == 0 { return day }
            }
            day = day.adding(days: step)
        }
    }

    @Test(arguments: calendars)
    func countingWithRunningTotalsAgreesWithCountingDays(_ calendar: WorkCalendar) {
        let clock = EventClock(zone: Self.utc, calendar: calendar)
        let starts = ["2015-12-30", "2016-05-20", "2016-06-01", "2016-10-27", "2017-06-15", "0001-01-01", "9999-12-20"].map(Self.date)
        for start in starts {
            for number in [1, 2, 5, 6, 7, 63, 64, 65, 130, 400, 1000] {
                for step in [1, -1] {
                    #expect(
                        clock.workingDay(number: number, from: start, step: step) == Self.counted(clock, number, from: start, step: step),
                        "\(calendar.name): \(number) from \(start), step \(step)")
                }
            }
        }
    }

    @Test(arguments: calendars)
    func countingBetweenTwoDaysAgreesWithCountingEachDay(_ calendar: WorkCalendar) {
        let clock = EventClock(zone: Self.utc, calendar: calendar)
        let days = ["2012-02-29", "2015-11-02", "2016-05-20", "2016-06-01", "2016-10-27", "2017-06-15", "2018-03-01"].map(Self.date)
        for first in days {
            for end in days {
                var expected = 0
                var day = first
                while day < end {
                    if calendar.isWorkingDay(day) { expected += 1 }
                    day = day.adding(days: 1)
                }
                #expect(clock.workingDays(from: first, to: end) == expected, "\(calendar.name): \(first) to \(end)")
            }
        }
    }

    /// A gap of three million working days, one a week, with holidays nine thousand years
    /// apart, is as quick as one of three.
    @Test func aLongCountIsQuick() {
        let holidays = [Self.date("0001-01-03"): "first", Self.date("9999-12-29"): "last"]
        let clock = EventClock(zone: Self.utc, calendar: WorkCalendar(name: "mondays", weekends: [.tue, .wed, .thu, .fri, .sat, .sun], holidays: holidays))
        let started = ContinuousClock.now
        for number in [3, 3_000_000] {
            let end = clock.adding(Duration(number, .workingDays), to: clock.midnight(Self.date("0001-01-01")))
            #expect(clock.latest(before: end, gap: Duration(number, .workingDays)) == clock.midnight(Self.date("0001-01-01")))
        }
        #expect(ContinuousClock.now - started < .seconds(2))
    }
}
