import AgendaChecks
import AgendaCore
import AgendaYAML
import Foundation
import Testing

@Suite("Check settings")
struct CheckRunnerTests {
    func diagnostics(_ marked: String) -> (diagnostics: [Diagnostic], example: MarkedExample) {
        let example = MarkedExample(marked)
        let loaded = AgendaLoader().load(bytes: Array(example.text.utf8), path: "a.yaml")
        guard let agenda = loaded.agenda else {
            Issue.record("\(loaded.diagnostics.map(\.text))")
            return ([], example)
        }
        return (CheckRunner(checks: builtInChecks).run(Scheduler().plan(agenda)), example)
    }

    static let overlap = """
        agenda: { id: a, timezone: Europe/Vienna }
        venues: { room: { name: Room, timezone: Europe/Vienna } }
        events:
          - { id: one, title: One, venue: room, start: 2015-06-01T10:00, end: 2015-06-01T12:00 }
          - { id: two, title: Two, venue: 1️⃣room, start: 2015-06-01T11:00, end: 2015-06-01T13:00 }

        """

    @Test func aCheckRunsAtItsDefaultSeverity() {
        let (found, example) = diagnostics(Self.overlap)
        #expect(found.map(\.code.rawValue) == ["AG301"])
        #expect(found.first?.severity == .error)
        #expect(found.first?.location == example.location(1, file: "a.yaml"))
        #expect(
            found.first?.text
                == "a.yaml:5:35: error: 'two' (2015-06-01 11:00) overlaps 'one' (2015-06-01 10:00) at Room, which holds one event at a time; move one of them, or give the venue 'capacity: 2' or 'parallel: true' [AG301]\na.yaml:4:35: note: 'one' is booked there here")
    }

    @Test func theAgendaSetsTheSeverityOrTurnsACheckOff() {
        #expect(diagnostics(Self.overlap + "checks: { AG301: warning }\n").diagnostics.map(\.severity) == [.warning])
        #expect(diagnostics(Self.overlap + "checks: { AG301: off }\n").diagnostics.isEmpty)
        #expect(diagnostics(Self.overlap + "checks: { AG301: { severity: off } }\n").diagnostics.isEmpty)
    }

    @Test func anEventIgnoresACheckWithItsReason() {
        let ignored = Self.overlap.replacingOccurrences(
            of: "end: 2015-06-01T13:00 }", with: "end: 2015-06-01T13:00, ignore: { AG301: \"shared plenary hall\" } }")
        #expect(diagnostics(ignored).diagnostics.isEmpty)
    }

    @Test func unknownChecksAndOptionsAreInputErrors() {
        let (found, example) = diagnostics(
            """
            agenda: { id: a, timezone: Europe/Vienna }
            checks: { 1️⃣AG310: warning, AG303: { 2️⃣bufer: 2 days }, AG301: { severity: error } }
            events:
              - { id: one, title: One, start: 2015-06-01T10:00, end: 2015-06-01T12:00, ignore: { 3️⃣AG3O1: "typo" } }
            """)
        #expect(found.map(\.code) == [.unknownCheck, .unknownCheck, .unknownCheck])
        #expect(found.map(\.location) == [1, 2, 3].map { example.location($0, file: "a.yaml") })
        #expect(found.map(\.hint) == ["did you mean 'AG301'?", "did you mean 'buffer'?", "did you mean 'AG301'?"])
        #expect(found.allSatisfy { $0.code.isInputError })
    }

    @Test func aBadOptionValueIsReportedWhereItIsWritten() {
        let (found, example) = diagnostics(
            """
            agenda: { id: a, timezone: Europe/Vienna }
            checks: { AG303: { buffer: 1️⃣2 months } }
            events:
              - { id: one, title: One, start: 2015-06-01T10:00, end: 2015-06-01T12:00 }
            """)
        #expect(found.map(\.code) == [.invalidValue])
        #expect(found.first?.location == example.location(1, file: "a.yaml"))
        #expect(found.first?.message.contains("minutes, hours, days or weeks") == true)
    }

    /// Leads and slack in working days are counted in a few steps, however long: checks on
    /// many events with the longest lead, or with windows across the whole calendar, end
    /// quickly.
    @Test func longWorkingDayCountsInChecksAreQuick() {
        var text = """
            agenda: { id: a, timezone: UTC, calendar: office, start: 0001-01-01, end: 9999-12-20 }
            calendars: { office: { holidays: [0001-01-03, 9999-12-06] } }
            checks: { AG306: { threshold: 3000000 working days } }
            events:
              - { id: s, title: Session, kind: session, start: 9999-12-13, end: 9999-12-17 }

            """
        for index in 0..<300 {
            text += "  - { id: d\(index), title: D, kind: deadline, on: 2016-01-04, for: s, lead: 2000000 working days }\n"
            text += "  - { id: f\(index), title: F, kind: milestone, not_before: 0001-01-01 }\n"
        }
        let started = ContinuousClock.now
        let found = diagnostics(text).diagnostics
        #expect(ContinuousClock.now - started < .seconds(20))
        // 2,000,000 working days before 9999-12-13 reach back to 2333, after 2016: in time.
        #expect(!found.contains { $0.code.rawValue == "AG307" })
        // Each milestone's window holds fewer working days than the threshold.
        #expect(found.filter { $0.code.rawValue == "AG306" }.count == 300)
    }
}
