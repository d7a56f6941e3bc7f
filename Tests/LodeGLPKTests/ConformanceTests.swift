import LodeLP
import Synchronization
import Testing

@testable import LodeGLPK

@Suite("GLPK conformance: hand-checked LPs and MIPs")
struct ConformanceTests {
    @Test("production mix: optimum, duals, reduced costs and ranges")
    func productionMix() throws {
        let wyndor = try ConformanceModels.Wyndor()
        let problem = GLPKProblem(wyndor.model)
        let solution = try problem.solve()
        #expect(solution.termination == .optimal)
        #expect(solution.primalStatus == .feasible && solution.dualStatus == .feasible)
        #expect(isClose(solution.objectiveValue, 36))
        #expect(isClose(solution.value(wyndor.x), 2))
        #expect(isClose(solution.value(wyndor.y), 6))
        #expect(isClose(solution.dual(wyndor.plant1), 0))
        #expect(isClose(solution.dual(wyndor.plant2), 1.5))
        #expect(isClose(solution.dual(wyndor.plant3), 1))
        #expect(isClose(solution.reducedCost(wyndor.x), 0))
        #expect(isClose(solution.reducedCost(wyndor.y), 0))

        let plant2 = try problem.rightHandSideRange(of: wyndor.plant2)
        #expect(plant2.isBinding && isClose(plant2.bound, 12))
        #expect(isClose(plant2.lowerLimit, 6) && isClose(plant2.upperLimit, 18))
        let plant3 = try problem.rightHandSideRange(of: wyndor.plant3)
        #expect(isClose(plant3.lowerLimit, 12) && isClose(plant3.upperLimit, 24))
        let plant1 = try problem.rightHandSideRange(of: wyndor.plant1)
        #expect(!plant1.isBinding && plant1.dual == 0)
        #expect(isClose(plant1.lowerLimit, 2) && plant1.upperLimit == .infinity)

        let doors = try problem.objectiveRange(of: wyndor.x)
        #expect(doors.isBasic && isClose(doors.lowerLimit, 0) && isClose(doors.upperLimit, 7.5))
        let windows = try problem.objectiveRange(of: wyndor.y)
        #expect(isClose(windows.lowerLimit, 2) && windows.upperLimit == .infinity)
    }

    @Test("transportation: cost 125 with the duals worked out by hand")
    func transportation() throws {
        let instance = try ConformanceModels.Transportation()
        let problem = GLPKProblem(instance.model)
        let solution = try problem.solve()
        #expect(solution.termination == .optimal)
        #expect(isClose(solution.objectiveValue, 125))
        let shipped = instance.flows.map { $0.map { solution.value($0) } }
        #expect(
            shipped.flatMap { $0 }.enumerated().allSatisfy { isClose($0.element, [5, 0, 15, 5, 25, 0][$0.offset]) })
        let duals = (instance.supplies + instance.demands).map { solution.dual($0) ?? .nan }
        for (dual, expected) in zip(duals, [-1.0, 0, 3, 1, 6]) { #expect(isClose(dual, expected)) }
        #expect(isClose(solution.reducedCost(instance.flows[0][1]), 4))
        #expect(isClose(solution.reducedCost(instance.flows[1][2]), 1))
        // A non-basic column's cost may fall by its reduced cost before it enters the basis.
        let unused = try problem.objectiveRange(of: instance.flows[0][1])
        #expect(!unused.isBasic && isClose(unused.lowerLimit, 0) && unused.upperLimit == .infinity)
    }

    @Test("infeasible LP is an outcome, not an error")
    func infeasible() throws {
        var model = LinearModel()
        let x = try model.addVariable(name: "x")
        let y = try model.addVariable(name: "y")
        try model.add(x + y <= 1)
        try model.add(x + y >= 2)
        try model.minimize(x)
        let solution = try GLPKProblem(model).solve()
        #expect(solution.termination == .infeasible)
        #expect(!solution.hasFeasiblePoint)
        #expect(solution.constraintDuals.isEmpty)
        let presolved = try GLPKProblem(model).solve(SolveOptions(presolve: true))
        #expect(presolved.termination == .infeasible)
        #expect(presolved.solverCode.name == "GLP_ENOPFS")
    }

    @Test("unbounded LP")
    func unbounded() throws {
        var model = LinearModel()
        let x = try model.addVariable(name: "x")
        let y = try model.addVariable(name: "y")
        try model.add(x - y <= 1)
        try model.maximize(x + y)
        let solution = try GLPKProblem(model).solve()
        #expect(solution.termination == .unbounded)
        let dual = try GLPKProblem(model).solve(SolveOptions(method: .dual))
        #expect(dual.termination == .unbounded || dual.termination == .infeasibleOrUnbounded)
    }

    @Test("degenerate LP: the dual lies between the one-sided derivatives and predicts re-solves in its range")
    func degenerate() throws {
        let instance = try ConformanceModels.Degenerate()
        let problem = GLPKProblem(instance.model)
        let solution = try problem.solve()
        #expect(isClose(solution.objectiveValue, 9))
        #expect(isClose(solution.value(instance.x), 3) && isClose(solution.value(instance.y), 1))
        let dual = try #require(solution.dual(instance.r1))
        #expect(dual >= -1e-9 && dual <= 3 + 1e-9)
        let range = try problem.rightHandSideRange(of: instance.r1)
        #expect(range.lowerLimit <= 4 && range.upperLimit >= 4)
        // Inside the reported range the objective moves by exactly the dual.
        let target = range.upperLimit.isFinite ? (4 + range.upperLimit) / 2 : 5
        let lower = range.lowerLimit.isFinite ? (4 + range.lowerLimit) / 2 : 3
        for bound in [target, lower] where bound != 4 {
            var changed = instance.model
            try changed.setBounds(of: instance.r1, lower: bound, upper: .infinity)
            let resolved = try GLPKProblem(changed).solve()
            #expect(isClose(resolved.objectiveValue, 9 + dual * (bound - 4)))
        }
    }

    @Test("knapsack MIP: 23 from items a and b, no duals")
    func knapsack() throws {
        let instance = try ConformanceModels.Knapsack()
        let problem = GLPKProblem(instance.model)
        let solution = try problem.solve()
        #expect(solution.isMIP && solution.termination == .optimal)
        #expect(isClose(solution.objectiveValue, 23))
        #expect(instance.items.map { solution.value($0).rounded() } == [1, 1, 0, 0])
        #expect(solution.constraintDuals.isEmpty)
        #expect(throws: SolverError.self) { try problem.rightHandSideRange(of: instance.capacity) }
    }

    @Test("an integer-infeasible MIP is infeasible")
    func integerInfeasible() throws {
        var model = LinearModel()
        let n = try model.addVariable(name: "n", upperBound: 10, kind: .integer)
        try model.add(2 * n == 1)
        try model.minimize(n)
        let solution = try GLPKProblem(model).solve()
        #expect(solution.termination == .infeasible)
        #expect(!solution.hasFeasiblePoint)
    }

    @Test("an empty model solves to its constant")
    func emptyModel() throws {
        var model = LinearModel()
        try model.minimize(LinearExpression(constant: 7))
        let solution = try GLPKProblem(model).solve()
        #expect(solution.termination == .optimal && isClose(solution.objectiveValue, 7))
    }

    @Test("an iteration limit stops early and says so")
    func iterationLimit() throws {
        let instance = try ConformanceModels.RandomTransportation(sources: 20, sinks: 30, seed: 7)
        let solution = try GLPKProblem(instance.model).solve(SolveOptions(iterationLimit: 3))
        #expect(solution.termination == .iterationLimit)
        #expect(solution.solverCode.name == "GLP_EITLIM")
        #expect(solution.iterations <= 3)
    }

    @Test("GLPK's terminal output reaches the log closure, line by line")
    func logLines() throws {
        let wyndor = try ConformanceModels.Wyndor()
        let lines = LineCollector()
        _ = try GLPKProblem(wyndor.model).solve(SolveOptions(log: { lines.append($0) }))
        #expect(lines.all.contains { $0.contains("OPTIMAL") })
        #expect(!lines.all.contains { $0.contains("\n") })
    }
}

final class LineCollector: Sendable {
    private let lines = Mutex<[String]>([])
    func append(_ line: String) { lines.withLock { $0.append(line) } }
    var all: [String] { lines.withLock { $0 } }
}
