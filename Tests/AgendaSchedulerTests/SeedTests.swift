import AgendaCore
import AgendaYAML
import Foundation
import Testing

/// Key facts of the real UNGASS 2016 process, asserted through the plan of the seed timeline.
@Suite("UNGASS 2016 seed")
struct SeedTests {
    static let seed = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("seeds/ungass-2016.yaml").path

    func seedPlan() throws -> Plan {
        let loaded = AgendaLoader().load(file: Self.seed)
        let agenda = try #require(loaded.agenda, "\(loaded.diagnostics.map(\.text))")
        return Scheduler().plan(agenda)
    }

    @Test func theSeedLoadsAndPlansClean() throws {
        let plan = try seedPlan()
        #expect(plan.diagnostics.filter { $0.severity != .note }.isEmpty, "\(plan.diagnostics.map(\.text))")
        #expect(plan.items.count >= 50)
    }

    @Test func cnd59MetInViennaFrom14To22March2016() throws {
        let plan = try seedPlan()
        let cnd59 = try #require(plan.items.first { $0.id == "cnd59" })
        #expect(cnd59.timeZone.identifier == "Europe/Vienna")
        #expect(cnd59.allDay)
        #expect(localStart(cnd59) == "2016-03-14T00:00")
        #expect(localEnd(cnd59) == "2016-03-23T00:00")  // exclusive: the last day is the 22nd
    }

    @Test func ungassMetInNewYorkFrom19To21April2016() throws {
        let plan = try seedPlan()
        let ungass = try #require(plan.items.first { $0.id == "ungass" })
        #expect(ungass.timeZone.identifier == "America/New_York")
        #expect(localStart(ungass) == "2016-04-19T00:00")
        #expect(localEnd(ungass) == "2016-04-22T00:00")
    }

    @Test func theCivilSocietyHearingAt1445InViennaWas0945InNewYork() throws {
        let plan = try seedPlan()
        let hearing = try #require(plan.items.first { $0.id == "cnd58-cs-hearing" })
        #expect(hearing.timeZone.identifier == "Europe/Vienna")
        #expect(!hearing.allDay)
        #expect(hearing.start == Instant(secondsSinceEpoch: 1_425_908_700))
        #expect(wallTime(hearing.start, in: "UTC") == "2015-03-09T13:45")
        #expect(localStart(hearing) == "2015-03-09T14:45")
        #expect(wallTime(hearing.start, in: "Europe/Vienna") == "2015-03-09T14:45")
        // The United States was already on summer time; Europe was not yet: 5 hours apart.
        #expect(wallTime(hearing.start, in: "America/New_York") == "2015-03-09T09:45")
        #expect(localEnd(hearing) == "2015-03-09T19:00")
        #expect(wallTime(hearing.end, in: "America/New_York") == "2015-03-09T14:00")
    }

    @Test func theSeedIsATimelineOfRecord() throws {
        let loaded = AgendaLoader().load(file: Self.seed)
        let agenda = try #require(loaded.agenda)
        #expect(agenda.checkSeverities["AG305"]?.level == .error)
        for event in agenda.events where [.session, .hearing, .deadline].contains(event.kind) {
            #expect(event.source?.isEmpty == false, "\(event.id) has no source")
        }
    }

    /// seeds/README.md gives the source and confidence of every event: a new event needs a row.
    @Test func theSeedREADMEListsEveryEvent() throws {
        let readme = try String(
            contentsOf: URL(fileURLWithPath: Self.seed).deletingLastPathComponent().appendingPathComponent("README.md"),
            encoding: .utf8)
        let agenda = try #require(AgendaLoader().load(file: Self.seed).agenda)
        let listed = Set(readme.split(separator: "\n").filter { $0.hasPrefix("| `") }.flatMap { row in
            row.split(separator: "`").enumerated().filter { $0.offset % 2 == 1 }.map { String($0.element) }
        })
        for event in agenda.events {
            let id = event.expandedFrom ?? event.id
            #expect(listed.contains(id), "\(id) is not in seeds/README.md")
        }
    }

    // MARK: Flexible events: real steps without a known day, and the 2014 report's proposals

    /// What the scheduler places is modelled, not recorded: each such event says so.
    @Test func everyFlexibleEventIsTentativeAndSourced() throws {
        let plan = try seedPlan()
        let flexible = plan.items.filter { !$0.fixed }
        #expect(flexible.count >= 20)
        for item in flexible {
            let event = plan.agenda.events[item.eventIndex]
            #expect(event.status == .tentative, "\(item.id)")
            #expect(event.source?.isEmpty == false, "\(item.id)")
            #expect(event.description?.isEmpty == false, "\(item.id)")
            if event.tags.contains("2014-panel-report") {
                #expect(event.description?.contains("2014 panel report, not a recorded") == true, "\(item.id)")
                #expect(event.source?.contains("2014 panel report") == true, "\(item.id)")
            }
        }
        let report = flexible.filter { plan.agenda.events[$0.eventIndex].tags.contains("2014-panel-report") }
        // 9 regional consultations, the formal hearing, 4 VNGOC commitments, 3 asks of the NGOs
        #expect(report.count == 17)
    }

    /// Each flexible event is checked against its constraints as docs/format.md defines them,
    /// in its own zone and working calendar.
    @Test func everyFlexibleEventKeepsItsConstraints() throws {
        let plan = try seedPlan()
        let agenda = plan.agenda
        var itemsByEvent: [String: [PlannedEvent]] = [:]
        for item in plan.items {
            let event = agenda.events[item.eventIndex]
            itemsByEvent[event.id, default: []].append(item)
            if let entry = event.expandedFrom, entry != event.id { itemsByEvent[entry, default: []].append(item) }
        }
        var checked = 0
        for item in plan.items where !item.fixed {
            let event = agenda.events[item.eventIndex]
            let clock = clock(for: event, in: agenda)
            #expect(clock.zone == item.timeZone, "\(item.id)")
            #expect(clock.isWorkingDay(clock.local(item.start).date), "\(item.id) starts on a day off")
            if let notBefore = event.notBefore?.value {
                #expect(notBefore.instant(in: clock.zone) <= item.start, "\(item.id) starts before its not_before")
            }
            if let notAfter = event.notAfter?.value {
                #expect(item.end <= endOfBound(notAfter, clock), "\(item.id) ends after its not_after")
            }
            for constraint in event.constraints {
                let others = try #require(itemsByEvent[constraint.event], "\(item.id) names \(constraint.event)")
                for other in others where other.id != item.id {
                    checked += 1
                    switch constraint.relation {
                    case .after:
                        #expect(clock.adding(constraint.gap, to: other.end) <= item.start, "\(item.id) after \(other.id)")
                        if let max = constraint.max {
                            #expect(item.start <= clock.adding(max, to: other.end), "\(item.id) too long after \(other.id)")
                        }
                    case .before:
                        #expect(clock.adding(constraint.gap, to: item.end) <= other.start, "\(item.id) before \(other.id)")
                        if let max = constraint.max {
                            #expect(other.start <= clock.adding(max, to: item.end), "\(item.id) too long before \(other.id)")
                        }
                    case .during:
                        #expect(other.start <= item.start && item.end <= other.end, "\(item.id) during \(other.id)")
                    }
                }
            }
        }
        #expect(checked >= 40)
    }

    @Test func theTaskForceIsSetUpInNovember2014BeforeItsWork() throws {
        let items = try seedItems()
        let established = try #require(items["cstf-established"])
        #expect(localStart(established).hasPrefix("2014-11-"))
        #expect(try #require(items["wfad-2014"]).end <= established.start)
        #expect(established.end <= (try #require(items["cnd58"])).start)
        #expect(established.end <= (try #require(items["cstf-survey"])).start)
    }

    @Test func thereIsOneRegionalConsultationPerTaskForceRegion() throws {
        let plan = try seedPlan()
        let items = Dictionary(uniqueKeysWithValues: plan.items.map { ($0.id, $0) })
        let consultations = plan.items.filter { plan.agenda.events[$0.eventIndex].expandedFrom == "regional-consultation" }
        #expect(consultations.count == 9)
        #expect(consultations.contains { $0.id == "regional-consultation-sub-saharan-africa" })
        let established = try #require(items["cstf-established"])
        let recommendations = try #require(items["cstf-zero-draft-recommendations"])
        for consultation in consultations {
            #expect(plan.agenda.events[consultation.eventIndex].venue?.value == "online")
            #expect(established.end <= consultation.start)
            #expect(consultation.end <= recommendations.start)
        }
    }

    /// The 2014 report proposes a formal hearing three months before UNGASS; the scheduler
    /// puts it as late as that allows, in New York.
    @Test func theProposedFormalHearingLandsThreeMonthsBeforeUNGASS() throws {
        let items = try seedItems()
        let hearing = try #require(items["proposed-formal-hearing"])
        let ungass = try #require(items["ungass"])
        #expect(hearing.timeZone.identifier == "America/New_York")
        #expect(hearing.allDay)
        #expect(localStart(hearing) == "2016-01-18T00:00")
        #expect(localEnd(hearing) == "2016-01-19T00:00")
        let days = (ungass.start.secondsSinceEpoch - hearing.end.secondsSinceEpoch) / 86_400
        #expect((89...123).contains(days))  // about three months
        #expect(hearing.end <= (try #require(items["cnd59"])).start)
    }

    @Test func theVNGOCPreparesItsFourthHearingBeforeCND58() throws {
        let items = try seedItems()
        let preparation = try #require(items["vngoc-hearing-preparation"])
        let hearing = try #require(items["cnd58-cs-hearing"])
        #expect(localStart(preparation) == "2015-01-12T00:00")
        #expect(localEnd(preparation) == "2015-03-07T00:00")  // 40 working days, ending on Friday 6 March
        #expect(preparation.end <= hearing.start)
    }

    @Test func theTwoYearEngagementRunsFromTheForumPastUNGASS() throws {
        let items = try seedItems()
        let engagement = try #require(items["wfad-members-engagement"])
        #expect(localStart(engagement) == "2014-05-20T00:00")
        #expect(localEnd(engagement) == "2016-05-20T00:00")
        #expect(try #require(items["wfad-2014-panel"]).end <= engagement.start)
        #expect(try #require(items["ungass"]).end <= engagement.end)
    }

    @Test func speakersHaveFourWeeksForAVisaBeforeUNGASS() throws {
        let items = try seedItems()
        let deadline = try #require(items["speaker-deadline"])
        let selection = try #require(items["speaker-selection"])
        let visas = try #require(items["speaker-visas"])
        #expect(wallTime(deadline.start, in: "America/New_York") == "2016-03-07T23:59")
        #expect(deadline.end <= selection.start)
        #expect(localStart(selection) == "2016-03-08T00:00")
        #expect(selection.end <= visas.start)
        #expect(localStart(visas) == "2016-03-15T00:00")
        #expect(localEnd(visas) == "2016-04-12T00:00")
        #expect(visas.end <= (try #require(items["ungass"])).start)
    }

    @Test func theZeroDraftFollowsCivilSocietyInputAndPrecedesCND59() throws {
        let items = try seedItems()
        let briefing = try #require(items["cstf-briefing"])
        let recommendations = try #require(items["cstf-zero-draft-recommendations"])
        let zeroDraft = try #require(items["board-zero-draft"])
        #expect(briefing.end <= recommendations.start)
        #expect(recommendations.end <= zeroDraft.start)
        #expect(localStart(zeroDraft) == "2016-02-22T00:00")
        #expect(zeroDraft.end <= (try #require(items["cnd59"])).start)
    }

    func seedItems() throws -> [String: PlannedEvent] {
        let plan = try seedPlan()
        #expect(plan.isFeasible)
        return Dictionary(uniqueKeysWithValues: plan.items.map { ($0.id, $0) })
    }
}

/// The zone and working calendar an event is placed in: its venue's zone, else the agenda's;
/// its own calendar, else its venue's, else the agenda's.
private func clock(for event: Event, in agenda: Agenda) -> EventClock {
    let venue = event.venue.flatMap { agenda.venues[$0.value] }
    let name = event.calendar?.value ?? venue?.calendar ?? agenda.calendar
    let calendar = name == WorkCalendar.noneName ? WorkCalendar.none : agenda.calendars[name] ?? .none
    return EventClock(zone: venue?.timeZone ?? agenda.timeZone, calendar: calendar)
}

/// A `not_after` date means by the end of that day.
private func endOfBound(_ bound: TimeSpec, _ clock: EventClock) -> Instant {
    guard case .date(let date) = bound else { return bound.instant(in: clock.zone) }
    return clock.midnight(date.adding(days: 1))
}
