import AgendaCore

/// Writes iCalendar content lines (RFC 5545, section 3.1): CRLF line ends, lines folded at 75
/// octets with a leading space on each continuation, and never inside a UTF-8 sequence.
struct ContentLines {
    var bytes: [UInt8]

    init(into bytes: [UInt8]) { self.bytes = bytes }

    static let maxLineOctets = 75

    /// `NAME:value` with the value written as is.
    mutating func line(_ name: String, _ value: String) {
        let start = bytes.count
        bytes.append(contentsOf: name.utf8)
        bytes.append(UInt8(ascii: ":"))
        bytes.append(contentsOf: value.utf8)
        finish(from: start)
    }

    /// `NAME:value` with the value escaped as TEXT.
    mutating func text(_ name: String, _ value: String) {
        let start = bytes.count
        bytes.append(contentsOf: name.utf8)
        bytes.append(UInt8(ascii: ":"))
        Self.appendEscaped(value, to: &bytes)
        finish(from: start)
    }

    /// `NAME:a,b,c` with each value escaped as TEXT (CATEGORIES).
    mutating func textList(_ name: String, _ values: [String]) {
        let start = bytes.count
        bytes.append(contentsOf: name.utf8)
        bytes.append(UInt8(ascii: ":"))
        for (index, value) in values.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            Self.appendEscaped(value, to: &bytes)
        }
        finish(from: start)
    }

    /// Folds the line begun at `start` when it is longer than 75 octets, then ends it.
    private mutating func finish(from start: Int) {
        if bytes.count - start > Self.maxLineOctets {
            let folded = Self.fold(bytes[start...])
            bytes.removeSubrange(start...)
            bytes.append(contentsOf: folded)
        }
        bytes.append(0x0D)
        bytes.append(0x0A)
    }

    /// Splits one unfolded line into pieces of at most 75 octets, each after the first led by
    /// a space (which counts toward its 75); a cut never falls before a UTF-8 continuation byte.
    static func fold(_ line: ArraySlice<UInt8>) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(line.count + line.count / 36 + 3)
        var position = line.startIndex
        var limit = maxLineOctets
        while position < line.endIndex {
            var cut = min(position + limit, line.endIndex)
            if cut < line.endIndex {
                while cut > position + 1 && line[cut] & 0xC0 == 0x80 { cut -= 1 }
            }
            if position > line.startIndex {
                result.append(0x0D)
                result.append(0x0A)
                result.append(0x20)
            }
            result.append(contentsOf: line[position..<cut])
            position = cut
            limit = maxLineOctets - 1
        }
        return result
    }

    /// TEXT escaping (RFC 5545, section 3.3.11): backslash, semicolon and comma get a
    /// backslash, every line break becomes `\n`; other control characters, which TEXT cannot
    /// hold, are left out.
    static func appendEscaped(_ value: String, to bytes: inout [UInt8]) {
        var previousWasCR = false
        for byte in value.utf8 {
            defer { previousWasCR = byte == 0x0D }
            switch byte {
            case UInt8(ascii: "\\"), UInt8(ascii: ";"), UInt8(ascii: ","):
                bytes.append(UInt8(ascii: "\\"))
                bytes.append(byte)
            case 0x0A:
                // CRLF is one line break: its CR already wrote the `\n`.
                if !previousWasCR { bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")]) }
            case 0x0D:
                bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case 0x09:
                bytes.append(byte)
            case 0x00..<0x20, 0x7F:
                continue
            default:
                bytes.append(byte)
            }
        }
    }
}

/// iCalendar DATE and DATE-TIME values.
enum ICalendarTime {
    /// `20160419`
    static func date(_ date: LocalDate) -> String {
        let (year, month, day) = date.components
        return digits(year, 4) + digits(month, 2) + digits(day, 2)
    }

    /// `20160419T100000`: a local time, to go with a TZID.
    static func local(_ time: LocalDateTime) -> String {
        let second = time.secondOfDay
        return date(time.date) + "T" + digits(second / 3600, 2) + digits(second / 60 % 60, 2) + digits(second % 60, 2)
    }

    /// `20160419T140000Z`
    static func utc(_ instant: Instant) -> String {
        local(LocalDateTime(secondsSinceEpoch: instant.secondsSinceEpoch)) + "Z"
    }

    /// `+0100`, or `-004430` when the offset has seconds (UTC-OFFSET, section 3.3.14).
    static func offset(_ seconds: Int) -> String {
        let magnitude = abs(seconds)
        var text = (seconds < 0 ? "-" : "+") + digits(magnitude / 3600, 2) + digits(magnitude / 60 % 60, 2)
        if magnitude % 60 != 0 { text += digits(magnitude % 60, 2) }
        return text
    }

    static func digits(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}
