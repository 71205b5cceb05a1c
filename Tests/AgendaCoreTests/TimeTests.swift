import AgendaCore
import Testing

@Suite("Dates and times")
struct LocalDateTests {
    @Test func civilDatesRoundTripOverFourCenturies() {
        var expected = LocalDate(year: 1800, month: 1, day: 1)!.daysSinceEpoch
        for year in 1800...2200 {
            for month in 1...12 {
                for day in 1...LocalDate.daysIn(month: month, year: year) {
                    let date = LocalDate(year: year, month: month, day: day)!
                    #expect(date.daysSinceEpoch == expected)
                    guard date.components == (year, month, day) else {
                        Issue.record("\(year)-\(month)-\(day) came back as \(date.components)")
                        return
                    }
                    expected += 1
                }
            }
        }
    }

    @Test func impossibleDatesAreRejected() {
        #expect(LocalDate(year: 2015, month: 2, day: 29) == nil)
        #expect(LocalDate(year: 2016, month: 2, day: 29) != nil)
        #expect(LocalDate(year: 1900, month: 2, day: 29) == nil)
        #expect(LocalDate(year: 2000, month: 2, day: 29) != nil)
        #expect(LocalDate(year: 2015, month: 4, day: 31) == nil)
        #expect(LocalDate(year: 2015, month: 13, day: 1) == nil)
        #expect(LocalDate(year: 2015, month: 1, day: 0) == nil)
    }

    @Test func weekdaysOfKnownDates() {
        #expect(LocalDate(year: 1970, month: 1, day: 1)!.weekday == .thu)
        #expect(LocalDate(year: 2016, month: 4, day: 19)!.weekday == .tue)  // UNGASS opened on a Tuesday
        #expect(LocalDate(year: 2015, month: 3, day: 9)!.weekday == .mon)
        #expect(LocalDate(year: 1969, month: 12, day: 31)!.weekday == .wed)
    }

    @Test func addingMonthsClampsToTheEndOfShorterMonths() {
        let january31 = LocalDate(year: 2016, month: 1, day: 31)!
        #expect(january31.adding(months: 1) == LocalDate(year: 2016, month: 2, day: 29))
        #expect(LocalDate(year: 2015, month: 1, day: 31)!.adding(months: 1) == LocalDate(year: 2015, month: 2, day: 28))
        #expect(january31.adding(months: 3) == LocalDate(year: 2016, month: 4, day: 30))
        #expect(january31.adding(months: -2) == LocalDate(year: 2015, month: 11, day: 30))
        #expect(LocalDate(year: 2015, month: 12, day: 17)!.adding(months: 12) == LocalDate(year: 2016, month: 12, day: 17))
    }

    @Test func textForms() {
        #expect(LocalDate(year: 2016, month: 4, day: 9)!.description == "2016-04-09")
        let local = LocalDateTime(date: LocalDate(year: 2015, month: 3, day: 9)!, secondOfDay: 14 * 3600 + 45 * 60)
        #expect(local.description == "2015-03-09T14:45")
        #expect(formatOffset(7200) == "+02:00")
        #expect(formatOffset(-4 * 3600) == "-04:00")
        #expect(formatOffset(0, zulu: true) == "Z")
        #expect(formatOffset(19_800) == "+05:30")
    }
}

@Suite("Time zone rules")
struct TimeZoneRulesTests {
    let vienna = TimeZoneRules(named: "Europe/Vienna")!
    let newYork = TimeZoneRules(named: "America/New_York")!

    func instant(_ y: Int, _ m: Int, _ d: Int, _ h: Int, _ min: Int = 0, utcOffset: Int = 0) -> Instant {
        Instant(secondsSinceEpoch: LocalDateTime(date: LocalDate(year: y, month: m, day: d)!, secondOfDay: h * 3600 + min * 60).secondsSinceEpoch - Int64(utcOffset))
    }

    func local(_ y: Int, _ m: Int, _ d: Int, _ h: Int, _ min: Int = 0) -> LocalDateTime {
        LocalDateTime(date: LocalDate(year: y, month: m, day: d)!, secondOfDay: h * 3600 + min * 60)
    }

    @Test func viennaAndNewYorkAreFiveHoursApartForPartOfMarch() {
        // 2015: the US moved on 8 March, the EU on 29 March; 2016: 13 March and 27 March.
        func gap(_ y: Int, _ m: Int, _ d: Int) -> Int {
            let noon = instant(y, m, d, 12)
            return (vienna.offset(at: noon) - newYork.offset(at: noon)) / 3600
        }
        #expect(gap(2015, 3, 7) == 6)
        #expect(gap(2015, 3, 9) == 5)
        #expect(gap(2015, 3, 28) == 5)
        #expect(gap(2015, 3, 30) == 6)
        #expect(gap(2016, 3, 12) == 6)
        #expect(gap(2016, 3, 14) == 5)
        #expect(gap(2016, 3, 26) == 5)
        #expect(gap(2016, 3, 28) == 6)
        #expect(gap(2016, 4, 19) == 6)
    }

    @Test func theCivilSocietyHearingStartedAt0945InNewYork() {
        let start = vienna.instant(for: local(2015, 3, 9, 14, 45))
        #expect(newYork.localTime(at: start) == local(2015, 3, 9, 9, 45))
    }

    @Test func aSkippedLocalTimeNamesBothOffsetsAndArithmeticMovesItForward() {
        #expect(vienna.resolve(local(2015, 3, 29, 2, 30)) == .skipped(offsetBefore: 3600, offsetAfter: 7200))
        #expect(vienna.instant(for: local(2015, 3, 29, 2, 30)) == instant(2015, 3, 29, 3, 30, utcOffset: 7200))
        #expect(newYork.resolve(local(2016, 3, 13, 2, 0)) == .skipped(offsetBefore: -18_000, offsetAfter: -14_400))
    }

    @Test func anAmbiguousLocalTimeTakesTheEarlierOccurrence() {
        let first = instant(2015, 10, 25, 2, 30, utcOffset: 7200)
        let second = instant(2015, 10, 25, 2, 30, utcOffset: 3600)
        #expect(vienna.resolve(local(2015, 10, 25, 2, 30)) == .repeated(earlier: first, later: second))
        #expect(vienna.instant(for: local(2015, 10, 25, 2, 30)) == first)
    }

    @Test func ordinaryTimesResolveUniquely() {
        #expect(vienna.resolve(local(2015, 3, 29, 1, 59)) == .unique(instant(2015, 3, 29, 0, 59)))
        #expect(vienna.resolve(local(2015, 3, 29, 3, 0)) == .unique(instant(2015, 3, 29, 1, 0)))
        #expect(newYork.resolve(local(2016, 4, 19, 10)) == .unique(instant(2016, 4, 19, 14)))
    }

    @Test func zoneNamesAreIANANamesOnly() {
        #expect(TimeZoneRules(named: "UTC") != nil)
        #expect(TimeZoneRules(named: "America/Argentina/Buenos_Aires") != nil)
        #expect(TimeZoneRules(named: "GMT+2") == nil)
        #expect(TimeZoneRules(named: "europe/vienna") == nil)
        #expect(TimeZoneRules(named: "Mars/Olympus") == nil)
        #expect(TimeZoneRules.utc.offset(at: instant(2016, 1, 1, 0)) == 0)
    }

    @Test func theSystemTimeZoneDoesNotMatter() {
        // Rules come from the zone database by name, never from TZ; an offset far from any
        // DST change reads the same as the zone's standard offset.
        #expect(vienna.offset(at: instant(2016, 1, 15, 12)) == 3600)
        #expect(newYork.offset(at: instant(2016, 7, 15, 12)) == -14_400)
    }
}

@Suite("Scalar parsers")
struct TimeParserTests {
    @Test func dates() throws {
        #expect(try TimeParsers.date("2016-04-19").get() == LocalDate(year: 2016, month: 4, day: 19))
        #expect(throws: TimeParsers.Failure.self) { try TimeParsers.date("2016-4-19").get() }
        #expect(throws: TimeParsers.Failure.self) { try TimeParsers.date("19.04.2016").get() }
        #expect(throws: TimeParsers.Failure.self) { try TimeParsers.date("2016-04-19x").get() }
        let failure = TimeParsers.date("2015-02-30")
        guard case .failure(let error) = failure else {
            Issue.record("2015-02-30 was accepted")
            return
        }
        #expect(error.message == "'2015-02-30' is not a date: February 2015 has 28 days")
        // Years run from 0001 to 9999, in dates and date-times alike.
        #expect(try TimeParsers.date("0001-01-01").get() == LocalDate.earliest)
        #expect(try TimeParsers.date("9999-12-31").get() == LocalDate.latest.adding(days: 1))
        for text in ["0000-12-31", "0000-01-01T10:00"] {
            guard case .failure(let year) = TimeParsers.timeSpec(text) else {
                Issue.record("\(text) was accepted")
                continue
            }
            #expect(year.code == .invalidDate)
            #expect(year.message == "'\(text.prefix(10))' is not a date: years run from 0001 to 9999")
        }
    }

    @Test func timesOfDay() throws {
        #expect(try TimeParsers.timeOfDay("9:30").get() == 34_200)
        #expect(try TimeParsers.timeOfDay("09:30:15").get() == 34_215)
        #expect(throws: TimeParsers.Failure.self) { try TimeParsers.timeOfDay("24:00").get() }
        #expect(try TimeParsers.timeOfDay("24:00", allowEndOfDay: true).get() == 86_400)
        #expect(throws: TimeParsers.Failure.self) { try TimeParsers.timeOfDay("12:60").get() }
        #expect(throws: TimeParsers.Failure.self) { try TimeParsers.timeOfDay("930").get() }
    }

    @Test func workingHours() throws {
        #expect(try TimeParsers.hoursSpan("09:00-18:00").get() == 32_400..<64_800)
        #expect(try TimeParsers.hoursSpan("00:00-24:00").get() == 0..<86_400)
        #expect(try TimeParsers.hoursSpan(" 8:30 - 17:00 ").get() == 30_600..<61_200)
        #expect(throws: TimeParsers.Failure.self) { try TimeParsers.hoursSpan("18:00-09:00").get() }
        #expect(throws: TimeParsers.Failure.self) { try TimeParsers.hoursSpan("9-5").get() }
    }

    @Test func timeSpecs() throws {
        let date = LocalDate(year: 2016, month: 4, day: 19)!
        let ten = LocalDateTime(date: date, secondOfDay: 36_000)
        #expect(try TimeParsers.timeSpec("2016-04-19").get() == .date(date))
        #expect(try TimeParsers.timeSpec("2016-04-19T10:00").get() == .local(ten))
        #expect(try TimeParsers.timeSpec("2016-04-19 10:00").get() == .local(ten))
        #expect(try TimeParsers.timeSpec("2016-04-19T10:00Z").get() == .exact(ten, offsetSeconds: 0))
        #expect(try TimeParsers.timeSpec("2016-04-19T10:00-04:00").get() == .exact(ten, offsetSeconds: -14_400))
        #expect(try TimeParsers.timeSpec("2016-04-19T10:00+0530").get() == .exact(ten, offsetSeconds: 19_800))
        #expect(try TimeParsers.timeSpec("2016-04-19T10:00+02").get() == .exact(ten, offsetSeconds: 7200))
        #expect(throws: TimeParsers.Failure.self) { try TimeParsers.timeSpec("2016-04-19T10").get() }
        #expect(throws: TimeParsers.Failure.self) { try TimeParsers.timeSpec("2016-04-19T10:00 CET").get() }
        #expect(throws: TimeParsers.Failure.self) { try TimeParsers.timeSpec("2016-04-19T10:00+19:00").get() }
    }

    @Test func durations() throws {
        #expect(try TimeParsers.duration("2 hours").get() == Duration(2, .hours))
        #expect(try TimeParsers.duration("2  Hours").get() == Duration(2, .hours))
        #expect(try TimeParsers.duration("10 working days").get() == Duration(10, .workingDays))
        #expect(try TimeParsers.duration("5wd").get() == Duration(5, .workingDays))
        #expect(try TimeParsers.duration("0 days").get() == Duration(0, .days))
        #expect(throws: TimeParsers.Failure.self) { try TimeParsers.duration("2").get() }
        #expect(throws: TimeParsers.Failure.self) { try TimeParsers.duration("hours").get() }
        #expect(throws: TimeParsers.Failure.self) { try TimeParsers.duration("1.5 hours").get() }
        #expect(throws: TimeParsers.Failure.self) { try TimeParsers.duration("-2 days").get() }
        #expect(throws: TimeParsers.Failure.self) { try TimeParsers.duration("2 fortnights").get() }
        #expect(throws: TimeParsers.Failure.self) { try TimeParsers.duration("9999999999 days").get() }
        // No longer than the days a date can be written on: sums of dates and durations stay
        // small enough for arithmetic in seconds.
        let longest = [
            "999999999 minutes", "87649416 hours", "3652059 days", "521722 weeks", "119988 months", "3652059 working days",
        ]
        for text in longest {
            #expect(throws: Never.self, "\(text)") { try TimeParsers.duration(text).get() }
        }
        let tooLong = ["87649417 hours", "3652060 days", "521723 weeks", "119989 months", "999999999 working days"]
        let maxima = ["87649416 hours", "3652059 days", "521722 weeks", "119988 months", "3652059 working days"]
        for (text, maximum) in zip(tooLong, maxima) {
            guard case .failure(let failure) = TimeParsers.duration(text) else {
                Issue.record("\(text) was accepted")
                continue
            }
            #expect(failure.code == .invalidDuration)
            #expect(
                failure.message == "'\(text)' is longer than any agenda can span: at most \(maximum) fit between 0001-01-01 and 9999-12-31")
        }
    }
}
