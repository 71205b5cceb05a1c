import AgendaCore
import Testing

@testable import AgendaCSV

@Suite("CSV")
struct CSVTests {
    func field(_ value: String) -> String {
        let bytes = ByteBuffer()
        CSVField.append(value, to: bytes)
        return bytes.text
    }

    @Test func fieldsAreQuotedOnlyWhenTheyNeedIt() {
        #expect(field("CND 58th session") == "CND 58th session")
        #expect(field("Stockholm, Sweden") == "\"Stockholm, Sweden\"")
        #expect(field("the \"UNU\" campus") == "\"the \"\"UNU\"\" campus\"")
        #expect(field("two\nlines") == "\"two\nlines\"")
        #expect(field("two\r\nlines") == "\"two\r\nlines\"")
        #expect(field("") == "")
        #expect(field("🎉 مرحبا; | <b>") == "🎉 مرحبا; | <b>")
    }

    /// Cells a spreadsheet would run as a formula get a leading single quote.
    @Test(arguments: ["=SUM(A1)", "+1", "-1", "@cmd", "\tx", "\rx"])
    func formulasAreNeutralised(_ value: String) {
        let written = field(value)
        let unquoted = written.hasPrefix("\"") ? String(written.dropFirst().dropLast()) : written
        #expect(unquoted == "'" + value)
    }

    @Test func rowsFollowTheColumnsWithDatesForAllDayEvents() throws {
        let yaml = """
            agenda: { id: rows, timezone: Europe/Vienna, start: 2015-01-05 }
            venues: { vic: { name: "VIC, Vienna", timezone: Europe/Vienna } }
            parties: { cnd: CND, vngoc: VNGOC }
            events:
              - { id: cnd58, title: CND 58, kind: session, venue: vic, start: 2015-03-09, end: 2015-03-17, parties: [cnd, vngoc], tags: [a, b], source: "res. 58/8" }
              - { id: hearing, title: Hearing, kind: hearing, venue: vic, start: 2015-03-09T14:45, end: 2015-03-09T19:00 }
              - { id: survey, title: Survey, kind: activity, duration: 2 weeks, after: { event: cnd58, gap: 1 week }, not_after: 2015-05-01 }
              - { id: due, title: Due, kind: deadline, on: 2015-03-20T12:00 }
            """
        let csv = try export(try plan(yaml), with: CSVExporter())
        let rows = csv.split(separator: "\r\n", omittingEmptySubsequences: false).map(String.init)
        #expect(
            rows == [
                "id,title,kind,start,end,all_day,timezone,venue,parties,tags,earliest,latest,slack,source",
                "cnd58,CND 58,session,2015-03-09,2015-03-17,true,Europe/Vienna,\"VIC, Vienna\",cnd;vngoc,a;b,2015-03-09,2015-03-09,P0D,res. 58/8",
                "hearing,Hearing,hearing,2015-03-09T14:45:00+01:00,2015-03-09T19:00:00+01:00,false,Europe/Vienna,\"VIC, Vienna\",,,"
                    + "2015-03-09T14:45:00+01:00,2015-03-09T14:45:00+01:00,P0D,",
                "due,Due,deadline,2015-03-20T12:00:00+01:00,2015-03-20T12:00:00+01:00,false,Europe/Vienna,,,,"
                    + "2015-03-20T12:00:00+01:00,2015-03-20T12:00:00+01:00,P0D,",
                "survey,Survey,activity,2015-03-25,2015-04-07,true,Europe/Vienna,,,,2015-03-25,2015-04-18,P24D,",
                "",
            ])
    }

    @Test func slackIsAnISODurationOfWallClockTime() {
        let zone = TimeZoneRules(named: "Europe/Vienna")!
        func item(_ earliest: Int64, _ latest: Int64?) -> PlannedEvent {
            PlannedEvent(
                id: "x", eventIndex: 0, start: Instant(secondsSinceEpoch: earliest), end: Instant(secondsSinceEpoch: earliest),
                allDay: false, fixed: false, earliest: Instant(secondsSinceEpoch: earliest),
                latest: latest.map { Instant(secondsSinceEpoch: $0) }, slackSeconds: nil, critical: false, timeZone: zone)
        }
        let march28 = Int64(1_427_497_200)  // 2015-03-28T00:00+01:00, the day before summer time
        #expect(CSVExporter.slack(item(march28, march28 + 2 * 86_400 - 3600)) == "P2D")
        #expect(CSVExporter.slack(item(0, 9000)) == "PT2H30M")
        #expect(CSVExporter.slack(item(0, 86_400 + 60)) == "P1DT1M")
        #expect(CSVExporter.slack(item(0, 0)) == "P0D")
        #expect(CSVExporter.slack(item(0, nil)) == "")
    }
}
