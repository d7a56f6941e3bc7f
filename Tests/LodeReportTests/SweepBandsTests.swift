// An ensemble's bands and the summary's quantiles, against hand computations.
import Foundation
import Testing

@testable import LodeReport
@testable import LodeSourcing

@Suite("Ensemble bands and quantiles")
struct SweepBandsTests {
    @Test("type 7 quantiles, and the weighted form that reduces to them with equal weights")
    func quantiles() {
        // 1, 2, 4, 8: h = 3p. P10 h 0.3 -> 1.3; P50 h 1.5 -> 3; P90 h 2.7 -> 4 + 0.7 x 4 = 6.8.
        let equal = [1.0, 2, 4, 8].map { ($0, 1.0) }
        #expect(abs(SweepSummary.quantile(equal, 0.1) - 1.3) < 1e-12)
        #expect(SweepSummary.quantile(equal, 0.5) == 3)
        #expect(abs(SweepSummary.quantile(equal, 0.9) - 6.8) < 1e-12)
        let doubled = [1.0, 2, 4, 8].map { ($0, 2.0) }
        #expect(abs(SweepSummary.quantile(doubled, 0.9) - 6.8) < 1e-12)
        #expect(SweepSummary.quantile([(5, 1)], 0.9) == 5)
        // Weights 3, 1: positions 0 and 1 (3 / (4 - 1)), so P50 = 1 + 0.5 x (2 - 1).
        #expect(SweepSummary.quantile([(1, 3), (2, 1)], 0.5) == 1.5)
    }

    @Test("bands per distinct value: P10, median, P90 of each bin")
    func bands() throws {
        // x = 1: objective 10, 20, 30 -> h = 2p: P10 12, P50 20, P90 28.
        // x = 2: 40, 60 (and a point without a plan) -> h = p: P10 42, P50 50, P90 58.
        var data = SweepData()
        data.axes = ["x"]
        data.columns = ["objective"]
        data.values = [[1], [1], [1], [2], [2], [2]]
        data.outputs = [[10], [20], [30], [40], [60], [nil]]
        data.statuses = ["optimal", "optimal", "optimal", "optimal", "optimal", "infeasible"]
        let bands = try #require(SweepBands(data))
        #expect(bands.path == "x" && bands.points == 6 && bands.withoutPlan == 1)
        let bins = try #require(bands.bands.first?.bins)
        #expect(bins.map(\.x) == [1, 2])
        #expect(bins.map(\.count) == [3, 2])
        #expect(bins.map(\.p50) == [20, 50])
        for (value, expected) in zip(bins.flatMap { bin -> [Double] in [bin.p10, bin.p90] }, [12.0, 28, 42, 58]) {
            #expect(abs(value - expected) < 1e-9)
        }
        let svg = BandChart(title: "t", xLabel: "x", yLabel: "y", bins: bins).svg()
        #expect(svg.components(separatedBy: "class=\"band-bin\"").count == 3)
        #expect(svg.contains("<polygon points="))
    }

    @Test("an ensemble is a sweep of drawn points or overlays, by its manifest")
    func ensemble() {
        func manifest(_ options: [String: String]) -> RunManifest {
            RunManifest(
                command: "sweep", model: "m.yaml", modelSHA256: "", lodeVersion: "0.1.0", glpkVersion: "5.0",
                options: options, points: 1)
        }
        #expect(SweepBands.isEnsemble(manifest(["samples": "40"])))
        #expect(SweepBands.isEnsemble(manifest(["samples": "", "design": "lhs"])))
        #expect(SweepBands.isEnsemble(manifest(["overlays": "a.yaml b.yaml"])))
        #expect(!SweepBands.isEnsemble(manifest(["samples": "", "design": "grid"])))
        #expect(!SweepBands.isEnsemble(nil))
    }
}
