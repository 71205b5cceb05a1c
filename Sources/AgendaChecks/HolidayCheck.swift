import AgendaCore

/// AG304: an event on a weekend or holiday of its calendar.
public struct HolidayCheck: Check {
    public static let id = "AG304"
    public static let name = "holiday"
    public static let defaultSeverity = CheckSetting.Level.warning
    public static let summary = "An event starts or ends on a weekend day or holiday of its calendar, or spans a holiday."
    public static let rationale = """
        Conference services, interpreters and delegations are not there on a holiday. An event \
        is flagged when its first or last day is not a working day of its calendar (the \
        event's, else its venue's, else the agenda's), or when a holiday (not a weekend day) \
        falls inside it: a session from Monday to the next Tuesday is fine. Fixed events are \
        checked too; calendars named 'none' are never flagged.
        """

    public static let failingExamples = [
        """
        agenda: { id: days, timezone: Europe/Vienna, calendar: un-vienna }
        calendars:
          un-vienna:
            holidays: [{ date: 2015-04-03, name: Good Friday }]
        events:
          - { id: weekend-meeting, title: Meeting, start: 1️⃣2015-03-14, end: 2015-03-14 }
          - { id: workshop, title: Workshop, start: 2️⃣2015-04-01, end: 2015-04-07 }
        """
    ]

    public static let passingExamples = [
        """
        agenda: { id: days, timezone: Europe/Vienna, calendar: un-vienna }
        calendars:
          un-vienna:
            holidays: [2015-04-06]
        events:
          - { id: cnd58, title: CND 58, kind: session, start: 2015-03-09, end: 2015-03-17 }
          - { id: online-call, title: Call, calendar: none, start: 2015-04-06T15:00, duration: 1 hour }
        """
    ]

    public init(options: CheckOptions) {}

    public func findings(in context: CheckContext) -> [Finding] {
        let plan = context.plan
        let index = context
        let agenda = plan.agenda
        var findings: [Finding] = []
        for item in plan.items {
            guard let calendar = index.calendar(of: item.eventIndex) else { continue }
            let (first, last) = index.days(of: item)
            // A working first and last day and no holiday between: the common case, no strings made.
            if calendar.isWorkingDay(first) && calendar.isWorkingDay(last) && last.daysSinceEpoch - first.daysSinceEpoch <= 1 { continue }
            let location = agenda.events[item.eventIndex].start?.location ?? agenda.events[item.eventIndex].idLocation
            func offDay(_ date: LocalDate) -> String? {
                if let holiday = calendar.holidays[date] { return holiday.isEmpty ? "a holiday" : "a holiday (\(holiday))" }
                if calendar.weekends.contains(date.weekday) { return "a weekend day" }
                return nil
            }
            let what = first == last ? "is on" : "starts on"
            if let why = offDay(first) {
                findings.append(
                    Finding(
                        "'\(item.id)' \(what) \(Self.dayName(first)) \(first), \(why) of '\(calendar.name)'", at: location,
                        hint: item.fixed ? "move it to a working day, or ignore the check with the reason" : nil,
                        events: [item.eventIndex]))
            }
            if last != first, let why = offDay(last) {
                findings.append(
                    Finding(
                        "'\(item.id)' ends on \(Self.dayName(last)) \(last), \(why) of '\(calendar.name)'", at: location,
                        events: [item.eventIndex]))
            }
            guard last.daysSinceEpoch - first.daysSinceEpoch > 1 else { continue }
            for (date, name) in calendar.holidays where first < date && date < last && !calendar.weekends.contains(date.weekday) {
                findings.append(
                    Finding(
                        "'\(item.id)' spans the holiday \(name.isEmpty ? "" : "'\(name)' ")on \(Self.dayName(date)) \(date) of '\(calendar.name)'",
                        at: location, events: [item.eventIndex]))
            }
        }
        return findings
    }

    static func dayName(_ date: LocalDate) -> String {
        ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"][date.weekday.isoNumber - 1]
    }
}
