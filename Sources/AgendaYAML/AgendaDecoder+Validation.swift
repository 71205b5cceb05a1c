import AgendaCore

extension AgendaDecoder {
    /// Checks that the event's timing keys fit together: fixed or flexible, point or span, end
    /// after start, local times that exist in the event's zone.
    mutating func validateTiming(_ event: inout Event, _ fields: EventFields, _ doc: YAMLDocument, _ pairs: YAMLDocument.Pairs) {
        if let leadKey = fields.leadKey, event.serves == nil {
            reader.error(
                .conflictingKeys, "'lead' says how long before the session this must end, but no 'for' names the session",
                at: doc.location(leadKey), hint: "add 'for: <session id>'")
        }

        // The venue is looked up in place: a copy of it costs more than the lookup.
        let zone = event.venue.flatMap { venues.index(forKey: $0.value).flatMap { venues.values[$0].timeZone } } ?? agendaZone
        let id = event.id
        // Only a message needs it.
        lazy var what = id.isEmpty ? "the event" : "'\(id)'"

        if fields.kindIsUnknown {
            // Already reported; whether it is a point or a span is unknown.
        } else if event.kind.isPoint {
            for key in [fields.endKey, fields.durationKey].compactMap({ $0 }) {
                reader.error(
                    .conflictingKeys, "\(what) is a \(event.kind.rawValue), a point in time: it has no '\(doc.string(key))'",
                    at: doc.location(key), hint: "give it 'on' (or 'start') only, or make it another kind")
            }
        } else {
            if let startKey = fields.startKey, Self.eventKeywords.match(doc, startKey) == .on {
                reader.error(
                    .invalidValue, "'on' is for milestones and deadlines; \(what) is a \(event.kind.rawValue)",
                    at: doc.location(startKey), hint: "write 'start' instead")
            }
            if let endKey = fields.endKey, let durationKey = fields.durationKey {
                reportConflict(doc, endKey, durationKey, "\(what) gives both 'end' and 'duration'; keep one")
            } else if fields.endKey != nil && fields.startKey == nil, let endKey = fields.endKey {
                reader.error(
                    .missingKey, "\(what) has an 'end' but no 'start'", at: doc.location(endKey),
                    hint: "give 'start' too, or use 'duration' alone to let the scheduler place it")
            } else if fields.startKey == nil && fields.durationKey == nil {
                reader.error(
                    .missingKey, "\(what) needs a 'start' (a fixed event) or a 'duration' (placed by the scheduler)",
                    at: event.location)
            } else if let startKey = fields.startKey, fields.endKey == nil && fields.durationKey == nil {
                reader.error(
                    .missingKey, "\(what) has a 'start' but no 'end' or 'duration'", at: doc.location(startKey),
                    hint: "add 'end' (the last day, or a time) or 'duration'; a point in time is a milestone or deadline")
            }
            if let duration = event.duration, duration.value.isZero {
                reader.error(
                    .invalidValue, "\(what) has a zero duration", at: duration.location,
                    hint: "make it a milestone if it is a point in time")
            }
        }

        if let start = event.start, let node = fields.startNode { _ = checkLocalTime(start.value, zone: zone, doc, node) }
        if let end = event.end, let node = fields.endNode { _ = checkLocalTime(end.value, zone: zone, doc, node) }
        if let notBefore = event.notBefore, let node = fields.notBeforeNode {
            _ = checkLocalTime(notBefore.value, zone: zone, doc, node)
        }
        if let notAfter = event.notAfter, let node = fields.notAfterNode {
            _ = checkLocalTime(notAfter.value, zone: zone, doc, node)
        }

        if let start = event.start, let end = event.end, let startNode = fields.startNode, let endNode = fields.endNode {
            checkOrder(start.value, end.value, zone: zone, doc, startNode, endNode, "\(what) ends", "before it starts")
        }
        if let notBefore = event.notBefore, let notAfter = event.notAfter, let first = fields.notBeforeNode,
            let second = fields.notAfterNode
        {
            // not_after: DATE means by the end of that day; not_before: DATE from its start.
            let earliest = notBefore.value.instant(in: zone)
            let latest =
                if case .date(let day) = notAfter.value { TimeSpec.date(day.adding(days: 1)).instant(in: zone) } else {
                    notAfter.value.instant(in: zone)
                }
            if latest < earliest {
                reader.error(
                    .endBeforeStart, "\(what) has an empty window: 'not_after' (\(notAfter.value)) lies before 'not_before' (\(notBefore.value))",
                    at: doc.location(second), notes: [.init("'not_before' is set here", at: doc.location(first))])
            }
        }

        // The plan lists each occurrence of a repeat as an event: they count toward the limit
        // on events, a rule over its own limit as one more than that limit.
        var entries = 1
        if let repeatKey = fields.repeatKey {
            if fields.startKey == nil {
                reader.error(
                    .missingKey, "a repeating event needs a 'start' for its first occurrence", at: doc.location(repeatKey))
            } else if let rule = event.repeatRule, let start = event.start {
                let first = Self.localStart(of: start.value, in: zone)
                let at = rule.endLocation ?? rule.location
                let count = Recurrence.count(of: rule, start: first, zone: zone)
                entries = max(1, min(count, limits.maxOccurrences + 1))
                if case .until(let until) = rule.end, until < first.date {
                    reader.error(
                        .endBeforeStart, "'until' (\(until)) lies before the first occurrence (\(first.date))", at: at,
                        notes: [.init("the first occurrence starts here", at: start.location)])
                } else if count > limits.maxOccurrences, case .until(let until) = rule.end {
                    reader.error(
                        .limitExceeded,
                        "this 'repeat' makes \(count) occurrences from \(first.date) until \(until), more than the limit of \(limits.maxOccurrences) occurrences of one 'repeat'",
                        at: at, hint: "split the series into several events, or repeat less often")
                }
            }
        }
        planEntries = planEntries.saturatingAdding(entries)
    }

    /// Reports `second` before `first` (or, for times, not after it).
    private mutating func checkOrder(
        _ first: TimeSpec, _ second: TimeSpec, zone: TimeZoneRules, _ doc: YAMLDocument, _ firstNode: Node, _ secondNode: Node,
        _ lead: @autoclosure () -> String, _ tail: String
    ) {
        switch (first, second) {
        case (.date(let a), .date(let b)):
            if b < a {
                reader.error(
                    .endBeforeStart, "\(lead()) (\(b)) \(tail) (\(a))", at: doc.location(secondNode),
                    hint: "all-day end dates are inclusive: a one-day event ends on its start date",
                    notes: [.init("it starts here", at: doc.location(firstNode))])
            }
        case (.date, _), (_, .date):
            reader.error(
                .conflictingKeys, "one of 'start' and 'end' is a date and the other has a time", at: doc.location(secondNode),
                hint: "write both as dates (all-day) or both with times",
                notes: [.init("the other is here", at: doc.location(firstNode))])
        default:
            let a = first.instant(in: zone)
            let b = second.instant(in: zone)
            if b <= a {
                reader.error(
                    .endBeforeStart, "\(lead()) (\(second)) \(b == a ? "when" : "before") it starts (\(first))",
                    at: doc.location(secondNode), notes: [.init("it starts here", at: doc.location(firstNode))])
            }
        }
    }

    /// How many occurrences a rule can make between two dates, before `except` removes any.
    /// The local time an event starts at in its zone, as the scheduler reads it.
    static func localStart(of spec: TimeSpec, in zone: TimeZoneRules) -> LocalDateTime {
        zone.localTime(at: spec.instant(in: zone))
    }

    // MARK: References

    /// Checks every name an element uses against what is defined, expands references to a
    /// `for_each` entry into its events, and reports duplicate event ids.
    mutating func resolveReferences(_ agenda: Agenda) {
        let calendarNames = Array(calendars.keys) + [WorkCalendar.noneName]
        for reference in calendarReferences where reference.name != WorkCalendar.noneName && calendars[reference.name] == nil {
            reader.error(
                .unknownReference, "\(reference.user) uses the calendar '\(reference.name)', which is not defined",
                at: reference.location,
                hint: Suggestion.hint(for: reference.name, in: calendarNames) ?? "define it under 'calendars', or write 'none'")
        }

        var firstByID: [String: Int] = [:]
        firstByID.reserveCapacity(events.count)
        for index in events.indices {
            let id = events[index].id
            if let first = firstByID[id] {
                reader.error(
                    .duplicateID, "the event id '\(id)' is used twice", at: events[index].idLocation,
                    hint: events[index].expandedFrom != nil || events[first].expandedFrom != nil
                        ? "for_each ids are '<id>-<slug of value>'; rename one of them" : "ids must be unique",
                    notes: [.init("'\(id)' is first used here", at: events[first].idLocation)])
            } else {
                firstByID[id] = index
            }
        }

        for (group, members) in groups.sorted(by: { $0.key < $1.key }) {
            guard let index = firstByID[group], let member = events.first(where: { $0.id == members.first }) else { continue }
            reader.error(
                .duplicateID, "the id '\(group)' names both an event and a for_each entry, so a reference to it is ambiguous",
                at: events[index].idLocation, hint: "rename one of them",
                notes: [.init("the for_each entry '\(group)' is here", at: member.idLocation)])
        }
        lazy var eventNames = Array(firstByID.keys) + Array(groups.keys)
        lazy var venueNames = Array(venues.keys)
        lazy var partyNames = Array(parties.keys)
        // Fields are read in place, and definitions only looked up: copying whole events or
        // calendars here costs more than the checks.
        for index in events.indices {
            let id = events[index].id
            if let venue = events[index].venue, !venues.keys.contains(venue.value) {
                reader.error(
                    .unknownReference, "'\(id)' takes place at the venue '\(venue.value)', which is not defined",
                    at: venue.location,
                    hint: Suggestion.hint(for: venue.value, in: venueNames) ?? "define it under 'venues'")
            }
            if let calendar = events[index].calendar, calendar.value != WorkCalendar.noneName, !calendars.keys.contains(calendar.value) {
                reader.error(
                    .unknownReference, "'\(id)' uses the calendar '\(calendar.value)', which is not defined",
                    at: calendar.location, hint: Suggestion.hint(for: calendar.value, in: calendarNames))
            }
            for party in events[index].parties where !parties.keys.contains(party.value) {
                reader.error(
                    .unknownReference, "'\(id)' names the party '\(party.value)', which is not defined",
                    at: party.location,
                    hint: Suggestion.hint(for: party.value, in: partyNames) ?? "define it under 'parties'")
            }
            if let serves = events[index].serves {
                if serves.value == id {
                    reader.error(.unknownReference, "'\(id)' cannot be 'for' itself", at: serves.location)
                } else if firstByID[serves.value] == nil {
                    reader.error(
                        .unknownReference, "'\(id)' is 'for' the event '\(serves.value)', which is not defined",
                        at: serves.location, hint: Suggestion.hint(for: serves.value, in: eventNames))
                }
            }
            let constraints = events[index].constraints
            guard constraints.contains(where: { $0.event == id || firstByID[$0.event] == nil }) else { continue }
            var resolved: [Constraint] = []
            for constraint in constraints {
                if let members = groups[constraint.event], firstByID[constraint.event] == nil {
                    for member in members where member != id {
                        var copy = constraint
                        copy.event = member
                        resolved.append(copy)
                    }
                    continue
                }
                if constraint.event == id {
                    reader.error(
                        .unknownReference, "'\(id)' cannot be '\(constraint.relation.rawValue)' itself",
                        at: constraint.location)
                    continue
                }
                if firstByID[constraint.event] == nil {
                    reader.error(
                        .unknownReference,
                        "'\(id)' is '\(constraint.relation.rawValue)' the event '\(constraint.event)', which is not defined",
                        at: constraint.location, hint: Suggestion.hint(for: constraint.event, in: eventNames))
                    continue
                }
                resolved.append(constraint)
            }
            events[index].constraints = resolved
        }
    }
}
