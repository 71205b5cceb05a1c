#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A growable run of bytes that exporters write into. Appending is a capacity check and a
/// copy: no uniqueness check and no generic sequence machinery per call, which on the
/// 100,000-event plan is most of the cost of writing through `[UInt8]`. Dates and numbers
/// are formatted straight into it, without building a `String` for each.
public final class ByteBuffer {
    // Only this class touches these, one call at a time: the run-time exclusivity checks a
    // class's stored properties get would cost more than the writes they guard.
    @exclusivity(unchecked) @usableFromInline var base: UnsafeMutablePointer<UInt8>
    @exclusivity(unchecked) @usableFromInline var capacity: Int
    @exclusivity(unchecked) @usableFromInline var written: Int = 0
    /// How many bytes are written.
    public var count: Int { written }

    public init(capacity: Int = 4096) {
        self.capacity = max(16, capacity)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    /// Lends the bytes written so far, without copying them.
    public func withBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        try withExtendedLifetime(self) { try body(UnsafeBufferPointer(start: base, count: written)) }
    }

    /// A copy of the bytes written so far.
    public var bytes: [UInt8] { withBytes { Array($0) } }

    /// The bytes written so far, read as UTF-8.
    public var text: String { withBytes { String(decoding: $0, as: UTF8.self) } }

    /// Appends everything another buffer holds.
    public func append(contentsOf other: ByteBuffer) {
        other.withBytes { append($0) }
    }

    public func reserveCapacity(_ total: Int) {
        if total > capacity { grow(toAtLeast: total) }
    }

    /// Forgets every byte from `offset` on.
    public func truncate(to offset: Int) {
        precondition(offset >= 0 && offset <= written)
        written = offset
    }

    @usableFromInline
    func grow(toAtLeast total: Int) {
        let newCapacity = max(total, capacity * 2)
        let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newBase.update(from: base, count: written)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }

    @inlinable
    public func append(_ byte: UInt8) {
        if written == capacity { grow(toAtLeast: written + 1) }
        base[written] = byte
        written += 1
    }

    @inlinable
    public func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress, bytes.count > 0 else { return }
        if written + bytes.count > capacity { grow(toAtLeast: written + bytes.count) }
        (base + written).update(from: source, count: bytes.count)
        written += bytes.count
    }

    public func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { append($0) }
    }

    /// A string's UTF-8 bytes.
    @inlinable
    public func append(_ text: String) {
        var text = text
        text.withUTF8 { append($0) }
    }

    /// A literal's UTF-8 bytes, copied straight from the binary.
    @inlinable
    public func appendLiteral(_ text: StaticString) {
        append(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// The bytes of a tuple of ASCII codes, appended at once.
    @inlinable
    public func appendFixed<Bytes>(_ value: Bytes) {
        var value = value
        withUnsafeBytes(of: &value) { append($0.assumingMemoryBound(to: UInt8.self)) }
    }

    /// A non-negative number, zero-padded to `width` digits.
    public func appendDigits(_ value: Int, width: Int = 1) {
        let value = max(0, value)
        var divisor = 1
        var digits = 1
        while divisor <= value / 10 {
            divisor *= 10
            digits += 1
        }
        for _ in min(digits, width)..<width { append(0x30) }
        var remaining = value
        while divisor > 0 {
            append(digit(remaining / divisor))
            remaining %= divisor
            divisor /= 10
        }
    }

    /// `2016-04-19`
    public func appendISODate(_ date: LocalDate) {
        let (year, month, day) = date.components
        guard (0...9999).contains(year) else {
            appendDigits(year, width: 4)
            appendFixed((UInt8(ascii: "-"), digit(month / 10), digit(month % 10), UInt8(ascii: "-"), digit(day / 10), digit(day % 10)))
            return
        }
        appendFixed(
            (
                digit(year / 1000), digit(year / 100 % 10), digit(year / 10 % 10), digit(year % 10), UInt8(ascii: "-"),
                digit(month / 10), digit(month % 10), UInt8(ascii: "-"), digit(day / 10), digit(day % 10)
            ))
    }

    /// `14:45:00`, or `14:45` without seconds.
    public func appendClock(_ secondOfDay: Int, seconds: Bool) {
        let hour = secondOfDay / 3600
        let minute = secondOfDay / 60 % 60
        if seconds {
            let second = secondOfDay % 60
            appendFixed(
                (
                    digit(hour / 10), digit(hour % 10), UInt8(ascii: ":"), digit(minute / 10), digit(minute % 10), UInt8(ascii: ":"),
                    digit(second / 10), digit(second % 10)
                ))
        } else {
            appendFixed((digit(hour / 10), digit(hour % 10), UInt8(ascii: ":"), digit(minute / 10), digit(minute % 10)))
        }
    }

    /// `+01:00`, `-05:00`, with `:SS` when the offset has seconds.
    public func appendOffset(_ offset: Int) {
        let magnitude = abs(offset)
        let hours = magnitude / 3600
        let minutes = magnitude / 60 % 60
        let sign = offset < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+")
        appendFixed((sign, digit(hours / 10), digit(hours % 10), UInt8(ascii: ":"), digit(minutes / 10), digit(minutes % 10)))
        if magnitude % 60 != 0 {
            appendFixed((UInt8(ascii: ":"), digit(magnitude % 60 / 10), digit(magnitude % 10)))
        }
    }

    /// `2016-04-19T10:00:00-04:00`: the local time in `zone` with that zone's offset at the instant.
    public func appendRFC3339(_ instant: Instant, in zone: TimeZoneRules) {
        let offset = zone.offset(at: instant)
        let local = LocalDateTime(secondsSinceEpoch: instant.secondsSinceEpoch + Int64(offset))
        appendISODate(local.date)
        append(UInt8(ascii: "T"))
        appendClock(local.secondOfDay, seconds: true)
        appendOffset(offset)
    }

    /// Writes every byte to a file descriptor; false when the system refuses.
    public func write(to descriptor: Int32) -> Bool {
        var offset = 0
        while offset < count {
            #if canImport(Glibc)
                let written = Glibc.write(descriptor, base + offset, count - offset)
            #else
                let written = Darwin.write(descriptor, base + offset, count - offset)
            #endif
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { return false }
            offset += written
        }
        return true
    }
}

/// The ASCII code of a decimal digit.
@inlinable
public func digit(_ value: Int) -> UInt8 { UInt8(truncatingIfNeeded: 0x30 + value) }

/// `2016-04-19T10:00:00-04:00`: the local time in `zone` with that zone's offset at the instant.
public func rfc3339(_ instant: Instant, in zone: TimeZoneRules) -> String {
    let buffer = ByteBuffer(capacity: 32)
    buffer.appendRFC3339(instant, in: zone)
    return buffer.text
}
