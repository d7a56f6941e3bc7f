import LodeLP
import Testing

@testable import LodeGLPK

@Suite("Independent models solve concurrently, each on its own thread")
struct ConcurrencyTests {
    @Test("parallel solves equal sequential ones")
    func parallelEqualsSequential() throws {
        #expect(GLPK.supportsThreads)
        let seeds: [UInt64] = Array(1...8)
        let sequential = try seeds.map { seed in
            try GLPKProblem(ConformanceModels.RandomTransportation(sources: 15, sinks: 20, seed: seed).model).solve()
                .objectiveValue
        }
        let parallel = GLPKThreads.map(seeds, workers: 3) { seed in
            try GLPKProblem(ConformanceModels.RandomTransportation(sources: 15, sinks: 20, seed: seed).model).solve()
                .objectiveValue
        }
        #expect(parallel.count == seeds.count)
        for (result, expected) in zip(parallel, sequential) {
            #expect(try result.get() == expected)  // bit-identical, as GLPK is deterministic
        }
    }

    @Test("each worker keeps its own problem across warm re-solves")
    func workersKeepProblems() throws {
        let bounds = (0..<12).map { 100.0 + 10 * Double($0) }
        let results = GLPKThreads.map(bounds, workers: 2) { bound in
            var instance = try ConformanceModels.RandomTransportation(sources: 10, sinks: 12, seed: 9)
            try instance.model.setBounds(of: instance.demands[0], lower: bound, upper: .infinity)
            return try GLPKProblem(instance.model).solve().objectiveValue ?? .nan
        }
        let objectives = try results.map { try $0.get() }
        #expect(zip(objectives, objectives.dropFirst()).allSatisfy { $0 <= $1 + 1e-9 })
    }
}
