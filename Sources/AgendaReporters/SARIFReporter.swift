import AgendaCore

/// SARIF 2.1.0 (OASIS), the format code-scanning services read: one run, the tool with every
/// rule it can report (its id, name, summary and help text), and one result per diagnostic
/// with its place and its notes as related locations. Columns count Unicode code points, as
/// the diagnostics do.
public struct SARIFReporter: Reporter {
    public init() {}

    public var identifier: String { "sarif" }
    public var summary: String { "SARIF 2.1.0, for code scanning (GitHub, Azure DevOps, IDEs)" }

    public func report(_ run: CheckRun, into output: ByteBuffer) {
        let ruleIndex = Dictionary(run.rules.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        var json = JSONWriter(into: output)
        json.beginObject()
        json.field("$schema", "https://json.schemastore.org/sarif-2.1.0.json")
        json.field("version", "2.1.0")
        json.key("runs")
        json.beginArray()
        json.beginObject()
        json.key("tool")
        json.beginObject()
        json.key("driver")
        json.beginObject()
        json.field("name", "agenda")
        json.field("fullName", "AgendaKit agenda")
        json.field("version", run.toolVersion)
        json.field("informationUri", "https://github.com/agendakit/agendakit")
        json.key("rules")
        json.beginArray()
        for rule in run.rules {
            json.beginObject()
            json.field("id", rule.id)
            json.field("name", rule.name)
            Self.text("shortDescription", rule.summary, into: &json)
            Self.text("fullDescription", rule.help, into: &json)
            Self.text("help", rule.help, into: &json)
            json.key("defaultConfiguration")
            json.beginObject()
            json.field("level", Self.level(rule.defaultSeverity))
            json.endObject()
            json.endObject()
        }
        json.endArray()
        json.endObject()
        json.endObject()
        json.field("columnKind", "unicodeCodePoints")
        json.key("results")
        json.beginArray()
        for diagnostic in run.diagnostics {
            json.beginObject()
            json.field("ruleId", diagnostic.code.rawValue)
            if let index = ruleIndex[diagnostic.code.rawValue] { json.field("ruleIndex", Int64(index)) }
            json.field("level", Self.level(diagnostic.severity))
            var message = diagnostic.message
            if let hint = diagnostic.hint { message += "; \(hint)" }
            Self.text("message", message, into: &json)
            if let location = diagnostic.location {
                json.key("locations")
                json.beginArray()
                Self.location(location, message: nil, id: nil, into: &json)
                json.endArray()
            }
            let notes = diagnostic.notes.filter { $0.location != nil }
            if !notes.isEmpty {
                json.key("relatedLocations")
                json.beginArray()
                for (index, note) in notes.enumerated() {
                    Self.location(note.location!, message: note.message, id: index, into: &json)
                }
                json.endArray()
            }
            json.endObject()
        }
        json.endArray()
        json.endObject()
        json.endArray()
        json.endObject()
    }

    static func level(_ severity: Severity) -> String {
        switch severity {
        case .error: "error"
        case .warning: "warning"
        case .note: "note"
        }
    }

    static func text(_ key: StaticString, _ text: String, into json: inout JSONWriter) {
        json.key(key)
        json.beginObject()
        json.field("text", text)
        json.endObject()
    }

    static func location(_ location: SourceLocation, message: String?, id: Int?, into json: inout JSONWriter) {
        json.beginObject()
        if let id { json.field("id", Int64(id)) }
        json.key("physicalLocation")
        json.beginObject()
        json.key("artifactLocation")
        json.beginObject()
        json.field("uri", uri(location.file))
        json.endObject()
        json.key("region")
        json.beginObject()
        json.field("startLine", Int64(max(1, location.line)))
        json.field("startColumn", Int64(max(1, location.column)))
        json.endObject()
        json.endObject()
        if let message { text("message", message, into: &json) }
        json.endObject()
    }

    /// A path as a URI reference: relative paths stay relative (to the folder the check ran
    /// in, usually the repository's root); absolute ones become `file://` URIs; characters
    /// outside the unreserved set are percent-encoded.
    static func uri(_ path: String) -> String {
        var encoded = ""
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
                encoded.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = Array("0123456789ABCDEF".unicodeScalars)
                encoded += "%"
                encoded.unicodeScalars.append(hex[Int(byte >> 4)])
                encoded.unicodeScalars.append(hex[Int(byte & 15)])
            }
        }
        return path.hasPrefix("/") ? "file://" + encoded : encoded
    }
}
