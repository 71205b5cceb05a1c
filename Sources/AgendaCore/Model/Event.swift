public enum EventKind: String, Sendable, Hashable, CaseIterable {
    case session, meeting, hearing, consultation, activity, deadline, milestone

    /// Milestones and deadlines are points: they have no duration.
    public var isPoint: Bool { self == .milestone || self == .deadline }
}

public enum EventStatus: String, Sendable, Hashable, CaseIterable {
    case confirmed, tentative, cancelled
}

/// A time as written in a file: a date, a wall-clock time in the event's zone, or an exact
/// instant (with an offset or `Z`).
public enum TimeSpec: Hashable, Sendable, CustomStringConvertible {
    case date(LocalDate)
    case local(LocalDateTime)
    case exact(LocalDateTime, offsetSeconds: Int)

    public var isDate: Bool { if case .date = self { true } else { false } }

    /// The instant this time denotes in `zone`; a date means its local midnight.
    public func instant(in zone: TimeZoneRules) -> Instant {
        switch self {
        case .date(let date): zone.instant(for: LocalDateTime(date: date, secondOfDay: 0))
        case .local(let local): zone.instant(for: local)
        case .exact(let local, let offset): Instant(secondsSinceEpoch: local.secondsSinceEpoch - Int64(offset))
        }
    }

    public var description: String {
        switch self {
        case .date(let date): date.description
        case .local(let local): local.description
        case .exact(let local, let offset): local.description + formatOffset(offset, zulu: true)
        }
    }
}

/// A value together with where it was written, so later stages can point at it.
public struct Located<Value: Sendable & Hashable>: Sendable, Hashable {
    public var value: Value
    public var location: SourceLocation

    public init(_ value: Value, at location: SourceLocation) {
        self.value = value
        self.location = location
    }
}

/// A temporal constraint between this event and another.
public struct Constraint: Sendable, Hashable {
    public enum Relation: String, Sendable, Hashable {
        /// This starts at least `gap` and at most `max` after the other ends.
        case after
        /// This ends at least `gap` and at most `max` before the other starts.
        case before
        /// This lies inside the other.
        case during
    }

    public var relation: Relation
    public var event: String
    public var gap: Duration
    public var max: Duration?
    /// Where the constraint is written (the reference to the other event).
    public var location: SourceLocation

    public init(_ relation: Relation, _ event: String, gap: Duration = .zero, max: Duration? = nil, at location: SourceLocation) {
        self.relation = relation
        self.event = event
        self.gap = gap
        self.max = max
        self.location = location
    }
}

/// A `repeat` rule: `every` N units, `until` a date (inclusive) or `count` occurrences,
/// minus `except` dates.
public struct RepeatRule: Sendable, Hashable {
    public enum End: Sendable, Hashable {
        case until(LocalDate)
        case count(Int)
    }

    public var every: Duration
    public var end: End
    public var except: [LocalDate]
    /// Where the rule's mapping is written.
    public var location: SourceLocation
    /// Where its `until` or `count` value is written.
    public var endLocation: SourceLocation?

    public init(every: Duration, end: End, except: [LocalDate] = [], at location: SourceLocation) {
        self.every = every
        self.end = end
        self.except = except
        self.location = location
    }
}

/// A check an event opts out of, and why (`ignore: { AG301: "shared plenary hall" }`).
public struct IgnoredCheck: Sendable, Hashable {
    public var check: String
    public var reason: String
    /// Where the check's id is written.
    public var location: SourceLocation

    public init(check: String, reason: String, at location: SourceLocation) {
        self.check = check
        self.reason = reason
        self.location = location
    }
}

/// One event after `for_each` expansion.
public struct Event: Sendable, Hashable {
    public var id: String
    public var title: String
    public var kind: EventKind
    public var venue: Located<String>?
    /// The calendar the event itself names; else its venue's, else the agenda's.
    public var calendar: Located<String>?
    public var parties: [Located<String>]
    public var start: Located<TimeSpec>?
    public var end: Located<TimeSpec>?
    public var duration: Located<Duration>?
    public var constraints: [Constraint]
    public var notBefore: Located<TimeSpec>? {
        get { occasional.box?.fields.notBefore }
        set { occasional.update { $0.notBefore = newValue } }
    }
    public var notAfter: Located<TimeSpec>? {
        get { occasional.box?.fields.notAfter }
        set { occasional.update { $0.notAfter = newValue } }
    }
    public var schedule: SchedulePolicy?
    public var repeatRule: RepeatRule? {
        get { occasional.box?.fields.repeatRule }
        set { occasional.update { $0.repeatRule = newValue } }
    }
    public var source: String?
    public var description: String?
    public var tags: [String]
    public var status: EventStatus?
    public var url: String? {
        get { occasional.box?.fields.url }
        set { occasional.update { $0.url = newValue } }
    }
    /// The session this event prepares (`for: cnd59`), and how long before it starts this
    /// must end (`lead: 6 weeks`): the document lead-time check reads them.
    public var serves: Located<String>? {
        get { occasional.box?.fields.serves }
        set { occasional.update { $0.serves = newValue } }
    }
    public var lead: Located<Duration>? {
        get { occasional.box?.fields.lead }
        set { occasional.update { $0.lead = newValue } }
    }
    /// Checks this event opts out of, each with its reason.
    public var ignored: [IgnoredCheck] {
        get { occasional.box?.fields.ignored ?? [] }
        set { occasional.update { $0.ignored = newValue } }
    }
    /// What few events say, behind one reference: a large agenda's events are copied and read
    /// in bulk, and with these fields inline an `Event` is 680 bytes instead of 400.
    private var occasional = OccasionalFields()
    /// The id of the `for_each` entry this event was expanded from.
    public var expandedFrom: String?
    /// Where the event's mapping starts (the `- ` of its list entry).
    public var location: SourceLocation
    /// Where its `id` value is written.
    public var idLocation: SourceLocation

    public init(id: String, title: String, kind: EventKind = .meeting, location: SourceLocation, idLocation: SourceLocation? = nil) {
        self.id = id
        self.title = title
        self.kind = kind
        self.venue = nil
        self.calendar = nil
        self.parties = []
        self.start = nil
        self.end = nil
        self.duration = nil
        self.constraints = []
        self.schedule = nil
        self.source = nil
        self.description = nil
        self.tags = []
        self.status = nil
        self.expandedFrom = nil
        self.location = location
        self.idLocation = idLocation ?? location
    }

    /// Fixed events have a start; flexible ones only a duration (or nothing, for a point).
    public var isFixed: Bool { start != nil }
}

/// The fields of an `Event` that few events set, in an immutable box shared by copies of the
/// event; an event that sets none holds no box. Equal and hashed by value.
struct OccasionalFields: Sendable, Hashable {
    struct Fields: Sendable, Hashable {
        var notBefore: Located<TimeSpec>?
        var notAfter: Located<TimeSpec>?
        var repeatRule: RepeatRule?
        var url: String?
        var serves: Located<String>?
        var lead: Located<Duration>?
        var ignored: [IgnoredCheck] = []
    }

    final class Box: Sendable {
        let fields: Fields

        init(_ fields: Fields) { self.fields = fields }
    }

    private(set) var box: Box?

    /// Sets fields on a copy, so other events sharing the box keep theirs.
    mutating func update(_ change: (inout Fields) -> Void) {
        var fields = box?.fields ?? Fields()
        change(&fields)
        box = Box(fields)
    }

    static func == (a: OccasionalFields, b: OccasionalFields) -> Bool {
        a.box === b.box || (a.box?.fields ?? Fields()) == (b.box?.fields ?? Fields())
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(box?.fields ?? Fields())
    }
}
