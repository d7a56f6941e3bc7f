import Benchmark
import Foundation
import LodeBenchSupport
import LodeGLPK
import LodeLP

/// The modeling layer on transportation LPs of about 10k, 100k and 1M nonzeros: a cold build and
/// solve, with the time in the layer (building the model from Swift expressions, loading it into
/// GLPK, reading results back) apart from the time inside GLPK's simplex; and a warm re-solve
/// after one right-hand-side change against a cold solve of the same changed model.
let benchmarks: @Sendable () -> Void = {
    let layer = BenchmarkMetric.custom("layer (us)", polarity: .prefersSmaller, useScalingFactor: false)
    let simplex = BenchmarkMetric.custom("GLPK simplex (us)", polarity: .prefersSmaller, useScalingFactor: false)
    let iterations = BenchmarkMetric.custom("simplex iterations", polarity: .prefersSmaller, useScalingFactor: false)

    for size in TransportationLP.sizes {
        let big = size.name == "1M"
        let configuration = Benchmark.Configuration(
            metrics: [.wallClock, .peakMemoryResident, layer, simplex, iterations],
            warmupIterations: 0, maxDuration: .seconds(big ? 1 : 5), maxIterations: big ? 1 : 5)

        Benchmark("cold build + solve, \(size.name) nonzeros", configuration: configuration) { benchmark in
            let start = Date()
            let lp = try TransportationLP(sources: size.sources, sinks: size.sinks)
            let problem = GLPKProblem(lp.model)
            let solution = try problem.solve()
            let total = Date().timeIntervalSince(start)
            blackHole(solution.objectiveValue)
            benchmark.measurement(layer, Int((total - problem.solverSeconds) * 1e6))
            benchmark.measurement(simplex, Int(problem.solverSeconds * 1e6))
            benchmark.measurement(iterations, solution.iterations)
        }

        Benchmark("warm re-solve after one RHS change, \(size.name) nonzeros", configuration: configuration) { benchmark in
            let lp = try TransportationLP(sources: size.sources, sinks: size.sinks)
            let problem = GLPKProblem(lp.model)
            _ = try problem.solve()
            benchmark.startMeasurement()
            try problem.setBounds(of: lp.demands[0], lower: lp.demand[0] * 1.5, upper: .infinity)
            let solution = try problem.solve()
            benchmark.stopMeasurement()
            blackHole(solution.objectiveValue)
            benchmark.measurement(simplex, Int(problem.solverSeconds * 1e6))
            benchmark.measurement(iterations, solution.iterations)
        }
    }
}
