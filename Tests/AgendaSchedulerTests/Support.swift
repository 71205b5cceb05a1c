import AgendaCore
import AgendaYAML
import Testing

/// Loads YAML that must be valid and plans it.
func plan(_ yaml: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> Plan? {
    let loaded = AgendaLoader().load(bytes: Array(yaml.utf8), path: "plan.yaml")
    guard let agenda = loaded.agenda else {
        Issue.record("invalid agenda: \(loaded.diagnostics.map(\.text))", sourceLocation: sourceLocation)
        return nil
    }
    return Scheduler().plan(agenda)
}

/// Plans YAML that must plan cleanly and returns its items by id.
func placed(_ yaml: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> [String: PlannedEvent] {
    guard let plan = plan(yaml, sourceLocation: sourceLocation) else { return [:] }
    #expect(plan.diagnostics.isEmpty, "\(plan.diagnostics.map(\.text))", sourceLocation: sourceLocation)
    return Dictionary(uniqueKeysWithValues: plan.items.map { ($0.id, $0) })
}

/// The wall-clock start of an item in its own zone, as `YYYY-MM-DDTHH:MM`.
func localStart(_ item: PlannedEvent?) -> String {
    guard let item else { return "missing" }
    return item.timeZone.localTime(at: item.start).description
}

func localEnd(_ item: PlannedEvent?) -> String {
    guard let item else { return "missing" }
    return item.timeZone.localTime(at: item.end).description
}

/// The same instant shown in another zone.
func wallTime(_ instant: Instant?, in zone: String) -> String {
    guard let instant, let rules = TimeZoneRules(named: zone) else { return "missing" }
    return rules.localTime(at: instant).description
}
