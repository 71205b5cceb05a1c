import Testing

@testable import AgendaCore

@Suite("Check runner order")
struct CheckRunnerOrderTests {
    /// Diagnostics with every kind of tie: none located, several files, one place with several
    /// codes and messages, and equal ones told apart only by their hint, which must keep their
    /// order.
    @Test func theRunnerSortsAsSortedDoes() {
        var state: UInt64 = 2016
        func pick(_ count: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(state >> 33) % count
        }
        let diagnostics = (0..<3000).map { index in
            let location = pick(10) == 0 ? nil : AgendaCore.SourceLocation(file: ["b.yaml", "a.yaml", "a/c.yaml"][pick(3)], line: 1 + pick(40), column: 1 + pick(3))
            return Diagnostic(
                [.warning, .error][pick(2)], DiagnosticCode(["AG302", "AG301", "AG304"][pick(3)]), ["m", "n", "a longer message"][pick(3)],
                at: location, hint: "\(index)")
        }
        let expected = diagnostics.sorted()
        #expect(CheckRunner.sortedInSourceOrder(diagnostics) == expected)
        #expect(CheckRunner.sortedInSourceOrder([]) == [])
    }
}
