import AgendaCore
import AgendaYAML
import Testing

@Suite("YAML reader")
struct YAMLReaderTests {
    func read(_ text: String, limits: ReadLimits = .default) -> (YAMLDocument?, [Diagnostic]) {
        YAMLReader.read(Array(text.utf8), path: "r.yaml", limits: limits)
    }

    @Test func nodesKnowTheirLineAndColumnInCharacters() throws {
        let source = MarkedSource("a:\n  title: 1️⃣Café\n  ünï: 2️⃣x\n3️⃣b: [4️⃣1, 5️⃣'two']\n")
        let (doc, diagnostics) = read(source.text)
        let document = try #require(doc)
        #expect(diagnostics.isEmpty)
        let top = document.pairs(document.root)
        let inner = document.pairs(top[0].value)
        #expect(document.location(inner[0].value) == source.location(1, file: "r.yaml"))
        #expect(document.location(inner[1].value) == source.location(2, file: "r.yaml"))
        #expect(document.location(top[1].key) == source.location(3, file: "r.yaml"))
        let items = document.items(top[1].value)
        #expect(document.location(items[0]) == source.location(4, file: "r.yaml"))
        #expect(document.location(items[1]) == source.location(5, file: "r.yaml"))
        #expect(document.string(inner[0].value) == "Café")
    }

    @Test func scalarsKeepRawTextAndStyle() throws {
        let (doc, _) = read("a: NO\nb: 012\nc: 'x'\nd: \"y\"\ne: |\n  lit\nf: >\n  fold\ng: 9:30\n")
        let document = try #require(doc)
        let pairs = document.pairs(document.root)
        let values = pairs.map { document.string($0.value) }
        #expect(values == ["NO", "012", "x", "y", "lit\n", "fold\n", "9:30"])
        let styles = pairs.map { document.style($0.value) }
        #expect(styles == [.plain, .plain, .singleQuoted, .doubleQuoted, .literal, .folded, .plain])
    }

    @Test func aliasesShareTheirAnchorsNode() throws {
        let (doc, diagnostics) = read("base: &b { x: 1 }\ncopy: *b\n")
        let document = try #require(doc)
        #expect(diagnostics.isEmpty)
        let pairs = document.pairs(document.root)
        #expect(pairs[0].value == pairs[1].value)
        #expect(document.string(document.pairs(pairs[1].value)[0].value) == "1")
    }

    @Test func anAliasBombIsRefusedAtTheAliasThatCrossesTheLimit() {
        var text = "l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        for level in 1...9 {
            let refs = Array(repeating: "*l\(level - 1)", count: 10).joined(separator: ", ")
            text += "l\(level): &l\(level) [\(refs)]\n"
        }
        let started = ContinuousClock.now
        let (doc, diagnostics) = read(text)
        #expect(doc == nil)
        #expect(diagnostics.map(\.code) == [.aliasLimit])
        // 10^7 nodes are crossed on the seventh line, long before 10^10 could be built: the
        // lines before it make 1,234,573 nodes, each alias on it adds 1,111,111, and the
        // eighth crosses the limit.
        #expect(diagnostics.first?.location == AgendaCore.SourceLocation(file: "r.yaml", line: 7, column: 45))
        #expect(diagnostics.first?.message == "aliases expand this document to more than 10000000 nodes")
        #expect(
            diagnostics.first?.hint == "an alias counts every node it repeats; use fewer aliases of large parts (an alias bomb is refused)")
        // An alias costs one step whatever it repeats: nothing is copied.
        #expect(ContinuousClock.now - started < .seconds(5))
    }

    @Test func aDocumentWithoutAliasesOverTheNodeLimitIsToldToSplit() {
        let source = MarkedSource("a: [1, 2, 3]\nb: [4, 1️⃣5]\n")
        // 1 root + 2 keys + 2 lists + 5 values = 10 nodes.
        #expect(read(source.text, limits: ReadLimits(maxExpandedNodes: 10)).1.isEmpty)
        let (doc, diagnostics) = read(source.text, limits: ReadLimits(maxExpandedNodes: 9))
        #expect(doc == nil)
        #expect(diagnostics.map(\.code) == [.aliasLimit])
        #expect(diagnostics.first?.location == source.location(1, file: "r.yaml"))
        #expect(diagnostics.first?.message == "this document has more than 9 nodes (keys, values, lists and mappings)")
        #expect(diagnostics.first?.hint == "split it into files named under 'include'")
    }

    @Test func theExpansionLimitCountsEveryAliasedNode() {
        let text = "a: &a [1, 2, 3]\nb: [*a, *a]\n"
        // 1 root + a(4) + keys(2) + b(1 + 2*4) = 16 nodes once expanded.
        #expect(read(text, limits: ReadLimits(maxExpandedNodes: 16)).1.isEmpty)
        #expect(read(text, limits: ReadLimits(maxExpandedNodes: 15)).1.map(\.code) == [.aliasLimit])
    }

    @Test func tenThousandLevelsOfNestingAreRefusedWithoutOverflowingTheStack() {
        let text = "a: " + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000) + "\n"
        let (doc, diagnostics) = read(text)
        #expect(doc == nil)
        #expect(diagnostics.map(\.code) == [.nestingLimit])
        #expect(diagnostics.first?.location == AgendaCore.SourceLocation(file: "r.yaml", line: 1, column: 3 + 512))  // the 513th level: the root mapping and 512 brackets fit
        #expect(diagnostics.first?.message == "lists and mappings are nested more than 512 levels deep")
        #expect(diagnostics.first?.hint == "an agenda file needs only a few levels")
    }

    @Test func nestingUpToTheLimitIsRead() {
        let depth = 200
        let text = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        let (doc, diagnostics) = read(text, limits: ReadLimits(maxDepth: depth))
        #expect(doc != nil)
        #expect(diagnostics.isEmpty)
    }

    @Test func aRepeatedKeyIsReportedAtTheSecondWithANoteAtTheFirst() {
        let source = MarkedSource("1️⃣id: a\ntitle: t\n2️⃣id: b\n")
        let (_, diagnostics) = read(source.text)
        #expect(diagnostics.count == 1)
        #expect(diagnostics[0].code == .duplicateKey)
        #expect(diagnostics[0].location == source.location(2, file: "r.yaml"))
        #expect(diagnostics[0].notes.first?.location == source.location(1, file: "r.yaml"))
    }

    @Test func aByteOrderMarkIsNotCountedAndCRLFIsAccepted() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("a: 1\r\nbb: 2\r\n".utf8)
        let (doc, diagnostics) = YAMLReader.read(bytes, path: "r.yaml")
        let document = try #require(doc)
        #expect(diagnostics.isEmpty)
        let pairs = document.pairs(document.root)
        #expect(document.location(pairs[0].key) == AgendaCore.SourceLocation(file: "r.yaml", line: 1, column: 1))
        #expect(document.location(pairs[1].value) == AgendaCore.SourceLocation(file: "r.yaml", line: 2, column: 5))
        #expect(document.string(pairs[1].value) == "2")
    }

    @Test func explicitTagsAreRefused() {
        let (_, diagnostics) = read("a: !!str 12\n")
        #expect(diagnostics.map(\.code) == [.unsupportedTag])
        #expect(diagnostics.first?.location?.column == 4)
    }

    @Test func invalidUTF8IsReportedAtTheOffendingByte() {
        let bytes = Array("a: ok\nbé: ".utf8) + [0xFF, 0x0A]
        let (doc, diagnostics) = YAMLReader.read(bytes, path: "r.yaml")
        #expect(doc == nil)
        #expect(diagnostics.map(\.code) == [.invalidEncoding])
        #expect(diagnostics.first?.location == AgendaCore.SourceLocation(file: "r.yaml", line: 2, column: 5))
        #expect(diagnostics.first?.message.contains("not valid UTF-8") == true)
    }

    @Test func aTabInIndentationGetsAPlainExplanation() {
        let (_, diagnostics) = read("agenda:\n\tid: x\n")
        #expect(diagnostics.map(\.code) == [.syntax])
        #expect(diagnostics.first?.message == "a tab character is used for indentation")
        #expect(diagnostics.first?.location == AgendaCore.SourceLocation(file: "r.yaml", line: 2, column: 1))
    }

    @Test func anUnclosedQuoteNotesWhereTheQuoteStarts() {
        let source = MarkedSource("agenda:\n  id: 1️⃣\"x\n")
        let (_, diagnostics) = read(source.text)
        #expect(diagnostics.map(\.code) == [.syntax])
        #expect(diagnostics.first?.notes.first?.location == source.location(1, file: "r.yaml"))
    }

    @Test func severalDocumentsAreRefusedAtTheSecond() {
        let (doc, diagnostics) = read("a: 1\n---\nb: 2\n")
        #expect(doc == nil)
        #expect(diagnostics.map(\.code) == [.multipleDocuments])
        #expect(diagnostics.first?.location?.line == 2)
    }

    @Test(arguments: ["", "# only a comment\n# and another\n", "\n\n"])
    func aFileWithoutADocumentIsEmpty(_ text: String) {
        let (doc, diagnostics) = read(text)
        #expect(doc == nil)
        #expect(diagnostics.map(\.code) == [.emptyDocument])
        #expect(diagnostics.first?.location == AgendaCore.SourceLocation(file: "r.yaml", line: 1, column: 1))
    }

    @Test func controlCharactersMarkABinaryFile() {
        let bytes: [UInt8] = [0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x00, 0x00]
        let (doc, diagnostics) = YAMLReader.read(bytes, path: "r.yaml")
        #expect(doc == nil)
        #expect(diagnostics.map(\.code) == [.invalidEncoding])
        #expect(diagnostics.first?.message.contains("not a text file") == true)
    }
}
