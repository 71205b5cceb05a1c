import Foundation
import Testing

/// Every limit as a user meets it: `agenda check` prints one located error that names the
/// limit and its value and exits with 2, and `agenda export` prints the same and writes
/// nothing.
@Suite("Limits")
struct LimitTests {
    /// Writes `files` to a fresh folder, checks and exports `agenda.yaml` there, and expects
    /// `expected` as the first line of the report.
    func expectRefused(
        _ files: [String: String], options: [String] = [], _ expected: String,
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws {
        let scratch = try ScratchFolder()
        for (name, text) in files {
            try Data(text.utf8).write(to: URL(fileURLWithPath: scratch.path(name)))
        }
        let check = try CLI.run(["check"] + options + ["agenda.yaml"], in: scratch.url)
        #expect(check.status == 2, "\(check.stdout)", sourceLocation: sourceLocation)
        #expect(check.stdout.split(separator: "\n").first.map(String.init) == expected, sourceLocation: sourceLocation)
        let export = try CLI.run(["export"] + options + ["agenda.yaml", "--format", "ics,csv", "-o", "out"], in: scratch.url)
        #expect(export.status == 2, sourceLocation: sourceLocation)
        #expect(export.stderr.split(separator: "\n").first.map(String.init) == expected, sourceLocation: sourceLocation)
        #expect(!FileManager.default.fileExists(atPath: scratch.path("out")), sourceLocation: sourceLocation)
    }

    static let padding = "# " + String(repeating: "x", count: 3 << 19) + "\n"

    @Test func aFileOverTheInputSizeLimitNamesTheOptionThatRaisesIt() throws {
        let agenda = "agenda: { id: big }\n" + Self.padding
        try expectRefused(
            ["agenda.yaml": agenda], options: ["--max-input-size", "1"],
            "agenda.yaml:1:1: error: 'agenda.yaml' is \(agenda.utf8.count) bytes, more than the input size limit of 1048576 bytes (1 MB); raise the limit with --max-input-size 2 (in MB) [AG002]"
        )
    }

    @Test func includedFilesCountTowardTheInputSizeLimitTogether() throws {
        let top = "agenda: { id: big }\ninclude: [one.yaml, two.yaml]\n"
        let fragment = "events: []\n" + Self.padding
        let total = top.utf8.count + 2 * fragment.utf8.count
        try expectRefused(
            ["agenda.yaml": top, "one.yaml": fragment, "two.yaml": fragment], options: ["--max-input-size", "2"],
            "agenda.yaml:2:21: error: 'two.yaml' is \(fragment.utf8.count) bytes and brings the agenda's files to \(total) bytes, more than the input size limit of 2097152 bytes (2 MB); raise the limit with --max-input-size 4 (in MB) [AG002]"
        )
        // Each file fits on its own: with room for both, the agenda reads.
        let scratch = try ScratchFolder()
        for (name, text) in ["agenda.yaml": top, "one.yaml": fragment, "two.yaml": fragment] {
            try Data(text.utf8).write(to: URL(fileURLWithPath: scratch.path(name)))
        }
        let output = try CLI.run(["check", "--max-input-size", "4", "agenda.yaml"], in: scratch.url)
        #expect(output.status == 0, "\(output.stdout)")
    }

    @Test func anAliasBombStopsAtTheAliasThatCrossesTheNodeLimit() throws {
        var agenda = "agenda: { id: bomb }\nx:\n  l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        for level in 1...9 {
            agenda += "  l\(level): &l\(level) [" + Array(repeating: "*l\(level - 1)", count: 10).joined(separator: ", ") + "]\n"
        }
        try expectRefused(
            ["agenda.yaml": agenda],
            "agenda.yaml:9:47: error: aliases expand this document to more than 10000000 nodes; an alias counts every node it repeats; use fewer aliases of large parts (an alias bomb is refused) [AG008]"
        )
    }

    @Test func nestingDeeperThanTheLimitIsRefusedWhereItCrossesIt() throws {
        let agenda = "agenda: " + String(repeating: "[", count: 600) + String(repeating: "]", count: 600) + "\n"
        try expectRefused(
            ["agenda.yaml": agenda],
            "agenda.yaml:1:520: error: lists and mappings are nested more than 512 levels deep; an agenda file needs only a few levels [AG009]"
        )
    }

    @Test func moreEventsThanTheLimitAreRefusedBeforeTheyAreMade() throws {
        let values = "[" + (1...1001).map { "v\($0)" }.joined(separator: ", ") + "]"
        let agenda = """
            agenda: { id: many, start: 2016-01-01 }
            events:
              - { id: a, title: "A {x} {y}", duration: 1h, for_each: { x: &v \(values), y: *v } }

            """
        try expectRefused(
            ["agenda.yaml": agenda],
            "agenda.yaml:3:5: error: with this entry, the agenda has more than 1000000 events, counting each for_each copy and each occurrence of a repeat as one; a plan lists every one of them; split the agenda, or repeat less often [AG122]"
        )
    }

    @Test func aRepeatOverItsOccurrenceLimitSaysHowManyItMakes() throws {
        let agenda = """
            agenda: { id: calls, timezone: UTC }
            events:
              - { id: a, title: A, start: 2016-01-04T10:00, duration: 1 minute, repeat: { every: 1 minute, until: 2016-01-31 } }

            """
        try expectRefused(
            ["agenda.yaml": agenda],
            "agenda.yaml:3:103: error: this 'repeat' makes 39720 occurrences from 2016-01-04 until 2016-01-31, more than the limit of 10000 occurrences of one 'repeat'; split the series into several events, or repeat less often [AG122]"
        )
    }

    @Test func aGapLongerThanTheCalendarIsRefusedWhereItIsWritten() throws {
        let agenda = """
            agenda: { id: gaps, start: 2016-01-01, calendar: c }
            calendars: { c: {} }
            events:
              - { id: a, title: A, start: 2016-01-04, end: 2016-01-05 }
              - { id: b, title: B, duration: 1 day, after: { event: a, gap: 999999999 working days } }

            """
        try expectRefused(
            ["agenda.yaml": agenda],
            "agenda.yaml:5:65: error: '999999999 working days' is longer than any agenda can span: at most 3652059 working days fit between 0001-01-01 and 9999-12-31 [AG108]"
        )
    }

    @Test func anEventPushedPastTheLastDayIsRefused() throws {
        let agenda = """
            agenda: { id: edge, timezone: Europe/Vienna }
            events:
              - { id: a, title: A, start: 9999-12-20, end: 9999-12-21 }
              - { id: b, title: B, duration: 1 day, after: { event: a, gap: 2 weeks } }

            """
        try expectRefused(
            ["agenda.yaml": agenda],
            "agenda.yaml:4:11: error: 'b' cannot be placed: its constraints push it past 9999-12-30, the last day a plan can hold; shorten it, or the gaps that lead to it [AG125]"
        )
    }
}
