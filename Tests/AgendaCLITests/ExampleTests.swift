import Foundation
import Testing

/// The example agendas in examples/ and the files committed beside them. The calendars,
/// spreadsheets and pages, and the check output of the agenda that cannot be planned, must be
/// what the tool writes today, byte for byte, in any time zone and locale.
@Suite("examples")
struct ExampleTests {
    static let folder = CLI.packageRoot.appendingPathComponent("examples")
    static let checkOutput = "check-output.txt"

    /// Every example that is an agenda: a folder `<name>` that holds `<name>.yaml`.
    static let agendas: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { FileManager.default.fileExists(atPath: "\(folder.path)/\($0)/\($0).yaml") }.sorted()
    }()

    /// An agenda that cannot be planned keeps the output of `agenda check` instead of exports.
    static let infeasible = agendas.filter { FileManager.default.fileExists(atPath: "\(folder.path)/\($0)/\(checkOutput)") }
    static let exported = agendas.filter { !infeasible.contains($0) }

    /// The environment the tests run in, and time zones and locales far from it.
    static let environments: [[String: String]] = [[:]] + ExportCommandTests.environments

    /// The files of an example that the tool writes: all but its YAML files and its README.
    static func generatedFiles(of name: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent(name).path)
            .filter { !$0.hasPrefix(".") && !$0.hasSuffix(".yaml") && $0 != "README.md" }
            .sorted()
    }

    @Test func theExamplesAreFound() {
        #expect(Set(Self.exported).isSuperset(of: ["first-agenda", "ngo-engagement"]), "\(Self.exported)")
        #expect(Self.infeasible.contains("infeasible"), "\(Self.infeasible)")
    }

    @Test(arguments: exported, environments)
    func theCommittedExportsAreWhatTheToolWrites(_ name: String, _ environment: [String: String]) throws {
        let scratch = try ScratchFolder()
        let target = scratch.path(name)
        let output = try CLI.run(
            ["export", "examples/\(name)/\(name).yaml", "--format", "ics,csv,md", "-o", target + "/"], environment: environment)
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout.isEmpty)
        #expect(output.stderr.isEmpty)
        let written = try FileManager.default.contentsOfDirectory(atPath: target).sorted()
        #expect(written == ["\(name).csv", "\(name).ics", "\(name).md"])
        for file in written {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: target).appendingPathComponent(file))
            try expectGolden(bytes, at: Self.folder.appendingPathComponent("\(name)/\(file)"))
        }
        // Nothing stale beside them: a file the tool no longer writes would mislead a reader.
        let committed = try Self.generatedFiles(of: name)
        #expect(committed == written, "examples/\(name) holds \(committed)")
    }

    @Test(arguments: exported)
    func theExportedExamplesCheckClean(_ name: String) throws {
        let output = try CLI.run(["check", "examples/\(name)/\(name).yaml"], environment: ["GITHUB_ACTIONS": "false"])
        #expect(output.status == 0)
        #expect(output.stdout.hasPrefix("checked 1 file, "), "\(output.stdout)")
        #expect(output.stdout.hasSuffix(" events: no problems\n"), "\(output.stdout)")
    }

    @Test(arguments: infeasible, environments)
    func theCommittedCheckOutputIsWhatTheToolPrints(_ name: String, _ environment: [String: String]) throws {
        let file = "examples/\(name)/\(name).yaml"
        // The text reporter, as a user sees it outside GitHub Actions.
        let environment = environment.merging(["GITHUB_ACTIONS": "false"]) { _, new in new }
        let output = try CLI.run(["check", file], environment: environment)
        #expect(output.status == 1)
        let transcript = "$ agenda check \(file)\n\(output.stdout)\(output.stderr)$ echo $?\n\(output.status)\n"
        try expectGolden(Data(transcript.utf8), at: Self.folder.appendingPathComponent("\(name)/\(Self.checkOutput)"))
        let committed = try Self.generatedFiles(of: name)
        #expect(committed == [Self.checkOutput], "examples/\(name) holds \(committed)")

        // Its README shows the same output, and says that nothing is exported for it.
        let readme = try String(contentsOf: Self.folder.appendingPathComponent("\(name)/README.md"), encoding: .utf8)
        let shown = readme.contains("```text\n\(output.stdout)```\n")
        #expect(shown, "examples/\(name)/README.md does not show the output of agenda check")
        let scratch = try ScratchFolder()
        let export = try CLI.run(["export", file, "--format", "ics,csv,md", "-o", scratch.path("out")], environment: environment)
        #expect(export.status == 1)
        #expect(try scratch.contents().isEmpty)
    }
}

@Suite("README: a first agenda")
struct FirstAgendaWalkthroughTests {
    static let file = "examples/first-agenda/first-agenda.yaml"

    /// The README's section "A first agenda", up to the next section.
    static func section() throws -> String {
        let readme = try String(contentsOf: CLI.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let start = try #require(readme.range(of: "\n## A first agenda\n"))
        let end = readme.range(of: "\n## ", range: start.upperBound..<readme.endIndex)?.lowerBound ?? readme.endIndex
        return String(readme[start.upperBound..<end])
    }

    /// The fenced blocks of one language in a text.
    static func blocks(_ language: String, in text: String) -> [String] {
        text.components(separatedBy: "```\(language)\n").dropFirst().compactMap { $0.components(separatedBy: "```").first }
    }

    @Test func itsYAMLIsTheExampleFileAsItIs() throws {
        let yaml = try String(contentsOf: CLI.packageRoot.appendingPathComponent(Self.file), encoding: .utf8)
        let blocks = Self.blocks("yaml", in: try Self.section())
        #expect(blocks.count >= 5)
        for block in blocks {
            let found = yaml.contains(block)
            #expect(found, "not in \(Self.file):\n\(block)")
        }
        let markdown = try String(
            contentsOf: CLI.packageRoot.appendingPathComponent("examples/first-agenda/first-agenda.md"), encoding: .utf8)
        let tables = Self.blocks("markdown", in: try Self.section())
        #expect(tables.count == 1)
        for table in tables {
            let found = markdown.contains(table)
            #expect(found, "not in first-agenda.md:\n\(table)")
        }
    }

    @Test(arguments: [["check", file], ["plan", file], ["explain", file, "statement"]])
    func itShowsWhatTheToolPrints(_ command: [String]) throws {
        let output = try CLI.run(command, environment: ["GITHUB_ACTIONS": "false"])
        #expect(output.status == 0, "\(output.stderr)")
        let shown = Self.blocks("text", in: try Self.section()).contains(output.stdout)
        #expect(shown, "agenda \(command.joined(separator: " ")) prints:\n\(output.stdout)")
    }

    @Test func itShowsTheErrorOfADeadlineMovedTooLate() throws {
        let yaml = try String(contentsOf: CLI.packageRoot.appendingPathComponent(Self.file), encoding: .utf8)
        let moved = yaml.replacingOccurrences(of: "    on: 2016-03-01\n", with: "    on: 2016-03-07\n")
        #expect(moved != yaml)
        // The same relative path as in the README, in a scratch folder.
        let scratch = try ScratchFolder()
        try FileManager.default.createDirectory(atPath: scratch.path("examples/first-agenda"), withIntermediateDirectories: true)
        try Data(moved.utf8).write(to: scratch.url.appendingPathComponent(Self.file))
        let output = try CLI.run(["check", Self.file], in: scratch.url, environment: ["GITHUB_ACTIONS": "false"])
        #expect(output.status == 1)
        #expect(output.stdout.contains("[AG307]"))
        let shown = Self.blocks("text", in: try Self.section()).contains(output.stdout)
        #expect(shown, "agenda check prints:\n\(output.stdout)")
    }
}
