import AgendaCore
import AgendaGenerator
import Foundation
import Testing

/// Runs the built `agenda` binary as a user would.
enum CLI {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let fixtures = packageRoot.appendingPathComponent("Tests/AgendaCLITests/Fixtures")

    /// The binary beside the test bundle, where `swift build` puts every product.
    static let binary: URL = {
        let candidates = [
            Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("agenda"),
            Bundle.main.bundleURL.appendingPathComponent("agenda"),
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("agenda"),
            packageRoot.appendingPathComponent(".build/debug/agenda"),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0]
    }()

    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs the tool, or `executable` when given (a shell that sets limits, then runs the tool).
    static func run(
        _ arguments: [String], in directory: URL = packageRoot, environment: [String: String] = [:], executable: URL = binary
    ) throws -> Output {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var env = ProcessInfo.processInfo.environment
        env.merge(environment) { _, new in new }
        process.environment = env
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read both pipes before waiting, so a large output cannot block the child.
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self))
    }
}

@Suite("agenda check")
struct CheckCommandTests {
    @Test func theSeedTimelineIsClean() throws {
        let output = try CLI.run(["check", "seeds/ungass-2016.yaml"])
        #expect(output.status == 0, "\(output.stdout)\(output.stderr)")
        #expect(output.stdout.hasSuffix(" events: no problems\n"))
        #expect(output.stdout.hasPrefix("checked 1 file, "))
    }

    @Test func everyProblemIsPrintedWithASummaryAndExitTwo() throws {
        let output = try CLI.run(["check", "bad/wrong-types.yaml", "good/bom-crlf.yaml"], in: CLI.fixtures)
        #expect(output.status == 2)
        let lines = output.stdout.split(separator: "\n")
        #expect(lines.last == "checked 2 files, 1 event: 53 errors")
        #expect(lines.dropLast().allSatisfy { $0.hasPrefix("bad/wrong-types.yaml:") && $0.hasSuffix("]") })
    }

    @Test func aMissingFileIsAnInputError() throws {
        let output = try CLI.run(["check", "no/such/file.yaml"])
        #expect(output.status == 2)
        #expect(output.stdout.contains("error: cannot open 'no/such/file.yaml': no such file or directory [AG001]"))
    }

    @Test func aMistypedCommandLineExitsTwoWithUsage() throws {
        let none = try CLI.run(["check"])
        #expect(none.status == 2)
        #expect(none.stderr.contains("Usage: agenda check"))
        let unknown = try CLI.run(["chek", "x.yaml"])
        #expect(unknown.status == 2)
        let badLimit = try CLI.run(["check", "--max-input-size", "0", "x.yaml"])
        #expect(badLimit.status == 2)
        #expect(badLimit.stderr.contains("--max-input-size must be a positive number of MB, at most 4096"))
    }

    @Test func theInputSizeLimitIsConfigurable() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("agenda-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("big.yaml")
        try Data(("agenda: { id: big }\n# " + String(repeating: "x", count: 2 << 20) + "\n").utf8).write(to: file)
        let refused = try CLI.run(["check", "--max-input-size", "1", file.path])
        #expect(refused.status == 2)
        #expect(refused.stdout.contains("more than the input size limit of 1048576 bytes (1 MB); raise the limit with --max-input-size 3 (in MB)"))
        #expect(refused.stdout.contains("[AG002]"))
        #expect(try CLI.run(["check", "--max-input-size", "3", file.path]).status == 0)
    }

    @Test func helpTeachesTheExitCodesAndAnExample() throws {
        let top = try CLI.run(["--help"])
        #expect(top.status == 0)
        #expect(top.stdout.contains("Exit codes: 0 clean, 1 the agenda breaks its constraints or checks, 2"))
        let check = try CLI.run(["check", "--help"])
        #expect(check.status == 0)
        #expect(check.stdout.contains("agenda check seeds/ungass-2016.yaml"))
        #expect(check.stdout.contains("[AG101]"))
    }

    @Test func codesListsEveryDiagnosticCode() throws {
        let output = try CLI.run(["codes"])
        #expect(output.status == 0)
        let lines = output.stdout.split(separator: "\n").map(String.init)
        // The codes of reading, decoding and planning, then one per check.
        for (line, code) in zip(lines, DiagnosticCode.allCases) {
            #expect(line == "\(code.rawValue)  \(code.summary ?? "")")
        }
        #expect(lines.dropFirst(DiagnosticCode.allCases.count).map { String($0.prefix(5)) } == (1...8).map { "AG30\($0)" })
    }
}

/// Bad input of every kind the issue tracker lists: each gets a located error and exit 2.
@Suite("Bad input")
struct BadInputTests {
    /// Fixtures whose whole output is pinned in `Fixtures/expected/` (RECORD_GOLDEN=1 re-records).
    static let goldenFixtures = [
        "bad/empty.yaml", "bad/only-comments.yaml", "bad/top-level-list.yaml", "bad/tab-indentation.yaml",
        "bad/unclosed-quote.yaml", "bad/invalid-utf8.yaml", "bad/alias-bomb.yaml", "bad/repeated-key.yaml",
        "bad/wrong-types.yaml", "bad/missing-include.yaml", "bad/escape/project/agenda.yaml",
        "bad/cycle/agenda.yaml", "good/bom-crlf.yaml",
    ]

    @Test(arguments: goldenFixtures)
    func outputMatchesTheGoldenFile(_ fixture: String) throws {
        let output = try CLI.run(["check", fixture], in: CLI.fixtures)
        try expectGolden("exit: \(output.status)\n\(output.stdout)", fixture.replacingOccurrences(of: ".yaml", with: ".txt"))
        #expect(output.stderr.isEmpty)
    }

    @Test(arguments: ["binary", "junk-50MB", "nesting-10000"])
    func generatedInputIsRefusedWithALocatedError(_ kind: String) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("agenda-bad-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("\(kind).yaml")
        var generator = SplitMix64(seed: 2016)
        let bytes: [UInt8]
        switch kind {
        case "binary":
            bytes = (0..<4096).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
        case "junk-50MB":
            // Printable junk with YAML indicators sprinkled in, so the parser has to work for it.
            // A random megabyte repeated keeps generation quick in debug builds.
            let alphabet = Array("abc xyz:-[]{},#&*!|>'\"%@`\n\t0123456789".utf8)
            let block = (0..<(1 << 20)).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }
            bytes = Array(repeating: block, count: 50).flatMap { $0 }
        default:
            bytes = Array(("agenda: " + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000) + "\n").utf8)
        }
        try Data(bytes).write(to: file)
        let output = try CLI.run(["check", file.path])
        #expect(output.status == 2, "\(output.stdout.prefix(500))\(output.stderr.prefix(500))")
        let first = output.stdout.split(separator: "\n").first.map(String.init) ?? ""
        #expect(first.hasPrefix(file.path + ":"), "\(first.prefix(300))")
        #expect(first.contains(": error: "))
        #expect(output.stderr.isEmpty)
    }
}

/// Compares an output with its golden file under Fixtures/expected (RECORD_GOLDEN=1 re-records).
func expectGolden(_ actual: String, _ name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
    let golden = CLI.fixtures.appendingPathComponent("expected/" + name)
    if ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1" {
        try FileManager.default.createDirectory(at: golden.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(actual.utf8).write(to: golden)
        return
    }
    let expected = try String(contentsOf: golden, encoding: .utf8)
    #expect(actual == expected, "\(name) differs from its golden file:\n\(lineDiff(expected, actual))", sourceLocation: sourceLocation)
}

/// Compares bytes with a committed file, byte for byte (RECORD_GOLDEN=1 re-records it).
func expectGolden(_ actual: Data, at golden: URL, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
    if ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1" {
        try FileManager.default.createDirectory(at: golden.deletingLastPathComponent(), withIntermediateDirectories: true)
        try actual.write(to: golden, options: .atomic)
        return
    }
    let expected = try Data(contentsOf: golden)
    #expect(
        actual == expected,
        "\(golden.path) differs:\n\(lineDiff(String(decoding: expected, as: UTF8.self), String(decoding: actual, as: UTF8.self)))",
        sourceLocation: sourceLocation)
}

/// The lines that differ, marked `-` (expected) and `+` (actual).
func lineDiff(_ expected: String, _ actual: String) -> String {
    let a = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let b = actual.split(separator: "\n", omittingEmptySubsequences: false)
    var lines: [String] = []
    for index in 0..<max(a.count, b.count) {
        let left = index < a.count ? String(a[index]) : nil
        let right = index < b.count ? String(b[index]) : nil
        if left != right {
            if let left { lines.append("-\(left)") }
            if let right { lines.append("+\(right)") }
        }
    }
    return lines.joined(separator: "\n")
}

@Suite("agenda plan and explain")
struct PlanCommandTests {
    @Test func theTableMatchesItsGoldenFile() throws {
        let output = try CLI.run(["plan", "good/plan.yaml"], in: CLI.fixtures)
        #expect(output.status == 0, "\(output.stderr)")
        try expectGolden(output.stdout, "good/plan.table.txt")
        #expect(output.stdout.split(separator: "\n").allSatisfy { $0.count <= 80 })
    }

    @Test func theJSONMatchesItsGoldenFileInEveryTimeZoneAndLocale() throws {
        let output = try CLI.run(["plan", "good/plan.yaml", "--format", "json"], in: CLI.fixtures)
        #expect(output.status == 0, "\(output.stderr)")
        try expectGolden(output.stdout, "good/plan.json")
        for environment in [["TZ": "Pacific/Apia"], ["TZ": "America/St_Johns", "LANG": "de_DE.UTF-8"], ["TZ": "UTC", "LC_ALL": "C"]] {
            let again = try CLI.run(["plan", "good/plan.yaml", "--format", "json"], in: CLI.fixtures, environment: environment)
            #expect(again.stdout == output.stdout, "differs under \(environment)")
        }
    }

    @Test func explainNamesTheChainThatSetsTheStart() throws {
        let output = try CLI.run(["explain", "good/plan.yaml", "consultation-asia"], in: CLI.fixtures)
        #expect(output.status == 0, "\(output.stderr)")
        try expectGolden(output.stdout, "good/explain-consultation-asia.txt")
        let fixed = try CLI.run(["explain", "good/plan.yaml", "cnd58"], in: CLI.fixtures)
        #expect(fixed.stdout.contains("'cnd58' is fixed"))
    }

    @Test func explainingAnUnknownEventSuggestsTheNearestOne() throws {
        let output = try CLI.run(["explain", "good/plan.yaml", "ny-haering"], in: CLI.fixtures)
        #expect(output.status == 2)
        #expect(output.stderr.contains("'ny-haering' is not an event of good/plan.yaml; did you mean 'ny-hearing'?"))
    }

    @Test func anInfeasibleAgendaPrintsItsConflictsAndExitsOne() throws {
        let plan = try CLI.run(["plan", "bad/conflict.yaml"], in: CLI.fixtures)
        #expect(plan.status == 1)
        #expect(plan.stdout.isEmpty)
        #expect(plan.stderr.contains("error: 'ny-hearing' cannot be placed"))
        #expect(plan.stderr.contains("[AG203]"))
        let check = try CLI.run(["check", "bad/conflict.yaml"], in: CLI.fixtures)
        #expect(check.status == 1)
        #expect(check.stdout.hasSuffix("checked 1 file, 6 events: 2 errors\n"))
    }

    @Test func anUnboundedFlexibleEventIsAnInputError() throws {
        let output = try CLI.run(["plan", "bad/unbounded.yaml"], in: CLI.fixtures)
        #expect(output.status == 2)
        #expect(output.stderr.contains("[AG123]"))
    }

    @Test func theSeedPlans() throws {
        let output = try CLI.run(["plan", "seeds/ungass-2016.yaml"])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout.contains("2016-03-14..03-22"))
        #expect(output.stdout.contains("2015-03-09 14:45-19:00 CET"))
    }
}
