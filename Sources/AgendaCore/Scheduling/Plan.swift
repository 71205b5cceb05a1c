/// The scheduler's result: every event (and every occurrence of a repeating one) at its
/// place in time, with its window and slack, or the conflicts that make the agenda infeasible.
public struct Plan: Sendable {
    public var agenda: Agenda
    /// Sorted by start, then end, then file order.
    public var items: [PlannedEvent]
    /// Planning conflicts (exit 1) and inputs that cannot be planned (exit 2), in source order.
    public var diagnostics: [Diagnostic]
    /// The propagated network, kept to explain any event on demand.
    let trace: PlanTrace?
    /// Event index (in `agenda.events`) by id, as planning resolved references; empty when
    /// the agenda could not be planned.
    public let eventIndexByID: [String: Int32]

    public var isFeasible: Bool { !diagnostics.hasErrors }

    init(agenda: Agenda, items: [PlannedEvent], diagnostics: [Diagnostic], trace: PlanTrace?, eventIndexByID: [String: Int32] = [:]) {
        self.agenda = agenda
        self.items = items
        self.diagnostics = diagnostics
        self.trace = trace
        self.eventIndexByID = eventIndexByID
    }

    /// Why an event (by its id in the agenda) starts where it does.
    public func explanation(for eventID: String) -> Explanation? {
        trace?.explanation(for: eventID)
    }
}

public struct PlannedEvent: Sendable, Hashable {
    /// The event's id, or for an occurrence of a repeating event `<id>-<date>`.
    public var id: String
    /// Index of the event in `Agenda.events`.
    public var eventIndex: Int
    /// For an occurrence of a repeating event, the id of that event.
    public var occurrenceOf: String?
    public var start: Instant
    /// Exclusive: an all-day event ends at the midnight after its last day.
    public var end: Instant
    public var allDay: Bool
    public var fixed: Bool
    /// The window of its start before placement, against the fixed events; nil when unbounded.
    public var earliest: Instant?
    public var latest: Instant?
    /// `latest - earliest` in seconds; nil when either side is unbounded.
    public var slackSeconds: Int64?
    /// A flexible event with no slack: moving it moves the timeline.
    public var critical: Bool
    public var timeZone: TimeZoneRules

    public init(
        id: String, eventIndex: Int, occurrenceOf: String? = nil, start: Instant, end: Instant, allDay: Bool, fixed: Bool,
        earliest: Instant?, latest: Instant?, slackSeconds: Int64?, critical: Bool, timeZone: TimeZoneRules
    ) {
        self.id = id
        self.eventIndex = eventIndex
        self.occurrenceOf = occurrenceOf
        self.start = start
        self.end = end
        self.allDay = allDay
        self.fixed = fixed
        self.earliest = earliest
        self.latest = latest
        self.slackSeconds = slackSeconds
        self.critical = critical
        self.timeZone = timeZone
    }
}

/// The chain of rules that put an event's start where it is.
public struct Explanation: Sendable, Hashable {
    public var eventID: String
    public var fixed: Bool
    public var policy: SchedulePolicy
    public struct Step: Sendable, Hashable {
        /// What this rule requires, in words ("must start at least 4 weeks after 'cnd58' ends").
        public var text: String
        /// The bound it gives, as a local date or date-time.
        public var bound: String
        public var location: SourceLocation?
    }

    /// From the event outwards: the rule that set its start, then the rule that set that
    /// rule's source, and so on to a fixed event or a written bound.
    public var steps: [Step]
}
