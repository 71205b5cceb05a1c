import AgendaCSV
import AgendaCore
import AgendaGenerator
import AgendaICalendar
import AgendaMarkdown
import AgendaYAML
import Testing

/// Large plans are written in chunks on every core; the bytes must not depend on how many.
@Suite("Exports in parallel chunks")
struct ParallelExportTests {
    static let plan: Plan = {
        let yaml = AgendaGenerator(events: 6000).yaml()
        let agenda = AgendaLoader().load(bytes: Array(yaml.utf8), path: "generated.yaml").agenda!
        return Scheduler().plan(agenda)
    }()

    static let exporters: [any Exporter] = [ICalendarExporter(), CSVExporter(), MarkdownExporter(), JSONExporter()]

    @Test(arguments: exporters.map(\.identifier))
    func theBytesAreTheSameOnAnyNumberOfWorkers(_ identifier: String) throws {
        let exporter = try #require(Self.exporters.first { $0.identifier == identifier })
        #expect(Self.plan.isFeasible)
        #expect(Self.plan.items.count > 3 * ParallelWriting.minimumChunk)
        func bytes(_ workers: Int) throws -> [UInt8] {
            let buffer = ByteBuffer()
            try exporter.export(Self.plan, options: ExportOptions(stamp: Instant(secondsSinceEpoch: 0), maxWorkers: workers), into: buffer)
            return buffer.bytes
        }
        let one = try bytes(1)
        #expect(try bytes(2) == one)
        #expect(try bytes(3) == one)
    }

    @Test func chunksAreAppendedInOrder() {
        let buffer = ByteBuffer()
        buffer.appendLiteral("[")
        ParallelWriting.write(count: 10_000, into: buffer, bytesPerItem: 6, maxWorkers: 4) { range, part in
            for index in range { part.appendDigits(index, width: 5) }
        }
        buffer.appendLiteral("]")
        let expected = "[" + (0..<10_000).map { String(repeating: "0", count: 5 - String($0).count) + String($0) }.joined() + "]"
        #expect(buffer.text == expected)
    }
}
