import AgendaCore

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

        public var isQuoted: Bool { self == .singleQuoted || self == .doubleQuoted }
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

    /// A plain scalar that YAML would read as null: empty, `~` or `null`.
    public func isNull(_ id: NodeID) -> Bool {
        let node = nodes[Int(id.raw)]
        guard node.kind == .scalar, node.style == .plain else { return false }
        switch string(id) {
        case "", "~", "null", "Null", "NULL": return true
        default: return false
        }
    }

    /// Items of a sequence, in order.
    public func items(_ id: NodeID) -> [NodeID] {
        let node = nodes[Int(id.raw)]
        guard node.kind == .sequence else { return [] }
        return children[Int(node.start)..<Int(node.start + node.count)].map(NodeID.init(raw:))
    }

    /// Key and value pairs of a mapping, in order.
    public func pairs(_ id: NodeID) -> [(key: NodeID, value: NodeID)] {
        let node = nodes[Int(id.raw)]
        guard node.kind == .mapping else { return [] }
        var result: [(key: NodeID, value: NodeID)] = []
        result.reserveCapacity(Int(node.count) / 2)
        var index = Int(node.start)
        let end = index + Int(node.count)
        while index < end {
            result.append((NodeID(raw: children[index]), NodeID(raw: children[index + 1])))
            index += 2
        }
        return result
    }

    public var nodeCount: Int { nodes.count }
}
