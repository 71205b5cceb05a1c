/// Parsers for the scalar forms of the agenda format: dates, times, date-times, offsets and
/// durations. They read raw text by schema (no YAML 1.1 guessing) and explain what is wrong in
/// words a user can act on.
public enum TimeParsers {
    public struct Failure: Error, Hashable, Sendable {
        public var code: DiagnosticCode
        public var message: String

        init(_ code: DiagnosticCode, _ message: String) {
            self.code = code
            self.message = message
        }
    }

    // MARK: Dates

    /// `YYYY-MM-DD`.
    public static func date(_ text: String) -> Result<LocalDate, Failure> {
        Scanner.scan(text) { scanner in date(text, &scanner) }
    }

    private static func date(_ text: String, _ scanner: inout Scanner) -> Result<LocalDate, Failure> {
        guard let date = scanner.date(), scanner.isAtEnd else {
            return .failure(Failure(.invalidDate, "'\(text)' is not a date; write it as YYYY-MM-DD, e.g. 2016-04-19"))
        }
        return checkedDate(date, text: text)
    }

    private static func checkedDate(_ triple: (Int, Int, Int), text: @autoclosure () -> String) -> Result<LocalDate, Failure> {
        let (y, m, d) = triple
        guard (1...12).contains(m) else {
            return .failure(Failure(.invalidDate, "'\(text())' is not a date: there is no month \(m)"))
        }
        guard y >= 1 else {
            return .failure(Failure(.invalidDate, "'\(text())' is not a date: years run from 0001 to 9999"))
        }
        guard let date = LocalDate(year: y, month: m, day: d) else {
            let days = LocalDate.daysIn(month: m, year: y)
            return .failure(Failure(.invalidDate, "'\(text())' is not a date: \(monthNames[m - 1]) \(y) has \(days) days"))
        }
        return .success(date)
    }

    static let monthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September",
        "October", "November", "December",
    ]

    // MARK: Times

    /// A time of day, `H:MM` or `HH:MM[:SS]`, as seconds since midnight. `24:00` only when
    /// `allowEndOfDay` is set.
    public static func timeOfDay(_ text: String, allowEndOfDay: Bool = false) -> Result<Int, Failure> {
        Scanner.scan(text) { scanner in
            guard let time = scanner.timeOfDay(), scanner.isAtEnd else {
                return .failure(Failure(.invalidTime, "'\(text)' is not a time; write it as HH:MM, e.g. 09:30"))
            }
            return checkedTime(time, text: text, allowEndOfDay: allowEndOfDay)
        }
    }

    private static func checkedTime(_ time: (Int, Int, Int), text: String, allowEndOfDay: Bool) -> Result<Int, Failure> {
        let (h, m, s) = time
        if allowEndOfDay && h == 24 && m == 0 && s == 0 { return .success(86_400) }
        guard h < 24, m < 60, s < 60 else {
            return .failure(Failure(.invalidTime, "'\(text)' is not a time: hours run 00-23, minutes and seconds 00-59"))
        }
        return .success(h * 3600 + m * 60 + s)
    }

    /// A date, a local date-time (`2016-04-19T10:00`, a space also separates), or an exact
    /// instant (`...T10:00+02:00`, `...T08:00Z`).
    public static func timeSpec(_ text: String) -> Result<TimeSpec, Failure> {
        Scanner.scan(text) { scanner in timeSpec(text, &scanner) }
    }

    private static func timeSpec(_ text: String, _ scanner: inout Scanner) -> Result<TimeSpec, Failure> {
        guard let triple = scanner.date() else {
            return .failure(Failure(.invalidTime, "'\(text)' is not a date or a date-time; write YYYY-MM-DD or YYYY-MM-DDTHH:MM, e.g. 2016-04-19T10:00"))
        }
        let date: LocalDate
        switch checkedDate(triple, text: String(text.prefix(10))) {
        case .success(let value): date = value
        case .failure(let failure): return .failure(failure)
        }
        if scanner.isAtEnd { return .success(.date(date)) }
        guard scanner.take("T") || scanner.take("t") || scanner.take(" "), let time = scanner.timeOfDay() else {
            return .failure(Failure(.invalidTime, "'\(text)' is not a date-time; write YYYY-MM-DDTHH:MM, e.g. 2016-04-19T10:00"))
        }
        let seconds: Int
        switch checkedTime(time, text: text, allowEndOfDay: false) {
        case .success(let value): seconds = value
        case .failure(let failure): return .failure(failure)
        }
        let local = LocalDateTime(date: date, secondOfDay: seconds)
        if scanner.isAtEnd { return .success(.local(local)) }
        guard let offset = scanner.offset(), scanner.isAtEnd else {
            return .failure(Failure(.invalidTime, "'\(text)' has a malformed UTC offset; write Z or ±HH:MM, e.g. 2016-04-19T10:00-04:00"))
        }
        guard abs(offset) <= 18 * 3600 else {
            return .failure(Failure(.invalidTime, "'\(text)' has an offset beyond ±18:00"))
        }
        return .success(.exact(local, offsetSeconds: offset))
    }

    /// A span of working hours, `HH:MM-HH:MM`, as seconds since midnight (`24:00` allowed as end).
    public static func hoursSpan(_ text: String) -> Result<Range<Int>, Failure> {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2 else {
            return .failure(Failure(.invalidTime, "'\(text)' is not a span of hours; write HH:MM-HH:MM, e.g. 09:00-18:00"))
        }
        let trimmed = parts.map { $0.trimmingSpaces }
        guard case .success(let start) = timeOfDay(trimmed[0]),
            case .success(let end) = timeOfDay(trimmed[1], allowEndOfDay: true)
        else {
            return .failure(Failure(.invalidTime, "'\(text)' is not a span of hours; write HH:MM-HH:MM with hours 00-24, e.g. 09:00-18:00"))
        }
        guard start < end else {
            return .failure(Failure(.endBeforeStart, "working hours '\(text)' end before they start"))
        }
        return .success(start..<end)
    }

    // MARK: Durations

    private static let units: [String: Duration.Unit] = [
        "minute": .minutes, "minutes": .minutes, "min": .minutes, "mins": .minutes,
        "hour": .hours, "hours": .hours, "h": .hours, "hr": .hours, "hrs": .hours,
        "day": .days, "days": .days, "d": .days,
        "week": .weeks, "weeks": .weeks, "w": .weeks, "wk": .weeks, "wks": .weeks,
        "month": .months, "months": .months, "mo": .months, "mos": .months,
        "working day": .workingDays, "working days": .workingDays, "wd": .workingDays,
    ]

    /// `N unit`: minutes, hours, days, weeks, months or working days, singular or plural, or
    /// the short forms `30min 2h 3d 2w 1mo 5wd`.
    public static func duration(_ text: String) -> Result<Duration, Failure> {
        Scanner.scan(text) { scanner in duration(text, &scanner) }
    }

    private static func duration(_ text: String, _ scanner: inout Scanner) -> Result<Duration, Failure> {
        let example = "write a number and a unit, e.g. '2 hours', '3 days', '4 weeks' or '10 working days'"
        scanner.skipSpaces()
        let digitsStart = scanner.index
        guard let amount = scanner.number(maxDigits: 18) else {
            if text.trimmingSpaces.hasPrefix("-") {
                return .failure(Failure(.invalidDuration, "'\(text)' is negative; durations and gaps are never negative"))
            }
            return .failure(Failure(.invalidDuration, "'\(text)' is not a duration; \(example)"))
        }
        guard scanner.index - digitsStart <= 9 else {
            return .failure(Failure(.invalidDuration, "'\(text)' is too long a duration; the largest amount is 999999999"))
        }
        scanner.skipSpaces()
        let words = scanner.unitWords()
        guard let unit = units[words] else {
            let hint = words.isEmpty ? "the unit is missing" : "'\(words)' is not a unit"
            return .failure(Failure(.invalidDuration, "'\(text)' is not a duration: \(hint); \(example)"))
        }
        let largest = Duration.maximumAmount(of: unit)
        guard amount <= largest else {
            return .failure(
                Failure(
                    .invalidDuration,
                    "'\(text)' is longer than any agenda can span: at most \(Duration(largest, unit)) fit between 0001-01-01 and 9999-12-31"
                ))
        }
        return .success(Duration(amount, unit))
    }
}

// MARK: Common forms

extension TimeParsers {
    // Most values in an agenda are written in a few fixed shapes. These read them straight
    // from UTF-8 bytes, with no string made; nil means "not one of them": the general parser
    // then decides, and explains any problem.

    /// `YYYY-MM-DD` naming a real day.
    public static func commonDate(_ utf8: UnsafeBufferPointer<UInt8>) -> LocalDate? {
        guard utf8.count == 10 else { return nil }
        return commonDay(utf8)
    }

    /// A date, or a local date-time `YYYY-MM-DDTHH:MM[:SS]` (`t` or a space also separates).
    public static func commonTimeSpec(_ utf8: UnsafeBufferPointer<UInt8>) -> TimeSpec? {
        if utf8.count == 10 { return commonDay(utf8).map { .date($0) } }
        guard utf8.count == 16 || utf8.count == 19, utf8[10] == 0x54 || utf8[10] == 0x74 || utf8[10] == 0x20,
            let date = commonDay(utf8), let h = digits(utf8, 11, 2), utf8[13] == 0x3A, let m = digits(utf8, 14, 2),
            h < 24, m < 60
        else { return nil }
        var s = 0
        if utf8.count == 19 {
            guard utf8[16] == 0x3A, let seconds = digits(utf8, 17, 2), seconds < 60 else { return nil }
            s = seconds
        }
        return .local(LocalDateTime(date: date, secondOfDay: h * 3600 + m * 60 + s))
    }

    /// `N unit` with one space or none, the unit a lower-case word without spaces (`3 days`,
    /// `6 weeks`, `90min`).
    public static func commonDuration(_ utf8: UnsafeBufferPointer<UInt8>) -> Duration? {
        var index = 0
        var amount = 0
        while index < utf8.count, index < 9, (0x30...0x39).contains(utf8[index]) {
            amount = amount * 10 + Int(utf8[index] - 0x30)
            index += 1
        }
        guard index > 0 else { return nil }
        if index < utf8.count, utf8[index] == 0x20 { index += 1 }
        let word = UnsafeBufferPointer(rebasing: utf8[index...])
        guard let unit = commonUnits.first(where: { $0.word.count == word.count && $0.word.elementsEqual(word) })?.unit,
            amount <= Duration.maximumAmount(of: unit)
        else { return nil }
        return Duration(amount, unit)
    }

    /// The one-word units, as `units` spells them.
    private static let commonUnits: [(word: [UInt8], unit: Duration.Unit)] = units.keys.sorted().compactMap { word in
        word.contains(" ") ? nil : (Array(word.utf8), units[word]!)
    }

    /// `YYYY-MM-DD` at the start of `utf8`, checked as `date` checks it.
    private static func commonDay(_ utf8: UnsafeBufferPointer<UInt8>) -> LocalDate? {
        guard utf8[4] == 0x2D, utf8[7] == 0x2D, let y = digits(utf8, 0, 4), let m = digits(utf8, 5, 2),
            let d = digits(utf8, 8, 2), (1...12).contains(m), y >= 1
        else { return nil }
        return LocalDate(year: y, month: m, day: d)
    }

    private static func digits(_ utf8: UnsafeBufferPointer<UInt8>, _ start: Int, _ count: Int) -> Int? {
        var value = 0
        for byte in utf8[start..<start + count] {
            guard (0x30...0x39).contains(byte) else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        return value
    }
}

extension Substring {
    var trimmingSpaces: String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}

extension String {
    var trimmingSpaces: String { self[...].trimmingSpaces }
}

/// A cursor over UTF-8 bytes for the fixed-shape forms above; it reads the string's own
/// storage, so parsing allocates nothing.
struct Scanner {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0

    static func scan<T>(_ text: String, _ body: (inout Scanner) -> T) -> T {
        var text = text
        return text.withUTF8 { buffer in
            var scanner = Scanner(bytes: buffer)
            return body(&scanner)
        }
    }

    var isAtEnd: Bool { index == bytes.count }
    /// The rest, lower-cased, with runs of spaces and tabs made one space and trimmed. Unit
    /// words are short: a longer rest is returned as written, for the error message.
    mutating func unitWords() -> String {
        let rest = UnsafeBufferPointer(rebasing: bytes[index...])
        index = bytes.count
        guard rest.count <= 24 else { return String(decoding: rest, as: UTF8.self) }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 24) { words in
            var count = 0
            var pendingSpace = false
            for var byte in rest {
                if byte == 0x20 || byte == 0x09 {
                    pendingSpace = count > 0
                    continue
                }
                if pendingSpace {
                    words[count] = 0x20
                    count += 1
                }
                pendingSpace = false
                if (0x41...0x5A).contains(byte) { byte += 0x20 }
                words[count] = byte
                count += 1
            }
            return String(decoding: UnsafeBufferPointer(rebasing: words[..<count]), as: UTF8.self)
        }
    }

    mutating func take(_ character: Character) -> Bool {
        guard let ascii = character.asciiValue, index < bytes.count, bytes[index] == ascii else { return false }
        index += 1
        return true
    }

    mutating func skipSpaces() {
        while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 }
    }

    /// Digits, at least `minDigits` and at most `maxDigits`.
    mutating func number(minDigits: Int = 1, maxDigits: Int) -> Int? {
        var value = 0
        var count = 0
        while index < bytes.count, count < maxDigits, (0x30...0x39).contains(bytes[index]) {
            value = value * 10 + Int(bytes[index] - 0x30)
            index += 1
            count += 1
        }
        return count >= minDigits ? value : nil
    }

    /// `YYYY-MM-DD`, unchecked.
    mutating func date() -> (Int, Int, Int)? {
        let start = index
        guard let y = number(minDigits: 4, maxDigits: 4), take("-"),
            let m = number(minDigits: 2, maxDigits: 2), take("-"),
            let d = number(minDigits: 2, maxDigits: 2)
        else {
            index = start
            return nil
        }
        return (y, m, d)
    }

    /// `H:MM` or `HH:MM[:SS]`, unchecked.
    mutating func timeOfDay() -> (Int, Int, Int)? {
        guard let h = number(minDigits: 1, maxDigits: 2), take(":"), let m = number(minDigits: 2, maxDigits: 2) else {
            return nil
        }
        if take(":") {
            guard let s = number(minDigits: 2, maxDigits: 2) else { return nil }
            return (h, m, s)
        }
        return (h, m, 0)
    }

    /// `Z`, `±HH:MM`, `±HHMM` or `±HH`, as seconds east of UTC.
    mutating func offset() -> Int? {
        if take("Z") || take("z") { return 0 }
        let sign: Int
        if take("+") { sign = 1 } else if take("-") { sign = -1 } else { return nil }
        guard let h = number(minDigits: 2, maxDigits: 2) else { return nil }
        var m = 0
        if take(":") {
            guard let minutes = number(minDigits: 2, maxDigits: 2) else { return nil }
            m = minutes
        } else if let minutes = number(minDigits: 2, maxDigits: 2) {
            m = minutes
        }
        guard m < 60 else { return nil }
        return sign * (h * 3600 + m * 60)
    }
}
