// The solver seam: what the sourcing layer asks of a loaded linear program (LinearProblem) and
// of the solver that loads one (LinearSolver). LodeGLPK's GLPKProblem and GLPKSolver conform;
// tests use a scripted mock (Tests/LodeSourcingTests/MockProblem.swift).

/// A ``LinearModel`` loaded into a solver, kept for solving, warm re-solving after changes in
/// place, sensitivity analysis and export.
///
/// A problem keeps the basis of its last solve: the next ``solve(_:)`` starts from it (a warm
/// start) after any changes made in place through this protocol. A
/// problem may be tied to the thread that created it (GLPK's are: a `glp_prob` must be created,
/// used and deleted on one OS thread, or the process aborts); such a problem refuses calls from
/// other threads with an error. So problems are not `Sendable`: create, use and release each
/// within one synchronous piece of work, one per worker thread.
public protocol LinearProblem: AnyObject {
    /// A starting basis made elsewhere (e.g. from an independent block solved on another
    /// thread), plain data that may cross threads; see ``LinearSolver/solve(block:of:options:)``.
    associatedtype Basis: Sendable

    /// Seconds spent loading the model into the solver.
    var loadSeconds: Double { get }
    /// Seconds spent inside the solver by the last ``solve(_:)``.
    var solverSeconds: Double { get }

    /// Solves the model; later calls start from the basis the previous one left.
    func solve(_ options: SolveOptions) throws -> Solution

    /// Changes a constraint's bounds (its right-hand side).
    func setBounds(of constraint: ConstraintRef, lower: Double, upper: Double) throws
    /// Changes a variable's bounds.
    func setBounds(of variable: Variable, lower: Double, upper: Double) throws
    /// Changes one objective coefficient.
    func setObjectiveCoefficient(of variable: Variable, to value: Double) throws
    /// Changes the coefficient of `variable` in `constraint` (0 removes it).
    func setCoefficient(_ value: Double, of variable: Variable, in constraint: ConstraintRef) throws

    /// Makes `bases`, which together cover every row and column of ``model``, the starting
    /// basis of the next solve (a cold start by blocks, shared between problems).
    func start(from bases: [Basis]) throws

    /// The range of `constraint`'s active bound over which the last solve's optimal basis stays
    /// optimal, with its dual. Throws unless the last solve ended at an optimal LP basis and
    /// nothing changed since.
    func rightHandSideRange(of constraint: ConstraintRef) throws -> RightHandSideRange
    /// The range of `variable`'s objective coefficient over which the optimal basis stays optimal
    /// (the same conditions as ``rightHandSideRange(of:)``).
    func objectiveRange(of variable: Variable) throws -> ObjectiveRange

    /// Writes the problem in `format` to `path`: a whole file or none.
    func write(_ format: ExportFormat, to path: String) throws
}

/// A solver: it loads models into problems of its own, and solves independent blocks of a model
/// on their own for a shared cold start (see `LinearModel.independentBlocks()`).
public protocol LinearSolver: Sendable {
    associatedtype Problem: LinearProblem

    /// Loads `model` into a new problem owned by the calling thread.
    func load(_ model: LinearModel) -> Problem

    /// Solves the LP relaxation of `block` of `model` on its own, on the calling thread: its
    /// optimal basis, for ``LinearProblem/start(from:)`` of a problem of the whole `model` (on
    /// any thread), or the iterations spent when it did not end optimal.
    func solve(block: ModelBlock, of model: LinearModel, options: SolveOptions)
        -> Result<Problem.Basis, BlockNotOptimal>
}

/// A block that did not solve to optimality (infeasible, unbounded, a limit, a failure).
public struct BlockNotOptimal: Error, Sendable {
    public let iterations: Int

    public init(iterations: Int) {
        self.iterations = iterations
    }
}
