import AgendaCore
import Dispatch
import Foundation

/// Turns collected declarations into the `Agenda` model: header, calendars, venues, parties,
/// checks and events (with `for_each` expanded), then resolves every reference.
struct AgendaDecoder {
    var declarations: Declarations
    var reader: SchemaReader
    let limits: ReadLimits
    var zones = TimeZoneCache()

    var agendaZone = TimeZoneRules.utc
    var calendars: [String: WorkCalendar] = [:]
    var venues: [String: Venue] = [:]
    var parties: [String: Party] = [:]
    var events: [Event] = []
    /// `for_each` entries by id: a reference to one means every event expanded from it.
    var groups: [String: [String]] = [:]
    /// What the events decoded so far hold: events, each occurrence of a repeat counting as
    /// one, and the nodes read again for `for_each` copies.
    var planEntries = 0
    var copiedNodes = 0
    /// The same for each event entry decoded, in file order.
    var entryCosts: [EntryCost] = []
    var diagnosticsBeforeEvents = 0

    struct EntryCost {
        var index: Int
        var events: Int
        var nodes: Int
        /// Diagnostics the entry reported: they follow one another in entry order.
        var diagnostics: Int
    }

    init(declarations: Declarations, reader: SchemaReader, limits: ReadLimits) {
        self.declarations = declarations
        self.reader = reader
        self.limits = limits
    }

    mutating func decode(topPath: String, files: [String]) -> Agenda? {
        var agenda = decodeHeader(topPath: topPath)
        agenda.files = files
        decodeCalendars()
        decodeVenues()
        decodeParties()
        agenda.checkSeverities = decodeChecks()
        decodeEvents(agendaSchedule: agenda.schedule)
        if reportFirstLimitPassed() { return nil }
        // Every value has been read out of the YAML documents: let them go before the
        // reference pass allocates its tables.
        declarations = Declarations()
        resolveReferences(agenda)
        agenda.calendars = calendars
        agenda.venues = venues
        agenda.parties = parties
        agenda.events = events
        return agenda
    }

    // MARK: Header

    static let agendaKeys = ["id", "title", "timezone", "calendar", "schedule", "start", "end", "updated"]

    mutating func decodeHeader(topPath: String) -> Agenda {
        let topLocation = SourceLocation(file: topPath, line: 1, column: 1)
        var agenda = Agenda(id: "", location: topLocation)
        guard let declaration = declarations.agenda else { return agenda }
        let doc = declaration.doc
        agenda.location = doc.location(declaration.key ?? declaration.value)
        guard let pairs = reader.mapping(doc, declaration.value, what: "'agenda'") else { return agenda }
        var sawID = false
        var startNode: YAMLDocument.NodeID?
        var endNode: YAMLDocument.NodeID?
        var updatedNode: YAMLDocument.NodeID?
        for (key, value) in pairs {
            switch doc.string(key) {
            case "id":
                sawID = true
                agenda.id = reader.identifier(doc, value, what: "agenda id") ?? ""
            case "title": agenda.title = reader.text(doc, value, what: "'title'")
            case "timezone":
                if let zone = reader.timeZone(doc, value, zones: &zones) { agenda.timeZone = zone }
            case "calendar":
                if let name = reader.text(doc, value, what: "'calendar'") {
                    agenda.calendar = name
                    calendarReferences.append((name, doc.location(value), "the agenda"))
                }
            case "schedule":
                if let policy = reader.choice(doc, value, what: "schedule", as: SchedulePolicy.self) {
                    agenda.schedule = policy
                }
            case "start":
                startNode = value
                agenda.start = reader.date(doc, value, what: "'start'")
            case "end":
                endNode = value
                agenda.end = reader.date(doc, value, what: "'end'")
            case "updated": updatedNode = value
            default: reader.unknownKey(doc, key, in: "'agenda'", allowed: Self.agendaKeys)
            }
        }
        agendaZone = agenda.timeZone
        if let updatedNode, let spec = reader.timeSpec(doc, updatedNode, what: "'updated'") {
            if checkLocalTime(spec, zone: agendaZone, doc, updatedNode) {
                agenda.updated = spec.instant(in: agendaZone)
            }
        }
        if let start = agenda.start, let end = agenda.end, let endNode, let startNode, end < start {
            reader.error(
                .endBeforeStart, "the agenda ends (\(end)) before it starts (\(start))", at: doc.location(endNode),
                notes: [.init("the agenda starts here", at: doc.location(startNode))])
        }
        if !sawID {
            reader.error(
                .missingKey, "'agenda' has no 'id'", at: agenda.location,
                hint: "add a short id such as 'id: ungass-2016'; exports derive stable identifiers from it")
        }
        return agenda
    }

    /// Calendar names used anywhere, checked once every calendar is known.
    var calendarReferences: [(name: String, location: SourceLocation, user: String)] = []

    // MARK: Calendars, venues, parties, checks

    static let calendarKeys = ["weekends", "holidays", "hours"]

    mutating func decodeCalendars() {
        var firstSeen: [String: SourceLocation] = [:]
        for declaration in declarations.calendars {
            let doc = declaration.doc
            if let key = declaration.key, doc.string(key) == WorkCalendar.noneName {
                reader.error(
                    .invalidIdentifier, "'none' is the built-in calendar in which every day is working; it cannot be redefined",
                    at: doc.location(key), hint: "choose another name")
                continue
            }
            guard let (name, location) = definitionID(declaration, of: "calendar"),
                !isRedefinition(of: "calendar", name, at: location, first: firstSeen[name])
            else { continue }
            firstSeen[name] = location
            var calendar = WorkCalendar(name: name, location: location)
            if doc.isNull(declaration.value) {
                calendars[name] = calendar
                continue
            }
            guard let pairs = reader.mapping(doc, declaration.value, what: "calendar '\(name)'") else { continue }
            for (key, value) in pairs {
                switch doc.string(key) {
                case "weekends":
                    if doc.isNull(value) {
                        reader.error(
                            .wrongType, "'weekends' is empty", at: doc.location(value),
                            hint: "write [] for a calendar without weekend days, or remove the key for [sat, sun]")
                        continue
                    }
                    calendar.weekends = []
                    for item in reader.list(doc, value) {
                        if let day = weekday(doc, item) { calendar.weekends.insert(day) }
                    }
                    if calendar.weekends.count == Weekday.allCases.count {
                        reader.error(
                            .invalidValue, "calendar '\(name)' makes every day a weekend day, so nothing could be placed in it",
                            at: doc.location(value), hint: "use 'calendar: none' for an event that may fall on any day")
                    }
                case "holidays":
                    var firstSeen: [LocalDate: SourceLocation] = [:]
                    for item in reader.list(doc, value) {
                        guard let (date, label) = holiday(doc, item) else { continue }
                        if let first = firstSeen[date] {
                            reader.diagnostics.append(
                                Diagnostic(
                                    .warning, .duplicateID, "the holiday \(date) is listed twice in calendar '\(name)'",
                                    at: doc.location(item), notes: [.init("first listed here", at: first)]))
                        }
                        firstSeen[date] = firstSeen[date] ?? doc.location(item)
                        calendar.holidays[date] = calendar.holidays[date] ?? label
                    }
                case "hours":
                    if let hours = reader.hours(doc, value, what: "'hours'") { calendar.hours = hours }
                default: reader.unknownKey(doc, key, in: "calendar '\(name)'", allowed: Self.calendarKeys)
                }
            }
            calendars[name] = calendar
        }
    }

    private static let weekdayNames: [String: Weekday] = {
        var names: [String: Weekday] = [:]
        let long = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
        for (day, name) in zip(Weekday.allCases, long) {
            names[day.rawValue] = day
            names[name] = day
        }
        return names
    }()

    private mutating func weekday(_ doc: YAMLDocument, _ node: YAMLDocument.NodeID) -> Weekday? {
        guard let value = reader.text(doc, node, what: "a weekend day") else { return nil }
        if let day = Self.weekdayNames[value.lowercased()] { return day }
        reader.error(
            .invalidValue, "'\(value)' is not a day of the week", at: doc.location(node),
            hint: Suggestion.hint(for: value.lowercased(), in: Self.weekdayNames.keys) ?? "use mon, tue, wed, thu, fri, sat or sun")
        return nil
    }

    private mutating func holiday(_ doc: YAMLDocument, _ node: YAMLDocument.NodeID) -> (LocalDate, String)? {
        if doc.kind(node) != .mapping {
            return reader.date(doc, node, what: "a holiday").map { ($0, "holiday") }
        }
        guard let pairs = reader.mapping(doc, node, what: "a holiday") else { return nil }
        var date: LocalDate?
        var name = "holiday"
        var sawDate = false
        for (key, value) in pairs {
            switch doc.string(key) {
            case "date":
                sawDate = true
                date = reader.date(doc, value, what: "'date'")
            case "name": name = reader.text(doc, value, what: "'name'") ?? name
            default: reader.unknownKey(doc, key, in: "a holiday", allowed: ["date", "name"])
            }
        }
        if !sawDate {
            reader.error(.missingKey, "a holiday needs a 'date'", at: doc.location(node), hint: "write { date: 2016-01-01, name: New Year }")
        }
        return date.map { ($0, name) }
    }

    static let venueKeys = ["name", "city", "timezone", "calendar", "online", "parallel", "capacity"]

    mutating func decodeVenues() {
        for declaration in declarations.venues {
            let doc = declaration.doc
            guard let (id, location) = definitionID(declaration, of: "venue"),
                !isRedefinition(of: "venue", id, at: location, first: venues[id]?.location)
            else { continue }
            var venue = Venue(id: id, name: id, city: id, location: location)
            var city: String?
            var parallelNode: YAMLDocument.NodeID?
            var capacityNode: YAMLDocument.NodeID?
            if !doc.isNull(declaration.value), let pairs = reader.mapping(doc, declaration.value, what: "venue '\(id)'") {
                for (key, value) in pairs {
                    switch doc.string(key) {
                    case "name": venue.name = reader.text(doc, value, what: "'name'") ?? venue.name
                    case "city": city = reader.text(doc, value, what: "'city'")
                    case "timezone": venue.timeZone = reader.timeZone(doc, value, zones: &zones)
                    case "calendar":
                        if let name = reader.text(doc, value, what: "'calendar'") {
                            venue.calendar = name
                            calendarReferences.append((name, doc.location(value), "venue '\(id)'"))
                        }
                    case "online": venue.online = reader.bool(doc, value, what: "'online'") ?? false
                    case "parallel":
                        parallelNode = key
                        if reader.bool(doc, value, what: "'parallel'") == true { venue.capacity = nil }
                    case "capacity":
                        capacityNode = key
                        venue.capacity = reader.integer(doc, value, what: "'capacity'", in: 1...1_000_000) ?? 1
                    default: reader.unknownKey(doc, key, in: "venue '\(id)'", allowed: Self.venueKeys)
                    }
                }
            }
            if let parallelNode, let capacityNode {
                reportConflict(
                    doc, parallelNode, capacityNode, "a venue says either 'parallel' or 'capacity', not both",
                    hint: "'parallel: true' means no limit; 'capacity: N' allows N events at once")
            }
            venue.city = city ?? venue.name
            venues[id] = venue
        }
    }

    mutating func decodeParties() {
        for declaration in declarations.parties {
            let doc = declaration.doc
            guard let (id, location) = definitionID(declaration, of: "party"),
                !isRedefinition(of: "party", id, at: location, first: parties[id]?.location)
            else { continue }
            let name = doc.isNull(declaration.value) ? id : (reader.text(doc, declaration.value, what: "party '\(id)'") ?? id)
            parties[id] = Party(id: id, name: name, location: location)
        }
    }

    /// `checks:` maps a check id to a severity (`AG301: warning`), or to a mapping with an
    /// optional `severity` and the check's own options (`AG303: { buffer: 2 days }`). Which
    /// ids and options exist is known to the checks, which validate them.
    mutating func decodeChecks() -> [String: CheckSetting] {
        var settings: [String: CheckSetting] = [:]
        for declaration in declarations.checks {
            let doc = declaration.doc
            guard let key = declaration.key, let id = reader.text(doc, key, what: "a check id") else { continue }
            if let first = settings[id] {
                reader.error(
                    .duplicateID, "the severity of check '\(id)' is set twice", at: doc.location(key),
                    notes: [.init("first set here", at: first.location)])
                continue
            }
            if doc.kind(declaration.value) == .mapping, let pairs = reader.mapping(doc, declaration.value, what: "check '\(id)'") {
                var setting = CheckSetting(level: nil, location: doc.location(key))
                for (optionKey, value) in pairs {
                    guard let name = reader.text(doc, optionKey, what: "a check option") else { continue }
                    if name == "severity" {
                        setting.level = reader.choice(doc, value, what: "check severity", as: CheckSetting.Level.self)
                    } else if let text = reader.text(doc, value, what: "option '\(name)' of \(id)") {
                        setting.options[name] = Located(text, at: doc.location(value))
                        setting.optionLocations[name] = doc.location(optionKey)
                    }
                }
                settings[id] = setting
            } else if let level = reader.choice(doc, declaration.value, what: "check severity", as: CheckSetting.Level.self) {
                settings[id] = CheckSetting(level: level, location: doc.location(key))
            }
        }
        return settings
    }

    // MARK: Events

    /// Events are independent of each other until references are resolved, so large agendas
    /// decode in contiguous chunks on every core, merged back in file order.
    mutating func decodeEvents(agendaSchedule: SchedulePolicy) {
        diagnosticsBeforeEvents = reader.diagnostics.count
        let all = declarations.events
        let workers = all.count < 4000 ? 1 : min(4, max(1, ProcessInfo.processInfo.activeProcessorCount))
        guard workers > 1 else {
            events.reserveCapacity(all.count)
            for (index, declaration) in all.enumerated() {
                decodeEvent(declaration, at: index, agendaSchedule: agendaSchedule)
                if isOverLimit { break }
            }
            return
        }
        let chunk = (all.count + workers - 1) / workers
        var template = self
        template.reader.diagnostics = []
        template.events = []
        template.groups = [:]
        template.entryCosts = []
        let start = template
        let results = WorkerSlots<AgendaDecoder>(count: workers)
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var part = start
            let range = worker * chunk..<min(all.count, (worker + 1) * chunk)
            part.events.reserveCapacity(range.count)
            for index in range {
                part.decodeEvent(all[index], at: index, agendaSchedule: agendaSchedule)
                // The part's own totals passing a limit mean the agenda's do: stop early.
                if part.isOverLimit { break }
            }
            results.store(part, at: worker)
        }
        var parts = (0..<workers).map { results.take(at: $0) }
        // One allocation of the exact size: `for_each` makes the count unknown until now, and
        // growing an array of 100,000 events by doubling copies it and holds both copies.
        events.reserveCapacity(parts.reduce(0) { $0 + $1.events.count })
        for worker in parts.indices {
            events += parts[worker].events
            // Each part's events are let go once copied, so the copies never pile up.
            parts[worker].events = []
            let part = parts[worker]
            reader.diagnostics += part.reader.diagnostics
            groups.merge(part.groups) { $0 + $1 }
            entryCosts += part.entryCosts
            planEntries = planEntries.saturatingAdding(part.planEntries)
            copiedNodes = copiedNodes.saturatingAdding(part.copiedNodes)
        }
    }

    var isOverLimit: Bool { planEntries > limits.maxEvents || copiedNodes > limits.maxExpandedNodes }

    /// When the events passed a limit: reports the entry with which they first did, in file
    /// order, keeping the problems of the entries before it. Which entries were decoded
    /// beyond it depends on how the work was split, so nothing from them is kept.
    mutating func reportFirstLimitPassed() -> Bool {
        guard isOverLimit else { return false }
        events = []
        groups = [:]
        var total = (events: 0, nodes: 0)
        var kept = diagnosticsBeforeEvents
        for cost in entryCosts {
            total.events = total.events.saturatingAdding(cost.events)
            total.nodes = total.nodes.saturatingAdding(cost.nodes)
            guard total.events > limits.maxEvents || total.nodes > limits.maxExpandedNodes else {
                kept += cost.diagnostics
                continue
            }
            reader.diagnostics.removeSubrange(kept...)
            // At the entry itself: its `for_each` may be merged from another one.
            let declaration = declarations.events[cost.index]
            let doc = declaration.doc
            if total.events <= limits.maxEvents {
                var scratch = SchemaReader()
                let pairs = scratch.mapping(doc, declaration.value, what: "an event") ?? YAMLDocument.Pairs([])
                let forEach = pairs.first { doc.string($0.key) == "for_each" }?.value
                let perCopy = forEach.map { max(0, doc.expandedSize(declaration.value) - doc.expandedSize($0)) } ?? 0
                reader.error(
                    .limitExceeded,
                    "with this entry, the events that 'for_each' copies hold more than \(limits.maxExpandedNodes) nodes in all; each copy of this entry reads its \(perCopy) nodes again",
                    at: doc.location(declaration.value), hint: "move long lists out of the entry, or make fewer copies")
            } else {
                reader.error(
                    .limitExceeded,
                    "with this entry, the agenda has more than \(limits.maxEvents) events, counting each for_each copy and each occurrence of a repeat as one",
                    at: doc.location(declaration.value), hint: "a plan lists every one of them; split the agenda, or repeat less often")
            }
            return true
        }
        // The entries' costs add up to the totals: the loop has found the entry.
        return true
    }

    // MARK: Helpers

    /// The id and location of a named definition (a venue, party or calendar), or nil after
    /// reporting an invalid id.
    mutating func definitionID(_ declaration: Declaration, of what: String) -> (String, SourceLocation)? {
        let doc = declaration.doc
        guard let key = declaration.key, let id = reader.identifier(doc, key, what: "\(what) id") else { return nil }
        return (id, doc.location(key))
    }

    /// Reports a second definition of the same id, at the second with a note at the first.
    mutating func isRedefinition(of what: String, _ id: String, at location: SourceLocation, first: SourceLocation?) -> Bool {
        guard let first else { return false }
        reader.error(
            .duplicateID, "the \(what) '\(id)' is defined twice", at: location,
            notes: [.init("'\(id)' is first defined here", at: first)])
        return true
    }

    /// Reports two keys that cannot stand together, at the later one with a note at the earlier.
    mutating func reportConflict(_ doc: YAMLDocument, _ a: YAMLDocument.NodeID, _ b: YAMLDocument.NodeID, _ message: String, hint: String? = nil) {
        let (first, second) = ordered(doc, a, b)
        reader.error(
            .conflictingKeys, message, at: doc.location(second), hint: hint,
            notes: [.init("'\(doc.string(first))' is given here", at: doc.location(first))])
    }

    /// The two nodes in source order.
    func ordered(_ doc: YAMLDocument, _ a: YAMLDocument.NodeID, _ b: YAMLDocument.NodeID) -> (YAMLDocument.NodeID, YAMLDocument.NodeID) {
        doc.location(a) < doc.location(b) ? (a, b) : (b, a)
    }

    /// Reports a wall-clock time that does not exist or is ambiguous in `zone`; true when fine.
    mutating func checkLocalTime(_ spec: TimeSpec, zone: TimeZoneRules, _ doc: YAMLDocument, _ node: YAMLDocument.NodeID) -> Bool {
        guard case .local(let local) = spec else { return true }
        switch zone.resolve(local) {
        case .unique: return true
        case .skipped(let before, let after):
            reader.error(
                .nonexistentLocalTime,
                "\(local) does not exist in \(zone.identifier): the clocks jump from \(formatOffset(before)) to \(formatOffset(after))",
                at: doc.location(node),
                hint: "write a time after the change, or an exact time with its offset, e.g. \(local)\(formatOffset(before))")
            return false
        case .repeated(let earlier, let later):
            let first = formatOffset(Int(local.secondsSinceEpoch - earlier.secondsSinceEpoch))
            let second = formatOffset(Int(local.secondsSinceEpoch - later.secondsSinceEpoch))
            reader.error(
                .ambiguousLocalTime,
                "\(local) is ambiguous in \(zone.identifier): it occurs at \(first) and again at \(second)",
                at: doc.location(node), hint: "write the offset to choose one, e.g. \(local)\(first)")
            return false
        }
    }
}
