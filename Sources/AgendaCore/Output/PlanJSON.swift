/// The plan as JSON: a public contract (docs/plan-json.md), shared by `agenda plan --format
/// json` and the JSON export. Keys keep this order; times are RFC 3339 with the offset of the
/// event's zone at that instant; `end` is exclusive.
public enum PlanJSON {
    public static func encode(_ plan: Plan) -> [UInt8] {
        let buffer = ByteBuffer(capacity: 400 * plan.items.count + 1024)
        write(plan, into: buffer)
        return buffer.bytes
    }

    public static func write(_ plan: Plan, into buffer: ByteBuffer, maxWorkers: Int? = nil) {
        let agenda = plan.agenda
        var json = JSONWriter(into: buffer)
        json.beginObject()
        json.key("agenda")
        json.beginObject()
        json.field("id", agenda.id)
        json.field("title", agenda.title)
        json.field("timezone", agenda.timeZone.identifier)
        json.field("calendar", agenda.calendar)
        json.field("schedule", agenda.schedule.rawValue)
        json.field("start", agenda.start?.description)
        json.field("end", agenda.end?.description)
        json.field("updated", agenda.updated, in: .utc)
        json.endObject()
        json.key("events")
        json.beginArray()
        let items = plan.items
        ParallelWriting.write(count: items.count, into: buffer, bytesPerItem: 480, maxWorkers: maxWorkers) { range, buffer in
            var json = JSONWriter(into: buffer, insideArrayAt: 2, afterValues: range.lowerBound > 0)
            agenda.events.withUnsafeBufferPointer { events in
                for item in items[range] {
                    let index = item.eventIndex
                    let zone = item.timeZone
                    json.beginObject()
                    json.field("id", item.id)
                    json.field("title", events[index].title)
                    json.field("kind", events[index].kind.rawValue)
                    json.field("venue", events[index].venue?.value)
                    json.field("timezone", zone.identifier)
                    json.field("start", item.start, in: zone)
                    json.field("end", item.end, in: zone)
                    json.field("all_day", item.allDay)
                    json.field("fixed", item.fixed)
                    json.field("earliest", item.earliest, in: zone)
                    json.field("latest", item.latest, in: zone)
                    json.field("slack_minutes", item.slackSeconds.map { $0 / 60 })
                    json.field("critical", item.critical)
                    json.field("occurrence_of", item.occurrenceOf)
                    json.endObject()
                }
            }
        }
        // The elements were written beside this writer: it closes the array with them.
        if !items.isEmpty { json.markValueWritten() }
        json.endArray()
        json.endObject()
    }
}
