import AgendaCore
import Foundation
import Testing

@testable import AgendaYAML

/// The decoder reads the common forms of values straight from bytes. Over many inputs, well
/// and badly formed, it must give exactly what the general parsers give: the same values, and
/// the same messages for the rest.
@Suite("Common forms read from bytes")
struct CommonFormTests {
    /// A fixed pseudo-random sequence (SplitMix64), so every run checks the same inputs.
    struct Generator {
        var state: UInt64

        mutating func next(below bound: Int) -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int((z ^ (z >> 31)) % UInt64(bound))
        }

        mutating func string(from alphabet: [String], maxLength: Int) -> String {
            (0..<next(below: maxLength + 1)).map { _ in alphabet[next(below: alphabet.count)] }.joined()
        }
    }

    static let dates: [String] = {
        var dates: [String] = []
        for year in ["0000", "0001", "2016", "9999", "20a6", "216"] {
            for month in ["00", "01", "02", "12", "13", "1", "1a"] {
                for day in ["00", "01", "28", "29", "30", "31", "32", "3"] { dates.append("\(year)-\(month)-\(day)") }
            }
        }
        return dates + ["2016/03/14", "20160314", "2016-03-14 ", " 2016-03-14", "2015-02-29", "2000-02-29", "1900-02-29"]
    }()

    static let dateTimes: [String] = {
        let times = [
            "00:00", "10:00", "23:59", "24:00", "09:60", "9:30", "10:00:00", "10:00:59", "10:00:60", "10:0", "10:00Z",
            "10:00z", "10:00+02:00", "10:00-0400", "10:00+19:00", "10:00+02", "10:00:00Z", "", "1000", "10:00 ",
            "10:00:0", "1a:00", "10:a0", "10:00:a0", "10-00",
        ]
        var values: [String] = []
        for date in ["2016-03-14", "2016-02-30", "2016-13-01", "0000-01-01", "2016-3-14"] {
            for separator in ["T", "t", " ", "x", "  ", ""] {
                for time in times { values.append(date + separator + time) }
            }
        }
        return values
    }()

    static let durations: [String] = {
        let amounts = ["0", "1", "3", "007", "42", "999999999", "1000000000", "0000000001", "123456789012345678901", "-3", "+3", "3.5", "", " 3"]
        let units = [
            "minute", "minutes", "min", "mins", "hour", "hours", "h", "hr", "hrs", "day", "days", "d", "week", "weeks", "w",
            "wk", "wks", "month", "months", "mo", "mos", "working day", "working days", "wd", "Days", "DAYS", "day s",
            "fortnight", "", "days ", "Working Days", "working  days", "ωeeks", "days\t", "m",
        ]
        var values: [String] = []
        for amount in amounts {
            for space in ["", " ", "  ", "\t", " \t"] {
                for unit in units { values.append(amount + space + unit) }
            }
        }
        return values + ["99999999 weeks", "9999999 months", "5000000 days", "3652059 days", "3652060 days", "2 working days"]
    }()

    static let randomValues: [String] = {
        var generator = Generator(state: 2016)
        let alphabet = "0123456789-:Tt Z+.dayswkmonhr\t".map(String.init) + ["é", "٣"]
        return (0..<3000).map { _ in generator.string(from: alphabet, maxLength: 20) }
    }()

    static let allValues = dates + dateTimes + durations + randomValues

    /// The values as one YAML list of single-quoted scalars, and its items.
    static func document() -> (YAMLDocument, [YAMLDocument.NodeID]) {
        let items = allValues.map { "- '\($0.replacingOccurrences(of: "'", with: "''"))'" }
        let (doc, diagnostics) = YAMLReader.read(Array(items.joined(separator: "\n").utf8), path: "values.yaml")
        precondition(diagnostics.isEmpty, "\(diagnostics)")
        return (doc!, doc!.items(doc!.root))
    }

    /// What the reader gives for one value, against what the general parser says of its text.
    func expectSame<T: Equatable>(
        _ doc: YAMLDocument, _ node: YAMLDocument.NodeID, _ read: (inout SchemaReader) -> T?,
        _ parse: (String) -> Result<T, TimeParsers.Failure>
    ) {
        var reader = SchemaReader()
        let value = read(&reader)
        let text = doc.string(node)
        switch parse(text) {
        case .success(let expected):
            #expect(value == expected, "\(text)")
            #expect(reader.diagnostics.isEmpty, "\(text)")
        case .failure(let failure):
            #expect(value == nil, "\(text)")
            #expect(reader.diagnostics.map(\.message) == [failure.message], "\(text)")
            #expect(reader.diagnostics.map(\.code) == [failure.code], "\(text)")
        }
    }

    @Test func valuesAndMessagesAreThoseOfTheGeneralParsers() {
        let (doc, items) = Self.document()
        #expect(items.count == Self.allValues.count)
        for node in items where !doc.string(node).isEmpty {
            expectSame(doc, node, { $0.date(doc, node, what: "'until'") }, TimeParsers.date)
            expectSame(doc, node, { $0.timeSpec(doc, node, what: "'start'") }, TimeParsers.timeSpec)
            expectSame(doc, node, { $0.duration(doc, node, what: "'duration'") }, TimeParsers.duration)
        }
    }

    @Test func commonFormsNeedNoString() {
        func bytes<T>(_ text: String, _ parse: (UnsafeBufferPointer<UInt8>) -> T?) -> T? {
            Array(text.utf8).withUnsafeBufferPointer(parse)
        }
        let day = LocalDate(year: 2016, month: 3, day: 14)!
        #expect(bytes("2016-03-14", TimeParsers.commonDate) == day)
        #expect(bytes("2016-03-14", TimeParsers.commonTimeSpec) == .date(day))
        #expect(bytes("2016-03-14T10:00", TimeParsers.commonTimeSpec) == .local(LocalDateTime(date: day, secondOfDay: 36_000)))
        #expect(bytes("2016-03-14 10:00:30", TimeParsers.commonTimeSpec) == .local(LocalDateTime(date: day, secondOfDay: 36_030)))
        #expect(bytes("3 days", TimeParsers.commonDuration) == Duration(3, .days))
        #expect(bytes("6 weeks", TimeParsers.commonDuration) == Duration(6, .weeks))
        #expect(bytes("90min", TimeParsers.commonDuration) == Duration(90, .minutes))
        // Anything else is left to the general parsers.
        #expect(bytes("2016-03-14T10:00Z", TimeParsers.commonTimeSpec) == nil)
        #expect(bytes("2016-02-30", TimeParsers.commonDate) == nil)
        #expect(bytes("10 working days", TimeParsers.commonDuration) == nil)
        #expect(bytes("3 Days", TimeParsers.commonDuration) == nil)
    }

    @Test func keywordsMatchWhatTheKeyStringMatches() {
        let keys = AgendaDecoder.EventKey.allCases.map(\.rawValue)
        let variants = keys + keys.map { $0.uppercased() } + keys.map { "'\($0)'" } + keys.map { "\"\($0) \"" } + [
            "idx", "i", "for_eac", "for_each_", "<<", "''", "~", "null", "[id]", "{ id: 1 }", "é", "ids",
        ]
        let text = variants.map { "- \($0)" }.joined(separator: "\n")
        let (doc, diagnostics) = YAMLReader.read(Array(text.utf8), path: "keys.yaml")
        #expect(diagnostics.isEmpty)
        guard let doc else { return }
        let keywords = Keywords<AgendaDecoder.EventKey>()
        var matched = 0
        for node in doc.items(doc.root) {
            let expected = doc.kind(node) == .scalar ? AgendaDecoder.EventKey(rawValue: doc.string(node)) : nil
            #expect(keywords.match(doc, node) == expected, "\(doc.string(node))")
            if expected != nil { matched += 1 }
        }
        // Each key plain and single-quoted.
        #expect(matched == 2 * keys.count)
    }

    @Test func asciiSlugsAreTheSlugsOfTheirCharacters() {
        var generator = Generator(state: 59)
        let ascii = (0..<128).map { String(UnicodeScalar(UInt8($0))) } + ["\r\n"]
        for _ in 0..<3000 {
            let text = generator.string(from: ascii, maxLength: 24)
            #expect(Placeholders.asciiSlug(text) == Placeholders.characterSlug(text), "\(text.debugDescription)")
        }
        #expect(Placeholders.slug("Côte d’Ivoire, 2016") == "cote-d-ivoire-2016")
        #expect(Placeholders.slug("--Latin America & Caribbean--") == "latin-america-caribbean")
    }
}
