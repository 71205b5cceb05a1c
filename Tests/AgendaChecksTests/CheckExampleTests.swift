import AgendaChecks
import AgendaCore
import AgendaYAML
import Testing

/// Plans an example agenda (markers taken out) and runs one check on it with the agenda's own
/// settings, switched on at its default severity when it is off by default.
func run(_ check: any Check.Type, on example: MarkedExample, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> [Diagnostic] {
    let loaded = AgendaLoader().load(bytes: Array(example.text.utf8), path: "example.yaml")
    guard var agenda = loaded.agenda else {
        Issue.record("the example does not load: \(loaded.diagnostics.map(\.text))", sourceLocation: sourceLocation)
        return []
    }
    if (agenda.checkSeverities[check.id]?.level ?? check.defaultSeverity) == .off {
        agenda.checkSeverities[check.id, default: CheckSetting(level: nil, location: agenda.location)].level = .warning
    }
    let plan = Scheduler().plan(agenda)
    #expect(plan.isFeasible, "the example does not plan: \(plan.diagnostics.map(\.text))", sourceLocation: sourceLocation)
    return CheckRunner(checks: [check]).run(plan)
}

/// Every check's examples are its tests: a failing example gives exactly one diagnostic at
/// each marker, with the check's code; a passing one gives none.
@Suite("Check examples")
struct CheckExampleTests {
    static let ids = builtInChecks.map { $0.id }

    static func check(_ id: String) -> any Check.Type { builtInChecks.first { $0.id == id }! }

    @Test(arguments: ids)
    func failingExamplesGiveTheMarkedDiagnostics(_ id: String) {
        let check = Self.check(id)
        #expect(!check.failingExamples.isEmpty)
        for marked in check.failingExamples {
            let example = MarkedExample(marked)
            let diagnostics = run(check, on: example)
            let expected = example.markers.keys.sorted().compactMap { example.location($0, file: "example.yaml") }
            #expect(
                diagnostics.map(\.location) == expected,
                "\(id): expected findings at markers \(example.markers.keys.sorted()), got:\n\(diagnostics.map(\.text).joined(separator: "\n"))")
            #expect(diagnostics.allSatisfy { $0.code == check.code && $0.severity != .note })
        }
    }

    @Test(arguments: ids)
    func passingExamplesGiveNone(_ id: String) {
        let check = Self.check(id)
        #expect(!check.passingExamples.isEmpty)
        for marked in check.passingExamples {
            let example = MarkedExample(marked)
            #expect(example.markers.isEmpty)
            let diagnostics = run(check, on: example)
            #expect(diagnostics.isEmpty, "\(id): \(diagnostics.map(\.text).joined(separator: "\n"))")
        }
    }

    @Test func everyCheckHasItsOwnCodeAndName() {
        #expect(Set(builtInChecks.map { $0.id }).count == builtInChecks.count)
        #expect(Set(builtInChecks.map { $0.name }).count == builtInChecks.count)
        for check in builtInChecks {
            #expect(check.id.hasPrefix("AG3") && check.id.count == 5)
            #expect(!check.summary.isEmpty && !check.rationale.isEmpty)
            #expect(DiagnosticCode(check.id).summary == nil, "\(check.id) collides with a core code")
        }
    }
}
