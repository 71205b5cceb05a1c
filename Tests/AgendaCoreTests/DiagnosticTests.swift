import AgendaCore
import Foundation
import Testing

@Suite("Diagnostics")
struct DiagnosticTests {
    @Test func theTextFormIsCompilerStyleWithNotes() {
        let diagnostic = Diagnostic.error(
            .duplicateID, "the event id 'x' is used twice",
            at: AgendaCore.SourceLocation(file: "a.yaml", line: 5, column: 11), hint: "ids must be unique",
            notes: [.init("'x' is first used here", at: AgendaCore.SourceLocation(file: "a.yaml", line: 4, column: 11))])
        #expect(
            diagnostic.text == """
                a.yaml:5:11: error: the event id 'x' is used twice; ids must be unique [AG104]
                a.yaml:4:11: note: 'x' is first used here
                """)
    }

    @Test func diagnosticsSortBySourcePosition() {
        func at(_ line: Int, _ column: Int, _ file: String = "a.yaml") -> Diagnostic {
            .error(.syntax, "m", at: AgendaCore.SourceLocation(file: file, line: line, column: column))
        }
        let sorted = [at(3, 1), at(1, 9), at(1, 2, "b.yaml"), at(1, 2)].sorted()
        #expect(sorted.map { $0.location!.description } == ["a.yaml:1:2", "a.yaml:1:9", "a.yaml:3:1", "b.yaml:1:2"])
    }

    @Test func codesAreUniqueAndWellFormed() {
        let raw = DiagnosticCode.allCases.map(\.rawValue)
        #expect(Set(raw).count == raw.count)
        #expect(raw.allSatisfy { $0.count == 5 && $0.hasPrefix("AG") && Int($0.dropFirst(2)) != nil })
        #expect(DiagnosticCode.allCases.allSatisfy { $0.summary?.isEmpty == false })
    }

    @Test func theDocsListEveryCode() throws {
        let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/diagnostics.md")
        let text = try String(contentsOf: docs, encoding: .utf8)
        for code in DiagnosticCode.allCases {
            #expect(text.contains("| \(code.rawValue) |") || text.contains("| `\(code.rawValue)` |"), "\(code.rawValue) is missing from docs/diagnostics.md")
        }
    }

    @Test func suggestionsFindLikelyTypos() {
        #expect(Suggestion.closest(to: "titel", in: ["title", "tags", "kind"]) == "title")
        #expect(Suggestion.closest(to: "cnd85", in: ["cnd58", "cnd59", "ungass"]) == "cnd58")
        #expect(Suggestion.closest(to: "venue", in: ["venue"]) == "venue")
        #expect(Suggestion.closest(to: "zzzzzz", in: ["title", "tags"]) == nil)
        #expect(Suggestion.closest(to: "a", in: ["b", "ab"]) == "ab")
    }
}
