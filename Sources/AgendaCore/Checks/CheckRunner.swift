import Foundation

/// Runs a list of checks over a plan with the agenda's settings: the severity of each check
/// (its default, or `checks:` in the agenda), its options, and the events that `ignore` it.
public struct CheckRunner: Sendable {
    public let checks: [any Check.Type]
    /// 1 runs every check, and makes every lookup, on the calling thread, as profilers want;
    /// by default they run on every core.
    public let maxWorkers: Int?

    public init(checks: [any Check.Type], maxWorkers: Int? = nil) {
        self.checks = checks
        self.maxWorkers = maxWorkers
    }

    /// The diagnostics of every enabled check, in source order, after the agenda's settings
    /// have been validated against the checks (an unknown id or option is an input error).
    public func run(_ plan: Plan) -> [Diagnostic] {
        let settings = validate(plan.agenda)
        if settings.hasErrors { return settings.sorted() }
        var configured: [(check: any Check, type: any Check.Type, severity: Severity)] = []
        var problems: [Diagnostic] = []
        for type in checks {
            let setting = plan.agenda.checkSeverities[type.id] ?? plan.agenda.checkSeverities[type.name]
            let level = setting?.level ?? type.defaultSeverity
            guard level != .off else { continue }
            do {
                let check = try type.init(options: CheckOptions(setting?.options ?? [:]))
                configured.append((check, type, level == .error ? .error : .warning))
            } catch {
                problems.append(.error(.invalidValue, error.message, at: error.location))
            }
        }
        if !problems.isEmpty { return problems.sorted() }
        let enabled = configured
        let results = WorkerSlots<[Diagnostic]>(count: configured.count)
        let ignoredByEvent = ignoredChecks(plan.agenda)
        let context = CheckContext(plan, maxWorkers: maxWorkers)
        @Sendable func runCheck(_ index: Int) {
            let (check, type, severity) = enabled[index]
            let diagnostics = check.findings(in: context).compactMap { finding -> Diagnostic? in
                // Most agendas ignore nothing: then no event is looked up.
                guard ignoredByEvent.isEmpty || !finding.events.contains(where: { ignoredByEvent[$0]?.contains(type.id) ?? false }) else {
                    return nil
                }
                return Diagnostic(severity, type.code, finding.message, at: finding.location, hint: finding.hint, notes: finding.notes)
            }
            results.store(diagnostics, at: index)
        }
        if maxWorkers == 1 {
            for index in enabled.indices { runCheck(index) }
        } else {
            // The checks are independent of each other: they run on every core.
            DispatchQueue.concurrentPerform(iterations: configured.count) { index in runCheck(index) }
        }
        return Self.sortedInSourceOrder((0..<enabled.count).flatMap { results.take(at: $0) })
    }

    /// The order `sorted()` gives, found faster for thousands of diagnostics: they are
    /// compared by numbers (file rank, line, column) before code and message, and moved as
    /// indices rather than as structs full of strings.
    static func sortedInSourceOrder(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        // The files, each once: most diagnostics come from the file of the one before, which
        // is found without hashing its name.
        var files: [String] = []
        var fileOf = [Int](repeating: -1, count: diagnostics.count)
        for (index, diagnostic) in diagnostics.enumerated() {
            guard let file = diagnostic.location?.file else { continue }
            if index > 0 && fileOf[index - 1] >= 0 && files[fileOf[index - 1]] == file {
                fileOf[index] = fileOf[index - 1]
            } else if let known = files.firstIndex(of: file) {
                fileOf[index] = known
            } else {
                fileOf[index] = files.count
                files.append(file)
            }
        }
        var rank = [Int](repeating: 0, count: files.count)
        for (position, file) in files.indices.sorted(by: { files[$0] < files[$1] }).enumerated() { rank[file] = position }
        // Diagnostics without a location come first, as `<` puts them.
        let keys = diagnostics.indices.map { index -> (file: Int, line: Int, column: Int) in
            guard let location = diagnostics[index].location else { return (-1, 0, 0) }
            return (rank[fileOf[index]], location.line, location.column)
        }
        let order = diagnostics.indices.sorted { a, b in
            if keys[a] != keys[b] { return keys[a] < keys[b] }
            if diagnostics[a].code != diagnostics[b].code { return diagnostics[a].code.rawValue < diagnostics[b].code.rawValue }
            if diagnostics[a].message != diagnostics[b].message { return diagnostics[a].message < diagnostics[b].message }
            // Equal diagnostics keep their order, as a stable sort leaves them.
            return a < b
        }
        return order.map { diagnostics[$0] }
    }

    /// Every `checks:` entry and every `ignore:` of an event must name a known check, and
    /// every option one the check takes.
    public func validate(_ agenda: Agenda) -> [Diagnostic] {
        // A check is named by its code or by its name (`AG304` or `holiday`).
        let byID = Dictionary(checks.map { ($0.id, $0) } + checks.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        var diagnostics: [Diagnostic] = []
        for (id, setting) in agenda.checkSeverities {
            guard let check = byID[id] else {
                diagnostics.append(unknownCheck(id, at: setting.location))
                continue
            }
            let names = check.options.map(\.name)
            for (name, value) in setting.options where !names.contains(name) {
                let takes = names.isEmpty ? "it takes only 'severity'" : "it takes 'severity', " + names.map { "'\($0)'" }.joined(separator: ", ")
                diagnostics.append(
                    .error(
                        .unknownCheck, "\(id) has no option '\(name)'", at: setting.optionLocations[name] ?? value.location,
                        hint: Suggestion.hint(for: name, in: names + ["severity"]) ?? takes))
            }
        }
        // Events are read in place: copying each one costs more than looking at it.
        agenda.events.withUnsafeBufferPointer { events in
            for index in events.indices where !events[index].ignored.isEmpty {
                for ignored in events[index].ignored where byID[ignored.check] == nil {
                    diagnostics.append(unknownCheck(ignored.check, at: ignored.location))
                }
            }
        }
        return diagnostics.sorted()
    }

    private func unknownCheck(_ id: String, at location: SourceLocation) -> Diagnostic {
        .error(
            .unknownCheck, "'\(id)' is not a check", at: location,
            hint: Suggestion.hint(for: id, in: checks.map { $0.id }) ?? "'agenda checks' lists them")
    }

    /// For each event that ignores checks, their ids.
    func ignoredChecks(_ agenda: Agenda) -> [Int: Set<String>] {
        let idByName = Dictionary(checks.map { ($0.name, $0.id) }, uniquingKeysWith: { first, _ in first })
        var result: [Int: Set<String>] = [:]
        agenda.events.withUnsafeBufferPointer { events in
            for index in events.indices where !events[index].ignored.isEmpty {
                result[index] = Set(events[index].ignored.map { idByName[$0.check] ?? $0.check })
            }
        }
        return result
    }
}
