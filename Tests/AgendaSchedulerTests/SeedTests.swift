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
        #expect(localStart(hearing) == "2015-03-09T14:45")
        // The United States was already on summer time; Europe was not yet.
        #expect(wallTime(hearing.start, in: "America/New_York") == "2015-03-09T09:45")
        #expect(localEnd(hearing) == "2015-03-09T19:00")
    }
}
