import AgendaChecks
import AgendaCore
import AgendaGenerator
import AgendaYAML
import Foundation
import Testing

/// Every built-in check on generated agendas large enough to give hundreds of findings, pinned
/// in `Fixtures/` (RECORD_GOLDEN=1 re-records): how the checks are computed may change, what
/// they find may not.
@Suite("Checks on generated agendas")
struct GeneratedAgendaTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// Events the generator never writes: segments `during` a session and `during` each other,
    /// documents `for` it with leads in weeks and working days, a cancelled anchor, a Sunday, a
    /// deadline with little slack.
    static let handWritten = """
          - { id: x-session, title: X session, kind: session, venue: vic, start: 2015-03-09, end: 2015-03-20, parties: [cnd, vngoc] }
          - { id: x-segment, title: X segment, venue: vic, start: 2015-03-10T10:00, end: 2015-03-10T13:00, during: x-session, parties: [cnd] }
          - { id: x-sub, title: X sub-segment, venue: vic, start: 2015-03-10T11:00, end: 2015-03-10T12:00, during: x-segment, parties: [cnd, vngoc] }
          - { id: x-report, title: X report, kind: deadline, on: 2015-02-20, for: x-session, lead: 6 weeks }
          - { id: x-lead, title: X note, kind: deadline, on: 2015-03-05, for: x-session, lead: 5 working days }
          - { id: x-consult, title: X consultation, venue: palais, start: 2015-03-08T10:00, end: 2015-03-08T18:00, for: x-session, parties: [vngoc] }
          - { id: x-cancelled, title: X cancelled, venue: unhq, start: 2015-03-02T10:00, end: 2015-03-02T12:00, status: cancelled }
          - { id: x-after, title: X follow-up, venue: unhq, duration: 2 hours, after: x-cancelled, parties: [vngoc, cnd] }
          - { id: x-due, title: X due, kind: deadline, after: { event: x-session, gap: 1 week }, not_after: 2015-04-10 }

        """

    /// The generated agenda as it is; then a smaller one with rooms for two events at a venue,
    /// the events above and every check's options set.
    static let agendas: [(name: String, yaml: String)] = [
        ("generated-2000", AgendaGenerator(events: 2000).yaml()),
        (
            "generated-1000-tight",
            AgendaGenerator(events: 1000).yaml().replacingOccurrences(of: ", capacity: 40 }", with: ", capacity: 2 }") + handWritten
                + "checks: { AG303: { buffer: 3 days }, AG305: warning, AG306: { threshold: 20 days } }\n"
        ),
    ]

    @Test(arguments: agendas.map(\.name))
    func findingsMatchTheGoldenFile(_ name: String) throws {
        let yaml = Self.agendas.first { $0.name == name }!.yaml
        let loaded = AgendaLoader().load(bytes: Array(yaml.utf8), path: "\(name).yaml")
        let agenda = try #require(loaded.agenda, "\(loaded.diagnostics.prefix(3).map(\.text))")
        let plan = Scheduler().plan(agenda)
        #expect(plan.isFeasible, "\(plan.diagnostics.prefix(3).map(\.text))")
        let diagnostics = CheckRunner(checks: builtInChecks).run(plan)
        // However many cores run them, the checks find the same.
        let alone = CheckRunner(checks: builtInChecks, maxWorkers: 1).run(plan)
        #expect(alone == diagnostics)
        // What each check found, and which events may ignore it, in the order it found them.
        let context = CheckContext(plan)
        var findings: [String] = []
        for check in builtInChecks {
            let setting = agenda.checkSeverities[check.id]
            guard (setting?.level ?? check.defaultSeverity) != .off else { continue }
            for finding in try check.init(options: CheckOptions(setting?.options ?? [:])).findings(in: context) {
                findings.append("\(check.id) \(finding.location.map { "\($0)" } ?? "-") \(finding.events)")
            }
        }
        let text = "# diagnostics\n" + diagnostics.map { $0.text + "\n" }.joined() + "# findings\n" + findings.map { $0 + "\n" }.joined()
        #expect(diagnostics.count > 100)
        #expect(Set(diagnostics.map(\.code.rawValue)).count >= (name == "generated-2000" ? 3 : 8))
        let golden = Self.fixtures.appendingPathComponent("\(name).txt")
        if ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1" {
            try Data(text.utf8).write(to: golden)
            return
        }
        let expected = try String(contentsOf: golden, encoding: .utf8)
        let (want, got) = (expected.split(separator: "\n"), text.split(separator: "\n"))
        let first = (0..<min(want.count, got.count)).first { want[$0] != got[$0] } ?? min(want.count, got.count)
        // Compared apart, so a failure shows the first differing line rather than both files.
        let same = text == expected
        #expect(
            same,
            "\(name): line \(first + 1) differs:\n- \(first < want.count ? want[first] : "(end)")\n+ \(first < got.count ? got[first] : "(end)")")
    }
}
