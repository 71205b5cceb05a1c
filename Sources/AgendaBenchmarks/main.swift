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

/// agenda-bench: generates seeded agendas of 1k, 10k and 100k events and times, in one run,
/// a raw libyaml event loop over the bytes, the full load (read + YAML + decode + validate)
/// with its ratio to the raw loop, planning, all built-in checks, and each exporter writing
/// the plan into memory, each size in its own process so its peak memory is its own. Then
/// it times `agenda check` and `agenda export --format ics,csv,md` as a user runs them, on
/// the file written to disk, against the same raw loop.
///
///   swift build -c release && .build/release/agenda-bench   # both tables
///   .build/release/agenda-bench --size 5000                  # one size
///   .build/release/agenda-bench --size 300 --seed 7 --write g.yaml  # one agenda, as a file
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
    /// Reads the `events` list in one pass even when the file is large, to compare.
    var onePass = false
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
            case "--one-pass": onePass = true
            case "--plan-only": planOnly = true
            case "--export-only": exportOnly = iterator.next()
            case "--workers": workers = Int(iterator.next() ?? "")
            case "--checks-only": checksOnly = true
            case "--write": writePath = iterator.next() ?? "generated.yaml"
            case "--help", "-h":
                print(
                    """
                    usage: agenda-bench [--size N] [--seed S] [--repeat K] [--write FILE]
                                        [--load-only [--one-pass] | --plan-only | --checks-only [--workers N] | --export-only ics|csv|md|json [--workers N]]
                      --size N     one size of agenda, in events (default: 1000, 10000 and 100000)
                      --seed S     the generator's seed (default 2016): the same seed and size give the same agenda
                      --write FILE writes the generated agenda of the first size to FILE and measures nothing
                      --load-only  only loads, repeatedly, printing each time (for profilers); with --one-pass
                                   the events list of a large file is read in one pass, not in pieces on every core
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
    let loader = AgendaLoader(eventPiecesFrom: options.onePass ? .max : EventPieces.minimumBytes)
    let clock = ContinuousClock()
    for _ in 0..<options.repetitions {
        var loaded = false
        let time = clock.measure { loaded = loader.load(bytes: bytes, path: "g.yaml").agenda != nil }
        precondition(loaded)
        print("load \(bytes.count) bytes: \(time)")
    }
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

/// Runs a command with its output discarded and returns its wall time and peak memory.
func runCommand(_ arguments: [String]) -> (seconds: Double, peakMB: Double)? {
    var pid: pid_t = 0
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    var argv = arguments.map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    let clock = ContinuousClock()
    let start = clock.now
    guard posix_spawn(&pid, arguments[0], &actions, nil, &argv, environ) == 0 else { return nil }
    var status: Int32 = 0
    var usage = rusage()
    wait4(pid, &status, 0, &usage)
    let elapsed = seconds(clock.now - start)
    // Exit 1 is a valid agenda with findings: the generated agendas are dense on purpose.
    let exitCode = (status >> 8) & 0xff
    guard status & 0x7f == 0, exitCode <= 1 else { return nil }
    return (elapsed, Double(usage.ru_maxrss) / 1024)
}

/// The whole run a user makes on one file: `agenda check`, then `agenda export --format
/// ics,csv,md` into a folder, each a process of its own, from the file on disk.
struct WholeRun {
    var checkSeconds: Double
    var exportSeconds: Double
    var peakMB: Double
}

func measureWholeRun(events: Int, seed: UInt64, repetitions: Int, agendaPath: String) -> WholeRun? {
    let folder = "/tmp/agenda-bench-\(getpid())"
    mkdir(folder, 0o755)
    defer {
        for name in ["generated.yaml", "generated.ics", "generated.csv", "generated.md"] { unlink("\(folder)/\(name)") }
        rmdir(folder)
    }
    let file = "\(folder)/generated.yaml"
    guard let handle = fopen(file, "w") else { return nil }
    fputs(AgendaGenerator(events: events, seed: seed).yaml(), handle)
    fclose(handle)
    var best = WholeRun(checkSeconds: .infinity, exportSeconds: .infinity, peakMB: 0)
    for _ in 0..<repetitions {
        guard let check = runCommand([agendaPath, "check", file]),
            let export = runCommand([agendaPath, "export", file, "--format", "ics,csv,md", "-o", folder + "/"])
        else { return nil }
        best.checkSeconds = min(best.checkSeconds, check.seconds)
        best.exportSeconds = min(best.exportSeconds, export.seconds)
        best.peakMB = max(best.peakMB, check.peakMB, export.peakMB)
    }
    return best
}

// `agenda` is built beside this tool (`swift build -c release`).
let agendaPath = String(CommandLine.arguments[0].reversed().drop { $0 != "/" }.reversed()) + "agenda"
guard access(agendaPath, X_OK) == 0 else {
    print("agenda-bench times the 'agenda' tool built beside it, and \(agendaPath) is missing: run 'swift build -c release' first")
    exit(2)
}

/// What the user runs, timed against libyaml on the same bytes, with the targets each is held to.
struct UserRunRow {
    var events: String
    var rawSeconds: Double
    var run: WholeRun
}

let exportColumns = benchmarkedExporters.map { " \($0.identifier) (s) |" }.joined()
print("Each stage in one process (best of \(options.repetitions) runs):\n")
print("| events | input MB | libyaml events (s) | load (s) | load / libyaml | plan (s) | checks (s) |\(exportColumns) peak RSS (MB) |")
print("|---:|---:|---:|---:|---:|---:|---:|" + String(repeating: "---:|", count: benchmarkedExporters.count) + "---:|")
var userRuns: [UserRunRow] = []
var stages: [Int: [Double]] = [:]
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
    guard let whole = measureWholeRun(events: size, seed: options.seed, repetitions: min(options.repetitions, 3), agendaPath: agendaPath) else {
        print("'\(agendaPath) check' or 'export' failed on the generated agenda of \(size) events")
        exit(1)
    }
    userRuns.append(UserRunRow(events: String(fields[0]), rawSeconds: raw, run: whole))
    stages[size] = [load, plan, check] + exports + [whole.checkSeconds, whole.exportSeconds]
    print(
        "| \(fields[0]) | \(format(Double(bytes) / 1_048_576, 1)) | \(format(raw, 3)) | \(format(load, 3)) | \(format(load / raw, 2))× | \(format(plan, 3)) | \(format(check, 3)) | \(exports.map { format($0, 3) }.joined(separator: " | ")) | \(format(peak, 0)) |"
    )
}
print("\nAs a user runs it: each command a process of its own on the file on disk (best of \(min(options.repetitions, 3)) runs), against libyaml on the same bytes:\n")
print("| events | libyaml events (s) | agenda check (s) | ÷ libyaml (target 1.5×) | agenda export ics,csv,md (s) | ÷ libyaml (target 2.0×) | peak RSS (MB) |")
print("|---:|---:|---:|---:|---:|---:|---:|")
for row in userRuns {
    let run = row.run
    print(
        "| \(row.events) | \(format(row.rawSeconds, 3)) | \(format(run.checkSeconds, 3)) | \(format(run.checkSeconds / row.rawSeconds, 1))× | \(format(run.exportSeconds, 3)) | \(format(run.exportSeconds / row.rawSeconds, 1))× | \(format(run.peakMB, 0)) |"
    )
}
// How each stage grows from 10k to 100k events: 10 is linear.
if let small = stages[10_000], let large = stages[100_000] {
    let names = ["load", "plan", "checks"] + benchmarkedExporters.map(\.identifier) + ["agenda check", "agenda export"]
    let ratios = zip(names, zip(large, small)).map { name, pair in "\(name) \(format(pair.0 / pair.1, 1))" }
    print("\nt(100k) / t(10k), where 10 is linear: \(ratios.joined(separator: ", "))")
}
