import AgendaCore

/// The reporters `agenda check --reporter` offers, in the order its help lists them.
public let builtInReporters: [any Reporter] = [
    TextReporter(colour: false), JSONReporter(), GitHubReporter(), SARIFReporter(), JUnitReporter(),
]
