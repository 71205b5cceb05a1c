import Foundation
import Testing

/// The README quotes the seed timeline's real output; these tests keep the quotes in step with
/// the tool, so a change to the seed or to the output shows up here first.
@Suite("README")
struct ReadmeTests {
    static let seed = "seeds/ungass-2016.yaml"

    func readme() throws -> String {
        try String(contentsOf: CLI.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
    }

    @Test func theQuickStartQuotesTheSeedsCheckSummary() throws {
        let output = try CLI.run(["check", Self.seed])
        #expect(output.status == 0, "\(output.stdout)")
        let summary = try #require(output.stdout.split(separator: "\n").last.map(String.init))
        #expect(try readme().contains("prints `\(summary)`"), "the quick start should quote: \(summary)")
    }

    @Test func theTimelineSectionQuotesThePlan() throws {
        let excerpt = try fencedBlock("text", in: section("The UNGASS 2016 timeline", of: readme()))
        #expect(excerpt.count >= 10)
        let output = try CLI.run(["plan", Self.seed])
        #expect(output.status == 0, "\(output.stderr)")
        expectOrderedSubset(excerpt, of: lines(output.stdout))
        #expect(excerpt.first == lines(output.stdout).first, "the excerpt starts with the table's header")
        #expect(excerpt.last == lines(output.stdout).last, "the excerpt ends with the summary")
    }

    @Test func theTimelineSectionQuotesTheChart() throws {
        let excerpt = try fencedBlock("mermaid", in: section("The UNGASS 2016 timeline", of: readme()))
        let output = try CLI.run(["export", Self.seed, "--format", "md"])
        #expect(output.status == 0, "\(output.stderr)")
        let chart = try fencedBlock("mermaid", in: output.stdout)
        #expect(Array(excerpt.prefix(5)) == Array(chart.prefix(5)), "the chart's header is kept whole")
        #expect(excerpt.count { $0.hasPrefix("    section ") } >= 3)
        expectOrderedSubset(excerpt, of: chart)
    }

    /// Every line of `part` appears in `whole`, in the same order.
    func expectOrderedSubset(_ part: [String], of whole: [String], sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        var rest = whole[...]
        for line in part {
            guard let found = rest.firstIndex(of: line) else {
                Issue.record("not in the real output (or out of order): \(line)", sourceLocation: sourceLocation)
                return
            }
            rest = rest[(found + 1)...]
        }
    }

    /// The lines of a text, without the empty line after its final newline.
    func lines(_ text: String) -> [String] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    /// The text under a `## title` heading, up to the next heading of that level.
    func section(_ title: String, of text: String) throws -> String {
        let start = try #require(text.range(of: "\n## \(title)\n"), "README has no section '\(title)'")
        let rest = text[start.upperBound...]
        return String(rest[..<(rest.range(of: "\n## ")?.lowerBound ?? rest.endIndex)])
    }

    /// The lines of the first fenced block with this info string.
    func fencedBlock(_ info: String, in text: String) throws -> [String] {
        let all = lines(text)
        let open = try #require(all.firstIndex(of: "```\(info)"), "no ```\(info) block")
        let close = try #require(all[(open + 1)...].firstIndex(of: "```"), "the ```\(info) block is not closed")
        return Array(all[(open + 1)..<close])
    }
}
