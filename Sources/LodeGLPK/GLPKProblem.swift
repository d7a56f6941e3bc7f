internal import CGLPK
import Foundation
import LodeLP

/// A ``LinearModel`` loaded into GLPK, kept for solving, re-solving warm after changes in place,
/// sensitivity analysis and export: Lode's ``LinearProblem``.
///
/// GLPK aborts the process on invalid calls and ties every problem to the thread that created
/// it. This class is the single owner of its `glp_prob`: it validates every argument before GLPK
/// sees it, refuses calls from any other thread with ``SolverError/wrongThread(operation:)``,
/// and frees the problem when released on its thread (released elsewhere, the problem is left
/// to the thread's environment rather than crash the process). It is not `Sendable`: create,
/// use and release it within one synchronous piece of work.
///
/// The parts: loading (this file), changes in place (`+Changes`), solving (`+Solve`), a cold
/// start by independent blocks (`+Blocks`), sensitivity (`+Sensitivity`) and export (`+Export`).
public final class GLPKProblem: LinearProblem {
    public typealias Basis = BlockBasis

    let problem: OpaquePointer
    private let ownerThread: Thread
    /// The model as built; kept for names, kinds and index checks (changes made in place through
    /// this object are mirrored into it).
    public internal(set) var model: LinearModel
    /// `model.isMIP`, which scans every column (no change in place alters a column's kind):
    /// ranging asked it once per row, 5% of a 10,000-supplier plan's run.
    let isMIP: Bool

    /// What the basis in GLPK's problem is worth to the next solve and to ranging.
    var basis = BasisState.cold(.none)
    /// Whether GLPK's scale factors are set (by scaling, or from blocks' factors): scaled once.
    var scaled = false
    /// Whether the rows and columns carry their export names (set on the first export).
    var namesAssigned = false

    /// Seconds spent building the GLPK problem from the model (in `init`).
    public private(set) var loadSeconds: Double = 0
    /// Seconds spent inside GLPK's solvers (`glp_simplex`, `glp_intopt`) by the last `solve`.
    public internal(set) var solverSeconds: Double = 0

    /// Loads `model` into a new GLPK problem owned by the calling thread.
    public init(_ model: LinearModel) {
        self.model = model
        isMIP = model.isMIP
        ownerThread = Thread.current
        let start = Date()
        glp_term_out(GLP_OFF)
        problem = glp_create_prob()
        load(model)
        loadSeconds = Date().timeIntervalSince(start)
    }

    deinit {
        // GLPK's allocator belongs to the creating thread; freeing from elsewhere aborts.
        if Thread.current === ownerThread && !GLPK.currentThreadReleasedEnvironment {
            glp_delete_prob(problem)
        }
    }

    private func load(_ model: LinearModel) {
        let rows = model.constraintCount
        let columns = model.variableCount
        glp_set_obj_dir(problem, model.sense == .minimize ? GLP_MIN : GLP_MAX)
        glp_set_obj_coef(problem, 0, model.objectiveConstant)
        if rows > 0 { glp_add_rows(problem, Int32(rows)) }
        if columns > 0 { glp_add_cols(problem, Int32(columns)) }
        for j in 0..<columns {
            let column = Int32(j + 1)
            let (type, lower, upper) = Self.boundType(model.columnLower[j], model.columnUpper[j])
            glp_set_col_bnds(problem, column, type, lower, upper)
            let coefficient = model.objectiveCoefficients[j]
            if coefficient != 0 { glp_set_obj_coef(problem, column, coefficient) }
            switch model.columnKinds[j] {
            case .continuous: break
            case .integer: glp_set_col_kind(problem, column, GLP_IV)
            case .binary: glp_set_col_kind(problem, column, GLP_BV)
            }
        }
        // GLPK arrays are 1-based: shift the model's CSR arrays by one so that row i's entries
        // start at offset rowStart[i] + 1 of the shifted arrays.
        var indices = [Int32](repeating: 0, count: model.nonzeroCount + 1)
        var values = [Double](repeating: 0, count: model.nonzeroCount + 1)
        for k in 0..<model.nonzeroCount {
            indices[k + 1] = model.rowColumns[k] + 1
            values[k + 1] = model.rowValues[k]
        }
        indices.withUnsafeMutableBufferPointer { indexBuffer in
            values.withUnsafeMutableBufferPointer { valueBuffer in
                for i in 0..<rows {
                    let row = Int32(i + 1)
                    let (type, lower, upper) = Self.boundType(model.rowLower[i], model.rowUpper[i])
                    glp_set_row_bnds(problem, row, type, lower, upper)
                    let start = model.rowStart[i]
                    let length = model.rowStart[i + 1] - start
                    if length > 0 {
                        glp_set_mat_row(
                            problem, row, Int32(length),
                            indexBuffer.baseAddress! + start, valueBuffer.baseAddress! + start)
                    }
                }
            }
        }
    }

    /// GLPK's bound type for a validated pair of bounds (`GLP_FX` when equal: `GLP_DB` with
    /// lb == ub fails with `GLP_EBOUND`).
    static func boundType(_ lower: Double, _ upper: Double) -> (Int32, Double, Double) {
        switch (lower.isFinite, upper.isFinite) {
        case (false, false): return (GLP_FR, 0, 0)
        case (true, false): return (GLP_LO, lower, 0)
        case (false, true): return (GLP_UP, 0, upper)
        case (true, true): return lower == upper ? (GLP_FX, lower, upper) : (GLP_DB, lower, upper)
        }
    }

    func checkThread(_ operation: String) throws {
        guard Thread.current === ownerThread else { throw SolverError.wrongThread(operation: operation) }
    }
}

/// The state of the basis held in a ``GLPKProblem``'s `glp_prob`, which decides how the next
/// solve starts and whether ranging is possible. It replaces the flags of earlier versions
/// (solved once, basis installed, pending iterations, objective/constraints changed, basis is
/// the current optimum, last solve was a MIP).
///
/// Transitions (`c` is the change pending since the last solve, see ``PendingChange``):
///
///     init                     -> cold(none)
///     a change k               cold(c) -> cold(c + k); installed(i, c) -> installed(i, c + k);
///                              optimal -> stale(k); stale(c) -> stale(c + k)
///     start(from:) (i its)     cold(c) or stale(c) -> installed(i, c); optimal -> installed(i, none)
///     solve, options invalid   (no change)
///     solve                    any -> optimal when the LP (a MIP's relaxation) ended optimal,
///                              else stale(none)
///
/// A cold solve (from `cold`) may start by blocks (`+Blocks`), takes the cold method (dual or
/// primal from a crash basis) and never skips the simplex. Any other solve starts from the basis
/// GLPK holds: primal after an objective change, dual after bound or matrix changes only.
/// Ranging needs `optimal` on an LP.
enum BasisState {
    /// No solve yet and no basis installed: the next solve starts cold.
    case cold(PendingChange)
    /// A starting basis installed from blocks' bases (``GLPKProblem/start(from:)`` or a cold
    /// start by blocks); the next solve starts from it and counts the blocks' `iterations`.
    case installed(iterations: Int, PendingChange)
    /// The last solve ended at an optimal basis (of a MIP: of its relaxation), unchanged since.
    case optimal
    /// Solved before, but the basis is not a current optimum: the last solve did not end optimal,
    /// or the model changed since. The next solve starts warm from it.
    case stale(PendingChange)

    /// The state after a change of `kind` in place.
    func changed(_ kind: PendingChange) -> BasisState {
        switch self {
        case let .cold(pending): return .cold(max(pending, kind))
        case let .installed(iterations, pending): return .installed(iterations: iterations, max(pending, kind))
        case .optimal: return .stale(kind)
        case let .stale(pending): return .stale(max(pending, kind))
        }
    }

    /// True before any solve or installed basis: the next solve starts cold.
    var isCold: Bool {
        if case .cold = self { return true } else { return false }
    }

    /// The change pending since the last solve.
    var pending: PendingChange {
        switch self {
        case let .cold(pending), let .installed(_, pending), let .stale(pending): return pending
        case .optimal: return .none
        }
    }
}

/// What changed in place since the last solve, which picks a warm solve's method: an objective
/// change keeps the basis primal feasible (primal simplex), bound and matrix changes alone keep
/// it dual feasible (dual simplex). An objective change outweighs the others.
enum PendingChange: Int, Comparable {
    case none, constraints, objective

    static func < (left: PendingChange, right: PendingChange) -> Bool { left.rawValue < right.rawValue }
}
