import AgendaCore

/// AG301: more events at a venue at once than it holds.
public struct VenueDoubleBooked: Check {
    public static let id = "AG301"
    public static let name = "venue-double-booked"
    public static let defaultSeverity = CheckSetting.Level.error
    public static let summary = "Two events overlap at a venue that holds one at a time (or more than its capacity)."
    public static let rationale = """
        A room booked twice is found out on the day. A venue holds one event at a time unless \
        it says otherwise: 'capacity: N' for N rooms, 'parallel: true' for no limit (an online \
        venue, a conference centre). An event 'during' another is part of it and never counts \
        as overlapping it; milestones and deadlines take no room. Move one of the events, raise \
        the venue's capacity, or ignore the check on an event with the reason.
        """

    public static let failingExamples = [
        """
        agenda: { id: rooms, timezone: Europe/Vienna }
        venues:
          boardroom: { name: Boardroom D, timezone: Europe/Vienna }
        events:
          - { id: board, title: UNGASS Board, venue: boardroom, start: 2015-06-01T10:00, end: 2015-06-01T13:00 }
          - { id: briefing, title: NGO briefing, venue: 1️⃣boardroom, start: 2015-06-01T12:00, end: 2015-06-01T14:00 }
        """
    ]

    public static let passingExamples = [
        """
        agenda: { id: rooms, timezone: Europe/Vienna }
        venues:
          vic: { name: Vienna International Centre, timezone: Europe/Vienna, capacity: 2 }
        events:
          - { id: cnd58, title: CND 58, kind: session, venue: vic, start: 2015-03-09, end: 2015-03-17 }
          - { id: hearing, title: Hearing, kind: hearing, venue: vic, start: 2015-03-09T14:45, end: 2015-03-09T19:00, during: cnd58 }
          - { id: side, title: Side event, venue: vic, start: 2015-03-09T13:00, end: 2015-03-09T14:00 }
          - { id: opening, title: Session opens, kind: milestone, venue: vic, on: 2015-03-09 }
        """
    ]

    public init(options: CheckOptions) {}

    public func findings(in context: CheckContext) -> [Finding] {
        let plan = context.plan
        let index = context
        let agenda = plan.agenda
        let limited = Set(agenda.venues.filter { $0.value.capacity != nil }.keys)
        let groups = index.itemsGrouped(byEvent: { event in
            // Fields are read in place: copying the event costs more than the check.
            guard !agenda.events[event].kind.isPoint, let venue = agenda.events[event].venue?.value, limited.contains(venue) else {
                return []
            }
            return [venue]
        })
        var findings: [Finding] = []
        for (venueID, items) in groups {
            guard let venue = agenda.venues[venueID], let capacity = venue.capacity else { continue }
            for (itemIndex, others) in index.overlaps(among: items, capacity: capacity) {
                let item = plan.items[itemIndex]
                let event = agenda.events[item.eventIndex]
                let other = plan.items[others[0]]
                let otherEvent = agenda.events[other.eventIndex]
                let holds = capacity == 1 ? "holds one event at a time" : "holds \(capacity) events at a time"
                let also = others.count > 1 ? " and \(others.count - 1) more" : ""
                findings.append(
                    Finding(
                        "'\(item.id)' (\(index.when(item))) overlaps '\(other.id)' (\(index.when(other)))\(also) at \(venue.name), which \(holds)",
                        at: event.venue?.location ?? event.idLocation,
                        hint: "move one of them, or give the venue 'capacity: \(capacity + 1)' or 'parallel: true'",
                        notes: [.init("'\(other.id)' is booked there here", at: otherEvent.venue?.location ?? otherEvent.idLocation)],
                        events: [item.eventIndex] + others.map { plan.items[$0].eventIndex }))
            }
        }
        return findings
    }
}
