import AgendaCore

/// JUnit XML, which most CI systems show as a test report: one test suite per file checked,
/// one test case per diagnostic (an error is a failure; a warning passes with its text), and
/// a passing case for a clean file.
public struct JUnitReporter: Reporter {
    public init() {}

    public var identifier: String { "junit" }
    public var summary: String { "JUnit XML, for CI test reports (GitLab, Jenkins, Azure DevOps)" }

    public func report(_ run: CheckRun, into output: ByteBuffer) {
        // Diagnostics go to the file named on the command line whose check found them: an
        // included file's diagnostics belong to the agenda that includes it.
        var byFile: [String: [Diagnostic]] = [:]
        for diagnostic in run.diagnostics {
            let file = diagnostic.location?.file
            let owner = run.files.first { $0 == file } ?? run.files.first { file?.hasPrefix(Self.folder(of: $0)) ?? false } ?? run.files.first ?? ""
            byFile[owner, default: []].append(diagnostic)
        }
        let cases = run.files.reduce(0) { $0 + max(1, byFile[$1]?.count ?? 0) }
        output.appendLiteral("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        output.append(
            "<testsuites name=\"agenda check\" tests=\"\(cases)\" failures=\"\(run.diagnostics.errorCount)\" errors=\"0\">\n")
        for file in run.files {
            let diagnostics = byFile[file] ?? []
            output.append(
                "  <testsuite name=\"\(Self.escape(file))\" tests=\"\(max(1, diagnostics.count))\" failures=\"\(diagnostics.errorCount)\" errors=\"0\" skipped=\"0\">\n"
            )
            if diagnostics.isEmpty {
                output.append("    <testcase classname=\"agenda\" name=\"\(Self.escape(file))\"/>\n")
            }
            for diagnostic in diagnostics {
                let place = diagnostic.location?.description ?? file
                output.append(
                    "    <testcase classname=\"\(Self.escape(file))\" name=\"\(diagnostic.code.rawValue) \(Self.escape(place))\">\n")
                var message = diagnostic.message
                if let hint = diagnostic.hint { message += "; \(hint)" }
                let body = Self.escape(diagnostic.text)
                if diagnostic.severity == .error {
                    output.append("      <failure message=\"\(Self.escape(message))\" type=\"\(diagnostic.code.rawValue)\">\(body)</failure>\n")
                } else {
                    output.append("      <system-out>\(body)</system-out>\n")
                }
                output.appendLiteral("    </testcase>\n")
            }
            output.appendLiteral("  </testsuite>\n")
        }
        output.appendLiteral("</testsuites>\n")
    }

    static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return String(path[...slash])
    }

    /// Text for XML content and attributes: the five special characters as entities, and
    /// characters XML 1.0 cannot hold (most control characters) left out.
    static func escape(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            case "\t", "\n", "\r": result.unicodeScalars.append(scalar)
            default:
                if scalar.value >= 0x20 && !(0xFFFE...0xFFFF).contains(scalar.value) { result.unicodeScalars.append(scalar) }
            }
        }
        return result
    }
}
