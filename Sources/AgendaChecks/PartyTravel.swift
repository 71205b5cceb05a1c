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
        let agenda = plan.agenda
        // Cities by number, and the city of each venue (-1 for none: online or unknown).
        var cities: [String] = []
        var cityNumbers: [String: Int32] = [:]
        let cityOfVenue = context.venueIDs.map { id -> Int32 in
            guard let venue = agenda.venues[id], !venue.online else { return -1 }
            if let known = cityNumbers[venue.city] { return known }
            cityNumbers[venue.city] = Int32(cities.count)
            cities.append(venue.city)
            return Int32(cities.count - 1)
        }
        func city(ofItem item: Int32) -> Int32 {
            let venue = context.venueOfEvent[Int(context.itemEvent[Int(item)])]
            return venue < 0 ? -1 : cityOfVenue[Int(venue)]
        }
        // Parties in the order their first event in a city comes (of the events that take
        // their time: the ones grouped by party).
        var order: [Int32] = []
        var seen = [Bool](repeating: false, count: context.partyIDs.count)
        for (event, venue) in context.venueOfEvent.enumerated() where venue >= 0 && cityOfVenue[Int(venue)] >= 0 {
            for party in context.itemsByParty.groups(of: event) where !seen[Int(party)] {
                seen[Int(party)] = true
                order.append(party)
            }
        }
        let hint = "leave at least \(Self.hours(bufferSeconds)) between cities, or set 'checks: { AG303: { buffer: ... } }'"
        var findings: [Finding] = []
        // Events and items are read in place: copying them costs more than a finding.
        agenda.events.withUnsafeBufferPointer { events in
            plan.items.withUnsafeBufferPointer { items in
                for partyNumber in order {
                    let party = context.partyIDs[Int(partyNumber)]
                    // Each event against the one that ends last before it: the journey that must fit.
                    var previous: Int32 = -1
                    for item in context.itemsByParty[partyNumber] {
                        let here = city(ofItem: item)
                        // Online, or at no venue: no journey to or from it.
                        guard here >= 0 else { continue }
                        defer {
                            if previous < 0 || context.itemEnd[Int(previous)] < context.itemEnd[Int(item)] { previous = item }
                        }
                        guard previous >= 0 else { continue }
                        let there = city(ofItem: previous)
                        let (event, before) = (Int(context.itemEvent[Int(item)]), Int(context.itemEvent[Int(previous)]))
                        guard here != there, !context.areNested(event, before) else { continue }
                        let gap = context.itemStart[Int(item)] - context.itemEnd[Int(previous)]
                        guard gap < bufferSeconds else { continue }
                        let thereName = cities[Int(there)]
                        let between = gap <= 0 ? "while it is still in \(thereName)" : "\(Self.hours(gap)) after leaving \(thereName)"
                        findings.append(
                            Finding(
                                "'\(party)' is due in \(cities[Int(here)]) for '\(items[Int(item)].id)' (\(context.when(items[Int(item)]))) \(between) for '\(items[Int(previous)].id)'",
                                at: events[event].parties.first { $0.value == party }?.location ?? events[event].idLocation,
                                hint: hint,
                                notes: [.init("'\(items[Int(previous)].id)' is in \(thereName)", at: events[before].idLocation)],
                                events: [event, before]))
                    }
                }
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
