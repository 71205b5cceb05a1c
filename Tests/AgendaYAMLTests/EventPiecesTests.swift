import AgendaCore
import AgendaGenerator
import Foundation
import Testing

@testable import AgendaYAML

/// Reading the `events` list in pieces on every core must give exactly what one pass gives:
/// the same agenda, the same diagnostics at the same places, whatever the file holds.
@Suite("Events read in pieces")
struct EventPiecesTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Loads the bytes both ways and expects the same result, and whether the pieces were kept.
    func expectSameAsOnePass(
        _ text: String, inPieces: Bool = true, path: String = "pieces/agenda.yaml",
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) {
        let bytes = Array(text.utf8)
        let read = EventPieces.read(bytes, path: path, limits: .default, minimumBytes: 0)
        #expect((read.pieces.count > 1) == inPieces, sourceLocation: sourceLocation)
        let onePass = AgendaLoader(eventPiecesFrom: .max).load(bytes: bytes, path: path)
        let pieces = AgendaLoader(eventPiecesFrom: 0).load(bytes: bytes, path: path)
        #expect(pieces.diagnostics == onePass.diagnostics, sourceLocation: sourceLocation)
        #expect(pieces.agenda == onePass.agenda, sourceLocation: sourceLocation)
    }

    static let header = """
        agenda: { id: pieces, timezone: Europe/Vienna }
        venues:
          vic: { name: Vienna International Centre, timezone: Europe/Vienna, parallel: true }
        events:

        """

    /// `count` one-day sessions, one every few days.
    static func events(_ count: Int, indent: String = "  ") -> String {
        (0..<count).map { index in
            """
            \(indent)- id: e\(index)
            \(indent)  title: Session \(index)
            \(indent)  venue: vic
            \(indent)  on: \(LocalDate(year: 2016, month: 1, day: 4)!.adding(days: 3 * index))

            """
        }.joined()
    }

    @Test func theCutFallsAtTheStartOfItemsAndKeepsEveryLine() throws {
        let text = Self.header + Self.events(40) + "parties:\n  cnd: Commission on Narcotic Drugs\n"
        let bytes = Array(text.utf8)
        let cut = try #require(bytes.withUnsafeBufferPointer { EventPieces.cut($0, into: 4) })
        #expect(cut.keyLine == 3)
        #expect(cut.pieces.count == 4)
        for piece in cut.pieces {
            #expect(text.utf8.dropFirst(piece.bytes.lowerBound).starts(with: "  - id: e".utf8))
            let linesBefore = bytes[..<piece.bytes.lowerBound].filter { $0 == 0x0A }.count
            #expect(piece.firstLine == linesBefore)
        }
        #expect(cut.pieces.first?.bytes.lowerBound == cut.items.lowerBound)
        #expect(cut.pieces.last?.bytes.upperBound == cut.items.upperBound)
        // The list ends where the next top-level key starts.
        #expect(text.utf8.dropFirst(cut.items.upperBound + 1).starts(with: "parties:".utf8))
        expectSameAsOnePass(text)
    }

    @Test func noCutWithoutABlockListUnderATopLevelEventsKey() {
        let texts = [
            "agenda: { id: a }\nevents: []\n",
            "agenda: { id: a }\nevents: [{ id: a, on: 2016-01-04 }]\n",
            "agenda: { id: a }\n  events:\n  - id: a\n",
            "agenda: { id: a }\nevents2:\n  - id: a\n  - id: b\n",
            "agenda: { id: a }\n",
        ]
        for text in texts {
            let bytes = Array(text.utf8)
            #expect(bytes.withUnsafeBufferPointer { EventPieces.cut($0, into: 1) } == nil, "\(text)")
        }
    }

    @Test func fixturesSeedsAndExamplesLoadTheSameInPieces() throws {
        let folders = ["Tests/AgendaCLITests/Fixtures", "seeds", "examples", "Fuzz/corpus/pipeline"]
        var files = 0
        for folder in folders {
            let url = Self.root.appendingPathComponent(folder)
            let enumerator = FileManager.default.enumerator(at: url, includingPropertiesForKeys: nil)
            while let file = enumerator?.nextObject() as? URL {
                guard file.pathExtension == "yaml", !file.path.contains("/.build") else { continue }
                let bytes = try [UInt8](Data(contentsOf: file))
                let onePass = AgendaLoader(eventPiecesFrom: .max).load(bytes: bytes, path: file.path)
                let pieces = AgendaLoader(eventPiecesFrom: 0).load(bytes: bytes, path: file.path)
                #expect(pieces.diagnostics == onePass.diagnostics, "\(file.path)")
                #expect(pieces.agenda == onePass.agenda, "\(file.path)")
                files += 1
            }
        }
        #expect(files >= 30)
    }

    @Test(arguments: [1, 2, 3])
    func generatedAgendasLoadTheSameInPieces(seed: UInt64) {
        expectSameAsOnePass(AgendaGenerator(events: 600, seed: seed).yaml())
    }

    @Test func listsAtTheKeysIndentationCommentsCRLFAndAByteOrderMark() {
        expectSameAsOnePass(Self.header + Self.events(30, indent: ""))
        let commented = Self.header + Self.events(12) + "# the second half\n\n   # indented comment\n" + Self.events(12)
        expectSameAsOnePass(commented.replacingOccurrences(of: "id: e", with: "id: x", options: [], range: nil))
        expectSameAsOnePass((Self.header + Self.events(30)).replacingOccurrences(of: "\n", with: "\r\n"))
        expectSameAsOnePass("\u{FEFF}" + Self.header + Self.events(30))
        expectSameAsOnePass(Self.header + Self.events(30) + "parties:\n  cnd: Commission on Narcotic Drugs\n")
        // A key repeated after the list: reported as one pass reports it.
        expectSameAsOnePass(Self.header + Self.events(30) + "venues:\n  unhq: { name: UNHQ }\n", inPieces: false)
    }

    @Test func whatACutWouldBreakIsReadInOnePass() {
        let events = Self.events(30)
        // An alias to an anchor in another piece, and in the rest of the file.
        expectSameAsOnePass(
            Self.header + events.replacingOccurrences(of: "title: Session 0\n", with: "title: &t Session 0\n")
                .replacingOccurrences(of: "title: Session 29\n", with: "title: *t\n"), inPieces: false)
        expectSameAsOnePass(
            Self.header.replacingOccurrences(of: "name: Vienna", with: "name: &v Vienna")
                + events.replacingOccurrences(of: "title: Session 20\n", with: "title: *v\n"), inPieces: false)
        // An anchor used only within its own item is fine.
        expectSameAsOnePass(
            Self.header + events.replacingOccurrences(of: "title: Session 3\n", with: "title: &own Session 3\n    description: *own\n"))
        // A quoted text with a line that looks like an item.
        expectSameAsOnePass(
            Self.header + events.replacingOccurrences(of: "title: Session 15\n", with: "title: \"Session 15\n  - id: fake\n  \"\n"),
            inPieces: false)
        // `events:` inside a quoted text of the key before it: there is no list to cut.
        expectSameAsOnePass("agenda: { id: a, title: \"x\nevents:\n" + events + "\" }\n", inPieces: false)
        // Every problem is reported as one pass reports it.
        expectSameAsOnePass(Self.header + events.replacingOccurrences(of: "on: 2016-01-10", with: "on: 2016-13-10"))
        expectSameAsOnePass(Self.header + events + "events:\n" + Self.events(3), inPieces: false)
        expectSameAsOnePass(
            Self.header + events.replacingOccurrences(of: "  venue: vic\n", with: "  venue: vic\n  venue: vic\n"), inPieces: false)
        expectSameAsOnePass(Self.header + events + "  - id: [unclosed\n", inPieces: false)
    }

    @Test func limitsCountTheWholeFile() {
        let deep = Self.header + Self.events(20) + "  - id: deep\n    description: " + String(repeating: "[", count: 20)
            + String(repeating: "]", count: 20) + "\n"
        let bytes = Array(deep.utf8)
        let limits = ReadLimits(maxDepth: 22)
        let onePass = AgendaLoader(limits: limits, eventPiecesFrom: .max).load(bytes: bytes, path: "a.yaml")
        let pieces = AgendaLoader(limits: limits, eventPiecesFrom: 0).load(bytes: bytes, path: "a.yaml")
        #expect(onePass.diagnostics.contains { $0.code == .nestingLimit })
        #expect(pieces.diagnostics == onePass.diagnostics)
    }
}
