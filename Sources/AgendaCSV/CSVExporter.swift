import AgendaCore

/// CSV (RFC 4180) for spreadsheets and scripts: a header row, then one row per event and
/// per occurrence of a repeating event, comma-separated, CRLF line ends, quotes only where a
/// field needs them. A field a spreadsheet would run as a formula is neutralised.
public struct CSVExporter: Exporter {
    public init() {}

    public var identifier: String { "csv" }
    public var fileExtension: String { "csv" }
    public var mediaType: String { "text/csv" }
    public var summary: String { "CSV (RFC 4180) for spreadsheets: one row per event or occurrence, with window and slack" }

    public static let columns = [
        "id", "title", "kind", "start", "end", "all_day", "timezone", "venue", "parties", "tags", "earliest", "latest",
        "slack", "source",
    ]

    public func export(_ plan: Plan, options: ExportOptions, into output: inout [UInt8]) throws {
        let agenda = plan.agenda
        var row = Row(bytes: output)
        output = []
        defer { output = row.bytes }
        for column in Self.columns { row.field(column) }
        row.end()
        for item in plan.items {
            let event = agenda.events[item.eventIndex]
            let zone = item.timeZone
            row.field(item.id)
            row.field(event.title)
            row.field(event.kind.rawValue)
            row.field(Self.time(item.start, item))
            row.field(Self.end(item))
            row.field(item.allDay ? "true" : "false")
            row.field(zone.identifier)
            row.field(event.venue.flatMap { agenda.venues[$0.value]?.name } ?? "")
            row.field(event.parties.map(\.value).joined(separator: ";"))
            row.field(event.tags.joined(separator: ";"))
            row.field(item.earliest.map { Self.time($0, item) } ?? "")
            row.field(item.latest.map { Self.time($0, item) } ?? "")
            row.field(Self.slack(item))
            row.field(event.source ?? "")
            row.end()
        }
    }

    /// A date for an all-day event, else ISO 8601 with the zone's offset at that instant.
    static func time(_ instant: Instant, _ item: PlannedEvent) -> String {
        item.allDay ? item.timeZone.localTime(at: instant).date.description : rfc3339(instant, in: item.timeZone)
    }

    /// The last day of an all-day event (inclusive, as the agenda writes it); a timed event's
    /// end; an instant's end is its start.
    static func end(_ item: PlannedEvent) -> String {
        guard item.allDay else { return rfc3339(item.end, in: item.timeZone) }
        let last = item.timeZone.localTime(at: item.end).date.adding(days: -1)
        return max(last, item.timeZone.localTime(at: item.start).date).description
    }

    /// How far the start could move, as an ISO 8601 duration of wall-clock time (`P12D`,
    /// `PT2H30M`); empty when the window is open on a side.
    static func slack(_ item: PlannedEvent) -> String {
        guard let earliest = item.earliest, let latest = item.latest else { return "" }
        let zone = item.timeZone
        let seconds = max(0, zone.localTime(at: latest).secondsSinceEpoch - zone.localTime(at: earliest).secondsSinceEpoch)
        let days = seconds / 86_400
        let hours = seconds % 86_400 / 3600
        let minutes = seconds % 3600 / 60
        if seconds == 0 { return "P0D" }
        var text = "P"
        if days > 0 { text += "\(days)D" }
        if hours > 0 || minutes > 0 {
            text += "T"
            if hours > 0 { text += "\(hours)H" }
            if minutes > 0 { text += "\(minutes)M" }
        }
        return text
    }

    /// Appends fields of one row at a time.
    struct Row {
        var bytes: [UInt8]
        private var first = true

        init(bytes: [UInt8]) { self.bytes = bytes }

        mutating func field(_ value: String) {
            if !first { bytes.append(UInt8(ascii: ",")) }
            first = false
            CSVField.append(value, to: &bytes)
        }

        mutating func end() {
            bytes.append(0x0D)
            bytes.append(0x0A)
            first = true
        }
    }
}

/// One CSV field: quoted when it holds a comma, a quote or a line break (quotes doubled), and
/// led by a single quote when it starts with a character that makes spreadsheets read it as a
/// formula (`=`, `+`, `-`, `@`, tab, carriage return), so opening the file never runs one.
public enum CSVField {
    public static func append(_ value: String, to bytes: inout [UInt8]) {
        let utf8 = value.utf8
        let neutralise = utf8.first.map(startsFormula) ?? false
        let quote = utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }
        if quote { bytes.append(UInt8(ascii: "\"")) }
        if neutralise { bytes.append(UInt8(ascii: "'")) }
        if quote {
            for byte in utf8 {
                bytes.append(byte)
                if byte == UInt8(ascii: "\"") { bytes.append(byte) }
            }
            bytes.append(UInt8(ascii: "\""))
        } else {
            bytes.append(contentsOf: utf8)
        }
    }

    static func startsFormula(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "=") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "@")
            || byte == 0x09 || byte == 0x0D
    }
}
