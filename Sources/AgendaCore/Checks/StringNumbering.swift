/// Numbers strings as they first come: 0, 1, 2 and so on. The check context numbers the venue
/// and the parties of every event; `Dictionary` hashes a string with SipHash, several hundred
/// instructions for a short id, so this table hashes its UTF-8 bytes a word at a time.
struct StringNumbering {
    /// The strings by number.
    private(set) var strings: [String] = []
    private var hashes: [UInt64] = []
    /// Open addressing with linear probing: a string's number + 1 in each used slot, 0 in a
    /// free one. The size is a power of two, and at most half the slots are used.
    private var slots = [Int32](repeating: 0, count: 16)

    /// The string's number, given it now when it has none.
    mutating func number(_ string: String) -> Int32 {
        let hash = Self.hash(string)
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] != 0 {
            let candidate = Int(slots[slot] - 1)
            if hashes[candidate] == hash && strings[candidate] == string { return Int32(candidate) }
            slot = (slot + 1) & mask
        }
        let number = Int32(strings.count)
        strings.append(string)
        hashes.append(hash)
        slots[slot] = number + 1
        if strings.count * 2 > slots.count { grow() }
        return number
    }

    private mutating func grow() {
        slots = [Int32](repeating: 0, count: slots.count * 2)
        let mask = slots.count - 1
        for (number, hash) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: hash) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(number + 1)
        }
    }

    /// A hash of the UTF-8 bytes, eight at a time, mixed as SplitMix64 mixes.
    static func hash(_ string: String) -> UInt64 {
        var string = string
        return string.withUTF8 { bytes in
            let raw = UnsafeRawBufferPointer(bytes)
            var hash = UInt64(raw.count) &* 0x9E37_79B9_7F4A_7C15
            var offset = 0
            while offset < raw.count {
                var word: UInt64 = 0
                let length = min(8, raw.count - offset)
                withUnsafeMutableBytes(of: &word) { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: raw[offset..<offset + length])) }
                hash = (hash ^ word) &* 0xBF58_476D_1CE4_E5B9
                hash ^= hash >> 31
                offset += length
            }
            hash = (hash ^ (hash >> 27)) &* 0x94D0_49BB_1331_11EB
            return hash ^ (hash >> 31)
        }
    }
}
