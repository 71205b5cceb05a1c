/// An example agenda with position markers (`1️⃣` ... `9️⃣`) where a check's findings must
/// point: the text without the markers is the documentation, the markers are the test.
public struct MarkedExample: Sendable {
    /// The text with the markers taken out.
    public let text: String
    /// Each marker's line and column (1-based, in Unicode scalars) in `text`.
    public let markers: [Int: (line: Int, column: Int)]

    public init(_ marked: String) {
        var text = String.UnicodeScalarView()
        var markers: [Int: (line: Int, column: Int)] = [:]
        var line = 1
        var column = 1
        let scalars = Array(marked.unicodeScalars)
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if ("1"..."9").contains(scalar), index + 2 < scalars.count, scalars[index + 1] == "\u{FE0F}",
                scalars[index + 2] == "\u{20E3}"
            {
                markers[Int(scalar.value - 48)] = (line, column)
                index += 3
                continue
            }
            text.append(scalar)
            if scalar == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
            index += 1
        }
        self.text = String(text)
        self.markers = markers
    }

    /// Where marker `number` points, in a file named `file`.
    public func location(_ number: Int, file: String) -> SourceLocation? {
        markers[number].map { SourceLocation(file: file, line: $0.line, column: $0.column) }
    }
}
