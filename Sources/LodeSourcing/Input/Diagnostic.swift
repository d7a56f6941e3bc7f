/// A place in an input: a model file (line and column), a CSV file (row and column), or a
/// command-line override.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String { "\(file):\(line):\(column)" }
}

/// One problem found in a model: where, which field, what is wrong, and what would fix it.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable {
        case error, warning
    }

    public var severity: Severity
    public var location: SourceLocation?
    /// The field's path in the model, e.g. `suppliers[cod-kamoto].capacity`.
    public var field: String
    public var message: String
    public var fix: String?

    public init(_ severity: Severity, at location: SourceLocation?, field: String, _ message: String, fix: String? = nil) {
        self.severity = severity
        self.location = location
        self.field = field
        self.message = message
        self.fix = fix
    }

    /// `file:line:column: error: field: message; fix`, the form compilers use, so editors can jump to it.
    public var description: String {
        var text = location.map { "\($0): " } ?? ""
        text += "\(severity.rawValue): \(field): \(message)"
        if let fix { text += " (fix: \(fix))" }
        return text
    }
}

/// A model that cannot be solved as written, with every problem found at once.
public struct InvalidModelError: Error, Sendable, CustomStringConvertible {
    public let diagnostics: [Diagnostic]

    public init(diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
    }

    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }

    public var description: String {
        diagnostics.map(\.description).joined(separator: "\n")
    }
}

/// Collects diagnostics while a model is read and checked.
struct DiagnosticLog {
    private(set) var all: [Diagnostic] = []

    var hasErrors: Bool { all.contains { $0.severity == .error } }

    mutating func error(_ location: SourceLocation?, _ field: String, _ message: String, fix: String? = nil) {
        all.append(Diagnostic(.error, at: location, field: field, message, fix: fix))
    }

    mutating func warning(_ location: SourceLocation?, _ field: String, _ message: String, fix: String? = nil) {
        all.append(Diagnostic(.warning, at: location, field: field, message, fix: fix))
    }

    /// Appends another log's diagnostics after this one's.
    mutating func append(_ other: DiagnosticLog) {
        all += other.all
    }
}

/// "Did you mean" for misspelt keys and ids: the closest candidate within a small edit distance.
enum Suggestion {
    static func closest(to word: String, in candidates: some Sequence<String>) -> String? {
        var best: (String, Int)?
        for candidate in candidates {
            let distance = editDistance(word.lowercased(), candidate.lowercased())
            if distance <= max(2, word.count / 3), best == nil || distance < best!.1 { best = (candidate, distance) }
        }
        return best?.0
    }

    static func didYouMean(_ word: String, in candidates: some Sequence<String>) -> String? {
        closest(to: word, in: candidates).map { "did you mean '\($0)'?" }
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = previous
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
