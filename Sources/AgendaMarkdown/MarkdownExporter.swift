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

    public func export(_ plan: Plan, options: ExportOptions, into output: inout [UInt8]) throws {
        let agenda = plan.agenda
        var page = Page(bytes: output)
        output = []
        defer { output = page.bytes }
        var abbreviations = ZoneAbbreviations()

        page.raw("# ")
        page.escaped(agenda.title ?? agenda.id)
        if let party = options.party {
            page.raw(": ")
            page.escaped(party.name)
        }
        page.raw("\n\n")
        page.raw(Self.summaryLine(plan))
        page.raw("\n")

        var month: (year: Int, month: Int)?
        for item in plan.items {
            let event = agenda.events[item.eventIndex]
            let start = item.timeZone.localTime(at: item.start)
            let (year, monthNumber, _) = start.date.components
            if month.map({ $0 != (year, monthNumber) }) ?? true {
                month = (year, monthNumber)
                page.raw("\n## \(DateText.monthNames[monthNumber - 1]) \(year)\n\n")
                page.raw("| Date | Time | Event | Venue | Kind |\n| --- | --- | --- | --- | --- |\n")
            }
            page.raw("| ")
            page.raw(DateText.days(item))
            page.raw(" | ")
            page.raw(DateText.time(item, &abbreviations))
            page.raw(" | ")
            Self.title(event, into: &page)
            page.raw(" | ")
            page.escaped(event.venue.flatMap { agenda.venues[$0.value]?.name } ?? "")
            page.raw(" | ")
            page.raw(event.kind.rawValue)
            if !item.fixed { page.raw(item.critical ? ", placed, critical" : ", placed") }
            page.raw(" |\n")
        }

        page.raw("\n## Critical path\n\n")
        page.raw(Self.criticalPath(plan))

        page.raw("\n## Chart\n\n")
        page.raw(MermaidGantt(limit: chartLimit).chart(plan))
    }

    /// `52 events from Mon 9 Mar 2015 to Thu 21 Apr 2016: 48 fixed, 4 placed by the plan (2 critical).`
    static func summaryLine(_ plan: Plan) -> String {
        guard let first = plan.items.first else { return "No events." }
        let last = plan.items.max { $0.end < $1.end } ?? first
        let placed = plan.items.filter { !$0.fixed }
        let critical = placed.filter(\.critical).count
        var text = "\(plan.items.count) event\(plan.items.count == 1 ? "" : "s")"
        text += " from \(DateText.long(first.timeZone.localTime(at: first.start).date))"
        text += " to \(DateText.long(DateText.lastDay(last)))"
        text += ": \(plan.items.count - placed.count) fixed, \(placed.count) placed by the plan"
        if !placed.isEmpty { text += " (\(critical) critical)" }
        return text + ". Times are local to each venue."
    }

    /// The title, marked when the event is tentative or cancelled.
    static func title(_ event: Event, into page: inout Page) {
        switch event.status {
        case .cancelled:
            page.raw("~~")
            page.escaped(event.title)
            page.raw("~~ *(cancelled)*")
        case .tentative:
            page.escaped(event.title)
            page.raw(" *(tentative)*")
        case .confirmed, nil:
            page.escaped(event.title)
        }
    }

    /// The flexible events with no slack, in order: moving any of them moves the timeline.
    static func criticalPath(_ plan: Plan) -> String {
        let agenda = plan.agenda
        let placed = plan.items.filter { !$0.fixed }
        guard !placed.isEmpty else { return "Every event is fixed: nothing is placed by the plan.\n" }
        let critical = placed.filter(\.critical)
        var page = Page(bytes: [])
        if critical.isEmpty {
            page.raw("No placed event is critical: each could move without moving anything fixed.")
            if let tightest = placed.filter({ $0.slackSeconds != nil }).min(by: { $0.slackSeconds! < $1.slackSeconds! }) {
                page.raw(" The least slack: ")
                page.escaped(agenda.events[tightest.eventIndex].title)
                page.raw(", \(DateText.slack(tightest)).")
            }
            page.raw("\n")
            return String(decoding: page.bytes, as: UTF8.self)
        }
        page.raw("These placed events have no slack: moving any of them moves the timeline.\n\n")
        for item in critical {
            page.raw("- \(DateText.days(item)): ")
            page.escaped(agenda.events[item.eventIndex].title)
            page.raw("\n")
        }
        return String(decoding: page.bytes, as: UTF8.self)
    }

    /// Markdown text being written.
    struct Page {
        var bytes: [UInt8]

        /// Markup or text of our own, written as is.
        mutating func raw(_ text: String) { bytes.append(contentsOf: text.utf8) }

        /// Text from the agenda: every ASCII punctuation character gets a backslash (CommonMark
        /// lets any of them be escaped, and a table cell needs `\|`), line breaks become spaces.
        mutating func escaped(_ text: String) {
            for byte in text.utf8 {
                switch byte {
                case 0x21...0x2F, 0x3A...0x40, 0x5B...0x60, 0x7B...0x7E:
                    bytes.append(UInt8(ascii: "\\"))
                    bytes.append(byte)
                case 0x00..<0x20, 0x7F:
                    bytes.append(UInt8(ascii: " "))
                default:
                    bytes.append(byte)
                }
            }
        }
    }
}

/// Dates and times as the tables write them, in English and independent of the locale.
enum DateText {
    static let monthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
    ]
    static let weekdayNames: [Weekday: String] = [
        .mon: "Mon", .tue: "Tue", .wed: "Wed", .thu: "Thu", .fri: "Fri", .sat: "Sat", .sun: "Sun",
    ]

    /// `Mon 9 Mar`
    static func short(_ date: LocalDate) -> String {
        let (_, month, day) = date.components
        return "\(weekdayNames[date.weekday]!) \(day) \(monthNames[month - 1].prefix(3))"
    }

    /// `Mon 9 Mar 2015`
    static func long(_ date: LocalDate) -> String { short(date) + " \(date.components.year)" }

    /// The last day an item occupies: the day before an all-day event's exclusive end.
    static func lastDay(_ item: PlannedEvent) -> LocalDate {
        let zone = item.timeZone
        let start = zone.localTime(at: item.start).date
        let end = zone.localTime(at: item.end)
        // An exclusive end at midnight closes the day before.
        let last = item.allDay || (end.secondOfDay == 0 && item.end > item.start) ? end.date.adding(days: -1) : end.date
        return max(start, last)
    }

    /// `Mon 9 Mar`, or `Mon 9 Mar – Tue 17 Mar` (with years when they differ).
    static func days(_ item: PlannedEvent) -> String {
        let first = item.timeZone.localTime(at: item.start).date
        let last = lastDay(item)
        if first == last { return short(first) }
        if first.components.year != last.components.year { return long(first) + " – " + long(last) }
        return short(first) + " – " + short(last)
    }

    /// `all day`, `14:45–19:00 CET`, or `23:59 EST` for an instant.
    static func time(_ item: PlannedEvent, _ abbreviations: inout ZoneAbbreviations) -> String {
        if item.allDay { return "all day" }
        let zone = item.timeZone
        let start = clock(zone.localTime(at: item.start))
        let startZone = abbreviations.abbreviation(zone, at: item.start)
        if item.end == item.start { return "\(start) \(startZone)" }
        let endZone = abbreviations.abbreviation(zone, at: item.end)
        let end = clock(zone.localTime(at: item.end))
        if endZone != startZone { return "\(start) \(startZone) – \(end) \(endZone)" }
        return "\(start)–\(end) \(startZone)"
    }

    static func clock(_ time: LocalDateTime) -> String {
        let second = time.secondOfDay
        return two(second / 3600) + ":" + two(second / 60 % 60)
    }

    static func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }

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
