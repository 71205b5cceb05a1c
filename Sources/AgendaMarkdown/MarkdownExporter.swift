import AgendaCore

/// GitHub-flavoured Markdown for people: a title, a one-line summary, a table per month, the
/// critical path and a Mermaid gantt chart that GitHub renders. Every character of the
/// agenda's own text that CommonMark would interpret is escaped, so no markup or HTML from a
/// title leaks into the page.
public struct MarkdownExporter: Exporter {
    /// The chart keeps the first this many events by start; the tables list every one.
    public var chartLimit: Int

    public init(chartLimit: Int = 100) { self.chartLimit = chartLimit }

    public var identifier: String { "md" }
    public var fileExtension: String { "md" }
    public var mediaType: String { "text/markdown" }
    public var summary: String { "Markdown (GitHub-flavoured): a table per month, the critical path, a Mermaid gantt chart" }

    public func export(_ plan: Plan, options: ExportOptions, into output: ByteBuffer) throws {
        let agenda = plan.agenda
        var page = Page(bytes: output)

        page.raw("# ")
        page.escaped(agenda.title ?? agenda.id)
        if let party = options.party {
            page.raw(": ")
            page.escaped(party.name)
        }
        page.raw("\n\n")
        page.raw(Self.summaryLine(plan))
        page.raw("\n")

        let items = plan.items
        ParallelWriting.write(count: items.count, into: output, bytesPerItem: 120, maxWorkers: options.maxWorkers) { range, buffer in
            var page = Page(bytes: buffer)
            var abbreviations = ZoneAbbreviations()
            let venueNames = agenda.venues.mapValues(\.name)
            // A month's table starts where an item's month differs from the one before it.
            var month = range.lowerBound > 0 ? Self.month(of: items[range.lowerBound - 1]) : nil
            agenda.events.withUnsafeBufferPointer { events in
                for item in items[range] {
                    let itemMonth = Self.month(of: item)
                    if month.map({ $0 != itemMonth }) ?? true {
                        month = itemMonth
                        page.raw("\n## \(DateText.monthNames[itemMonth.month - 1]) \(itemMonth.year)\n\n")
                        page.raw("| Date | Time | Event | Venue | Kind |\n| --- | --- | --- | --- | --- |\n")
                    }
                    page.raw("| ")
                    page.days(item)
                    page.raw(" | ")
                    page.time(item, &abbreviations)
                    page.raw(" | ")
                    Self.title(events[item.eventIndex].title, status: events[item.eventIndex].status, into: &page)
                    page.raw(" | ")
                    if let venue = events[item.eventIndex].venue, let name = venueNames[venue.value] { page.escaped(name) }
                    page.raw(" | ")
                    page.raw(events[item.eventIndex].kind.rawValue)
                    if !item.fixed { page.raw(item.critical ? ", placed, critical" : ", placed") }
                    page.raw(" |\n")
                }
            }
        }

        page.raw("\n## Critical path\n\n")
        Self.criticalPath(plan, into: &page)

        page.raw("\n## Chart\n\n")
        page.raw(MermaidGantt(limit: chartLimit).chart(plan))
    }

    /// The month an item starts in, in its own zone.
    static func month(of item: PlannedEvent) -> (year: Int, month: Int) {
        let (year, month, _) = item.timeZone.localTime(at: item.start).date.components
        return (year, month)
    }

    /// `52 events from Mon 9 Mar 2015 to Thu 21 Apr 2016: 48 fixed, 4 placed by the plan (2 critical).`
    static func summaryLine(_ plan: Plan) -> String {
        guard let first = plan.items.first else { return "No events." }
        var placed = 0
        var critical = 0
        var last = 0
        for (index, item) in plan.items.enumerated() {
            if !item.fixed { placed += 1 }
            if item.critical { critical += 1 }
            if item.end > plan.items[last].end { last = index }
        }
        let count = plan.items.count
        var text = "\(count) event\(count == 1 ? "" : "s")"
        text += " from \(DateText.long(first.timeZone.localTime(at: first.start).date))"
        text += " to \(DateText.long(DateText.lastDay(plan.items[last])))"
        text += ": \(count - placed) fixed, \(placed) placed by the plan"
        if placed > 0 { text += " (\(critical) critical)" }
        return text + ". Times are local to each venue."
    }

    /// The title, marked when the event is tentative or cancelled.
    static func title(_ title: String, status: EventStatus?, into page: inout Page) {
        switch status {
        case .cancelled:
            page.raw("~~")
            page.escaped(title)
            page.raw("~~ *(cancelled)*")
        case .tentative:
            page.escaped(title)
            page.raw(" *(tentative)*")
        case .confirmed, nil:
            page.escaped(title)
        }
    }

    /// The flexible events with no slack, in order: moving any of them moves the timeline.
    static func criticalPath(_ plan: Plan, into page: inout Page) {
        let agenda = plan.agenda
        var anyPlaced = false
        var anyCritical = false
        var tightest: Int?
        for (index, item) in plan.items.enumerated() where !item.fixed {
            anyPlaced = true
            if let slack = item.slackSeconds, slack < tightest.flatMap({ plan.items[$0].slackSeconds }) ?? .max { tightest = index }
            guard item.critical else { continue }
            if !anyCritical { page.raw("These placed events have no slack: moving any of them moves the timeline.\n\n") }
            anyCritical = true
            page.raw("- ")
            page.days(item)
            page.raw(": ")
            page.escaped(agenda.events[item.eventIndex].title)
            page.raw("\n")
        }
        if !anyPlaced { return page.raw("Every event is fixed: nothing is placed by the plan.\n") }
        if !anyCritical {
            page.raw("No placed event is critical: each could move without moving anything fixed.")
            if let tightest {
                page.raw(" The least slack: ")
                page.escaped(agenda.events[plan.items[tightest].eventIndex].title)
                page.raw(", \(DateText.slack(plan.items[tightest])).")
            }
            page.raw("\n")
        }
    }

    /// Markdown text being written.
    struct Page {
        let bytes: ByteBuffer

        /// Markup or text of our own, written as is.
        mutating func raw(_ text: String) { bytes.append(text) }

        /// Text from the agenda: every ASCII punctuation character gets a backslash (CommonMark
        /// lets any of them be escaped, and a table cell needs `\|`), line breaks become spaces.
        mutating func escaped(_ text: String) {
            var text = text
            text.withUTF8 { utf8 in
                // Copy the runs between the bytes that need care in one go each.
                var runStart = 0
                for index in 0..<utf8.count {
                    let byte = utf8[index]
                    switch byte {
                    case 0x21...0x2F, 0x3A...0x40, 0x5B...0x60, 0x7B...0x7E:
                        bytes.append(UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
                        bytes.append(UInt8(ascii: "\\"))
                        bytes.append(byte)
                    case 0x00..<0x20, 0x7F:
                        bytes.append(UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
                        bytes.append(UInt8(ascii: " "))
                    default:
                        continue
                    }
                    runStart = index + 1
                }
                bytes.append(UnsafeBufferPointer(rebasing: utf8[runStart...]))
            }
        }

        /// `Mon 9 Mar`
        mutating func shortDate(_ date: LocalDate) {
            let (_, month, day) = date.components
            raw(DateText.weekdayNames[date.weekday.isoNumber - 1])
            bytes.append(UInt8(ascii: " "))
            bytes.appendDigits(day)
            bytes.append(UInt8(ascii: " "))
            raw(DateText.monthAbbreviations[month - 1])
        }

        /// `Mon 9 Mar 2015`
        mutating func longDate(_ date: LocalDate) {
            shortDate(date)
            bytes.append(UInt8(ascii: " "))
            bytes.appendDigits(date.components.year)
        }

        /// `Mon 9 Mar`, or `Mon 9 Mar – Tue 17 Mar` (with years when they differ).
        mutating func days(_ item: PlannedEvent) {
            let first = item.timeZone.localTime(at: item.start).date
            let last = DateText.lastDay(item)
            if first == last {
                shortDate(first)
            } else if first.components.year != last.components.year {
                longDate(first)
                raw(" – ")
                longDate(last)
            } else {
                shortDate(first)
                raw(" – ")
                shortDate(last)
            }
        }

        /// `all day`, `14:45–19:00 CET`, or `23:59 EST` for an instant.
        mutating func time(_ item: PlannedEvent, _ abbreviations: inout ZoneAbbreviations) {
            if item.allDay { return raw("all day") }
            let zone = item.timeZone
            bytes.appendClock(zone.localTime(at: item.start).secondOfDay, seconds: false)
            let startZone = abbreviations.abbreviation(zone, at: item.start)
            if item.end == item.start {
                bytes.append(UInt8(ascii: " "))
                return raw(startZone)
            }
            let endZone = abbreviations.abbreviation(zone, at: item.end)
            if endZone != startZone {
                bytes.append(UInt8(ascii: " "))
                raw(startZone)
                raw(" – ")
            } else {
                raw("–")
            }
            bytes.appendClock(zone.localTime(at: item.end).secondOfDay, seconds: false)
            bytes.append(UInt8(ascii: " "))
            raw(endZone)
        }
    }
}

/// Dates and times as the tables write them, in English and independent of the locale.
enum DateText {
    static let monthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
    ]
    static let monthAbbreviations = monthNames.map { String($0.prefix(3)) }
    /// By ISO number, Monday first.
    static let weekdayNames = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]

    /// `Mon 9 Mar 2015`
    static func long(_ date: LocalDate) -> String {
        var page = MarkdownExporter.Page(bytes: ByteBuffer(capacity: 32))
        page.longDate(date)
        return page.bytes.text
    }

    /// The last day an item occupies: the day before an all-day event's exclusive end.
    static func lastDay(_ item: PlannedEvent) -> LocalDate {
        let zone = item.timeZone
        let start = zone.localTime(at: item.start).date
        let end = zone.localTime(at: item.end)
        // An exclusive end at midnight closes the day before.
        let last = item.allDay || (end.secondOfDay == 0 && item.end > item.start) ? end.date.adding(days: -1) : end.date
        return max(start, last)
    }

    /// `12 days`, `3 hours 30 minutes`, or `no slack`, in wall-clock time.
    static func slack(_ item: PlannedEvent) -> String {
        guard let earliest = item.earliest, let latest = item.latest else { return "unbounded" }
        let zone = item.timeZone
        let seconds = max(0, zone.localTime(at: latest).secondsSinceEpoch - zone.localTime(at: earliest).secondsSinceEpoch)
        if seconds == 0 { return "no slack" }
        var parts: [String] = []
        for (amount, unit) in [(seconds / 86_400, "day"), (seconds % 86_400 / 3600, "hour"), (seconds % 3600 / 60, "minute")]
        where amount > 0 {
            parts.append("\(amount) \(unit)\(amount == 1 ? "" : "s")")
        }
        return parts.joined(separator: " ")
    }
}
