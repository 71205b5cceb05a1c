/// Stable identifiers of every diagnostic AgendaKit emits. A code never changes meaning once
/// released; docs/diagnostics.md lists them all and a test keeps that list complete.
///
/// - `AG0xx`: the file cannot be read as YAML (exit 2).
/// - `AG1xx`: the YAML does not describe a valid agenda (exit 2).
/// - `AG2xx`: the agenda is valid but cannot be planned (exit 1).
/// - `AG3xx`: the checks (module `AgendaChecks`); each check declares its own code.
///
/// A value type rather than an enum, so a check adds its code where it is defined.
public struct DiagnosticCode: RawRepresentable, Hashable, Sendable, Comparable, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }

    public var description: String { rawValue }

    public static func < (lhs: DiagnosticCode, rhs: DiagnosticCode) -> Bool { lhs.rawValue < rhs.rawValue }

    // Reading
    public static let fileUnreadable = DiagnosticCode("AG001")
    public static let fileTooLarge = DiagnosticCode("AG002")
    public static let invalidEncoding = DiagnosticCode("AG003")
    public static let syntax = DiagnosticCode("AG004")
    public static let emptyDocument = DiagnosticCode("AG005")
    public static let multipleDocuments = DiagnosticCode("AG006")
    public static let duplicateKey = DiagnosticCode("AG007")
    public static let aliasLimit = DiagnosticCode("AG008")
    public static let nestingLimit = DiagnosticCode("AG009")
    public static let unsupportedTag = DiagnosticCode("AG010")
    public static let nonScalarKey = DiagnosticCode("AG011")

    // Decoding
    public static let unknownKey = DiagnosticCode("AG101")
    public static let wrongType = DiagnosticCode("AG102")
    public static let missingKey = DiagnosticCode("AG103")
    public static let duplicateID = DiagnosticCode("AG104")
    public static let unknownReference = DiagnosticCode("AG105")
    public static let invalidDate = DiagnosticCode("AG106")
    public static let invalidTime = DiagnosticCode("AG107")
    public static let invalidDuration = DiagnosticCode("AG108")
    public static let unknownTimeZone = DiagnosticCode("AG109")
    public static let nonexistentLocalTime = DiagnosticCode("AG110")
    public static let ambiguousLocalTime = DiagnosticCode("AG111")
    public static let endBeforeStart = DiagnosticCode("AG112")
    public static let conflictingKeys = DiagnosticCode("AG113")
    public static let invalidValue = DiagnosticCode("AG114")
    public static let includeNotFound = DiagnosticCode("AG115")
    public static let includeOutsideFolder = DiagnosticCode("AG116")
    public static let includeCycle = DiagnosticCode("AG117")
    public static let fragmentDeclaresAgenda = DiagnosticCode("AG118")
    public static let invalidExpansion = DiagnosticCode("AG119")
    public static let invalidRepeat = DiagnosticCode("AG120")
    public static let invalidIdentifier = DiagnosticCode("AG121")
    public static let limitExceeded = DiagnosticCode("AG122")
    public static let unboundedEvent = DiagnosticCode("AG123")
    public static let unknownCheck = DiagnosticCode("AG124")
    public static let outOfRange = DiagnosticCode("AG125")

    // Planning
    public static let cannotPlace = DiagnosticCode("AG201")
    public static let fixedEventConflict = DiagnosticCode("AG202")
    public static let gapCycle = DiagnosticCode("AG203")
    public static let longerThanWorkingHours = DiagnosticCode("AG204")

    /// The codes of reading, decoding and planning, in order.
    public static let allCases: [DiagnosticCode] = [
        .fileUnreadable, .fileTooLarge, .invalidEncoding, .syntax, .emptyDocument, .multipleDocuments, .duplicateKey,
        .aliasLimit, .nestingLimit, .unsupportedTag, .nonScalarKey, .unknownKey, .wrongType, .missingKey, .duplicateID,
        .unknownReference, .invalidDate, .invalidTime, .invalidDuration, .unknownTimeZone, .nonexistentLocalTime,
        .ambiguousLocalTime, .endBeforeStart, .conflictingKeys, .invalidValue, .includeNotFound, .includeOutsideFolder,
        .includeCycle, .fragmentDeclaresAgenda, .invalidExpansion, .invalidRepeat, .invalidIdentifier, .limitExceeded,
        .unboundedEvent, .unknownCheck, .outOfRange, .cannotPlace, .fixedEventConflict, .gapCycle, .longerThanWorkingHours,
    ]

    /// Problems with the input itself (exit 2), as opposed to an agenda that cannot be
    /// planned or breaks its checks (exit 1).
    public var isInputError: Bool { rawValue < "AG200" }

    /// One line that says what a code of reading, decoding or planning means, for `agenda
    /// codes` and the docs; nil for other codes (a check says what its own code means).
    public var summary: String? { Self.summaries[rawValue] }

    /// A short kebab-case name: `unknown-key`.
    public var name: String { Self.names[rawValue] ?? rawValue }

    private static let names: [String: String] = [
        "AG001": "file-unreadable",
        "AG002": "file-too-large",
        "AG003": "invalid-encoding",
        "AG004": "syntax",
        "AG005": "empty-document",
        "AG006": "multiple-documents",
        "AG007": "duplicate-key",
        "AG008": "alias-limit",
        "AG009": "nesting-limit",
        "AG010": "unsupported-tag",
        "AG011": "non-scalar-key",
        "AG101": "unknown-key",
        "AG102": "wrong-type",
        "AG103": "missing-key",
        "AG104": "duplicate-i-d",
        "AG105": "unknown-reference",
        "AG106": "invalid-date",
        "AG107": "invalid-time",
        "AG108": "invalid-duration",
        "AG109": "unknown-time-zone",
        "AG110": "nonexistent-local-time",
        "AG111": "ambiguous-local-time",
        "AG112": "end-before-start",
        "AG113": "conflicting-keys",
        "AG114": "invalid-value",
        "AG115": "include-not-found",
        "AG116": "include-outside-folder",
        "AG117": "include-cycle",
        "AG118": "fragment-declares-agenda",
        "AG119": "invalid-expansion",
        "AG120": "invalid-repeat",
        "AG121": "invalid-identifier",
        "AG122": "limit-exceeded",
        "AG123": "unbounded-event",
        "AG124": "unknown-check",
        "AG125": "out-of-range",
        "AG201": "cannot-place",
        "AG202": "fixed-event-conflict",
        "AG203": "gap-cycle",
        "AG204": "longer-than-working-hours",
    ]

    private static let summaries: [String: String] = [
        "AG001": "The file cannot be opened or read.",
        "AG002": "The file is larger than the input size limit.",
        "AG003": "The file is not valid UTF-8 text, or holds control characters.",
        "AG004": "The file is not well-formed YAML.",
        "AG005": "The file holds no YAML document (it is empty or only comments).",
        "AG006": "The file holds more than one YAML document.",
        "AG007": "A mapping repeats a key.",
        "AG008": "The document has more nodes than the limit once aliases are expanded (an alias bomb).",
        "AG009": "Collections are nested deeper than the limit.",
        "AG010": "A node carries an explicit YAML tag; agenda files are read by schema.",
        "AG011": "A mapping key is a list or a mapping.",
        "AG101": "A key that the format does not define at this place.",
        "AG102": "A value of the wrong shape or type (a list where a text is expected, ...).",
        "AG103": "A required key is missing.",
        "AG104": "Two events, venues, calendars or parties share one id.",
        "AG105": "A reference to an event, venue, calendar or party that is not defined.",
        "AG106": "A date that is malformed or does not exist (2015-02-30).",
        "AG107": "A time or date-time that is malformed or out of range.",
        "AG108": "A duration or gap that is malformed, uses an unknown unit, or is longer than the calendar.",
        "AG109": "A time zone that is not an IANA zone name.",
        "AG110": "A local time skipped by a daylight-saving change.",
        "AG111": "A local time that occurs twice at a daylight-saving change.",
        "AG112": "An end that lies before its start, or a maximum below its minimum.",
        "AG113": "Two keys that cannot be used together, or a key missing its partner.",
        "AG114": "A value outside the allowed set or range.",
        "AG115": "An included file does not exist.",
        "AG116": "An included path leaves the folder of the top agenda file.",
        "AG117": "Files include each other in a cycle.",
        "AG118": "An included fragment holds an `agenda` key.",
        "AG119": "A `for_each` or placeholder that cannot be expanded.",
        "AG120": "A `repeat` rule that is malformed or inconsistent.",
        "AG121": "An id that is empty or holds characters ids may not hold.",
        "AG122": "The agenda expands past a limit: events, occurrences of a repeat, or nodes copied by `for_each`.",
        "AG123": "A flexible event with nothing to bound it on the side it is scheduled towards.",
        "AG124": "A `checks` or `ignore` entry names a check that does not exist, or an option it does not take.",
        "AG125": "An event outside 0001-01-01 to 9999-12-30, as written or once durations, gaps and repeats are added.",
        "AG201": "A flexible event has no time left that satisfies all its constraints.",
        "AG202": "A fixed event breaks a constraint (it is checked, never moved).",
        "AG203": "Minimum gaps form a cycle, so no order of the events satisfies them.",
        "AG204": "A timed flexible event is longer than its calendar's working day.",
    ]
}
