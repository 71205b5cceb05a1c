import ArgumentParser

@main
struct AgendaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agenda",
        abstract: "Plan, check and publish preparatory timelines written in YAML.",
        discussion: """
            An agenda file describes sessions, hearings, consultations and deadlines, with fixed \
            dates or with constraints the scheduler resolves. Start with 'agenda check FILE'.

            Exit codes: 0 clean, 1 the agenda breaks constraints or checks, 2 the input cannot be \
            read or is invalid, 3 internal error.
            """,
        subcommands: [CheckCommand.self, CodesCommand.self]
    )
}
