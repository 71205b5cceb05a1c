import AgendaCore

/// GitHub Actions workflow commands: `::error file=…,line=…,col=…,title=…::message`, which
/// GitHub shows as annotations on the lines of a pull request; notes become `::notice`
/// annotations at their own places. The summary line closes the output.
public struct GitHubReporter: Reporter {
    public init() {}

    public var identifier: String { "github" }
    public var summary: String { "GitHub Actions annotations (the default when GITHUB_ACTIONS=true)" }

    public func report(_ run: CheckRun, into output: ByteBuffer) {
        let names = Dictionary(run.rules.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        for diagnostic in run.diagnostics {
            let command = diagnostic.severity == .error ? "error" : diagnostic.severity == .warning ? "warning" : "notice"
            var message = diagnostic.message
            if let hint = diagnostic.hint { message += "; \(hint)" }
            let title = "\(diagnostic.code.rawValue)" + (names[diagnostic.code.rawValue].map { " \($0)" } ?? "")
            annotation(command, diagnostic.location, title: title, message: message, into: output)
            for note in diagnostic.notes {
                annotation("notice", note.location, title: "\(diagnostic.code.rawValue) note", message: note.message, into: output)
            }
        }
        output.append(run.summaryLine)
        output.append(UInt8(ascii: "\n"))
    }

    private func annotation(_ command: String, _ location: SourceLocation?, title: String, message: String, into output: ByteBuffer) {
        output.appendLiteral("::")
        output.append(command)
        var properties: [String] = []
        if let location {
            properties += ["file=\(Self.property(location.file))", "line=\(location.line)", "col=\(location.column)"]
        }
        properties.append("title=\(Self.property(title))")
        output.appendLiteral(" ")
        output.append(properties.joined(separator: ","))
        output.appendLiteral("::")
        output.append(Self.data(message))
        output.append(UInt8(ascii: "\n"))
    }

    /// A command's message: `%`, CR and LF are percent-encoded, as the runner decodes them.
    static func data(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "%": result += "%25"
            case "\r": result += "%0D"
            case "\n": result += "%0A"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// A property value: as a message, and `:` and `,` too, which separate properties.
    static func property(_ text: String) -> String {
        data(text).replacing(":", with: "%3A").replacing(",", with: "%2C")
    }
}
