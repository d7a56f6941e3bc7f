// The JSON of PlanJSON without Foundation's JSONEncoder: the same bytes (sorted keys, optional
// pretty printing, slashes unescaped), several times faster on large plans.
import Foundation

/// Encodes `Encodable` values as Foundation's `JSONEncoder` does with `.sortedKeys` and
/// `.withoutEscapingSlashes` (and `.prettyPrinted` when asked): keys sorted by their UTF-8 bytes,
/// numbers as their Swift `description` without a trailing `.0`, strings escaped alike.
///
/// Why: the JSON plan of a 10,000-supplier model over 10 periods (29 MB, 100,000 supplier lines)
/// took JSONEncoder about 0.7 s, a quarter of `lode solve` end to end. Values that JSONEncoder
/// treats specially (dates, data, URLs, decimals) or cannot encode (non-finite numbers) throw
/// ``Unsupported``, and the caller then uses JSONEncoder, which gives its own result or error.
enum FastJSON {
    struct Unsupported: Error {}

    static func encode<T: Encodable>(_ value: T, pretty: Bool) throws -> [UInt8] {
        let root = Node()
        try encodeValue(value, into: root, codingPath: [])
        var writer = Writer(pretty: pretty)
        writer.write(root)
        return writer.bytes
    }

    /// One value of the tree: an object (keys and children), an array (children) or a scalar
    /// (its JSON text, ready to write).
    final class Node {
        enum Kind { case unset, object, array, scalar }
        var kind = Kind.unset
        var scalar: String = ""
        var keys: [String] = []
        var children: [Child] = []
    }

    /// A member of an object or array: a scalar's JSON text, or a node.
    enum Child {
        case text(String)
        case node(Node)
    }

    /// `value` as a child: its text when it encodes as a scalar.
    static func child<T: Encodable>(_ value: T, codingPath: [any CodingKey]) throws -> Child {
        if T.self == Double.self { return .text(try number(value as! Double)) }
        if T.self == String.self { return .text(quoted(value as! String)) }
        let node = Node()
        try encodeValue(value, into: node, codingPath: codingPath)
        return node.kind == .scalar ? .text(node.scalar) : .node(node)
    }

    static func number(_ value: Double) throws -> String {
        guard value.isFinite else { throw Unsupported() }
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        return text
    }

    static func encodeValue<T: Encodable>(_ value: T, into node: Node, codingPath: [any CodingKey]) throws {
        // Metatype comparisons: dynamic casts of every value cost more than the rest together.
        if T.self == Date.self || T.self == Data.self || T.self == URL.self || T.self == Decimal.self {
            throw Unsupported()
        } else if T.self == Double.self {
            try setNumber(value as! Double, node)
        } else if T.self == Float.self {
            let number = value as! Float
            try setNumber(Double(number), node, float: number)
        } else if T.self == String.self {
            setScalar(quoted(value as! String), node)
        } else {
            try value.encode(to: NodeEncoder(node: node, codingPath: codingPath))
        }
    }

    static func setNumber(_ value: Double, _ node: Node, float: Float? = nil) throws {
        guard value.isFinite else { throw Unsupported() }
        var text = float.map { $0.description } ?? value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        node.kind = .scalar
        node.scalar = text
    }

    static func setScalar(_ text: String, _ node: Node) {
        node.kind = .scalar
        node.scalar = text
    }

    /// `string` in quotes, escaped as JSONEncoder's writer escapes it (slashes kept).
    static func quoted(_ string: String) -> String {
        var needsEscape = false
        for byte in string.utf8 where byte == 0x22 || byte == 0x5C || byte < 0x20 {
            needsEscape = true
            break
        }
        guard needsEscape else { return "\"" + string + "\"" }
        var out: [UInt8] = [0x22]
        let hex = Array("0123456789abcdef".utf8)
        for byte in string.utf8 {
            switch byte {
            case 0x22: out += [0x5C, 0x22]
            case 0x5C: out += [0x5C, 0x5C]
            case 0x08: out += [0x5C, UInt8(ascii: "b")]
            case 0x0C: out += [0x5C, UInt8(ascii: "f")]
            case 0x0A: out += [0x5C, UInt8(ascii: "n")]
            case 0x0D: out += [0x5C, UInt8(ascii: "r")]
            case 0x09: out += [0x5C, UInt8(ascii: "t")]
            case 0x00..<0x20: out += [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(byte / 16)], hex[Int(byte % 16)]]
            default: out.append(byte)
            }
        }
        out.append(0x22)
        return String(decoding: out, as: UTF8.self)
    }

    struct NodeEncoder: Encoder {
        let node: Node
        let codingPath: [any CodingKey]
        var userInfo: [CodingUserInfoKey: Any] { [:] }

        func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
            if node.kind != .object {
                node.kind = .object
                node.keys = []
                node.children = []
            }
            return KeyedEncodingContainer(Keyed<Key>(node: node, codingPath: codingPath))
        }

        func unkeyedContainer() -> any UnkeyedEncodingContainer {
            if node.kind != .array {
                node.kind = .array
                node.children = []
            }
            return Unkeyed(node: node, codingPath: codingPath)
        }

        func singleValueContainer() -> any SingleValueEncodingContainer {
            Single(node: node, codingPath: codingPath)
        }
    }

    struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let node: Node
        let codingPath: [any CodingKey]

        /// Adds a member (a key is written once: the synthesized encoders never repeat one).
        func add(_ key: Key, _ child: Child) {
            node.keys.append(key.stringValue)
            node.children.append(child)
        }

        func nested(_ key: Key) -> Node {
            let child = Node()
            add(key, .node(child))
            return child
        }

        mutating func encodeNil(forKey key: Key) throws { add(key, .text("null")) }
        mutating func encode(_ value: Bool, forKey key: Key) throws { add(key, .text(value ? "true" : "false")) }
        mutating func encode(_ value: String, forKey key: Key) throws { add(key, .text(quoted(value))) }
        mutating func encode(_ value: Double, forKey key: Key) throws { add(key, .text(try number(value))) }
        mutating func encode(_ value: Float, forKey key: Key) throws {
            guard value.isFinite else { throw Unsupported() }
            var text = value.description
            if text.hasSuffix(".0") { text.removeLast(2) }
            add(key, .text(text))
        }
        mutating func encode(_ value: Int, forKey key: Key) throws { add(key, .text(value.description)) }
        mutating func encode(_ value: Int8, forKey key: Key) throws { add(key, .text(value.description)) }
        mutating func encode(_ value: Int16, forKey key: Key) throws { add(key, .text(value.description)) }
        mutating func encode(_ value: Int32, forKey key: Key) throws { add(key, .text(value.description)) }
        mutating func encode(_ value: Int64, forKey key: Key) throws { add(key, .text(value.description)) }
        mutating func encode(_ value: UInt, forKey key: Key) throws { add(key, .text(value.description)) }
        mutating func encode(_ value: UInt8, forKey key: Key) throws { add(key, .text(value.description)) }
        mutating func encode(_ value: UInt16, forKey key: Key) throws { add(key, .text(value.description)) }
        mutating func encode(_ value: UInt32, forKey key: Key) throws { add(key, .text(value.description)) }
        mutating func encode(_ value: UInt64, forKey key: Key) throws { add(key, .text(value.description)) }
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
            add(key, try child(value, codingPath: []))  // no paths: errors fall back to JSONEncoder
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key)
            -> KeyedEncodingContainer<NestedKey>
        {
            NodeEncoder(node: nested(key), codingPath: codingPath + [key]).container(keyedBy: keyType)
        }

        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            NodeEncoder(node: nested(key), codingPath: codingPath + [key]).unkeyedContainer()
        }

        mutating func superEncoder() -> any Encoder {
            NodeEncoder(node: nested(Key(stringValue: "super")!), codingPath: codingPath)
        }

        mutating func superEncoder(forKey key: Key) -> any Encoder {
            NodeEncoder(node: nested(key), codingPath: codingPath + [key])
        }
    }

    struct Unkeyed: UnkeyedEncodingContainer {
        let node: Node
        let codingPath: [any CodingKey]
        var count: Int { node.children.count }

        func nested() -> Node {
            let child = Node()
            node.children.append(.node(child))
            return child
        }

        mutating func encodeNil() throws { node.children.append(.text("null")) }
        mutating func encode(_ value: Bool) throws { node.children.append(.text(value ? "true" : "false")) }
        mutating func encode(_ value: String) throws { node.children.append(.text(quoted(value))) }
        mutating func encode(_ value: Double) throws { node.children.append(.text(try number(value))) }
        mutating func encode(_ value: Float) throws {
            let child = Node()
            try setNumber(Double(value), child, float: value)
            node.children.append(.text(child.scalar))
        }
        mutating func encode(_ value: Int) throws { node.children.append(.text(value.description)) }
        mutating func encode<T: Encodable>(_ value: T) throws {
            node.children.append(try child(value, codingPath: codingPath))
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type)
            -> KeyedEncodingContainer<NestedKey>
        {
            NodeEncoder(node: nested(), codingPath: codingPath).container(keyedBy: keyType)
        }

        mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
            NodeEncoder(node: nested(), codingPath: codingPath).unkeyedContainer()
        }

        mutating func superEncoder() -> any Encoder { NodeEncoder(node: nested(), codingPath: codingPath) }
    }

    struct Single: SingleValueEncodingContainer {
        let node: Node
        let codingPath: [any CodingKey]

        mutating func encodeNil() throws { setScalar("null", node) }
        mutating func encode(_ value: Bool) throws { setScalar(value ? "true" : "false", node) }
        mutating func encode(_ value: String) throws { setScalar(quoted(value), node) }
        mutating func encode(_ value: Double) throws { try setNumber(value, node) }
        mutating func encode(_ value: Float) throws { try setNumber(Double(value), node, float: value) }
        mutating func encode(_ value: Int) throws { setScalar(value.description, node) }
        mutating func encode(_ value: Int8) throws { setScalar(value.description, node) }
        mutating func encode(_ value: Int16) throws { setScalar(value.description, node) }
        mutating func encode(_ value: Int32) throws { setScalar(value.description, node) }
        mutating func encode(_ value: Int64) throws { setScalar(value.description, node) }
        mutating func encode(_ value: UInt) throws { setScalar(value.description, node) }
        mutating func encode(_ value: UInt8) throws { setScalar(value.description, node) }
        mutating func encode(_ value: UInt16) throws { setScalar(value.description, node) }
        mutating func encode(_ value: UInt32) throws { setScalar(value.description, node) }
        mutating func encode(_ value: UInt64) throws { setScalar(value.description, node) }
        mutating func encode<T: Encodable>(_ value: T) throws {
            try encodeValue(value, into: node, codingPath: codingPath)
        }
    }

    /// Writes a tree as JSONEncoder's writer does (two spaces a level, " : ", ",\n").
    struct Writer {
        let pretty: Bool
        var bytes: [UInt8] = []
        var indent = 0

        init(pretty: Bool) {
            self.pretty = pretty
        }

        mutating func writeIndent() {
            for _ in 0..<(2 * indent) { bytes.append(0x20) }
        }

        mutating func separate() {
            bytes.append(0x2C)
            if pretty {
                bytes.append(0x0A)
                writeIndent()
            }
        }

        mutating func write(_ child: Child) {
            switch child {
            case let .text(text): bytes.append(contentsOf: text.utf8)
            case let .node(node): write(node)
            }
        }

        mutating func write(_ node: Node) {
            switch node.kind {
            case .scalar: bytes.append(contentsOf: node.scalar.utf8)
            case .array:
                bytes.append(UInt8(ascii: "["))
                if pretty {
                    bytes.append(0x0A)
                    indent += 1
                    if !node.children.isEmpty { writeIndent() }
                }
                for (k, child) in node.children.enumerated() {
                    if k > 0 { separate() }
                    write(child)
                }
                close(UInt8(ascii: "]"))
            case .object, .unset:
                bytes.append(UInt8(ascii: "{"))
                if pretty {
                    bytes.append(0x0A)
                    indent += 1
                    if !node.keys.isEmpty { writeIndent() }
                }
                let keys = node.keys
                let order = keys.indices.sorted { keys[$0].utf8.lexicographicallyPrecedes(keys[$1].utf8) }
                for (k, position) in order.enumerated() {
                    if k > 0 { separate() }
                    bytes.append(contentsOf: quoted(keys[position]).utf8)
                    if pretty {
                        bytes.append(0x20)
                        bytes.append(0x3A)
                        bytes.append(0x20)
                    } else {
                        bytes.append(0x3A)
                    }
                    write(node.children[position])
                }
                close(UInt8(ascii: "}"))
            }
        }

        mutating func close(_ bracket: UInt8) {
            if pretty {
                bytes.append(0x0A)
                indent -= 1
                writeIndent()
            }
            bytes.append(bracket)
        }
    }
}
