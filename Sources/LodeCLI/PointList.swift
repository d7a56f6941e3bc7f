// `lode sweep --points 3,7,10-12`: the point numbers to solve, kept with their numbers so that
// the rows merge with the other shards' (the syntax `lode merge` prints for missing points).
import Foundation

/// A list of point numbers and ranges, `3,7,10-12`, checked for syntax when parsed and against
/// the sweep's number of points before it is expanded.
struct PointList: Sendable, Equatable {
    /// Inclusive ranges, sorted, merged where they touch or overlap.
    let ranges: [ClosedRange<Int>]

    /// Parses `N`, `A-B` (A <= B) items separated by commas; nil when the text is not such a list.
    init?(_ text: String) {
        var parsed: [ClosedRange<Int>] = []
        for item in text.split(separator: ",", omittingEmptySubsequences: false) {
            let item = item.trimmingCharacters(in: .whitespaces)
            let ends = item.split(separator: "-", omittingEmptySubsequences: false)
            guard (1...2).contains(ends.count), ends.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) }),
                let low = Int(ends[0]), let high = Int(ends[ends.count - 1]), low >= 0, low <= high
            else { return nil }
            parsed.append(low...high)
        }
        var merged: [ClosedRange<Int>] = []
        for range in parsed.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = merged.last, range.lowerBound <= last.upperBound + 1 {
                merged[merged.count - 1] = last.lowerBound...max(last.upperBound, range.upperBound)
            } else {
                merged.append(range)
            }
        }
        ranges = merged
    }

    /// The list in its shortest form: `3,7,10-12` (what the run manifest records).
    var text: String {
        ranges.map { $0.count == 1 ? String($0.lowerBound) : "\($0.lowerBound)-\($0.upperBound)" }
            .joined(separator: ",")
    }

    /// The largest point number named.
    var largest: Int { ranges.last?.upperBound ?? 0 }

    /// The points, in order (call after checking ``largest`` against the sweep's size).
    var points: [Int] { ranges.flatMap { Array($0) } }
}
