import AgendaCore
import AgendaYAML
import ArgumentParser

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Read and plan agenda files, and report every problem in them.",
        discussion: """
            Each file is read with the files it includes and planned, and every problem is \
            reported in one run, compiler style:

              plan.yaml:41:7: error: unknown key 'titel' in an event; did you mean 'title'? [AG101]

            A conflict names the chain of constraints behind it, with a note at each. A summary \
            line follows. Codes are listed by 'agenda codes'.

            Exit status: 0 when every file is clean; 1 when a file is valid but cannot be \
            planned (a conflict between constraints, a cycle of gaps); 2 when a file cannot be \
            read or is not a valid agenda (a syntax error, an unknown key, a wrong type, an \
            unknown reference, an impossible date).

            Examples:
              agenda check seeds/ungass-2016.yaml
              agenda check plans/*.agenda.yaml
            """
    )

    @Argument(help: "Agenda files to check.", completion: .file(extensions: ["yaml", "yml"]))
    var files: [String]

    @OptionGroup var input: InputOptions

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("Name at least one agenda file, e.g. 'agenda check seeds/ungass-2016.yaml'.") }
    }

    func run() throws {
        let pipeline = Pipeline(loader: input.loader)
        var all: [Diagnostic] = []
        var events = 0
        for file in files {
            let (plan, diagnostics) = pipeline.plan(file)
            all += diagnostics
            events += plan?.agenda.events.count ?? 0
        }
        var output = StandardOutput()
        for diagnostic in all { output.write(diagnostic.text + "\n") }
        output.write(Summary.line(files: files.count, events: events, diagnostics: all) + "\n")
        output.flush()
        let status = AgendaExit.status(for: all)
        if status != AgendaExit.clean { throw status }
    }
}

struct CodesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "codes",
        abstract: "List every diagnostic code with what it means.",
        discussion: "Codes are stable: scripts and suppressions may rely on them."
    )

    func run() {
        var output = StandardOutput()
        for code in DiagnosticCode.allCases {
            output.write("\(code.rawValue)  \(code.summary)\n")
        }
        output.flush()
    }
}
