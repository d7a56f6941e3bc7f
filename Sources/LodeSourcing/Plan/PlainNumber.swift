// The one integer-or-decimal formatter: numbers in machine-readable output (CSV cells, sweep rows)
// and in messages (overrides, diagnostics). Numbers for people (thousands separators, fixed
// decimals) are LodeReport's `Format`, which builds on this for its plain cells.
import Foundation

/// A number as plain text: a whole number (below 10^15 in size) as an integer, anything else as
/// a decimal. Locale-independent, so the same input gives the same bytes on every machine.
public enum PlainNumber {
    /// Whole numbers as integers, others as the shortest decimal that reads back as the same
    /// `Double` (Swift's `description`: 0.1, 1e-05, inf).
    public static func text(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }

    /// Whole numbers as integers, others with at most `digits` significant digits as C's `%.*g`
    /// writes them: the same number reached by different arithmetic (a warm and a cold solve)
    /// gives the same text.
    public static func text(_ value: Double, significantDigits digits: Int) -> String {
        if value == value.rounded() && abs(value) < 1e15 { return String(Int(value)) }
        return String(format: "%.\(digits)g", value)
    }
}
