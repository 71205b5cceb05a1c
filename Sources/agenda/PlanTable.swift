import AgendaCore

/// The plan for people: one line per event in 80 columns, and the explanation of one event.
enum PlanTable {
    /// Columns fit 79 characters: the id column as wide as the longest id (up to 20), the
    /// title takes what is left.
    struct Layout {
        var id: Int
        var title: Int
        var venue: Int
        static let when = 27
        static let slack = 5

        init(_ plan: Plan) {
            venue = min(7, max(5, plan.items.map { plan.agenda.events[$0.eventIndex].venue?.value.count ?? 0 }.max() ?? 0))
            id = min(20, max(2, plan.items.map(\.id.count).max() ?? 2))
            title = max(10, 79 - 2 - id - 1 - Self.when - 1 - venue - 1 - Self.slack - 1)
        }
    }

    static func render(_ plan: Plan) -> String {
        var abbreviations = ZoneAbbreviations()
        let layout = Layout(plan)
        var lines = [row(layout, "", "ID", "TITLE", "WHEN", "VENUE", "SLACK")]
        for item in plan.items {
            let event = plan.agenda.events[item.eventIndex]
            let when = self.when(item, &abbreviations)
            lines.append(
                row(layout, item.critical ? "*" : "", item.id, event.title, when, event.venue?.value ?? "", slack(item)))
        }
        let flexible = plan.items.count { !$0.fixed }
        let critical = plan.items.count { $0.critical }
        let occurrences = plan.items.count { $0.occurrenceOf != nil }
        var summary = plan.items.count == 1 ? "1 event" : "\(plan.items.count) events"
        if occurrences > 0 { summary += " (\(occurrences) repeats)" }
        summary += ", \(flexible) placed by the scheduler, \(critical) critical (*)."
        lines.append("")
        lines.append(summary)
        lines.append("Times are local to each venue; slack is how far a start could move.")
        return lines.joined(separator: "\n") + "\n"
    }

    private static func row(
        _ layout: Layout, _ mark: String, _ id: String, _ title: String, _ when: String, _ venue: String, _ slack: String
    ) -> String {
        let text = fit(mark, 1) + " " + fitMiddle(id, layout.id) + " " + fit(title, layout.title) + " " + fit(when, Layout.when)
            + " " + fit(venue, layout.venue) + " " + String(repeating: " ", count: max(0, Layout.slack - slack.count)) + slack
        return String(text.reversed().drop { $0 == " " }.reversed())
    }

    /// Ids differ at their ends (`cnd-intersessional-2014-06`): cut in the middle.
    private static func fitMiddle(_ text: String, _ width: Int) -> String {
        guard text.count > width else { return fit(text, width) }
        let head = (width - 1) / 2
        return String(text.prefix(head)) + "…" + String(text.suffix(width - 1 - head))
    }

    private static func fit(_ text: String, _ width: Int) -> String {
        let single = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        if single.count > width { return String(single.prefix(width - 1)) + "…" }
        return single + String(repeating: " ", count: width - single.count)
    }

    static func when(_ item: PlannedEvent, _ abbreviations: inout ZoneAbbreviations) -> String {
        let zone = item.timeZone
        let start = zone.localTime(at: item.start)
        if item.allDay {
            let last = zone.localTime(at: item.end).date.adding(days: -1)
            if last <= start.date { return start.date.description }
            let (y1, _, _) = start.date.components
            let (y2, m2, d2) = last.components
            return y1 == y2 ? "\(start.date)..\(pad2(m2))-\(pad2(d2))" : "\(start.date)..\(last)"
        }
        let abbreviation = abbreviations.abbreviation(zone, at: item.start)
        let end = zone.localTime(at: item.end)
        if item.end == item.start { return "\(start.date) \(clock(start)) \(abbreviation)" }
        if end.date == start.date { return "\(start.date) \(clock(start))-\(clock(end)) \(abbreviation)" }
        if end.date == start.date.adding(days: 1) && end.secondOfDay == 0 {
            return "\(start.date) \(clock(start))-24:00 \(abbreviation)"
        }
        return "\(start.date) \(clock(start)).. \(abbreviation)"
    }

    private static func clock(_ time: LocalDateTime) -> String {
        "\(pad2(time.secondOfDay / 3600)):\(pad2(time.secondOfDay / 60 % 60))"
    }

    private static func pad2(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }

    /// `-` for a fixed event, `∞` for an unbounded window, else days, hours or minutes.
    static func slack(_ item: PlannedEvent) -> String {
        if item.fixed { return "-" }
        guard let seconds = item.slackSeconds else { return "∞" }
        // A window between two local midnights is counted in calendar days, whatever a
        // daylight-saving change did to the elapsed time.
        if let earliest = item.earliest, let latest = item.latest {
            let from = item.timeZone.localTime(at: earliest)
            let to = item.timeZone.localTime(at: latest)
            if from.secondOfDay == 0 && to.secondOfDay == 0 {
                return "\(to.date.daysSinceEpoch - from.date.daysSinceEpoch)d"
            }
        }
        return duration(seconds)
    }

    /// Whole days from one day up, whole hours from one hour, else minutes (rounded down:
    /// the slack is never overstated).
    static func duration(_ seconds: Int64) -> String {
        if seconds >= 86_400 { return "\(seconds / 86_400)d" }
        if seconds >= 3600 { return "\(seconds / 3600)h" }
        return "\(seconds / 60)m"
    }

    static func explain(_ explanation: Explanation, in plan: Plan) -> String {
        var abbreviations = ZoneAbbreviations()
        let event = plan.agenda.events.first { $0.id == explanation.eventID }
        var lines = ["\(explanation.eventID): \(event?.title ?? "")"]
        let items = plan.items.filter { $0.id == explanation.eventID || $0.occurrenceOf == explanation.eventID }
        if let first = items.first {
            if items.count > 1 {
                lines.append("  repeats:  \(items.count) occurrences, the first \(when(first, &abbreviations))")
            } else {
                lines.append("  placed:   \(when(first, &abbreviations))")
            }
            lines.append("  zone:     \(first.timeZone.identifier)")
            if explanation.fixed {
                lines.append("  fixed:    written in the file; constraints on it are checked, never move it")
            } else {
                let policy = explanation.policy == .asap ? "as soon as possible" : "as late as possible"
                let earliest = first.earliest.map { rfc3339($0, in: first.timeZone) } ?? "unbounded"
                let latest = first.latest.map { rfc3339($0, in: first.timeZone) } ?? "unbounded"
                let slack = first.slackSeconds.map { duration($0) } ?? "unbounded"
                lines.append("  schedule: \(policy)\(first.critical ? "; critical" : "")")
                lines.append("  window:   starts between \(earliest) and \(latest); slack \(slack)")
            }
        }
        let side = explanation.fixed ? "why it is there" : (explanation.policy == .asap ? "why it starts there" : "why it ends there")
        lines.append("  \(side):")
        for step in explanation.steps {
            let place = step.location.map { "\($0): " } ?? ""
            lines.append("    \(place)\(step.text) (\(step.bound))")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
