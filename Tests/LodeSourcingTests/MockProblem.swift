// A scripted stand-in for GLPK behind the solver seam (LodeLP's LinearSolver and LinearProblem):
// it records every call and answers each solve from a script, so that domain tests can check
// what the workflows ask of a solver, and in which order, without GLPK.
import LodeLP
import Synchronization

/// Loads ``MockProblem``s that record into one shared log and solve by `script`.
final class MockSolver: LinearSolver {
    /// One call made to the solver or to one of its problems (`problem` numbers them by load).
    enum Call: Equatable, Sendable {
        case load(problem: Int, rows: Int, columns: Int)
        case solve(problem: Int)
        case rowBounds(problem: Int, row: Int, lower: Double, upper: Double)
        case columnBounds(problem: Int, column: Int, lower: Double, upper: Double)
        case objective(problem: Int, column: Int, value: Double)
        case coefficient(problem: Int, row: Int, column: Int, value: Double)
        case start(problem: Int, bases: Int)
        case rowRange(problem: Int, row: Int)
        case objectiveRange(problem: Int, column: Int)
        case write(problem: Int, format: ExportFormat)
        case solveBlock(rows: Int, columns: Int)
    }

    /// Answers a solve of `problem`, whose `model` holds every change made to it so far.
    typealias Script = @Sendable (_ problem: MockProblem) -> Solution

    private let script: Script
    private let log = Mutex<[Call]>([])
    private let loads = Atomic<Int>(0)

    init(script: @escaping Script) {
        self.script = script
    }

    /// Every call so far, in the order made.
    var calls: [Call] { log.withLock { $0 } }

    /// How many solves each problem had, by load order (problems never solved count 0).
    var solvesPerProblem: [Int] {
        let calls = calls
        let loaded = calls.filter { if case .load = $0 { return true } else { return false } }.count
        var counts = Array(repeating: 0, count: loaded)
        for case let .solve(problem) in calls { counts[problem] += 1 }
        return counts
    }

    func record(_ call: Call) { log.withLock { $0.append(call) } }

    func answer(_ problem: MockProblem) -> Solution { script(problem) }

    func load(_ model: LinearModel) -> MockProblem {
        // Numbered and logged under one lock, so that the numbers follow the log's order.
        log.withLock { calls in
            let number = loads.add(1, ordering: .relaxed).oldValue
            calls.append(.load(problem: number, rows: model.constraintCount, columns: model.variableCount))
            return MockProblem(model, number: number, solver: self)
        }
    }

    /// Blocks never solve: a sweep then starts every chunk from its own first solve.
    func solve(block: ModelBlock, of model: LinearModel, options: SolveOptions) -> Result<Int, BlockNotOptimal> {
        record(.solveBlock(rows: block.rows.count, columns: block.columns.count))
        return .failure(BlockNotOptimal(iterations: 0))
    }
}

/// A problem of a ``MockSolver``: changes go into its `model` (as GLPKProblem mirrors them) and the log.
final class MockProblem: LinearProblem {
    typealias Basis = Int

    let number: Int
    private(set) var model: LinearModel
    private let solver: MockSolver
    /// The solution of the last solve.
    private(set) var last: Solution?

    init(_ model: LinearModel, number: Int, solver: MockSolver) {
        self.model = model
        self.number = number
        self.solver = solver
    }

    var loadSeconds: Double { 0 }
    var solverSeconds: Double { 0 }

    func solve(_ options: SolveOptions) throws -> Solution {
        solver.record(.solve(problem: number))
        let solution = solver.answer(self)
        last = solution
        return solution
    }

    func setBounds(of constraint: ConstraintRef, lower: Double, upper: Double) throws {
        try model.setBounds(of: constraint, lower: lower, upper: upper)
        solver.record(.rowBounds(problem: number, row: constraint.index, lower: lower, upper: upper))
    }

    func setBounds(of variable: Variable, lower: Double, upper: Double) throws {
        try model.setBounds(of: variable, lower: lower, upper: upper)
        solver.record(.columnBounds(problem: number, column: variable.index, lower: lower, upper: upper))
    }

    func setObjectiveCoefficient(of variable: Variable, to value: Double) throws {
        try model.setObjectiveCoefficient(of: variable, to: value)
        solver.record(.objective(problem: number, column: variable.index, value: value))
    }

    func setCoefficient(_ value: Double, of variable: Variable, in constraint: ConstraintRef) throws {
        try model.setCoefficient(value, of: variable, in: constraint)
        solver.record(.coefficient(problem: number, row: constraint.index, column: variable.index, value: value))
    }

    func start(from bases: [Int]) throws {
        solver.record(.start(problem: number, bases: bases.count))
    }

    /// A non-binding range at the row's activity in the last solution.
    func rightHandSideRange(of constraint: ConstraintRef) throws -> RightHandSideRange {
        solver.record(.rowRange(problem: number, row: constraint.index))
        let activity = last?.constraintActivities[constraint.index] ?? 0
        return RightHandSideRange(
            bound: nil, activity: activity, dual: 0, isBinding: false,
            lowerLimit: -.infinity, upperLimit: .infinity)
    }

    func objectiveRange(of variable: Variable) throws -> ObjectiveRange {
        solver.record(.objectiveRange(problem: number, column: variable.index))
        return ObjectiveRange(
            coefficient: model.objectiveCoefficients[variable.index], isBasic: false,
            lowerLimit: -.infinity, upperLimit: .infinity)
    }

    func write(_ format: ExportFormat, to path: String) throws {
        solver.record(.write(problem: number, format: format))
    }

    /// Whether `row` constrains anything now (explain switches a rule off by freeing its rows).
    func isOn(_ row: ConstraintRef) -> Bool {
        model.rowLower[row.index].isFinite || model.rowUpper[row.index].isFinite
    }

    /// A scripted answer: `termination` with the point `values` (zeros when nil), its objective and
    /// row activities computed from the model, as GLPK would report them.
    func solution(_ termination: TerminationStatus, values: [Double]? = nil) -> Solution {
        let point = values ?? Array(repeating: 0, count: model.variableCount)
        let feasible = termination == .optimal
        let activities = (0..<model.constraintCount).map { row in
            (model.rowStart[row]..<model.rowStart[row + 1]).reduce(0.0) {
                $0 + model.rowValues[$1] * point[Int(model.rowColumns[$1])]
            }
        }
        let objective = zip(model.objectiveCoefficients, point).reduce(model.objectiveConstant) { $0 + $1.0 * $1.1 }
        return Solution(
            termination: termination, primalStatus: feasible ? .feasible : .infeasible,
            dualStatus: feasible ? .feasible : .none,
            solverCode: SolverCode(rawValue: 0, name: "MOCK", meaning: "scripted"), isMIP: model.isMIP,
            objectiveValue: objective, variableValues: point, constraintActivities: activities,
            constraintDuals: feasible ? Array(repeating: 0, count: model.constraintCount) : [],
            reducedCosts: feasible ? Array(repeating: 0, count: model.variableCount) : [], iterations: 1)
    }
}
