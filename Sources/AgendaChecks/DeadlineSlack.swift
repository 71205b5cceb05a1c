import AgendaCore

/// AG306: a placed deadline or milestone with little room before it must happen.
public struct DeadlineSlack: Check {
    public static let id = "AG306"
    public static let name = "deadline-slack"
    public static let defaultSeverity = CheckSetting.Level.warning
    public static let summary = "A placed deadline or milestone has less slack than the threshold (default 5 working days)."
    public static let rationale = """
        A deadline the plan can barely meet slips at the first delay. For each deadline or \
        milestone that the plan places, the slack is how far it could move without breaking a \
        constraint; below the threshold it is flagged, so the work before it can start earlier \
        or the date can be negotiated now. Set the threshold with \
        'checks: { AG306: { threshold: 10 working days } }' (working days of the event's \
        calendar, or days, weeks, hours).
        """
    public static let options = [CheckOption("threshold", "The least slack a placed deadline or milestone should have.", default: "5 working days")]

    public static let failingExamples = [
        """
        agenda: { id: slack, timezone: Europe/Vienna, calendar: office }
        calendars: { office: { weekends: [sat, sun] } }
        events:
          - { id: survey, title: Survey, kind: activity, start: 2015-04-06, end: 2015-06-30 }
          - { id: 1️⃣report-due, title: Survey report due, kind: deadline, after: { event: survey, gap: 1 week }, not_after: 2015-07-10 }
        """
    ]

    public static let passingExamples = [
        """
        agenda: { id: slack, timezone: Europe/Vienna, calendar: office }
        calendars: { office: { weekends: [sat, sun] } }
        events:
          - { id: survey, title: Survey, kind: activity, start: 2015-04-06, end: 2015-06-30 }
          - { id: report-due, title: Survey report due, kind: deadline, after: { event: survey, gap: 1 week }, not_after: 2015-07-31 }
          - { id: fixed-deadline, title: Fixed deadline, kind: deadline, on: 2015-07-01 }
        """
    ]

    let threshold: Duration

    public init(options: CheckOptions) throws(CheckOptionError) {
        threshold = try options.duration("threshold", default: Duration(5, .workingDays))
    }

    public func findings(in context: CheckContext) -> [Finding] {
        let agenda = context.plan.agenda
        var findings: [Finding] = []
        // Items are read in place: copying one costs more than checking it.
        context.plan.items.withUnsafeBufferPointer { items in
            for index in items.indices where !items[index].fixed {
                guard context.eventKinds[items[index].eventIndex].isPoint, let earliest = items[index].earliest,
                    let latest = items[index].latest
                else { continue }
                let item = items[index]
                let zone = item.timeZone
                let from = zone.localTime(at: earliest)
                let to = zone.localTime(at: latest)
                let slack: String
                if threshold.unit == .workingDays {
                    // The working days after the earliest day, up to and with the latest.
                    let days = min(
                        threshold.amount,
                        context.workingDays(of: item.eventIndex).workingDays(from: from.date.adding(days: 1), to: to.date.adding(days: 1)))
                    guard days < threshold.amount else { continue }
                    slack = "\(days) working day\(days == 1 ? "" : "s")"
                } else {
                    let seconds = to.secondsSinceEpoch - from.secondsSinceEpoch
                    let limit = threshold.elapsedSeconds ?? Int64(threshold.amount) * (threshold.unit == .weeks ? 7 * 86_400 : threshold.unit == .months ? 30 * 86_400 : 86_400)
                    guard seconds < limit else { continue }
                    slack = seconds % 86_400 == 0 ? "\(seconds / 86_400) days" : "\(seconds / 3600) hours"
                }
                findings.append(
                    Finding(
                        "'\(item.id)' has \(slack) of slack (it could fall from \(from.date) to \(to.date)), less than \(threshold)",
                        at: agenda.events[item.eventIndex].idLocation, hint: "start the work before it earlier, or agree a later date now",
                        events: [item.eventIndex]))
            }
        }
        return findings
    }
}
