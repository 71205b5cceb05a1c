import Foundation
import Testing

@Suite("agenda check reporters and checks")
struct CheckReporterTests {
    static let reporters = ["text": "txt", "json": "json", "github": "github.txt", "sarif": "sarif", "junit": "junit.xml"]

    /// Every reporter's output for an agenda that breaks checks is pinned; the exit code is 1
    /// (an error) whatever the reporter.
    @Test(arguments: reporters.keys.sorted())
    func everyReporterMatchesItsGoldenFile(_ reporter: String) throws {
        let output = try CLI.run(["check", "bad/checks.yaml", "--reporter", reporter], in: CLI.fixtures)
        #expect(output.status == 1, "\(output.stderr)")
        #expect(output.stderr.isEmpty)
        try expectGolden(output.stdout, "reporters/checks.\(Self.reporters[reporter]!)")
    }

    @Test func theSARIFIsJSONWithOneRulePerCodeAndOneResultPerDiagnostic() throws {
        let output = try CLI.run(["check", "bad/checks.yaml", "--reporter", "sarif"], in: CLI.fixtures)
        let sarif = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        #expect(sarif["version"] as? String == "2.1.0")
        let run = try #require((sarif["runs"] as? [[String: Any]])?.first)
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.map { $0["ruleId"] as? String } == ["AG301", "AG302", "AG304", "AG303"])
        let rules = try #require(((run["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]])
        for result in results {
            let index = try #require(result["ruleIndex"] as? Int)
            #expect(rules[index]["id"] as? String == result["ruleId"] as? String)
        }
    }

    @Test func githubIsTheDefaultUnderGitHubActions() throws {
        let output = try CLI.run(["check", "bad/checks.yaml"], in: CLI.fixtures, environment: ["GITHUB_ACTIONS": "true"])
        #expect(output.stdout.hasPrefix("::error file=bad/checks.yaml,line=30,col=12,title=AG301 venue-double-booked::"))
        let text = try CLI.run(["check", "bad/checks.yaml"], in: CLI.fixtures, environment: ["GITHUB_ACTIONS": "false"])
        #expect(text.stdout.hasPrefix("bad/checks.yaml:30:12: error: "))
    }

    @Test func warningsFailTheRunOnlyWhenAsked() throws {
        let yaml = """
            agenda: { id: w, timezone: Europe/Vienna, calendar: un }
            calendars: { un: { weekends: [sat, sun] } }
            events:
              - { id: saturday, title: Saturday meeting, start: 2015-03-14, end: 2015-03-14 }

            """
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("agenda-warnings-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data(yaml.utf8).write(to: folder.appendingPathComponent("w.yaml"))
        let plain = try CLI.run(["check", "w.yaml"], in: folder)
        #expect(plain.status == 0)
        #expect(plain.stdout.hasSuffix("checked 1 file, 1 event: 1 warning\n"))
        let strict = try CLI.run(["check", "w.yaml", "--warnings-as-errors"], in: folder)
        #expect(strict.status == 1)
    }

    @Test func anUnknownReporterIsAUsageError() throws {
        let output = try CLI.run(["check", "bad/checks.yaml", "--reporter", "sarf"], in: CLI.fixtures)
        #expect(output.status == 2)
        #expect(output.stderr.contains("'sarf' is not a reporter; did you mean 'sarif'? Reporters: text, json, github, sarif, junit."))
    }

    @Test func checksListsEveryCheckAndExplainsOne() throws {
        let list = try CLI.run(["checks"])
        #expect(list.status == 0)
        #expect(list.stdout.split(separator: "\n").map { String($0.prefix(5)) } == (1...8).map { "AG30\($0)" })
        let one = try CLI.run(["checks", "AG303"])
        #expect(one.status == 0)
        #expect(one.stdout.hasPrefix("AG303 party-travel (default: warning)\n"))
        #expect(one.stdout.contains("  buffer (default 1 day): "))
        #expect(one.stdout.contains("Breaks it:") && one.stdout.contains("Passes:"))
        #expect(!one.stdout.contains("\u{20E3}"), "markers are documentation-free")
        let byName = try CLI.run(["checks", "party-travel"])
        #expect(byName.stdout == one.stdout)
        let unknown = try CLI.run(["checks", "AG399"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("'AG399' is not a check"))
    }

    /// docs/checks.md is made by `agenda checks --markdown`: the checks are its only source.
    @Test func theChecksPageComesFromTheChecks() throws {
        let output = try CLI.run(["checks", "--markdown"])
        let page = try String(contentsOf: CLI.packageRoot.appendingPathComponent("docs/checks.md"), encoding: .utf8)
        #expect(output.stdout == page, "regenerate it: agenda checks --markdown > docs/checks.md\n\(lineDiff(page, output.stdout))")
    }

    @Test func anUnknownCheckInTheAgendaIsAnInputError() throws {
        let yaml = """
            agenda: { id: u, timezone: Europe/Vienna }
            checks: { AG399: off }
            events:
              - { id: e, title: E, start: 2015-03-10, end: 2015-03-10 }

            """
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("agenda-unknown-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data(yaml.utf8).write(to: folder.appendingPathComponent("u.yaml"))
        let output = try CLI.run(["check", "u.yaml"], in: folder)
        #expect(output.status == 2)
        #expect(output.stdout == "u.yaml:2:11: error: 'AG399' is not a check; 'agenda checks' lists them [AG124]\nchecked 1 file, 1 event: 1 error\n")
    }
}
