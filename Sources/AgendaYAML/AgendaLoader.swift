import AgendaCore

/// The result of loading an agenda: the agenda when the input is valid, and every diagnostic
/// found on the way, in source order.
public struct LoadResult: Sendable {
    public var agenda: Agenda?
    public var diagnostics: [Diagnostic]
}

/// Loads an agenda file and the fragments it includes: reads, decodes and validates it,
/// reporting every problem in one run.
public struct AgendaLoader: Sendable {
    public var limits: ReadLimits
    /// Files at least this many bytes long have their `events` list read in pieces on every
    /// core (the result is the same as one pass; 0 tries it on every file, `Int.max` never).
    public var eventPiecesFrom: Int

    public init(limits: ReadLimits = .default, eventPiecesFrom: Int = EventPieces.minimumBytes) {
        self.limits = limits
        self.eventPiecesFrom = eventPiecesFrom
    }

    public func load(file path: String) -> LoadResult {
        switch SourceFiles.read(path, limit: limits.maxInputBytes, reportAt: nil) {
        case .success(let bytes): return load(bytes: bytes, path: path)
        case .failure(.unreadable(let diagnostic)): return LoadResult(agenda: nil, diagnostics: [diagnostic])
        case .failure(.tooLarge(let size)):
            let at = SourceLocation(file: path, line: 1, column: 1)
            return LoadResult(agenda: nil, diagnostics: [limits.inputTooLarge(path, size: size, total: size, at: at)])
        }
    }

    /// Loads from bytes already in memory; `path` names them in diagnostics and anchors
    /// relative includes.
    public func load(bytes: [UInt8], path: String) -> LoadResult {
        guard bytes.count <= limits.maxInputBytes else {
            let at = SourceLocation(file: path, line: 1, column: 1)
            return LoadResult(agenda: nil, diagnostics: [limits.inputTooLarge(path, size: bytes.count, total: bytes.count, at: at)])
        }
        var collector = DeclarationCollector(limits: limits, topPath: path)
        collector.piecesFrom = eventPiecesFrom
        collector.collect(bytes: bytes, path: path)
        var decoder = AgendaDecoder(declarations: collector.declarations, reader: collector.reader, limits: limits)
        // The decoder now holds the only reference to the documents: it frees them once read.
        collector.declarations = Declarations()
        let agenda = decoder.decode(topPath: path, files: collector.files)
        // An expanded event repeats the problems of its entry once per value: report each once.
        var seen = Set<Diagnostic>()
        let diagnostics = decoder.reader.diagnostics.filter { seen.insert($0).inserted }.sorted()
        return LoadResult(agenda: diagnostics.hasErrors ? nil : agenda, diagnostics: diagnostics)
    }
}

/// A mapping entry or list item together with the document it was read from.
struct Declaration {
    var doc: YAMLDocument
    var key: YAMLDocument.NodeID?
    var value: YAMLDocument.NodeID
}

struct Declarations {
    var agenda: Declaration?
    var calendars: [Declaration] = []
    var venues: [Declaration] = []
    var parties: [Declaration] = []
    var events: [Declaration] = []
    var checks: [Declaration] = []
}

/// Reads the top file and, depth first, every file it includes, gathering their top-level
/// declarations in file order.
struct DeclarationCollector {
    let limits: ReadLimits
    let topDirectory: String?
    var reader = SchemaReader()
    var declarations = Declarations()
    var files: [String] = []
    /// Bytes of every file read so far: the input size limit holds for all of them together.
    var bytesRead = 0
    /// Real paths of the files being read, outermost first: a repeat is a cycle.
    var includeStack: [String] = []
    var loaded = Set<String>()

    static let topKeys = ["agenda", "include", "calendars", "venues", "parties", "events", "checks"]

    /// Files at least this large have their `events` list read in pieces on every core.
    var piecesFrom = EventPieces.minimumBytes

    init(limits: ReadLimits, topPath: String) {
        self.limits = limits
        topDirectory = SourceFiles.realPath(SourceFiles.directory(of: topPath))
    }

    mutating func collect(bytes: [UInt8], path: String) {
        let real = SourceFiles.realPath(path) ?? path
        includeStack.append(real)
        loaded.insert(real)
        files.append(path)
        bytesRead += bytes.count
        defer { includeStack.removeLast() }
        let (document, diagnostics, eventPieces) = EventPieces.read(bytes, path: path, limits: limits, minimumBytes: piecesFrom)
        reader.diagnostics += diagnostics
        guard let doc = document else { return }
        let isTop = includeStack.count == 1
        let what = isTop ? "an agenda file" : "an included file"
        guard doc.kind(doc.root) == .mapping else {
            let found = doc.isNull(doc.root) ? "empty" : "\(SchemaReader.describe(doc, doc.root))"
            reader.error(
                isTop && doc.isNull(doc.root) ? .emptyDocument : .wrongType,
                "\(what) must be a mapping with keys such as \(isTop ? "'agenda' and 'events'" : "'events' and 'venues'"), but this one is \(found)",
                at: doc.location(doc.root),
                hint: isTop ? "start the file with 'agenda:' and 'events:'" : "a fragment holds 'calendars', 'venues', 'parties', 'events' or 'checks'")
            return
        }
        guard let pairs = reader.mapping(doc, doc.root, what: what) else { return }
        var sawAgenda = false
        for (key, value) in pairs {
            switch doc.string(key) {
            case "agenda":
                if isTop {
                    declarations.agenda = Declaration(doc: doc, key: key, value: value)
                    sawAgenda = true
                } else {
                    reader.error(
                        .fragmentDeclaresAgenda, "an included file cannot hold 'agenda'", at: doc.location(key),
                        hint: "keep 'agenda' in the top file; fragments hold calendars, venues, parties, events and checks")
                }
            case "include":
                for item in reader.list(doc, value) {
                    include(doc, item, from: path)
                }
            case "calendars": entries(doc, value, what: "'calendars'", into: \.calendars)
            case "venues": entries(doc, value, what: "'venues'", into: \.venues)
            case "parties": entries(doc, value, what: "'parties'", into: \.parties)
            case "checks": entries(doc, value, what: "'checks'", into: \.checks)
            case "events":
                guard doc.kind(value) != .scalar || doc.isNull(value) else {
                    reader.error(
                        .wrongType, "'events' must be a list of events, not \(SchemaReader.describe(doc, value))",
                        at: doc.location(value), hint: "start each event with '- id: ...'")
                    continue
                }
                for item in reader.list(doc, value) {
                    declarations.events.append(Declaration(doc: doc, key: nil, value: item))
                }
                for piece in eventPieces {
                    for item in piece.items(piece.root) { declarations.events.append(Declaration(doc: piece, key: nil, value: item)) }
                }
            default:
                reader.unknownKey(doc, key, in: what, allowed: isTop ? Self.topKeys : Array(Self.topKeys.dropFirst()))
            }
        }
        if isTop && !sawAgenda {
            reader.error(
                .missingKey, "the file has no 'agenda' mapping", at: doc.location(doc.root),
                hint: "add 'agenda: { id: my-agenda }' at the top; an included fragment is checked through the file that includes it")
        }
    }

    private mutating func entries(
        _ doc: YAMLDocument, _ node: YAMLDocument.NodeID, what: String, into list: WritableKeyPath<Declarations, [Declaration]>
    ) {
        if doc.isNull(node) { return }
        guard let pairs = reader.mapping(doc, node, what: what) else { return }
        for (key, value) in pairs {
            declarations[keyPath: list].append(Declaration(doc: doc, key: key, value: value))
        }
    }

    private mutating func include(_ doc: YAMLDocument, _ item: YAMLDocument.NodeID, from path: String) {
        guard let relative = reader.text(doc, item, what: "an include path") else { return }
        let location = doc.location(item)
        let target = SourceFiles.join(SourceFiles.directory(of: path), relative)
        // The system resolves `..` after symlinks; the normalised path is only for messages.
        let unnormalised = relative.hasPrefix("/") ? relative : SourceFiles.directory(of: path) + "/" + relative
        guard let real = SourceFiles.realPath(unnormalised) else {
            reader.error(
                .includeNotFound, "the included file '\(relative)' does not exist (looked for '\(target)')", at: location,
                hint: "include paths are relative to the file that names them")
            return
        }
        if let topDirectory, !(real.hasPrefix(topDirectory + "/") || topDirectory == "/") {
            reader.error(
                .includeOutsideFolder, "the included file '\(relative)' lies outside the folder of the agenda file",
                at: location, hint: "keep included files in '\(SourceFiles.directory(of: files[0]))' or below it")
            return
        }
        if let index = includeStack.firstIndex(of: real) {
            let chain = (includeStack[index...] + [real]).map { SourceFiles.displayName($0) }.joined(separator: " -> ")
            reader.error(
                .includeCycle, "including '\(relative)' makes a cycle: \(chain)", at: location,
                hint: "remove one of these includes")
            return
        }
        // A file reached through two paths (a diamond) is read once.
        guard !loaded.contains(real) else { return }
        switch SourceFiles.read(unnormalised, limit: limits.maxInputBytes - bytesRead, reportAt: location) {
        case .success(let bytes): collect(bytes: bytes, path: target)
        case .failure(.unreadable(let diagnostic)): reader.diagnostics.append(diagnostic)
        case .failure(.tooLarge(let size)):
            reader.diagnostics.append(limits.inputTooLarge(target, size: size, total: bytesRead + size, at: location))
        }
    }
}

extension SourceFiles {
    static func displayName(_ path: String) -> String {
        String(path.split(separator: "/").last ?? Substring(path))
    }
}

extension ReadLimits {
    /// The error for a file that does not fit in what is left of the input size limit: the
    /// limit, how much was asked for, and the `--max-input-size` that would let it through.
    func inputTooLarge(_ path: String, size: Int, total: Int, at location: SourceLocation) -> Diagnostic {
        let megabyte = 1 << 20
        let limit = maxInputBytes % megabyte == 0 ? "\(maxInputBytes) bytes (\(maxInputBytes / megabyte) MB)" : "\(maxInputBytes) bytes"
        let message =
            size == total
            ? "'\(path)' is \(size) bytes, more than the input size limit of \(limit)"
            : "'\(path)' is \(size) bytes and brings the agenda's files to \(total) bytes, more than the input size limit of \(limit)"
        let needed = (total + megabyte - 1) / megabyte
        let hint =
            needed <= Self.largestInputMegabytes
            ? "raise the limit with --max-input-size \(needed) (in MB)"
            : "that is more than --max-input-size allows (\(Self.largestInputMegabytes) MB); split the agenda"
        return .error(.fileTooLarge, message, at: location, hint: hint)
    }
}
