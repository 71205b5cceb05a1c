/// What checks look up about a plan, computed once per run and shared by every check.
public struct CheckContext: Sendable {
    public let plan: Plan
    /// Event index by id.
    public let eventsByID: [String: Int]
    /// For each event, the events it is directly `during`.
    private let parents: [Int: [Int]]
    /// For each event, its working calendar (nil for `none`).
    private let calendars: [WorkCalendar?]
    /// The plan items of each event, as one flat list: those of event `e` are
    /// `itemsOfEvents[itemStarts[e]..<itemStarts[e + 1]]`, in start order.
    private let itemStarts: [Int32]
    private let itemsOfEvents: [Int32]
    /// Working-day counters by calendar name, built once: a count of working days takes a
    /// few steps, however many days it spans.
    private let counters: [String: EventClock]
    private static let unrestricted = EventClock(zone: .utc, calendar: .none)

    public init(_ plan: Plan) {
        self.plan = plan
        let agenda = plan.agenda
        // Planning has resolved every id already; a plan made elsewhere may not carry them.
        var byID = plan.eventIndexByID.mapValues { Int($0) }
        var parents: [Int: [Int]] = [:]
        var calendars: [WorkCalendar?] = []
        calendars.reserveCapacity(agenda.events.count)
        // The calendar of events without one of their own, by venue ("" for none).
        var byVenue: [String: WorkCalendar?] = [:]
        func calendar(named name: String) -> WorkCalendar? {
            name == WorkCalendar.noneName ? nil : agenda.calendars[name]
        }
        // Events are read in place: copying each one costs more than the work done with it.
        agenda.events.withUnsafeBufferPointer { events in
            if byID.isEmpty {
                for index in events.indices where byID[events[index].id] == nil { byID[events[index].id] = index }
            }
            for index in events.indices {
                for constraint in events[index].constraints where constraint.relation == .during {
                    if let parent = byID[constraint.event] { parents[index, default: []].append(parent) }
                }
                if let own = events[index].calendar?.value {
                    calendars.append(calendar(named: own))
                    continue
                }
                let venue = events[index].venue?.value ?? ""
                if let known = byVenue[venue] {
                    calendars.append(known)
                } else {
                    let found = calendar(named: agenda.venues[venue]?.calendar ?? agenda.calendar)
                    byVenue[venue] = found
                    calendars.append(found)
                }
            }
        }
        eventsByID = byID
        self.parents = parents
        self.calendars = calendars
        counters = agenda.calendars.mapValues { EventClock(zone: .utc, calendar: $0) }
        var starts = [Int32](repeating: 0, count: agenda.events.count + 1)
        for item in plan.items { starts[item.eventIndex + 1] += 1 }
        for index in 0..<agenda.events.count { starts[index + 1] += starts[index] }
        var next = starts
        var flat = [Int32](repeating: 0, count: plan.items.count)
        for (index, item) in plan.items.enumerated() {
            flat[Int(next[item.eventIndex])] = Int32(index)
            next[item.eventIndex] += 1
        }
        itemStarts = starts
        itemsOfEvents = flat
    }

    /// Plan items (indices, in start order) grouped by keys each event gives (its venue, its
    /// parties); events with no key are left out. Keys are asked once per event, not per item,
    /// and the groups are laid out with one counting pass rather than an array each.
    public func itemsGrouped(byEvent keys: (Int) -> [String]) -> [(key: String, items: [Int])] {
        var keyIDs: [String: Int32] = [:]
        var names: [String] = []
        var pairs: [(key: Int32, event: Int32)] = []
        for index in 0..<plan.agenda.events.count {
            for key in keys(index) {
                let id: Int32
                if let known = keyIDs[key] {
                    id = known
                } else {
                    id = Int32(names.count)
                    keyIDs[key] = id
                    names.append(key)
                }
                pairs.append((id, Int32(index)))
            }
        }
        // Items per key: count, then fill; item indices arrive in plan (start) order per event.
        var counts = [Int](repeating: 0, count: names.count + 1)
        for pair in pairs {
            counts[Int(pair.key) + 1] += Int(itemStarts[Int(pair.event) + 1] - itemStarts[Int(pair.event)])
        }
        for index in 0..<names.count { counts[index + 1] += counts[index] }
        var flat = [Int](repeating: 0, count: counts[names.count])
        var next = counts
        for pair in pairs {
            for position in Int(itemStarts[Int(pair.event)])..<Int(itemStarts[Int(pair.event) + 1]) {
                flat[next[Int(pair.key)]] = Int(itemsOfEvents[position])
                next[Int(pair.key)] += 1
            }
        }
        return names.indices.map { key in
            // Plan items are in start order, so their indices sort into it.
            (names[key], flat[counts[key]..<counts[key + 1]].sorted())
        }
    }

    /// Whether one event lies inside the other through a chain of `during`: a segment never
    /// overlaps the session it belongs to.
    public func areNested(_ a: Int, _ b: Int) -> Bool {
        isInside(a, b) || isInside(b, a)
    }

    private func isInside(_ inner: Int, _ outer: Int) -> Bool {
        guard let direct = parents[inner] else { return false }
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
    public func calendar(of eventIndex: Int) -> WorkCalendar? { calendars[eventIndex] }

    /// Counts the working days of an event's calendar (every day for `none`).
    public func workingDays(of eventIndex: Int) -> EventClock {
        calendars[eventIndex].flatMap { counters[$0.name] } ?? Self.unrestricted
    }

    /// Items of one group that overlap at least `capacity` others already under way (never
    /// counting an event nested in the other, or two occurrences of one event): each with
    /// those others. `items` is in start order.
    public func overlaps(among items: [Int], capacity: Int) -> [(item: Int, others: [Int])] {
        var found: [(item: Int, others: [Int])] = []
        var active: [Int] = []
        var earliestEnd = Int64.max
        // Items are read in place: copying one costs more than comparing it.
        plan.items.withUnsafeBufferPointer { all in
            for index in items {
                let start = all[index].start.secondsSinceEpoch
                let end = all[index].end.secondsSinceEpoch
                let event = all[index].eventIndex
                // Drop what has ended, only when something has: most steps remove nothing.
                if earliestEnd <= start {
                    active.removeAll { all[$0].end.secondsSinceEpoch <= start }
                    earliestEnd = active.map { all[$0].end.secondsSinceEpoch }.min() ?? .max
                }
                defer {
                    active.append(index)
                    earliestEnd = min(earliestEnd, end)
                }
                // Fewer events under way than the venue holds: no overlap to report.
                guard active.count >= capacity else { continue }
                let others = active.filter { other in
                    let otherEvent = all[other].eventIndex
                    return otherEvent != event && !self.areNested(otherEvent, event) && all[other].end.secondsSinceEpoch > start
                        && end > all[other].start.secondsSinceEpoch
                }
                if others.count >= capacity { found.append((index, others)) }
            }
        }
        return found
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
        let hour = second / 3600
        let minute = second / 60 % 60
        return "\(local.date) \(hour < 10 ? "0" : "")\(hour):\(minute < 10 ? "0" : "")\(minute)"
    }
}
