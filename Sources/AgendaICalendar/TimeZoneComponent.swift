import AgendaCore
import Foundation

/// VTIMEZONE components (RFC 5545, section 3.6.5) built from the time-zone database: each
/// real transition that shapes the span of the events is written as its own observance, with
/// no rules for a client to extrapolate, so every client reads the same offsets.
struct TimeZoneComponent {
    let zone: TimeZoneRules
    /// From the first start to the last end of the events written in this zone.
    let span: ClosedRange<Instant>

    func write(to lines: inout ContentLines, abbreviations: inout ZoneAbbreviations) {
        lines.fixedLine("BEGIN:VTIMEZONE")
        lines.line("TZID:", zone.identifier)
        let transitions = zone.transitions(shaping: span)
        if transitions.isEmpty {
            // One offset throughout: a single observance from before any event.
            let offset = zone.offset(at: span.lowerBound)
            observance(
                "STANDARD", onset: LocalDateTime(secondsSinceEpoch: 0), from: offset, to: offset,
                name: abbreviations.abbreviation(zone, at: span.lowerBound), to: &lines)
        } else {
            let foundationZone = TimeZone(identifier: zone.identifier)
            for transition in transitions {
                let date = Date(timeIntervalSince1970: TimeInterval(transition.instant.secondsSinceEpoch))
                let daylight = foundationZone?.isDaylightSavingTime(for: date) ?? (transition.offsetAfter > transition.offsetBefore)
                // The onset is the wall-clock time the change happens at, read in the old offset.
                let onset = LocalDateTime(secondsSinceEpoch: transition.instant.secondsSinceEpoch + Int64(transition.offsetBefore))
                observance(
                    daylight ? "DAYLIGHT" : "STANDARD", onset: onset, from: transition.offsetBefore, to: transition.offsetAfter,
                    name: abbreviations.abbreviation(zone, at: transition.instant), to: &lines)
            }
        }
        lines.fixedLine("END:VTIMEZONE")
    }

    private func observance(_ kind: String, onset: LocalDateTime, from: Int, to: Int, name: String, to lines: inout ContentLines) {
        lines.line("BEGIN:", kind)
        lines.begin("DTSTART:")
        lines.local(onset)
        lines.end()
        lines.begin("TZOFFSETFROM:")
        lines.offset(from)
        lines.end()
        lines.begin("TZOFFSETTO:")
        lines.offset(to)
        lines.end()
        lines.text("TZNAME:", name)
        lines.line("END:", kind)
    }
}
