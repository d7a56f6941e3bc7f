import LodeLP
import Testing

@testable import LodeGLPK

/// A cold start by independent blocks must give what a solve of the whole gives.
@Suite("Cold starts by independent blocks")
struct BlockStartTests {
    /// Two transportation problems side by side, sharing no row: two blocks.
    func twoTransportations(secondDemand: Double? = nil) throws -> (model: LinearModel, demand: ConstraintRef) {
        let first = try ConformanceModels.RandomTransportation(sources: 12, sinks: 20, seed: 7)
        let second = try ConformanceModels.RandomTransportation(sources: 9, sinks: 15, seed: 8)
        var model = LinearModel()
        var objective = LinearExpression()
        var lastDemand: ConstraintRef?
        for instance in [first, second] {
            let offset = model.variableCount
            for j in 0..<instance.model.variableCount {
                let variable = try model.addVariable(name: "b\(offset)_\(j)")
                objective.add(instance.model.objectiveCoefficients[j], variable)
            }
            for i in 0..<instance.model.constraintCount {
                let row = instance.model.row(try instance.model.constraint(at: i))
                lastDemand = try model.addConstraint(
                    columns: row.columns.map { Int($0) + offset }, coefficients: Array(row.values),
                    lower: instance.model.rowLower[i], upper: instance.model.rowUpper[i])
            }
        }
        try model.minimize(objective)
        if let secondDemand { try model.setBounds(of: lastDemand!, lower: secondDemand, upper: .infinity) }
        return (model, lastDemand!)
    }

    @Test("same optimum, duals and reduced costs as the whole, every block's iterations counted")
    func sameOptimum() throws {
        let model = try twoTransportations().model
        #expect(model.independentBlocks().count == 2)
        let byBlocks = try GLPKProblem(model).solve()
        let whole = try GLPKProblem(model).solve(SolveOptions(decompose: false))
        #expect(byBlocks.termination == .optimal && whole.termination == .optimal)
        #expect(isClose(byBlocks.objectiveValue, whole.objectiveValue!, tolerance: 1e-9))
        // The transportation duals are unique here (non-degenerate instance): they must agree.
        let reducedCostsAgree = zip(byBlocks.reducedCosts, whole.reducedCosts).allSatisfy {
            abs($0 - $1) <= 1e-7 * max(1, abs($1))
        }
        #expect(reducedCostsAgree)
        let blockIterations = try model.independentBlocks().map {
            try GLPKProblem(model.relaxation(of: $0)).solve().iterations
        }.reduce(0, +)
        #expect(byBlocks.iterations >= blockIterations && blockIterations > 0)
    }

    @Test("an infeasible block makes the whole infeasible, reported from the whole program")
    func infeasibleBlock() throws {
        let model = try twoTransportations(secondDemand: 1e9).model
        let solution = try GLPKProblem(model).solve()
        #expect(solution.termination == .infeasible)
        #expect(solution.termination == (try GLPKProblem(model).solve(SolveOptions(decompose: false))).termination)
    }

    @Test("a warm re-solve after a change starts from the basis the blocks left")
    func warmAfterBlocks() throws {
        let (model, demand) = try twoTransportations()
        let problem = GLPKProblem(model)
        _ = try problem.solve()
        try problem.setBounds(of: demand, lower: 60, upper: .infinity)
        let warm = try problem.solve()
        var changed = model
        try changed.setBounds(of: demand, lower: 60, upper: .infinity)
        let cold = try GLPKProblem(changed).solve(SolveOptions(decompose: false))
        #expect(isClose(warm.objectiveValue, cold.objectiveValue!, tolerance: 1e-9))
        #expect(warm.iterations < cold.iterations)
    }

    @Test("a MIP of two blocks: the relaxation starts by blocks, branch and bound runs on the whole")
    func mip() throws {
        var model = LinearModel()
        let a = try model.addVariable(name: "a", upperBound: 10, kind: .integer)
        let b = try model.addVariable(name: "b", upperBound: 10, kind: .integer)
        let c = try model.addVariable(name: "c", upperBound: 10, kind: .integer)
        let d = try model.addVariable(name: "d", upperBound: 10, kind: .integer)
        try model.add(2 * a + 3 * b <= 12.5, name: "first")
        try model.add(4 * c + 3 * d <= 17.5, name: "second")
        try model.maximize(3 * a + 4 * b + 5 * c + 4 * d)
        #expect(model.independentBlocks().count == 2)
        let solution = try GLPKProblem(model).solve()
        // Hand-solved: the first block's best is a = 6, b = 0 (18; a = 3, b = 2 gives 17) and the
        // second's c = 2, d = 3 (22, using 17 of 17.5; c = 1, d = 4 gives 21).
        #expect(solution.termination == .optimal)
        #expect(isClose(solution.objectiveValue, 40))
    }
}

@Suite("Bases of blocks solved elsewhere")
struct BlockBasisTests {
    @Test("blocks solved on other threads start a problem at its optimum: no further iterations")
    func acrossThreads() throws {
        let model = try BlockStartTests().twoTransportations().model
        let blocks = model.independentBlocks()
        let bases = GLPKThreads.map(blocks, workers: 2) { block in
            try GLPKProblem.solve(block: block, of: model, options: SolveOptions()).get()
        }.map { try! $0.get() }
        let problem = GLPKProblem(model)
        try problem.start(from: bases)
        let solution = try problem.solve()
        let whole = try GLPKProblem(model).solve(SolveOptions(decompose: false))
        #expect(solution.termination == .optimal)
        #expect(isClose(solution.objectiveValue, whole.objectiveValue!, tolerance: 1e-9))
        #expect(solution.iterations == bases.reduce(0) { $0 + $1.iterations })
    }

    @Test("bases that do not cover the program are refused before GLPK sees them")
    func partialCover() throws {
        let model = try BlockStartTests().twoTransportations().model
        let first = model.independentBlocks()[0]
        let basis = try GLPKProblem.solve(block: first, of: model, options: SolveOptions()).get()
        #expect(throws: ModelError.self) { try GLPKProblem(model).start(from: [basis]) }
    }
}

@Suite("Cold starts of many tiny blocks")
struct ManyBlocksTests {
    @Test("a program of 300 independent rows solves as at most 16 blocks, to the optimum of the whole")
    func manyBlocks() throws {
        var model = LinearModel()
        var objective = LinearExpression()
        for k in 0..<300 {
            let x = try model.addVariable(name: "x\(k)", upperBound: 10)
            let y = try model.addVariable(name: "y\(k)", upperBound: 10)
            try model.add(x + 2 * y >= Double(k % 7 + 1), name: "r\(k)")
            objective.add(Double(k % 3 + 1), x)
            objective.add(Double(k % 4 + 1), y)
        }
        try model.minimize(objective)
        let byBlocks = try GLPKProblem(model).solve()
        let whole = try GLPKProblem(model).solve(SolveOptions(decompose: false))
        #expect(byBlocks.termination == .optimal)
        #expect(isClose(byBlocks.objectiveValue, whole.objectiveValue!, tolerance: 1e-9))
    }
}
