import AgendaCore
import AgendaYAML
import Testing

/// The keys the checks read: `for`, `lead` and `ignore` on events, and `checks:` with options.
@Suite("Check keys")
struct CheckKeysTests {
    @Test func forLeadAndIgnoreAreRead() throws {
        let agenda = try #require(
            loadValid(
                """
                agenda: { id: a, timezone: Europe/Vienna }
                events:
                  - { id: cnd59, title: CND 59, kind: session, start: 2016-03-14, end: 2016-03-22 }
                  - id: report
                    title: Report
                    kind: deadline
                    on: 2016-01-29
                    for: cnd59
                    lead: 6 weeks
                    ignore: { AG304: "issued on a Friday by design", holiday: "the same, by name" }
                """))
        let report = agenda.events[1]
        #expect(report.serves?.value == "cnd59")
        #expect(report.lead?.value == Duration(6, .weeks))
        #expect(report.ignored.map(\.check) == ["AG304", "holiday"])
        #expect(report.ignored.first?.reason == "issued on a Friday by design")
        #expect(report.ignored.first?.location.line == 10)
    }

    @Test func leadNeedsForAndForNeedsAKnownEvent() {
        expectErrors(
            """
            agenda: { id: a, timezone: Europe/Vienna }
            events:
              - { id: cnd59, title: CND 59, kind: session, start: 2016-03-14, end: 2016-03-22 }
              - { id: report, title: Report, kind: deadline, on: 2016-01-29, 1️⃣lead: 6 weeks }
              - { id: notes, title: Notes, kind: deadline, on: 2016-01-29, for: 2️⃣cnd95 }
              - { id: memo, title: Memo, kind: deadline, on: 2016-01-29, ignore: { AG301: 3️⃣"" } }
            """,
            [
                .init(1, .conflictingKeys, "no 'for' names the session; add 'for: <session id>'"),
                .init(2, .unknownReference, "'notes' is 'for' the event 'cnd95', which is not defined; did you mean 'cnd59'?"),
                .init(3, .wrongType, "reason for ignoring AG301"),
            ])
    }

    @Test func checksTakeASeverityOrAMappingOfOptions() throws {
        let agenda = try #require(
            loadValid(
                """
                agenda: { id: a, timezone: Europe/Vienna }
                checks:
                  AG301: warning
                  AG303: { buffer: 12 hours }
                  AG306: { severity: error, threshold: 10 working days }
                events:
                  - { id: e, title: E, start: 2016-03-14, end: 2016-03-14 }
                """))
        #expect(agenda.checkSeverities["AG301"]?.level == .warning)
        #expect(agenda.checkSeverities["AG303"]?.level == nil)
        #expect(agenda.checkSeverities["AG303"]?.options["buffer"]?.value == "12 hours")
        #expect(agenda.checkSeverities["AG303"]?.optionLocations["buffer"]?.line == 4)
        #expect(agenda.checkSeverities["AG306"]?.level == .error)
        #expect(agenda.checkSeverities["AG306"]?.options["threshold"]?.value == "10 working days")
    }
}
