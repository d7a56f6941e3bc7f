import Foundation
import LodeGLPK
import LodeLP
import Testing

@testable import LodeSourcing

/// The shipped plans over time (models/cobalt-2035, models/lithium-2035): they load cleanly,
/// every policy is optimal, the parts add up, glpsol on the exported program agrees, and the
/// objectives equal those of the independent highspy build of the same program
/// (Benchmarks/peers/peer_highspy_periods.py, HiGHS's default MIP gap 1e-4).
@Suite("Shipped plans over time")
struct TimeModelTests {
    static let models = ["cobalt-2035", "lithium-2035"]
    static let policies = [
        "least-cost", "recycled-content", "carbon-budget", "resilient-with-reserve", "build-in-allied",
    ]

    /// Objectives of the highspy peer (its report, 2026-12-02).
    static let peer: [String: [Double]] = [
        "cobalt-2035": [2_023_737_281.14, 2_041_539_474.39, 2_045_349_667.82, 2_095_751_906.97, 2_164_632_893.92],
        "lithium-2035": [2_932_193_710.39, 2_940_683_282.20, 2_932_831_969.77, 2_957_238_767.90, 3_252_648_926.19],
    ]

    @Test("each plan loads without warnings, with ten periods and the five policies", arguments: models)
    func loads(model: String) throws {
        let loaded = try ModelLoader.load(path: ShippedModelTests.path(model))
        #expect(loaded.warnings.isEmpty, "\(loaded.warnings)")
        #expect(loaded.model.periods == Array(2026...2035))
        #expect(loaded.model.policies.map(\.id) == Self.policies)
    }

    @Test("every policy is optimal, parts add up to the objective, demand is met each period", arguments: models)
    func solves(model: String) throws {
        let loaded = try ModelLoader.load(path: ShippedModelTests.path(model)).model
        for (position, policy) in Self.policies.enumerated() {
            let plan = try Planner.solve(loaded, policy: policy)
            #expect(plan.status == .optimal, "\(model)/\(policy)")
            let costs = try #require(plan.costs)
            #expect(isClose(costs.partsTotal, costs.objective, tolerance: 1e-7), "\(model)/\(policy)")
            let periods = try #require(plan.periods)
            let discounted = periods.reduce(0) { $0 + $1.discountFactor * $1.costs.objective }
            #expect(isClose(discounted, costs.objective, tolerance: 1e-7), "\(model)/\(policy)")
            // A MIP's optimum within HiGHS's and GLPK's gaps of 1e-4.
            #expect(isClose(plan.objective, Self.peer[model]![position], tolerance: 2e-4), "\(model)/\(policy)")
            for supplier in plan.suppliers {
                #expect(supplier.volume <= supplier.capacity * (1 + 1e-9) + 1e-6, "\(model)/\(policy): \(supplier.id)")
            }
        }
    }

    @Test("glpsol on the exported program agrees with lode solve", arguments: models)
    func glpsolAgrees(model: String) throws {
        for policy in ["least-cost", "carbon-budget", "resilient-with-reserve"] {
            let (glpsol, lode) = try IndependentPathTests.objectives(model: model, policy: policy)
            // MIPs (binary projects), each solver within its gap.
            #expect(isClose(glpsol, lode ?? .nan, tolerance: 1e-4), "\(policy)")
        }
    }

}

@Suite("Plans over time start from their periods")
struct PeriodStartTests {
    @Test("stock and project columns are marked linking; the start from the periods reaches the whole's optimum")
    func linking() throws {
        let loaded = try ModelLoader.load(path: ShippedModelTests.path("lithium-2035")).model
        for policy in ["least-cost", "resilient-with-reserve"] {
            let formulation = try Formulation(model: loaded, policy: try Planner.policy(policy, of: loaded))
            let program = formulation.program
            let labels = program.linkingColumns.map { program.columnLabel($0) }
            #expect(!labels.isEmpty && labels.allSatisfy { $0.hasPrefix("I[") || $0.hasPrefix("b[") })
            #expect(
                labels.count
                    == program.columnNames.filter { $0?.hasPrefix("I[") == true || $0?.hasPrefix("b[") == true }.count)
            #expect(program.blocks(cutting: program.linkingColumns).count >= 10)
            let linked = try GLPKProblem(program).solve()
            let whole = try GLPKProblem(program).solve(SolveOptions(decompose: false))
            #expect(linked.termination == .optimal && whole.termination == .optimal, "\(policy)")
            #expect(isClose(linked.objectiveValue, whole.objectiveValue!, tolerance: 1e-9), "\(policy)")
        }
    }
}
