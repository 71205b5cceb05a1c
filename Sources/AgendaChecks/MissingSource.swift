import AgendaCore

/// AG305: a session, hearing or deadline that does not say where its date comes from.
public struct MissingSource: Check {
    public static let id = "AG305"
    public static let name = "missing-source"
    public static let defaultSeverity = CheckSetting.Level.off
    public static let summary = "A session, hearing or deadline has no 'source'."
    public static let rationale = """
        A timeline that others rely on says where each official date comes from: a \
        resolution, a document symbol, a notice. Off by default; turn it on for timelines of \
        record ('checks: { AG305: error }'), as the UNGASS 2016 seed does.
        """

    public static let failingExamples = [
        """
        agenda: { id: sources, timezone: Europe/Vienna }
        checks: { AG305: error }
        events:
          - { id: cnd59, title: CND 59th session, kind: session, start: 2016-03-14, end: 2016-03-22, source: E/CN.7/2016/1 }
          - { id: 1️⃣deadline, title: Speaker applications, kind: deadline, on: 2016-03-07 }
        """
    ]

    public static let passingExamples = [
        """
        agenda: { id: sources, timezone: Europe/Vienna }
        checks: { AG305: error }
        events:
          - { id: cnd59, title: CND 59th session, kind: session, start: 2016-03-14, end: 2016-03-22, source: E/CN.7/2016/1 }
          - { id: call, title: Task force call, start: 2016-03-01T15:00, duration: 1 hour }
        """
    ]

    static let kinds: Set<EventKind> = [.session, .hearing, .deadline]

    public init(options: CheckOptions) {}

    public func findings(in context: CheckContext) -> [Finding] {
        var findings: [Finding] = []
        context.plan.agenda.events.withUnsafeBufferPointer { events in
            for index in events.indices where Self.kinds.contains(events[index].kind) && (events[index].source ?? "").isEmpty {
                findings.append(
                    Finding(
                        "the \(events[index].kind.rawValue) '\(events[index].id)' has no 'source'", at: events[index].idLocation,
                        hint: "add 'source:' with the resolution, document or notice that sets its date", events: [index]))
            }
        }
        return findings
    }
}
