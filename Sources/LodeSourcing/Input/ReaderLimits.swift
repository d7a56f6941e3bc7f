// The limits the model reader enforces on its input, and the one parser of numbers that every
// path (YAML and JSON values, CSV cells, `--set PATH=VALUE`) shares.

/// What the reader refuses, so that a crafted file is an error with its place, never a crash.
public enum ReaderLimits {
    /// The largest model file (YAML or JSON) read, in bytes: 64 MiB.
    public static let modelFileBytes = 64 << 20
    /// The largest CSV table read, in bytes: 256 MiB.
    public static let tableFileBytes = 256 << 20
    /// The deepest nesting of lists and mappings in a model file.
    public static let nestingDepth = 100
    /// The most nodes that YAML aliases (`*name`) may add by repeating their anchors.
    public static let aliasNodes = 1_000_000
    /// The longest id or list item, in UTF-8 bytes (names built from ids stay within GLPK's 255).
    public static let idBytes = 200
    /// The longest label (a model's or a country's name, a unit, a currency), in UTF-8 bytes.
    public static let labelBytes = 1_000
    /// The most segments of the piecewise-linear HHI bound (`settings.hhi_segments`).
    public static let hhiSegments = 1_000
    /// Periods a model may list (every row and column exists once per period).
    public static let periods = 1_000
}

/// Plain decimal numbers: an optional sign, digits with an optional fraction (`12`, `12.5`,
/// `.5`, `5.`), and an optional exponent (`1e6`, `2.5E-3`). Nothing else: no `0x32`, `0o17`,
/// `1_000`, `inf`, `nan`, `.inf` and no spaces, whatever a YAML reader or `strtod` would accept.
public enum PlainDecimal {
    /// The number, or nil when `text` is not a plain decimal. Out of range values are infinite.
    public static func parse(_ text: some StringProtocol) -> Double? {
        guard isPlain(text.utf8) else { return nil }
        return Double(String(text))
    }

    /// The fix offered wherever a number is not a plain decimal.
    public static let fix = "write a plain decimal number such as 1000 or 0.5"

    /// True when `text` looks meant as a number in some other notation (hex, underscores,
    /// infinity...), so that the message can say which notation to use instead.
    static func looksNumeric(_ text: some StringProtocol) -> Bool {
        guard let first = text.utf8.first else { return false }
        if Double(String(text)) != nil { return true }
        return (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first)
            || [UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: ".")].contains(first)
    }

    private static func isPlain(_ bytes: some Collection<UInt8>) -> Bool {
        var position = bytes.startIndex
        func digits() -> Int {
            var count = 0
            while position != bytes.endIndex, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[position]) {
                count += 1
                position = bytes.index(after: position)
            }
            return count
        }
        func skip(_ allowed: UInt8...) -> Bool {
            guard position != bytes.endIndex, allowed.contains(bytes[position]) else { return false }
            position = bytes.index(after: position)
            return true
        }
        _ = skip(UInt8(ascii: "+"), UInt8(ascii: "-"))
        var mantissa = digits()
        if skip(UInt8(ascii: ".")) { mantissa += digits() }
        guard mantissa > 0 else { return false }
        if skip(UInt8(ascii: "e"), UInt8(ascii: "E")) {
            _ = skip(UInt8(ascii: "+"), UInt8(ascii: "-"))
            guard digits() > 0 else { return false }
        }
        return position == bytes.endIndex
    }
}
