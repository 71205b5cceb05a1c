import AgendaChecks
import AgendaCore
import AgendaReporters
import AgendaYAML
import ArgumentParser

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The version reports carry.
let toolVersion = "0.4.0"

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Read, plan and check agenda files, and report every problem in them.",
        discussion: """
            Each file is read with the files it includes, planned, and run through the checks \
            ('agenda checks' lists them). Every problem is reported in one run, compiler style:

              plan.yaml:41:7: error: unknown key 'titel' in an event; did you mean 'title'? [AG101]

            A conflict names the chain of constraints behind it, with a note at each. A summary \
            line follows. Reporters for CI: --reporter github (annotations on a pull request; \
            the default when GITHUB_ACTIONS=true), sarif (code scanning), junit (test reports), \
            json (scripts).

            Exit status: 0 when every file is clean (warnings allowed, unless \
            --warnings-as-errors); 1 when a file is valid but cannot be planned or breaks a \
            check at error severity; 2 when a file cannot be read or is not a valid agenda; \
            3 on an internal error.

            Examples:
              agenda check seeds/ungass-2016.yaml
              agenda check plans/*.agenda.yaml --reporter sarif > agenda.sarif
              agenda check agenda.yaml --warnings-as-errors
            """
    )

    @Argument(help: "Agenda files to check.", completion: .file(extensions: ["yaml", "yml"]))
    var files: [String]

    @Option(help: ArgumentHelp("text, json, github, sarif or junit (default: text; github under GitHub Actions).", valueName: "name"))
    var reporter: String?

    @Flag(help: "Exit with 1 when there are warnings, as for errors.")
    var warningsAsErrors = false

    @OptionGroup var input: InputOptions

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("Name at least one agenda file, e.g. 'agenda check seeds/ungass-2016.yaml'.") }
        _ = try selectedReporter()
    }

    func selectedReporter() throws -> any Reporter {
        let underGitHubActions = getenv("GITHUB_ACTIONS").map { String(cString: $0) } == "true"
        let name = reporter ?? (underGitHubActions ? "github" : "text")
        if name == "text" { return TextReporter(colour: StandardOutput.isColourTerminal) }
        guard let found = builtInReporters.first(where: { $0.identifier == name }) else {
            let names = builtInReporters.map(\.identifier)
            let hint = Suggestion.closest(to: name, in: names).map { "did you mean '\($0)'? " } ?? ""
            throw ValidationError("'\(name)' is not a reporter; \(hint)Reporters: \(names.joined(separator: ", ")).")
        }
        return found
    }

    func run() throws {
        let reporter = try selectedReporter()
        let pipeline = Pipeline(loader: input.loader)
        var all: [Diagnostic] = []
        var events = 0
        for file in files {
            let (agenda, diagnostics) = pipeline.check(file)
            all += diagnostics
            events += agenda?.events.count ?? 0
        }
        let run = CheckRun(
            files: files, eventCount: events, diagnostics: all, rules: Rule.all(checks: builtInChecks), toolVersion: toolVersion)
        let output = ByteBuffer(capacity: 1 << 16)
        reporter.report(run, into: output)
        _ = output.write(to: 1)
        var status = AgendaExit.status(for: all)
        if status == AgendaExit.clean && warningsAsErrors && all.warningCount > 0 { status = AgendaExit.problems }
        if status != AgendaExit.clean { throw status }
    }
}

struct CodesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "codes",
        abstract: "List every diagnostic code with what it means.",
        discussion: "Codes are stable: scripts and suppressions may rely on them. AG3xx codes are the checks ('agenda checks')."
    )

    func run() {
        var output = StandardOutput()
        for rule in Rule.all(checks: builtInChecks) {
            output.write("\(rule.id)  \(rule.summary)\n")
        }
        output.flush()
    }
}
