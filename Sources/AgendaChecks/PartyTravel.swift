import AgendaCore

/// AG303: a party due in two cities closer together in time than the journey allows.
public struct PartyTravel: Check {
    public static let id = "AG303"
    public static let name = "party-travel"
    public static let defaultSeverity = CheckSetting.Level.warning
    public static let summary = "A party is due in two cities with less time between them than the travel buffer."
    public static let rationale = """
        Vienna to New York is a day's journey. When a party ends one event in one city and \
        starts the next in another city sooner than the buffer (default 1 day), someone has to \
        fly overnight or miss the start. Cities come from each venue's 'city' (its name when \
        not given); online venues need no travel. Set the buffer per agenda with \
        'checks: { AG303: { buffer: 12 hours } }' (minutes, hours, days or weeks; a day is \
        24 hours).
        """
    public static let options = [CheckOption("buffer", "The least time between events in different cities.", default: "1 day")]

    public static let failingExamples = [
        """
        agenda: { id: travel, timezone: Europe/Vienna }
        venues:
          vic:  { name: Vienna International Centre, city: Vienna, timezone: Europe/Vienna }
          unhq: { name: UN Headquarters, city: New York, timezone: America/New_York }
        parties: { vngoc: Vienna NGO Committee }
        events:
          - { id: cnd-day, title: CND intersessional, venue: vic, start: 2016-02-09T10:00, end: 2016-02-09T18:00, parties: [vngoc] }
          - { id: hearing, title: Stakeholder hearing, venue: unhq, start: 2016-02-10T10:00, end: 2016-02-10T18:00, parties: [1️⃣vngoc] }
        """
    ]

    public static let passingExamples = [
        """
        agenda: { id: travel, timezone: Europe/Vienna }
        venues:
          vic:    { name: Vienna International Centre, city: Vienna, timezone: Europe/Vienna }
          unhq:   { name: UN Headquarters, city: New York, timezone: America/New_York }
          online: { name: Online, timezone: UTC, online: true, parallel: true }
        parties: { vngoc: Vienna NGO Committee }
        checks: { AG303: { buffer: 12 hours } }
        events:
          - { id: cnd-day, title: CND intersessional, venue: vic, start: 2016-02-09T09:00, end: 2016-02-09T12:00, parties: [vngoc] }
          - { id: call, title: Online call, venue: online, start: 2016-02-09T20:00, duration: 1 hour, parties: [vngoc] }
          - { id: drafting, title: Drafting in Vienna, kind: activity, venue: vic, start: 2016-02-01, end: 2016-02-12, parties: [vngoc] }
          - { id: hearing, title: Stakeholder hearing, venue: unhq, start: 2016-02-10T10:00, end: 2016-02-10T18:00, parties: [vngoc] }
        """
    ]

    let bufferSeconds: Int64

    public init(options: CheckOptions) throws(CheckOptionError) {
        let buffer = try options.duration("buffer", default: Duration(1, .days))
        let unit: Int64
        switch buffer.unit {
        case .minutes: unit = 60
        case .hours: unit = 3600
        case .days: unit = 86_400
        case .weeks: unit = 7 * 86_400
        case .months, .workingDays:
            throw CheckOptionError(
                message: "option 'buffer' of AG303 is a time to travel: give minutes, hours, days or weeks, not \(buffer)",
                location: options.values["buffer"]!.location)
        }
        bufferSeconds = Int64(buffer.amount) * unit
    }

    public func findings(in context: CheckContext) -> [Finding] {
        let plan = context.plan
        let index = context
        let agenda = plan.agenda
        let cities = agenda.venues.compactMapValues { $0.online ? nil : $0.city }
        func city(_ item: PlannedEvent) -> String? {
            agenda.events[item.eventIndex].venue.flatMap { cities[$0.value] }
        }
        let groups = index.itemsGrouped(byEvent: { event in
            let kind = agenda.events[event].kind
            guard !kind.isPoint, kind != .activity, let venue = agenda.events[event].venue?.value, cities[venue] != nil else { return [] }
            return agenda.events[event].parties.map(\.value)
        })
        var findings: [Finding] = []
        for (party, items) in groups {
            // Each event against the one that ends last before it: the journey that must fit.
            var previous: Int?
            for itemIndex in items {
                let item = plan.items[itemIndex]
                defer {
                    if previous == nil || plan.items[previous!].end < item.end { previous = itemIndex }
                }
                guard let before = previous.map({ plan.items[$0] }), let here = city(item), let there = city(before),
                    here != there, !index.areNested(item.eventIndex, before.eventIndex)
                else { continue }
                let gap = item.start.secondsSinceEpoch - before.end.secondsSinceEpoch
                guard gap < bufferSeconds else { continue }
                let event = agenda.events[item.eventIndex]
                let between = gap <= 0 ? "while it is still in \(there)" : "\(Self.hours(gap)) after leaving \(there)"
                findings.append(
                    Finding(
                        "'\(party)' is due in \(here) for '\(item.id)' (\(index.when(item))) \(between) for '\(before.id)'",
                        at: event.parties.first { $0.value == party }?.location ?? event.idLocation,
                        hint: "leave at least \(Self.hours(bufferSeconds)) between cities, or set 'checks: { AG303: { buffer: ... } }'",
                        notes: [.init("'\(before.id)' is in \(there)", at: agenda.events[before.eventIndex].idLocation)],
                        events: [item.eventIndex, before.eventIndex]))
            }
        }
        return findings
    }

    /// `20 hours`, `1 hour 30 minutes`.
    static func hours(_ seconds: Int64) -> String {
        let hours = seconds / 3600
        let minutes = seconds % 3600 / 60
        var parts: [String] = []
        if hours > 0 { parts.append("\(hours) hour\(hours == 1 ? "" : "s")") }
        if minutes > 0 || hours == 0 { parts.append("\(minutes) minute\(minutes == 1 ? "" : "s")") }
        return parts.joined(separator: " ")
    }
}
