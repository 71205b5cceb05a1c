import AgendaChecks
import AgendaCore
import ArgumentParser

struct ChecksCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "checks",
        abstract: "List the checks, or explain one with its examples.",
        discussion: """
            Without an id: one line per check, with its code, default severity and what it \
            finds. With an id: what it finds, why it matters, its options, and example agendas \
            that break it and that pass it.

            An agenda sets a check's severity under 'checks:' (error, warning or off) and its \
            options in a mapping; an event opts out of a check with the reason:

              checks: { AG304: error, AG303: { buffer: 12 hours } }
              ignore: { AG301: "shared plenary hall" }

            Examples:
              agenda checks
              agenda checks AG301
              agenda checks --markdown > docs/checks.md
            """
    )

    @Argument(help: "A check's code, e.g. AG301 (or its name, e.g. venue-double-booked).")
    var id: String?

    @Flag(help: "The documentation of every check as Markdown (docs/checks.md is made with it).")
    var markdown = false

    func run() throws {
        var output = StandardOutput()
        if markdown {
            output.write(CheckDocumentation.markdown(builtInChecks))
        } else if let id {
            guard let check = builtInChecks.first(where: { $0.id == id.uppercased() || $0.name == id }) else {
                let hint = Suggestion.hint(for: id, in: builtInChecks.map { $0.id } + builtInChecks.map { $0.name })
                writeError("error: '\(id)' is not a check\(hint.map { "; \($0)" } ?? ""); 'agenda checks' lists them\n")
                throw AgendaExit.invalidInput
            }
            output.write(CheckDocumentation.text(check))
        } else {
            for check in builtInChecks {
                output.write("\(check.id)  \(check.defaultSeverity.rawValue.padding(7))  \(check.name.padding(22))  \(check.summary)\n")
            }
        }
        output.flush()
    }
}

/// The documentation of checks, from the checks themselves.
enum CheckDocumentation {
    static func text(_ check: any Check.Type) -> String {
        var lines = [
            "\(check.id) \(check.name) (default: \(check.defaultSeverity.rawValue))", "", check.summary, "", check.rationale,
        ]
        if !check.options.isEmpty {
            lines += ["", "Options:"]
            lines += check.options.map { "  \($0.name) (default \($0.defaultValue)): \($0.summary)" }
        }
        for example in check.failingExamples {
            lines += ["", "Breaks it:", ""] + MarkedExample(example).text.split(separator: "\n", omittingEmptySubsequences: false).map { "  \($0)" }
        }
        for example in check.passingExamples {
            lines += ["", "Passes:", ""] + MarkedExample(example).text.split(separator: "\n", omittingEmptySubsequences: false).map { "  \($0)" }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func markdown(_ checks: [any Check.Type]) -> String {
        var text = """
            # Checks

            `agenda check` plans each agenda and then runs these checks on the plan. Each finding \
            is a diagnostic with the check's code; its severity is the check's default unless the \
            agenda sets it under `checks:` (`error`, `warning` or `off`). An event opts out of a \
            check with the reason: `ignore: { AG301: "shared plenary hall" }`. Unknown check ids \
            and options are input errors (AG124).

            This page is made from the checks themselves (`agenda checks --markdown`); a test \
            keeps it in step.

            | code | name | default | finds |
            |---|---|---|---|

            """
        for check in checks {
            text += "| [\(check.id)](#\(check.id.lowercased())-\(check.name)) | `\(check.name)` | \(check.defaultSeverity.rawValue) | \(check.summary) |\n"
        }
        for check in checks {
            text += "\n## \(check.id) \(check.name)\n\nDefault severity: \(check.defaultSeverity.rawValue).\n\n\(check.summary)\n\n\(check.rationale)\n"
            if !check.options.isEmpty {
                text += "\n| option | default | meaning |\n|---|---|---|\n"
                for option in check.options { text += "| `\(option.name)` | `\(option.defaultValue)` | \(option.summary) |\n" }
            }
            for example in check.failingExamples {
                text += "\nAn agenda that breaks it:\n\n```yaml\n\(MarkedExample(example).text)\n```\n"
            }
            for example in check.passingExamples {
                text += "\nAn agenda that passes:\n\n```yaml\n\(MarkedExample(example).text)\n```\n"
            }
        }
        return text
    }
}
