import AgendaCore

/// One JSON document: the files, a summary, and every diagnostic with its notes. The shape is
/// described in docs/checks.md.
public struct JSONReporter: Reporter {
    public init() {}

    public var identifier: String { "json" }
    public var summary: String { "one JSON document with every diagnostic, for scripts" }

    public func report(_ run: CheckRun, into output: ByteBuffer) {
        var json = JSONWriter(into: output)
        json.beginObject()
        json.field("tool", "agenda")
        json.field("version", run.toolVersion)
        json.key("files")
        json.beginArray()
        for file in run.files { json.string(file) }
        json.endArray()
        json.field("events", Int64(run.eventCount))
        json.field("errors", Int64(run.diagnostics.errorCount))
        json.field("warnings", Int64(run.diagnostics.warningCount))
        json.key("diagnostics")
        json.beginArray()
        for diagnostic in run.diagnostics {
            json.beginObject()
            json.field("code", diagnostic.code.rawValue)
            json.field("severity", diagnostic.severity.rawValue)
            json.field("message", diagnostic.message)
            json.field("hint", diagnostic.hint)
            Self.location(diagnostic.location, into: &json)
            json.key("notes")
            json.beginArray()
            for note in diagnostic.notes {
                json.beginObject()
                json.field("message", note.message)
                Self.location(note.location, into: &json)
                json.endObject()
            }
            json.endArray()
            json.endObject()
        }
        json.endArray()
        json.endObject()
    }

    static func location(_ location: SourceLocation?, into json: inout JSONWriter) {
        json.field("file", location?.file)
        json.field("line", location.map { Int64($0.line) })
        json.field("column", location.map { Int64($0.column) })
    }
}
