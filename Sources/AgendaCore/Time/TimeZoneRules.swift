import Foundation

/// The UTC offsets of one IANA time zone as a sorted table of transitions, read once from the
/// system's time-zone database and then queried with plain arithmetic (no Foundation calls on
/// the hot path, no dependence on the process's own TZ).
public struct TimeZoneRules: Sendable, Hashable {
    public static func == (lhs: TimeZoneRules, rhs: TimeZoneRules) -> Bool { lhs.identifier == rhs.identifier }
    public func hash(into hasher: inout Hasher) { hasher.combine(identifier) }

    public var identifier: String { storage.identifier }
    /// UTC seconds at which the offset changes, ascending.
    var transitions: UnsafeBufferPointer<Int64> { storage.transitions }
    /// `offsets[i]` holds before `transitions[i]`; the last one holds after the last transition.
    var offsets: UnsafeBufferPointer<Int32> { storage.offsets }
    /// For each UTC day of the covered range, the segment in force at its start: a lookup is
    /// one index and at most a step or two, instead of a binary search.
    private var daySegments: UnsafeBufferPointer<UInt16> { storage.daySegments }

    /// The tables live in one immutable object: copying a zone's rules (into every event and
    /// every plan item) costs one reference count, and reading them none. Unchecked: the
    /// buffers are written once in `init`, only read afterwards, and freed in `deinit`.
    private final class Storage: @unchecked Sendable {
        let identifier: String
        let transitions: UnsafeBufferPointer<Int64>
        let offsets: UnsafeBufferPointer<Int32>
        let daySegments: UnsafeBufferPointer<UInt16>

        init(identifier: String, transitions: [Int64], offsets: [Int32], daySegments: [UInt16]) {
            self.identifier = identifier
            self.transitions = Self.copy(transitions)
            self.offsets = Self.copy(offsets)
            self.daySegments = Self.copy(daySegments)
        }

        private static func copy<T>(_ values: [T]) -> UnsafeBufferPointer<T> {
            let buffer = UnsafeMutableBufferPointer<T>.allocate(capacity: values.count)
            _ = buffer.initialize(from: values)
            return UnsafeBufferPointer(buffer)
        }

        deinit {
            transitions.deallocate()
            offsets.deallocate()
            daySegments.deallocate()
        }
    }

    private let storage: Storage

    /// The span the table covers; outside it the nearest known offset holds.
    static let coveredRange: ClosedRange<Int64> = -2_208_988_800...4_102_444_800  // 1900...2100

    public static let utc = TimeZoneRules(identifier: "UTC", transitions: [], offsets: [0])

    private static let firstDay = coveredRange.lowerBound / 86_400

    init(identifier: String, transitions: [Int64], offsets: [Int32]) {
        var table: [UInt16] = []
        if !transitions.isEmpty && transitions.count < Int(UInt16.max) {
            let days = Int((Self.coveredRange.upperBound - Self.coveredRange.lowerBound) / 86_400) + 1
            table = [UInt16](repeating: 0, count: days)
            var segment = 0
            for day in 0..<days {
                let start = (Self.firstDay + Int64(day)) * 86_400
                while segment < transitions.count && transitions[segment] <= start { segment += 1 }
                table[day] = UInt16(segment)
            }
        }
        storage = Storage(identifier: identifier, transitions: transitions, offsets: offsets, daySegments: table)
    }

    /// The rules of an IANA zone name such as `Europe/Vienna`, or nil when the name is not one.
    /// Abbreviations and offset spellings (`CEST`, `GMT+2`) are not zone names.
    public init?(named name: String) {
        if name == "UTC" || name == "Etc/UTC" {
            self = TimeZoneRules(identifier: name, transitions: [], offsets: [0])
            return
        }
        guard let zone = TimeZone(identifier: name), zone.identifier == name else { return nil }
        var transitions: [Int64] = []
        var offsets: [Int32] = []
        var cursor = Date(timeIntervalSince1970: TimeInterval(Self.coveredRange.lowerBound))
        offsets.append(Int32(zone.secondsFromGMT(for: cursor)))
        while let next = zone.nextDaylightSavingTimeTransition(after: cursor),
            next.timeIntervalSince1970 <= TimeInterval(Self.coveredRange.upperBound)
        {
            let offset = Int32(zone.secondsFromGMT(for: next))
            if offset != offsets.last {
                transitions.append(Int64(next.timeIntervalSince1970.rounded()))
                offsets.append(offset)
            }
            cursor = next
        }
        self.init(identifier: name, transitions: transitions, offsets: offsets)
    }

    /// Whether the zone is UTC all along: offset zero, never changed.
    public var isUTC: Bool { transitions.isEmpty && offsets[0] == 0 }

    /// Seconds east of UTC at an instant.
    public func offset(at instant: Instant) -> Int {
        Int(offsets[segment(containing: instant.secondsSinceEpoch)])
    }

    private func segment(containing utc: Int64) -> Int {
        if transitions.isEmpty { return 0 }
        let day = utc.floorDivided(by: 86_400) - Self.firstDay
        if day >= 0 && day < Int64(daySegments.count) {
            var segment = Int(daySegments[Int(day)])
            while segment < transitions.count && transitions[segment] <= utc { segment += 1 }
            return segment
        }
        // Index of the first transition after `utc`: the segment that holds it.
        var low = 0
        var high = transitions.count
        while low < high {
            let mid = (low + high) / 2
            if transitions[mid] <= utc { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// Whether `utc` lies in segment `index`: after the transition that opens it and before
    /// the one that closes it.
    private func isInSegment(_ utc: Int64, _ index: Int) -> Bool {
        (index == 0 || transitions[index - 1] <= utc) && (index == transitions.count || utc < transitions[index])
    }

    /// What a wall-clock time means in this zone.
    public enum LocalTimeResolution: Hashable, Sendable {
        case unique(Instant)
        /// The clocks jumped over it (spring forward): `before` and `after` are the offsets.
        case skipped(offsetBefore: Int, offsetAfter: Int)
        /// It happened twice (fall back): first at `earlier` (the old offset), then at `later`.
        case repeated(earlier: Instant, later: Instant)
    }

    public func resolve(_ local: LocalDateTime) -> LocalTimeResolution {
        let wall = local.secondsSinceEpoch
        if transitions.isEmpty { return .unique(Instant(secondsSinceEpoch: wall - Int64(offsets[0]))) }
        // Nearly every day has no transition within a day either side: one offset holds.
        let day = Int(wall.floorDivided(by: 86_400) - Self.firstDay)
        if day >= 1 && day + 2 < daySegments.count && daySegments[day - 1] == daySegments[day + 2] {
            return .unique(Instant(secondsSinceEpoch: wall - Int64(offsets[Int(daySegments[day])])))
        }
        // Only the transitions within a day of this wall time can matter.
        let guess = segment(containing: wall)
        // The readings of nearby segments that land back in their own segment; no more than
        // two can (an ambiguous time), so they are tracked without an array.
        var earliest: Int64?
        var latest: Int64?
        for index in max(0, guess - 2)...min(offsets.count - 1, guess + 1) {
            let utc = wall - Int64(offsets[index])
            if isInSegment(utc, index) {
                earliest = min(earliest ?? utc, utc)
                latest = max(latest ?? utc, utc)
            }
        }
        if let earliest, let latest {
            if earliest == latest { return .unique(Instant(secondsSinceEpoch: earliest)) }
            return .repeated(earlier: Instant(secondsSinceEpoch: earliest), later: Instant(secondsSinceEpoch: latest))
        }
        // In a gap: the wall time lies between a transition's old and new local readings.
        for index in max(0, guess - 2)..<min(transitions.count, guess + 2) {
            let before = Int64(offsets[index])
            let after = Int64(offsets[index + 1])
            if wall >= transitions[index] + before && wall < transitions[index] + after {
                return .skipped(offsetBefore: Int(before), offsetAfter: Int(after))
            }
        }
        return .unique(Instant(secondsSinceEpoch: wall - Int64(offsets[guess])))
    }

    /// The instant of a wall-clock time reached by arithmetic: a time in a gap moves forward by
    /// the gap, an ambiguous one takes the earlier occurrence (as RFC 5545 does).
    public func instant(for local: LocalDateTime) -> Instant {
        switch resolve(local) {
        case .unique(let instant): instant
        case .repeated(let earlier, _): earlier
        case .skipped(let before, _): Instant(secondsSinceEpoch: local.secondsSinceEpoch - Int64(before))
        }
    }

    /// A change of offset: at `instant` the clocks go from `offsetBefore` to `offsetAfter`.
    public struct Transition: Hashable, Sendable {
        public var instant: Instant
        public var offsetBefore: Int
        public var offsetAfter: Int
    }

    /// The transitions that shape the offsets of `range`: every one inside it, led by the
    /// last one before it (which set the offset in force at its start), when there is one.
    public func transitions(shaping range: ClosedRange<Instant>) -> [Transition] {
        var index = segment(containing: range.lowerBound.secondsSinceEpoch) - 1
        var result: [Transition] = []
        while index < transitions.count && (index < 0 || transitions[index] <= range.upperBound.secondsSinceEpoch) {
            if index >= 0 {
                result.append(
                    Transition(
                        instant: Instant(secondsSinceEpoch: transitions[index]), offsetBefore: Int(offsets[index]),
                        offsetAfter: Int(offsets[index + 1])))
            }
            index += 1
        }
        return result
    }

    /// The wall-clock time of an instant.
    public func localTime(at instant: Instant) -> LocalDateTime {
        LocalDateTime(secondsSinceEpoch: instant.secondsSinceEpoch + Int64(offset(at: instant)))
    }
}

/// Zone rules by name, each read from the system database once per load.
public struct TimeZoneCache: Sendable {
    private var rules: [String: TimeZoneRules?] = [:]

    public init() {}

    public mutating func rules(named name: String) -> TimeZoneRules? {
        if let cached = rules[name] { return cached }
        let loaded = TimeZoneRules(named: name)
        rules[name] = loaded
        return loaded
    }

    /// The zone name closest to a misspelt one, compared on the part after the last `/`
    /// too, so `Vienna` suggests `Europe/Vienna`.
    public func suggestion(for name: String) -> String? {
        let known = TimeZone.knownTimeZoneIdentifiers + ["UTC"]
        if let exact = known.first(where: { $0.lowercased() == name.lowercased() }) { return exact }
        let byCity = Dictionary(
            known.map { (String($0.split(separator: "/").last ?? Substring($0)).lowercased(), $0) },
            uniquingKeysWith: { first, _ in first })
        if let city = Suggestion.closest(to: name.lowercased().replacingOccurrences(of: " ", with: "_"), in: byCity.keys) {
            return byCity[city]
        }
        return Suggestion.closest(to: name, in: known)
    }
}
