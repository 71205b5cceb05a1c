import AgendaCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Buffered standard output: one write at the end instead of one per line.
struct StandardOutput {
    private var buffer: [UInt8] = []
    private let descriptor: Int32

    /// Standard output by default; 2 for standard error.
    init(descriptor: Int32 = 1) { self.descriptor = descriptor }

    mutating func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count > 1 << 16 { flush() }
    }

    mutating func write(bytes: [UInt8]) {
        buffer.append(contentsOf: bytes)
        if buffer.count > 1 << 16 { flush() }
    }

    mutating func flush() {
        buffer.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if written <= 0 { break }
                offset += written
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }
}

enum Summary {
    /// `checked 1 file, 52 events: no problems` or `... 2 errors, 1 warning`.
    static func line(files: Int, events: Int, diagnostics: [Diagnostic]) -> String {
        let subject = "checked \(plural(files, "file")), \(plural(events, "event"))"
        let errors = diagnostics.errorCount
        let warnings = diagnostics.warningCount
        if errors == 0 && warnings == 0 { return "\(subject): no problems" }
        var parts: [String] = []
        if errors > 0 { parts.append(plural(errors, "error")) }
        if warnings > 0 { parts.append(plural(warnings, "warning")) }
        return "\(subject): \(parts.joined(separator: ", "))"
    }

    static func plural(_ count: Int, _ noun: String) -> String {
        "\(count) \(noun)\(count == 1 ? "" : "s")"
    }
}
