/// The plan as JSON: a public contract (docs/plan-json.md), shared by `agenda plan --format
/// json` and the JSON export. Keys keep this order; times are RFC 3339 with the offset of the
/// event's zone at that instant; `end` is exclusive.
public enum PlanJSON {
    public static func encode(_ plan: Plan) -> [UInt8] {
        let agenda = plan.agenda
        var json = JSONWriter()
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
        json.field("updated", agenda.updated.map { rfc3339($0, in: .utc) })
        json.endObject()
        json.key("events")
        json.beginArray()
        for item in plan.items {
            let event = agenda.events[item.eventIndex]
            let zone = item.timeZone
            json.beginObject()
            json.field("id", item.id)
            json.field("title", event.title)
            json.field("kind", event.kind.rawValue)
            json.field("venue", event.venue?.value)
            json.field("timezone", zone.identifier)
            json.field("start", rfc3339(item.start, in: zone))
            json.field("end", rfc3339(item.end, in: zone))
            json.field("all_day", item.allDay)
            json.field("fixed", item.fixed)
            json.field("earliest", item.earliest.map { rfc3339($0, in: zone) })
            json.field("latest", item.latest.map { rfc3339($0, in: zone) })
            json.field("slack_minutes", item.slackSeconds.map { $0 / 60 })
            json.field("critical", item.critical)
            json.field("occurrence_of", item.occurrenceOf)
            json.endObject()
        }
        json.endArray()
        json.endObject()
        return json.bytes
    }
}
