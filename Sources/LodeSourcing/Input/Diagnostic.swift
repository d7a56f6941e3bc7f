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

    public init(
        _ severity: Severity, at location: SourceLocation?, field: String, _ message: String, fix: String? = nil
    ) {
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
    /// Kept as the errors are logged: asked once per rule while decoding, a count over `all`
    /// would make reading many rules with many errors quadratic.
    private(set) var errorCount = 0

    var hasErrors: Bool { errorCount > 0 }

    mutating func error(_ location: SourceLocation?, _ field: String, _ message: String, fix: String? = nil) {
        all.append(Diagnostic(.error, at: location, field: field, message, fix: fix))
        errorCount += 1
    }

    mutating func warning(_ location: SourceLocation?, _ field: String, _ message: String, fix: String? = nil) {
        all.append(Diagnostic(.warning, at: location, field: field, message, fix: fix))
    }

    /// Appends another log's diagnostics after this one's.
    mutating func append(_ other: DiagnosticLog) {
        all += other.all
        errorCount += other.errorCount
    }
}

/// "Did you mean" for misspelt keys and ids: the closest candidate within a small edit distance.
enum Suggestion {
    /// Bounded work: no suggestion for a word over 100 characters, candidates whose length alone
    /// rules them out are skipped, and at most 20,000 are looked at (huge lists stay fast).
    static func closest(to word: String, in candidates: some Sequence<String>) -> String? {
        let word = word.lowercased()
        let length = word.count, limit = max(2, length / 3)
        guard length <= 100 else { return nil }
        var best: (candidate: String, distance: Int)?
        for candidate in candidates.prefix(20_000) {
            // A character is 1 to 4 UTF-8 bytes: the byte count alone rules most candidates out.
            let bytes = candidate.utf8.count
            guard bytes >= length - limit, bytes <= 4 * (length + limit) else { continue }
            let lowered = candidate.lowercased()
            guard abs(lowered.count - length) <= limit else { continue }
            // A singular for a plural key (`policy` for `policies`) counts as one edit.
            let distance = isPlural(lowered, of: word) || isPlural(word, of: lowered) ? 1 : editDistance(word, lowered)
            if distance <= limit, distance < (best?.distance ?? .max) { best = (candidate, distance) }
        }
        return best?.candidate
    }

    static func didYouMean(_ word: String, in candidates: some Sequence<String>) -> String? {
        closest(to: word, in: candidates).map { "did you mean '\($0)'?" }
    }

    /// True when `plural` is `word` + s, + es, or `word` with its final y as ies.
    static func isPlural(_ plural: String, of word: String) -> Bool {
        guard !word.isEmpty else { return false }
        if plural == word + "s" || plural == word + "es" { return true }
        return word.hasSuffix("y") && plural == word.dropLast() + "ies"
    }

    /// The optimal-string-alignment (restricted Damerau-Levenshtein) distance: insertions,
    /// deletions, substitutions and transpositions of two neighbours each cost one, so `CNH` is
    /// one edit from `CHN` and two from `CHL`.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var beforePrevious = Array(0...b.count)
        var previous = beforePrevious
        var current = previous
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], beforePrevious[j - 2] + 1)
                }
            }
            (beforePrevious, previous, current) = (previous, current, beforePrevious)
        }
        return previous[b.count]
    }
}
