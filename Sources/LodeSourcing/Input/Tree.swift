/// A model file as a tree of located values, before any meaning is given to it.
///
/// YAML, JSON and CSV all become this tree, so one decoder reads them all, errors point at the
/// exact line and column (or CSV row and column), and command-line overrides (`--set`) and sweeps
/// edit the tree the same way whatever file a value came from. Every scalar stays a string until
/// the decoder asks for a number, so ids such as `NO` or `1e3` are never turned into booleans or
/// numbers (the YAML 1.1 "Norway problem").
public struct Tree: Sendable {
    public enum Value: Sendable {
        case scalar(String)
        case mapping([Entry])
        case sequence([Tree])
        /// An explicit null (`~`, `null` or nothing after a key).
        case null
    }

    public struct Entry: Sendable {
        public var key: String
        public var keyLocation: SourceLocation
        public var value: Tree
    }

    public var value: Value
    public var location: SourceLocation

    public init(_ value: Value, at location: SourceLocation) {
        self.value = value
        self.location = location
    }

    /// The value under `key` of a mapping.
    public subscript(key: String) -> Tree? {
        guard case let .mapping(entries) = value else { return nil }
        return entries.first { $0.key == key }?.value
    }

    public var entries: [Entry]? {
        if case let .mapping(entries) = value { return entries }
        return nil
    }

    public var elements: [Tree]? {
        if case let .sequence(elements) = value { return elements }
        return nil
    }

    public var scalar: String? {
        if case let .scalar(text) = value { return text }
        return nil
    }

    var kindName: String {
        switch value {
        case .scalar: return "a scalar"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .null: return "null"
        }
    }
}

extension Tree {
    /// The `PERIOD:VALUE` pairs of a period map written in one scalar, as a CSV cell holds it
    /// (`2026:0;2030:500`), each side trimmed; or the first part that is not such a pair. The
    /// decoder reads the map from it, and `--set` reaches into it by period.
    static func periodCell(_ text: String) -> (pairs: [(label: String, value: String)], malformed: String?) {
        var pairs: [(label: String, value: String)] = []
        for part in text.split(separator: ";") {
            let pieces = part.split(separator: ":", maxSplits: 1).map { TreeReader.trimmed(String($0)) }
            guard pieces.count == 2 else { return (pairs, TreeReader.trimmed(String(part))) }
            pairs.append((pieces[0], pieces[1]))
        }
        return (pairs, nil)
    }
}
