import ArgumentParser

/// The exit codes every command shares; documented in the README and `agenda --help`.
enum AgendaExit {
    static let clean = ExitCode(0)
    static let problems = ExitCode(1)
    static let invalidInput = ExitCode(2)
    static let internalError = ExitCode(3)
}
