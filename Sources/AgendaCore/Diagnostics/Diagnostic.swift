/// A place in a source file. Lines and columns are 1-based; columns count Unicode scalar
/// values, and a byte-order mark is not counted.
public struct SourceLocation: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var file: String
    // 32-bit storage keeps every located value of a 100,000-event agenda small.
    private var storedLine: Int32
    private var storedColumn: Int32

    public var line: Int {
        get { Int(storedLine) }
        set { storedLine = Int32(clamping: newValue) }
    }

    public var column: Int {
        get { Int(storedColumn) }
        set { storedColumn = Int32(clamping: newValue) }
    }

    public init(file: String, line: Int, column: Int) {
        self.file = file
        storedLine = Int32(clamping: line)
        storedColumn = Int32(clamping: column)
    }

    public var description: String { "\(file):\(line):\(column)" }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.file, lhs.line, lhs.column) < (rhs.file, rhs.line, rhs.column)
    }
}

public enum Severity: String, Sendable, Hashable, Comparable, CaseIterable {
    case note, warning, error

    private var rank: Int {
        switch self {
        case .note: 0
        case .warning: 1
        case .error: 2
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// One finding of any stage: reading, decoding, planning or checking. Stages return
/// diagnostics; they never print them.
public struct Diagnostic: Hashable, Sendable {
    /// A secondary location that explains the main one ("first defined here").
    public struct Note: Hashable, Sendable {
        public var location: SourceLocation?
        public var message: String

        public init(_ message: String, at location: SourceLocation?) {
            self.message = message
            self.location = location
        }
    }

    public var severity: Severity
    public var code: DiagnosticCode
    public var message: String
    public var location: SourceLocation?
    /// A suggestion that tells the user what to do ("did you mean 'cnd59'?").
    public var hint: String?
    public var notes: [Note]

    public init(
        _ severity: Severity,
        _ code: DiagnosticCode,
        _ message: String,
        at location: SourceLocation?,
        hint: String? = nil,
        notes: [Note] = []
    ) {
        self.severity = severity
        self.code = code
        self.message = message
        self.location = location
        self.hint = hint
        self.notes = notes
    }

    public static func error(
        _ code: DiagnosticCode, _ message: String, at location: SourceLocation?,
        hint: String? = nil, notes: [Note] = []
    ) -> Diagnostic {
        Diagnostic(.error, code, message, at: location, hint: hint, notes: notes)
    }

    /// The compiler-style text form: `path:line:column: error: message [CODE]`,
    /// followed by one `note:` line per note.
    public var text: String {
        var lines: [String] = []
        var main = message
        if let hint { main += "; \(hint)" }
        lines.append(Self.line(location, severity.rawValue, "\(main) [\(code.rawValue)]"))
        for note in notes {
            lines.append(Self.line(note.location, "note", note.message))
        }
        return lines.joined(separator: "\n")
    }

    private static func line(_ location: SourceLocation?, _ label: String, _ body: String) -> String {
        if let location { return "\(location): \(label): \(body)" }
        return "\(label): \(body)"
    }
}

extension Diagnostic: Comparable {
    /// Source order: by file, line and column (diagnostics without a location first), then
    /// by code and message, so the order never depends on how the stages ran.
    public static func < (lhs: Diagnostic, rhs: Diagnostic) -> Bool {
        switch (lhs.location, rhs.location) {
        case let (l?, r?) where l != r: return l < r
        case (nil, _?): return true
        case (_?, nil): return false
        default: return (lhs.code.rawValue, lhs.message) < (rhs.code.rawValue, rhs.message)
        }
    }
}

extension Array where Element == Diagnostic {
    public var hasErrors: Bool { contains { $0.severity == .error } }
    public var errorCount: Int { count { $0.severity == .error } }
    public var warningCount: Int { count { $0.severity == .warning } }
}

/// A diagnostic can be thrown where a stage must stop at the first problem (a file that
/// cannot be opened).
extension Diagnostic: Error {}
