import AgendaCore

/// AG302: a party in two events at once.
public struct PartyDoubleBooked: Check {
    public static let id = "AG302"
    public static let name = "party-double-booked"
    public static let defaultSeverity = CheckSetting.Level.warning
    public static let summary = "A party takes part in two events that overlap."
    public static let rationale = """
        A delegation or a secretariat team cannot sit in two rooms at once. An event 'during' \
        another is part of it (a segment of a session) and never counts as overlapping it; \
        milestones and deadlines take no one's time, and an activity (a survey, drafting) is \
        work in the background, not a place to be. When a party does send different people \
        to parallel events, say so with 'ignore: { AG302: "..." }' on one of them.
        """

    public static let failingExamples = [
        """
        agenda: { id: people, timezone: Europe/Vienna }
        parties: { vngoc: Vienna NGO Committee }
        events:
          - { id: briefing, title: Briefing, start: 2015-06-01T10:00, end: 2015-06-01T12:00, parties: [vngoc] }
          - { id: call, title: Task force call, start: 2015-06-01T11:00, end: 2015-06-01T12:30, parties: [1️⃣vngoc] }
        """
    ]

    public static let passingExamples = [
        """
        agenda: { id: people, timezone: Europe/Vienna }
        parties: { cnd: Commission on Narcotic Drugs, vngoc: Vienna NGO Committee }
        events:
          - { id: cnd58, title: CND 58, kind: session, start: 2015-03-09, end: 2015-03-17, parties: [cnd] }
          - { id: segment, title: Special segment, start: 2015-03-09, end: 2015-03-11, during: cnd58, parties: [cnd] }
          - { id: side, title: Side event, start: 2015-03-09T13:00, end: 2015-03-09T14:00, parties: [vngoc] }
          - { id: survey, title: Survey, kind: activity, start: 2015-03-02, end: 2015-03-31, parties: [vngoc] }
          - id: round-table
            title: Round table
            start: 2015-03-10T10:00
            end: 2015-03-10T13:00
            parties: [vngoc]
            during: cnd58
          - id: parallel-panel
            title: Parallel panel
            start: 2015-03-10T10:00
            end: 2015-03-10T12:00
            parties: [vngoc]
            ignore: { AG302: "two VNGOC members attend, one in each room" }
        """
    ]

    public init(options: CheckOptions) {}

    public func findings(in context: CheckContext) -> [Finding] {
        let agenda = context.plan.agenda
        var findings: [Finding] = []
        // Events and items are read in place: copying them costs more than a finding.
        agenda.events.withUnsafeBufferPointer { events in
            context.plan.items.withUnsafeBufferPointer { items in
                // Parties in the order their first event comes; milestones, deadlines and
                // activities take no one's time.
                for partyNumber in context.itemsByParty.order {
                    let party = context.partyIDs[Int(partyNumber)]
                    var name: String?
                    for (item, others) in context.overlaps(among: context.itemsByParty[partyNumber], capacity: 1) {
                        let (event, other) = (items[item].eventIndex, items[others[0]].eventIndex)
                        name = name ?? agenda.parties[party]?.name ?? party
                        findings.append(
                            Finding(
                                "'\(party)' (\(name!)) is in '\(items[item].id)' (\(context.when(items[item]))) while it is in '\(items[others[0]].id)' (\(context.when(items[others[0]])))",
                                at: events[event].parties.first { $0.value == party }?.location ?? events[event].idLocation,
                                hint: "move one of them, or say why both hold with 'ignore: { AG302: \"...\" }'",
                                notes: [.init("'\(items[others[0]].id)' names '\(party)' here", at: events[other].parties.first { $0.value == party }?.location)],
                                events: [event] + others.map { Int(context.itemEvent[$0]) }))
                    }
                }
            }
        }
        return findings
    }
}
