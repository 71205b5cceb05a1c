import AgendaCSV
import AgendaChecks
import AgendaCore
import AgendaGenerator
import AgendaICalendar
import AgendaMarkdown
import AgendaYAML
import CLibYAML

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// agenda-bench: generates seeded agendas of 1k, 10k and 100k events (nothing is written to
/// disk) and times, in one run, a raw libyaml event loop over the bytes, the full load
/// (read + YAML + decode + validate) with its ratio to the raw loop, planning, all built-in
/// checks, and each exporter writing the plan into memory, with the peak memory of each size, each size in its own process so peak memory is its own.
///
///   swift run -c release agenda-bench              # the table
///   swift run -c release agenda-bench --size 5000  # one size
///   swift run agenda-bench --size 300 --seed 7 --write g.yaml  # one agenda, as a file
struct Options {
    var sizes = [1_000, 10_000, 100_000]
    /// The generator's seed: the same seed and size give the same agenda.
    var seed: UInt64 = 2016
    /// Writes the generated agenda here instead of measuring.
    var writePath: String?
    var repetitions = 5
    var child = false
    /// Only loads, repeatedly: for profilers.
    var loadOnly = false
    var planOnly = false
    /// Only exports, repeatedly, in this format: for profilers.
    var exportOnly: String?
    /// Only checks, each on its own and then all together: for profilers.
    var checksOnly = false
    /// At most this many cores for each exporter, or for the checks (all by default).
    var workers: Int?

    init(_ arguments: [String]) {
        var iterator = arguments.dropFirst().makeIterator()
        while let argument = iterator.next() {
            switch argument {
            case "--size": sizes = [Int(iterator.next() ?? "") ?? 1000]
            case "--seed":
                guard let value = iterator.next().flatMap({ UInt64($0) }) else {
                    print("--seed takes a whole number from 0 to \(UInt64.max)")
                    exit(2)
                }
                seed = value
            case "--repeat": repetitions = max(1, Int(iterator.next() ?? "") ?? 5)
            case "--child": child = true
            case "--load-only": loadOnly = true
            case "--plan-only": planOnly = true
            case "--export-only": exportOnly = iterator.next()
            case "--workers": workers = Int(iterator.next() ?? "")
            case "--checks-only": checksOnly = true
            case "--write": writePath = iterator.next() ?? "generated.yaml"
            case "--help", "-h":
                print(
                    """
                    usage: agenda-bench [--size N] [--seed S] [--repeat K] [--write FILE]
                                        [--load-only | --plan-only | --checks-only [--workers N] | --export-only ics|csv|md|json [--workers N]]
                      --size N     one size of agenda, in events (default: 1000, 10000 and 100000)
                      --seed S     the generator's seed (default 2016): the same seed and size give the same agenda
                      --write FILE writes the generated agenda of the first size to FILE and measures nothing
                    """)
                exit(0)
            default:
                print("unknown argument '\(argument)'; try --help")
                exit(2)
            }
        }
    }
}

struct Measurement {
    var events: Int
    var bytes: Int
    var rawSeconds: Double
    var loadSeconds: Double
    var planSeconds: Double
    var checkSeconds: Double
    /// Each of `benchmarkedExporters`, in that order.
    var exportSeconds: [Double]
    var peakMB: Double
}

let benchmarkedExporters: [any Exporter] = [ICalendarExporter(), CSVExporter(), MarkdownExporter(), JSONExporter()]

func seconds(_ duration: Swift.Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

/// The floor any YAML-based loader pays: libyaml's parser with every event discarded.
func rawLibYAMLEvents(_ bytes: [UInt8]) -> Int {
    var parser = yaml_parser_t()
    yaml_parser_initialize(&parser)
    defer { yaml_parser_delete(&parser) }
    var count = 0
    bytes.withUnsafeBufferPointer { buffer in
        yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
        var event = yaml_event_t()
        while yaml_parser_parse(&parser, &event) == 1 {
            let done = event.type == YAML_STREAM_END_EVENT
            yaml_event_delete(&event)
            count += 1
            if done { break }
        }
    }
    return count
}

func peakResidentMB() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024  // kilobytes on Linux
}

/// Times one size in this process; the best of `repetitions` runs of each.
func measure(events: Int, seed: UInt64, repetitions: Int) -> Measurement {
    let bytes = Array(AgendaGenerator(events: events, seed: seed).yaml().utf8)
    let clock = ContinuousClock()
    var raw = Double.infinity
    var load = Double.infinity
    var planning = Double.infinity
    var checking = Double.infinity
    var exporting = [Double](repeating: .infinity, count: benchmarkedExporters.count)
    var loaded = 0
    for _ in 0..<repetitions {
        var count = 0
        raw = min(raw, seconds(clock.measure { count = rawLibYAMLEvents(bytes) }))
        precondition(count > 0)
        var result: LoadResult?
        load = min(load, seconds(clock.measure { result = AgendaLoader().load(bytes: bytes, path: "agendas/generated-agenda.yaml") }))
        guard let agenda = result?.agenda else {
            print(result?.diagnostics.prefix(5).map(\.text).joined(separator: "\n") ?? "no result")
            exit(1)
        }
        loaded = agenda.events.count
        var plan: Plan?
        planning = min(planning, seconds(clock.measure { plan = Scheduler().plan(agenda) }))
        guard let plan, plan.isFeasible else {
            print(plan?.diagnostics.prefix(5).map(\.text).joined(separator: "\n") ?? "no plan")
            exit(1)
        }
        // Generated agendas are not written to pass the checks: what they find is timed too.
        checking = min(checking, seconds(clock.measure { _ = CheckRunner(checks: builtInChecks).run(plan) }))
        let options = ExportOptions(stamp: Instant(secondsSinceEpoch: 0))
        for (index, exporter) in benchmarkedExporters.enumerated() {
            let output = ByteBuffer()
            exporting[index] = min(exporting[index], seconds(clock.measure { try! exporter.export(plan, options: options, into: output) }))
            precondition(output.count > 0)
        }
    }
    return Measurement(
        events: loaded, bytes: bytes.count, rawSeconds: raw, loadSeconds: load, planSeconds: planning, checkSeconds: checking,
        exportSeconds: exporting, peakMB: peakResidentMB())
}

func format(_ value: Double, _ digits: Int) -> String {
    let scale = pow(10, Double(digits))
    let rounded = (value * scale).rounded() / scale
    var text = "\(rounded)"
    let decimals = text.split(separator: ".").last?.count ?? 0
    if digits > decimals { text += String(repeating: "0", count: digits - decimals) }
    return text
}

let options = Options(CommandLine.arguments)
if let path = options.writePath {
    // The generated agenda as a file, to time the CLI on it or read its exports back.
    let text = AgendaGenerator(events: options.sizes[0], seed: options.seed).yaml()
    guard let file = fopen(path, "w") else {
        print("cannot write '\(path)'")
        exit(2)
    }
    fputs(text, file)
    fclose(file)
    exit(0)
}
if options.loadOnly {
    let bytes = Array(AgendaGenerator(events: options.sizes[0], seed: options.seed).yaml().utf8)
    for _ in 0..<options.repetitions { precondition(AgendaLoader().load(bytes: bytes, path: "g.yaml").agenda != nil) }
    exit(0)
}
if options.planOnly {
    let bytes = Array(AgendaGenerator(events: options.sizes[0], seed: options.seed).yaml().utf8)
    guard let agenda = AgendaLoader().load(bytes: bytes, path: "g.yaml").agenda else { exit(1) }
    let clock = ContinuousClock()
    for _ in 0..<options.repetitions {
        var plan: Plan?
        let time = clock.measure { plan = Scheduler().plan(agenda) }
        print("plan \(agenda.events.count) events: \(time), \(plan!.items.count) items, \(plan!.diagnostics.count) diagnostics")
        for diagnostic in plan!.diagnostics.prefix(3) { print(diagnostic.text) }
    }
    exit(0)
}
if let format = options.exportOnly {
    let bytes = Array(AgendaGenerator(events: options.sizes[0], seed: options.seed).yaml().utf8)
    guard let agenda = AgendaLoader().load(bytes: bytes, path: "g.yaml").agenda,
        let exporter = benchmarkedExporters.first(where: { $0.identifier == format })
    else { exit(1) }
    let plan = Scheduler().plan(agenda)
    let clock = ContinuousClock()
    for _ in 0..<options.repetitions {
        let output = ByteBuffer()
        let exportOptions = ExportOptions(stamp: Instant(secondsSinceEpoch: 0), maxWorkers: options.workers)
        let time = clock.measure { try! exporter.export(plan, options: exportOptions, into: output) }
        print("\(format) \(plan.items.count) items: \(time), \(output.count) bytes")
    }
    exit(0)
}
if options.checksOnly {
    let bytes = Array(AgendaGenerator(events: options.sizes[0], seed: options.seed).yaml().utf8)
    guard let agenda = AgendaLoader().load(bytes: bytes, path: "g.yaml").agenda else { exit(1) }
    let plan = Scheduler().plan(agenda)
    let clock = ContinuousClock()
    var context: CheckContext?
    print("shared lookups: \(clock.measure { context = CheckContext(plan) })")
    for check in builtInChecks {
        var findings: [Finding] = []
        let time = clock.measure { findings = (try! check.init(options: CheckOptions())).findings(in: context!) }
        print("\(check.id) \(check.name): \(time), \(findings.count) findings")
    }
    // Then what `agenda check` runs: the default checks together, on every core.
    for _ in 0..<options.repetitions {
        var diagnostics: [Diagnostic] = []
        let time = clock.measure { diagnostics = CheckRunner(checks: builtInChecks, maxWorkers: options.workers).run(plan) }
        print("CheckRunner(checks: builtInChecks).run: \(time), \(diagnostics.count) diagnostics")
    }
    exit(0)
}
if options.child {
    let m = measure(events: options.sizes[0], seed: options.seed, repetitions: options.repetitions)
    let exports = m.exportSeconds.map { "\($0)" }.joined(separator: " ")
    print("\(m.events) \(m.bytes) \(m.rawSeconds) \(m.loadSeconds) \(m.planSeconds) \(m.checkSeconds) \(exports) \(m.peakMB)")
    exit(0)
}

let exportColumns = benchmarkedExporters.map { " \($0.identifier) (s) |" }.joined()
print("| events | input MB | libyaml events (s) | load (s) | load / libyaml | plan (s) | checks (s) |\(exportColumns) peak RSS (MB) |")
print("|---:|---:|---:|---:|---:|---:|---:|" + String(repeating: "---:|", count: benchmarkedExporters.count) + "---:|")
for size in options.sizes {
    // Each size in a fresh process, so its peak memory is its own.
    var pipe: [Int32] = [0, 0]
    pipe.withUnsafeMutableBufferPointer { _ = Glibc.pipe($0.baseAddress!) }
    var pid: pid_t = 0
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    posix_spawn_file_actions_adddup2(&actions, pipe[1], 1)
    let arguments = [
        CommandLine.arguments[0], "--child", "--size", "\(size)", "--seed", "\(options.seed)", "--repeat", "\(options.repetitions)",
    ]
    var argv = arguments.map { strdup($0) } + [nil]
    let status = posix_spawn(&pid, CommandLine.arguments[0], &actions, nil, &argv, environ)
    argv.forEach { free($0) }
    close(pipe[1])
    guard status == 0 else {
        print("cannot start a measuring process: \(String(cString: strerror(status)))")
        exit(1)
    }
    var output: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 4096)
    while true {
        let count = read(pipe[0], &buffer, buffer.count)
        if count <= 0 { break }
        output += buffer[0..<count]
    }
    close(pipe[0])
    var exitStatus: Int32 = 0
    waitpid(pid, &exitStatus, 0)
    let fields = String(decoding: output, as: UTF8.self).split(whereSeparator: { $0 == " " || $0 == "\n" })
    let exporterCount = benchmarkedExporters.count
    let exports = fields.count == 7 + exporterCount ? fields[6..<(6 + exporterCount)].compactMap { Double($0) } : []
    guard exports.count == exporterCount, let raw = Double(fields[2]), let load = Double(fields[3]),
        let plan = Double(fields[4]), let check = Double(fields[5]), let peak = Double(fields[6 + exporterCount]),
        let bytes = Int(fields[1])
    else {
        print(String(decoding: output, as: UTF8.self))
        exit(1)
    }
    print(
        "| \(fields[0]) | \(format(Double(bytes) / 1_048_576, 1)) | \(format(raw, 3)) | \(format(load, 3)) | \(format(load / raw, 2))× | \(format(plan, 3)) | \(format(check, 3)) | \(exports.map { format($0, 3) }.joined(separator: " | ")) | \(format(peak, 0)) |"
    )
}
