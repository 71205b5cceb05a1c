import AgendaCore

/// Reads typed values out of YAML nodes by schema, collecting a located diagnostic for every
/// problem instead of stopping at the first. Each accessor returns nil after reporting.
struct SchemaReader {
    var diagnostics: [Diagnostic] = []
    /// `for_each` placeholder values, active while an expanded event is read.
    var substitutions: [String: String]?

    mutating func error(
        _ code: DiagnosticCode, _ message: String, at location: SourceLocation, hint: String? = nil,
        notes: [Diagnostic.Note] = []
    ) {
        diagnostics.append(.error(code, message, at: location, hint: hint, notes: notes))
    }

    static func describe(_ doc: YAMLDocument, _ node: YAMLDocument.NodeID) -> String {
        switch doc.kind(node) {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .scalar:
            if doc.isNull(node) { return "nothing" }
            let text = doc.string(node)
            return text.count > 40 ? "'\(text.prefix(37))...'" : "'\(text)'"
        }
    }

    // MARK: Collections

    /// The key and value pairs of a mapping, with `<<` merge keys spliced in (explicit keys
    /// win over merged ones), or nil after reporting a wrong type.
    mutating func mapping(
        _ doc: YAMLDocument, _ node: YAMLDocument.NodeID, what: @autoclosure () -> String
    ) -> YAMLDocument.Pairs? {
        guard doc.kind(node) == .mapping else {
            error(
                .wrongType, "\(what()) must be a mapping of keys to values, not \(Self.describe(doc, node))",
                at: doc.location(node))
            return nil
        }
        let pairs = doc.pairs(node)
        guard pairs.contains(where: { isMergeKey(doc, $0.key) }) else { return pairs }
        var result: [(key: YAMLDocument.NodeID, value: YAMLDocument.NodeID)] = []
        var seen = Set<String>()
        var sources: [YAMLDocument.NodeID] = []
        for pair in pairs {
            if isMergeKey(doc, pair.key) {
                sources.append(pair.value)
            } else {
                result.append(pair)
                seen.insert(doc.string(pair.key))
            }
        }
        // Iterative, so a long chain of merges cannot overflow the stack.
        var visited = Set<YAMLDocument.NodeID>()
        var index = 0
        while index < sources.count {
            let source = sources[index]
            index += 1
            let targets = doc.kind(source) == .sequence ? doc.items(source) : [source]
            for target in targets where visited.insert(target).inserted {
                guard doc.kind(target) == .mapping else {
                    error(.wrongType, "a '<<' merge takes a mapping or a list of mappings", at: doc.location(target))
                    continue
                }
                for pair in doc.pairs(target) {
                    if isMergeKey(doc, pair.key) {
                        sources.append(pair.value)
                    } else if seen.insert(doc.string(pair.key)).inserted {
                        result.append(pair)
                    }
                }
            }
        }
        return YAMLDocument.Pairs(result)
    }

    private static let mergeKey = Array("<<".utf8)

    private func isMergeKey(_ doc: YAMLDocument, _ key: YAMLDocument.NodeID) -> Bool {
        doc.style(key) == .plain && doc.scalarEquals(key, Self.mergeKey)
    }

    /// The items of a list; a single value is a list of one, as the format allows everywhere.
    func list(_ doc: YAMLDocument, _ node: YAMLDocument.NodeID) -> [YAMLDocument.NodeID] {
        switch doc.kind(node) {
        case .sequence: return doc.items(node)
        case .scalar where doc.isNull(node): return []
        default: return [node]
        }
    }

    mutating func unknownKey(_ doc: YAMLDocument, _ key: YAMLDocument.NodeID, in context: String, allowed: [String]) {
        let name = doc.string(key)
        let hint =
            Suggestion.hint(for: name, in: allowed)
            ?? "the keys allowed here are \(allowed.map { "'\($0)'" }.joined(separator: ", "))"
        error(.unknownKey, "unknown key '\(name)' in \(context)", at: doc.location(key), hint: hint)
    }

    // MARK: Scalars

    /// The raw text of a scalar, with placeholders substituted inside an expanded event.
    mutating func text(_ doc: YAMLDocument, _ node: YAMLDocument.NodeID, what: @autoclosure () -> String, allowEmpty: Bool = false) -> String? {
        guard doc.kind(node) == .scalar else {
            error(.wrongType, "\(what()) must be a single value, not \(Self.describe(doc, node))", at: doc.location(node))
            return nil
        }
        let isNull = doc.isNull(node)
        if !allowEmpty && (isNull || doc.isEmptyScalar(node)) {
            error(.wrongType, "\(what()) is empty", at: doc.location(node), hint: "give it a value, or remove the key")
            return nil
        }
        let raw = isNull ? "" : doc.string(node)
        guard let substitutions, raw.utf8.contains(where: { $0 == UInt8(ascii: "{") || $0 == UInt8(ascii: "}") }) else {
            return raw
        }
        switch Placeholders.substitute(raw, with: substitutions) {
        case .success(let value): return value
        case .failure(let failure):
            error(.invalidExpansion, failure.message, at: doc.location(node), hint: failure.hint)
            return nil
        }
    }

    /// An id: letters, digits, `-`, `_` and `.`, starting with a letter or digit.
    mutating func identifier(_ doc: YAMLDocument, _ node: YAMLDocument.NodeID, what: @autoclosure () -> String) -> String? {
        guard let value = text(doc, node, what: what()) else { return nil }
        guard Self.isIdentifier(value) else {
            error(
                .invalidIdentifier, "'\(value)' is not a valid \(what())", at: doc.location(node),
                hint: "use letters, digits, '-', '_' and '.', starting with a letter or digit, e.g. 'cnd-59'")
            return nil
        }
        return value
    }

    static func isIdentifier(_ value: String) -> Bool {
        // ASCII ids, the common case, are checked byte by byte.
        var utf8 = value.utf8.makeIterator()
        guard let first = utf8.next() else { return false }
        if first < 0x80 {
            var ascii = isASCIIAlphanumeric(first)
            while ascii, let byte = utf8.next() {
                if byte >= 0x80 { ascii = false; break }
                if !(isASCIIAlphanumeric(byte) || byte == 0x2D || byte == 0x5F || byte == 0x2E) { return false }
            }
            if ascii { return true }
            if !isASCIIAlphanumeric(first) { return false }
        }
        guard let head = value.unicodeScalars.first, head.properties.isAlphabetic || ("0"..."9").contains(head) else {
            return false
        }
        return value.unicodeScalars.allSatisfy {
            $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" || $0 == "."
        }
    }

    private static func isASCIIAlphanumeric(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
    }

    mutating func bool(_ doc: YAMLDocument, _ node: YAMLDocument.NodeID, what: @autoclosure () -> String) -> Bool? {
        guard let value = text(doc, node, what: what()) else { return nil }
        switch value {
        case "true": return true
        case "false": return false
        default:
            error(.wrongType, "\(what()) must be true or false, not '\(value)'", at: doc.location(node))
            return nil
        }
    }

    /// A whole number in `range`, read in decimal (`012` is twelve).
    mutating func integer(
        _ doc: YAMLDocument, _ node: YAMLDocument.NodeID, what: @autoclosure () -> String, in range: ClosedRange<Int>
    ) -> Int? {
        guard let value = text(doc, node, what: what()) else { return nil }
        guard !value.isEmpty, value.utf8.count <= 12, value.utf8.allSatisfy({ (0x30...0x39).contains($0) }),
            let number = Int(value)
        else {
            error(.wrongType, "\(what()) must be a whole number, not '\(value)'", at: doc.location(node))
            return nil
        }
        guard range.contains(number) else {
            error(
                .invalidValue, "\(what()) must be between \(range.lowerBound) and \(range.upperBound), not \(number)",
                at: doc.location(node))
            return nil
        }
        return number
    }

    /// One of a fixed set of words (`asap`, `alap`), with a suggestion for a near miss.
    /// `keywords`, when given, recognises an exact word without making a string.
    mutating func choice<T: RawRepresentable & CaseIterable & Sendable>(
        _ doc: YAMLDocument, _ node: YAMLDocument.NodeID, what: @autoclosure () -> String, as type: T.Type,
        keywords: Keywords<T>? = nil
    ) -> T? where T.RawValue == String {
        // A word holds no placeholder, so reading it before substitution changes nothing.
        if let word = keywords?.match(doc, node) { return word }
        guard let value = text(doc, node, what: what()) else { return nil }
        if let result = T(rawValue: value) { return result }
        let names = T.allCases.map(\.rawValue)
        error(
            .invalidValue, "'\(value)' is not a valid \(what())", at: doc.location(node),
            hint: Suggestion.hint(for: value, in: names) ?? "use one of \(names.joined(separator: ", "))")
        return nil
    }

    // The common forms of dates, times and durations are read straight from the document's
    // bytes: they hold no placeholder, and nothing else can make them fail. Everything else
    // takes the general path, which reports any problem.

    mutating func date(_ doc: YAMLDocument, _ node: YAMLDocument.NodeID, what: @autoclosure () -> String) -> LocalDate? {
        if let date = doc.withScalarBytes(node, TimeParsers.commonDate) { return date }
        guard let value = text(doc, node, what: what()) else { return nil }
        return report(TimeParsers.date(value), doc, node)
    }

    mutating func timeSpec(_ doc: YAMLDocument, _ node: YAMLDocument.NodeID, what: @autoclosure () -> String) -> TimeSpec? {
        if let spec = doc.withScalarBytes(node, TimeParsers.commonTimeSpec) { return spec }
        guard let value = text(doc, node, what: what()) else { return nil }
        return report(TimeParsers.timeSpec(value), doc, node)
    }

    mutating func duration(_ doc: YAMLDocument, _ node: YAMLDocument.NodeID, what: @autoclosure () -> String) -> Duration? {
        if let duration = doc.withScalarBytes(node, TimeParsers.commonDuration) { return duration }
        guard let value = text(doc, node, what: what()) else { return nil }
        return report(TimeParsers.duration(value), doc, node)
    }

    mutating func hours(_ doc: YAMLDocument, _ node: YAMLDocument.NodeID, what: @autoclosure () -> String) -> Range<Int>? {
        guard let value = text(doc, node, what: what()) else { return nil }
        return report(TimeParsers.hoursSpan(value), doc, node)
    }

    mutating func timeZone(
        _ doc: YAMLDocument, _ node: YAMLDocument.NodeID, zones: inout TimeZoneCache
    ) -> TimeZoneRules? {
        guard let name = text(doc, node, what: "a time zone") else { return nil }
        if let rules = zones.rules(named: name) { return rules }
        error(
            .unknownTimeZone, "'\(name)' is not an IANA time zone", at: doc.location(node),
            hint: zones.suggestion(for: name).map { "did you mean '\($0)'?" }
                ?? "use a zone name such as Europe/Vienna, America/New_York or UTC")
        return nil
    }

    private mutating func report<T>(
        _ result: Result<T, TimeParsers.Failure>, _ doc: YAMLDocument, _ node: YAMLDocument.NodeID
    ) -> T? {
        switch result {
        case .success(let value): return value
        case .failure(let failure):
            error(failure.code, failure.message, at: doc.location(node))
            return nil
        }
    }
}
