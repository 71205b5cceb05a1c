import AgendaCore
import Dispatch
import Foundation

/// A large agenda file is almost all one block list: the top-level `events:`. libyaml reads
/// one byte after another on one core, so such a file is cut, at lines that start an item of
/// that list, into pieces that are read on every core, while the rest of the file (with the
/// list's lines left blank, so every line keeps its number) is read beside them.
///
/// The cut is only a guess from the lines' indentation. It is kept only when the pieces read
/// exactly as the whole file would: every piece is a clean list, the rest holds `events:` at
/// the cut with nothing under it, nothing is reported anywhere, and the limits hold over the
/// total. Otherwise (an alias into another piece, a quoted text across a cut, any problem at
/// all) the whole file is read again in one pass, so diagnostics never depend on the cut.
public enum EventPieces {
    /// Files smaller than this are read in one pass: a second core costs more than it saves.
    public static let minimumBytes = 1 << 20

    struct Cut: Equatable {
        /// The line `events:` is on, counted from 0.
        var keyLine: Int
        /// The bytes of every line of the list, from its first item to its last line.
        var items: Range<Int>
        /// How many line breaks `items` holds.
        var lineBreaks: Int
        /// Where each piece starts and ends, at the start of an item, and its first line.
        var pieces: [(bytes: Range<Int>, firstLine: Int)]

        static func == (a: Cut, b: Cut) -> Bool {
            a.keyLine == b.keyLine && a.items == b.items && a.lineBreaks == b.lineBreaks
                && a.pieces.map(\.bytes) == b.pieces.map(\.bytes) && a.pieces.map(\.firstLine) == b.pieces.map(\.firstLine)
        }
    }

    /// Where to cut `input` into about `count` pieces, or nil when it has no top-level block
    /// list under `events:` long enough to cut.
    static func cut(_ input: UnsafeBufferPointer<UInt8>, into count: Int) -> Cut? {
        var lines = Lines(input)
        guard let keyLine = lines.first(where: isEventsKey) else { return nil }
        // The list starts at the first line that is neither blank nor a comment.
        while let line = lines.next(), line.isBlankOrComment {}
        guard let first = lines.current, let indent = first.itemIndent else { return nil }
        var itemStarts = [(offset: first.range.lowerBound, line: first.number)]
        var end = first.range.upperBound
        while let line = lines.next() {
            if line.isBlankOrComment {
                end = line.range.upperBound
                continue
            }
            let lineIndent = line.indent
            if lineIndent < indent { break }
            if lineIndent == indent {
                // At the list's indentation only another item may follow; anything else ends it.
                guard line.itemIndent == indent else { break }
                itemStarts.append((line.range.lowerBound, line.number))
            }
            end = line.range.upperBound
        }
        guard itemStarts.count >= 2 * count else { return nil }
        let items = itemStarts[0].offset..<end
        let target = max(1, items.count / count)
        var pieces: [(bytes: Range<Int>, firstLine: Int)] = []
        var start = itemStarts[0]
        for item in itemStarts.dropFirst() where item.offset - start.offset >= target && pieces.count < count - 1 {
            pieces.append((start.offset..<item.offset, start.line))
            start = item
        }
        pieces.append((start.offset..<end, start.line))
        var lineBreaks = 0
        for index in items where input[index] == 0x0A { lineBreaks += 1 }
        return Cut(keyLine: keyLine.number, items: items, lineBreaks: lineBreaks, pieces: pieces)
    }

    /// `events:` at the start of a line, with nothing after it but spaces or a comment.
    private static func isEventsKey(_ line: Lines.Line) -> Bool {
        let key = Array("events:".utf8)
        guard line.range.count >= key.count, zip(line.bytes(line.range.prefix(key.count)), key).allSatisfy({ $0 == $1 }) else {
            return false
        }
        let rest = line.range.dropFirst(key.count)
        guard let next = rest.first(where: { !line.isSpace(line.input[$0]) }) else { return true }
        return line.input[next] == UInt8(ascii: "#") && next > rest.lowerBound
    }

    /// Reads `input` with its `events:` list in pieces on every core when it is large enough
    /// and the cut holds; otherwise in one pass. The pieces' items follow the rest's
    /// (empty) `events` in file order.
    static func read(
        _ input: [UInt8], path: String, limits: ReadLimits, minimumBytes: Int = minimumBytes
    ) -> (document: YAMLDocument?, diagnostics: [Diagnostic], pieces: [YAMLDocument]) {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        if input.count >= minimumBytes, cores > 1 || minimumBytes == 0,
            let read = readInPieces(input, path: path, limits: limits, count: 4 * cores)
        {
            return (read.rest, [], read.pieces)
        }
        let whole = YAMLReader.read(input, path: path, limits: limits)
        return (whole.document, whole.diagnostics, [])
    }

    private static func readInPieces(
        _ input: [UInt8], path: String, limits: ReadLimits, count: Int
    ) -> (rest: YAMLDocument, pieces: [YAMLDocument])? {
        // A byte-order mark is dropped as `YAMLReader.read` drops it, so lines stay the same.
        let body = input.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(input.dropFirst(3)) : input
        guard let cut = body.withUnsafeBufferPointer({ cut($0, into: count) }) else { return nil }
        var blanked = [UInt8]()
        blanked.reserveCapacity(body.count - cut.items.count + cut.lineBreaks)
        blanked += body[..<cut.items.lowerBound]
        blanked += repeatElement(0x0A, count: cut.lineBreaks)
        blanked += body[cut.items.upperBound...]
        let rest = blanked

        let builders = WorkerSlots<Builder>(count: cut.pieces.count + 1)
        DispatchQueue.concurrentPerform(iterations: cut.pieces.count + 1) { index in
            if index == 0 {
                var builder = Builder(path: path, limits: limits, inputSize: rest.count)
                rest.withUnsafeBufferPointer { builder.run($0) }
                builders.store(builder, at: 0)
                return
            }
            let piece = cut.pieces[index - 1]
            var builder = Builder(path: path, limits: limits, inputSize: piece.bytes.count)
            builder.lineOffset = Int32(piece.firstLine)
            builder.depthOffset = 1  // the list itself is one level inside the top mapping
            body.withUnsafeBufferPointer { builder.run(UnsafeBufferPointer(rebasing: $0[piece.bytes])) }
            builders.store(builder, at: index)
        }
        let all = (0...cut.pieces.count).map { builders.take(at: $0) }
        guard all.allSatisfy({ $0.documentIsUsable && $0.diagnostics.isEmpty }),
            all.reduce(0, { $0 + $1.expandedTotal }) <= limits.maxExpandedNodes
        else { return nil }
        let restDocument = all[0].document
        let pieces = all.dropFirst().map(\.document)
        guard pieces.allSatisfy({ $0.kind($0.root) == .sequence }), holdsEmptyEvents(restDocument, atLine: cut.keyLine + 1) else {
            return nil
        }
        return (restDocument, pieces)
    }

    /// Whether the rest's top mapping has the `events` key where the cut found it, empty.
    private static func holdsEmptyEvents(_ doc: YAMLDocument, atLine line: Int) -> Bool {
        guard doc.kind(doc.root) == .mapping else { return false }
        return doc.pairs(doc.root).contains { key, value in
            doc.style(key) == .plain && doc.string(key) == "events" && doc.location(key).line == line
                && doc.location(key).column == 1 && doc.isNull(value)
        }
    }
}

/// The lines of a buffer, each without its line break, with its number from 0.
private struct Lines {
    struct Line {
        let input: UnsafeBufferPointer<UInt8>
        let range: Range<Int>
        let number: Int

        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0D }

        func bytes(_ range: Range<Int>) -> [UInt8] { Array(input[range]) }

        /// Leading spaces; a tab is not indentation in YAML.
        var indent: Int { (range.first { input[$0] != 0x20 } ?? range.upperBound) - range.lowerBound }

        var isBlankOrComment: Bool {
            guard let first = range.first(where: { !isSpace(input[$0]) }) else { return true }
            return input[first] == UInt8(ascii: "#")
        }

        /// The indentation of a line that starts a list item (`- ` or a lone `-`), else nil.
        var itemIndent: Int? {
            let dash = range.lowerBound + indent
            guard dash < range.upperBound, input[dash] == UInt8(ascii: "-") else { return nil }
            guard dash + 1 == range.upperBound || isSpace(input[dash + 1]) else { return nil }
            return indent
        }
    }

    let input: UnsafeBufferPointer<UInt8>
    var start = 0
    var number = -1
    private(set) var current: Line?

    init(_ input: UnsafeBufferPointer<UInt8>) { self.input = input }

    mutating func next() -> Line? {
        guard start < input.count else {
            current = nil
            return nil
        }
        let end = memchrIndex(from: start) ?? input.count
        number += 1
        current = Line(input: input, range: start..<end, number: number)
        start = end + 1
        return current
    }

    mutating func first(where predicate: (Line) -> Bool) -> Line? {
        while let line = next() { if predicate(line) { return line } }
        return nil
    }

    private func memchrIndex(from offset: Int) -> Int? {
        guard let base = input.baseAddress, let found = memchr(base + offset, 0x0A, input.count - offset) else { return nil }
        return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }
}
