/// Writes a plan in one file format. Exporters are values composed explicitly by the caller
/// (the CLI lists the ones it offers); nothing registers itself.
public protocol Exporter: Sendable {
    /// The name `--format` takes, e.g. `ics`.
    var identifier: String { get }
    /// The extension of the files it writes, without the dot.
    var fileExtension: String { get }
    /// The media type of its output, e.g. `text/calendar`.
    var mediaType: String { get }
    /// One line for `agenda formats`.
    var summary: String { get }

    /// Appends the whole file for `plan` to `output`. The plan is feasible; an exporter throws
    /// only when it cannot represent it.
    func export(_ plan: Plan, options: ExportOptions, into output: ByteBuffer) throws
}

/// What every export of one run shares.
public struct ExportOptions: Sendable, Hashable {
    /// The time stamp the output carries (iCalendar DTSTAMP): never the clock, so the same
    /// input gives the same bytes.
    public var stamp: Instant
    /// When the plan was restricted to one party's events, that party: its name labels the
    /// output (a personal calendar feed).
    public var party: Party?
    /// How many cores an exporter may write on at once; nil for all. The output is the same
    /// bytes whatever the number.
    public var maxWorkers: Int?

    public init(stamp: Instant, party: Party? = nil, maxWorkers: Int? = nil) {
        self.stamp = stamp
        self.party = party
        self.maxWorkers = maxWorkers
    }

    /// The stamp of an agenda's exports: its `updated`, else `SOURCE_DATE_EPOCH` from the
    /// environment (whole seconds since 1970, as reproducible builds define it), else
    /// 1970-01-01T00:00:00Z. Nil when `SOURCE_DATE_EPOCH` is set but is not such a number.
    public static func stamp(for agenda: Agenda, environment: [String: String]) -> Instant? {
        if let updated = agenda.updated { return updated }
        guard let epoch = environment["SOURCE_DATE_EPOCH"] else { return Instant(secondsSinceEpoch: 0) }
        guard !epoch.isEmpty, epoch.utf8.allSatisfy({ (0x30...0x39).contains($0) }), let seconds = Int64(epoch),
            seconds <= 4_102_444_800
        else { return nil }
        return Instant(secondsSinceEpoch: seconds)
    }
}

/// The plan in the JSON contract of `agenda plan --format json` (docs/plan-json.md).
public struct JSONExporter: Exporter {
    public init() {}
    public var identifier: String { "json" }
    public var fileExtension: String { "json" }
    public var mediaType: String { "application/json" }
    public var summary: String { "the plan as JSON, the contract of 'agenda plan --format json' (docs/plan-json.md)" }

    public func export(_ plan: Plan, options: ExportOptions, into output: ByteBuffer) throws {
        PlanJSON.write(plan, into: output, maxWorkers: options.maxWorkers)
    }
}

extension Plan {
    /// The plan of one party: the events that name it in `parties`, with every occurrence.
    public func restricted(toParty party: String) -> Plan {
        let events = agenda.events
        let items = items.filter { item in events[item.eventIndex].parties.contains { $0.value == party } }
        return Plan(agenda: agenda, items: items, diagnostics: diagnostics, trace: trace, eventIndexByID: eventIndexByID)
    }
}
