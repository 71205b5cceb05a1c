import Testing

@testable import AgendaCore

@Suite("String numbering")
struct StringNumberingTests {
    @Test func stringsAreNumberedAsTheyFirstCome() {
        var numbering = StringNumbering()
        let words = ["vic", "unhq", "vic", "", "palais", "unhq", "", "a venue id longer than sixteen bytes", "Genève", "Geneve"]
        #expect(words.map { numbering.number($0) } == [0, 1, 0, 2, 3, 1, 2, 4, 5, 6])
        #expect(numbering.strings == ["vic", "unhq", "", "palais", "a venue id longer than sixteen bytes", "Genève", "Geneve"])
    }

    /// Thousands of ids, as many as the parties of a large agenda: the table grows many times
    /// and every id keeps its number.
    @Test func manyStringsKeepTheirNumbers() {
        var numbering = StringNumbering()
        let ids = (0..<20_000).map { "delegation-\($0)" } + (0..<300).map { String(repeating: "x", count: $0) }
        for (index, id) in ids.enumerated() { #expect(numbering.number(id) == Int32(index)) }
        for (index, id) in ids.enumerated().reversed() where numbering.number(id) != Int32(index) {
            Issue.record("'\(id)' lost its number \(index)")
        }
        #expect(numbering.strings == ids)
    }
}
