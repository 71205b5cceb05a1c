import AgendaCore
import CLibYAML

/// Limits that keep hostile or accidental input from exhausting time or memory.
public struct ReadLimits: Sendable, Hashable {
    /// Most bytes read for one agenda: its file and every file it includes, together.
    public var maxInputBytes: Int
    /// Most nodes a document may expand to once every alias is followed.
    public var maxExpandedNodes: Int
    /// Deepest nesting of sequences and mappings.
    public var maxDepth: Int
    /// Most events after `for_each` expansion.
    public var maxEvents: Int
    /// Most occurrences one `repeat` rule may produce.
    public var maxOccurrences: Int

    public init(
        maxInputBytes: Int = 64 << 20, maxExpandedNodes: Int = 10_000_000, maxDepth: Int = 512,
        maxEvents: Int = 1_000_000, maxOccurrences: Int = 10_000
    ) {
        self.maxInputBytes = maxInputBytes
        self.maxExpandedNodes = maxExpandedNodes
        self.maxDepth = maxDepth
        self.maxEvents = maxEvents
        self.maxOccurrences = maxOccurrences
    }

    public static let `default` = ReadLimits()

    /// The largest input size limit the command line accepts, in MB.
    public static let largestInputMegabytes = 4096
}

/// Reads YAML bytes through libyaml's event API straight into a `YAMLDocument`, iteratively
/// (no recursion, so nesting depth cannot overflow the stack).
public enum YAMLReader {
    /// The document, or nil with the diagnostics that explain why it cannot be read. Duplicate
    /// keys are reported beside a document that is otherwise usable.
    public static func read(
        _ input: [UInt8], path: String, limits: ReadLimits = .default
    ) -> (document: YAMLDocument?, diagnostics: [Diagnostic]) {
        var bytes = input
        // A UTF-8 byte-order mark is accepted and not counted in columns.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        var builder = Builder(path: path, limits: limits, inputSize: bytes.count)
        bytes.withUnsafeBufferPointer { buffer in
            builder.run(buffer)
        }
        if builder.diagnostics.hasErrors && !builder.documentIsUsable {
            return (nil, builder.diagnostics)
        }
        return (builder.document, builder.diagnostics)
    }
}

struct Builder {
    struct Frame {
        var node: Int32
        var pendingStart: Int
        var expanded: Int
        var anchor: String?
    }

    let path: String
    let limits: ReadLimits
    var document: YAMLDocument
    var diagnostics: [Diagnostic] = []
    /// Children of the open collections, innermost last; moved into `document.children`
    /// contiguously when a collection closes.
    var pending: [Int32] = []
    var stack: [Frame] = []
    var anchors: [String: (node: Int32, expanded: Int)] = [:]
    var expandedTotal = 0
    var sawAlias = false
    var documents = 0
    var sawRoot = false
    var documentIsUsable = false
    /// For a piece of a file read on its own: the lines before it, and the levels of nesting
    /// around it, so its nodes carry their places in the whole file.
    var lineOffset: Int32 = 0
    var depthOffset = 0

    init(path: String, limits: ReadLimits, inputSize: Int) {
        self.path = path
        self.limits = limits
        document = YAMLDocument(path: path)
        // Typical agenda files hold about one node per 25 bytes.
        document.nodes.reserveCapacity(inputSize / 25 + 16)
        document.text.reserveCapacity(inputSize / 2 + 16)
        document.children.reserveCapacity(inputSize / 25 + 16)
    }

    func location(_ mark: yaml_mark_t) -> SourceLocation {
        SourceLocation(file: path, line: Int(mark.line) + 1, column: Int(mark.column) + 1)
    }

    mutating func fail(_ code: DiagnosticCode, _ message: String, at mark: yaml_mark_t, hint: String? = nil) {
        diagnostics.append(.error(code, message, at: location(mark), hint: hint))
    }

    mutating func run(_ input: UnsafeBufferPointer<UInt8>) {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            diagnostics.append(.error(.fileUnreadable, "the YAML reader could not start (out of memory)", at: nil))
            return
        }
        defer { yaml_parser_delete(&parser) }
        yaml_parser_set_input_string(&parser, input.baseAddress ?? UnsafePointer(bitPattern: 1)!, input.count)
        yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)

        var event = yaml_event_t()
        while true {
            guard yaml_parser_parse(&parser, &event) == 1 else {
                reportParserError(parser, input)
                return
            }
            let keepGoing = handle(&event)
            let isEnd = event.type == YAML_STREAM_END_EVENT
            yaml_event_delete(&event)
            if !keepGoing { return }
            if isEnd { break }
        }
        if !sawRoot {
            diagnostics.append(
                .error(
                    .emptyDocument, "the file holds no YAML document", at: SourceLocation(file: path, line: 1, column: 1),
                    hint: "an agenda file starts with an 'agenda:' mapping"))
            return
        }
        documentIsUsable = true
    }

    /// Handles one event; false stops reading.
    mutating func handle(_ event: inout yaml_event_t) -> Bool {
        switch event.type {
        case YAML_DOCUMENT_START_EVENT:
            documents += 1
            if documents > 1 {
                fail(
                    .multipleDocuments, "the file holds more than one YAML document", at: event.start_mark,
                    hint: "put one agenda in each file, or move fragments into files named under 'include'")
                return false
            }
        case YAML_SCALAR_EVENT:
            let scalar = event.data.scalar
            if let tag = scalar.tag, !isImplicit(event) {
                fail(
                    .unsupportedTag, "the tag '\(String(cString: tag))' is not used in agenda files", at: event.start_mark,
                    hint: "remove it; quote the value to keep it as text")
                return false
            }
            let style: YAMLDocument.ScalarStyle
            switch scalar.style {
            case YAML_SINGLE_QUOTED_SCALAR_STYLE: style = .singleQuoted
            case YAML_DOUBLE_QUOTED_SCALAR_STYLE: style = .doubleQuoted
            case YAML_LITERAL_SCALAR_STYLE: style = .literal
            case YAML_FOLDED_SCALAR_STYLE: style = .folded
            default: style = .plain
            }
            let start = Int32(document.text.count)
            if let value = scalar.value, scalar.length > 0 {
                document.text.append(contentsOf: UnsafeBufferPointer(start: value, count: scalar.length))
            }
            let index = appendNode(
                .scalar, style: style, mark: event.start_mark, start: start, count: Int32(scalar.length))
            return complete(index, expanded: 1, anchor: scalar.anchor, mark: event.start_mark)
        case YAML_ALIAS_EVENT:
            let name = String(cString: event.data.alias.anchor)
            guard let target = anchors[name] else {
                fail(.syntax, "the alias '*\(name)' names no anchor defined before it", at: event.start_mark)
                return false
            }
            sawAlias = true
            return complete(target.node, expanded: target.expanded, anchor: nil, mark: event.start_mark)
        case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
            let isMapping = event.type == YAML_MAPPING_START_EVENT
            let tag = isMapping ? event.data.mapping_start.tag : event.data.sequence_start.tag
            let implicit = isMapping ? event.data.mapping_start.implicit : event.data.sequence_start.implicit
            if let tag, implicit == 0 {
                fail(
                    .unsupportedTag, "the tag '\(String(cString: tag))' is not used in agenda files", at: event.start_mark,
                    hint: "remove it")
                return false
            }
            if stack.count + depthOffset >= limits.maxDepth {
                fail(
                    .nestingLimit, "lists and mappings are nested more than \(limits.maxDepth) levels deep",
                    at: event.start_mark, hint: "an agenda file needs only a few levels")
                return false
            }
            let index = appendNode(isMapping ? .mapping : .sequence, style: .plain, mark: event.start_mark, start: 0, count: 0)
            let anchor = isMapping ? event.data.mapping_start.anchor : event.data.sequence_start.anchor
            stack.append(
                Frame(node: index, pendingStart: pending.count, expanded: 1, anchor: anchor.map { String(cString: $0) }))
            return count(1, at: event.start_mark)
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            let frame = stack.removeLast()
            let childStart = Int32(document.children.count)
            document.children.append(contentsOf: pending[frame.pendingStart...])
            pending.removeSubrange(frame.pendingStart...)
            let node = Int(frame.node)
            document.nodes[node].start = childStart
            document.nodes[node].count = Int32(document.children.count) - childStart
            if document.nodes[node].kind == .mapping { checkKeys(of: node) }
            if let anchor = frame.anchor {
                anchors[anchor] = (frame.node, frame.expanded)
                document.anchoredSizes[frame.node] = frame.expanded
            }
            return attach(frame.node, expanded: frame.expanded)
        default:
            break
        }
        return true
    }

    func isImplicit(_ event: yaml_event_t) -> Bool {
        event.data.scalar.plain_implicit != 0 || event.data.scalar.quoted_implicit != 0
    }

    mutating func appendNode(
        _ kind: YAMLDocument.Kind, style: YAMLDocument.ScalarStyle, mark: yaml_mark_t, start: Int32, count: Int32
    ) -> Int32 {
        let index = Int32(document.nodes.count)
        document.nodes.append(
            YAMLDocument.Node(
                kind: kind, style: style, line: Int32(clamping: mark.line + 1) + lineOffset, column: Int32(clamping: mark.column + 1),
                start: start, count: count))
        return index
    }

    /// A scalar or alias is complete as soon as it is read.
    mutating func complete(_ node: Int32, expanded: Int, anchor: UnsafeMutablePointer<yaml_char_t>?, mark: yaml_mark_t) -> Bool {
        if let anchor { anchors[String(cString: anchor)] = (node, expanded) }
        return count(expanded, at: mark) && attach(node, expanded: expanded)
    }

    /// Counts nodes as the document would hold them with every alias written out; false once
    /// there are more than the limit, which stops an alias bomb after a bounded amount of work.
    mutating func count(_ nodes: Int, at mark: yaml_mark_t) -> Bool {
        expandedTotal += nodes
        guard expandedTotal > limits.maxExpandedNodes else { return true }
        if sawAlias {
            fail(
                .aliasLimit, "aliases expand this document to more than \(limits.maxExpandedNodes) nodes",
                at: mark, hint: "an alias counts every node it repeats; use fewer aliases of large parts (an alias bomb is refused)")
        } else {
            fail(
                .aliasLimit, "this document has more than \(limits.maxExpandedNodes) nodes (keys, values, lists and mappings)",
                at: mark, hint: "split it into files named under 'include'")
        }
        return false
    }

    mutating func attach(_ node: Int32, expanded: Int) -> Bool {
        if stack.isEmpty {
            document.root = YAMLDocument.NodeID(raw: node)
            sawRoot = true
        } else {
            pending.append(node)
            stack[stack.count - 1].expanded += expanded
        }
        return true
    }

    /// Reports every repeated key of a mapping, at the second occurrence with a note at the
    /// first, and keeps only the first so later stages do not report it again.
    mutating func checkKeys(of mapping: Int) {
        let node = document.nodes[mapping]
        let first = Int(node.start)
        let end = first + Int(node.count)
        // Small mappings, nearly all of them, compare raw key bytes pairwise: no hashing.
        let small = node.count <= 32
        var seen: [String: Int32] = [:]
        var kept = first
        var index = first
        while index < end {
            let key = document.children[index]
            let value = document.children[index + 1]
            index += 2
            let keyID = YAMLDocument.NodeID(raw: key)
            guard document.nodes[Int(key)].kind == .scalar else {
                diagnostics.append(
                    .error(.nonScalarKey, "a mapping key must be a plain value, not a list or a mapping", at: document.location(keyID)))
                continue
            }
            let earlier: Int32?
            if small {
                var match: Int32?
                var probe = first
                while probe < kept {
                    let candidate = document.children[probe]
                    if document.sameScalarText(YAMLDocument.NodeID(raw: candidate), keyID) {
                        match = candidate
                        break
                    }
                    probe += 2
                }
                earlier = match
            } else {
                earlier = seen[document.string(keyID)]
            }
            if let earlier {
                let name = document.string(keyID)
                diagnostics.append(
                    .error(
                        .duplicateKey, "the key '\(name)' is repeated in this mapping", at: document.location(keyID),
                        hint: "each key may appear once; merge the two entries",
                        notes: [.init("'\(name)' first appears here", at: document.location(YAMLDocument.NodeID(raw: earlier)))]))
                continue
            }
            if !small { seen[document.string(keyID)] = key }
            document.children[kept] = key
            document.children[kept + 1] = value
            kept += 2
        }
        document.nodes[mapping].count = Int32(kept - first)
    }

    mutating func reportParserError(_ parser: yaml_parser_t, _ input: UnsafeBufferPointer<UInt8>) {
        let problem = parser.problem.map { String(cString: $0) } ?? "malformed YAML"
        if parser.error == YAML_READER_ERROR {
            let offset = min(parser.problem_offset, input.count)
            let at = Self.location(ofByte: offset, in: input, path: path)
            let value = parser.problem_value
            if problem.contains("UTF-8") {
                // libyaml points past the sequence it could not finish; name its first byte.
                let bad = Self.firstInvalidUTF8(in: input) ?? offset
                diagnostics.append(
                    .error(
                        .invalidEncoding,
                        "the file is not valid UTF-8 text: the byte 0x\(hex(Int32(input[min(bad, input.count - 1)]))) is not part of a valid UTF-8 character",
                        at: Self.location(ofByte: bad, in: input, path: path),
                        hint: "save the file as UTF-8; it may be in Latin-1 or Windows-1252"))
            } else if problem.contains("control characters") {
                diagnostics.append(
                    .error(
                        .invalidEncoding, "the file holds the control character 0x\(hex(value)), so it is not a text file",
                        at: at, hint: "agenda files are UTF-8 text; check that this is the right file"))
            } else {
                diagnostics.append(.error(.invalidEncoding, "the file cannot be read as text: \(problem)", at: at))
            }
            return
        }
        if parser.error == YAML_MEMORY_ERROR {
            diagnostics.append(.error(.fileUnreadable, "out of memory while reading the file", at: nil))
            return
        }
        let mark = parser.problem_mark
        var message = problem
        var hint: String?
        if problem.contains("tab") || (problem.contains("cannot start any token") && Self.lineHasTab(mark, input)) {
            message = "a tab character is used for indentation"
            hint = "YAML indents with spaces only; replace the tab with spaces"
        } else if problem == "found unexpected end of stream" {
            message = "the file ends inside an unfinished value"
            hint = "close the quote or bracket that starts at the note"
        } else if problem.hasPrefix("mapping values are not allowed") {
            hint = "quote a value that holds ': ', or indent a nested mapping on its own line"
        }
        var notes: [Diagnostic.Note] = []
        if let context = parser.context.map({ String(cString: $0) }) {
            notes.append(.init(context, at: location(parser.context_mark)))
        }
        diagnostics.append(.error(.syntax, message, at: location(mark), hint: hint, notes: notes))
    }

    static func lineHasTab(_ mark: yaml_mark_t, _ input: UnsafeBufferPointer<UInt8>) -> Bool {
        var line = 0
        var index = 0
        while index < input.count && line < Int(mark.line) {
            if input[index] == 0x0A { line += 1 }
            index += 1
        }
        while index < input.count, input[index] == 0x20 || input[index] == 0x09 {
            if input[index] == 0x09 { return true }
            index += 1
        }
        return false
    }

    /// The offset of the first byte that does not begin a well-formed UTF-8 sequence.
    static func firstInvalidUTF8(in input: UnsafeBufferPointer<UInt8>) -> Int? {
        var iterator = input.makeIterator()
        var decoder = UTF8()
        var offset = 0
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): offset += UTF8.width(scalar)
            case .emptyInput: return nil
            case .error: return offset
            }
        }
    }

    /// Line and column of a byte offset, counting columns in Unicode scalars.
    static func location(ofByte offset: Int, in input: UnsafeBufferPointer<UInt8>, path: String) -> SourceLocation {
        var line = 1
        var column = 1
        var index = 0
        while index < offset {
            let byte = input[index]
            if byte == 0x0A {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 && !(byte == 0x0D && index + 1 < input.count && input[index + 1] == 0x0A) {
                column += 1
            }
            index += 1
        }
        return SourceLocation(file: path, line: line, column: column)
    }
}

private func hex(_ value: Int32) -> String {
    let digits = String(UInt32(bitPattern: value), radix: 16, uppercase: true)
    return digits.count < 2 ? "0" + digits : digits
}
