import AgendaCSV
import AgendaChecks
import AgendaCore
import AgendaICalendar
import AgendaMarkdown
import AgendaReporters
import AgendaYAML

/// A property that an input broke. The libFuzzer entry points turn it into a crash, so the
/// fuzzer keeps the input; the regression tests replay saved inputs and expect none.
public struct FuzzFinding: Error, CustomStringConvertible {
    public var description: String
}

/// The bodies of the fuzz targets in `Fuzz/`, kept here so that `swift test` replays every
/// saved input through exactly the code the fuzzer ran.
public enum FuzzTargets {
    /// Limits small enough that one input runs in milliseconds, so the fuzzer explores breadth
    /// rather than size; the same limits guard the CLI at larger values.
    public static let limits = ReadLimits(
        maxInputBytes: 1 << 20, maxExpandedNodes: 100_000, maxDepth: 64, maxEvents: 2_000, maxOccurrences: 500)

    /// YAML bytes through everything a user can run: load (in one pass and in pieces, which
    /// must agree), plan, explain, checks, every exporter and every reporter.
    public static func pipeline(_ bytes: [UInt8]) throws(FuzzFinding) {
        // The path names a folder that does not exist, so a relative include reads nothing.
        let path = "/nonexistent/fuzz/input.agenda.yaml"
        let loaded = AgendaLoader(limits: limits, eventPiecesFrom: .max).load(bytes: bytes, path: path)
        // Reading the events list in pieces on every core must change nothing.
        let inPieces = AgendaLoader(limits: limits, eventPiecesFrom: 0).load(bytes: bytes, path: path)
        guard inPieces.agenda == loaded.agenda, inPieces.diagnostics == loaded.diagnostics else {
            throw FuzzFinding(description: "reading the events in pieces gives another result than one pass")
        }
        guard let agenda = loaded.agenda else {
            if !loaded.diagnostics.hasErrors { throw FuzzFinding(description: "no agenda, yet no error") }
            report(loaded.diagnostics, events: 0)
            return
        }
        let runner = CheckRunner(checks: builtInChecks)
        let settings = runner.validate(agenda)
        let plan = Scheduler(maxOccurrences: limits.maxOccurrences).plan(agenda)
        var diagnostics = loaded.diagnostics + settings + plan.diagnostics
        for item in plan.items.prefix(20) { _ = plan.explanation(for: item.id)?.steps.map(\.text) }
        if plan.isFeasible {
            try expectOrdered(plan)
            if !settings.hasErrors { diagnostics += runner.run(plan) }
            let options = ExportOptions(stamp: Instant(secondsSinceEpoch: 0), maxWorkers: 1)
            let exporters: [any Exporter] = [ICalendarExporter(), CSVExporter(), MarkdownExporter(), JSONExporter()]
            for exporter in exporters {
                let output = ByteBuffer()
                do { try exporter.export(plan, options: options, into: output) } catch {
                    throw FuzzFinding(description: "\(exporter.identifier) failed on a feasible plan: \(error)")
                }
                guard output.text.utf8.elementsEqual(output.bytes) else {
                    throw FuzzFinding(description: "\(exporter.identifier) wrote bytes that are not UTF-8")
                }
            }
        }
        report(diagnostics.sorted(), events: agenda.events.count)
    }

    /// Every planned item ends no earlier than it starts.
    private static func expectOrdered(_ plan: Plan) throws(FuzzFinding) {
        for item in plan.items where item.end < item.start {
            throw FuzzFinding(description: "\(item.id) ends before it starts")
        }
    }

    private static func report(_ diagnostics: [Diagnostic], events: Int) {
        let run = CheckRun(
            files: ["input.agenda.yaml"], eventCount: events, diagnostics: diagnostics,
            rules: Rule.all(checks: builtInChecks), toolVersion: "fuzz")
        for reporter in builtInReporters { reporter.report(run, into: ByteBuffer()) }
    }

    /// The scalar parsers (dates, times, date-times, hour spans, durations) on arbitrary text,
    /// and the gap arithmetic on what parses, in zones with clock changes and on a calendar
    /// with weekends and holidays. Input: `TEXT` or `START|GAP`.
    public static func timeArithmetic(_ bytes: [UInt8]) throws(FuzzFinding) {
        let text = String(decoding: bytes, as: UTF8.self)
        let parts = text.split(separator: "|", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        for part in parts {
            if case .success(let date) = TimeParsers.date(part) {
                guard TimeParsers.date(date.description) == .success(date) else {
                    throw FuzzFinding(description: "date '\(part)' does not read back from '\(date)'")
                }
            }
            if case .success(let duration) = TimeParsers.duration(part) {
                guard TimeParsers.duration(duration.description) == .success(duration) else {
                    throw FuzzFinding(description: "duration '\(part)' does not read back from '\(duration)'")
                }
            }
            _ = TimeParsers.timeOfDay(part, allowEndOfDay: true)
            _ = TimeParsers.hoursSpan(part)
            if case .success(let spec) = TimeParsers.timeSpec(part) {
                guard TimeParsers.timeSpec(spec.description) == .success(spec) else {
                    throw FuzzFinding(description: "time '\(part)' does not read back from '\(spec)'")
                }
            }
        }
        guard parts.count == 2, case .success(let spec) = TimeParsers.timeSpec(parts[0]),
            case .success(let gap) = TimeParsers.duration(parts[1])
        else { return }
        for clock in clocks {
            let start = spec.instant(in: clock.zone)
            let later = clock.adding(gap, to: start)
            guard later >= start else {
                throw FuzzFinding(description: "\(spec) + \(gap) in \(clock.zone.identifier) goes back in time")
            }
            // Calendar arithmetic is not monotonic (31 January + 1 month = 29 February =
            // 29 January + 1 month, and wall times in a spring-forward gap move ahead), so the
            // inverse is the latest start from which no earlier one overshoots: at or before
            // `start`, by at most the days a month end clamps away or one clock change.
            let inverse = clock.latest(before: later, gap: gap)
            let slack: Int64 = gap.isElapsed ? 0 : gap.unit == .months ? 4 * 86_400 : 86_400
            guard clock.adding(gap, to: inverse) <= later, inverse.secondsSinceEpoch >= start.secondsSinceEpoch - slack else {
                throw FuzzFinding(
                    description: "latest(before: \(spec) + \(gap), gap: \(gap)) in \(clock.zone.identifier) is \(inverse.secondsSinceEpoch), not near \(start.secondsSinceEpoch)")
            }
        }
    }

    private static let clocks: [EventClock] = {
        let holidays = [LocalDate(year: 2015, month: 12, day: 25)!: "Christmas Day"]
        let working = WorkCalendar(name: "un", holidays: holidays)
        return ["Europe/Vienna", "America/New_York", "Pacific/Apia", "UTC"].flatMap { name in
            let zone = TimeZoneRules(named: name)!
            return [EventClock(zone: zone, calendar: working), EventClock(zone: zone, calendar: .none)]
        }
    }()
}
