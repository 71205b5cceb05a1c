/// A small streaming JSON writer into a byte buffer: keys in the order written, two-space
/// indentation, strings escaped per RFC 8259, so the same input always gives the same bytes.
public struct JSONWriter {
    public let buffer: ByteBuffer
    private var depth = 0
    /// Whether the current container already holds a value (a comma is due).
    private var hasValue: [Bool] = [false]
    private var afterKey = false

    public init(into buffer: ByteBuffer = ByteBuffer()) { self.buffer = buffer }

    /// A writer that continues inside an array already open at `depth`, which holds values
    /// when `afterValues` is set: for writing a run of the array's elements on their own.
    public init(into buffer: ByteBuffer, insideArrayAt depth: Int, afterValues: Bool) {
        self.buffer = buffer
        self.depth = depth
        hasValue = Array(repeating: true, count: depth) + [afterValues]
    }

    /// A copy of everything written.
    public var bytes: [UInt8] { buffer.bytes }

    /// Counts values written into the buffer by another writer as this container's own.
    public mutating func markValueWritten() { hasValue[hasValue.count - 1] = true }

    public mutating func beginObject() { open(UInt8(ascii: "{")) }
    public mutating func endObject() { close(UInt8(ascii: "}")) }
    public mutating func beginArray() { open(UInt8(ascii: "[")) }
    public mutating func endArray() { close(UInt8(ascii: "]")) }

    public mutating func key(_ name: StaticString) {
        separate()
        buffer.append(UInt8(ascii: "\""))
        buffer.appendLiteral(name)
        buffer.appendFixed((UInt8(ascii: "\""), UInt8(ascii: ":"), UInt8(ascii: " ")))
        afterKey = true
    }

    public mutating func string(_ value: String) {
        separate()
        writeString(value)
    }

    public mutating func string(_ value: String?) {
        if let value { string(value) } else { null() }
    }

    public mutating func number(_ value: Int64) {
        separate()
        if value < 0 { buffer.append(UInt8(ascii: "-")) }
        buffer.appendDigits(Int(value.magnitude))
    }

    public mutating func bool(_ value: Bool) {
        separate()
        if value { buffer.appendLiteral("true") } else { buffer.appendLiteral("false") }
    }

    public mutating func null() {
        separate()
        buffer.appendLiteral("null")
    }

    /// An instant as an RFC 3339 string in `zone`, or null.
    public mutating func time(_ instant: Instant?, in zone: TimeZoneRules) {
        guard let instant else { return null() }
        separate()
        buffer.append(UInt8(ascii: "\""))
        buffer.appendRFC3339(instant, in: zone)
        buffer.append(UInt8(ascii: "\""))
    }

    /// `"name": value` for the common cases.
    public mutating func field(_ name: StaticString, _ value: String?) {
        key(name)
        string(value)
    }

    public mutating func field(_ name: StaticString, _ value: Bool) {
        key(name)
        bool(value)
    }

    public mutating func field(_ name: StaticString, _ value: Int64?) {
        key(name)
        if let value { number(value) } else { null() }
    }

    public mutating func field(_ name: StaticString, _ instant: Instant?, in zone: TimeZoneRules) {
        key(name)
        time(instant, in: zone)
    }

    private mutating func open(_ bracket: UInt8) {
        separate()
        buffer.append(bracket)
        depth += 1
        hasValue.append(false)
    }

    private mutating func close(_ bracket: UInt8) {
        let had = hasValue.removeLast()
        depth -= 1
        if had { newline() }
        buffer.append(bracket)
        if depth == 0 { buffer.append(UInt8(ascii: "\n")) }
    }

    private mutating func separate() {
        if afterKey {
            afterKey = false
            return
        }
        if hasValue[hasValue.count - 1] { buffer.append(UInt8(ascii: ",")) }
        if depth > 0 { newline() }
        hasValue[hasValue.count - 1] = true
    }

    private mutating func newline() {
        buffer.append(UInt8(ascii: "\n"))
        for _ in 0..<depth * 2 { buffer.append(UInt8(ascii: " ")) }
    }

    private static let hex = Array("0123456789abcdef".utf8)

    private mutating func writeString(_ value: String) {
        buffer.append(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { utf8 in
            // Copy the runs between the bytes that need escaping in one go each.
            var runStart = 0
            for index in 0..<utf8.count {
                let byte = utf8[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                buffer.append(UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
                runStart = index + 1
                switch byte {
                case UInt8(ascii: "\""): buffer.appendFixed((UInt8(0x5C), UInt8(0x22)))
                case UInt8(ascii: "\\"): buffer.appendFixed((UInt8(0x5C), UInt8(0x5C)))
                case 0x0A: buffer.appendFixed((UInt8(0x5C), UInt8(ascii: "n")))
                case 0x0D: buffer.appendFixed((UInt8(0x5C), UInt8(ascii: "r")))
                case 0x09: buffer.appendFixed((UInt8(0x5C), UInt8(ascii: "t")))
                default:
                    buffer.appendFixed(
                        (UInt8(0x5C), UInt8(ascii: "u"), UInt8(0x30), UInt8(0x30), Self.hex[Int(byte >> 4)], Self.hex[Int(byte & 15)]))
                }
            }
            buffer.append(UnsafeBufferPointer(rebasing: utf8[runStart...]))
        }
        buffer.append(UInt8(ascii: "\""))
    }
}
