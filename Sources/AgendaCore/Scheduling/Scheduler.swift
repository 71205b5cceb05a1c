/// Plans an agenda: fixed events stay where they are, flexible events go to the earliest
/// (`asap`) or latest (`alap`) time their constraints allow, in topological order of the
/// constraints, each placement narrowing the others' windows. When no plan exists, every
/// independent conflict is reported with the minimal chain of constraints behind it.
public struct Scheduler: Sendable {
    /// Conflicts reported in one run at most.
    public var maxConflicts: Int
    /// Occurrences one `repeat` may produce.
    public var maxOccurrences: Int

    public init(maxConflicts: Int = 50, maxOccurrences: Int = Recurrence.maximumOccurrences) {
        self.maxConflicts = maxConflicts
        self.maxOccurrences = maxOccurrences
    }

    public func plan(_ agenda: Agenda) -> Plan {
        var builder = NetworkBuilder(agenda: agenda, maxOccurrences: maxOccurrences)
        builder.build()
        var network = Network(nodes: builder.nodes, edges: builder.edges, bases: builder.bases)
        let order = builder.placementOrder()
        var diagnostics = builder.diagnostics
        let reporter = ConflictReporter(agenda: agenda)
        // A fixed event beyond the dates a plan holds is an input error; planning around it
        // would only report conflicts at dates no one can write.
        let fixedOutOfRange = builder.fixedEventsOutOfRange()
        if !fixedOutOfRange.isEmpty {
            return Plan(agenda: agenda, items: [], diagnostics: (diagnostics + fixedOutOfRange).sorted(), trace: nil)
        }

        // Find every independent conflict: report one, set its constraints aside, restart
        // the events it touched, look again.
        var settled = false
        var components: FlexibleComponents?
        var failure = network.propagateFromScratch(order: order)
        while true {
            guard let current = failure else {
                settled = true
                break
            }
            let conflict = reporter.report(current, in: network, order: order)
            diagnostics.append(conflict.diagnostic)
            guard !conflict.edges.isEmpty || !conflict.bases.isEmpty else { break }
            guard diagnostics.errorCount < maxConflicts else {
                diagnostics.append(
                    Diagnostic(
                        .note, .cannotPlace, "planning stopped after \(maxConflicts) conflicts; more may follow once these are solved",
                        at: nil))
                break
            }
            for edge in conflict.edges { network.edgeEnabled[edge] = false }
            for base in conflict.bases { network.baseEnabled[base] = false }
            if components == nil { components = FlexibleComponents(network) }
            var touched: [Int] = []
            switch current {
            case .empty(let node), .cycle(let node, _): touched.append(Int(node))
            }
            for edge in conflict.edges { touched += [Int(network.edges[edge].carrier), Int(network.edges[edge].other)] }
            for base in conflict.bases { touched.append(Int(network.bases[base].node)) }
            failure = network.resume(resetting: components!.events(around: touched, in: network))
        }
        // With the conflicting constraints set aside the windows are sound: an event with
        // nothing to bound it is reported too, so every problem shows in one run.
        if settled {
            var involved = Set<Int>()
            for (index, edge) in network.edges.enumerated() where !network.edgeEnabled[index] {
                involved.insert(Int(edge.carrier))
                involved.insert(Int(edge.other))
            }
            for (index, base) in network.bases.enumerated() where !network.baseEnabled[index] { involved.insert(Int(base.node)) }
            diagnostics += unboundedEvents(network, agenda: agenda, except: involved)
        }
        if diagnostics.hasErrors {
            return Plan(agenda: agenda, items: [], diagnostics: diagnostics.sorted(), trace: nil)
        }

        // The windows against the fixed events, before anything is placed: slack comes from them.
        let earliest = network.lo
        let latest = network.hi
        // An event whose place lies beyond the dates a plan holds is not placed: its bounds
        // stopped just past them, and placing it there would break its own constraints.
        var outOfRange: [Diagnostic] = []
        for node in order where !network.nodes[Int(node)].fixed {
            let index = Int(node)
            let start = network.nodes[index].policy == .asap ? network.lo[index] : network.hi[index]
            if let error = rangeError(placing: index, at: start, in: network, agenda: agenda) {
                outOfRange.append(error)
                continue
            }
            if let failure = network.place(index, at: start) {
                diagnostics.append(reporter.report(failure, in: network, order: order).diagnostic)
                return Plan(agenda: agenda, items: [], diagnostics: diagnostics.sorted(), trace: nil)
            }
        }
        if !outOfRange.isEmpty {
            return Plan(agenda: agenda, items: [], diagnostics: (diagnostics + outOfRange).sorted(), trace: nil)
        }
        let items = builder.items(network: network, earliest: earliest, latest: latest)
        let trace = PlanTrace(agenda: agenda, network: network, reporter: reporter)
        return Plan(
            agenda: agenda, items: items, diagnostics: diagnostics.sorted(), trace: trace, eventIndexByID: builder.indexByID)
    }

    /// The error for a flexible event whose place would lie beyond the dates a plan holds,
    /// at its id, with a note at the bound that pushes it there.
    private func rangeError(placing node: Int, at start: Int64, in network: Network, agenda: Agenda) -> Diagnostic? {
        let range = network.nodes[node].clock.dateRange
        let past = network.end(node, startingAt: start) > range.end.secondsSinceEpoch
        guard past || start < range.start.secondsSinceEpoch else { return nil }
        let event = agenda.events[network.nodes[node].eventIndex]
        // The bound it would be placed at: its earliest start, or for alap its latest.
        let asap = network.nodes[node].policy == .asap
        let reason = asap ? network.loReason[node] : network.hiReason[node]
        let pushedBy: SourceLocation? =
            switch reason.kind {
            case .edge: network.edges[Int(reason.index)].location
            case .base: network.bases[Int(reason.index)].location
            default: nil
            }
        let boundary = past ? "past \(LocalDate.latest), the last day" : "before \(LocalDate.earliest), the first day"
        return .error(
            .outOfRange, "'\(event.id)' cannot be placed: its constraints push it \(boundary) a plan can hold",
            at: event.idLocation, hint: "shorten it, or the gaps that lead to it",
            notes: pushedBy.map { [.init("its \(asap ? "earliest" : "latest") start comes from here", at: $0)] } ?? [])
    }

    /// An asap event needs a lower bound and an alap event an upper one; without them there is
    /// nowhere to put it. This is an input error: the file must say more.
    /// Events in a reported conflict are left out: setting their constraints aside is what
    /// left them unbounded.
    private func unboundedEvents(_ network: Network, agenda: Agenda, except involved: Set<Int>) -> [Diagnostic] {
        var result: [Diagnostic] = []
        for (index, node) in network.nodes.enumerated() where !node.fixed && !involved.contains(index) {
            let asapUnbounded = node.policy == .asap && !Network.isFinite(network.lo[index])
            let alapUnbounded = node.policy == .alap && !Network.isFinite(network.hi[index])
            guard asapUnbounded || alapUnbounded else { continue }
            let event = agenda.events[node.eventIndex]
            if asapUnbounded {
                result.append(
                    .error(
                        .unboundedEvent, "'\(event.id)' is scheduled as soon as possible but nothing gives it an earliest start",
                        at: event.idLocation,
                        hint: "add 'not_before', an 'after' constraint, or 'start' under 'agenda'"))
            } else {
                result.append(
                    .error(
                        .unboundedEvent, "'\(event.id)' is scheduled as late as possible but nothing gives it a latest end",
                        at: event.idLocation,
                        hint: "add 'not_after', a 'before' constraint, or 'end' under 'agenda'"))
            }
        }
        return result
    }
}

/// Groups of flexible events joined by constraints. Bounds travel between flexible events
/// only; a fixed event never changes, so a conflict stays inside its group and only that
/// group needs to start again once the conflict is set aside.
struct FlexibleComponents {
    private var parent: [Int32]
    private var members: [Int32: [Int]] = [:]

    init(_ network: Network) {
        parent = Array(0..<Int32(network.nodes.count))
        for edge in network.edges where !network.nodes[Int(edge.carrier)].fixed && !network.nodes[Int(edge.other)].fixed {
            let a = root(Int(edge.carrier))
            let b = root(Int(edge.other))
            if a != b { parent[Int(max(a, b))] = min(a, b) }
        }
        for index in network.nodes.indices where !network.nodes[index].fixed {
            members[root(index), default: []].append(index)
        }
    }

    private mutating func root(_ node: Int) -> Int32 {
        var current = Int32(node)
        while parent[Int(current)] != current {
            parent[Int(current)] = parent[Int(parent[Int(current)])]
            current = parent[Int(current)]
        }
        return current
    }

    /// The fixed events among `events`, and every flexible event grouped with the others.
    mutating func events(around events: [Int], in network: Network) -> [Int] {
        var result: [Int] = []
        var roots = Set<Int32>()
        for event in events {
            if network.nodes[event].fixed {
                result.append(event)
            } else if roots.insert(root(event)).inserted {
                result += members[root(event)] ?? [event]
            }
        }
        return result
    }
}

/// Turns the agenda's events and constraints into network nodes, edges and written bounds.
struct NetworkBuilder {
    let agenda: Agenda
    let maxOccurrences: Int
    var nodes: [Network.Node] = []
    var edges: [Network.Edge] = []
    var bases: [Network.Base] = []
    var diagnostics: [Diagnostic] = []
    /// Occurrences of repeating events, by node (nil for the others).
    var occurrences: [[Recurrence.Occurrence]?] = []
    /// Event index by id (the first event of an id).
    var indexByID: [String: Int32] = [:]

    init(agenda: Agenda, maxOccurrences: Int) {
        self.agenda = agenda
        self.maxOccurrences = maxOccurrences
    }

    mutating func build() {
        let events = agenda.events
        nodes.reserveCapacity(events.count)
        occurrences = Array(repeating: nil, count: events.count)
        // One hash per event; the first event of an id keeps it.
        indexByID = Dictionary(events.indices.lazy.map { (events[$0].id, Int32($0)) }, uniquingKeysWith: { first, _ in first })
        // Each event is read through a pointer, field by field: an event passed as a value
        // to a mutating method is copied whole first, at more cost than the work done with it.
        events.withUnsafeBufferPointer { events in
            for index in events.indices {
                nodes.append(node(for: events.baseAddress! + index, at: index))
            }
        }
        for index in events.indices {
            for constraint in events[index].constraints {
                guard let other = indexByID[constraint.event] else { continue }
                edges.append(
                    Network.Edge(
                        relation: constraint.relation, carrier: Int32(index), other: other, gap: constraint.gap,
                        max: constraint.max, location: constraint.location))
            }
        }
    }

    /// Clocks by zone and calendar name: events at the same venue share one.
    private var clocks: [String: EventClock] = [:]
    /// The clock of each venue (the empty name: no venue), for events without a calendar of
    /// their own: the common case costs one lookup.
    private var venueClocks: [String: EventClock] = [:]
    /// The first few of them again, searched first: agendas name a handful of venues, and
    /// comparing a few short ids costs less than hashing one.
    private var firstVenueClocks: [(venue: String, clock: EventClock)] = []

    private mutating func clock(for event: UnsafePointer<Event>) -> EventClock {
        let venueID = event.pointee.venue?.value ?? ""
        guard event.pointee.calendar == nil else { return makeClock(for: event) }
        if let known = firstVenueClocks.first(where: { $0.venue == venueID }) { return known.clock }
        if let known = venueClocks[venueID] { return known }
        let clock = makeClock(for: event)
        venueClocks[venueID] = clock
        if firstVenueClocks.count < 8 { firstVenueClocks.append((venueID, clock)) }
        return clock
    }

    private mutating func makeClock(for event: UnsafePointer<Event>) -> EventClock {
        let venue = event.pointee.venue.flatMap { agenda.venues[$0.value] }
        let zone = venue?.timeZone ?? agenda.timeZone
        let name = event.pointee.calendar?.value ?? venue?.calendar ?? agenda.calendar
        let key = zone.identifier + "\u{0}" + name
        if let known = clocks[key] { return known }
        let calendar = name == WorkCalendar.noneName ? WorkCalendar.none : (agenda.calendars[name] ?? .none)
        let clock = EventClock(zone: zone, calendar: calendar)
        clocks[key] = clock
        return clock
    }

    private mutating func node(for event: UnsafePointer<Event>, at index: Int) -> Network.Node {
        let clock = clock(for: event)
        let zone = clock.zone
        let policy = event.pointee.schedule ?? agenda.schedule
        addBases(for: event, node: index, clock: clock)
        guard let start = event.pointee.start?.value else {
            // Flexible: a point is placed on a day like a one-day all-day event.
            let duration = event.pointee.duration?.value ?? Duration(1, .days)
            let span: EventClock.Span = duration.isElapsed ? .timed(duration) : .allDay(duration)
            var hours: Range<Int>?
            if duration.isElapsed && !clock.isUnrestricted {
                hours = clock.calendar.hours
                if duration.elapsedSeconds! > Int64(clock.calendar.hours.count) {
                    diagnostics.append(
                        .error(
                            .longerThanWorkingHours,
                            "'\(event.pointee.id)' lasts \(duration) but calendar '\(clock.calendar.name)' works \(formatHours(clock.calendar.hours)) a day",
                            at: event.pointee.duration?.location ?? event.pointee.location,
                            hint: "shorten it, give it a duration in days, or widen the calendar's 'hours'"))
                    hours = nil
                }
            }
            return Network.Node(
                eventIndex: index, clock: clock, span: span, fixed: false, fixedStart: 0, fixedEnd: 0, policy: policy,
                hours: hours, durationSeconds: duration.elapsedSeconds ?? -1)
        }
        let startInstant = start.instant(in: zone)
        let span = fixedSpan(event, start: start)
        var end: Instant
        if case .some(let endSpec) = event.pointee.end?.value {
            if case .date(let last) = endSpec {
                end = clock.midnight(last.adding(days: 1))
            } else {
                end = endSpec.instant(in: zone)
            }
        } else {
            end = clock.end(ofSpan: span, startingAt: startInstant)
        }
        var fixedStart = startInstant
        if let rule = event.pointee.repeatRule {
            let allDay = if case .allDay = span { true } else { false }
            let localStart = zone.localTime(at: startInstant)
            // The loader refuses such a rule; an agenda built in code is held to the same limit
            // rather than cut short without a word.
            let count = Recurrence.count(of: rule, start: localStart, zone: zone)
            guard count <= maxOccurrences else {
                diagnostics.append(
                    .error(
                        .limitExceeded,
                        "this 'repeat' makes \(count) occurrences, more than the limit of \(maxOccurrences) occurrences of one 'repeat'",
                        at: rule.endLocation ?? rule.location, hint: "split the series into several events, or repeat less often"))
                return Network.Node(
                    eventIndex: index, clock: clock, span: span, fixed: true, fixedStart: startInstant.secondsSinceEpoch,
                    fixedEnd: end.secondsSinceEpoch, policy: policy, hours: nil, durationSeconds: -1)
            }
            let series = Recurrence.occurrences(
                of: rule, start: localStart, firstEnd: end, allDay: allDay, zone: zone, limit: maxOccurrences)
            occurrences[index] = series
            if let first = series.first, let last = series.last {
                fixedStart = first.start
                end = last.end
            } else {
                diagnostics.append(
                    .error(
                        .invalidRepeat, "every occurrence of '\(event.pointee.id)' is excepted, so the event never takes place",
                        at: rule.location, hint: "remove dates from 'except', or remove the event"))
            }
        }
        return Network.Node(
            eventIndex: index, clock: clock, span: span, fixed: true, fixedStart: fixedStart.secondsSinceEpoch,
            fixedEnd: end.secondsSinceEpoch, policy: policy, hours: nil, durationSeconds: -1)
    }

    /// An error for each fixed event that starts or ends beyond the dates a plan holds in its
    /// zone: at its `end` or `duration`, or for a series at its `until` or `count`.
    func fixedEventsOutOfRange() -> [Diagnostic] {
        var result: [Diagnostic] = []
        for (index, node) in nodes.enumerated() where node.fixed {
            let range = node.clock.dateRange
            // Most events lie well inside: only the others pay for reading their event.
            let start = node.fixedStart
            if start >= range.start.secondsSinceEpoch && start < range.end.secondsSinceEpoch
                && node.fixedEnd <= range.end.secondsSinceEpoch
            {
                continue
            }
            let event = agenda.events[node.eventIndex]
            if node.fixedStart < range.start.secondsSinceEpoch {
                result.append(
                    .error(
                        .outOfRange,
                        "'\(event.id)' starts on \(node.clock.local(Instant(secondsSinceEpoch: node.fixedStart)).date), before \(LocalDate.earliest), the first day a plan can hold",
                        at: event.start?.location ?? event.location, hint: "write a later start"))
            } else if node.fixedStart >= range.end.secondsSinceEpoch && event.repeatRule == nil {
                result.append(
                    .error(
                        .outOfRange,
                        "'\(event.id)' starts on \(node.clock.local(Instant(secondsSinceEpoch: node.fixedStart)).date), after \(LocalDate.latest), the last day a plan can hold",
                        at: event.start?.location ?? event.location, hint: "write an earlier start"))
            } else if node.fixedEnd > range.end.secondsSinceEpoch {
                if let rule = event.repeatRule, let series = occurrences[index],
                    let beyond = series.first(where: { $0.end > range.end })
                {
                    result.append(
                        .error(
                            .outOfRange,
                            "'\(event.id)' repeats past \(LocalDate.latest), the last day a plan can hold: its occurrence of \(node.clock.local(beyond.start).date) ends after it",
                            at: rule.endLocation ?? rule.location, hint: "end the series sooner"))
                } else {
                    result.append(
                        .error(
                            .outOfRange,
                            "'\(event.id)' ends on \(node.clock.local(Instant(secondsSinceEpoch: node.fixedEnd - 1)).date), after \(LocalDate.latest), the last day a plan can hold",
                            at: event.end?.location ?? event.duration?.location ?? event.location, hint: "shorten it"))
                }
            }
        }
        return result
    }

    /// How a fixed event's end follows from its start when no `end` is written.
    private func fixedSpan(_ event: UnsafePointer<Event>, start: TimeSpec) -> EventClock.Span {
        guard let duration = event.pointee.duration?.value else {
            return start.isDate ? .allDay(Duration(1, .days)) : .instant
        }
        if duration.unit == .workingDays || (start.isDate && !duration.isElapsed) { return .allDay(duration) }
        return .timed(duration)
    }

    private mutating func addBases(for event: UnsafePointer<Event>, node: Int, clock: EventClock) {
        let zone = clock.zone
        func endLimit(_ spec: TimeSpec) -> Int64 {
            if case .date(let day) = spec { return clock.midnight(day.adding(days: 1)).secondsSinceEpoch }
            return spec.instant(in: zone).secondsSinceEpoch
        }
        if let notBefore = event.pointee.notBefore {
            bases.append(
                Network.Base(
                    node: Int32(node), kind: .notBefore, value: notBefore.value.instant(in: zone).secondsSinceEpoch,
                    location: notBefore.location))
        }
        if let notAfter = event.pointee.notAfter {
            bases.append(
                Network.Base(node: Int32(node), kind: .notAfter, value: endLimit(notAfter.value), location: notAfter.location))
        }
        // A stored field, not `isFixed`: a computed property would copy the event.
        guard event.pointee.start == nil else { return }
        if let start = agenda.start {
            bases.append(
                Network.Base(
                    node: Int32(node), kind: .agendaStart, value: clock.midnight(start).secondsSinceEpoch, location: agenda.location))
        }
        if let end = agenda.end {
            bases.append(
                Network.Base(
                    node: Int32(node), kind: .agendaEnd, value: clock.midnight(end.adding(days: 1)).secondsSinceEpoch,
                    location: agenda.location))
        }
    }

    /// Topological order of the constraints (`after X`, `during X`: X first; `before X`: this
    /// first; `max` adds no order), ties and cycles in file order.
    func placementOrder() -> [Int32] {
        let count = nodes.count
        // Successors in one flat array, `successors[first[n]..<first[n + 1]]`, in edge order.
        var first = [Int32](repeating: 0, count: count + 1)
        var incoming = [Int](repeating: 0, count: count)
        for index in edges.indices {
            let (from, to) = precedence(edges[index])
            first[Int(from) + 1] += 1
            incoming[Int(to)] += 1
        }
        for index in 0..<count { first[index + 1] += first[index] }
        var fill = first
        var successors = [Int32](repeating: 0, count: edges.count)
        for index in edges.indices {
            let (from, to) = precedence(edges[index])
            successors[Int(fill[Int(from)])] = to
            fill[Int(from)] += 1
        }
        // The events ready from the start are already in file order; only those that become
        // ready later go through the heap. The next event is the first of the two.
        let initial = (0..<Int32(count)).filter { incoming[Int($0)] == 0 }
        var nextInitial = 0
        // Node indices: ties in the topological order go to file order.
        var ready = MinHeap<Int32>()
        var order: [Int32] = []
        order.reserveCapacity(count)
        var placed = [Bool](repeating: false, count: count)
        var nextUnplaced = 0
        while order.count < count {
            let node: Int32
            if nextInitial < initial.count && (ready.first.map { initial[nextInitial] < $0 } ?? true) {
                node = initial[nextInitial]
                nextInitial += 1
            } else if let next = ready.pop() {
                node = next
            } else {
                // A cycle: take the first event in file order that is still waiting.
                while placed[nextUnplaced] { nextUnplaced += 1 }
                node = Int32(nextUnplaced)
            }
            if placed[Int(node)] { continue }
            placed[Int(node)] = true
            order.append(node)
            for slot in Int(first[Int(node)])..<Int(first[Int(node) + 1]) {
                let next = successors[slot]
                incoming[Int(next)] -= 1
                if incoming[Int(next)] == 0 && !placed[Int(next)] { ready.push(next) }
            }
        }
        return order
    }

    /// Which event of a constraint comes first, and which after it.
    private func precedence(_ edge: borrowing Network.Edge) -> (from: Int32, to: Int32) {
        edge.relation == .before ? (edge.carrier, edge.other) : (edge.other, edge.carrier)
    }

    /// Every event and occurrence at its place, sorted by start, end and file order.
    func items(network: Network, earliest: [Int64], latest: [Int64]) -> [PlannedEvent] {
        // Places are sorted first and each item is built once, in order: sorting or moving
        // the items themselves retains and releases their strings over and over.
        var places: [(start: Int64, end: Int64, node: Int32, occurrence: Int32)] = []
        places.reserveCapacity(nodes.count)
        for index in network.nodes.indices {
            if let series = occurrences[index] {
                for (number, occurrence) in series.enumerated() {
                    places.append((occurrence.start.secondsSinceEpoch, occurrence.end.secondsSinceEpoch, Int32(index), Int32(number)))
                }
            } else {
                let start = network.lo[index]
                places.append((start, network.end(index, startingAt: start), Int32(index), -1))
            }
        }
        // File order breaks ties: an event's position, then its occurrence's.
        places.sort { ($0.start, $0.end, $0.node, $0.occurrence) < ($1.start, $1.end, $1.node, $1.occurrence) }
        var result: [PlannedEvent] = []
        result.reserveCapacity(places.count)
        agenda.events.withUnsafeBufferPointer { events in
            var occurrenceIDs = [[String]?](repeating: nil, count: nodes.count)
            for index in nodes.indices {
                guard let series = occurrences[index] else { continue }
                occurrenceIDs[index] = names(of: series, of: events.baseAddress! + network.nodes[index].eventIndex)
            }
            for place in places {
                let index = Int(place.node)
                let eventIndex = network.nodes[index].eventIndex
                let allDay = network.nodes[index].isAllDay
                let fixed = network.nodes[index].fixed
                let clock = network.clocks[index]
                let start = place.start
                if place.occurrence >= 0 {
                    result.append(
                        PlannedEvent(
                            id: occurrenceIDs[index]![Int(place.occurrence)], eventIndex: eventIndex,
                            occurrenceOf: events[eventIndex].id, start: Instant(secondsSinceEpoch: start),
                            end: Instant(secondsSinceEpoch: place.end), allDay: allDay, fixed: true,
                            earliest: Instant(secondsSinceEpoch: start), latest: Instant(secondsSinceEpoch: start), slackSeconds: 0,
                            critical: false, timeZone: clock.zone))
                    continue
                }
                // A window that reaches past the dates a plan holds is open on that side.
                let range = clock.dateRange
                let low = fixed ? start : earliest[index]
                let high = fixed ? start : latest[index]
                let lowBounded = Network.isFinite(low) && low >= range.start.secondsSinceEpoch
                let highBounded = Network.isFinite(high) && high <= range.end.secondsSinceEpoch
                let slack: Int64? = lowBounded && highBounded ? high - low : nil
                result.append(
                    PlannedEvent(
                        id: events[eventIndex].id, eventIndex: eventIndex, start: Instant(secondsSinceEpoch: start),
                        end: Instant(secondsSinceEpoch: place.end), allDay: allDay, fixed: fixed,
                        earliest: lowBounded ? Instant(secondsSinceEpoch: low) : nil,
                        latest: highBounded ? Instant(secondsSinceEpoch: high) : nil, slackSeconds: slack,
                        critical: !fixed && slack == 0, timeZone: clock.zone))
            }
        }
        return result
    }

    /// The ids of a series' occurrences, in its order: `<id>-<date>`, and the time of day for
    /// a series that repeats in hours or minutes.
    private func names(of series: [Recurrence.Occurrence], of event: UnsafePointer<Event>) -> [String] {
        let timed = event.pointee.repeatRule?.every.isElapsed ?? false
        var used = Set<String>()
        var names: [String] = []
        names.reserveCapacity(series.count)
        for occurrence in series {
            let date = occurrence.localStart.date.description
            let suffix = timed ? "-" + occurrenceTime(occurrence.localStart) : ""
            var id = "\(event.pointee.id)-\(date)\(suffix)"
            // A wall time that repeats when the clocks go back gets a second name.
            if !used.insert(id).inserted {
                id += "-2"
                used.insert(id)
            }
            names.append(id)
        }
        return names
    }

    private func occurrenceTime(_ local: LocalDateTime) -> String {
        let second = local.secondOfDay
        return pad(second / 3600, 2) + pad(second / 60 % 60, 2)
    }
}

func formatHours(_ hours: Range<Int>) -> String {
    func hm(_ s: Int) -> String { "\(pad(s / 3600, 2)):\(pad(s / 60 % 60, 2))" }
    return "\(hm(hours.lowerBound))-\(hm(hours.upperBound))"
}

/// The instants a plan may hold in one zone: from the start of 0001-01-01 to the end of
/// 9999-12-30, on its clocks.
struct DateRange {
    let start: Instant
    let end: Instant

    init(zone: TimeZoneRules) {
        start = zone.instant(for: LocalDateTime(date: .earliest, secondOfDay: 0))
        end = zone.instant(for: LocalDateTime(date: LocalDate.latest.adding(days: 1), secondOfDay: 0))
    }
}
