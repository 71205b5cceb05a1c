import Foundation

/// What checks look up about a plan, computed once per run and shared by every check. Events
/// and plan items are read once, in place, into arrays indexed by event or by item, and
/// venues, parties and calendars are numbered: checks compare numbers instead of copying
/// structs that hold strings and hashing those strings again.
public struct CheckContext: Sendable {
    public let plan: Plan
    /// Event index by id.
    public let eventsByID: [String: Int]
    /// The kind of each event.
    public let eventKinds: [EventKind]
    /// For each event, the events it is directly `during`.
    private let parents: [Int: [Int]]
    /// The calendars events are in, with their days off, and for each event the index of its
    /// own in them (-1 for `none`).
    private let calendars: [WorkCalendar]
    private let calendarDaysOff: [DaysOff]
    private let calendarOfEvent: [Int32]
    /// Working-day counters of `calendars`, built once: a count of working days takes a few
    /// steps, however many days it spans.
    private let counters: [EventClock]
    private static let unrestricted = EventClock(zone: .utc, calendar: .none)
    /// The start and end (seconds since 1970-01-01) and the event index of each plan item.
    public let itemStart: [Int64]
    public let itemEnd: [Int64]
    public let itemEvent: [Int32]
    /// The venue ids events name, numbered as they first come ("" among them when an event
    /// names none), and each event's number (-1 when it names none).
    public let venueIDs: [String]
    public let venueOfEvent: [Int32]
    /// The party ids of the events that take a party's time, numbered as they first come.
    public let partyIDs: [String]
    /// Items of the events that take a room (all but milestones and deadlines), by venue.
    public let itemsByVenue: ItemGroups
    /// Items of the events that take a party's time (neither points nor activities), by party.
    public let itemsByParty: ItemGroups

    /// The lookups of `plan`, made on two cores unless `maxWorkers` is 1.
    public init(_ plan: Plan, maxWorkers: Int? = nil) {
        self.plan = plan
        // Two passes over the events that read different fields: on two cores, each takes the
        // time of one.
        let cores = maxWorkers ?? ProcessInfo.processInfo.activeProcessorCount
        let (places, people) = inParallel(cores > 1, { Places(plan) }, { People(plan) })
        eventsByID = people.eventsByID
        eventKinds = places.kinds
        parents = places.parents
        calendars = places.calendars
        calendarDaysOff = places.calendars.map(DaysOff.init)
        counters = places.calendars.map { EventClock(zone: .utc, calendar: $0) }
        calendarOfEvent = places.calendarOfEvent
        itemStart = people.itemStart
        itemEnd = people.itemEnd
        itemEvent = people.itemEvent
        venueIDs = places.venueIDs
        venueOfEvent = places.venueOfEvent
        partyIDs = people.partyIDs
        (itemsByVenue, itemsByParty) = inParallel(
            cores > 1,
            { ItemGroups(count: places.venueIDs.count, keyStarts: places.roomStarts, keys: places.rooms, itemEvents: people.itemEvent) },
            { ItemGroups(count: people.partyIDs.count, keyStarts: people.timeStarts, keys: people.times, itemEvents: people.itemEvent) })
    }

    /// Where events are: venues, calendars, nesting, kinds.
    private struct Places: Sendable {
        var kinds: [EventKind] = []
        var parents: [Int: [Int]] = [:]
        var calendars: [WorkCalendar] = []
        var calendarOfEvent: [Int32] = []
        var venueIDs: [String] = []
        var venueOfEvent: [Int32] = []
        /// The venue of each event that takes a room: those of event `e` (one or none) are
        /// `rooms[roomStarts[e]..<roomStarts[e + 1]]`.
        var roomStarts: [Int32] = [0]
        var rooms: [Int32] = []

        init(_ plan: Plan) {
            let agenda = plan.agenda
            let eventCount = agenda.events.count
            kinds.reserveCapacity(eventCount)
            calendarOfEvent.reserveCapacity(eventCount)
            venueOfEvent.reserveCapacity(eventCount)
            roomStarts.reserveCapacity(eventCount + 1)
            var calendarNumbers: [String: Int32] = [:]
            var venues = StringNumbering()
            // The calendar of the events at each venue that name none of their own (-2: not yet known).
            var calendarOfVenue: [Int32] = []
            func calendarNumber(_ name: String) -> Int32 {
                guard name != WorkCalendar.noneName, let calendar = agenda.calendars[name] else { return -1 }
                if let known = calendarNumbers[name] { return known }
                calendarNumbers[name] = Int32(calendars.count)
                calendars.append(calendar)
                return Int32(calendars.count - 1)
            }
            // Events are read in place: copying each one costs more than the work done with it.
            agenda.events.withUnsafeBufferPointer { events in
                var byID: [String: Int] = [:]
                func eventIndex(of id: String) -> Int? {
                    // Planning has resolved every id already; a plan made elsewhere may not carry them.
                    if !plan.eventIndexByID.isEmpty { return plan.eventIndexByID[id].map(Int.init) }
                    if byID.isEmpty { for index in events.indices where byID[events[index].id] == nil { byID[events[index].id] = index } }
                    return byID[id]
                }
                for index in events.indices {
                    let kind = events[index].kind
                    kinds.append(kind)
                    // Constraints are read in place too: most are not `during`.
                    events[index].constraints.withUnsafeBufferPointer { constraints in
                        for position in constraints.indices where constraints[position].relation == .during {
                            if let parent = eventIndex(of: constraints[position].event) { parents[index, default: []].append(parent) }
                        }
                    }
                    // An event without a venue takes the calendar of the venue id "", which is
                    // the agenda's unless a venue has that id.
                    let venueID = events[index].venue?.value
                    let hasVenue = venueID != nil
                    let venue = venues.number(venueID ?? "")
                    if venue == calendarOfVenue.count { calendarOfVenue.append(-2) }
                    venueOfEvent.append(hasVenue ? venue : -1)
                    if let own = events[index].calendar?.value {
                        calendarOfEvent.append(calendarNumber(own))
                    } else {
                        if calendarOfVenue[Int(venue)] == -2 {
                            calendarOfVenue[Int(venue)] = calendarNumber(agenda.venues[venueID ?? ""]?.calendar ?? agenda.calendar)
                        }
                        calendarOfEvent.append(calendarOfVenue[Int(venue)])
                    }
                    // Milestones and deadlines take no room.
                    if !kind.isPoint && hasVenue { rooms.append(venue) }
                    roomStarts.append(Int32(rooms.count))
                }
            }
            venueIDs = venues.strings
        }
    }

    /// Who takes part and when: the parties of each event that takes their time, events by
    /// id, and the times of the items.
    private struct People: Sendable {
        var eventsByID: [String: Int] = [:]
        var partyIDs: [String] = []
        /// The parties of event `e` are `times[timeStarts[e]..<timeStarts[e + 1]]`: none for
        /// milestones, deadlines and activities, which take no one's time.
        var timeStarts: [Int32] = [0]
        var times: [Int32] = []
        var itemStart: [Int64] = []
        var itemEnd: [Int64] = []
        var itemEvent: [Int32] = []

        init(_ plan: Plan) {
            let agenda = plan.agenda
            timeStarts.reserveCapacity(agenda.events.count + 1)
            var byID = plan.eventIndexByID.mapValues { Int($0) }
            var parties = StringNumbering()
            // Events are read in place: copying each one costs more than the work done with it.
            agenda.events.withUnsafeBufferPointer { events in
                // Planning has resolved every id already; a plan made elsewhere may not carry them.
                if byID.isEmpty {
                    for index in events.indices where byID[events[index].id] == nil { byID[events[index].id] = index }
                }
                for index in events.indices {
                    let kind = events[index].kind
                    if !kind.isPoint && kind != .activity {
                        for party in events[index].parties { times.append(parties.number(party.value)) }
                    }
                    timeStarts.append(Int32(times.count))
                }
            }
            eventsByID = byID
            partyIDs = parties.strings
            itemStart = [Int64](repeating: 0, count: plan.items.count)
            itemEnd = [Int64](repeating: 0, count: plan.items.count)
            itemEvent = [Int32](repeating: 0, count: plan.items.count)
            plan.items.withUnsafeBufferPointer { items in
                for index in items.indices {
                    itemStart[index] = items[index].start.secondsSinceEpoch
                    itemEnd[index] = items[index].end.secondsSinceEpoch
                    itemEvent[index] = Int32(items[index].eventIndex)
                }
            }
        }
    }

    /// Whether one event lies inside the other through a chain of `during`: a segment never
    /// overlaps the session it belongs to.
    public func areNested(_ a: Int, _ b: Int) -> Bool {
        isInside(a, b) || isInside(b, a)
    }

    private func isInside(_ inner: Int, _ outer: Int) -> Bool {
        // Most agendas nest nothing: no lookup then.
        guard !parents.isEmpty, let direct = parents[inner] else { return false }
        if direct.contains(outer) { return true }
        var stack = direct
        var seen = Set<Int>()
        while let next = stack.popLast() {
            if next == outer { return true }
            guard seen.insert(next).inserted else { continue }
            stack += parents[next] ?? []
        }
        return false
    }

    /// The working calendar of an event: its own, else its venue's, else the agenda's; nil
    /// when it is `none`.
    public func calendar(of eventIndex: Int) -> WorkCalendar? {
        calendarOfEvent[eventIndex] < 0 ? nil : calendars[Int(calendarOfEvent[eventIndex])]
    }

    /// Counts the working days of an event's calendar (every day for `none`).
    public func workingDays(of eventIndex: Int) -> EventClock {
        calendarOfEvent[eventIndex] < 0 ? Self.unrestricted : counters[Int(calendarOfEvent[eventIndex])]
    }

    /// The days off of an event's working calendar; nil when it is `none`.
    public func daysOff(of eventIndex: Int) -> DaysOff? {
        calendarOfEvent[eventIndex] < 0 ? nil : calendarDaysOff[Int(calendarOfEvent[eventIndex])]
    }

    /// Items of one group that overlap at least `capacity` others already under way (never
    /// counting an event nested in the other, or two occurrences of one event): each with
    /// those others, in start order. `items` is in start order.
    public func overlaps(among items: ArraySlice<Int32>, capacity: Int) -> [(item: Int, others: [Int])] {
        var found: [(item: Int, others: [Int])] = []
        // The items under way, the one that ends first on top: what has ended leaves from there.
        var underway = MinHeap<Underway>()
        for item in items {
            let start = itemStart[Int(item)]
            let end = itemEnd[Int(item)]
            let event = itemEvent[Int(item)]
            while let first = underway.first, first.end <= start { underway.pop() }
            defer { underway.push(Underway(end: end, item: item)) }
            // Fewer events under way than the group holds: no overlap to report.
            guard underway.count >= capacity else { continue }
            func overlaps(_ other: Int32) -> Bool {
                let otherEvent = itemEvent[Int(other)]
                return otherEvent != event && end > itemStart[Int(other)] && !areNested(Int(otherEvent), Int(event))
            }
            // Counted first: most items overlap too few others to need the list.
            let others = underway.elements.lazy.map(\.item)
            guard others.count(where: overlaps) >= capacity else { continue }
            found.append((Int(item), others.filter(overlaps).sorted().map(Int.init)))
        }
        return found
    }

    /// As `overlaps(among:capacity:)`, for items given as `Int`.
    public func overlaps(among items: [Int], capacity: Int) -> [(item: Int, others: [Int])] {
        overlaps(among: ArraySlice(items.map(Int32.init)), capacity: capacity)
    }

    /// The first and last day an item occupies, in its own zone: the day before an exclusive
    /// end at midnight.
    public func days(of item: PlannedEvent) -> (first: LocalDate, last: LocalDate) {
        let zone = item.timeZone
        let first = zone.localTime(at: item.start).date
        let end = zone.localTime(at: item.end)
        let last = (item.allDay || (end.secondOfDay == 0 && item.end > item.start)) ? end.date.adding(days: -1) : end.date
        return (first, max(first, last))
    }

    /// `2015-03-09` for an all-day item, `2015-03-09 14:45` for a timed one, in its zone.
    public func when(_ item: PlannedEvent) -> String {
        let local = item.timeZone.localTime(at: item.start)
        return item.allDay ? local.date.description : Self.readable(local)
    }

    /// `2015-03-09 14:45`
    public static func readable(_ local: LocalDateTime) -> String {
        let second = local.secondOfDay
        // Written digit by digit: a finding may name two times, and there are thousands.
        guard (0...9999).contains(local.date.components.year) else {
            return "\(local.date) \(pad(second / 3600, 2)):\(pad(second / 60 % 60, 2))"
        }
        return String(unsafeUninitializedCapacity: 16) { text in
            local.date.writeISO(into: text, at: 0)
            text[10] = UInt8(ascii: " ")
            writeDigits(second / 3600, width: 2, into: text, at: 11)
            text[13] = UInt8(ascii: ":")
            writeDigits(second / 60 % 60, width: 2, into: text, at: 14)
            return 16
        }
    }
}

/// A plan item under way in an overlap sweep, ordered by its end.
private struct Underway: Comparable {
    var end: Int64
    var item: Int32

    static func < (a: Underway, b: Underway) -> Bool { a.end < b.end }
    static func == (a: Underway, b: Underway) -> Bool { a.end == b.end }
}

/// `first()` and `second()`, the second on another core when `parallel`.
private func inParallel<First: Sendable, Second: Sendable>(
    _ parallel: Bool, _ first: @Sendable () -> First, _ second: @Sendable () -> Second
) -> (First, Second) {
    guard parallel else { return (first(), second()) }
    let firsts = WorkerSlots<First>(count: 1)
    let seconds = WorkerSlots<Second>(count: 1)
    DispatchQueue.concurrentPerform(iterations: 2) { index in
        if index == 0 { firsts.store(first(), at: 0) } else { seconds.store(second(), at: 0) }
    }
    return (firsts.take(at: 0), seconds.take(at: 0))
}
