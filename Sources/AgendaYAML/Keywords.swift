/// A fixed set of words, such as the keys of an event, recognised by a scalar's bytes: the
/// decoder looks up every key of every entry, so no string is made for it.
struct Keywords<Word: RawRepresentable & CaseIterable & Sendable>: Sendable where Word.RawValue == String {
    /// The words' bytes, grouped by length.
    private let byLength: [[(bytes: [UInt8], word: Word)]]

    init() {
        var byLength: [[(bytes: [UInt8], word: Word)]] = []
        for word in Word.allCases {
            let bytes = Array(word.rawValue.utf8)
            while byLength.count <= bytes.count { byLength.append([]) }
            byLength[bytes.count].append((bytes, word))
        }
        self.byLength = byLength
    }

    /// The word a scalar holds exactly, whatever its quoting; nil for other text or a collection.
    func match(_ doc: YAMLDocument, _ node: YAMLDocument.NodeID) -> Word? {
        doc.withScalarBytes(node) { bytes in
            guard bytes.count < byLength.count else { return nil }
            return byLength[bytes.count].first { Self.equal($0.bytes, bytes) }?.word
        }
    }

    /// Byte arrays of the same length, compared without a generic iterator.
    private static func equal(_ word: [UInt8], _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        word.withUnsafeBufferPointer { word in
            for index in word.indices where word[index] != bytes[index] { return false }
            return true
        }
    }
}
