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
}
