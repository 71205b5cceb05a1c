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

    public func export(_ plan: Plan, options: ExportOptions, into output: ByteBuffer) throws {
        let agenda = plan.agenda
        var header = Row(bytes: output)
        for column in Self.columns { header.field(column) }
        header.end()
        let items = plan.items
        ParallelWriting.write(count: items.count, into: output, bytesPerItem: 260, maxWorkers: options.maxWorkers) { range, buffer in
            var row = Row(bytes: buffer)
            let venueNames = agenda.venues.mapValues(\.name)
            agenda.events.withUnsafeBufferPointer { events in
                for item in items[range] {
                    let index = item.eventIndex
                    row.field(item.id)
                    row.field(events[index].title)
                    row.field(events[index].kind.rawValue)
                    row.time(item.start, item)
                    row.next()
                    if item.allDay {
                        // The last day, inclusive, as the agenda writes it.
                        let zone = item.timeZone
                        row.bytes.appendISODate(max(zone.localTime(at: item.end).date.adding(days: -1), zone.localTime(at: item.start).date))
                    } else {
                        row.bytes.appendRFC3339(item.end, in: item.timeZone)
                    }
                    row.field(item.allDay ? "true" : "false")
                    row.field(item.timeZone.identifier)
                    row.field(events[index].venue.flatMap { venueNames[$0.value] } ?? "")
                    row.list(events[index].parties.lazy.map(\.value))
                    row.list(events[index].tags)
                    row.time(item.earliest, item)
                    row.time(item.latest, item)
                    row.field(Self.slack(item))
                    row.field(events[index].source ?? "")
                    row.end()
                }
            }
        }
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
        let bytes: ByteBuffer
        private var first = true

        init(bytes: ByteBuffer) { self.bytes = bytes }

        /// Starts the next field.
        mutating func next() {
            if !first { bytes.append(UInt8(ascii: ",")) }
            first = false
        }

        mutating func field(_ value: String) {
            next()
            CSVField.append(value, to: bytes)
        }

        /// Values joined by `;` in one field.
        mutating func list(_ values: some Sequence<String>) {
            var joined = ""
            for value in values {
                if !joined.isEmpty { joined += ";" }
                joined += value
            }
            field(joined)
        }

        /// A date for an all-day event, else ISO 8601 with the zone's offset at that instant;
        /// empty for none.
        mutating func time(_ instant: Instant?, _ item: PlannedEvent) {
            next()
            guard let instant else { return }
            if item.allDay {
                bytes.appendISODate(item.timeZone.localTime(at: instant).date)
            } else {
                bytes.appendRFC3339(instant, in: item.timeZone)
            }
        }

        mutating func end() {
            bytes.appendFixed((UInt8(0x0D), UInt8(0x0A)))
            first = true
        }
    }
}

/// One CSV field: quoted when it holds a comma, a quote or a line break (quotes doubled), and
/// led by a single quote when it starts with a character that makes spreadsheets read it as a
/// formula (`=`, `+`, `-`, `@`, tab, carriage return), so opening the file never runs one.
public enum CSVField {
    public static func append(_ value: String, to bytes: ByteBuffer) {
        var value = value
        value.withUTF8 { utf8 in
            let neutralise = utf8.first.map(startsFormula) ?? false
            let quote = utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }
            if quote { bytes.append(UInt8(ascii: "\"")) }
            if neutralise { bytes.append(UInt8(ascii: "'")) }
            if quote {
                // Each quote is doubled: copy up to and including it, then write it again.
                var runStart = 0
                for index in 0..<utf8.count where utf8[index] == UInt8(ascii: "\"") {
                    bytes.append(UnsafeBufferPointer(rebasing: utf8[runStart...index]))
                    bytes.append(UInt8(ascii: "\""))
                    runStart = index + 1
                }
                bytes.append(UnsafeBufferPointer(rebasing: utf8[runStart...]))
                bytes.append(UInt8(ascii: "\""))
            } else {
                bytes.append(utf8)
            }
        }
    }

    static func startsFormula(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "=") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "@")
            || byte == 0x09 || byte == 0x0D
    }
}
