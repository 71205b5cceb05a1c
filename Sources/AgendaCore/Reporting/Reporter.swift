/// Writes the diagnostics of a run in a format a person or a CI system reads: compiler-style
/// text, JSON, GitHub workflow commands, SARIF, JUnit XML. Reporters are values the tool lists
/// explicitly; nothing registers itself.
public protocol Reporter: Sendable {
    /// The name `--reporter` takes, e.g. `sarif`.
    var identifier: String { get }
    /// One line for `agenda check --help`.
    var summary: String { get }

    func report(_ run: CheckRun, into output: ByteBuffer)
}

/// One run of `agenda check`: what was read and everything found.
public struct CheckRun: Sendable {
    /// The files named on the command line, in order.
    public var files: [String]
    public var eventCount: Int
    /// In source order.
    public var diagnostics: [Diagnostic]
    /// Every code a diagnostic may carry, with its documentation (SARIF lists them as rules).
    public var rules: [Rule]
    public var toolVersion: String

    public init(files: [String], eventCount: Int, diagnostics: [Diagnostic], rules: [Rule], toolVersion: String) {
        self.files = files
        self.eventCount = eventCount
        self.diagnostics = diagnostics
        self.rules = rules
        self.toolVersion = toolVersion
    }

    /// `checked 1 file, 52 events: no problems` or `... 2 errors, 1 warning`.
    public var summaryLine: String {
        func plural(_ count: Int, _ noun: String) -> String { "\(count) \(noun)\(count == 1 ? "" : "s")" }
        let subject = "checked \(plural(files.count, "file")), \(plural(eventCount, "event"))"
        let errors = diagnostics.errorCount
        let warnings = diagnostics.warningCount
        if errors == 0 && warnings == 0 { return "\(subject): no problems" }
        var parts: [String] = []
        if errors > 0 { parts.append(plural(errors, "error")) }
        if warnings > 0 { parts.append(plural(warnings, "warning")) }
        return "\(subject): \(parts.joined(separator: ", "))"
    }
}

/// What a diagnostic code means, for reports that carry documentation (SARIF rules).
public struct Rule: Sendable, Hashable {
    public var id: String
    /// A short kebab-case name, e.g. `venue-double-booked`.
    public var name: String
    public var summary: String
    /// Why it matters and what to do.
    public var help: String
    public var defaultSeverity: Severity

    public init(id: String, name: String, summary: String, help: String, defaultSeverity: Severity) {
        self.id = id
        self.name = name
        self.summary = summary
        self.help = help
        self.defaultSeverity = defaultSeverity
    }

    /// The rules of reading, decoding and planning, then of the given checks.
    public static func all(checks: [any Check.Type]) -> [Rule] {
        let core = DiagnosticCode.allCases.map { code in
            Rule(
                id: code.rawValue, name: code.name, summary: code.summary ?? "", help: code.summary ?? "",
                defaultSeverity: .error)
        }
        let fromChecks = checks.map { check in
            Rule(
                id: check.id, name: check.name, summary: check.summary, help: check.rationale,
                defaultSeverity: check.defaultSeverity == .error ? .error : .warning)
        }
        return core + fromChecks
    }
}
