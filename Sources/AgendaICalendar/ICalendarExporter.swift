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

    public func export(_ plan: Plan, options: ExportOptions, into output: ByteBuffer) throws {
        let agenda = plan.agenda
        let items = plan.items
        let repeating = Self.series(of: plan)
        var lines = ContentLines(into: output)
        var abbreviations = ZoneAbbreviations()

        lines.fixedLine("BEGIN:VCALENDAR")
        lines.fixedLine("VERSION:2.0")
        lines.fixedLine("PRODID:-//AgendaKit//agenda//EN")
        lines.fixedLine("CALSCALE:GREGORIAN")
        lines.fixedLine("METHOD:PUBLISH")
        var name = agenda.title ?? agenda.id
        if let party = options.party { name += " — " + party.name }
        lines.text("X-WR-CALNAME:", name)
        for component in Self.timeZones(for: plan, series: repeating) {
            component.write(to: &lines, abbreviations: &abbreviations)
        }
        let stamp = options.stamp
        ParallelWriting.write(count: items.count, into: output, bytesPerItem: 400, maxWorkers: options.maxWorkers) { range, buffer in
            var lines = ContentLines(into: buffer)
            let context = Context(agenda: agenda, stamp: stamp)
            agenda.events.withUnsafeBufferPointer { events in
                items.withUnsafeBufferPointer { items in
                    for index in range {
                        guard let entry = repeating.entry(for: index, in: items) else { continue }
                        write(entry, events: events, context: context, to: &lines)
                    }
                }
            }
        }
        lines.fixedLine("END:VCALENDAR")
    }

    /// One VEVENT to write: a single event, or a whole series.
    struct Entry: Sendable {
        var item: PlannedEvent
        var series: Series?
        /// In UTC form (`...Z`) rather than with a TZID: zones that are UTC all along, and
        /// series repeated in elapsed hours or minutes, which only UTC keeps exact over a DST change.
        var inUTC: Bool
    }

    /// A repeating event's recurrence set as RFC 5545 sees it: DTSTART is the first candidate
    /// even when `except` removes it, so COUNT counts as the agenda does.
    struct Series: Sendable {
        var rule: RepeatRule
        var first: Recurrence.Occurrence
        var last: Recurrence.Occurrence
        var excluded: [Recurrence.Occurrence]
        var lastEnd: Instant
    }

    /// The series of the plan's repeating events, each written once, where its first
    /// planned occurrence stands.
    struct RepeatingEvents: Sendable {
        /// By the plan index of the series' first occurrence.
        var series: [Int: Series] = [:]

        /// The VEVENT the plan item at `index` starts, or nil for a later occurrence of a series.
        func entry(for index: Int, in items: UnsafeBufferPointer<PlannedEvent>) -> Entry? {
            let item = items[index]
            guard item.occurrenceOf != nil else { return Entry(item: item, series: nil, inUTC: item.timeZone.isUTC) }
            guard let series = series[index] else { return nil }
            return Entry(item: item, series: series, inUTC: item.timeZone.isUTC || series.rule.every.isElapsed)
        }
    }

    static func series(of plan: Plan) -> RepeatingEvents {
        let events = plan.agenda.events
        var first: [Int: Int] = [:]
        for (index, item) in plan.items.enumerated() where item.occurrenceOf != nil {
            if first[item.eventIndex] == nil { first[item.eventIndex] = index }
        }
        var repeating = RepeatingEvents()
        for (eventIndex, itemIndex) in first {
            guard let rule = events[eventIndex].repeatRule else { continue }
            repeating.series[itemIndex] = series(of: events[eventIndex], rule: rule, firstPlanned: plan.items[itemIndex])
        }
        return repeating
    }

    static func series(of event: Event, rule: RepeatRule, firstPlanned item: PlannedEvent) -> Series {
        let zone = item.timeZone
        let start = event.start?.value.instant(in: zone) ?? item.start
        // The plan gives every occurrence the same length: elapsed for timed events, in days for all-day ones.
        let firstEnd: Instant
        if item.allDay {
            let wallLength = zone.localTime(at: item.end).secondsSinceEpoch - zone.localTime(at: item.start).secondsSinceEpoch
            firstEnd = zone.instant(for: LocalDateTime(secondsSinceEpoch: zone.localTime(at: start).secondsSinceEpoch + wallLength))
        } else {
            firstEnd = Instant(secondsSinceEpoch: start.secondsSinceEpoch + item.end.secondsSinceEpoch - item.start.secondsSinceEpoch)
        }
        // Every candidate to the rule's end, as planning expands it: one `except` date removes
        // several from a series in hours or minutes.
        var everyCandidate = rule
        everyCandidate.except = []
        let candidates = Recurrence.occurrences(
            of: everyCandidate, start: zone.localTime(at: start), firstEnd: firstEnd, allDay: item.allDay, zone: zone,
            limit: Recurrence.maximumOccurrences)
        let excepted = Set(rule.except)
        let first = candidates.first ?? Recurrence.Occurrence(start: item.start, end: item.end, localStart: zone.localTime(at: item.start))
        return Series(
            rule: rule, first: first, last: candidates.last ?? first,
            excluded: candidates.filter { excepted.contains($0.localStart.date) },
            lastEnd: candidates.map(\.end).max() ?? item.end)
    }

    /// A VTIMEZONE for every zone a timed entry is written in, by name, each covering the
    /// span of the whole calendar: a client that moves an event within it still finds its
    /// offsets.
    static func timeZones(for plan: Plan, series: RepeatingEvents) -> [TimeZoneComponent] {
        guard var first = plan.items.first?.start else { return [] }
        var last = first
        var zones: [String: TimeZoneRules] = [:]
        var previous: TimeZoneRules?
        let events = plan.agenda.events
        for item in plan.items {
            last = max(last, item.end)
            guard !item.allDay, !item.timeZone.isUTC, item.timeZone != previous else { continue }
            // Series in elapsed steps are written in UTC.
            if item.occurrenceOf != nil, events[item.eventIndex].repeatRule?.every.isElapsed == true { continue }
            previous = item.timeZone
            zones[item.timeZone.identifier] = item.timeZone
        }
        for entry in series.series.values {
            first = min(first, entry.first.start)
            last = max(last, entry.lastEnd)
        }
        return zones.keys.sorted().map { TimeZoneComponent(zone: zones[$0]!, span: first...last) }
    }

    /// What every VEVENT shares, looked up once.
    struct Context {
        let agenda: Agenda
        let stamp: Instant
        /// Venue and party names by id, so each is hashed once per calendar, not per event.
        let venueNames: [String: String]
        let partyNames: [String: String]

        init(agenda: Agenda, stamp: Instant) {
            self.agenda = agenda
            self.stamp = stamp
            venueNames = agenda.venues.mapValues(\.name)
            partyNames = agenda.parties.mapValues(\.name)
        }
    }

    private func write(_ entry: borrowing Entry, events: UnsafeBufferPointer<Event>, context: Context, to lines: inout ContentLines) {
        let item = entry.item
        let index = item.eventIndex
        lines.fixedLine("BEGIN:VEVENT")
        lines.begin("UID:")
        lines.escaped(events[index].id)
        lines.raw(UInt8(ascii: "@"))
        lines.escaped(context.agenda.id)
        lines.end()
        lines.begin("DTSTAMP:")
        lines.utc(context.stamp)
        lines.end()
        if let series = entry.series {
            writeTimes(start: series.first.start, end: series.first.end, entry: entry, to: &lines)
            lines.begin("RRULE:")
            Self.writeRule(series, entry: entry, to: &lines)
            lines.end()
            if !series.excluded.isEmpty {
                lines.begin("EXDATE")
                for (position, occurrence) in series.excluded.enumerated() {
                    if position == 0 { parameters(entry, to: &lines) } else { lines.raw(UInt8(ascii: ",")) }
                    value(occurrence.start, entry: entry, to: &lines)
                }
                lines.end()
            }
        } else {
            writeTimes(start: item.start, end: item.end, entry: entry, to: &lines)
        }
        lines.text("SUMMARY:", events[index].title)
        writeDescription(of: index, in: events, item: item, context: context, to: &lines)
        if let venue = events[index].venue, let name = context.venueNames[venue.value] {
            lines.text("LOCATION:", name)
        }
        lines.begin("CATEGORIES:")
        lines.raw(events[index].kind.rawValue)
        for tag in events[index].tags {
            lines.raw(UInt8(ascii: ","))
            lines.escaped(tag)
        }
        lines.end()
        switch events[index].status {
        case .confirmed: lines.fixedLine("STATUS:CONFIRMED")
        case .tentative: lines.fixedLine("STATUS:TENTATIVE")
        case .cancelled: lines.fixedLine("STATUS:CANCELLED")
        case nil: break
        }
        if let url = events[index].url {
            lines.line("URL:", String(decoding: url.utf8.filter { $0 >= 0x20 && $0 != 0x7F }, as: UTF8.self))
        }
        if events[index].kind.isPoint {
            lines.fixedLine("TRANSP:TRANSPARENT")
        }
        lines.fixedLine("END:VEVENT")
    }

    /// DTSTART and DTEND. All-day events are dates with an exclusive end; an instant (a
    /// milestone at a time) has no DTEND, which RFC 5545 reads as ending when it starts.
    private func writeTimes(start: Instant, end: Instant, entry: Entry, to lines: inout ContentLines) {
        lines.begin("DTSTART")
        parameters(entry, to: &lines)
        value(start, entry: entry, to: &lines)
        lines.end()
        if end != start {
            lines.begin("DTEND")
            parameters(entry, to: &lines)
            value(end, entry: entry, to: &lines)
            lines.end()
        }
    }

    /// The parameters and the colon before a date or date-time value.
    private func parameters(_ entry: Entry, to lines: inout ContentLines) {
        if entry.item.allDay {
            lines.literal(";VALUE=DATE:")
        } else if entry.inUTC {
            lines.raw(UInt8(ascii: ":"))
        } else {
            lines.literal(";TZID=")
            lines.raw(entry.item.timeZone.identifier)
            lines.raw(UInt8(ascii: ":"))
        }
    }

    private func value(_ instant: Instant, entry: Entry, to lines: inout ContentLines) {
        let zone = entry.item.timeZone
        if entry.item.allDay {
            lines.date(zone.localTime(at: instant).date)
        } else if entry.inUTC {
            lines.utc(instant)
        } else {
            lines.local(zone.localTime(at: instant))
        }
    }

    /// The event's description, then where its facts come from, who takes part, and for a
    /// flexible event the window the plan chose from; nothing when there is none of these.
    private func writeDescription(
        of index: Int, in events: UnsafeBufferPointer<Event>, item: PlannedEvent, context: Context, to lines: inout ContentLines
    ) {
        let description = events[index].description ?? ""
        let source = events[index].source ?? ""
        let parties = events[index].parties
        let window = !item.fixed && item.earliest != nil && item.latest != nil
        guard !description.isEmpty || !source.isEmpty || !parties.isEmpty || window else { return }
        lines.begin("DESCRIPTION:")
        var first = true
        func separate(_ lines: inout ContentLines) {
            if !first { lines.literal("\\n\\n") }
            first = false
        }
        if !description.isEmpty {
            separate(&lines)
            lines.escaped(description)
        }
        if !source.isEmpty {
            separate(&lines)
            lines.literal("Source: ")
            lines.escaped(source)
        }
        if !parties.isEmpty {
            separate(&lines)
            lines.literal("Parties: ")
            for (position, party) in parties.enumerated() {
                if position > 0 { lines.literal("\\; ") }
                lines.escaped(context.partyNames[party.value] ?? party.value)
            }
        }
        if window, let earliest = item.earliest, let latest = item.latest {
            separate(&lines)
            lines.literal("Placed by the plan\\; it could start from ")
            lines.readable(earliest, item: item)
            lines.literal(" to ")
            lines.readable(latest, item: item)
            lines.raw(UInt8(ascii: "."))
        }
        lines.end()
    }

    /// `FREQ=WEEKLY;INTERVAL=2;UNTIL=...` or `...;COUNT=10`. UNTIL is the last candidate, in
    /// UTC for a date-time start as RFC 5545 requires, so the series ends exactly there.
    static func writeRule(_ series: Series, entry: Entry, to lines: inout ContentLines) {
        let every = series.rule.every
        lines.literal("FREQ=")
        switch every.unit {
        case .minutes: lines.literal("MINUTELY")
        case .hours: lines.literal("HOURLY")
        case .days: lines.literal("DAILY")
        case .weeks: lines.literal("WEEKLY")
        case .months: lines.literal("MONTHLY")
        case .workingDays: lines.literal("DAILY")  // refused by the reader; kept total
        }
        if every.amount != 1 { lines.raw(";INTERVAL=\(every.amount)") }
        switch series.rule.end {
        case .count(let count):
            lines.raw(";COUNT=\(count)")
        case .until:
            lines.literal(";UNTIL=")
            if entry.item.allDay {
                lines.date(series.last.localStart.date)
            } else {
                lines.utc(series.last.start)
            }
        }
    }
}
