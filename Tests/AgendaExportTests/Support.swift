import AgendaCore
import AgendaYAML
import Testing

/// Loads and plans an agenda written inline; the test fails when it does not plan.
func plan(_ yaml: String, file: String = "test.yaml") throws -> Plan {
    let loaded = AgendaLoader().load(bytes: Array(yaml.utf8), path: file)
    let agenda = try #require(loaded.agenda, "\(loaded.diagnostics.map(\.text))")
    let plan = Scheduler().plan(agenda)
    #expect(plan.isFeasible, "\(plan.diagnostics.map(\.text))")
    return plan
}

func export(_ plan: Plan, with exporter: some Exporter, options: ExportOptions = ExportOptions(stamp: Instant(secondsSinceEpoch: 0))) throws -> String {
    let bytes = ByteBuffer()
    try exporter.export(plan, options: options, into: bytes)
    return bytes.text
}
