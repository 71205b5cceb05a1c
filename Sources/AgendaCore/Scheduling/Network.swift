/// The temporal constraint network over event starts: for each event a window
/// [earliest start, latest start], narrowed by every constraint in both directions until
/// nothing changes (label-correcting, so maximum lags that close cycles are handled), with the
/// reason for every bound kept so that conflicts and placements can be explained.
struct Network {
    static let negativeInfinity = Int64.min / 4
    static let positiveInfinity = Int64.max / 4

    static func isFinite(_ value: Int64) -> Bool { value > negativeInfinity && value < positiveInfinity }

    /// Where bounds stop: about 140 million years from 1970 either way, far past the dates a
    /// plan holds (0001-01-01 to 9999-12-30) yet far from overflowing. Gaps that push bounds
    /// round a cycle reach the cycle's limit long before this, so they still read as a
    /// cycle; long gaps added up along a chain stop here, and the event is reported out of
    /// range.
    static let earliestBound: Int64 = -(1 << 52)
    static let latestBound: Int64 = 1 << 52

    /// How one event occupies time.
    struct Node {
        var eventIndex: Int
        var clock: EventClock
        var span: EventClock.Span
        var fixed: Bool
        /// For fixed events (a repeating one: its whole series).
        var fixedStart: Int64
        var fixedEnd: Int64
        var policy: SchedulePolicy
        /// Working hours a timed flexible event must fit in, as seconds of the day.
        var hours: Range<Int>?
        var durationSeconds: Int64

        /// Whole days from midnight to midnight; a date start with an hours duration is timed.
        var isAllDay: Bool {
            if case .allDay = span { return true }
            return false
        }
    }

    struct Edge {
        var relation: Constraint.Relation
        /// The event the constraint is written on; its clock counts the gap.
        var carrier: Int32
        var other: Int32
        var gap: Duration
        var max: Duration?
        var location: SourceLocation
    }

    /// A bound written on an event rather than derived from another event.
    enum BaseKind: UInt8 {
        case notBefore, notAfter, agendaStart, agendaEnd
    }

    struct Base {
        var node: Int32
        var kind: BaseKind
        /// A start bound (not_before, agenda start) or an end bound (not_after, agenda end).
        var value: Int64
        var location: SourceLocation?
    }

    enum Side: UInt8 { case lo, hi }

    /// Why a bound has its value.
    struct Reason: Hashable {
        enum Kind: UInt8 { case none, fixed, base, edge, placed }
        var kind: Kind = .none
        /// The edge or base index.
        var index: Int32 = -1
        /// For an edge: which of its four rules, and the bound of the other event it used.
        var rule: UInt8 = 0
        var source: Int32 = -1
        var sourceSide: Side = .lo
        /// The limit the rule gave before it was turned into a start bound (an end limit for
        /// rules that bound the end), for messages.
        var raw: Int64 = 0
    }

    enum Failure: Equatable {
        /// The window of this event is empty.
        case empty(Int32)
        /// Minimum gaps around a cycle keep raising this event's start.
        case cycle(Int32, Side)
    }

    let nodes: [Node]
    /// Each node's clock, apart: reading it from the node copies the whole node.
    let clocks: [EventClock]
    let edges: [Edge]
    /// How often one bound may move before its event is taken to sit on a cycle of gaps.
    /// Without one, a start rises at most once per event on the longest path to it, plus a
    /// few times for written bounds and working days.
    var cycleAllowance: Int
    let bases: [Base]
    var edgeEnabled: [Bool]
    var baseEnabled: [Bool]
    /// Edges by node, compressed: `incidence[offsets[n]..<offsets[n + 1]]`.
    var offsets: [Int32] = []
    var incidence: [Int32] = []
    /// Written bounds by node, compressed the same way.
    var baseOffsets: [Int32] = []
    var baseIncidence: [Int32] = []

    var lo: [Int64] = []
    var hi: [Int64] = []
    var loReason: [Reason] = []
    var hiReason: [Reason] = []
    var updates: [Int32] = []
    var hiUpdates: [Int32] = []
    private var queue: [Int32] = []
    private var head = 0
    private var queued: [Bool] = []
    /// Which bounds of a queued event changed since it was last visited: only the rules that
    /// read those bounds run again.
    private var dirty: [UInt8] = []
    private static let loChanged: UInt8 = 1
    private static let hiChanged: UInt8 = 2

    init(nodes: [Node], edges: [Edge], bases: [Base]) {
        self.nodes = nodes
        clocks = nodes.map(\.clock)
        self.edges = edges
        self.bases = bases
        cycleAllowance = nodes.count + 16
        edgeEnabled = Array(repeating: true, count: edges.count)
        baseEnabled = Array(repeating: true, count: bases.count)
        buildIncidence()
    }

    private mutating func buildIncidence() {
        var degree = [Int32](repeating: 0, count: nodes.count + 1)
        for edge in edges {
            degree[Int(edge.carrier)] += 1
            degree[Int(edge.other)] += 1
        }
        offsets = [Int32](repeating: 0, count: nodes.count + 1)
        for index in 0..<nodes.count { offsets[index + 1] = offsets[index] + degree[index] }
        var fill = offsets
        incidence = [Int32](repeating: 0, count: Int(offsets[nodes.count]))
        for (index, edge) in edges.enumerated() {
            incidence[Int(fill[Int(edge.carrier)])] = Int32(index)
            fill[Int(edge.carrier)] += 1
            incidence[Int(fill[Int(edge.other)])] = Int32(index)
            fill[Int(edge.other)] += 1
        }
        var baseCount = [Int32](repeating: 0, count: nodes.count + 1)
        for base in bases { baseCount[Int(base.node)] += 1 }
        baseOffsets = [Int32](repeating: 0, count: nodes.count + 1)
        for index in 0..<nodes.count { baseOffsets[index + 1] = baseOffsets[index] + baseCount[index] }
        var baseFill = baseOffsets
        baseIncidence = [Int32](repeating: 0, count: bases.count)
        for (index, base) in bases.enumerated() {
            baseIncidence[Int(baseFill[Int(base.node)])] = Int32(index)
            baseFill[Int(base.node)] += 1
        }
    }

    /// The network of just these constraints and written bounds and the events they touch:
    /// a conflict's chain is checked on it at the cost of the chain, not of the agenda.
    func subnetwork(
        edges chosen: [Int], bases chosenBases: [Int], order: [Int32], anchor: Int? = nil
    ) -> (network: Network, order: [Int32]) {
        var index: [Int32: Int32] = [:]
        var subNodes: [Node] = []
        func map(_ node: Int32) -> Int32 {
            if let known = index[node] { return known }
            let new = Int32(subNodes.count)
            index[node] = new
            subNodes.append(nodes[Int(node)])
            return new
        }
        var subEdges: [Edge] = []
        for edge in chosen {
            var copy = edges[edge]
            copy.carrier = map(copy.carrier)
            copy.other = map(copy.other)
            subEdges.append(copy)
        }
        var subBases: [Base] = []
        for base in chosenBases {
            var copy = bases[base]
            copy.node = map(copy.node)
            subBases.append(copy)
        }
        // An arbitrary earliest start for one event: constraints that contradict each other
        // whatever the dates then push its bounds without end.
        if let anchor {
            subBases.append(Base(node: map(Int32(anchor)), kind: .notBefore, value: 946_684_800, location: nil))
        }
        let subOrder = order.compactMap { index[$0] }
        var sub = Network(nodes: subNodes, edges: subEdges, bases: subBases)
        // A few events may push each other a long way before their windows empty.
        sub.cycleAllowance = anchor == nil ? 5_000 : subNodes.count + 64
        return (sub, subOrder)
    }

    // MARK: Running

    /// Sets every window from the fixed events and the enabled written bounds, then narrows
    /// them all, visiting events first in `order`.
    mutating func propagateFromScratch(order: [Int32]) -> Failure? {
        let count = nodes.count
        lo = Array(repeating: Self.negativeInfinity, count: count)
        hi = Array(repeating: Self.positiveInfinity, count: count)
        loReason = Array(repeating: Reason(), count: count)
        hiReason = Array(repeating: Reason(), count: count)
        updates = Array(repeating: 0, count: count)
        hiUpdates = Array(repeating: 0, count: count)
        queue.removeAll(keepingCapacity: true)
        queue.reserveCapacity(count)
        head = 0
        queued = Array(repeating: false, count: count)
        dirty = Array(repeating: 0, count: count)
        for index in 0..<count { setInitialBounds(index) }
        // Events with a bound start the propagation, in topological order, so most bounds are
        // final the first time they are read.
        for node in order { seed(Int(node)) }
        if let failure = firstEmptyWindow(in: order.lazy.map { Int($0) }) { return failure }
        return drain()
    }

    /// A fixed event's own start, or a flexible event's written bounds.
    private mutating func setInitialBounds(_ index: Int) {
        if nodes[index].fixed {
            lo[index] = nodes[index].fixedStart
            hi[index] = nodes[index].fixedStart
            loReason[index] = Reason(kind: .fixed)
            hiReason[index] = Reason(kind: .fixed)
        } else {
            lo[index] = Self.negativeInfinity
            hi[index] = Self.positiveInfinity
            loReason[index] = Reason()
            hiReason[index] = Reason()
        }
        updates[index] = 0
        hiUpdates[index] = 0
        for slot in Int(baseOffsets[index])..<Int(baseOffsets[index + 1]) {
            let base = Int(baseIncidence[slot])
            guard baseEnabled[base] else { continue }
            let value = bases[base].value
            let reason = Reason(kind: .base, index: Int32(base), raw: value)
            switch bases[base].kind {
            case .notBefore, .agendaStart:
                let start = snapForward(index, value)
                if start > lo[index] {
                    lo[index] = start
                    loReason[index] = reason
                }
            case .notAfter, .agendaEnd:
                let start = latestStart(index, endAtMost: value)
                if start < hi[index] {
                    hi[index] = start
                    hiReason[index] = reason
                }
            }
        }
    }

    private mutating func seed(_ index: Int) {
        let flags = (Self.isFinite(lo[index]) ? Self.loChanged : 0) | (Self.isFinite(hi[index]) ? Self.hiChanged : 0)
        if flags != 0 { enqueue(index, flags) }
    }

    private func firstEmptyWindow(in nodes: some Sequence<Int>) -> Failure? {
        nodes.first { lo[$0] > hi[$0] }.map { .empty(Int32($0)) }
    }

    /// After a conflict is set aside, starts these events' windows again from their own
    /// bounds (a conflict never reaches past fixed events, so the rest stays sound) and
    /// finishes the propagation the conflict interrupted.
    mutating func resume(resetting reset: [Int]) -> Failure? {
        for index in reset { setInitialBounds(index) }
        for index in reset {
            seed(index)
            // Fixed neighbours give their bounds again.
            for slot in Int(offsets[index])..<Int(offsets[index + 1]) {
                let edge = edges[Int(incidence[slot])]
                for end in [Int(edge.carrier), Int(edge.other)] where nodes[end].fixed { seed(end) }
            }
        }
        if let failure = firstEmptyWindow(in: reset) { return failure }
        return drain()
    }

    /// Fixes a flexible event's start and narrows the others accordingly.
    mutating func place(_ node: Int, at start: Int64) -> Failure? {
        if start > lo[node], let failure = raise(node, to: start, Reason(kind: .placed, raw: start)) { return failure }
        if start < hi[node], let failure = lower(node, to: start, Reason(kind: .placed, raw: start)) { return failure }
        return drain()
    }

    private mutating func drain() -> Failure? {
        while head < queue.count {
            let node = Int(queue[head])
            head += 1
            queued[node] = false
            let flags = dirty[node]
            dirty[node] = 0
            for slot in Int(offsets[node])..<Int(offsets[node + 1]) {
                let edge = Int(incidence[slot])
                guard edgeEnabled[edge] else { continue }
                if let failure = relax(edge, from: node, flags) {
                    // The rest of the work stays queued, this event's rules included, so
                    // `resume` can finish it once the conflict is set aside.
                    enqueue(node, flags)
                    return failure
                }
            }
            if head > 4096 && head * 2 > queue.count {
                queue.removeFirst(head)
                head = 0
            }
        }
        queue.removeAll(keepingCapacity: true)
        head = 0
        return nil
    }

    private mutating func enqueue(_ node: Int, _ change: UInt8) {
        dirty[node] |= change
        guard !queued[node] else { return }
        queued[node] = true
        queue.append(Int32(node))
    }

    private mutating func raise(_ node: Int, to unclamped: Int64, _ reason: Reason) -> Failure? {
        let value = min(max(unclamped, Self.earliestBound), Self.latestBound)
        guard value > lo[node] else { return nil }
        lo[node] = value
        loReason[node] = reason
        if lo[node] > hi[node] { return .empty(Int32(node)) }
        updates[node] += 1
        if Int(updates[node]) > cycleAllowance { return .cycle(Int32(node), .lo) }
        enqueue(node, Self.loChanged)
        return nil
    }

    private mutating func lower(_ node: Int, to unclamped: Int64, _ reason: Reason) -> Failure? {
        let value = min(max(unclamped, Self.earliestBound), Self.latestBound)
        guard value < hi[node] else { return nil }
        hi[node] = value
        hiReason[node] = reason
        if lo[node] > hi[node] { return .empty(Int32(node)) }
        // The same bound for latest starts, lowered by a cycle of gaps written with `before`.
        hiUpdates[node] += 1
        if Int(hiUpdates[node]) > cycleAllowance { return .cycle(Int32(node), .hi) }
        enqueue(node, Self.hiChanged)
        return nil
    }

    // MARK: The four rules of each constraint

    /// Applies the rules of one constraint that read a bound of `node` that changed: rules 1
    /// and 2 read the other event's bounds (for `before`, rules 1 and 4), rules 3 and 4 the
    /// carrier's.
    private mutating func relax(_ index: Int, from node: Int, _ flags: UInt8) -> Failure? {
        // The edge's fields one by one: a copy of the whole edge retains its location.
        let c = Int(edges[index].carrier)
        let o = Int(edges[index].other)
        let gap = edges[index].gap
        let maxGap = edges[index].max
        let loO = node == o && flags & Self.loChanged != 0
        let hiO = node == o && flags & Self.hiChanged != 0
        let loC = node == c && flags & Self.loChanged != 0
        let hiC = node == c && flags & Self.hiChanged != 0
        let clock = clocks[c]
        func reason(_ rule: UInt8, _ source: Int, _ side: Side, _ raw: Int64) -> Reason {
            Reason(kind: .edge, index: Int32(index), rule: rule, source: Int32(source), sourceSide: side, raw: raw)
        }
        switch edges[index].relation {
        case .after:
            // The carrier starts at least `gap` and at most `max` after the other ends.
            if loO && Self.isFinite(lo[o]) {
                let otherEnd = end(o, startingAt: lo[o])
                let limit = clock.adding(gap, to: instant(otherEnd)).secondsSinceEpoch
                if let failure = raise(c, to: snapForward(c, limit), reason(1, o, .lo, limit)) { return failure }
            }
            if hiO, let max = maxGap, Self.isFinite(hi[o]) {
                let otherEnd = end(o, startingAt: hi[o])
                let limit = clock.adding(max, to: instant(otherEnd)).secondsSinceEpoch
                if let failure = lower(c, to: snapBackward(c, limit), reason(2, o, .hi, limit)) { return failure }
            }
            if hiC && Self.isFinite(hi[c]) {
                let limit = clock.latest(before: instant(hi[c]), gap: gap).secondsSinceEpoch
                if let failure = lower(o, to: latestStart(o, endAtMost: limit), reason(3, c, .hi, limit)) { return failure }
            }
            if loC, let max = maxGap, Self.isFinite(lo[c]) {
                let limit = clock.earliest(after: instant(lo[c]), gap: max).secondsSinceEpoch
                if let failure = raise(o, to: earliestStart(o, endAtLeast: limit), reason(4, c, .lo, limit)) { return failure }
            }
        case .before:
            // The carrier ends at least `gap` and at most `max` before the other starts.
            if hiO && Self.isFinite(hi[o]) {
                let limit = clock.latest(before: instant(hi[o]), gap: gap).secondsSinceEpoch
                if let failure = lower(c, to: latestStart(c, endAtMost: limit), reason(1, o, .hi, limit)) { return failure }
            }
            if loC && Self.isFinite(lo[c]) {
                let carrierEnd = end(c, startingAt: lo[c])
                let limit = clock.adding(gap, to: instant(carrierEnd)).secondsSinceEpoch
                if let failure = raise(o, to: snapForward(o, limit), reason(2, c, .lo, limit)) { return failure }
            }
            if hiC, let max = maxGap, Self.isFinite(hi[c]) {
                let carrierEnd = end(c, startingAt: hi[c])
                let limit = clock.adding(max, to: instant(carrierEnd)).secondsSinceEpoch
                if let failure = lower(o, to: snapBackward(o, limit), reason(3, c, .hi, limit)) { return failure }
            }
            if loO, let max = maxGap, Self.isFinite(lo[o]) {
                let limit = clock.earliest(after: instant(lo[o]), gap: max).secondsSinceEpoch
                if let failure = raise(c, to: earliestStart(c, endAtLeast: limit), reason(4, o, .lo, limit)) { return failure }
            }
        case .during:
            // The carrier lies inside the other.
            if loO && Self.isFinite(lo[o]) {
                if let failure = raise(c, to: snapForward(c, lo[o]), reason(1, o, .lo, lo[o])) { return failure }
            }
            if hiO && Self.isFinite(hi[o]) {
                let limit = end(o, startingAt: hi[o])
                if let failure = lower(c, to: latestStart(c, endAtMost: limit), reason(2, o, .hi, limit)) { return failure }
            }
            if hiC && Self.isFinite(hi[c]) {
                if let failure = lower(o, to: snapBackward(o, hi[c]), reason(3, c, .hi, hi[c])) { return failure }
            }
            if loC && Self.isFinite(lo[c]) {
                let limit = end(c, startingAt: lo[c])
                if let failure = raise(o, to: earliestStart(o, endAtLeast: limit), reason(4, c, .lo, limit)) { return failure }
            }
        }
        return nil
    }

    // MARK: Event shapes

    private func instant(_ seconds: Int64) -> Instant { Instant(secondsSinceEpoch: seconds) }

    // Inlined: called from the mutating rules, a call copies the whole network first.
    @inline(__always)
    func end(_ node: Int, startingAt start: Int64) -> Int64 {
        if nodes[node].fixed { return nodes[node].fixedEnd + (start - nodes[node].fixedStart) }
        let seconds = nodes[node].durationSeconds
        if seconds >= 0 { return start + seconds }
        return clocks[node].end(ofSpan: nodes[node].span, startingAt: instant(start)).secondsSinceEpoch
    }

    /// The first valid start at or after `t`: a working day's midnight for an all-day event,
    /// a time within working hours for a timed one. A fixed event has only its own start, so
    /// any other value is kept and shows up as a conflict.
    func snapForward(_ node: Int, _ t: Int64) -> Int64 {
        // Fixed first, from the field alone: most bounds land on fixed events, and a copy of
        // the node retains its clock.
        if nodes[node].fixed { return t }
        let n = nodes[node]
        switch n.span {
        case .allDay: return snapDayForward(n, t)
        case .timed, .instant:
            guard let hours = n.hours else { return t }
            let clock = n.clock
            let wall = clock.local(instant(t))
            let latest = hours.upperBound - Int(n.durationSeconds)
            if clock.isWorkingDay(wall.date) {
                if wall.secondOfDay <= hours.lowerBound { return at(clock, wall.date, hours.lowerBound) }
                if wall.secondOfDay <= latest { return t }
            }
            return at(clock, clock.workingDay(onOrAfter: wall.date.adding(days: 1)), hours.lowerBound)
        }
    }

    private func snapDayForward(_ n: Node, _ t: Int64) -> Int64 {
        let day = n.clock.workingDay(onOrAfter: n.clock.midnight(atOrAfter: instant(t)))
        return n.clock.midnight(day).secondsSinceEpoch
    }

    func snapBackward(_ node: Int, _ t: Int64) -> Int64 {
        if nodes[node].fixed { return t }
        let n = nodes[node]
        switch n.span {
        case .allDay:
            let day = n.clock.workingDay(onOrBefore: n.clock.midnight(atOrBefore: instant(t)))
            return n.clock.midnight(day).secondsSinceEpoch
        case .timed, .instant:
            guard let hours = n.hours else { return t }
            let clock = n.clock
            let wall = clock.local(instant(t))
            let latest = hours.upperBound - Int(n.durationSeconds)
            if clock.isWorkingDay(wall.date) {
                if wall.secondOfDay >= latest { return at(clock, wall.date, latest) }
                if wall.secondOfDay >= hours.lowerBound { return t }
            }
            return at(clock, clock.workingDay(onOrBefore: wall.date.adding(days: -1)), latest)
        }
    }

    private func at(_ clock: EventClock, _ date: LocalDate, _ second: Int) -> Int64 {
        clock.zone.instant(for: LocalDateTime(date: date, secondOfDay: second)).secondsSinceEpoch
    }

    /// The latest valid start whose end is at most `limit`.
    func latestStart(_ node: Int, endAtMost limit: Int64) -> Int64 {
        if nodes[node].fixed { return nodes[node].fixedStart - max(0, nodes[node].fixedEnd - limit) }
        if nodes[node].durationSeconds >= 0 { return snapBackward(node, limit - nodes[node].durationSeconds) }
        let n = nodes[node]
        if case .allDay(let duration) = n.span, duration.unit == .workingDays {
            // N working days that end by `limit`: the last of them is the last working day
            // that ends by then, the first N - 1 working days before it.
            return n.clock.latest(before: instant(limit), gap: duration).secondsSinceEpoch
        }
        var start = snapBackward(node, limit - approximateLength(n))
        while end(node, startingAt: start) > limit { start = snapBackward(node, start - 1) }
        while true {
            let next = snapForward(node, start + 1)
            guard end(node, startingAt: next) <= limit else { return start }
            start = next
        }
    }

    /// The earliest valid start whose end is at least `limit`.
    func earliestStart(_ node: Int, endAtLeast limit: Int64) -> Int64 {
        if nodes[node].fixed { return nodes[node].fixedStart + max(0, limit - nodes[node].fixedEnd) }
        if nodes[node].durationSeconds >= 0 { return snapForward(node, limit - nodes[node].durationSeconds) }
        let n = nodes[node]
        if case .allDay(let duration) = n.span, duration.unit == .workingDays {
            // The last of the N working days is the first working day that ends at or after
            // `limit`; the start is N - 1 working days before it.
            let clock = n.clock
            let last = clock.workingDay(onOrAfter: clock.midnight(atOrAfter: instant(limit)).adding(days: -1))
            return clock.midnight(clock.workingDay(number: duration.amount, from: last, step: -1)).secondsSinceEpoch
        }
        var start = snapForward(node, limit - approximateLength(n))
        while end(node, startingAt: start) < limit { start = snapForward(node, start + 1) }
        while true {
            let previous = snapBackward(node, start - 1)
            guard end(node, startingAt: previous) >= limit else { return start }
            start = previous
        }
    }

    /// A length close to an all-day event's, so the searches above take few steps.
    private func approximateLength(_ n: Node) -> Int64 {
        guard case .allDay(let duration) = n.span else { return 0 }
        switch duration.unit {
        case .months: return Int64(duration.amount) * 2_629_746  // the mean Gregorian month
        case .weeks: return Int64(duration.amount) * 7 * 86_400
        case .workingDays: return Int64(duration.amount) * 7 * 86_400 / Int64(n.clock.workingDaysPerWeek)
        default: return Int64(duration.amount) * 86_400
        }
    }
}
