import AgendaCore
import ArgumentParser

struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Plan an agenda and print its timeline.",
        discussion: """
            Fixed events stay where they are written. Flexible events (a 'duration' without a \
            'start') go to the earliest time their constraints allow, or the latest with \
            'schedule: alap'. The table lists every event and occurrence by start, in its \
            venue's time zone, with its slack: how far its start could move without moving \
            anything fixed. '*' marks a critical event (no slack).

            --format json prints the plan as documented in docs/plan-json.md.

            Exit status: 0 when the agenda plans; 1 when it cannot (the conflicts are printed \
            on standard error, each with the chain of constraints behind it); 2 when the file \
            cannot be read or is not a valid agenda.

            Examples:
              agenda plan seeds/ungass-2016.yaml
              agenda plan seeds/ungass-2016.yaml --format json > plan.json
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, json
    }

    @Argument(help: "The agenda file to plan.", completion: .file(extensions: ["yaml", "yml"]))
    var file: String

    @Option(help: "table (for people) or json (for programs).")
    var format: Format = .table

    @OptionGroup var input: InputOptions

    func run() throws {
        let plan = try Pipeline(loader: input.loader).feasiblePlan(file)
        var output = StandardOutput()
        switch format {
        case .json: output.write(bytes: PlanJSON.encode(plan))
        case .table: output.write(PlanTable.render(plan))
        }
        output.flush()
    }
}

struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Explain why an event is where the plan puts it.",
        discussion: """
            Prints the event's place and window, then the chain of rules that set its start \
            (as soon as possible) or its end (as late as possible): each constraint with the \
            line it is written on, back to a fixed event or a written bound.

            Examples:
              agenda explain seeds/ungass-2016.yaml ny-hearing
            """
    )

    @Argument(help: "The agenda file.", completion: .file(extensions: ["yaml", "yml"]))
    var file: String

    @Argument(help: "The id of the event to explain (for a repeating event, its entry's id).")
    var event: String

    @OptionGroup var input: InputOptions

    func run() throws {
        let plan = try Pipeline(loader: input.loader).feasiblePlan(file)
        guard let explanation = plan.explanation(for: event) else {
            let ids = plan.agenda.events.map(\.id)
            let hint = Suggestion.hint(for: event, in: ids).map { "; \($0)" } ?? ""
            writeError("error: '\(event)' is not an event of \(file)\(hint)\n")
            throw AgendaExit.invalidInput
        }
        var output = StandardOutput()
        output.write(PlanTable.explain(explanation, in: plan))
        output.flush()
    }
}
