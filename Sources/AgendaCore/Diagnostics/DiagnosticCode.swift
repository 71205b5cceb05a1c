/// Stable identifiers of every diagnostic AgendaKit emits. A code never changes meaning once
/// released; docs/diagnostics.md lists them all and a test keeps that list complete.
///
/// - `AG0xx`: the file cannot be read as YAML (exit 2).
/// - `AG1xx`: the YAML does not describe a valid agenda (exit 2).
/// - `AG2xx`: the agenda is valid but cannot be planned (exit 1).
public enum DiagnosticCode: String, Sendable, Hashable, CaseIterable {
    // Reading
    case fileUnreadable = "AG001"
    case fileTooLarge = "AG002"
    case invalidEncoding = "AG003"
    case syntax = "AG004"
    case emptyDocument = "AG005"
    case multipleDocuments = "AG006"
    case duplicateKey = "AG007"
    case aliasLimit = "AG008"
    case nestingLimit = "AG009"
    case unsupportedTag = "AG010"
    case nonScalarKey = "AG011"

    // Decoding
    case unknownKey = "AG101"
    case wrongType = "AG102"
    case missingKey = "AG103"
    case duplicateID = "AG104"
    case unknownReference = "AG105"
    case invalidDate = "AG106"
    case invalidTime = "AG107"
    case invalidDuration = "AG108"
    case unknownTimeZone = "AG109"
    case nonexistentLocalTime = "AG110"
    case ambiguousLocalTime = "AG111"
    case endBeforeStart = "AG112"
    case conflictingKeys = "AG113"
    case invalidValue = "AG114"
    case includeNotFound = "AG115"
    case includeOutsideFolder = "AG116"
    case includeCycle = "AG117"
    case fragmentDeclaresAgenda = "AG118"
    case invalidExpansion = "AG119"
    case invalidRepeat = "AG120"
    case invalidIdentifier = "AG121"
    case limitExceeded = "AG122"
    case unboundedEvent = "AG123"

    // Planning
    case cannotPlace = "AG201"
    case fixedEventConflict = "AG202"
    case gapCycle = "AG203"
    case longerThanWorkingHours = "AG204"

    /// Problems with the input itself (exit 2), as opposed to an agenda that cannot be
    /// planned or breaks its checks (exit 1).
    public var isInputError: Bool { rawValue < "AG200" }

    /// One line that says what the code means, for `agenda codes` and the docs.
    public var summary: String {
        switch self {
        case .fileUnreadable: "The file cannot be opened or read."
        case .fileTooLarge: "The file is larger than the input size limit."
        case .invalidEncoding: "The file is not valid UTF-8 text, or holds control characters."
        case .syntax: "The file is not well-formed YAML."
        case .emptyDocument: "The file holds no YAML document (it is empty or only comments)."
        case .multipleDocuments: "The file holds more than one YAML document."
        case .duplicateKey: "A mapping repeats a key."
        case .aliasLimit: "Aliases expand to more nodes than the limit (an alias bomb)."
        case .nestingLimit: "Collections are nested deeper than the limit."
        case .unsupportedTag: "A node carries an explicit YAML tag; agenda files are read by schema."
        case .nonScalarKey: "A mapping key is a list or a mapping."
        case .unknownKey: "A key that the format does not define at this place."
        case .wrongType: "A value of the wrong shape or type (a list where a text is expected, ...)."
        case .missingKey: "A required key is missing."
        case .duplicateID: "Two events, venues, calendars or parties share one id."
        case .unknownReference: "A reference to an event, venue, calendar or party that is not defined."
        case .invalidDate: "A date that is malformed or does not exist (2015-02-30)."
        case .invalidTime: "A time or date-time that is malformed or out of range."
        case .invalidDuration: "A duration or gap that is malformed or uses an unknown unit."
        case .unknownTimeZone: "A time zone that is not an IANA zone name."
        case .nonexistentLocalTime: "A local time skipped by a daylight-saving change."
        case .ambiguousLocalTime: "A local time that occurs twice at a daylight-saving change."
        case .endBeforeStart: "An end that lies before its start, or a maximum below its minimum."
        case .conflictingKeys: "Two keys that cannot be used together, or a key missing its partner."
        case .invalidValue: "A value outside the allowed set or range."
        case .includeNotFound: "An included file does not exist."
        case .includeOutsideFolder: "An included path leaves the folder of the top agenda file."
        case .includeCycle: "Files include each other in a cycle."
        case .fragmentDeclaresAgenda: "An included fragment holds an `agenda` key."
        case .invalidExpansion: "A `for_each` or placeholder that cannot be expanded."
        case .invalidRepeat: "A `repeat` rule that is malformed or inconsistent."
        case .invalidIdentifier: "An id that is empty or holds characters ids may not hold."
        case .limitExceeded: "The agenda exceeds a size limit (events, occurrences)."
        case .unboundedEvent: "A flexible event with nothing to bound it on the side it is scheduled towards."
        case .cannotPlace: "A flexible event has no time left that satisfies all its constraints."
        case .fixedEventConflict: "A fixed event breaks a constraint (it is checked, never moved)."
        case .gapCycle: "Minimum gaps form a cycle, so no order of the events satisfies them."
        case .longerThanWorkingHours: "A timed flexible event is longer than its calendar's working day."
        }
    }
}
