import AgendaCore

/// What several checks look up about a plan, computed once per check run.
struct PlanIndex {
    let plan: Plan
    /// Event index by id.
    let eventsByID: [String: Int]
    /// For each event, the events it is directly `during`.
    private let parents: [Int: [Int]]

    init(_ plan: Plan) {
        self.plan = plan
        var byID: [String: Int] = [:]
        byID.reserveCapacity(plan.agenda.events.count)
        for (index, event) in plan.agenda.events.enumerated() where byID[event.id] == nil { byID[event.id] = index }
        eventsByID = byID
        var parents: [Int: [Int]] = [:]
        for (index, event) in plan.agenda.events.enumerated() {
            for constraint in event.constraints where constraint.relation == .during {
                if let parent = byID[constraint.event] { parents[index, default: []].append(parent) }
            }
        }
        self.parents = parents
    }

    /// Whether one event lies inside the other through a chain of `during`: a segment never
    /// overlaps the session it belongs to.
    func areNested(_ a: Int, _ b: Int) -> Bool {
        isInside(a, b) || isInside(b, a)
    }

    private func isInside(_ inner: Int, _ outer: Int) -> Bool {
        var stack = parents[inner] ?? []
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
    func calendar(of eventIndex: Int) -> WorkCalendar? {
        let agenda = plan.agenda
        let event = agenda.events[eventIndex]
        let name = event.calendar?.value ?? event.venue.flatMap { agenda.venues[$0.value]?.calendar } ?? agenda.calendar
        guard name != WorkCalendar.noneName else { return nil }
        return agenda.calendars[name]
    }

    /// Plan items (indices) in start order, grouped by a key; items without a key are left out.
    func itemsGrouped(by key: (PlannedEvent) -> [String]) -> [String: [Int]] {
        var groups: [String: [Int]] = [:]
        for (index, item) in plan.items.enumerated() {
            for name in key(item) { groups[name, default: []].append(index) }
        }
        return groups
    }

    /// Items of one group that overlap at least `capacity` others already under way (never
    /// counting an event nested in the other, or two occurrences of one event): each with
    /// those others. `items` is in start order.
    func overlaps(among items: [Int], capacity: Int) -> [(item: Int, others: [Int])] {
        var found: [(item: Int, others: [Int])] = []
        var active: [Int] = []
        for index in items {
            let item = plan.items[index]
            active.removeAll { plan.items[$0].end <= item.start }
            let others = active.filter { other in
                let otherEvent = plan.items[other].eventIndex
                return otherEvent != item.eventIndex && !areNested(otherEvent, item.eventIndex)
                    && plan.items[other].end > item.start && item.end > plan.items[other].start
            }
            if others.count >= capacity { found.append((index, others)) }
            active.append(index)
        }
        return found
    }

    /// The first and last day an item occupies, in its own zone: the day before an exclusive
    /// end at midnight.
    func days(of item: PlannedEvent) -> (first: LocalDate, last: LocalDate) {
        let zone = item.timeZone
        let first = zone.localTime(at: item.start).date
        let end = zone.localTime(at: item.end)
        let last = (item.allDay || (end.secondOfDay == 0 && item.end > item.start)) ? end.date.adding(days: -1) : end.date
        return (first, max(first, last))
    }

    /// `2015-03-09` for an all-day item, `2015-03-09 14:45` for a timed one, in its zone.
    func when(_ item: PlannedEvent) -> String {
        let local = item.timeZone.localTime(at: item.start)
        return item.allDay ? local.date.description : Self.readable(local)
    }

    /// `2015-03-09 14:45`
    static func readable(_ local: LocalDateTime) -> String {
        let second = local.secondOfDay
        let hour = second / 3600
        let minute = second / 60 % 60
        return "\(local.date) \(hour < 10 ? "0" : "")\(hour):\(minute < 10 ? "0" : "")\(minute)"
    }
}
