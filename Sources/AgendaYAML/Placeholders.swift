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
        // Braces are ASCII, so the text is cut only between whole characters.
        var result: [UInt8] = []
        result.reserveCapacity(text.utf8.count)
        var copy = text
        return copy.withUTF8 { bytes in
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                guard byte == UInt8(ascii: "{") || byte == UInt8(ascii: "}") else {
                    result.append(byte)
                    index += 1
                    continue
                }
                // `{{` and `}}` are literal braces, and so is a lone `}`.
                if index + 1 < bytes.count, bytes[index + 1] == byte {
                    result.append(byte)
                    index += 2
                    continue
                }
                guard byte == UInt8(ascii: "{") else {
                    result.append(byte)
                    index += 1
                    continue
                }
                guard let close = bytes[(index + 1)...].firstIndex(of: UInt8(ascii: "}")) else {
                    return .failure(Failure(message: "'\(text)' opens a placeholder with '{' but never closes it", hint: "write '{{' for a literal brace"))
                }
                let name = String(decoding: bytes[(index + 1)..<close], as: UTF8.self)
                guard let value = values[name] else {
                    let hint = Suggestion.closest(to: name, in: values.keys.sorted()).map { "did you mean '{\($0)}'?" }
                        ?? "the placeholders here are \(values.keys.sorted().map { "{\($0)}" }.joined(separator: ", "))"
                    return .failure(Failure(message: "unknown placeholder '{\(name)}'", hint: hint))
                }
                result.append(contentsOf: value.utf8)
                index = close + 1
            }
            return .success(String(decoding: result, as: UTF8.self))
        }
    }

    private static let foldings: [Character: String] = [
        "ß": "ss", "æ": "ae", "Æ": "ae", "ø": "o", "Ø": "o", "œ": "oe", "Œ": "oe", "ł": "l", "Ł": "l",
        "đ": "d", "Đ": "d", "ð": "d", "þ": "th", "ı": "i",
    ]

    /// Lower-case ASCII: accents folded, every run of other characters one `-`, trimmed.
    static func slug(_ text: String) -> String {
        // Folding is only needed, and only paid for, when the text is not ASCII.
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return asciiSlug(text) }
        return characterSlug(text.folding(options: [.diacriticInsensitive], locale: nil))
    }

    /// The slug of each character in turn: its folding, lower-cased, kept where it is ASCII
    /// letters and digits.
    static func characterSlug(_ text: String) -> String {
        var slug = ""
        var pendingDash = false
        for character in text {
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

    /// `characterSlug` of ASCII text, byte by byte: an ASCII character is one byte, and
    /// lower-cased a letter or digit or else a separator.
    static func asciiSlug(_ text: String) -> String {
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
