import AgendaCore
import Foundation

/// `{key}` placeholders and id slugs for `for_each` expansion.
enum Placeholders {
    struct Failure: Error {
        var message: String
        var hint: String?
    }

    /// Replaces each `{key}` with its value; `{{` and `}}` are literal braces.
    static func substitute(_ text: String, with values: [String: String]) -> Result<String, Failure> {
        var result = ""
        var utf8 = Substring(text).utf8
        while let brace = utf8.firstIndex(where: { $0 == UInt8(ascii: "{") || $0 == UInt8(ascii: "}") }) {
            result += Substring(utf8[..<brace])
            let isOpen = utf8[brace] == UInt8(ascii: "{")
            let next = utf8.index(after: brace)
            if next < utf8.endIndex, utf8[next] == utf8[brace] {
                // `{{` and `}}` are literal braces.
                result += isOpen ? "{" : "}"
                utf8 = utf8[utf8.index(after: next)...]
                continue
            }
            guard isOpen else {
                result += "}"
                utf8 = utf8[next...]
                continue
            }
            guard let close = utf8[next...].firstIndex(of: UInt8(ascii: "}")) else {
                return .failure(Failure(message: "'\(text)' opens a placeholder with '{' but never closes it", hint: "write '{{' for a literal brace"))
            }
            let name = String(Substring(utf8[next..<close]))
            guard let value = values[name] else {
                let hint = Suggestion.closest(to: name, in: values.keys.sorted()).map { "did you mean '{\($0)}'?" }
                    ?? "the placeholders here are \(values.keys.sorted().map { "{\($0)}" }.joined(separator: ", "))"
                return .failure(Failure(message: "unknown placeholder '{\(name)}'", hint: hint))
            }
            result += value
            utf8 = utf8[utf8.index(after: close)...]
        }
        result += Substring(utf8)
        return .success(result)
    }

    private static let foldings: [Character: String] = [
        "ß": "ss", "æ": "ae", "Æ": "ae", "ø": "o", "Ø": "o", "œ": "oe", "Œ": "oe", "ł": "l", "Ł": "l",
        "đ": "d", "Đ": "d", "ð": "d", "þ": "th", "ı": "i",
    ]

    /// Lower-case ASCII: accents folded, every run of other characters one `-`, trimmed.
    static func slug(_ text: String) -> String {
        // Folding is only needed, and only paid for, when the text is not ASCII.
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return asciiSlug(text) }
        let folded = text.folding(options: [.diacriticInsensitive], locale: nil)
        var slug = ""
        var pendingDash = false
        for character in folded {
            let piece = foldings[character] ?? String(character)
            for scalar in piece.lowercased().unicodeScalars {
                if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                    if pendingDash && !slug.isEmpty { slug.append("-") }
                    pendingDash = false
                    slug.unicodeScalars.append(scalar)
                } else {
                    pendingDash = true
                }
            }
        }
        return slug
    }

    /// `slug` of ASCII text, byte by byte: what it gives for each character is that
    /// character lower-cased if it is a letter or digit, else a dash.
    private static func asciiSlug(_ text: String) -> String {
        var slug: [UInt8] = []
        slug.reserveCapacity(text.utf8.count)
        var pendingDash = false
        for var byte in text.utf8 {
            if (0x41...0x5A).contains(byte) { byte += 0x20 }
            if (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte) {
                if pendingDash && !slug.isEmpty { slug.append(0x2D) }
                pendingDash = false
                slug.append(byte)
            } else {
                pendingDash = true
            }
        }
        return String(decoding: slug, as: UTF8.self)
    }
}
