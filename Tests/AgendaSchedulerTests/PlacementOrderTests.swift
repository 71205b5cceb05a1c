import AgendaGenerator
import AgendaYAML
import Testing

@testable import AgendaCore

/// The placement order takes the events ready from the start from a list and the others from
/// a heap; these tests hold it to the rule it implements, written out the slow way: the first
/// waiting event in file order with nothing before it, or, on a cycle, the first waiting event.
@Suite("Placement order")
struct PlacementOrderTests {
    static let location = SourceLocation(file: "order.yaml", line: 1, column: 1)

    /// The rule, one scan of every event per step.
    static func referenceOrder(count: Int, edges: [Network.Edge]) -> [Int32] {
        var incoming = [Int](repeating: 0, count: count)
        let pairs = edges.map { $0.relation == .before ? (Int($0.carrier), Int($0.other)) : (Int($0.other), Int($0.carrier)) }
        for (_, to) in pairs { incoming[to] += 1 }
        var placed = [Bool](repeating: false, count: count)
        var order: [Int32] = []
        while order.count < count {
            let node = (0..<count).first { !placed[$0] && incoming[$0] == 0 } ?? (0..<count).first { !placed[$0] }!
            placed[node] = true
            order.append(Int32(node))
            for (from, to) in pairs where from == node { incoming[to] -= 1 }
        }
        return order
    }

    static func builder(count: Int, edges: [Network.Edge]) -> NetworkBuilder {
        var builder = NetworkBuilder(agenda: Agenda(id: "order", location: location), maxOccurrences: 10)
        let clock = EventClock(zone: .utc, calendar: .none)
        builder.nodes = (0..<count).map {
            Network.Node(
                eventIndex: $0, clock: clock, span: .allDay(Duration(1, .days)), fixed: false, fixedStart: 0, fixedEnd: 0,
                policy: .asap, hours: nil, durationSeconds: -1)
        }
        builder.edges = edges
        return builder
    }

    @Test("matches the rule on random constraints, cycles and self-references included", arguments: 0..<40)
    func randomConstraints(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        let count = Int(rng.next() % 60) + 1
        // Sparse graphs are mostly ordered; dense ones are full of cycles.
        let edgeCount = Int(rng.next() % UInt64(count * (seed % 2 == 0 ? 1 : 3) + 1))
        let relations: [Constraint.Relation] = [.after, .before, .during]
        let edges = (0..<edgeCount).map { _ in
            Network.Edge(
                relation: relations[Int(rng.next() % 3)], carrier: Int32(rng.next() % UInt64(count)),
                other: Int32(rng.next() % UInt64(count)), gap: Duration(0, .days), max: nil, location: Self.location)
        }
        #expect(Self.builder(count: count, edges: edges).placementOrder() == Self.referenceOrder(count: count, edges: edges))
    }

    @Test("matches the rule on generated agendas", arguments: [UInt64(1), 7, 2016])
    func generatedAgendas(seed: UInt64) throws {
        let bytes = Array(AgendaGenerator(events: 400, seed: seed).yaml().utf8)
        let agenda = try #require(AgendaLoader().load(bytes: bytes, path: "generated.yaml").agenda)
        var builder = NetworkBuilder(agenda: agenda, maxOccurrences: Recurrence.maximumOccurrences)
        builder.build()
        #expect(builder.placementOrder() == Self.referenceOrder(count: builder.nodes.count, edges: builder.edges))
    }

    @Test("plan items come sorted by start, end and file order", arguments: [UInt64(3), 2016])
    func itemsSorted(seed: UInt64) throws {
        let bytes = Array(AgendaGenerator(events: 400, seed: seed).yaml().utf8)
        let agenda = try #require(AgendaLoader().load(bytes: bytes, path: "generated.yaml").agenda)
        let plan = Scheduler().plan(agenda)
        #expect(plan.isFeasible)
        let keys = plan.items.map { ($0.start.secondsSinceEpoch, $0.end.secondsSinceEpoch, $0.eventIndex) }
        #expect(zip(keys, keys.dropFirst()).allSatisfy { $0 <= $1 })
        // Every occurrence of a series keeps the name its date gives it.
        for item in plan.items where item.occurrenceOf != nil {
            let date = item.timeZone.localTime(at: item.start).date.description
            #expect(item.id.hasPrefix("\(item.occurrenceOf!)-\(date)"))
        }
    }
}
