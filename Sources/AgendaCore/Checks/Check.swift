/// A rule a plan is checked against, beyond what planning requires: a venue booked twice, a
/// party in two cities on one day, a session on a holiday. Each check is a type with its own
/// code, documentation and examples; a tool lists the checks it runs explicitly (see
/// `AgendaChecks.builtInChecks`), and nothing registers itself.
public protocol Check: Sendable {
    /// The diagnostic code its findings carry, `AG3xx` for the built-in checks.
    static var id: String { get }
    /// A short kebab-case name: `venue-double-booked`.
    static var name: String { get }
    static var defaultSeverity: CheckSetting.Level { get }
    /// One line: what it finds.
    static var summary: String { get }
    /// Why it matters and how to resolve a finding, in a few sentences.
    static var rationale: String { get }
    /// The options an agenda may set under `checks: { AG3xx: { ... } }`.
    static var options: [CheckOption] { get }
    /// Agendas that break the check, with markers (`1️⃣`) where each finding must point:
    /// its documentation and its tests.
    static var failingExamples: [String] { get }
    /// Agendas the check must accept.
    static var passingExamples: [String] { get }

    /// A check configured from the agenda's options, already known to be among `options`.
    init(options: CheckOptions) throws(CheckOptionError)

    /// Everything the plan breaks, in any order. The context holds the plan and the lookups
    /// every check needs, made once per run.
    func findings(in context: CheckContext) -> [Finding]
}

extension Check {
    public static var options: [CheckOption] { [] }
    public static var code: DiagnosticCode { DiagnosticCode(id) }
}

/// One thing a check found.
public struct Finding: Sendable, Hashable {
    public var message: String
    public var location: SourceLocation?
    public var hint: String?
    public var notes: [Diagnostic.Note]
    /// The events (indices in `Agenda.events`) it concerns: any of them may `ignore` it.
    public var events: [Int]

    public init(_ message: String, at location: SourceLocation?, hint: String? = nil, notes: [Diagnostic.Note] = [], events: [Int]) {
        self.message = message
        self.location = location
        self.hint = hint
        self.notes = notes
        self.events = events
    }
}

/// An option a check takes: its name, what it means, and its default as written in a file.
public struct CheckOption: Sendable, Hashable {
    public var name: String
    public var summary: String
    public var defaultValue: String

    public init(_ name: String, _ summary: String, default defaultValue: String) {
        self.name = name
        self.summary = summary
        self.defaultValue = defaultValue
    }
}

/// The options an agenda gives a check, as written, with their places.
public struct CheckOptions: Sendable {
    public var values: [String: Located<String>]

    public init(_ values: [String: Located<String>] = [:]) { self.values = values }

    /// A duration option (`buffer: 2 days`), or its default.
    public func duration(_ name: String, default fallback: Duration) throws(CheckOptionError) -> Duration {
        guard let value = values[name] else { return fallback }
        switch TimeParsers.duration(value.value) {
        case .success(let duration): return duration
        case .failure(let failure):
            throw CheckOptionError(message: "option '\(name)': \(failure.message)", location: value.location)
        }
    }
}

/// An option value a check cannot use.
public struct CheckOptionError: Error, Sendable, Hashable {
    public var message: String
    public var location: SourceLocation

    public init(message: String, location: SourceLocation) {
        self.message = message
        self.location = location
    }
}
