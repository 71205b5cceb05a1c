import AgendaCore
import AgendaYAML
import Foundation
import Testing

/// A throwaway folder of files for one test.
struct TemporaryFolder: ~Copyable {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("agenda-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    /// Writes marked text (markers stripped) and returns its markers.
    @discardableResult
    func write(_ name: String, _ marked: String) throws -> MarkedSource {
        let source = MarkedSource(marked)
        let url = URL(fileURLWithPath: path).appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(source.text.utf8).write(to: url)
        return source
    }

    func file(_ name: String) -> String { path + "/" + name }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}

@Suite("Includes")
struct IncludeTests {
    @Test func fragmentsContributeCalendarsVenuesPartiesEventsAndChecks() throws {
        let folder = try TemporaryFolder()
        try folder.write(
            "top.yaml",
            """
            agenda: { id: top, calendar: un-vienna }
            include: [calendars/vienna.yaml, parts/events.yaml]
            events:
              - { id: own, title: Own, start: 2015-03-09, end: 2015-03-09, venue: vic }
            """)
        try folder.write(
            "calendars/vienna.yaml",
            """
            calendars:
              un-vienna: { holidays: [2015-04-03] }
            """)
        try folder.write(
            "parts/events.yaml",
            """
            include: ../calendars/vienna.yaml
            venues: { vic: { name: VIC, calendar: un-vienna } }
            parties: { cnd: CND }
            checks: { AG301: off }
            events:
              - { id: included, title: Included, start: 2015-03-10, end: 2015-03-10, parties: cnd }
            """)
        let result = AgendaLoader().load(file: folder.file("top.yaml"))
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.text))")
        let agenda = try #require(result.agenda)
        // The vienna calendar is reached twice (a diamond) and read once.
        #expect(agenda.files.count == 3)
        #expect(agenda.events.map(\.id) == ["included", "own"])
        #expect(agenda.calendars["un-vienna"]?.holidays.count == 1)
        #expect(agenda.venues["vic"]?.calendar == "un-vienna")
        #expect(agenda.checkSeverities["AG301"]?.level == .off)
        #expect(agenda.events[0].location.file == folder.file("parts/events.yaml"))
    }

    @Test func aMissingIncludeIsReportedAtItsEntry() throws {
        let folder = try TemporaryFolder()
        let top = try folder.write("top.yaml", "agenda: { id: a }\ninclude: [1️⃣nowhere.yaml]\n")
        let result = AgendaLoader().load(file: folder.file("top.yaml"))
        #expect(result.diagnostics.map(\.code) == [.includeNotFound])
        #expect(result.diagnostics.first?.location == top.location(1, file: folder.file("top.yaml")))
    }

    @Test func anIncludeThatLeavesTheFolderIsRefused() throws {
        let outer = try TemporaryFolder()
        try outer.write("secret.yaml", "events: []\n")
        let top = try outer.write("project/top.yaml", "agenda: { id: a }\ninclude:\n  - 1️⃣../secret.yaml\n  - 2️⃣link.yaml\n")
        try FileManager.default.createSymbolicLink(atPath: outer.file("project/link.yaml"), withDestinationPath: outer.file("secret.yaml"))
        let path = outer.file("project/top.yaml")
        let result = AgendaLoader().load(file: path)
        #expect(result.diagnostics.map(\.code) == [.includeOutsideFolder, .includeOutsideFolder])
        #expect(result.diagnostics.map(\.location) == [top.location(1, file: path), top.location(2, file: path)])
    }

    @Test func anIncludeCycleNamesEveryFileInIt() throws {
        let folder = try TemporaryFolder()
        try folder.write("top.yaml", "agenda: { id: a }\ninclude: a.yaml\n")
        try folder.write("a.yaml", "include: b.yaml\n")
        let b = try folder.write("b.yaml", "include: 1️⃣a.yaml\n")
        let result = AgendaLoader().load(file: folder.file("top.yaml"))
        #expect(result.diagnostics.map(\.code) == [.includeCycle])
        #expect(result.diagnostics.first?.location == b.location(1, file: folder.file("b.yaml")))
        #expect(result.diagnostics.first?.message.hasSuffix("a.yaml -> b.yaml -> a.yaml") == true)
    }

    @Test func aFileIncludingItselfIsACycle() throws {
        let folder = try TemporaryFolder()
        try folder.write("top.yaml", "agenda: { id: a }\ninclude: top.yaml\n")
        let result = AgendaLoader().load(file: folder.file("top.yaml"))
        #expect(result.diagnostics.map(\.code) == [.includeCycle])
    }

    @Test func aFragmentMayNotHoldAnAgenda() throws {
        let folder = try TemporaryFolder()
        try folder.write("top.yaml", "agenda: { id: a }\ninclude: part.yaml\n")
        let part = try folder.write("part.yaml", "1️⃣agenda: { id: b }\n")
        let result = AgendaLoader().load(file: folder.file("top.yaml"))
        #expect(result.diagnostics.map(\.code) == [.fragmentDeclaresAgenda])
        #expect(result.diagnostics.first?.location == part.location(1, file: folder.file("part.yaml")))
    }

    @Test func errorsInAFragmentNameTheFragment() throws {
        let folder = try TemporaryFolder()
        try folder.write("top.yaml", "agenda: { id: a }\ninclude: sub/part.yaml\n")
        let part = try folder.write("sub/part.yaml", "events:\n  - { id: x, title: X, start: 1️⃣2015-02-30, end: 2015-02-30 }\n")
        let result = AgendaLoader().load(file: folder.file("top.yaml"))
        #expect(result.diagnostics.first?.location == part.location(1, file: folder.file("sub/part.yaml")))
    }

    @Test func definitionsRepeatedAcrossFilesAreDuplicates() throws {
        let folder = try TemporaryFolder()
        let top = try folder.write("top.yaml", "agenda: { id: a }\ninclude: part.yaml\nvenues: { 1️⃣vic: {} }\n")
        let part = try folder.write("part.yaml", "venues: { 2️⃣vic: {} }\n")
        let result = AgendaLoader().load(file: folder.file("top.yaml"))
        #expect(result.diagnostics.map(\.code) == [.duplicateID])
        // The include is read where it is named, so the fragment's definition comes first.
        #expect(result.diagnostics.first?.location == top.location(1, file: folder.file("top.yaml")))
        #expect(result.diagnostics.first?.notes.first?.location == part.location(2, file: folder.file("part.yaml")))
    }

    @Test func aFolderOrAMissingFileIsUnreadable() throws {
        let folder = try TemporaryFolder()
        #expect(AgendaLoader().load(file: folder.path).diagnostics.map(\.code) == [.fileUnreadable])
        #expect(AgendaLoader().load(file: folder.file("none.yaml")).diagnostics.map(\.code) == [.fileUnreadable])
    }

    @Test func aFileOverTheSizeLimitIsRefusedBeforeItIsRead() throws {
        let folder = try TemporaryFolder()
        try folder.write("big.yaml", "agenda: { id: a }\n# " + String(repeating: "x", count: 2000) + "\n")
        let result = AgendaLoader(limits: ReadLimits(maxInputBytes: 1000)).load(file: folder.file("big.yaml"))
        #expect(result.diagnostics.map(\.code) == [.fileTooLarge])
        #expect(result.diagnostics.first?.location == SourceLocation(file: folder.file("big.yaml"), line: 1, column: 1))
        #expect(
            result.diagnostics.first?.message
                == "'\(folder.file("big.yaml"))' is 2021 bytes, more than the input size limit of 1000 bytes")
        #expect(result.diagnostics.first?.hint == "raise the limit with --max-input-size 1 (in MB)")
        // Bytes given in memory are held to the same limit.
        let bytes = AgendaLoader(limits: ReadLimits(maxInputBytes: 1000)).load(bytes: Array(repeating: 0x20, count: 1001), path: "m.yaml")
        #expect(bytes.diagnostics.map(\.code) == [.fileTooLarge])
    }

    @Test func theSizeLimitHoldsForAnAgendaAndItsIncludesTogether() throws {
        let folder = try TemporaryFolder()
        let top = try folder.write("top.yaml", "agenda: { id: a }\ninclude: [a.yaml, 1️⃣b.yaml, 2️⃣c.yaml]\n")
        let fragment = "events: []\n# " + String(repeating: "x", count: 400) + "\n"
        for name in ["a.yaml", "b.yaml", "c.yaml"] { try folder.write(name, fragment) }
        let result = AgendaLoader(limits: ReadLimits(maxInputBytes: 800)).load(file: folder.file("top.yaml"))
        // The top file and one fragment fit; each of the other two would bring them past 800.
        let total = top.text.utf8.count + 2 * fragment.utf8.count
        #expect(result.diagnostics.map(\.code) == [.fileTooLarge, .fileTooLarge])
        #expect(result.diagnostics.map(\.location) == [top.location(1, file: folder.file("top.yaml")), top.location(2, file: folder.file("top.yaml"))])
        #expect(
            result.diagnostics.map(\.message) == ["b", "c"].map {
                "'\(folder.file("\($0).yaml"))' is 414 bytes and brings the agenda's files to \(total) bytes, more than the input size limit of 800 bytes"
            })
    }
}
