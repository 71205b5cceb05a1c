import AgendaCore
import AgendaYAML
import ArgumentParser

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Read agenda files and report every problem in them.",
        discussion: """
            Each file is read with the files it includes, and every problem is reported in one \
            run, compiler style:

              seeds/ungass-2016.yaml:41:7: error: unknown key 'titel' in an event; did you mean 'title'? [AG101]

            A summary line follows. Codes are listed by 'agenda codes'.

            Exit status: 0 when every file is clean, 2 when a file cannot be read or is not a \
            valid agenda (a syntax error, an unknown key, a wrong type, an unknown reference, \
            an impossible date).

            Examples:
              agenda check seeds/ungass-2016.yaml
              agenda check plans/*.agenda.yaml
            """
    )

    @Argument(help: "Agenda files to check.", completion: .file(extensions: ["yaml", "yml"]))
    var files: [String]

    @Option(help: "Largest file read, in MB (1 to 4096).")
    var maxInputSize: Int = 64

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("Name at least one agenda file, e.g. 'agenda check seeds/ungass-2016.yaml'.") }
        guard (1...4096).contains(maxInputSize) else {
            throw ValidationError("--max-input-size must be a positive number of MB, at most 4096.")
        }
    }

    func run() throws {
        let loader = AgendaLoader(limits: ReadLimits(maxInputBytes: maxInputSize << 20))
        var all: [Diagnostic] = []
        var events = 0
        for file in files {
            let result = loader.load(file: file)
            all += result.diagnostics
            events += result.agenda?.events.count ?? 0
        }
        var output = StandardOutput()
        for diagnostic in all { output.write(diagnostic.text + "\n") }
        output.write(Summary.line(files: files.count, events: events, diagnostics: all) + "\n")
        output.flush()
        if all.hasErrors { throw AgendaExit.invalidInput }
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
