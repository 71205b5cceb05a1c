import ArgumentParser

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

@main
struct AgendaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agenda",
        abstract: "Plan, check and publish preparatory timelines written in YAML.",
        discussion: """
            An agenda file describes sessions, hearings, consultations and deadlines, with fixed \
            dates or with constraints between them. Start with 'agenda check FILE', then \
            'agenda plan FILE', then 'agenda export FILE --format ics' for a calendar; the \
            format is described in docs/format.md, the exports in docs/export.md.

            Exit codes: 0 clean, 1 the agenda breaks its constraints or checks, 2 the input \
            cannot be read or is invalid (and for a mistyped command line), 3 internal error.
            """,
        subcommands: [
            CheckCommand.self, PlanCommand.self, ExplainCommand.self, ExportCommand.self, FormatsCommand.self, ChecksCommand.self,
            CodesCommand.self,
        ]
    )

    /// Runs the command line, mapping every outcome onto the documented exit codes.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let code as ExitCode {
            terminate(code.rawValue)
        } catch {
            let status = exitCode(for: error)
            if status == .success {
                AgendaCommand.exit(withError: error)  // --help, --version
            }
            let message = fullMessage(for: error)
            if status == .validationFailure {
                writeError(message + "\n")
                terminate(AgendaExit.invalidInput.rawValue)
            }
            writeError("internal error: \(message)\n")
            terminate(AgendaExit.internalError.rawValue)
        }
    }
}

func writeError(_ text: String) {
    var bytes = Array(text.utf8)
    _ = bytes.withUnsafeMutableBytes { write(2, $0.baseAddress, $0.count) }
}

func terminate(_ status: Int32) -> Never {
    #if canImport(Glibc)
        Glibc.exit(status)
    #else
        Darwin.exit(status)
    #endif
}
