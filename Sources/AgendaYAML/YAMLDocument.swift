import AgendaCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A YAML document as a compact array of located nodes. Scalars keep their raw text and style;
/// nothing is converted until a schema asks for it. An alias is stored as a second reference
/// to its anchor's node, so the tree is a DAG whose expanded size the reader has bounded.
public struct YAMLDocument: Sendable {
    public struct NodeID: Hashable, Sendable {
        let raw: Int32
    }

    public enum Kind: UInt8, Sendable {
        case scalar, sequence, mapping
    }

    public enum ScalarStyle: UInt8, Sendable {
        case plain, singleQuoted, doubleQuoted, literal, folded
    }

    struct Node: Sendable {
        var kind: Kind
        var style: ScalarStyle
        var line: Int32
        var column: Int32
        /// Scalar: byte offset into `text`. Collection: offset into `children`.
        var start: Int32
        /// Scalar: byte length. Sequence: item count. Mapping: key and value count (2 per pair).
        var count: Int32
    }

    public let path: String
    var nodes: [Node] = []
    var children: [Int32] = []
    var text: [UInt8] = []
    /// The size of each anchored list or mapping with every alias in it written out, as the
    /// reader counted it: what an alias to it repeats.
    var anchoredSizes: [Int32: Int] = [:]
    public internal(set) var root = NodeID(raw: 0)

    init(path: String) { self.path = path }

    public func kind(_ id: NodeID) -> Kind { nodes[Int(id.raw)].kind }

    public func style(_ id: NodeID) -> ScalarStyle { nodes[Int(id.raw)].style }

    public func location(_ id: NodeID) -> SourceLocation {
        let node = nodes[Int(id.raw)]
        return SourceLocation(file: path, line: Int(node.line), column: Int(node.column))
    }

    /// The raw text of a scalar (the empty string for a collection).
    public func string(_ id: NodeID) -> String {
        let node = nodes[Int(id.raw)]
        guard node.kind == .scalar else { return "" }
        return text.withUnsafeBufferPointer { buffer in
            String(decoding: buffer[Int(node.start)..<Int(node.start + node.count)], as: UTF8.self)
        }
    }

    /// Whether a scalar holds no text at all.
    func isEmptyScalar(_ id: NodeID) -> Bool {
        let node = nodes[Int(id.raw)]
        return node.kind == .scalar && node.count == 0
    }

    /// Reads a scalar's raw bytes in place; nil for a collection.
    func withScalarBytes<T>(_ id: NodeID, _ body: (UnsafeBufferPointer<UInt8>) -> T?) -> T? {
        let node = nodes[Int(id.raw)]
        guard node.kind == .scalar else { return nil }
        return text.withUnsafeBufferPointer { buffer in
            body(UnsafeBufferPointer(rebasing: buffer[Int(node.start)..<Int(node.start + node.count)]))
        }
    }

    /// A plain scalar that YAML would read as null: empty, `~` or `null`.
    public func isNull(_ id: NodeID) -> Bool {
        let node = nodes[Int(id.raw)]
        guard node.kind == .scalar, node.style == .plain, node.count <= 4 else { return false }
        switch node.count {
        case 0: return true
        case 1: return text[Int(node.start)] == UInt8(ascii: "~")
        case 4: return scalarEquals(id, Self.null) || scalarEquals(id, Self.capitalNull) || scalarEquals(id, Self.upperNull)
        default: return false
        }
    }

    private static let null = Array("null".utf8)
    private static let capitalNull = Array("Null".utf8)
    private static let upperNull = Array("NULL".utf8)

    /// Whether a scalar holds exactly these bytes.
    func scalarEquals(_ id: NodeID, _ bytes: [UInt8]) -> Bool {
        let node = nodes[Int(id.raw)]
        guard node.kind == .scalar, Int(node.count) == bytes.count else { return false }
        return text.withUnsafeBufferPointer { buffer in
            bytes.withUnsafeBufferPointer { memcmp(buffer.baseAddress! + Int(node.start), $0.baseAddress!, bytes.count) == 0 }
        }
    }

    /// Whether two scalars hold the same text, compared byte for byte.
    func sameScalarText(_ a: NodeID, _ b: NodeID) -> Bool {
        let x = nodes[Int(a.raw)]
        let y = nodes[Int(b.raw)]
        guard x.kind == .scalar, y.kind == .scalar, x.count == y.count else { return false }
        return text.withUnsafeBufferPointer { buffer in
            memcmp(buffer.baseAddress! + Int(x.start), buffer.baseAddress! + Int(y.start), Int(x.count)) == 0
        }
    }

    /// How many nodes this one stands for with every alias written out. A walk of the nodes
    /// written here; an anchored part counts at the size the reader measured, so the cost
    /// does not grow with what aliases repeat.
    func expandedSize(_ id: NodeID) -> Int {
        var total = 0
        var pending = [id.raw]
        while let raw = pending.popLast() {
            if let size = anchoredSizes[raw] {
                total += size
                continue
            }
            total += 1
            let node = nodes[Int(raw)]
            if node.kind != .scalar { pending += children[Int(node.start)..<Int(node.start + node.count)] }
        }
        return total
    }

    /// Items of a sequence, in order.
    public func items(_ id: NodeID) -> [NodeID] {
        let node = nodes[Int(id.raw)]
        guard node.kind == .sequence else { return [] }
        return children[Int(node.start)..<Int(node.start + node.count)].map(NodeID.init(raw:))
    }

    /// Key and value pairs of a mapping, in order: a view over the document, no copy.
    public func pairs(_ id: NodeID) -> Pairs {
        let node = nodes[Int(id.raw)]
        guard node.kind == .mapping else { return Pairs(slots: []) }
        return Pairs(slots: children[Int(node.start)..<Int(node.start + node.count)])
    }

    /// The pairs of a mapping as alternating key and value node indices.
    public struct Pairs: RandomAccessCollection, Sendable {
        let slots: ArraySlice<Int32>

        init(slots: ArraySlice<Int32>) { self.slots = slots }

        /// Pairs built by the reader, e.g. after `<<` merges.
        init(_ pairs: [(key: NodeID, value: NodeID)]) {
            slots = ArraySlice(pairs.flatMap { [$0.key.raw, $0.value.raw] })
        }

        public var startIndex: Int { 0 }
        public var endIndex: Int { slots.count / 2 }

        public subscript(position: Int) -> (key: NodeID, value: NodeID) {
            let base = slots.startIndex + 2 * position
            return (NodeID(raw: slots[base]), NodeID(raw: slots[base + 1]))
        }
    }
}
