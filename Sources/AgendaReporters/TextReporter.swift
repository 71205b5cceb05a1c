import AgendaCore

/// Compiler-style lines, `path:line:column: severity: message; hint [CODE]`, each note on a
/// line of its own, then a one-line summary. Colour only when asked (on a terminal).
public struct TextReporter: Reporter {
    public var colour: Bool

    public init(colour: Bool) { self.colour = colour }

    public var identifier: String { "text" }
    public var summary: String { "compiler-style lines and a summary (colour on a terminal)" }

    public func report(_ run: CheckRun, into output: ByteBuffer) {
        for diagnostic in run.diagnostics {
            line(diagnostic.location, diagnostic.severity, body(diagnostic), into: output)
            for note in diagnostic.notes { line(note.location, .note, note.message, into: output) }
        }
        if colour { output.appendLiteral("\u{1B}[1m") }
        output.append(run.summaryLine)
        if colour { output.appendLiteral("\u{1B}[0m") }
        output.append(UInt8(ascii: "\n"))
    }

    private func body(_ diagnostic: Diagnostic) -> String {
        var text = diagnostic.message
        if let hint = diagnostic.hint { text += "; \(hint)" }
        return text + " [\(diagnostic.code.rawValue)]"
    }

    private func line(_ location: SourceLocation?, _ severity: Severity, _ body: String, into output: ByteBuffer) {
        if let location {
            if colour { output.appendLiteral("\u{1B}[1m") }
            output.append(location.description)
            output.appendLiteral(":")
            if colour { output.appendLiteral("\u{1B}[0m") }
            output.appendLiteral(" ")
        }
        if colour {
            switch severity {
            case .error: output.appendLiteral("\u{1B}[1;31m")
            case .warning: output.appendLiteral("\u{1B}[1;33m")
            case .note: output.appendLiteral("\u{1B}[1;36m")
            }
        }
        output.append(severity.rawValue)
        output.appendLiteral(":")
        if colour { output.appendLiteral("\u{1B}[0m") }
        output.appendLiteral(" ")
        output.append(body)
        output.append(UInt8(ascii: "\n"))
    }
}
