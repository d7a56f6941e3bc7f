// Builds a model file's Tree straight from libyaml's events (the C library under Yams), in one
// loop without recursion, so that nesting and alias expansion are bounded before anything large
// is built, and every syntax error is reported at its real line and column.
import CYaml

enum YAMLReader {
    /// The tree of the one document in `text`, or nil with the errors logged.
    static func read(_ text: String, file: String, log: inout DiagnosticLog) -> Tree? {
        var text = text
        return text.withUTF8 { bytes in
            var reader = Reader(file: file, bytes: bytes)
            let tree = reader.run()
            log.append(reader.log)
            return tree
        }
    }

    /// A list or mapping being read: its elements so far.
    private struct Frame {
        var isMapping: Bool
        var location: SourceLocation
        var anchor: String?
        /// Nodes read before this one began (to size it for its aliases).
        var nodesBefore: Int
        var elements: [Tree] = []
        var entries: [Tree.Entry] = []
        var keys: Set<String> = []
        /// A mapping's key waiting for its value; `skip` when that key was refused.
        var key: (text: String, location: SourceLocation)?
        var skip = false
        var expectsKey = true
    }

    /// A node read, with its text when it is a scalar (mapping keys are scalars' text).
    private struct Node {
        var tree: Tree
        var scalar: String?
    }

    private struct Reader {
        let file: String
        let bytes: UnsafeBufferPointer<UInt8>
        var log = DiagnosticLog()
        var stack: [Frame] = []
        /// The anchored nodes and how many nodes each stands for.
        var anchors: [String: (node: Node, size: Int)] = [:]
        var nodes = 0
        var aliasNodes = 0
        var root: Tree?

        init(file: String, bytes: UnsafeBufferPointer<UInt8>) {
            self.file = file
            self.bytes = bytes
        }

        mutating func run() -> Tree? {
            guard let base = bytes.baseAddress, !bytes.isEmpty else { return empty() }
            var parser = yaml_parser_t()
            guard yaml_parser_initialize(&parser) == 1 else {
                log.error(place(line: 1, column: 1), "(syntax)", "the YAML reader could not start (out of memory)")
                return nil
            }
            defer { yaml_parser_delete(&parser) }
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
            yaml_parser_set_input_string(&parser, base, bytes.count)
            var documents = 0
            while true {
                var event = yaml_event_t()
                guard yaml_parser_parse(&parser, &event) == 1 else {
                    reportSyntaxError(parser)
                    return nil
                }
                defer { yaml_event_delete(&event) }
                let location = place(event.start_mark)
                switch event.type {
                case YAML_STREAM_END_EVENT:
                    return root ?? empty()
                case YAML_DOCUMENT_START_EVENT:
                    documents += 1
                    if documents > 1 {
                        log.error(
                            location, "(syntax)", "the file holds more than one YAML document",
                            fix: "keep one document: remove this '---' line and what follows, or merge them")
                        return nil
                    }
                case YAML_SCALAR_EVENT:
                    let scalar = event.data.scalar
                    let value = String(
                        decoding: UnsafeBufferPointer(start: scalar.value, count: scalar.length),
                        as: UTF8.self)
                    let isNull =
                        scalar.style == YAML_PLAIN_SCALAR_STYLE
                        && ["", "~", "null", "Null", "NULL"].contains(value)
                    let node = Node(tree: Tree(isNull ? .null : .scalar(value), at: location), scalar: value)
                    nodes += 1
                    if let anchor = Self.string(scalar.anchor) { anchors[anchor] = (node, 1) }
                    guard add(node) else { return nil }
                case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                    guard stack.count < ReaderLimits.nestingDepth else {
                        log.error(location, "(file)", nestingMessage, fix: nestingFix)
                        return nil
                    }
                    let isMapping = event.type == YAML_MAPPING_START_EVENT
                    let anchor = Self.string(
                        isMapping
                            ? event.data.mapping_start.anchor
                            : event.data.sequence_start.anchor)
                    stack.append(Frame(isMapping: isMapping, location: location, anchor: anchor, nodesBefore: nodes))
                    nodes += 1
                case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                    guard let frame = stack.popLast() else { continue }
                    let value: Tree.Value = frame.isMapping ? .mapping(frame.entries) : .sequence(frame.elements)
                    let tree = Tree(value, at: frame.location)
                    let node = Node(tree: tree, scalar: nil)
                    if let anchor = frame.anchor { anchors[anchor] = (node, nodes - frame.nodesBefore) }
                    guard add(node) else { return nil }
                case YAML_ALIAS_EVENT:
                    let name = Self.string(event.data.alias.anchor) ?? ""
                    guard let (node, size) = anchors[name] else {
                        log.error(
                            location, "(alias)", "the alias *\(name) refers to no anchor defined before it",
                            fix: "define '&\(name)' on a value above, or write the value out")
                        return nil
                    }
                    aliasNodes += size
                    nodes += size
                    guard aliasNodes <= ReaderLimits.aliasNodes else {
                        log.error(
                            location, "(alias)", "aliases expand to more than \(ReaderLimits.aliasNodes) nodes",
                            fix: "write the values out, or refer to smaller anchors")
                        return nil
                    }
                    guard add(node) else { return nil }
                default:
                    continue
                }
            }
        }

        /// Adds a finished node to the list or mapping being read, or makes it the root.
        private mutating func add(_ node: Node) -> Bool {
            guard !stack.isEmpty else {
                root = node.tree
                return true
            }
            let top = stack.count - 1
            guard stack[top].isMapping else {
                stack[top].elements.append(node.tree)
                return true
            }
            defer { stack[top].expectsKey.toggle() }
            guard stack[top].expectsKey else {
                if !stack[top].skip, let key = stack[top].key {
                    stack[top].entries.append(Tree.Entry(key: key.text, keyLocation: key.location, value: node.tree))
                }
                stack[top].key = nil
                stack[top].skip = false
                return true
            }
            let location = node.tree.location
            guard let key = node.scalar else {
                log.error(location, "(key)", "a mapping key must be a plain word", fix: "write the key as text")
                stack[top].skip = true
                return true
            }
            if key.utf8.count > ReaderLimits.idBytes || Fields.hasControlCharacter(key) {
                log.error(
                    location, "(key)", "the key \(Fields.shown(key)) is not a usable key or id",
                    fix: "use 1 to \(ReaderLimits.idBytes) characters without tabs, line breaks "
                        + "or other control characters")
                stack[top].skip = true
                return true
            }
            if !stack[top].keys.insert(key).inserted {
                log.error(location, key, "the key appears twice in the same mapping", fix: "keep one of them")
                stack[top].skip = true
                return true
            }
            stack[top].key = (key, location)
            return true
        }

        private let nestingMessage = "lists and mappings nest more than \(ReaderLimits.nestingDepth) levels deep here"
        private let nestingFix = "a model needs only a few levels: check the brackets and the indentation"

        private mutating func empty() -> Tree? {
            log.error(
                place(line: 1, column: 1), "(file)", "the model file is empty",
                fix: "start from one of the files in models/")
            return nil
        }

        /// libyaml's error, at the place it names: a mark for scanner and parser errors, a byte
        /// offset for reader errors (bad characters).
        private mutating func reportSyntaxError(_ parser: yaml_parser_t) {
            let problem = parser.problem.map { String(cString: $0) } ?? "unreadable text"
            if problem.hasPrefix("Maximum nesting level") {
                // libyaml's own bound (1000 flow levels), met before ours when it reads ahead.
                log.error(place(parser.problem_mark), "(file)", nestingMessage, fix: nestingFix)
                return
            }
            var message = problem
            let location: SourceLocation
            switch parser.error {
            case YAML_READER_ERROR:
                location = place(offset: parser.problem_offset)
                if parser.problem_value >= 0 {
                    message += " (character U+\(String(UInt32(parser.problem_value), radix: 16, uppercase: true)))"
                }
            case YAML_SCANNER_ERROR, YAML_PARSER_ERROR:
                location = place(parser.problem_mark)
            default:
                location = place(line: 1, column: 1)
            }
            if let context = parser.context.map({ String(cString: $0) }) {
                let mark = parser.context_mark
                message += " (\(context) that starts at line \(mark.line + 1), column \(mark.column + 1))"
            }
            log.error(
                location, "(syntax)", "the file is not valid YAML or JSON: \(message)",
                fix: "correct the syntax at the place shown "
                    + "(indentation, a missing ':' or quote, a control character)")
        }

        private func place(_ mark: yaml_mark_t) -> SourceLocation {
            place(line: Int(mark.line) + 1, column: Int(mark.column) + 1)
        }

        private func place(line: Int, column: Int) -> SourceLocation {
            SourceLocation(file: file, line: line, column: column)
        }

        /// The line and column (in characters, as libyaml counts them) of byte `offset`.
        private func place(offset: Int) -> SourceLocation {
            let end = min(max(offset, 0), bytes.count)
            var line = 1, column = 1
            for byte in bytes[..<end] {
                if byte == UInt8(ascii: "\n") {
                    line += 1
                    column = 1
                } else if byte & 0xC0 != 0x80 {
                    column += 1
                }
            }
            return place(line: line, column: column)
        }

        private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
            pointer.map { String(cString: $0) }
        }
    }
}
