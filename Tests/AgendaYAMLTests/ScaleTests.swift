import AgendaCore
import AgendaGenerator
import AgendaYAML
import Foundation
import Testing

@Suite("Scale")
struct ScaleTests {
    @Test func aGenerated10000EventAgendaLoadsInFileOrder() throws {
        let yaml = AgendaGenerator(events: 10_000).yaml()
        let result = AgendaLoader().load(bytes: Array(yaml.utf8), path: "generated.yaml")
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.prefix(3).map(\.text))")
        let agenda = try #require(result.agenda)
        #expect(agenda.events.count == 10_000)
        // Chunks decoded on several cores come back in file order.
        let entryNumbers = agenda.events.map { Int(($0.expandedFrom ?? $0.id).dropFirst())! }
        #expect(entryNumbers == entryNumbers.sorted())
        #expect(agenda.events.contains { $0.repeatRule != nil })
        #expect(agenda.events.contains { $0.expandedFrom != nil })
        #expect(agenda.events.contains { $0.constraints.contains { $0.max != nil } })
    }

    @Test func theGeneratorIsDeterministic() {
        #expect(AgendaGenerator(events: 500, seed: 7).yaml() == AgendaGenerator(events: 500, seed: 7).yaml())
        #expect(AgendaGenerator(events: 500, seed: 7).yaml() != AgendaGenerator(events: 500, seed: 8).yaml())
    }

    @Test func problemsInEveryChunkAreReportedInSourceOrder() throws {
        var yaml = AgendaGenerator(events: 8_000).yaml()
        yaml = yaml.replacingFirst("    title: Session", with: "    titel: Session")
        yaml += "  - { id: last, title: Last, kind: sesion, on: 2016-01-01 }\n"
        let result = AgendaLoader().load(bytes: Array(yaml.utf8), path: "generated.yaml")
        #expect(result.diagnostics.map(\.code) == [.missingKey, .unknownKey, .invalidValue])
        #expect(result.diagnostics == result.diagnostics.sorted())
    }
}

extension String {
    func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let range = range(of: target) else { return self }
        return replacingCharacters(in: range, with: replacement)
    }
}
