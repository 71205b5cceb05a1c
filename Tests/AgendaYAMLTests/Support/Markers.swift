import AgendaCore
import AgendaYAML
import Testing

/// Source text with position markers (`1️⃣`, `2️⃣`, ...): a test says where a diagnostic must
/// point by placing a marker there, instead of counting lines and columns by hand.
struct MarkedSource {
    let example: MarkedExample

    init(_ marked: String) { example = MarkedExample(marked) }

    var text: String { example.text }

    func location(_ marker: Int, file: String) -> AgendaCore.SourceLocation {
        example.location(marker, file: file)!
    }
}

struct ExpectedDiagnostic {
    var marker: Int
    var code: DiagnosticCode
    /// Text the message (with its hint) must contain.
    var message: String

    init(_ marker: Int, _ code: DiagnosticCode, _ message: String) {
        self.marker = marker
        self.code = code
        self.message = message
    }
}

/// Loads marked YAML from memory and returns the result with the marker positions.
func load(_ marked: String, path: String = "test.yaml", limits: ReadLimits = .default) -> (LoadResult, MarkedSource) {
    let source = MarkedSource(marked)
    let result = AgendaLoader(limits: limits).load(bytes: Array(source.text.utf8), path: path)
    return (result, source)
}

/// Expects exactly these error diagnostics, each at its marker, in source order.
func expectErrors(
    _ marked: String, _ expected: [ExpectedDiagnostic], path: String = "test.yaml", limits: ReadLimits = .default,
    sourceLocation: Testing.SourceLocation = #_sourceLocation
) {
    let (result, source) = load(marked, path: path, limits: limits)
    let errors = result.diagnostics.filter { $0.severity == .error }
    #expect(
        errors.count == expected.count,
        "expected \(expected.count) errors, got:\n\(errors.map(\.text).joined(separator: "\n"))",
        sourceLocation: sourceLocation)
    for (diagnostic, expectation) in zip(errors, expected) {
        #expect(diagnostic.code == expectation.code, "\(diagnostic.text)", sourceLocation: sourceLocation)
        #expect(
            diagnostic.location == source.location(expectation.marker, file: path),
            "marker \(expectation.marker): \(diagnostic.text)", sourceLocation: sourceLocation)
        let full = diagnostic.message + (diagnostic.hint.map { "; " + $0 } ?? "")
        #expect(full.contains(expectation.message), "\(diagnostic.text)", sourceLocation: sourceLocation)
    }
    #expect(result.agenda == nil, "an agenda with errors is not returned", sourceLocation: sourceLocation)
}

/// Loads YAML that must be valid and returns its agenda.
func loadValid(_ yaml: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> Agenda? {
    let result = AgendaLoader().load(bytes: Array(yaml.utf8), path: "valid.yaml")
    #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.text).joined(separator: "\n"))", sourceLocation: sourceLocation)
    return result.agenda
}

/// Expects exactly these diagnostics: each its code, at its marker, with its first note at the
/// note marker where one is given.
func expectDiagnostics(
    _ result: LoadResult, _ source: MarkedSource, _ expected: [(marker: Int, code: DiagnosticCode, note: Int?)],
    path: String = "test.yaml", sourceLocation: Testing.SourceLocation = #_sourceLocation
) {
    #expect(result.diagnostics.count == expected.count, "\(result.diagnostics.map(\.text))", sourceLocation: sourceLocation)
    for (diagnostic, (marker, code, note)) in zip(result.diagnostics, expected) {
        #expect(diagnostic.code == code, "\(diagnostic.text)", sourceLocation: sourceLocation)
        #expect(diagnostic.location == source.location(marker, file: path), "\(diagnostic.text)", sourceLocation: sourceLocation)
        if let note {
            #expect(
                diagnostic.notes.first?.location == source.location(note, file: path), "\(diagnostic.text)",
                sourceLocation: sourceLocation)
        }
    }
}
