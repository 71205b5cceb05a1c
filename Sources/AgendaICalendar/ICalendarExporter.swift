import AgendaCore

/// iCalendar (RFC 5545): one VEVENT per event, milestones and deadlines as all-day events
/// (calendar apps ignore VTODO), a repeating event as one VEVENT with RRULE and EXDATE, and
/// a VTIMEZONE from the time-zone database for every zone used.
public struct ICalendarExporter: Exporter {
    public init() {}

    public var identifier: String { "ics" }
    public var fileExtension: String { "ics" }
    public var mediaType: String { "text/calendar" }
    public var summary: String { "iCalendar (RFC 5545) for calendar apps: time zones, repeating events, one feed per party" }

    public func export(_ plan: Plan, options: ExportOptions, into output: inout [UInt8]) throws {
        let agenda = plan.agenda
        let entries = Self.entries(of: plan)
        var lines = ContentLines(into: output)
        output = []
        defer { output = lines.bytes }
        var abbreviations = ZoneAbbreviations()

        lines.line("BEGIN", "VCALENDAR")
        lines.line("VERSION", "2.0")
        lines.line("PRODID", "-//AgendaKit//agenda//EN")
        lines.line("CALSCALE", "GREGORIAN")
        lines.line("METHOD", "PUBLISH")
        var name = agenda.title ?? agenda.id
        if let party = options.party { name += " — " + party.name }
        lines.text("X-WR-CALNAME", name)
        for component in Self.timeZones(for: entries) {
            component.write(to: &lines, abbreviations: &abbreviations)
        }
        let stamp = ICalendarTime.utc(options.stamp)
        for entry in entries {
            write(entry, of: plan, stamp: stamp, to: &lines)
        }
        lines.line("END", "VCALENDAR")
    }

    /// One VEVENT to write: a single event, or a whole series.
    struct Entry {
        var item: PlannedEvent
        var series: Series?
        /// In UTC form (`...Z`) rather than with a TZID: zones that are UTC all along, and
        /// series repeated in elapsed hours or minutes, which only UTC keeps exact over a DST change.
        var inUTC: Bool
        var start: Instant { series?.first.start ?? item.start }
        var end: Instant { series?.lastEnd ?? item.end }
    }

    /// A repeating event's recurrence set as RFC 5545 sees it: DTSTART is the first candidate
    /// even when `except` removes it, so COUNT counts as the agenda does.
    struct Series {
        var rule: RepeatRule
        var first: Recurrence.Occurrence
        var last: Recurrence.Occurrence
        var excluded: [Recurrence.Occurrence]
        var lastEnd: Instant
    }

    static func entries(of plan: Plan) -> [Entry] {
        let events = plan.agenda.events
        var seriesDone = Set<Int>()
        var occurrences: [Int: Int] = [:]
        for item in plan.items where item.occurrenceOf != nil { occurrences[item.eventIndex, default: 0] += 1 }
        var entries: [Entry] = []
        entries.reserveCapacity(plan.items.count)
        for item in plan.items {
            let utcZone = isUTC(item.timeZone)
            guard item.occurrenceOf != nil, let rule = events[item.eventIndex].repeatRule else {
                entries.append(Entry(item: item, series: nil, inUTC: utcZone))
                continue
            }
            guard seriesDone.insert(item.eventIndex).inserted else { continue }
            let series = series(
                of: events[item.eventIndex], rule: rule, firstPlanned: item, planned: occurrences[item.eventIndex, default: 1])
            entries.append(Entry(item: item, series: series, inUTC: utcZone || rule.every.isElapsed))
        }
        return entries
    }

    static func series(of event: Event, rule: RepeatRule, firstPlanned item: PlannedEvent, planned: Int) -> Series {
        let zone = item.timeZone
        let start = event.start?.value.instant(in: zone) ?? item.start
        let firstEnd: Instant
        if rule.every.isElapsed {
            firstEnd = Instant(secondsSinceEpoch: start.secondsSinceEpoch + item.end.secondsSinceEpoch - item.start.secondsSinceEpoch)
        } else {
            let wallLength = zone.localTime(at: item.end).secondsSinceEpoch - zone.localTime(at: item.start).secondsSinceEpoch
            firstEnd = zone.instant(for: LocalDateTime(secondsSinceEpoch: zone.localTime(at: start).secondsSinceEpoch + wallLength))
        }
        var everyCandidate = rule
        everyCandidate.except = []
        let candidates = Recurrence.occurrences(
            of: everyCandidate, start: zone.localTime(at: start), firstEnd: firstEnd, zone: zone, limit: planned + rule.except.count)
        let excepted = Set(rule.except)
        let first = candidates.first ?? Recurrence.Occurrence(start: item.start, end: item.end, localStart: zone.localTime(at: item.start))
        return Series(
            rule: rule, first: first, last: candidates.last ?? first,
            excluded: candidates.filter { excepted.contains($0.localStart.date) },
            lastEnd: candidates.map(\.end).max() ?? item.end)
    }

    /// A zone whose offset is zero and has never changed: its times are written as UTC.
    static func isUTC(_ zone: TimeZoneRules) -> Bool {
        let epoch = Instant(secondsSinceEpoch: 0)
        return zone.offset(at: epoch) == 0 && zone.transitions(shaping: epoch...epoch).isEmpty
    }

    /// A VTIMEZONE for every zone a timed entry is written in, by name, each covering the
    /// span of the whole calendar: a client that moves an event within it still finds its
    /// offsets.
    static func timeZones(for entries: [Entry]) -> [TimeZoneComponent] {
        guard let first = entries.map(\.start).min(), let last = entries.map({ max($0.start, $0.end) }).max() else { return [] }
        var zones: [String: TimeZoneRules] = [:]
        for entry in entries where !entry.inUTC && !entry.item.allDay {
            zones[entry.item.timeZone.identifier] = entry.item.timeZone
        }
        return zones.keys.sorted().map { TimeZoneComponent(zone: zones[$0]!, span: first...last) }
    }

    private func write(_ entry: Entry, of plan: Plan, stamp: String, to lines: inout ContentLines) {
        let agenda = plan.agenda
        let event = agenda.events[entry.item.eventIndex]
        let item = entry.item
        lines.line("BEGIN", "VEVENT")
        lines.text("UID", "\(event.id)@\(agenda.id)")
        lines.line("DTSTAMP", stamp)
        if let series = entry.series {
            writeTimes(start: series.first.start, end: series.first.end, entry: entry, to: &lines)
            lines.line("RRULE", Self.rule(series, entry: entry))
            if !series.excluded.isEmpty {
                let values = series.excluded.map { value($0.start, entry: entry) }.joined(separator: ",")
                lines.line("EXDATE" + parameters(entry), values)
            }
        } else {
            writeTimes(start: item.start, end: item.end, entry: entry, to: &lines)
        }
        lines.text("SUMMARY", event.title)
        if let description = Self.description(of: event, item: item, in: agenda) {
            lines.text("DESCRIPTION", description)
        }
        if let venue = event.venue.flatMap({ agenda.venues[$0.value] }) {
            lines.text("LOCATION", venue.name)
        }
        lines.textList("CATEGORIES", [event.kind.rawValue] + event.tags)
        if let status = event.status {
            lines.line("STATUS", status.rawValue.uppercased())
        }
        if let url = event.url {
            lines.line("URL", String(decoding: url.utf8.filter { $0 >= 0x20 && $0 != 0x7F }, as: UTF8.self))
        }
        if event.kind.isPoint {
            lines.line("TRANSP", "TRANSPARENT")
        }
        lines.line("END", "VEVENT")
    }

    /// DTSTART and DTEND. All-day events are dates with an exclusive end; an instant (a
    /// milestone at a time) has no DTEND, which RFC 5545 reads as ending when it starts.
    private func writeTimes(start: Instant, end: Instant, entry: Entry, to lines: inout ContentLines) {
        lines.line("DTSTART" + parameters(entry), value(start, entry: entry))
        if end != start {
            lines.line("DTEND" + parameters(entry), value(end, entry: entry))
        }
    }

    private func parameters(_ entry: Entry) -> String {
        if entry.item.allDay { return ";VALUE=DATE" }
        return entry.inUTC ? "" : ";TZID=" + entry.item.timeZone.identifier
    }

    private func value(_ instant: Instant, entry: Entry) -> String {
        let zone = entry.item.timeZone
        if entry.item.allDay { return ICalendarTime.date(zone.localTime(at: instant).date) }
        return entry.inUTC ? ICalendarTime.utc(instant) : ICalendarTime.local(zone.localTime(at: instant))
    }

    /// `FREQ=WEEKLY;INTERVAL=2;UNTIL=...` or `...;COUNT=10`. UNTIL is the last candidate, in
    /// UTC for a date-time start as RFC 5545 requires, so the series ends exactly there.
    static func rule(_ series: Series, entry: Entry) -> String {
        let every = series.rule.every
        let frequency: String
        switch every.unit {
        case .minutes: frequency = "MINUTELY"
        case .hours: frequency = "HOURLY"
        case .days: frequency = "DAILY"
        case .weeks: frequency = "WEEKLY"
        case .months: frequency = "MONTHLY"
        case .workingDays: frequency = "DAILY"  // refused by the reader; kept total
        }
        var text = "FREQ=" + frequency
        if every.amount != 1 { text += ";INTERVAL=\(every.amount)" }
        switch series.rule.end {
        case .count(let count):
            text += ";COUNT=\(count)"
        case .until:
            let last = series.last
            if entry.item.allDay {
                text += ";UNTIL=" + ICalendarTime.date(last.localStart.date)
            } else {
                text += ";UNTIL=" + ICalendarTime.utc(last.start)
            }
        }
        return text
    }

    /// The event's description, then where its facts come from, who takes part, and for a
    /// flexible event the window the plan chose from.
    static func description(of event: Event, item: PlannedEvent, in agenda: Agenda) -> String? {
        var parts: [String] = []
        if let description = event.description, !description.isEmpty { parts.append(description) }
        if let source = event.source, !source.isEmpty { parts.append("Source: " + source) }
        let parties = event.parties.map { agenda.parties[$0.value]?.name ?? $0.value }
        if !parties.isEmpty { parts.append("Parties: " + parties.joined(separator: "; ")) }
        if !item.fixed, let earliest = item.earliest, let latest = item.latest {
            let zone = item.timeZone
            func when(_ instant: Instant) -> String {
                item.allDay ? zone.localTime(at: instant).date.description : zone.localTime(at: instant).description
            }
            parts.append("Placed by the plan; it could start from \(when(earliest)) to \(when(latest)).")
        }
        return parts.isEmpty ? nil : parts.joined(separator: "\n\n")
    }
}
