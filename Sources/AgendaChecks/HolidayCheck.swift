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
        var findings: [Finding] = []
        // Items and events are read in place: copying one costs more than checking it.
        context.plan.agenda.events.withUnsafeBufferPointer { events in
            context.plan.items.withUnsafeBufferPointer { items in
                for index in items.indices {
                    let event = items[index].eventIndex
                    guard let daysOff = context.daysOff(of: event) else { continue }
                    let (first, last) = context.days(of: items[index])
                    let (firstDay, lastDay) = (first.daysSinceEpoch, last.daysSinceEpoch)
                    let working = daysOff.isWorkingDay(firstDay) && daysOff.isWorkingDay(lastDay)
                    // Working first and last days and no day between: the common case, no strings made.
                    if working && lastDay - firstDay <= 1 { continue }
                    let holidays = lastDay - firstDay > 1 ? daysOff.holidays(after: firstDay, before: lastDay).filter { !daysOff.isWeekend($0.day) } : []
                    if working && holidays.isEmpty { continue }
                    findings += Self.findings(
                        for: items[index], at: events[event].start?.location ?? events[event].idLocation, first: first, last: last,
                        holidays: holidays, daysOff: daysOff, calendar: context.calendar(of: event)?.name ?? WorkCalendar.noneName)
                }
            }
        }
        return findings
    }

    /// What one item breaks: its first or last day off, or holidays (not weekend days) inside it.
    static func findings(
        for item: PlannedEvent, at location: SourceLocation, first: LocalDate, last: LocalDate, holidays: [(day: Int, name: String)],
        daysOff: DaysOff, calendar: String
    ) -> [Finding] {
        func offDay(_ date: LocalDate) -> String? {
            if let holiday = daysOff.holiday(on: date.daysSinceEpoch) { return holiday.isEmpty ? "a holiday" : "a holiday (\(holiday))" }
            if daysOff.isWeekend(date.daysSinceEpoch) { return "a weekend day" }
            return nil
        }
        var findings: [Finding] = []
        let what = first == last ? "is on" : "starts on"
        if let why = offDay(first) {
            findings.append(
                Finding(
                    "'\(item.id)' \(what) \(dayName(first)) \(first), \(why) of '\(calendar)'", at: location,
                    hint: item.fixed ? "move it to a working day, or ignore the check with the reason" : nil,
                    events: [item.eventIndex]))
        }
        if last != first, let why = offDay(last) {
            findings.append(
                Finding("'\(item.id)' ends on \(dayName(last)) \(last), \(why) of '\(calendar)'", at: location, events: [item.eventIndex]))
        }
        for (day, name) in holidays {
            let date = LocalDate(daysSinceEpoch: day)
            findings.append(
                Finding(
                    "'\(item.id)' spans the holiday \(name.isEmpty ? "" : "'\(name)' ")on \(dayName(date)) \(date) of '\(calendar)'",
                    at: location, events: [item.eventIndex]))
        }
        return findings
    }

    static let dayNames = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

    static func dayName(_ date: LocalDate) -> String { dayNames[date.weekday.isoNumber - 1] }
}
