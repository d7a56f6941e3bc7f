// Numbers for people, and the one place that lays out aligned text columns. Numbers for
// scripts (CSV cells, sweep rows) are `PlainNumber` in LodeSourcing, reached through `Format.plain`.
import Foundation
import LodeSourcing

/// Numbers for people: thousands separators, fixed decimals, percentages. Locale-independent,
/// so output is the same bytes on every machine.
public enum Format {
    public static func number(_ value: Double, decimals: Int = 0) -> String {
        guard value.isFinite else { return value > 0 ? "inf" : (value < 0 ? "-inf" : "n/a") }
        let rounded = fixed(abs(value), decimals: decimals)
        let parts = rounded.split(separator: ".", maxSplits: 1)
        var integer = String(parts[0])
        var grouped = ""
        while integer.count > 3 {
            grouped = "," + integer.suffix(3) + grouped
            integer = String(integer.dropLast(3))
        }
        grouped = integer + grouped
        let sign = value < 0 && rounded.contains(where: { $0 != "0" && $0 != "." }) ? "-" : ""
        return sign + grouped + (parts.count > 1 ? "." + parts[1] : "")
    }

    /// `value` with `decimals` digits after the point, as C's "%.*f" writes it. Why not
    /// `String(format:)`: Foundation's formatter was a tenth of `lode solve` on 10,000 suppliers.
    static func fixed(_ value: Double, decimals: Int) -> String {
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: 512) { buffer in
            let count = withVaList([Int32(clamping: decimals), value]) {
                vsnprintf(buffer.baseAddress, buffer.count, "%.*f", $0)
            }
            guard count >= 0, count < buffer.count else { return String(format: "%.\(decimals)f", value) }
            return String(decoding: UnsafeRawBufferPointer(start: buffer.baseAddress, count: Int(count)), as: UTF8.self)
        }
    }

    public static func percent(_ fraction: Double, decimals: Int = 1) -> String {
        number(fraction * 100, decimals: decimals) + "%"
    }

    /// A significant-digits rendering for shadow prices and ranges.
    public static func compact(_ value: Double?) -> String {
        guard let value else { return "-" }
        if value == 0 { return "0" }
        if abs(value) >= 1000 { return number(value) }
        if abs(value) >= 1 { return number(value, decimals: 2) }
        return String(format: "%.4g", value)
    }

    /// A score or intensity with two decimals, `missing` when there is none.
    public static func score(_ value: Double?, missing: String = "-") -> String {
        value.map { number($0, decimals: 2) } ?? missing
    }

    /// A number for scripts: an integer when whole, else the shortest decimal (`PlainNumber`).
    public static func plain(_ value: Double) -> String { PlainNumber.text(value) }

    /// A number for scripts with at most `digits` significant digits unless whole (`PlainNumber`).
    public static func plain(_ value: Double, significantDigits digits: Int) -> String {
        PlainNumber.text(value, significantDigits: digits)
    }

    /// The `count` largest shares, largest first, ties by name.
    public static func largestShares(_ shares: [String: Double], count: Int) -> [(key: String, value: Double)] {
        Array(shares.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(count))
    }

    /// Phases' wall-clock seconds with three decimals: "timings (s): read 0.012  solve 0.340".
    public static func timings(_ phases: [(String, Double)]) -> String {
        "timings (s): " + phases.map { "\($0.0) " + fixed($0.1, decimals: 3) }.joined(separator: "  ")
    }

    /// A range as "[lower, upper]", an absent end shown as -inf or inf; empty when there is no range.
    public static func range(_ lower: Double?, _ upper: Double?) -> String {
        "[\(compact(lower ?? -.infinity)), \(compact(upper ?? .infinity))]"
    }

    /// Left- or right-aligned columns.
    public static func table(_ rows: [[String]], rightAligned: Set<Int> = []) -> [String] {
        guard let width = rows.map(\.count).max() else { return [] }
        var widths = Array(repeating: 0, count: width)
        for row in rows { for (column, cell) in row.enumerated() { widths[column] = max(widths[column], cell.count) } }
        return rows.map { row in
            var line = row.enumerated().map { column, cell in
                let pad = String(repeating: " ", count: widths[column] - cell.count)
                return rightAligned.contains(column) ? pad + cell : cell + pad
            }.joined(separator: "  ")
            // Not a regular expression: on a 10,000-supplier plan that was a third of `lode solve`.
            while line.last?.isWhitespace == true { line.removeLast() }
            return line
        }
    }
}
