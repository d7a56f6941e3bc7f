// An ensemble's bands for the report: the objective (and the first stage's HHI and top share)
// against the first varied path, as P10-P90 and the median per bin of that path. An ensemble is
// a sweep of drawn points (`--samples`, a design other than the grid) or of overlays.
import LodeSourcing

public struct SweepBands: Sendable {
    public struct Bin: Sendable, Equatable {
        /// The middle of the bin (a distinct value when the path has few).
        public let x: Double
        public let count: Int
        public let p10: Double
        public let p50: Double
        public let p90: Double
    }

    public struct Band: Sendable {
        public let column: String
        public let bins: [Bin]
    }

    /// The varied path on the x axis.
    public let path: String
    public let bands: [Band]
    public let points: Int
    /// Points without a plan (no value in any band).
    public let withoutPlan: Int
    /// Weighted by the rows' probability column.
    public let weighted: Bool

    /// At most this many bins; a path with no more distinct values gets one bin per value.
    public static let mostBins = 10

    /// True for a sweep of drawn points or overlays, by its manifest.
    public static func isEnsemble(_ manifest: RunManifest?) -> Bool {
        guard let options = manifest?.options else { return false }
        let design = options["design"] ?? ""
        return !(options["samples"] ?? "").isEmpty || !(design.isEmpty || design == "grid")
            || !(options["overlays"] ?? "").isEmpty
    }

    /// The bands of `data` against its first varied path; nil without one, or without a point
    /// that has a plan.
    public init?(_ data: SweepData) {
        guard let path = data.axes.first else { return nil }
        let xs = data.values.map { $0[0] }
        let finite = xs.filter(\.isFinite)
        guard let low = finite.min(), let high = finite.max() else { return nil }
        let distinct = Array(Set(finite)).sorted()
        // Each row's bin: its distinct value, or an equal-width bin of the range.
        let binned = distinct.count <= Self.mostBins
        let width = (high - low) / Double(Self.mostBins)
        func bin(_ x: Double) -> Int {
            if binned { return distinct.firstIndex(of: x)! }
            return width > 0 ? min(Self.mostBins - 1, Int((x - low) / width)) : 0
        }
        func middle(_ index: Int) -> Double { binned ? distinct[index] : low + (Double(index) + 0.5) * width }
        var columns: [String] = []
        for name in [SweepSchema.objective] where data.columns.contains(name) { columns.append(name) }
        if let hhi = data.columns.first(where: { $0.hasPrefix("hhi[") }) { columns.append(hhi) }
        if let top = data.columns.first(where: { $0.hasPrefix("top_share[") }) { columns.append(top) }
        let weights = data.probabilities ?? Array(repeating: 1, count: data.count)
        var bands: [Band] = []
        for name in columns {
            let column = data.columns.firstIndex(of: name)!
            var groups: [Int: [(Double, Double)]] = [:]
            for row in 0..<data.count where xs[row].isFinite {
                if let value = data.outputs[row][column], weights[row] > 0 {
                    groups[bin(xs[row]), default: []].append((value, weights[row]))
                }
            }
            let bins = groups.keys.sorted().map { index -> Bin in
                let sorted = groups[index]!.sorted { $0.0 < $1.0 }
                return Bin(
                    x: middle(index), count: sorted.count, p10: SweepSummary.quantile(sorted, 0.1),
                    p50: SweepSummary.quantile(sorted, 0.5), p90: SweepSummary.quantile(sorted, 0.9))
            }
            if !bins.isEmpty { bands.append(Band(column: name, bins: bins)) }
        }
        guard !bands.isEmpty else { return nil }
        self.path = path
        self.bands = bands
        points = data.count
        weighted = data.probabilities != nil
        let objective = data.columns.firstIndex(of: SweepSchema.objective)
        withoutPlan = data.outputs.filter { row in objective.map { row[$0] == nil } ?? false }.count
    }
}
