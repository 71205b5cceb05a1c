import AgendaCore

/// AG307: a document or preparation that does not end its lead time before the session it
/// serves.
public struct DocumentLeadTime: Check {
    public static let id = "AG307"
    public static let name = "document-lead-time"
    public static let defaultSeverity = CheckSetting.Level.error
    public static let summary = "An event that serves a session ('for:') does not end 'lead' before that session starts."
    public static let rationale = """
        Pre-session documents must reach delegations weeks ahead (the UN's six-week rule), and \
        a consultation that feeds a session is useless after it. An event says which session \
        it prepares with 'for: cnd59' and how far ahead it must be done with 'lead: 6 weeks' \
        (no 'lead' means it must end before the session starts). Unlike a 'before' \
        constraint, this never moves anything: it reports the shortfall.
        """

    public static let failingExamples = [
        """
        agenda: { id: documents, timezone: Europe/Vienna }
        events:
          - { id: cnd59, title: CND 59th session, kind: session, start: 2016-03-14, end: 2016-03-22 }
          - { id: report, title: Report of the Executive Director, kind: deadline, on: 2016-02-15, for: 1️⃣cnd59, lead: 6 weeks }
        """
    ]

    public static let passingExamples = [
        """
        agenda: { id: documents, timezone: Europe/Vienna }
        events:
          - { id: cnd59, title: CND 59th session, kind: session, start: 2016-03-14, end: 2016-03-22 }
          - { id: report, title: Report of the Executive Director, kind: deadline, on: 2016-01-29, for: cnd59, lead: 6 weeks }
          - { id: consultation, title: Consultation, start: 2016-02-10T10:00, end: 2016-02-10T18:00, for: cnd59 }
        """
    ]

    public init(options: CheckOptions) {}

    public func findings(in context: CheckContext) -> [Finding] {
        let plan = context.plan
        let agenda = plan.agenda
        // The event each event serves (-1 for none); events are read in place.
        var servedBy = [Int32](repeating: -1, count: agenda.events.count)
        var servesAny = false
        agenda.events.withUnsafeBufferPointer { events in
            for index in events.indices {
                guard let serves = events[index].serves, let target = context.eventsByID[serves.value] else { continue }
                servedBy[index] = Int32(target)
                servesAny = true
            }
        }
        guard servesAny else { return [] }
        // The first occurrence of every event that something serves.
        var firstItem = [Int32](repeating: -1, count: agenda.events.count)
        for (item, event) in context.itemEvent.enumerated() where firstItem[Int(event)] < 0 { firstItem[Int(event)] = Int32(item) }
        var findings: [Finding] = []
        for (itemIndex, eventIndex) in context.itemEvent.enumerated() {
            let target = Int(servedBy[Int(eventIndex)])
            guard target >= 0, firstItem[target] >= 0, let serves = agenda.events[Int(eventIndex)].serves else { continue }
            let item = plan.items[itemIndex]
            let session = plan.items[Int(firstItem[target])]
            let lead = agenda.events[item.eventIndex].lead?.value ?? .zero
            let latestEnd = Self.latestEnd(before: session.start, lead: lead, in: item, workingDays: context.workingDays(of: item.eventIndex))
            // A date milestone occupies its day: it is done by the end of it.
            guard item.end > latestEnd else { continue }
            let zone = item.timeZone
            let by = zone.localTime(at: latestEnd)
            let byText = by.secondOfDay == 0 ? "by the end of \(by.date.adding(days: -1))" : "by \(CheckContext.readable(by))"
            let need = lead.isZero ? "before '\(serves.value)' starts" : "at least \(lead) before '\(serves.value)' starts"
            findings.append(
                Finding(
                    "'\(item.id)' must end \(need) (\(byText)), but ends \(Self.endText(item))", at: serves.location,
                    hint: "bring it forward, or change 'lead'",
                    notes: [.init("'\(serves.value)' starts \(context.when(session))", at: agenda.events[target].idLocation)],
                    events: [item.eventIndex, target]))
        }
        return findings
    }

    /// The session's start minus the lead, counted in the serving event's zone and calendar
    /// (as a 'before' gap is).
    static func latestEnd(before start: Instant, lead: Duration, in item: PlannedEvent, workingDays: EventClock) -> Instant {
        let zone = item.timeZone
        if let seconds = lead.elapsedSeconds { return Instant(secondsSinceEpoch: start.secondsSinceEpoch - seconds) }
        let local = zone.localTime(at: start)
        let date: LocalDate
        switch lead.unit {
        case .days: date = local.date.adding(days: -lead.amount)
        case .weeks: date = local.date.adding(days: -7 * lead.amount)
        case .months: date = local.date.adding(months: -lead.amount)
        case .workingDays:
            // The lead's working days are the ones before the session's first day.
            let day = workingDays.workingDay(number: lead.amount, from: local.date.adding(days: -1), step: -1)
            return zone.instant(for: LocalDateTime(date: day, secondOfDay: 0))
        case .minutes, .hours: date = local.date
        }
        return zone.instant(for: LocalDateTime(date: date, secondOfDay: local.secondOfDay))
    }

    static func endText(_ item: PlannedEvent) -> String {
        let local = item.timeZone.localTime(at: item.end)
        if item.allDay || (local.secondOfDay == 0 && item.end > item.start) { return "on \(local.date.adding(days: -1))" }
        return "at \(CheckContext.readable(local))"
    }
}
