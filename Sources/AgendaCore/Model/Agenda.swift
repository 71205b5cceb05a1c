/// A loaded, validated agenda: the input of the scheduler. Every element keeps the source
/// location it was read from, so any later stage can point back at the file.
public struct Agenda: Sendable, Hashable {
    public var id: String
    public var title: String?
    public var timeZone: TimeZoneRules
    /// The default working calendar's name; `none` makes every day and hour working.
    public var calendar: String
    public var schedule: SchedulePolicy
    /// The planning horizon: flexible events start on or after `start` and end by `end`.
    public var start: LocalDate?
    public var end: LocalDate?
    /// The stamp exports use; never the clock.
    public var updated: Instant?
    public var calendars: [String: WorkCalendar]
    public var venues: [String: Venue]
    public var parties: [String: Party]
    /// Events after `for_each` expansion, in file order; an included file's events stand
    /// where its `include` entry is.
    public var events: [Event]
    /// Severity per check id, from every file's `checks:`.
    public var checkSeverities: [String: CheckSetting]
    public var location: SourceLocation
    /// Every file read, the top file first.
    public var files: [String]

    public init(
        id: String, title: String? = nil, timeZone: TimeZoneRules = .utc, calendar: String = WorkCalendar.noneName,
        schedule: SchedulePolicy = .asap, start: LocalDate? = nil, end: LocalDate? = nil, updated: Instant? = nil,
        calendars: [String: WorkCalendar] = [:], venues: [String: Venue] = [:], parties: [String: Party] = [:],
        events: [Event] = [], checkSeverities: [String: CheckSetting] = [:], location: SourceLocation, files: [String] = []
    ) {
        self.id = id
        self.title = title
        self.timeZone = timeZone
        self.calendar = calendar
        self.schedule = schedule
        self.start = start
        self.end = end
        self.updated = updated
        self.calendars = calendars
        self.venues = venues
        self.parties = parties
        self.events = events
        self.checkSeverities = checkSeverities
        self.location = location
        self.files = files
    }
}

public enum SchedulePolicy: String, Sendable, Hashable, CaseIterable {
    /// As soon as possible: the earliest feasible time.
    case asap
    /// As late as possible: the latest feasible time.
    case alap
}

/// How an agenda sets one check: `AG301: warning`, or `AG303: { severity: warning, buffer: 2 days }`.
public struct CheckSetting: Sendable, Hashable {
    public enum Level: String, Sendable, Hashable, CaseIterable { case error, warning, off }
    /// Nil when only options are given: the check's default severity holds.
    public var level: Level?
    /// Where the check's id is written.
    public var location: SourceLocation
    /// The check's own options, as written (at their values); the check reads them.
    public var options: [String: Located<String>]
    /// Where each option's name is written.
    public var optionLocations: [String: SourceLocation]

    public init(
        level: Level?, location: SourceLocation, options: [String: Located<String>] = [:],
        optionLocations: [String: SourceLocation] = [:]
    ) {
        self.level = level
        self.location = location
        self.options = options
        self.optionLocations = optionLocations
    }
}

/// A working calendar: which days and hours count as working time.
public struct WorkCalendar: Sendable, Hashable {
    /// The reserved name of the calendar in which every day and hour is working.
    public static let noneName = "none"

    public var name: String
    public var weekends: Set<Weekday>
    public var holidays: [LocalDate: String]
    /// Working hours within a day, as seconds since local midnight; the end may be 86,400.
    public var hours: Range<Int>
    public var location: SourceLocation?

    public init(
        name: String, weekends: Set<Weekday> = [.sat, .sun], holidays: [LocalDate: String] = [:],
        hours: Range<Int> = 9 * 3600..<18 * 3600, location: SourceLocation? = nil
    ) {
        self.name = name
        self.weekends = weekends
        self.holidays = holidays
        self.hours = hours
        self.location = location
    }

    /// Every day and every hour is working.
    public static let none = WorkCalendar(name: noneName, weekends: [], hours: 0..<86_400)

    public func isWorkingDay(_ date: LocalDate) -> Bool {
        !weekends.contains(date.weekday) && holidays[date] == nil
    }
}

public struct Venue: Sendable, Hashable {
    public var id: String
    public var name: String
    /// The city the party-travel check compares; defaults to the venue's name.
    public var city: String
    public var timeZone: TimeZoneRules?
    public var calendar: String?
    public var online: Bool
    /// How many events may overlap here; `parallel: true` means no limit.
    public var capacity: Int?
    public var location: SourceLocation

    public init(
        id: String, name: String, city: String, timeZone: TimeZoneRules? = nil, calendar: String? = nil,
        online: Bool = false, capacity: Int? = 1, location: SourceLocation
    ) {
        self.id = id
        self.name = name
        self.city = city
        self.timeZone = timeZone
        self.calendar = calendar
        self.online = online
        self.capacity = capacity
        self.location = location
    }
}

public struct Party: Sendable, Hashable {
    public var id: String
    public var name: String
    public var location: SourceLocation

    public init(id: String, name: String, location: SourceLocation) {
        self.id = id
        self.name = name
        self.location = location
    }
}
