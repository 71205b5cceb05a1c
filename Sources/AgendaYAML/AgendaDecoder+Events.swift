import AgendaCore

extension AgendaDecoder {
    enum EventKey: String, CaseIterable, Sendable {
        case id, title, kind, venue, calendar, parties, start, on, end, duration, after, before, during
        case notBefore = "not_before", notAfter = "not_after", schedule, `repeat`, forEach = "for_each", source
        case description, tags, status, url, `for`, lead, ignore
    }

    static let eventKeywords = Keywords<EventKey>()
    static let kindKeywords = Keywords<EventKind>()
    static let scheduleKeywords = Keywords<SchedulePolicy>()
    static let statusKeywords = Keywords<EventStatus>()
    static let eventKeys = EventKey.allCases.map(\.rawValue)

    typealias Node = YAMLDocument.NodeID

    private static let forEachKey = Array("for_each".utf8)

    /// Decodes one entry of `events`, once per `for_each` combination, and records what it
    /// adds to the plan: the limits are checked on these costs in file order.
    mutating func decodeEvent(_ declaration: Declaration, at index: Int, agendaSchedule: SchedulePolicy) {
        let before = (events: planEntries, nodes: copiedNodes, diagnostics: reader.diagnostics.count)
        defer {
            entryCosts.append(
                EntryCost(
                    index: index, events: planEntries - before.events, nodes: copiedNodes - before.nodes,
                    diagnostics: reader.diagnostics.count - before.diagnostics))
        }
        let doc = declaration.doc
        guard let pairs = reader.mapping(doc, declaration.value, what: "an event") else { return }
        guard let forEach = pairs.first(where: { doc.scalarEquals($0.key, Self.forEachKey) }) else {
            var event = Event(id: "", title: "", location: doc.location(declaration.value))
            if decodeEventBody(doc, declaration.value, pairs, into: &event) { events.append(consume event) }
            return
        }
        guard let keys = forEachValues(doc, forEach.value) else { return }
        // Counted before a single copy is made, so an expansion over a limit costs nothing.
        let combinations = keys.reduce(1) { min($0.saturatingMultiplied(by: $1.values.count), limits.maxEvents + 1) }
        let nodesPerCopy = max(0, doc.expandedSize(declaration.value) - doc.expandedSize(forEach.value))
        copiedNodes = copiedNodes.saturatingAdding(combinations.saturatingMultiplied(by: nodesPerCopy))
        if copiedNodes > limits.maxExpandedNodes || planEntries.saturatingAdding(combinations) > limits.maxEvents {
            planEntries = planEntries.saturatingAdding(combinations)
            return
        }
        var base: String?
        var members: [String] = []
        for number in 0..<combinations {
            // The last key varies fastest.
            var rest = number
            var combination = [(key: String, value: String)](repeating: ("", ""), count: keys.count)
            for position in keys.indices.reversed() {
                let values = keys[position].values
                combination[position] = (keys[position].name, values[rest % values.count])
                rest /= values.count
            }
            reader.substitutions = Dictionary(combination.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a })
            defer { reader.substitutions = nil }
            var event = Event(id: "", title: "", location: doc.location(declaration.value))
            guard decodeEventBody(doc, declaration.value, pairs, into: &event) else { return }
            // One slug over every value, so an empty piece never leaves a double dash.
            let slug = Placeholders.slug(combination.map(\.value).joined(separator: " "))
            if slug.isEmpty {
                reader.error(
                    .invalidExpansion,
                    "the for_each value '\(combination.map(\.value).joined(separator: ", "))' gives an empty id suffix",
                    at: doc.location(forEach.value), hint: "use values with letters or digits")
                continue
            }
            base = event.id
            event.id = "\(event.id)-\(slug)"
            event.expandedFrom = base
            members.append(event.id)
            events.append(event)
            if planEntries > limits.maxEvents { break }
        }
        if let base { groups[base, default: []] += members }
    }

    /// The keys of a `for_each` mapping with their values, in order.
    private mutating func forEachValues(_ doc: YAMLDocument, _ node: Node) -> [(name: String, values: [String])]? {
        guard let pairs = reader.mapping(doc, node, what: "'for_each'") else { return nil }
        guard !pairs.isEmpty else {
            reader.error(.invalidExpansion, "'for_each' is empty", at: doc.location(node), hint: "write { region: [Africa, Asia] }")
            return nil
        }
        var keys: [(name: String, values: [String])] = []
        for (key, value) in pairs {
            guard let name = reader.identifier(doc, key, what: "placeholder name") else { return nil }
            guard doc.kind(value) != .mapping else {
                reader.error(
                    .wrongType, "for_each '\(name)' must be a list of values, not a mapping",
                    at: doc.location(value), hint: "write \(name): [first, second]")
                return nil
            }
            let items = reader.list(doc, value)
            guard !items.isEmpty else {
                reader.error(.invalidExpansion, "for_each '\(name)' has no values", at: doc.location(value))
                return nil
            }
            var values: [String] = []
            for item in items {
                guard let text = reader.text(doc, item, what: "a for_each value") else { return nil }
                values.append(text)
            }
            keys.append((name, values))
        }
        return keys
    }

    /// Reads an event mapping into a blank `event`, in place: an event is large, and copies of
    /// it are a good part of the cost. False when it has no id.
    private mutating func decodeEventBody(
        _ doc: YAMLDocument, _ node: Node, _ pairs: YAMLDocument.Pairs, into event: inout Event
    ) -> Bool {
        var id: String?
        var idNode: Node?
        var sawTitle = false
        // `fields` keeps where the timing keys are written.
        var fields = EventFields()
        for (key, value) in pairs {
            let word = Self.eventKeywords.match(doc, key)
            switch word {
            case .id:
                idNode = value
                // The id is the entry's own; for_each appends the slug of its values.
                let substitutions = reader.substitutions
                reader.substitutions = nil
                id = reader.identifier(doc, value, what: "event id")
                reader.substitutions = substitutions
            case .title:
                sawTitle = true
                event.title = reader.text(doc, value, what: "'title'") ?? ""
            case .kind:
                if let known = reader.choice(doc, value, what: "event kind", as: EventKind.self, keywords: Self.kindKeywords) {
                    event.kind = known
                } else {
                    fields.kindIsUnknown = true
                }
            case .venue: event.venue = located(doc, value, reader.text(doc, value, what: "'venue'"))
            case .calendar: event.calendar = located(doc, value, reader.text(doc, value, what: "'calendar'"))
            case .parties:
                event.parties = reader.list(doc, value).compactMap { located(doc, $0, reader.text(doc, $0, what: "a party")) }
            case .start, .on:
                if let earlier = fields.startKey {
                    reportConflict(doc, earlier, key, "'start' and 'on' say the same thing; keep one")
                }
                fields.startKey = key
                event.start = located(doc, value, reader.timeSpec(doc, value, what: "'\(word!.rawValue)'"))
                fields.startNode = value
            case .end:
                fields.endKey = key
                event.end = located(doc, value, reader.timeSpec(doc, value, what: "'end'"))
                fields.endNode = value
            case .duration:
                fields.durationKey = key
                event.duration = located(doc, value, reader.duration(doc, value, what: "'duration'"))
            case .after, .before, .during:
                let relation = Constraint.Relation(rawValue: word!.rawValue)!
                for item in reader.list(doc, value) {
                    if let constraint = self.constraint(relation, doc, item) { event.constraints.append(constraint) }
                }
            case .notBefore:
                event.notBefore = located(doc, value, reader.timeSpec(doc, value, what: "'not_before'"))
                fields.notBeforeNode = value
            case .notAfter:
                event.notAfter = located(doc, value, reader.timeSpec(doc, value, what: "'not_after'"))
                fields.notAfterNode = value
            case .schedule: event.schedule = reader.choice(doc, value, what: "schedule", as: SchedulePolicy.self, keywords: Self.scheduleKeywords)
            case .repeat:
                fields.repeatKey = key
                event.repeatRule = repeatRule(doc, value)
            case .forEach: break
            case .source: event.source = reader.text(doc, value, what: "'source'")
            case .description: event.description = reader.text(doc, value, what: "'description'", allowEmpty: true)
            case .tags: event.tags = reader.list(doc, value).compactMap { reader.text(doc, $0, what: "a tag") }
            case .status: event.status = reader.choice(doc, value, what: "status", as: EventStatus.self, keywords: Self.statusKeywords)
            case .url: event.url = reader.text(doc, value, what: "'url'")
            case .for: event.serves = located(doc, value, reader.text(doc, value, what: "'for'"))
            case .lead:
                fields.leadKey = key
                event.lead = located(doc, value, reader.duration(doc, value, what: "'lead'"))
            case .ignore: event.ignored = ignoredChecks(doc, value)
            case nil: reader.unknownKey(doc, key, in: "an event", allowed: Self.eventKeys)
            }
        }
        if idNode == nil {
            reader.error(.missingKey, "the event has no 'id'", at: doc.location(node), hint: "give every event a short unique id such as 'cnd59'")
        }
        if !sawTitle {
            reader.error(.missingKey, "the event\(id.map { " '\($0)'" } ?? "") has no 'title'", at: doc.location(node))
        }
        // An event without id or title is still checked, so every problem shows in one run.
        event.id = id ?? ""
        event.idLocation = doc.location(idNode ?? node)
        validateTiming(&event, fields, doc, pairs)
        // Without a title the event still exists, so references to it do not cascade into errors.
        return id != nil
    }

    private func located<T>(_ doc: YAMLDocument, _ node: Node, _ value: T?) -> Located<T>? {
        value.map { Located($0, at: doc.location(node)) }
    }

    private mutating func constraint(_ relation: Constraint.Relation, _ doc: YAMLDocument, _ node: Node) -> Constraint? {
        if doc.kind(node) == .scalar {
            guard let target = reader.text(doc, node, what: "'\(relation.rawValue)'") else { return nil }
            return Constraint(relation, target, at: doc.location(node))
        }
        guard let pairs = reader.mapping(doc, node, what: "'\(relation.rawValue)'") else { return nil }
        var target: (String, SourceLocation)?
        var gap = Duration.zero
        var gapNode: Node?
        var max: Duration?
        var maxNode: Node?
        for (key, value) in pairs {
            switch Self.constraintKeywords.match(doc, key) {
            case .event: target = reader.text(doc, value, what: "'event'").map { ($0, doc.location(value)) }
            case .gap where relation != .during:
                gapNode = value
                gap = reader.duration(doc, value, what: "'gap'") ?? gap
            case .max where relation != .during:
                maxNode = value
                max = reader.duration(doc, value, what: "'max'")
            default:
                reader.unknownKey(
                    doc, key, in: "'\(relation.rawValue)'", allowed: relation == .during ? ["event"] : ["event", "gap", "max"])
            }
        }
        guard let (event, location) = target else {
            reader.error(
                .missingKey, "'\(relation.rawValue)' needs the 'event' it refers to", at: doc.location(node),
                hint: "write { event: cnd59, gap: 4 weeks }")
            return nil
        }
        if let max, let maxNode, max.isCertainlyShorter(than: gap) {
            reader.error(
                .endBeforeStart, "the maximum (\(max)) is below the minimum gap (\(gap))", at: doc.location(maxNode),
                notes: gapNode.map { [.init("the gap is set here", at: doc.location($0))] } ?? [])
            return nil
        }
        return Constraint(relation, event, gap: gap, max: max, at: location)
    }

    enum ConstraintKey: String, CaseIterable, Sendable {
        case event, gap, max
    }

    static let constraintKeywords = Keywords<ConstraintKey>()

    /// `ignore: { AG301: "shared plenary hall" }`: each check id with the reason it does not
    /// apply, which the reports keep.
    private mutating func ignoredChecks(_ doc: YAMLDocument, _ node: Node) -> [IgnoredCheck] {
        guard let pairs = reader.mapping(doc, node, what: "'ignore'") else { return [] }
        var ignored: [IgnoredCheck] = []
        for (key, value) in pairs {
            guard let check = reader.text(doc, key, what: "a check id") else { continue }
            guard let reason = reader.text(doc, value, what: "the reason for ignoring \(check)"), !reason.isEmpty else {
                continue
            }
            ignored.append(IgnoredCheck(check: check, reason: reason, at: doc.location(key)))
        }
        return ignored
    }

    static let repeatKeys = ["every", "until", "count", "except"]

    private mutating func repeatRule(_ doc: YAMLDocument, _ node: Node) -> RepeatRule? {
        guard let pairs = reader.mapping(doc, node, what: "'repeat'") else { return nil }
        var every: Duration?
        var sawEvery = false
        var until: (LocalDate, Node)?
        var count: (Int, Node)?
        var untilKey: Node?
        var countKey: Node?
        var except: [LocalDate] = []
        var ok = true
        for (key, value) in pairs {
            switch doc.string(key) {
            case "every":
                sawEvery = true
                every = reader.duration(doc, value, what: "'every'")
                if let step = every, step.isZero || step.unit == .workingDays {
                    reader.error(
                        .invalidRepeat, "'every' must be a positive number of minutes, hours, days, weeks or months",
                        at: doc.location(value))
                    every = nil
                }
                if every == nil { ok = false }
            case "until":
                untilKey = key
                if let date = reader.date(doc, value, what: "'until'") { until = (date, value) } else { ok = false }
            case "count":
                countKey = key
                if let number = reader.integer(doc, value, what: "'count'", in: 1...999_999_999) {
                    count = (number, value)
                    if number > limits.maxOccurrences {
                        reader.error(
                            .limitExceeded, "'count' asks for \(number) occurrences, more than the limit of \(limits.maxOccurrences)",
                            at: doc.location(value), hint: "split the series, or repeat less often")
                        ok = false
                    }
                } else {
                    ok = false
                }
            case "except": except = reader.list(doc, value).compactMap { reader.date(doc, $0, what: "an 'except' date") }
            default: reader.unknownKey(doc, key, in: "'repeat'", allowed: Self.repeatKeys)
            }
        }
        if !sawEvery {
            reader.error(.missingKey, "'repeat' needs 'every'", at: doc.location(node), hint: "write { every: 2 weeks, until: 2016-04-15 }")
            return nil
        }
        if let untilKey, let countKey {
            reportConflict(doc, untilKey, countKey, "'repeat' takes 'until' or 'count', not both")
            return nil
        }
        if untilKey == nil && countKey == nil {
            reader.error(
                .missingKey, "'repeat' needs 'until' (a last date) or 'count' (a number of occurrences)",
                at: doc.location(node))
            return nil
        }
        guard ok, let every else { return nil }
        let end: RepeatRule.End = if let until { .until(until.0) } else { .count(count!.0) }
        var rule = RepeatRule(every: every, end: end, except: except, at: doc.location(node))
        rule.endLocation = doc.location(until?.1 ?? count!.1)
        return rule
    }
}

/// Where the timing-related keys of one event are written, gathered before they are checked
/// together.
struct EventFields {
    /// The kind was misspelt: checks that depend on it are skipped rather than guessed.
    var kindIsUnknown = false
    var startKey: YAMLDocument.NodeID?
    var startNode: YAMLDocument.NodeID?
    var endKey: YAMLDocument.NodeID?
    var endNode: YAMLDocument.NodeID?
    var durationKey: YAMLDocument.NodeID?
    var notBeforeNode: YAMLDocument.NodeID?
    var notAfterNode: YAMLDocument.NodeID?
    var repeatKey: YAMLDocument.NodeID?
    var leadKey: YAMLDocument.NodeID?
}

extension Int {
    /// The product, or `Int.max` when it does not fit: sizes are compared with limits, never
    /// trapped on.
    func saturatingMultiplied(by other: Int) -> Int {
        let (product, overflow) = multipliedReportingOverflow(by: other)
        return overflow ? .max : product
    }

    func saturatingAdding(_ other: Int) -> Int {
        let (sum, overflow) = addingReportingOverflow(other)
        return overflow ? .max : sum
    }
}
