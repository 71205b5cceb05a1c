import AgendaCore

/// Writes iCalendar content lines (RFC 5545, section 3.1): CRLF line ends, lines folded at 75
/// octets with a leading space on each continuation, and never inside a UTF-8 sequence. A
/// line is begun, its parts appended straight to the output, then ended: folded in place
/// when it is long.
struct ContentLines {
    /// Everything written so far; the line being written is its tail from `lineStart`.
    let bytes: ByteBuffer
    private var lineStart = 0
    /// A long line's bytes while it is folded; its storage is reused.
    private var scratch: [UInt8] = []

    init(into bytes: ByteBuffer) { self.bytes = bytes }

    static let maxLineOctets = 75

    mutating func begin(_ name: StaticString) {
        lineStart = bytes.count
        bytes.appendLiteral(name)
    }

    /// A whole line of our own, short enough never to fold.
    mutating func fixedLine(_ line: StaticString) {
        bytes.appendLiteral(line)
        bytes.appendFixed((UInt8(0x0D), UInt8(0x0A)))
    }

    /// Text of our own (names, parameters), written as is.
    mutating func literal(_ text: StaticString) { bytes.appendLiteral(text) }

    /// Text of our own built at run time (zone names, numbers), written as is.
    mutating func raw(_ text: String) { bytes.append(text) }

    mutating func raw(_ byte: UInt8) { bytes.append(byte) }

    /// A TEXT value (RFC 5545, section 3.3.11): backslash, semicolon and comma get a
    /// backslash, every line break becomes `\n`; other control characters, which TEXT cannot
    /// hold, are left out.
    mutating func escaped(_ text: String) {
        var text = text
        text.withUTF8 { utf8 in
            // Copy the runs between the bytes that need care in one go each.
            var runStart = 0
            var index = 0
            while index < utf8.count {
                // Eight bytes at a time while none of them needs care.
                if index + 8 <= utf8.count,
                    !Self.anyNeedsEscaping(UnsafeRawPointer(utf8.baseAddress! + index).loadUnaligned(as: UInt64.self))
                {
                    index += 8
                    continue
                }
                let byte = utf8[index]
                index += 1
                guard Self.needsEscaping(byte) else { continue }
                let position = index - 1
                bytes.append(UnsafeBufferPointer(rebasing: utf8[runStart..<position]))
                runStart = position + 1
                switch byte {
                case 0x5C, 0x3B, 0x2C:
                    bytes.append(0x5C)
                    bytes.append(byte)
                case 0x0A:
                    // CRLF is one line break: its CR already wrote the `\n`.
                    if !(position > 0 && utf8[position - 1] == 0x0D) {
                        bytes.append(0x5C)
                        bytes.append(UInt8(ascii: "n"))
                    }
                case 0x0D:
                    bytes.append(0x5C)
                    bytes.append(UInt8(ascii: "n"))
                case 0x09:
                    bytes.append(byte)
                default:
                    break  // other control characters cannot be written
                }
            }
            bytes.append(UnsafeBufferPointer(rebasing: utf8[runStart...]))
        }
    }

    /// Control characters, DEL, `,`, `;` and `\\`, as a bitmap of the ASCII range.
    private static let careBelow64: UInt64 = 0xFFFF_FFFF | 1 << 0x2C | 1 << 0x3B
    private static let careFrom64: UInt64 = 1 << (0x5C - 64) | 1 << (0x7F - 64)

    /// Whether any of eight bytes is a control character, DEL, `,`, `;` or `\\` (each test
    /// finds a zero or small byte in every lane at once; existence is exact).
    @inline(__always)
    private static func anyNeedsEscaping(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        func hasZero(_ value: UInt64) -> Bool { (value &- ones) & ~value & highs != 0 }
        let control = (word &- ones &* 0x20) & ~word & highs != 0
        return control || hasZero(word ^ (ones &* 0x2C)) || hasZero(word ^ (ones &* 0x3B)) || hasZero(word ^ (ones &* 0x5C))
            || hasZero(word ^ (ones &* 0x7F))
    }

    @inline(__always)
    private static func needsEscaping(_ byte: UInt8) -> Bool {
        if byte < 64 { return careBelow64 >> byte & 1 != 0 }
        return byte < 128 && careFrom64 >> (byte - 64) & 1 != 0
    }

    /// `20160419`
    mutating func date(_ date: LocalDate) {
        let (year, month, day) = date.components
        let year4 = max(0, min(year, 9999))
        bytes.appendFixed(
            (
                digit(year4 / 1000), digit(year4 / 100 % 10), digit(year4 / 10 % 10), digit(year4 % 10), digit(month / 10),
                digit(month % 10), digit(day / 10), digit(day % 10)
            ))
    }

    /// `20160419T100000`: a local time, to go with a TZID.
    mutating func local(_ time: LocalDateTime) {
        date(time.date)
        let second = time.secondOfDay
        let hour = second / 3600
        let minute = second / 60 % 60
        bytes.appendFixed(
            (
                UInt8(ascii: "T"), digit(hour / 10), digit(hour % 10), digit(minute / 10), digit(minute % 10), digit(second % 60 / 10),
                digit(second % 10)
            ))
    }

    /// `2015-04-21` for an all-day item, `2015-04-21T09:00` for a timed one: a time in
    /// running text.
    mutating func readable(_ instant: Instant, item: PlannedEvent) {
        let local = item.timeZone.localTime(at: instant)
        bytes.appendISODate(local.date)
        if !item.allDay {
            bytes.append(UInt8(ascii: "T"))
            bytes.appendClock(local.secondOfDay, seconds: false)
        }
    }

    /// `20160419T140000Z`
    mutating func utc(_ instant: Instant) {
        local(LocalDateTime(secondsSinceEpoch: instant.secondsSinceEpoch))
        bytes.append(UInt8(ascii: "Z"))
    }

    /// `+0100`, or `-004430` when the offset has seconds (UTC-OFFSET, section 3.3.14).
    mutating func offset(_ seconds: Int) {
        let magnitude = abs(seconds)
        let hours = magnitude / 3600
        let minutes = magnitude / 60 % 60
        let sign = seconds < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+")
        bytes.appendFixed((sign, digit(hours / 10), digit(hours % 10), digit(minutes / 10), digit(minutes % 10)))
        if magnitude % 60 != 0 { bytes.appendFixed((digit(magnitude % 60 / 10), digit(magnitude % 10))) }
    }

    /// Ends the line begun last, folding it when it is longer than 75 octets.
    mutating func end() {
        if bytes.count - lineStart > Self.maxLineOctets {
            scratch.removeAll(keepingCapacity: true)
            bytes.withBytes { scratch.append(contentsOf: UnsafeBufferPointer(rebasing: $0[lineStart...])) }
            bytes.truncate(to: lineStart)
            Self.fold(scratch, into: bytes)
        }
        bytes.appendFixed((UInt8(0x0D), UInt8(0x0A)))
    }

    /// `NAME:value` with the value written as is; the name carries its colon.
    mutating func line(_ name: StaticString, _ value: String) {
        begin(name)
        raw(value)
        end()
    }

    /// `NAME:value` with the value escaped as TEXT; the name carries its colon.
    mutating func text(_ name: StaticString, _ value: String) {
        begin(name)
        escaped(value)
        end()
    }

    /// Appends one unfolded line in pieces of at most 75 octets, each after the first led by
    /// a space (which counts toward its 75); a cut never falls before a UTF-8 continuation byte.
    static func fold(_ line: [UInt8], into bytes: ByteBuffer) {
        line.withUnsafeBufferPointer { line in
            var position = 0
            var limit = maxLineOctets
            while position < line.count {
                var cut = min(position + limit, line.count)
                if cut < line.count {
                    while cut > position + 1 && line[cut] & 0xC0 == 0x80 { cut -= 1 }
                }
                if position > 0 { bytes.appendFixed((UInt8(0x0D), UInt8(0x0A), UInt8(0x20))) }
                bytes.append(UnsafeBufferPointer(rebasing: line[position..<cut]))
                position = cut
                limit = maxLineOctets - 1
            }
        }
    }
}
