import AgendaCSV
import AgendaCore
import AgendaGenerator
import AgendaICalendar
import AgendaMarkdown
import AgendaYAML
import Testing

/// The same file gives the same bytes, run after run: nothing in an export depends on
/// hashing order, the clock or anything else that changes between two runs of one process.
@Suite("Exports are deterministic")
struct ExportDeterminismTests {
    static let exporters: [any Exporter] = [ICalendarExporter(), CSVExporter(), MarkdownExporter(), JSONExporter()]
    /// Generated agendas of 50 to 400 events.
    static let seeds: [(seed: UInt64, events: Int)] = [(3, 50), (17, 140), (29, 230), (41, 400)]

    /// Reads, plans and exports the file from scratch, in every format.
    static func exports(of yaml: String) throws -> [String: [UInt8]] {
        let loaded = AgendaLoader().load(bytes: Array(yaml.utf8), path: "generated.yaml")
        let agenda = try #require(loaded.agenda, "\(loaded.diagnostics.prefix(3).map(\.text))")
        let plan = Scheduler().plan(agenda)
        try #require(plan.isFeasible, "\(plan.diagnostics.prefix(3).map(\.text))")
        var result: [String: [UInt8]] = [:]
        for exporter in exporters {
            let bytes = ByteBuffer()
            try exporter.export(plan, options: ExportOptions(stamp: Instant(secondsSinceEpoch: 0)), into: bytes)
            result[exporter.identifier] = bytes.bytes
        }
        // Every occurrence is in the spreadsheet, so the runs compare whole plans.
        #expect(result["csv"].map { $0.count { $0 == 0x0A } } == plan.items.count + 1)
        return result
    }

    @Test(arguments: seeds.map(\.seed))
    func twoRunsGiveTheSameBytesInEveryFormat(_ seed: UInt64) throws {
        let events = try #require(Self.seeds.first { $0.seed == seed }?.events)
        let yaml = AgendaGenerator(events: events, seed: seed).yaml()
        let first = try Self.exports(of: yaml)
        let second = try Self.exports(of: yaml)
        for exporter in Self.exporters {
            let identifier = exporter.identifier
            #expect(first[identifier]?.isEmpty == false)
            #expect(first[identifier] == second[identifier], "seed \(seed): \(identifier) differs between two runs")
        }
    }
}
