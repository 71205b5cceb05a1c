import Foundation

/// Zone abbreviations (CET, CEST, EST, EDT) read from the system's TZif files, which
/// Foundation on Linux does not expose (it answers "GMT+1"). An offset without a known
/// abbreviation is written as `UTC+01:00`.
public struct ZoneAbbreviations: Sendable {
    /// Each zone's file is read once per instance.
    private var tables: [String: [Int: String]] = [:]

    public init() {}

    /// The abbreviation in use at `instant` in `zone`.
    public mutating func abbreviation(_ zone: TimeZoneRules, at instant: Instant) -> String {
        let offset = zone.offset(at: instant)
        if zone.identifier == "UTC" || zone.identifier == "Etc/UTC" { return "UTC" }
        if tables[zone.identifier] == nil { tables[zone.identifier] = Self.table(for: zone.identifier) }
        if let name = tables[zone.identifier]?[offset] { return name }
        return "UTC" + formatOffset(offset)
    }

    private static let directories = ["/usr/share/zoneinfo", "/usr/lib/zoneinfo", "/var/db/timezone/zoneinfo"]

    /// Offset to abbreviation, later transitions winning so modern names are kept (EDT over
    /// the wartime EWT, which has the same offset). Names that are only numbers ("+03") are
    /// left out.
    static func table(for identifier: String) -> [Int: String] {
        for directory in directories {
            guard let data = FileManager.default.contents(atPath: directory + "/" + identifier) else { continue }
            return parse(Array(data))
        }
        return [:]
    }

    static func parse(_ bytes: [UInt8]) -> [Int: String] {
        guard bytes.count >= 44, bytes[0] == 0x54, bytes[1] == 0x5A, bytes[2] == 0x69, bytes[3] == 0x66 else { return [:] }
        func int32(_ at: Int) -> Int {
            Int(Int32(bitPattern: UInt32(bytes[at]) << 24 | UInt32(bytes[at + 1]) << 16 | UInt32(bytes[at + 2]) << 8 | UInt32(bytes[at + 3])))
        }
        // Header counts: isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt.
        var header = 0
        var timeSize = 4
        let version = bytes[4]
        func counts(_ at: Int) -> (Int, Int, Int, Int, Int, Int) {
            (int32(at + 20), int32(at + 24), int32(at + 28), int32(at + 32), int32(at + 36), int32(at + 40))
        }
        var (isut, isstd, leap, times, types, chars) = counts(0)
        if version >= 0x32 {
            // Skip the 32-bit block to the 64-bit one, which covers every transition.
            let v1 = 44 + times * 5 + types * 6 + chars + leap * 8 + isstd + isut
            guard bytes.count >= v1 + 44 else { return [:] }
            header = v1
            timeSize = 8
            (isut, isstd, leap, times, types, chars) = counts(v1)
        }
        let transitionTypes = header + 44 + times * timeSize
        let typeTable = transitionTypes + times
        let names = typeTable + types * 6
        guard bytes.count >= names + chars else { return [:] }
        func name(ofType type: Int) -> (offset: Int, name: String)? {
            let entry = typeTable + type * 6
            let offset = int32(entry)
            var index = names + Int(bytes[entry + 5])
            var text = ""
            while index < names + chars, bytes[index] != 0 {
                text.unicodeScalars.append(Unicode.Scalar(bytes[index]))
                index += 1
            }
            guard text.unicodeScalars.contains(where: { ("A"..."Z").contains($0) }) else { return nil }
            return (offset, text)
        }
        var result: [Int: String] = [:]
        for type in 0..<types {
            if let (offset, text) = name(ofType: type), result[offset] == nil { result[offset] = text }
        }
        for transition in 0..<times {
            if let (offset, text) = name(ofType: Int(bytes[transitionTypes + transition])) { result[offset] = text }
        }
        return result
    }
}
