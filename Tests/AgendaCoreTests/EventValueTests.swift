import AgendaCore
import Testing

/// `Event` keeps the fields few events set (windows, `repeat`, `url`, `for`/`lead`,
/// `ignore`) behind a shared reference; it must still behave as a plain value.
@Suite("Events are values")
struct EventValueTests {
    static let here = AgendaCore.SourceLocation(file: "a.yaml", line: 3, column: 5)

    static func event() -> Event {
        var event = Event(id: "hearing", title: "Hearing", location: here)
        event.notBefore = Located(.date(LocalDate(year: 2016, month: 1, day: 4)!), at: here)
        event.repeatRule = RepeatRule(every: Duration(1, .weeks), end: .count(3), at: here)
        event.ignored = [IgnoredCheck(check: "AG301", reason: "shared hall", at: here)]
        return event
    }

    @Test func changingACopyLeavesTheOriginalAsItWas() {
        let original = Self.event()
        var copy = original
        copy.notBefore = nil
        copy.notAfter = Located(.date(LocalDate(year: 2016, month: 2, day: 1)!), at: Self.here)
        copy.url = "https://example.org"
        copy.ignored = []
        #expect(original.notBefore?.value == .date(LocalDate(year: 2016, month: 1, day: 4)!))
        #expect(original.notAfter == nil)
        #expect(original.url == nil)
        #expect(original.ignored.count == 1)
        #expect(original.repeatRule == copy.repeatRule)
        #expect(copy.notBefore == nil)
        #expect(copy.url == "https://example.org")
    }

    @Test func eventsWithTheSameFieldsAreEqualAndHashAlike() {
        var cleared = Self.event()
        cleared.notBefore = nil
        cleared.repeatRule = nil
        cleared.ignored = []
        let fresh = Event(id: "hearing", title: "Hearing", location: Self.here)
        #expect(cleared == fresh)
        #expect(Set([cleared, fresh]).count == 1)

        var rebuilt = fresh
        rebuilt.repeatRule = RepeatRule(every: Duration(1, .weeks), end: .count(3), at: Self.here)
        rebuilt.ignored = [IgnoredCheck(check: "AG301", reason: "shared hall", at: Self.here)]
        rebuilt.notBefore = Located(.date(LocalDate(year: 2016, month: 1, day: 4)!), at: Self.here)
        #expect(rebuilt == Self.event())
        #expect(rebuilt.hashValue == Self.event().hashValue)
        #expect(rebuilt != fresh)
    }
}
