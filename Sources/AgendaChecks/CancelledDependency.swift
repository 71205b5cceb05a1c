import AgendaCore

/// AG308: an event planned around one that is cancelled.
public struct CancelledDependency: Check {
    public static let id = "AG308"
    public static let name = "cancelled-dependency"
    public static let defaultSeverity = CheckSetting.Level.warning
    public static let summary = "An event is after, before, during or for an event whose status is cancelled."
    public static let rationale = """
        When a meeting is cancelled, whatever was timed from it still holds a date that no \
        longer means anything: a consultation 'after' a cancelled briefing, documents 'for' a \
        cancelled session. Re-anchor it on the event that replaces the cancelled one, or \
        cancel it too.
        """

    public static let failingExamples = [
        """
        agenda: { id: cancelled, timezone: Europe/Vienna }
        events:
          - { id: briefing, title: Briefing, start: 2015-09-24T10:00, end: 2015-09-24T12:00, status: cancelled }
          - { id: follow-up, title: Follow-up, start: 2015-10-01T10:00, end: 2015-10-01T12:00, after: 1️⃣briefing }
        """
    ]

    public static let passingExamples = [
        """
        agenda: { id: cancelled, timezone: Europe/Vienna }
        events:
          - { id: briefing, title: Briefing, start: 2015-09-24T10:00, end: 2015-09-24T12:00, status: cancelled }
          - { id: follow-up, title: Follow-up, start: 2015-10-01T10:00, end: 2015-10-01T12:00, after: briefing, status: cancelled }
          - { id: other, title: Other, start: 2015-10-02T10:00, end: 2015-10-02T12:00 }
        """
    ]

    public init(options: CheckOptions) {}

    public func findings(in context: CheckContext) -> [Finding] {
        var findings: [Finding] = []
        context.plan.agenda.events.withUnsafeBufferPointer { events in
            // Most agendas cancel nothing: then there is nothing to look for.
            guard events.indices.contains(where: { events[$0].status == .cancelled }) else { return }
            for position in events.indices where events[position].status != .cancelled {
                var references = events[position].constraints.map { (relation: $0.relation.rawValue, id: $0.event, location: $0.location) }
                if let serves = events[position].serves { references.append(("for", serves.value, serves.location)) }
                for reference in references {
                    guard let target = context.eventsByID[reference.id], events[target].status == .cancelled else { continue }
                    findings.append(
                        Finding(
                            "'\(events[position].id)' is '\(reference.relation)' '\(reference.id)', which is cancelled",
                            at: reference.location, hint: "anchor it on the event that replaces '\(reference.id)', or cancel it too",
                            notes: [.init("'\(reference.id)' is cancelled here", at: events[target].idLocation)],
                            events: [position, target]))
                }
            }
        }
        return findings
    }
}
