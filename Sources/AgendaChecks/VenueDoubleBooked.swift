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
        let agenda = context.plan.agenda
        var findings: [Finding] = []
        // Events and items are read in place: copying them costs more than a finding.
        agenda.events.withUnsafeBufferPointer { events in
            context.plan.items.withUnsafeBufferPointer { items in
                // Venues in the order their first event comes; milestones and deadlines take no room.
                for venueNumber in context.itemsByVenue.order {
                    guard let venue = agenda.venues[context.venueIDs[Int(venueNumber)]], let capacity = venue.capacity else { continue }
                    let holds = capacity == 1 ? "holds one event at a time" : "holds \(capacity) events at a time"
                    for (item, others) in context.overlaps(among: context.itemsByVenue[venueNumber], capacity: capacity) {
                        let (event, other) = (items[item].eventIndex, items[others[0]].eventIndex)
                        let also = others.count > 1 ? " and \(others.count - 1) more" : ""
                        findings.append(
                            Finding(
                                "'\(items[item].id)' (\(context.when(items[item]))) overlaps '\(items[others[0]].id)' (\(context.when(items[others[0]])))\(also) at \(venue.name), which \(holds)",
                                at: events[event].venue?.location ?? events[event].idLocation,
                                hint: "move one of them, or give the venue 'capacity: \(capacity + 1)' or 'parallel: true'",
                                notes: [.init("'\(items[others[0]].id)' is booked there here", at: events[other].venue?.location ?? events[other].idLocation)],
                                events: [event] + others.map { Int(context.itemEvent[$0]) }))
                    }
                }
            }
        }
        return findings
    }
}
