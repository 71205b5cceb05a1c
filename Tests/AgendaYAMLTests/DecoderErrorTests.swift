import AgendaCore
import AgendaYAML
import Testing

/// Every problem is reported in one run, each at the value or key it concerns.
@Suite("Decoder errors")
struct DecoderErrorTests {
    @Test func unknownKeysSuggestTheNearestKnownOne() {
        expectErrors(
            """
            agenda: { id: a, 1️⃣titel: x }
            2️⃣venus: {}
            events:
              - { id: e, title: E, start: 2016-01-01, end: 2016-01-01, 3️⃣durration: 1 day }
              - { id: f, title: F, start: 2016-01-01, end: 2016-01-01, after: { event: e, 4️⃣gapp: 1 day } }
              - { id: g, title: G, start: 2016-01-01, end: 2016-01-01, 5️⃣zzzzzzzzzzz: 1 }
            """,
            [
                .init(1, .unknownKey, "unknown key 'titel' in 'agenda'; did you mean 'title'?"),
                .init(2, .unknownKey, "did you mean 'venues'?"),
                .init(3, .unknownKey, "did you mean 'duration'?"),
                .init(4, .unknownKey, "did you mean 'gap'?"),
                .init(5, .unknownKey, "the keys allowed here are 'id', 'title'"),
            ])
    }

    @Test func wrongTypesAtEveryLevel() {
        expectErrors(
            """
            agenda: { id: 1️⃣[a], title: 2️⃣{ x: 1 }, schedule: 3️⃣soon, start: 4️⃣tomorrow }
            calendars: { c: { weekends: [sat, 5️⃣funday], hours: 6️⃣9-5 } }
            venues: { v: { online: 7️⃣yes, capacity: 8️⃣two } }
            events: 9️⃣twelve
            """,
            [
                .init(1, .wrongType, "agenda id must be a single value, not a list"),
                .init(2, .wrongType, "'title' must be a single value, not a mapping"),
                .init(3, .invalidValue, "'soon' is not a valid schedule"),
                .init(4, .invalidDate, "'tomorrow' is not a date"),
                .init(5, .invalidValue, "'funday' is not a day of the week; did you mean 'sunday'?"),
                .init(6, .invalidTime, "'9-5' is not a span of hours"),
                .init(7, .wrongType, "'online' must be true or false, not 'yes'"),
                .init(8, .wrongType, "'capacity' must be a whole number, not 'two'"),
                .init(9, .wrongType, "'events' must be a list of events"),
            ])
    }

    @Test func wrongTypesInEvents() {
        expectErrors(
            """
            agenda: { id: a }
            events:
              - id: e
                title: E
                kind: 1️⃣sesion
                start: 2️⃣[2016-01-01]
                duration: 3️⃣-2 days
                parties: [4️⃣{ a: b }]
                status: 5️⃣maybe
                after: 6️⃣{ gap: 2 days }
                repeat: 7️⃣weekly
                not_before: 8️⃣2016-13-01
                tags: 9️⃣{ a: 1 }
            """,
            [
                .init(1, .invalidValue, "'sesion' is not a valid event kind; did you mean 'session'?"),
                .init(2, .wrongType, "'start' must be a single value, not a list"),
                .init(3, .invalidDuration, "is negative"),
                .init(4, .wrongType, "a party must be a single value, not a mapping"),
                .init(5, .invalidValue, "'maybe' is not a valid status"),
                .init(6, .missingKey, "'after' needs the 'event' it refers to"),
                .init(7, .wrongType, "'repeat' must be a mapping"),
                .init(8, .invalidDate, "there is no month 13"),
                .init(9, .wrongType, "a tag must be a single value, not a mapping"),
            ])
    }

    @Test func missingRequiredKeys() {
        expectErrors(
            """
            1️⃣agenda: { title: No id }
            events:
              - 2️⃣title: No id
                kind: milestone
                on: 2016-01-01
              - 3️⃣id: no-title
                kind: milestone
                on: 2016-01-01
              - 4️⃣id: no-timing
                title: Neither start nor duration
            """,
            [
                .init(1, .missingKey, "'agenda' has no 'id'"),
                .init(2, .missingKey, "the event has no 'id'"),
                .init(3, .missingKey, "the event 'no-title' has no 'title'"),
                .init(4, .missingKey, "needs a 'start' (a fixed event) or a 'duration'"),
            ])
    }

    @Test func aFileWithoutAnAgendaMapping() {
        expectErrors("1️⃣events: []\n", [.init(1, .missingKey, "the file has no 'agenda' mapping")])
    }

    @Test(arguments: [
        ("1️⃣- a\n", "but this one is a list"),
        ("1️⃣just text\n", "but this one is 'just text'"),
    ])
    func theTopMustBeAMapping(_ text: String, _ message: String) {
        expectErrors(text, [.init(1, .wrongType, message)])
    }

    @Test func duplicateIDsPointAtTheSecondWithANoteAtTheFirst() {
        let (result, source) = load(
            """
            agenda: { id: a }
            venues: { v: {}, 1️⃣v: {} }
            events:
              - { id: 2️⃣x, title: X, start: 2016-01-01, end: 2016-01-01 }
              - { id: 3️⃣x, title: Y, start: 2016-01-02, end: 2016-01-02 }
              - { id: c, title: "C {n}", for_each: { n: [one, One] }, start: 2016-01-01, end: 2016-01-01 }
            """)
        let codes = result.diagnostics.map(\.code)
        // The venue is a repeated mapping key; the events are repeated ids, also after for_each.
        #expect(codes == [.duplicateKey, .duplicateID, .duplicateID])
        let duplicate = result.diagnostics[1]
        #expect(duplicate.location == source.location(3, file: "test.yaml"))
        #expect(duplicate.notes.first?.location == source.location(2, file: "test.yaml"))
        #expect(result.diagnostics[2].message == "the event id 'c-one' is used twice")
        #expect(result.diagnostics[2].hint?.contains("for_each ids") == true)
        #expect(result.diagnostics[0].location == source.location(1, file: "test.yaml"))
    }

    @Test func unknownReferencesOfEveryKind() {
        expectErrors(
            """
            agenda: { id: a, calendar: 1️⃣un-vien }
            calendars: { un-vienna: {} }
            venues: { vic: { calendar: 2️⃣un-vienn } }
            parties: { cnd: CND }
            events:
              - { id: cnd58, title: A, venue: 3️⃣vicc, start: 2015-03-09, end: 2015-03-09, parties: [cnd, 4️⃣cdn] }
              - { id: b, title: B, start: 2015-03-10, end: 2015-03-10, after: 5️⃣cnd85, calendar: 6️⃣nope }
              - { id: c, title: C, start: 2015-03-10, end: 2015-03-10, during: 7️⃣c }
            """,
            [
                .init(1, .unknownReference, "the agenda uses the calendar 'un-vien', which is not defined; did you mean 'un-vienna'?"),
                .init(2, .unknownReference, "venue 'vic' uses the calendar 'un-vienn'"),
                .init(3, .unknownReference, "the venue 'vicc', which is not defined; did you mean 'vic'?"),
                .init(4, .unknownReference, "the party 'cdn', which is not defined; did you mean 'cnd'?"),
                .init(5, .unknownReference, "'b' is 'after' the event 'cnd85', which is not defined; did you mean 'cnd58'?"),
                .init(6, .unknownReference, "the calendar 'nope'"),
                .init(7, .unknownReference, "'c' cannot be 'during' itself"),
            ])
    }

    @Test func impossibleDatesAndTimes() {
        expectErrors(
            """
            agenda: { id: a }
            events:
              - { id: a, title: A, start: 1️⃣2015-02-30, duration: 1 day }
              - { id: b, title: B, start: 2️⃣2016-02-30T10:00, duration: 1h }
              - { id: c, title: C, start: 3️⃣2016-01-01T25:00, duration: 1h }
              - { id: d, title: D, start: 4️⃣2016-01-01T10:00+25:00, duration: 1h }
              - { id: e, title: E, start: 5️⃣2016-1-1, duration: 1 day }
            calendars: { x: { holidays: [6️⃣2015-04-31] } }
            """,
            [
                .init(1, .invalidDate, "'2015-02-30' is not a date: February 2015 has 28 days"),
                .init(2, .invalidDate, "February 2016 has 29 days"),
                .init(3, .invalidTime, "hours run 00-23"),
                .init(4, .invalidTime, "beyond ±18:00"),
                .init(5, .invalidTime, "is not a date or a date-time"),
                .init(6, .invalidDate, "April 2015 has 30 days"),
            ])
    }

    @Test func unknownTimeZonesSuggestARealOne() {
        expectErrors(
            """
            agenda: { id: a, timezone: 1️⃣Europe/Vinna }
            venues:
              a: { timezone: 2️⃣Vienna }
              b: { timezone: 3️⃣GMT+2 }
              c: { timezone: 4️⃣CEST }
            """,
            [
                .init(1, .unknownTimeZone, "'Europe/Vinna' is not an IANA time zone; did you mean 'Europe/Vienna'?"),
                .init(2, .unknownTimeZone, "did you mean 'Europe/Vienna'?"),
                .init(3, .unknownTimeZone, "'GMT+2' is not an IANA time zone"),
                .init(4, .unknownTimeZone, "'CEST' is not an IANA time zone"),
            ])
    }

    @Test func localTimesAtDaylightSavingChangesNameBothOffsets() {
        expectErrors(
            """
            agenda: { id: a, timezone: Europe/Vienna }
            venues: { unhq: { timezone: America/New_York } }
            events:
              - { id: a, title: A, start: 1️⃣2015-03-29T02:30, duration: 1h }
              - { id: b, title: B, start: 2️⃣2015-10-25T02:30, duration: 1h }
              - { id: c, title: C, venue: unhq, start: 3️⃣2016-03-13T02:15, duration: 1h }
              - { id: d, title: D, venue: unhq, start: 4️⃣2016-11-06T01:30, duration: 1h }
              - { id: e, title: E, start: 2015-10-25T02:30+02:00, duration: 1h }
              - { id: f, title: F, venue: unhq, start: 2015-03-29T02:30, duration: 1h }
            """,
            [
                .init(1, .nonexistentLocalTime, "2015-03-29T02:30 does not exist in Europe/Vienna: the clocks jump from +01:00 to +02:00"),
                .init(2, .ambiguousLocalTime, "2015-10-25T02:30 is ambiguous in Europe/Vienna: it occurs at +02:00 and again at +01:00"),
                .init(3, .nonexistentLocalTime, "from -05:00 to -04:00"),
                .init(4, .ambiguousLocalTime, "at -04:00 and again at -05:00"),
            ])
    }

    @Test func endsBeforeStartsAndMaximaBelowMinima() {
        let (result, source) = load(
            """
            agenda: { id: a, start: 2️⃣2016-01-01, end: 1️⃣2015-01-01 }
            events:
              - { id: a, title: A, start: 4️⃣2015-03-09, end: 3️⃣2015-03-07 }
              - { id: b, title: B, start: 2015-03-09T10:00, end: 5️⃣2015-03-09T10:00 }
              - { id: c, title: C, start: 2015-03-09, end: 6️⃣2015-03-09T10:00 }
              - { id: d, title: D, start: 2015-03-09, end: 2015-03-09, after: { event: a, gap: 8️⃣4 weeks, max: 7️⃣2 weeks } }
              - { id: e, title: E, start: 2015-03-09T10:00, repeat: { every: 1 week, until: 9️⃣2015-03-01 }, duration: 1h }
            """)
        let expected: [(Int, DiagnosticCode, Int?)] = [
            (1, .endBeforeStart, 2), (3, .endBeforeStart, 4), (5, .endBeforeStart, nil), (6, .conflictingKeys, nil),
            (7, .endBeforeStart, 8), (9, .endBeforeStart, nil),
        ]
        expectDiagnostics(result, source, expected)
    }

    @Test func keysThatCannotStandTogether() {
        let (result, source) = load(
            """
            agenda: { id: a }
            venues: { v: { 1️⃣parallel: true, 2️⃣capacity: 2 } }
            events:
              - { id: a, title: A, start: 2016-01-01, 3️⃣end: 2016-01-02, 4️⃣duration: 1 day }
              - { id: b, title: B, kind: milestone, on: 2016-01-01, 5️⃣duration: 1 day }
              - { id: c, title: C, 6️⃣on: 2016-01-01, duration: 1 day }
              - { id: d, title: D, start: 2016-01-01T10:00, duration: 1h, repeat: { every: 1 day, 7️⃣until: 2016-02-01, 8️⃣count: 3 } }
              - { id: e, title: E, 9️⃣end: 2016-01-02 }
            """)
        let expected: [(Int, DiagnosticCode, Int?)] = [
            (2, .conflictingKeys, 1), (4, .conflictingKeys, 3), (5, .conflictingKeys, nil), (6, .invalidValue, nil),
            (8, .conflictingKeys, 7), (9, .missingKey, nil),
        ]
        expectDiagnostics(result, source, expected)
    }

    @Test func repeatRulesAreValidated() {
        expectErrors(
            """
            agenda: { id: a }
            events:
              - { id: a, title: A, start: 2016-01-01T10:00, duration: 1h, repeat: 1️⃣{ until: 2016-02-01 } }
              - { id: b, title: B, start: 2016-01-01T10:00, duration: 1h, repeat: 2️⃣{ every: 1 week } }
              - { id: c, title: C, start: 2016-01-01T10:00, duration: 1h, repeat: { every: 3️⃣0 days, count: 2 } }
              - { id: d, title: D, start: 2016-01-01T10:00, duration: 1h, repeat: { every: 4️⃣2 working days, count: 2 } }
              - { id: e, title: E, start: 2016-01-01T10:00, duration: 1h, repeat: { every: 1 day, count: 5️⃣0 } }
              - { id: f, title: F, duration: 1h, 6️⃣repeat: { every: 1 day, count: 2 } }
              - { id: g, title: G, start: 2016-01-01T10:00, duration: 1h, repeat: { every: 1 day, count: 2, except: [7️⃣soon] } }
            """,
            [
                .init(1, .missingKey, "'repeat' needs 'every'"),
                .init(2, .missingKey, "'repeat' needs 'until' (a last date) or 'count'"),
                .init(3, .invalidRepeat, "'every' must be a positive number"),
                .init(4, .invalidRepeat, "'every' must be a positive number"),
                .init(5, .invalidValue, "'count' must be between 1 and 999999999"),
                .init(6, .missingKey, "a repeating event needs a 'start'"),
                .init(7, .invalidDate, "'soon' is not a date"),
            ])
    }

    @Test func forEachProblems() {
        expectErrors(
            """
            agenda: { id: a, start: 2016-01-01, end: 2016-01-01 }
            events:
              - { id: a, title: 1️⃣"A {regoin}", for_each: { region: [x, y] }, duration: 1h }
              - { id: b, title: B, for_each: 2️⃣{}, duration: 1h }
              - { id: c, title: C, for_each: { n: 3️⃣{ a: 1 } }, duration: 1h }
              - { id: d, title: D, for_each: { n: 4️⃣[] }, duration: 1h }
              - { id: e, title: E, for_each: 5️⃣{ n: ["!!!"] }, duration: 1h }
              - { id: f, title: 6️⃣"F {n", for_each: { n: [x] }, duration: 1h }
            """,
            [
                .init(1, .invalidExpansion, "unknown placeholder '{regoin}'; did you mean '{region}'?"),
                .init(2, .invalidExpansion, "'for_each' is empty"),
                .init(3, .wrongType, "for_each 'n' must be a list of values, not a mapping"),
                .init(4, .invalidExpansion, "for_each 'n' has no values"),
                .init(5, .invalidExpansion, "gives an empty id suffix"),
                .init(6, .invalidExpansion, "opens a placeholder with '{' but never closes it"),
            ])
    }

    @Test func invalidIdentifiersAndReservedNames() {
        expectErrors(
            """
            agenda: { id: 1️⃣"my agenda" }
            calendars: { 2️⃣none: {} }
            events:
              - { id: 3️⃣"-x", title: X, start: 2016-01-01, end: 2016-01-01 }
            """,
            [
                .init(1, .invalidIdentifier, "'my agenda' is not a valid agenda id"),
                .init(2, .invalidIdentifier, "'none' is the built-in calendar"),
                .init(3, .invalidIdentifier, "'-x' is not a valid event id"),
            ])
    }

    @Test func everyProblemOfAFileIsReportedInOneRun() {
        let (result, _) = load(
            """
            agenda: { id: a, timezone: Mars/Olympus }
            events:
              - { id: a, title: A, start: 2015-02-30, duration: 1 day }
              - { id: b, title: B, start: 2015-01-01, end: 2015-01-01, kind: sesion }
              - { id: c, title: C, start: 2015-01-01, end: 2015-01-01, after: zz }
              - { id: d, title: D, start: 2015-01-01, end: 2015-01-01, colour: red }
            """)
        #expect(
            result.diagnostics.map(\.code) == [
                .unknownTimeZone, .invalidDate, .invalidValue, .unknownReference, .unknownKey,
            ])
    }

    @Test func aStartAloneGivesNoLength() {
        expectErrors(
            """
            agenda: { id: a }
            events:
              - { id: a, title: A, 1️⃣start: 2016-01-01 }
              - { id: b, title: B, kind: milestone, start: 2016-01-01 }
            """,
            [.init(1, .missingKey, "'a' has a 'start' but no 'end' or 'duration'")])
    }

    @Test func anEventAndAForEachEntryMayNotShareAnID() {
        let (result, source) = load(
            """
            agenda: { id: a, start: 2016-01-01 }
            events:
              - { id: 1️⃣c, title: "C {n}", for_each: { n: [one] }, duration: 1h }
              - { id: 2️⃣c, title: Plain, duration: 1h }
            """)
        #expect(result.diagnostics.map(\.code) == [.duplicateID])
        #expect(result.diagnostics.first?.location == source.location(2, file: "test.yaml"))
        #expect(result.diagnostics.first?.notes.first?.location == source.location(1, file: "test.yaml"))
    }

    @Test func emptyValuesAreNotSilentlyDefaulted() {
        expectErrors(
            """
            agenda: { id: a }
            calendars: { c: { weekends: 1️⃣} }
            events:
              - { id: a, title: 2️⃣"", kind: milestone, on: 2016-01-01 }
            """,
            [
                .init(1, .wrongType, "'weekends' is empty; write [] for a calendar without weekend days"),
                .init(2, .wrongType, "'title' is empty"),
            ])
    }

    @Test func aHolidayListedTwiceIsAWarning() throws {
        let (result, source) = load(
            """
            agenda: { id: a }
            calendars: { c: { holidays: [1️⃣2016-01-01, 2️⃣{ date: 2016-01-01, name: New Year } ] } }
            """)
        #expect(result.diagnostics.map(\.severity) == [.warning])
        #expect(result.diagnostics.first?.location == source.location(2, file: "test.yaml"))
        #expect(result.diagnostics.first?.notes.first?.location == source.location(1, file: "test.yaml"))
        #expect(result.agenda?.calendars["c"]?.holidays.count == 1)
    }
}
