/// Reads the fields of one mapping of the tree, turning every mistake into a diagnostic that
/// names the field's path (e.g. `suppliers[cod-kamoto].capacity`) and its place.
struct Fields {
    let tree: Tree
    /// The mapping's path in the model, e.g. `suppliers[cod-kamoto]`.
    let path: String
    private let known: [String]

    /// Nil (with an error) when `tree` is not a mapping.
    init?(_ tree: Tree, path: String, known: [String], log: inout DiagnosticLog) {
        guard let entries = tree.entries else {
            log.error(
                tree.location, path, "expected a mapping of fields, found \(tree.kindName)",
                fix: "write it as 'key: value' lines or {key: value, ...}")
            return nil
        }
        self.tree = tree
        self.path = path
        self.known = known
        for entry in entries where !known.contains(entry.key) {
            log.error(
                entry.keyLocation, path.isEmpty ? entry.key : "\(path).\(entry.key)", "unknown field '\(entry.key)'",
                fix: Suggestion.didYouMean(entry.key, in: known)
                    ?? "the fields here are: \(known.joined(separator: ", "))")
        }
    }

    func field(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    /// The value of `key`; an explicit null counts as absent.
    subscript(key: String) -> Tree? {
        guard let value = tree[key] else { return nil }
        if case .null = value.value { return nil }
        return value
    }

    func has(_ key: String) -> Bool { self[key] != nil }

    func required(_ key: String, log: inout DiagnosticLog, fix: String? = nil) -> Tree? {
        if let value = self[key] { return value }
        log.error(tree.location, field(key), "the required field '\(key)' is missing", fix: fix ?? "add '\(key): ...'")
        return nil
    }

    // MARK: Typed readers

    func text(_ key: String, log: inout DiagnosticLog) -> String? {
        guard let value = self[key] else { return nil }
        return Fields.text(value, field: field(key), log: &log)
    }

    func requiredText(_ key: String, log: inout DiagnosticLog) -> String? {
        guard let value = required(key, log: &log) else { return nil }
        return Fields.text(value, field: field(key), log: &log)
    }

    func requiredID(_ key: String, log: inout DiagnosticLog) -> String? {
        guard let value = required(key, log: &log) else { return nil }
        return Fields.identifier(value, field: field(key), log: &log)
    }

    func number(_ key: String, _ range: NumberRange, log: inout DiagnosticLog) -> Double? {
        guard let value = self[key] else { return nil }
        return Fields.number(value, field: field(key), range, log: &log)
    }

    func requiredNumber(_ key: String, _ range: NumberRange, log: inout DiagnosticLog) -> Double? {
        guard let value = required(key, log: &log) else { return nil }
        return Fields.number(value, field: field(key), range, log: &log)
    }

    func integer(_ key: String, minimum: Int, maximum: Int? = nil, log: inout DiagnosticLog) -> Int? {
        guard let value = self[key] else { return nil }
        return Fields.integer(value, field: field(key), minimum: minimum, maximum: maximum, log: &log)
    }

    /// A label (a name, a unit): text without control characters other than tabs.
    func label(_ key: String, log: inout DiagnosticLog) -> String? {
        guard let value = self[key], let text = Fields.text(value, field: field(key), log: &log) else { return nil }
        let control = text.unicodeScalars.contains { $0 != "\t" && Fields.isControl($0) }
        if text.utf8.count > ReaderLimits.labelBytes || control {
            log.error(
                value.location, field(key), "\(Fields.shown(text)) is not a usable label",
                fix: "use at most \(ReaderLimits.labelBytes) characters without line breaks "
                    + "or other control characters")
            return nil
        }
        return text
    }

    func list(_ key: String, log: inout DiagnosticLog) -> [String]? {
        guard let value = self[key] else { return nil }
        return Fields.list(value, field: field(key), log: &log)
    }

    // MARK: Value readers

    static func text(_ value: Tree, field fieldPath: @autoclosure () -> String, log: inout DiagnosticLog) -> String? {
        guard let text = value.scalar else {
            log.error(
                value.location, fieldPath(), "expected a single value, found \(value.kindName)",
                fix: "write one word or number")
            return nil
        }
        return text
    }

    /// An id: text of 1 to 200 bytes without control characters (it becomes part of solver names).
    static func identifier(_ value: Tree, field fieldPath: @autoclosure () -> String, log: inout DiagnosticLog)
        -> String?
    {
        guard let text = text(value, field: fieldPath(), log: &log) else { return nil }
        return checkedIdentifier(text, at: value.location, field: fieldPath(), log: &log)
    }

    /// `text` when it is a usable id, else nil with an error at `location`.
    static func checkedIdentifier(
        _ text: String, at location: SourceLocation,
        field fieldPath: @autoclosure () -> String, log: inout DiagnosticLog
    ) -> String? {
        if text.isEmpty || text.utf8.count > ReaderLimits.idBytes || hasControlCharacter(text) {
            log.error(
                location, fieldPath(), "\(shown(text)) is not a usable id",
                fix: "use 1 to \(ReaderLimits.idBytes) characters without tabs or line breaks")
            return nil
        }
        return text
    }

    /// True for C0/C1 control characters (tabs, line breaks...), which GLPK refuses in names.
    static func hasControlCharacter(_ text: String) -> Bool {
        // Printable ASCII, the common case, needs no Unicode look-up.
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return false }
        return text.unicodeScalars.contains(where: isControl)
    }

    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }

    /// `text` quoted for a message: control characters escaped (`\u{1}`), a long text cut.
    static func shown(_ text: String) -> String {
        var shown = ""
        for (count, scalar) in text.unicodeScalars.enumerated() {
            if count == 80 {
                shown += "... (\(text.utf8.count) bytes)"
                break
            }
            shown += isControl(scalar) ? "\\u{\(String(scalar.value, radix: 16, uppercase: true))}" : String(scalar)
        }
        return "'\(shown)'"
    }

    /// A number written as a plain decimal (`PlainDecimal`), finite and within `range`.
    static func number(
        _ value: Tree, field fieldPath: @autoclosure () -> String, _ range: NumberRange, log: inout DiagnosticLog
    ) -> Double? {
        guard let text = text(value, field: fieldPath(), log: &log) else { return nil }
        guard let number = PlainDecimal.parse(text) else {
            if PlainDecimal.looksNumeric(text) || hasControlCharacter(text) {
                log.error(
                    value.location, fieldPath(), "\(shown(text)) is not a plain decimal number",
                    fix: PlainDecimal.fix)
            } else {
                log.error(
                    value.location, fieldPath(), "expected a number, found \(shown(text))",
                    fix: "write a plain number such as 12000 or 0.25")
            }
            return nil
        }
        guard number.isFinite else {
            log.error(value.location, fieldPath(), "\(text) is not a finite number", fix: "write a finite number")
            return nil
        }
        if let problem = range.problem(with: number) {
            log.error(value.location, fieldPath(), "\(Override.format(number)) \(problem)", fix: range.fix)
            return nil
        }
        return number
    }

    static func integer(
        _ value: Tree, field fieldPath: @autoclosure () -> String, minimum: Int, maximum: Int? = nil,
        log: inout DiagnosticLog
    ) -> Int? {
        guard let number = number(value, field: fieldPath(), .any, log: &log) else { return nil }
        // At most 1,000,000,000, as a sweep of a count allows: a whole number far above any model's
        // size that still converts to Int.
        guard number == number.rounded(), number >= Double(minimum), number <= 1e9 else {
            log.error(
                value.location, fieldPath(),
                "expected a whole number from \(minimum) to \(maximum.map { String($0) } ?? "1,000,000,000"), "
                    + "found \(Override.format(number))",
                fix: "write a whole number such as \(max(minimum, 1))")
            return nil
        }
        if let maximum, number > Double(maximum) {
            log.error(
                value.location, fieldPath(), "\(Override.format(number)) is above the limit of \(maximum)",
                fix: "write a whole number from \(minimum) to \(maximum)")
            return nil
        }
        return Int(number)
    }

    /// A list: a YAML list of single values, or one value with `;` between items (as in CSV cells).
    static func list(_ value: Tree, field fieldPath: @autoclosure () -> String, log: inout DiagnosticLog) -> [String]? {
        switch value.value {
        case let .scalar(text):
            // Each item is an id, as in a YAML list (a CSV cell's items reach solver names too).
            return text.split(separator: ";").map { TreeReader.trimmed(String($0)) }.filter { !$0.isEmpty }
                .compactMap { checkedIdentifier($0, at: value.location, field: fieldPath(), log: &log) }
        case let .sequence(elements):
            return elements.compactMap { identifier($0, field: fieldPath(), log: &log) }
        case .null:
            return []
        case .mapping:
            log.error(value.location, fieldPath(), "expected a list, found a mapping", fix: "write [a, b] or a;b")
            return nil
        }
    }
}

/// The values a number field admits.
enum NumberRange {
    case any
    case nonNegative
    case positive
    case unit
    case positiveUnit

    func problem(with value: Double) -> String? {
        switch self {
        case .any: return nil
        case .nonNegative: return value < 0 ? "is negative" : nil
        case .positive: return value <= 0 ? "is not positive" : nil
        case .unit: return (value < 0 || value > 1) ? "is outside [0, 1]" : nil
        case .positiveUnit: return (value <= 0 || value > 1) ? "is outside (0, 1]" : nil
        }
    }

    var fix: String {
        switch self {
        case .any: return "write a number"
        case .nonNegative: return "use a number >= 0"
        case .positive: return "use a number > 0"
        case .unit: return "use a fraction between 0 and 1 (0.25 for 25%)"
        case .positiveUnit: return "use a fraction above 0 and at most 1"
        }
    }
}
