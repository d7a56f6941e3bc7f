/// Turns model names into names that GLPK's LP and MPS writers keep as they are and that read
/// back unambiguously.
///
/// The CPLEX LP format allows letters, digits and `!"#$%&()/,.;?@_`'{}|~`, not starting with a
/// digit or a period; GLPK replaces any other name by a generated `x_j`/`r_i`, and two equal
/// names make a file GLPK cannot read back (GLPK-NOTES §8.2). So brackets become parentheses (as GLPK itself
/// does), every other character becomes `_`, a leading digit or period gets a `_` before it, names are cut to 255
/// bytes, and a
/// repeated name gets `~2`, `~3`... appended.
public struct ExportNames {
    private var used: Set<String>

    public init(reserved: Set<String> = []) {
        used = reserved
    }

    private static let allowedPunctuation = Set("!\"#$%&()/,.;?@_`'{}|~")

    /// The name made valid for the LP format (not yet unique).
    public static func sanitize(_ name: String) -> String {
        var result = String(
            name.map { character -> Character in
                if character.isASCII && (character.isLetter || character.isNumber) { return character }
                if character == "[" { return "(" }
                if character == "]" { return ")" }
                return allowedPunctuation.contains(character) ? character : "_"
            })
        if let first = result.first, first.isNumber || first == "." { result = "_" + result }
        if result.isEmpty { result = "_" }
        return truncated(result, to: 240)
    }

    private static func truncated(_ name: String, to bytes: Int) -> String {
        guard name.utf8.count > bytes else { return name }
        return String(name.prefix(bytes))  // ASCII only after sanitizing, so characters are bytes
    }

    /// A sanitized, unused name for `name`, or for `fallback` when `name` is nil.
    public mutating func unique(_ name: String?, fallback: String) -> String {
        let base = Self.sanitize(name ?? fallback)
        var candidate = base
        var suffix = 2
        while used.contains(candidate) {
            candidate = "\(base)~\(suffix)"
            suffix += 1
        }
        used.insert(candidate)
        return candidate
    }
}
