import LodeLP
import Testing

@testable import LodeGLPK

/// Each kind of change in place, re-solved warm, must equal a cold solve of the changed model
/// and take fewer simplex iterations.
@Suite("Warm re-solves after changes in place")
struct WarmStartTests {
    typealias Change = (inout LinearModel, ConformanceModels.RandomTransportation) throws -> Void
    typealias InPlace = (GLPKProblem, ConformanceModels.RandomTransportation) throws -> Void

    func check(_ name: String, model change: Change, problem inPlace: InPlace) throws {
        let instance = try ConformanceModels.RandomTransportation(sources: 25, sinks: 40, seed: 42)
        let warm = GLPKProblem(instance.model)
        let first = try warm.solve()
        #expect(first.termination == .optimal)
        try inPlace(warm, instance)
        let rewarmed = try warm.solve()

        var changed = instance.model
        try change(&changed, instance)
        let cold = try GLPKProblem(changed).solve()
        #expect(rewarmed.termination == cold.termination, "\(name)")
        #expect(isClose(rewarmed.objectiveValue, cold.objectiveValue ?? .nan, tolerance: 1e-9), "\(name)")
        #expect(
            rewarmed.iterations < cold.iterations, "\(name): warm \(rewarmed.iterations) vs cold \(cold.iterations)")
    }

    @Test("right-hand side of a demand row")
    func rowBounds() throws {
        try check(
            "row bounds",
            model: { model, instance in
                try model.setBounds(of: instance.demands[3], lower: 150, upper: .infinity)
            },
            problem: { problem, instance in
                try problem.setBounds(of: instance.demands[3], lower: 150, upper: .infinity)
            })
    }

    @Test("bounds of a variable")
    func columnBounds() throws {
        try check(
            "column bounds",
            model: { model, instance in
                try model.setBounds(of: instance.flows[2][5], lower: 0, upper: 3)
                try model.setBounds(of: instance.flows[1][1], lower: 5, upper: 20)
            },
            problem: { problem, instance in
                try problem.setBounds(of: instance.flows[2][5], lower: 0, upper: 3)
                try problem.setBounds(of: instance.flows[1][1], lower: 5, upper: 20)
            })
    }

    @Test("an objective coefficient")
    func objective() throws {
        try check(
            "objective",
            model: { model, instance in
                for j in 0..<10 { try model.setObjectiveCoefficient(of: instance.flows[0][j], to: 0.5) }
            },
            problem: { problem, instance in
                for j in 0..<10 { try problem.setObjectiveCoefficient(of: instance.flows[0][j], to: 0.5) }
            })
    }

    @Test("a matrix coefficient")
    func matrix() throws {
        try check(
            "matrix",
            model: { model, instance in
                try model.setCoefficient(1.5, of: instance.flows[4][7], in: instance.demands[7])
                try model.setCoefficient(0.8, of: instance.flows[3][2], in: instance.supplies[3])
            },
            problem: { problem, instance in
                try problem.setCoefficient(1.5, of: instance.flows[4][7], in: instance.demands[7])
                try problem.setCoefficient(0.8, of: instance.flows[3][2], in: instance.supplies[3])
            })
    }

    @Test("ranging is refused after a change until the model is solved again")
    func staleRanging() throws {
        let wyndor = try ConformanceModels.Wyndor()
        let problem = GLPKProblem(wyndor.model)
        _ = try problem.solve()
        try problem.setBounds(of: wyndor.plant3, lower: -.infinity, upper: 20)
        #expect(throws: SolverError.self) { try problem.rightHandSideRange(of: wyndor.plant3) }
        let resolved = try problem.solve()
        // Inside plant3's range [12, 24] the objective moves by its dual, 1 per unit.
        #expect(isClose(resolved.objectiveValue, 38))
        #expect(try problem.rightHandSideRange(of: wyndor.plant3).isBinding)
    }

    @Test("the basis state: an objective change outweighs bound changes; a change makes an optimum stale")
    func basisState() throws {
        let pending = BasisState.cold(.none).changed(.objective).changed(.constraints)
        #expect(pending.isCold && pending.pending == .objective)
        guard case .stale(.constraints) = BasisState.optimal.changed(.constraints) else {
            Issue.record("an optimum changed in place must be stale, with the change pending")
            return
        }
        let wyndor = try ConformanceModels.Wyndor()
        let problem = GLPKProblem(wyndor.model)
        guard case .cold(.none) = problem.basis else {
            Issue.record("a new problem starts cold")
            return
        }
        _ = try problem.solve()
        guard case .optimal = problem.basis else {
            Issue.record("an optimal solve leaves an optimal basis")
            return
        }
        try problem.setObjectiveCoefficient(of: wyndor.x, to: 4)
        try problem.setBounds(of: wyndor.plant3, lower: -.infinity, upper: 20)
        guard case .stale(.objective) = problem.basis else {
            Issue.record("after both kinds of change the primal simplex must be next")
            return
        }
        _ = try problem.solve()
        guard case .optimal = problem.basis else {
            Issue.record("solved again: optimal")
            return
        }
    }
}
