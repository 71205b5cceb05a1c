import AgendaCore
import Foundation
import Testing

@testable import AgendaICalendar

@Suite("iCalendar")
struct ICalendarTests {
    /// The physical lines of a folded content line (without their CRLF).
    func fold(_ text: String) -> [[UInt8]] {
        var lines = ContentLines(into: ByteBuffer())
        lines.line("X:", text)
        var result: [[UInt8]] = [[]]
        var bytes = lines.bytes.bytes[...]
        while let byte = bytes.popFirst() {
            if byte == 0x0D, bytes.first == 0x0A {
                bytes.removeFirst()
                result.append([])
            } else {
                result[result.count - 1].append(byte)
            }
        }
        return result.dropLast()
    }

    func unfold(_ lines: [[UInt8]]) -> String {
        String(decoding: lines.enumerated().flatMap { $0 == 0 ? $1 : Array($1.dropFirst()) }, as: UTF8.self)
    }

    @Test(arguments: [74, 75, 76])
    func asciiLinesFoldAfter75Octets(_ length: Int) {
        let value = String(repeating: "a", count: length - 2)  // "X:" takes two octets
        let lines = fold(value)
        #expect(lines.count == (length > 75 ? 2 : 1))
        #expect(lines[0].count == min(length, 75))
        if length > 75 { #expect(lines[1] == [0x20, UInt8(ascii: "a")]) }
        #expect(unfold(lines) == "X:" + value)
    }

    /// A two-, three- or four-octet character that would straddle octet 75 moves whole to the
    /// next line.
    @Test(arguments: ["é", "漢", "🎉"])
    func aMultiByteCharacterIsNeverSplit(_ character: String) {
        for padding in 70...75 {
            let value = String(repeating: "a", count: padding) + String(repeating: character, count: 40)
            let lines = fold(value)
            for line in lines {
                #expect(line.count <= 75)
                #expect(String(validating: line, as: UTF8.self) != nil, "cut inside a character at padding \(padding)")
            }
            #expect(lines.dropFirst().allSatisfy { $0.first == 0x20 })
            #expect(unfold(lines) == "X:" + value)
        }
    }

    @Test func textIsEscaped() {
        var lines = ContentLines(into: ByteBuffer())
        lines.escaped("a\\b;c,d\ne\r\nf\rg\th\u{01}i \"j\" 🎉 مرحبا")
        #expect(lines.bytes.text == "a\\\\b\\;c\\,d\\ne\\nf\\ng\th" + "i \"j\" 🎉 مرحبا")
    }

    @Test func valuesAreWrittenInICalendarForm() {
        func written(_ write: (inout ContentLines) -> Void) -> String {
            var lines = ContentLines(into: ByteBuffer())
            write(&lines)
            return lines.bytes.text
        }
        #expect(written { $0.offset(3600) } == "+0100")
        #expect(written { $0.offset(-5 * 3600) } == "-0500")
        #expect(written { $0.offset(-(44 * 60 + 30)) } == "-004430")
        #expect(written { $0.utc(Instant(secondsSinceEpoch: 1_461_074_400)) } == "20160419T140000Z")
        #expect(written { $0.date(LocalDate(year: 16, month: 4, day: 9)!) } == "00160409")
    }

    /// Vienna and New York from 2014 to 2016: the observance in force at the start, then
    /// every real change, each at its local onset in the old offset.
    @Test func timeZonesCarryTheirRealTransitions() throws {
        let yaml = """
            agenda: { id: zones, timezone: Europe/Vienna }
            venues:
              vic: { name: VIC, timezone: Europe/Vienna }
              unhq: { name: UNHQ, timezone: America/New_York }
            events:
              - { id: a, title: A, venue: vic, start: 2014-06-02T10:00, duration: 1 hour }
              - { id: b, title: B, venue: unhq, start: 2016-04-19T10:00, duration: 1 hour }
            """
        let ics = try export(try plan(yaml), with: ICalendarExporter())
        #expect(
            ics.observances(of: "Europe/Vienna") == [
                "DAYLIGHT 20140330T020000 +0100 +0200 CEST", "STANDARD 20141026T030000 +0200 +0100 CET",
                "DAYLIGHT 20150329T020000 +0100 +0200 CEST", "STANDARD 20151025T030000 +0200 +0100 CET",
                "DAYLIGHT 20160327T020000 +0100 +0200 CEST",
            ])
        #expect(
            ics.observances(of: "America/New_York") == [
                "DAYLIGHT 20140309T020000 -0500 -0400 EDT", "STANDARD 20141102T020000 -0400 -0500 EST",
                "DAYLIGHT 20150308T020000 -0500 -0400 EDT", "STANDARD 20151101T020000 -0400 -0500 EST",
                "DAYLIGHT 20160313T020000 -0500 -0400 EDT",
            ])
        #expect(ics.contains("DTSTART;TZID=Europe/Vienna:20140602T100000\r\nDTEND;TZID=Europe/Vienna:20140602T110000\r\n"))
    }

    @Test func allDayEventsEndTheDayAfterTheirLastDay() throws {
        let yaml = """
            agenda: { id: days, timezone: Europe/Vienna }
            events:
              - { id: cnd59, title: CND 59, kind: session, start: 2016-03-14, end: 2016-03-22 }
              - { id: approved, title: Approved, kind: milestone, on: 2016-03-22 }
              - { id: deadline, title: Speakers, kind: deadline, on: 2016-03-07T23:59 }
            """
        let ics = try export(try plan(yaml), with: ICalendarExporter())
        #expect(ics.contains("DTSTART;VALUE=DATE:20160314\r\nDTEND;VALUE=DATE:20160323\r\n"))
        #expect(ics.contains("DTSTART;VALUE=DATE:20160322\r\nDTEND;VALUE=DATE:20160323\r\n"))
        // An instant has no DTEND: RFC 5545 reads it as ending when it starts.
        #expect(ics.contains("DTSTART;TZID=Europe/Vienna:20160307T235900\r\nSUMMARY:Speakers\r\n"))
        #expect(ics.contains("UID:approved@days\r\n"))
        #expect(!ics.contains("VTIMEZONE\r\nTZID:Europe/Vienna\r\nEND"))
    }

    @Test func aRepeatingEventIsOneSeriesWithItsExceptions() throws {
        let yaml = """
            agenda: { id: calls, timezone: Europe/Vienna }
            events:
              - id: call
                title: Task force call
                start: 2015-03-18T17:00
                duration: 1 hour
                repeat: { every: 2 weeks, until: 2015-04-29, except: [2015-04-01] }
              - id: report
                title: Report
                kind: milestone
                on: 2015-01-31
                repeat: { every: 1 month, count: 3, except: [2015-01-31] }
            """
        let ics = try export(try plan(yaml), with: ICalendarExporter())
        #expect(ics.components(separatedBy: "BEGIN:VEVENT").count == 3)
        #expect(
            ics.contains(
                "DTSTART;TZID=Europe/Vienna:20150318T170000\r\nDTEND;TZID=Europe/Vienna:20150318T180000\r\n"
                    + "RRULE:FREQ=WEEKLY;INTERVAL=2;UNTIL=20150429T150000Z\r\nEXDATE;TZID=Europe/Vienna:20150401T170000\r\n"))
        // COUNT counts the excepted first date, as the agenda does; DTSTART is that date.
        #expect(
            ics.contains(
                "DTSTART;VALUE=DATE:20150131\r\nDTEND;VALUE=DATE:20150201\r\nRRULE:FREQ=MONTHLY;COUNT=3\r\n"
                    + "EXDATE;VALUE=DATE:20150131\r\n"))
    }

    @Test func seriesInElapsedHoursAreWrittenInUTC() throws {
        let yaml = """
            agenda: { id: watch, timezone: America/New_York }
            events:
              - { id: w, title: Watch, start: 2015-11-01T00:00, duration: 1 hour, repeat: { every: 12 hours, count: 3 } }
            """
        let ics = try export(try plan(yaml), with: ICalendarExporter())
        #expect(ics.contains("DTSTART:20151101T040000Z\r\nDTEND:20151101T050000Z\r\nRRULE:FREQ=HOURLY;INTERVAL=12;COUNT=3\r\n"))
        #expect(!ics.contains("BEGIN:VTIMEZONE"))
    }

    /// An `except` date removes every occurrence of a series in hours that falls on it, not
    /// one: the series still ends with its last occurrence, and every removed one is listed.
    @Test func anExceptDateInASeriesInHoursRemovesEveryOccurrenceThatDay() throws {
        let yaml = """
            agenda: { id: watch, timezone: Europe/Vienna }
            events:
              - { id: w, title: Watch, start: 2016-07-01T09:00, duration: 30 minutes, repeat: { every: 6 hours, until: 2016-07-04, except: [2016-07-02] } }
              - { id: c, title: Check, start: 2016-07-01T09:00, duration: 30 minutes, repeat: { every: 6 hours, count: 8, except: [2016-07-02] } }
            """
        let plan = try plan(yaml)
        #expect(plan.items.count { $0.occurrenceOf == "w" } == 11)
        #expect(plan.items.count { $0.occurrenceOf == "c" } == 4)
        let ics = try export(plan, with: ICalendarExporter()).replacingOccurrences(of: "\r\n ", with: "")
        // The last watch is at 21:00 on 4 July in Vienna.
        #expect(ics.contains("RRULE:FREQ=HOURLY;INTERVAL=6;UNTIL=20160704T190000Z\r\n"))
        let removed = "EXDATE:20160702T010000Z,20160702T070000Z,20160702T130000Z,20160702T190000Z\r\n"
        #expect(ics.contains("RRULE:FREQ=HOURLY;INTERVAL=6;COUNT=8\r\n" + removed))
        #expect(ics.components(separatedBy: removed).count == 3)
    }

    @Test func propertiesCarryTheEventsTextEscaped() throws {
        let yaml = #"""
            agenda: { id: text, title: "Road; to, UNGASS" }
            parties: { cnd: "Commission, CND" }
            venues: { vic: { name: "VIC, Vienna", timezone: Europe/Vienna } }
            events:
              - id: e
                title: "Hearing: a; b, c \\ d"
                venue: vic
                start: 2015-03-09
                end: 2015-03-09
                parties: cnd
                tags: [civil society, "a,b"]
                status: tentative
                source: "res. 58/8"
                description: "Line one\nline two"
            """#
        let options = ExportOptions(stamp: Instant(secondsSinceEpoch: 1_451_606_400))
        let ics = try export(try plan(yaml), with: ICalendarExporter(), options: options).replacingOccurrences(of: "\r\n ", with: "")
        #expect(ics.hasPrefix("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//AgendaKit//agenda//EN\r\n"))
        #expect(ics.hasSuffix("END:VEVENT\r\nEND:VCALENDAR\r\n"))
        #expect(ics.contains("X-WR-CALNAME:Road\\; to\\, UNGASS\r\n"))
        #expect(ics.contains("DTSTAMP:20160101T000000Z\r\n"))
        #expect(ics.contains("SUMMARY:Hearing: a\\; b\\, c \\\\ d\r\n"))
        #expect(ics.contains("DESCRIPTION:Line one\\nline two\\n\\nSource: res. 58/8\\n\\nParties: Commission\\, CND\r\n"))
        #expect(ics.contains("LOCATION:VIC\\, Vienna\r\n"))
        #expect(ics.contains("CATEGORIES:meeting,civil society,a\\,b\r\n"))
        #expect(ics.contains("STATUS:TENTATIVE\r\n"))
        #expect(!ics.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
    }
}

extension String {
    /// The observances of a zone's VTIMEZONE, each as `KIND DTSTART FROM TO NAME`.
    func observances(of zone: String) -> [String] {
        guard let lower = range(of: "TZID:\(zone)\r\n"), let upper = range(of: "END:VTIMEZONE", range: lower.upperBound..<endIndex)
        else { return [] }
        var observances: [String] = []
        var current: [String] = []
        for line in self[lower.upperBound..<upper.lowerBound].split(separator: "\r\n") {
            if line.hasPrefix("BEGIN:") {
                current = [String(line.dropFirst(6))]
            } else if line.hasPrefix("END:") {
                observances.append(current.joined(separator: " "))
            } else if let colon = line.firstIndex(of: ":") {
                current.append(String(line[line.index(after: colon)...]))
            }
        }
        return observances
    }
}
