/// Explains the network's bounds in words: why an event cannot be placed (the minimal chain of
/// constraints behind the conflict, with the amount it is short by) and why a placed event
/// starts where it does.
struct ConflictReporter {
    let agenda: Agenda

    struct Conflict {
        var diagnostic: Diagnostic
        /// The constraints and written bounds of the minimal chain, set aside to look for more.
        var edges: [Int]
        var bases: [Int]
    }

    /// A bound's derivation, from an event outwards to a fixed event or a written bound.
    struct Step {
        var node: Int
        var side: Network.Side
        var reason: Network.Reason
    }

    // MARK: Conflicts

    func report(_ failure: Network.Failure, in network: Network, order: [Int32]) -> Conflict {
        switch failure {
        case .cycle(let node, let side):
            // Two events can push each other's bounds a step at a time (an event longer than
            // the one it must lie within): on its own, with room to run, such a chain ends in
            // an ordinary empty window, reported as one. Only a chain that never ends is a
            // cycle of minimum gaps.
            let cycle = unique(cycleEdges(from: Int(node), side, in: network))
            // Minimum gaps around a loop of events (`after` and `before` without a maximum)
            // contradict each other whatever the dates: from any start, they push it on
            // without end. That is checked from one arbitrary start.
            let pureGaps = cycle.count >= 2 && cycle.allSatisfy { network.edges[$0].relation != .during && network.edges[$0].max == nil }
            let anchor = cycle.lazy.map { Int(network.edges[$0].carrier) }.first { !network.nodes[$0].fixed }
            if pureGaps, let anchor, let (_, alone) = run(network, edges: cycle, bases: [], order: order, anchor: anchor),
                case .cycle = alone
            {
                return Conflict(diagnostic: describeCycle(cycle, network), edges: cycle, bases: [])
            }
            // The cycle holds on its own: what empties it are the constraints and bounds
            // around it. Their minimal set is the conflict.
            let edges = edgesAround(cycle, in: network)
            let bases = basesOfEvents(touchedBy: edges, and: [Int(node)], in: network)
            return minimized(edges: edges, bases: bases, in: network, order: order, otherwise: failure)
        case .empty(let node):
            var edges: [Int] = []
            var bases: [Int] = []
            for step in trace(Int(node), .lo, network) + trace(Int(node), .hi, network) {
                switch step.reason.kind {
                case .edge where !edges.contains(Int(step.reason.index)): edges.append(Int(step.reason.index))
                case .base where !bases.contains(Int(step.reason.index)): bases.append(Int(step.reason.index))
                default: break
                }
            }
            // The traced chain keeps only the last reason of each bound: the written bounds of
            // every event it touches are added, so the chain surely conflicts on its own.
            bases = unique(bases + basesOfEvents(touchedBy: edges, and: [Int(node)], in: network))
            return minimized(edges: edges, bases: bases, in: network, order: order, otherwise: failure)
        }
    }

    /// Deletion filter: drops every item without which the conflict remains, so the chain
    /// reported is minimal and, run on its own, still infeasible (real).
    private func minimized(
        edges start: [Int], bases startBases: [Int], in network: Network, order: [Int32], otherwise failure: Network.Failure
    ) -> Conflict {
        var edges = start
        var bases = startBases
        guard var (failing, result) = run(network, edges: edges, bases: bases, order: order) else {
            return Conflict(diagnostic: describe(failure, network), edges: edges, bases: bases)
        }
        // A smaller set must fail the same way: an empty window stays an empty window (a
        // set that only runs away once its bounds are gone explains nothing more).
        func sameKind(_ other: Network.Failure) -> Bool {
            switch (result, other) {
            case (.empty, .empty), (.cycle, .cycle): true
            default: false
            }
        }
        for edge in start {
            let fewer = edges.filter { $0 != edge }
            if let smaller = run(network, edges: fewer, bases: bases, order: order), sameKind(smaller.1) {
                edges = fewer
                (failing, result) = smaller
            }
        }
        for base in startBases {
            let fewer = bases.filter { $0 != base }
            if let smaller = run(network, edges: edges, bases: fewer, order: order), sameKind(smaller.1) {
                bases = fewer
                (failing, result) = smaller
            }
        }
        return Conflict(diagnostic: describe(result, failing), edges: edges, bases: bases)
    }

    /// The enabled constraints reachable from these through flexible events (a fixed event
    /// passes no bound on), at most a few thousand.
    private func edgesAround(_ start: [Int], in network: Network) -> [Int] {
        var edges = Set(start)
        var visited = Set<Int>()
        var queue = start.flatMap { [Int(network.edges[$0].carrier), Int(network.edges[$0].other)] }
        while let node = queue.popLast(), edges.count < 4000 {
            guard visited.insert(node).inserted, !network.nodes[node].fixed else { continue }
            for slot in Int(network.offsets[node])..<Int(network.offsets[node + 1]) {
                let edge = Int(network.incidence[slot])
                guard network.edgeEnabled[edge], edges.insert(edge).inserted else { continue }
                queue += [Int(network.edges[edge].carrier), Int(network.edges[edge].other)]
            }
        }
        return edges.sorted()
    }

    private func unique(_ items: [Int]) -> [Int] {
        var seen = Set<Int>()
        return items.filter { seen.insert($0).inserted }
    }

    /// The enabled written bounds of the events these constraints join, and of `extra`.
    private func basesOfEvents(touchedBy edges: [Int], and extra: [Int], in network: Network) -> [Int] {
        var events = Set(extra)
        for edge in edges {
            events.insert(Int(network.edges[edge].carrier))
            events.insert(Int(network.edges[edge].other))
        }
        var result: [Int] = []
        for event in events.sorted() {
            for slot in Int(network.baseOffsets[event])..<Int(network.baseOffsets[event + 1]) {
                let base = Int(network.baseIncidence[slot])
                if network.baseEnabled[base] { result.append(base) }
            }
        }
        return result
    }

    /// The network of only these constraints and bounds, and how it fails, if it does.
    private func run(
        _ network: Network, edges: [Int], bases: [Int], order: [Int32], anchor: Int? = nil
    ) -> (Network, Network.Failure)? {
        var (sub, subOrder) = network.subnetwork(edges: edges, bases: bases, order: order, anchor: anchor)
        guard let failure = sub.propagateFromScratch(order: subOrder) else { return nil }
        return (sub, failure)
    }

    func trace(_ node: Int, _ side: Network.Side, _ network: Network) -> [Step] {
        var steps: [Step] = []
        var visited = Set<Int>()
        var current = (node: node, side: side)
        while visited.insert(current.node * 2 + (current.side == .lo ? 0 : 1)).inserted {
            let reason = current.side == .lo ? network.loReason[current.node] : network.hiReason[current.node]
            if reason.kind == .placed {
                // A placed event's two bounds are equal: the other one says why it is there.
                current = (current.node, current.side == .lo ? .hi : .lo)
                continue
            }
            steps.append(Step(node: current.node, side: current.side, reason: reason))
            guard reason.kind == .edge else { break }
            current = (Int(reason.source), reason.sourceSide)
        }
        return steps
    }

    private func cycleEdges(from node: Int, _ side: Network.Side, in network: Network) -> [Int] {
        var seen: [Int: Int] = [:]
        var path: [Int] = []
        var current = node
        while seen[current] == nil {
            let reason = side == .lo ? network.loReason[current] : network.hiReason[current]
            guard reason.kind == .edge else { break }
            seen[current] = path.count
            path.append(Int(reason.index))
            current = Int(reason.source)
        }
        guard let start = seen[current] else { return path }
        return Array(path[start...])
    }

    private func describe(_ failure: Network.Failure, _ network: Network) -> Diagnostic {
        let y: Int
        switch failure {
        case .cycle(let node, let side): return describeCycle(cycleEdges(from: Int(node), side, in: network), network)
        case .empty(let node): y = Int(node)
        }
        let node = network.nodes[y]
        let event = agenda.events[node.eventIndex]
        let low = network.loReason[y]
        let high = network.hiReason[y]
        let notes = self.notes(for: trace(y, .hi, network) + trace(y, .lo, network), network)
        if node.fixed {
            // The broken rule limits either its start or its end: name the fixed one it limits.
            let (reason, side) = low.kind != .fixed ? (low, Network.Side.lo) : (high, Network.Side.hi)
            let shortfall = side == .lo ? network.lo[y] - node.fixedStart : node.fixedStart - network.hi[y]
            let short = amount(
                shortfall, from: side == .lo ? node.fixedStart : network.hi[y], to: side == .lo ? network.lo[y] : node.fixedStart,
                node.clock)
            let fixedAt: String
            if limitsEnd(reason, network) {
                let allDay = event.start?.value.isDate == true && node.clock.local(Instant(secondsSinceEpoch: node.fixedEnd)).secondOfDay == 0
                fixedAt = allDay
                    ? "to end on \(node.clock.local(Instant(secondsSinceEpoch: node.fixedEnd)).date.adding(days: -1))"
                    : "to end at \(moment(node.fixedEnd, node.clock))"
            } else {
                fixedAt = "to start \(event.start?.value.isDate == true ? "on" : "at") \(moment(node.fixedStart, node.clock))"
            }
            return .error(
                .fixedEventConflict,
                "'\(event.id)' is fixed \(fixedAt) but it \(phrase(reason, y, network)) (\(bound(reason, y, side, network))); short by \(short)",
                at: location(reason, network) ?? event.location, notes: notes)
        }
        let short = amount(network.lo[y] - network.hi[y], from: network.hi[y], to: network.lo[y], node.clock)
        return .error(
            .cannotPlace,
            "'\(event.id)' cannot be placed: it \(phrase(high, y, network)) (\(bound(high, y, .hi, network))) but \(phrase(low, y, network)) (\(bound(low, y, .lo, network))); short by \(short)",
            at: location(high, network) ?? location(low, network) ?? event.location, notes: notes)
    }

    private func describeCycle(_ path: [Int], _ network: Network) -> Diagnostic {
        let cycle = unique(path)
        let parts = cycle.map { sentence(for: network.edges[$0], network) }
        let first = cycle.first.map { network.edges[$0].location }
        return .error(
            .gapCycle, "these constraints contradict each other at any time: \(parts.joined(separator: "; "))",
            at: first, hint: "remove one of them, or shorten a gap",
            notes: cycle.map { .init(sentence(for: network.edges[$0], network), at: network.edges[$0].location) })
    }

    private func notes(for steps: [Step], _ network: Network) -> [Diagnostic.Note] {
        var notes: [Diagnostic.Note] = []
        var seen = Set<String>()
        for step in steps {
            let note: Diagnostic.Note
            switch step.reason.kind {
            case .edge:
                let edge = network.edges[Int(step.reason.index)]
                note = .init(sentence(for: edge, network), at: edge.location)
            case .base:
                let base = network.bases[Int(step.reason.index)]
                note = .init(sentence(for: base, network), at: base.location)
            case .fixed:
                let node = network.nodes[step.node]
                let event = agenda.events[node.eventIndex]
                let last = node.clock.local(Instant(secondsSinceEpoch: node.fixedEnd))
                let end = last.secondOfDay == 0 && event.start?.value.isDate == true
                    ? last.date.adding(days: -1).description : moment(node.fixedEnd, node.clock)
                note = .init(
                    "'\(event.id)' is fixed: \(moment(node.fixedStart, node.clock)) to \(end)", at: event.start?.location ?? event.location)
            case .none, .placed:
                continue
            }
            if seen.insert(note.message + (note.location?.description ?? "")).inserted { notes.append(note) }
        }
        return notes
    }

    // MARK: Words

    private func id(_ node: Int32, _ network: Network) -> String { agenda.events[network.nodes[Int(node)].eventIndex].id }

    private func after(_ gap: Duration) -> String { gap.isZero ? "" : "at least \(gap) " }

    /// What a bound requires of the event it belongs to, in that event's words.
    func phrase(_ reason: Network.Reason, _ node: Int, _ network: Network) -> String {
        switch reason.kind {
        case .none: return "has no bound"
        case .fixed: return "is fixed"
        case .placed: return "was placed there"
        case .base:
            switch network.bases[Int(reason.index)].kind {
            case .notBefore: return "may not start before its 'not_before'"
            case .notAfter: return "must end by its 'not_after'"
            case .agendaStart: return "may not start before the agenda's start"
            case .agendaEnd: return "must end by the agenda's end"
            }
        case .edge:
            let edge = network.edges[Int(reason.index)]
            let c = id(edge.carrier, network)
            let o = id(edge.other, network)
            let max = edge.max.map(\.description) ?? ""
            switch (edge.relation, reason.rule) {
            case (.after, 1): return "must start \(after(edge.gap))after '\(o)' ends"
            case (.after, 2): return "must start at most \(max) after '\(o)' ends"
            case (.after, 3): return "must end \(after(edge.gap))before '\(c)' starts"
            case (.after, _): return "must end at most \(max) before '\(c)' starts"
            case (.before, 1): return "must end \(after(edge.gap))before '\(o)' starts"
            case (.before, 2): return "must start \(after(edge.gap))after '\(c)' ends"
            case (.before, 3): return "must start at most \(max) after '\(c)' ends"
            case (.before, _): return "must end at most \(max) before '\(o)' starts"
            case (.during, 1): return "must lie within '\(o)', which starts"
            case (.during, 2): return "must lie within '\(o)', which ends"
            case (.during, 3): return "must start no later than '\(c)', which lies within it"
            case (.during, _): return "must end no earlier than '\(c)', which lies within it"
            }
        }
    }

    /// A constraint as written, from its carrier's side.
    private func sentence(for edge: Network.Edge, _ network: Network) -> String {
        let c = id(edge.carrier, network)
        let o = id(edge.other, network)
        let most = edge.max.map { ", and at most \($0)" } ?? ""
        switch edge.relation {
        case .after: return "'\(c)' must start \(after(edge.gap))after '\(o)' ends\(most)"
        case .before: return "'\(c)' must end \(after(edge.gap))before '\(o)' starts\(most)"
        case .during: return "'\(c)' must lie within '\(o)'"
        }
    }

    private func sentence(for base: Network.Base, _ network: Network) -> String {
        let node = network.nodes[Int(base.node)]
        let event = agenda.events[node.eventIndex].id
        let when = moment(base.value, node.clock)
        switch base.kind {
        case .notBefore: return "'\(event)' may not start before \(when)"
        case .notAfter: return "'\(event)' must end by \(when)"
        case .agendaStart: return "the agenda starts \(when)"
        case .agendaEnd: return "the agenda ends by \(when)"
        }
    }

    /// Whether a bound's rule limits the event's end (its limit is then shown as is) rather
    /// than its start (then the start it leaves, after working-day rules, is shown).
    func limitsEnd(_ reason: Network.Reason, _ network: Network) -> Bool {
        switch reason.kind {
        case .base:
            let kind = network.bases[Int(reason.index)].kind
            return kind == .notAfter || kind == .agendaEnd
        case .edge:
            switch (network.edges[Int(reason.index)].relation, reason.rule) {
            case (.after, 3), (.after, 4), (.before, 1), (.before, 4), (.during, 2), (.during, 4): return true
            default: return false
            }
        default: return false
        }
    }

    /// The bound a reason gives an event, in words: an end limit, or the start it leaves.
    func bound(_ reason: Network.Reason, _ node: Int, _ side: Network.Side, _ network: Network) -> String {
        let clock = network.nodes[node].clock
        if limitsEnd(reason, network) { return "by " + moment(reason.raw, clock) }
        return moment(side == .lo ? network.lo[node] : network.hi[node], clock)
    }

    func location(_ reason: Network.Reason, _ network: Network) -> SourceLocation? {
        switch reason.kind {
        case .edge: return network.edges[Int(reason.index)].location
        case .base: return network.bases[Int(reason.index)].location
        default: return nil
        }
    }

    /// A local date, or date and time, in the event's zone.
    func moment(_ seconds: Int64, _ clock: EventClock) -> String {
        let wall = clock.local(Instant(secondsSinceEpoch: seconds))
        if wall.secondOfDay == 0 { return wall.date.description }
        let s = wall.secondOfDay
        return "\(wall.date) \(pad(s / 3600, 2)):\(pad(s / 60 % 60, 2))"
    }

    /// How far apart two bounds are: whole days when both are local midnights, else hours and
    /// minutes (rounded up, so a shortfall is never understated).
    func amount(_ seconds: Int64, from earlier: Int64, to later: Int64, _ clock: EventClock) -> String {
        let a = clock.local(Instant(secondsSinceEpoch: earlier))
        let b = clock.local(Instant(secondsSinceEpoch: later))
        if a.secondOfDay == 0 && b.secondOfDay == 0 {
            let days = b.date.daysSinceEpoch - a.date.daysSinceEpoch
            return days == 1 ? "1 day" : "\(days) days"
        }
        let minutes = (seconds + 59) / 60
        let days = minutes / 1440
        let hours = minutes % 1440 / 60
        let rest = minutes % 60
        var parts: [String] = []
        if days > 0 { parts.append(days == 1 ? "1 day" : "\(days) days") }
        if hours > 0 { parts.append(hours == 1 ? "1 hour" : "\(hours) hours") }
        if rest > 0 || parts.isEmpty { parts.append(rest == 1 ? "1 minute" : "\(rest) minutes") }
        return parts.joined(separator: " ")
    }
}

/// The propagated network behind a plan, kept so any event can be explained on demand.
final class PlanTrace: Sendable {
    let agenda: Agenda
    let network: Network
    let reporter: ConflictReporter

    init(agenda: Agenda, network: Network, reporter: ConflictReporter) {
        self.agenda = agenda
        self.network = network
        self.reporter = reporter
    }

    func explanation(for eventID: String) -> Explanation? {
        guard let node = network.nodes.firstIndex(where: { agenda.events[$0.eventIndex].id == eventID }) else { return nil }
        let n = network.nodes[node]
        let policy = n.policy
        if n.fixed {
            let event = agenda.events[n.eventIndex]
            return Explanation(
                eventID: eventID, fixed: true, policy: policy,
                steps: [.init(text: "'\(eventID)' is fixed", bound: reporter.moment(n.fixedStart, n.clock), location: event.start?.location)])
        }
        let side: Network.Side = policy == .asap ? .lo : .hi
        var steps: [Explanation.Step] = []
        for step in reporter.trace(node, side, network) {
            let stepNode = network.nodes[step.node]
            let subject = agenda.events[stepNode.eventIndex]
            switch step.reason.kind {
            case .fixed:
                steps.append(
                    .init(
                        text: "'\(subject.id)' is fixed", bound: reporter.moment(stepNode.fixedStart, stepNode.clock),
                        location: subject.start?.location))
            case .edge, .base:
                let bound = reporter.bound(step.reason, step.node, step.side, network)
                steps.append(
                    .init(
                        text: "'\(subject.id)' \(reporter.phrase(step.reason, step.node, network))", bound: bound,
                        location: reporter.location(step.reason, network)))
            case .none, .placed:
                break
            }
        }
        return Explanation(eventID: eventID, fixed: false, policy: policy, steps: steps)
    }
}
