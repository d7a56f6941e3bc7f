import Foundation
import LodeBenchSupport
import LodeGLPK
import LodeLP

// lode-bench: plain timing runs whose output goes into Benchmarks/README.md.
//   swift run -c release lode-bench layer [10k 100k 1M]

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = Date()
    try body()
    return Date().timeIntervalSince(start)
}

func format(_ value: Double, _ decimals: Int = 3) -> String { String(format: "%.\(decimals)f", value) }

/// Cold build and solve, the layer's share, and a warm re-solve after one right-hand-side change.
func layer(_ names: [String]) throws {
    print("| LP | nonzeros | build (Swift) s | load into GLPK s | simplex s | read back s | layer / simplex | cold iterations | warm re-solve s (iterations) | cold re-solve s (iterations) | warm speed-up |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for size in TransportationLP.sizes where names.isEmpty || names.contains(size.name) {
        var lp: TransportationLP!
        let build = try seconds { lp = try TransportationLP(sources: size.sources, sinks: size.sinks) }
        let problem = GLPKProblem(lp.model)
        var solution: Solution!
        let solveTotal = try seconds { solution = try problem.solve() }
        let simplex = problem.solverSeconds
        let readBack = solveTotal - simplex
        let layerShare = (build + problem.loadSeconds + readBack) / simplex

        // Warm: change one demand in place and re-solve from the optimal basis (dual simplex).
        let changed = lp.demand[0] * 1.5
        try problem.setBounds(of: lp.demands[0], lower: changed, upper: .infinity)
        var warm: Solution!
        let warmTime = try seconds { warm = try problem.solve() }
        // Cold: the same changed model, built and solved from scratch.
        var coldModel = lp.model
        try coldModel.setBounds(of: lp.demands[0], lower: changed, upper: .infinity)
        let coldProblem = GLPKProblem(coldModel)
        var cold: Solution!
        let coldTime = try seconds { cold = try coldProblem.solve() }
        precondition(abs((warm.objectiveValue ?? 0) - (cold.objectiveValue ?? 1)) <= 1e-6 * abs(cold.objectiveValue ?? 1))
        print("| transportation \(size.sources)x\(size.sinks) | \(lp.model.nonzeroCount) | \(format(build)) | \(format(problem.loadSeconds)) | \(format(simplex)) | \(format(readBack)) | \(format(100 * layerShare, 1))% | \(solution.iterations) | \(format(warmTime)) (\(warm.iterations)) | \(format(coldTime + coldProblem.loadSeconds)) (\(cold.iterations)) | \(format((coldTime + coldProblem.loadSeconds) / warmTime, 0))x |")
    }
}

let arguments = Array(CommandLine.arguments.dropFirst())
switch arguments.first {
case "layer":
    try layer(Array(arguments.dropFirst()))
default:
    print("usage: lode-bench layer [10k 100k 1M]")
    exit(2)
}
