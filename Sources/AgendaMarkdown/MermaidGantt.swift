import AgendaCore

/// A Mermaid gantt chart of the plan, fenced for GitHub: one section per kind of event, one
/// bar per event (a repeating event's occurrences stay in the tables), milestones and
/// deadlines as milestones, critical events marked `crit`.
struct MermaidGantt {
    var limit: Int

    static let sections: [(EventKind, String)] = [
        (.session, "Sessions"), (.hearing, "Hearings"), (.consultation, "Consultations"), (.meeting, "Meetings"),
        (.activity, "Activities"), (.deadline, "Deadlines"), (.milestone, "Milestones"),
    ]

    func chart(_ plan: Plan) -> String {
        let agenda = plan.agenda
        // One bar per event, the first `limit` by start; the rest are only counted.
        var shown: [PlannedEvent] = []
        var bars = 0
        for item in plan.items where item.occurrenceOf == nil {
            bars += 1
            if shown.count < limit { shown.append(item) }
        }
        var lines = [
            "```mermaid", "gantt",
            "    title " + Self.text(agenda.title ?? agenda.id, fallback: agenda.id),
            "    dateFormat YYYY-MM-DD", "    axisFormat %b %Y", "    todayMarker off",
        ]
        for (kind, name) in Self.sections {
            let items = shown.filter { agenda.events[$0.eventIndex].kind == kind }
            guard !items.isEmpty else { continue }
            lines.append("    section " + name)
            for item in items {
                lines.append("    " + Self.text(agenda.events[item.eventIndex].title, fallback: item.id) + " :" + Self.data(item, kind: kind))
            }
        }
        lines.append("```")
        var text = lines.joined(separator: "\n") + "\n"
        if bars > shown.count {
            text += "\nThe chart shows the first \(shown.count) of \(bars) events; the tables above list them all.\n"
        }
        return text
    }

    /// `crit, milestone, 2016-03-22, 0d` or `2015-03-09, 2015-03-18` (Mermaid ends a bar at
    /// the start of its end date, so that date is exclusive).
    static func data(_ item: PlannedEvent, kind: EventKind) -> String {
        let zone = item.timeZone
        let first = zone.localTime(at: item.start).date
        var tags: [String] = item.critical ? ["crit"] : []
        if kind.isPoint {
            tags.append("milestone")
            return (tags + [first.description, "0d"]).joined(separator: ", ")
        }
        let endTime = zone.localTime(at: item.end)
        var end = endTime.date
        if !item.allDay && endTime.secondOfDay > 0 || end <= first { end = end.adding(days: 1) }
        return (tags + [first.description, max(end, first.adding(days: 1)).description]).joined(separator: ", ")
    }

    /// Words Mermaid's gantt lexer reads as statements when a line starts with them.
    static let keywords = [
        "gantt", "dateformat", "inclusiveenddates", "topaxis", "axisformat", "tickinterval", "includes", "excludes",
        "todaymarker", "weekday", "weekend", "title", "accdescription", "acctitle", "accdescr", "section", "click", "href",
        "call",
    ]

    /// Task text Mermaid reads back as written: the characters its lexer stops at (`:`, `;`,
    /// `#`, `%`) and HTML's `<`, `>`, `&` become their look-alikes, line breaks become spaces,
    /// and a text that starts like a statement or a date is put in quotes.
    static func text(_ value: String, fallback: String) -> String {
        var result = ""
        result.unicodeScalars.reserveCapacity(value.unicodeScalars.count)
        for scalar in value.unicodeScalars {
            switch scalar {
            case ":": result.unicodeScalars.append("\u{A789}")
            case ";": result.unicodeScalars.append("\u{FF1B}")
            case "#": result.unicodeScalars.append("\u{FF03}")
            case "%": result.unicodeScalars.append("\u{FF05}")
            case "<": result.unicodeScalars.append("\u{FF1C}")
            case ">": result.unicodeScalars.append("\u{FF1E}")
            case "&": result.unicodeScalars.append("\u{FF06}")
            case "`": result.unicodeScalars.append("\u{2018}")
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || scalar.properties.isWhitespace {
                    result.unicodeScalars.append(" ")
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        let trimmed = result.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
        if trimmed.isEmpty { return fallback.isEmpty ? "event" : text(fallback, fallback: "event") }
        let lower = trimmed.lowercased()
        let startsLikeDate = trimmed.utf8.prefix(4).allSatisfy { (0x30...0x39).contains($0) } && trimmed.utf8.count >= 4
        if keywords.contains(where: { lower.hasPrefix($0) }) || startsLikeDate {
            return "\u{201C}" + trimmed + "\u{201D}"
        }
        return trimmed
    }
}
