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
        let folded = text.utf8.allSatisfy { $0 < 0x80 } ? text : text.folding(options: [.diacriticInsensitive], locale: nil)
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
}
