import AgendaCore
import AgendaYAML
import Testing

/// The limits on what an agenda expands to: events after `for_each` and `repeat`, and the
/// nodes `for_each` reads again for each copy. Each is reported once, at the entry with which
/// the agenda passes it, and the agenda stops growing there.
@Suite("Expansion limits")
struct ExpansionLimitTests {
    static let tenEvents = ReadLimits(maxEvents: 10)

    @Test func forEachCopiesAndRepeatOccurrencesCountAsEvents() {
        let agenda = """
            agenda: { id: a, start: 2016-01-01 }
            events:
              - { id: a, title: A, duration: 1h, 1️⃣colour: red }
              - { id: b, title: "B {n}", duration: 1h, for_each: { n: [x, y, z] } }
              - { id: c, title: C, start: 2016-01-04T10:00, duration: 1h, repeat: { every: 1 day, count: 5 } }
              - 2️⃣{ id: d, title: D, start: 2016-01-04T10:00, duration: 1h, repeat: { every: 1 week, until: 2016-01-11 } }
              - { id: e, title: E, duration: 1h, 3️⃣colour: blue }
            """
        // 1 + 3 + 5 events before 'd', whose two occurrences make 11.
        expectErrors(
            agenda,
            [
                .init(1, .unknownKey, "unknown key 'colour' in an event"),
                .init(
                    2, .limitExceeded,
                    "with this entry, the agenda has more than 10 events, counting each for_each copy and each occurrence of a repeat as one; a plan lists every one of them; split the agenda, or repeat less often"
                ),
            ], limits: Self.tenEvents)
        // With room for them, every problem of every entry shows.
        expectErrors(
            agenda,
            [.init(1, .unknownKey, "unknown key 'colour'"), .init(3, .unknownKey, "unknown key 'colour'")],
            limits: ReadLimits(maxEvents: 12))
    }

    @Test func aForEachOverTheLimitIsRefusedBeforeACopyIsMade() {
        let values = "[" + (1...1000).map { "v\($0)" }.joined(separator: ", ") + "]"
        let started = ContinuousClock.now
        expectErrors(
            """
            agenda: { id: a, start: 2016-01-01 }
            events:
              - 1️⃣{ id: a, title: "A {x} {y} {z}", duration: 1h, for_each: { x: &v \(values), y: *v, z: *v } }
            """,
            [.init(1, .limitExceeded, "with this entry, the agenda has more than 1000000 events")])
        // A billion combinations, counted and not built.
        #expect(ContinuousClock.now - started < .seconds(10))
    }

    @Test func forEachCopiesCountTheNodesTheyReadAgain() {
        let tags = "[" + (1...20).map { "t\($0)" }.joined(separator: ", ") + "]"
        // Each copy reads the mapping, 4 keys with their values and the 20 tags: 30 nodes.
        let agenda = """
            agenda: { id: a, start: 2016-01-01 }
            events:
              - 1️⃣{ id: a, title: "A {n}", duration: 1h, tags: \(tags), for_each: { n: [a, b, c, d, e, f] } }
            """
        expectErrors(
            agenda,
            [
                .init(
                    1, .limitExceeded,
                    "with this entry, the events that 'for_each' copies hold more than 150 nodes in all; each copy of this entry reads its 30 nodes again; move long lists out of the entry, or make fewer copies"
                )
            ], limits: ReadLimits(maxExpandedNodes: 150))
        #expect(load(agenda, limits: ReadLimits(maxExpandedNodes: 180)).0.diagnostics.isEmpty)
    }

    @Test func entriesMergedFromAForEachAreReportedWhereTheyAreWritten() {
        expectErrors(
            """
            agenda: { id: a, start: 2016-01-01 }
            events:
              - &each { id: a, title: "A {n}", duration: 1h, for_each: { n: [a, b, c, d] } }
              - { <<: *each, id: b }
              - 1️⃣{ <<: *each, id: c }
            """,
            [.init(1, .limitExceeded, "with this entry, the agenda has more than 10 events")], limits: Self.tenEvents)
    }

    /// Large agendas decode in parallel parts: the entry reported, and the problems kept from
    /// the entries before it, are the same however the parts fall.
    @Test func theLimitIsFoundInFileOrderWhenEventsDecodeInParallel() {
        var text = "agenda: { id: a, start: 2016-01-01 }\nevents:\n"
        for index in 0..<5000 {
            let extra = [10, 4499, 4800].contains(index) ? ", colour: red" : ""
            text += "  - { id: e\(index), title: E, duration: 1h\(extra) }\n"
        }
        let result = AgendaLoader(limits: ReadLimits(maxEvents: 4500)).load(bytes: Array(text.utf8), path: "p.yaml")
        #expect(result.agenda == nil)
        #expect(result.diagnostics.map(\.code) == [.unknownKey, .unknownKey, .limitExceeded])
        // Entry n is on line n + 3; the 4501st passes the limit.
        #expect(result.diagnostics.map { $0.location?.line } == [13, 4502, 4503])
        #expect(result.diagnostics.last?.location?.column == 5)
    }

    @Test func aRepeatOverItsLimitSaysHowManyOccurrencesItMakes() {
        expectErrors(
            """
            agenda: { id: a }
            events:
              - { id: a, title: A, start: 2016-01-01T10:00, duration: 1h, repeat: { every: 1 day, count: 1️⃣10001 } }
              - { id: b, title: B, start: 2016-01-01T10:00, duration: 1h, repeat: { every: 1 hour, until: 2️⃣2018-01-01 } }
              - { id: c, title: C, start: 2016-01-01T10:00, duration: 1h, repeat: { every: 1 day, until: 2018-01-01 } }
              - { id: d, title: D, start: 2016-01-31, end: 2016-01-31, repeat: { every: 1 month, until: 3️⃣3444-08-31 } }
              - { id: e, title: E, start: 2016-01-31, end: 2016-01-31, repeat: { every: 1 month, until: 3444-08-30 } }
            """,
            [
                .init(
                    1, .limitExceeded,
                    "'count' asks for 10001 occurrences, more than the limit of 10000; split the series, or repeat less often"),
                .init(
                    2, .limitExceeded,
                    "this 'repeat' makes 17558 occurrences from 2016-01-01 until 2018-01-01, more than the limit of 10000 occurrences of one 'repeat'; split the series into several events, or repeat less often"
                ),
                // Months without a 31st are skipped and not counted: the 10,001st 31st is
                // in August 3444, and 'e' stops a day before it.
                .init(3, .limitExceeded, "this 'repeat' makes 10001 occurrences from 2016-01-31 until 3444-08-31"),
            ], limits: ReadLimits(maxOccurrences: 10000))
    }
}
