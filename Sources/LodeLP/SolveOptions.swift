/// Which simplex method to run.
public enum SimplexMethod: String, Sendable {
    /// A cold solve: the dual simplex when the all-slack basis is dual feasible (e.g. a
    /// minimisation with non-negative costs) and the program has at most 20 columns per row,
    /// else the primal simplex from a crash basis. A warm
    /// re-solve: primal after objective changes (the basis stays primal feasible), dual after
    /// bound, right-hand-side or matrix changes (it stays dual feasible). The dual simplex always
    /// uses the long-step ratio test.
    case automatic
    case primal
    /// Dual simplex, falling back to the primal one if it fails.
    case dual
}

/// Settings of one solve.
public struct SolveOptions: Sendable {
    public var method: SimplexMethod = .automatic
    /// GLPK's LP presolver. Off by default: it ignores the stored basis (no warm start), leaves no
    /// factorization, and returns no point unless it reaches optimality. Useful for a one-off
    /// cold solve of a large model.
    public var presolve = false
    /// Scale the problem (GLPK's automatic scaling) before its first solve.
    public var scaling = true
    /// Wall-clock limit in seconds for this solve (LP and MIP together); nil for none.
    public var timeLimit: Double?
    /// Simplex iteration limit for this solve; nil for none.
    public var iterationLimit: Int?
    /// Relative MIP gap at which branch and bound stops (e.g. 1e-4); nil for GLPK's default (0).
    public var mipGap: Double?
    /// Receives GLPK's terminal output, line by line. GLPK prints nothing when this is nil.
    public var log: (@Sendable (String) -> Void)?
    /// Solve a cold start block by block when the program splits into blocks that share no row
    /// (see `LinearModel.independentBlocks()`), then start the whole from the blocks' bases.
    /// The optimum is the same; among tied optima the one found may differ.
    public var decompose = true
    /// Threads that solve those blocks at the same time (nil: one per core). Which blocks there
    /// are, and so the result, does not depend on it.
    public var threads: Int?

    public init(
        method: SimplexMethod = .automatic, presolve: Bool = false, scaling: Bool = true,
        timeLimit: Double? = nil, iterationLimit: Int? = nil, mipGap: Double? = nil,
        log: (@Sendable (String) -> Void)? = nil, decompose: Bool = true
    ) {
        self.decompose = decompose
        self.method = method
        self.presolve = presolve
        self.scaling = scaling
        self.timeLimit = timeLimit
        self.iterationLimit = iterationLimit
        self.mipGap = mipGap
        self.log = log
    }
}

/// The file formats a model can be exported to.
public enum ExportFormat: String, Sendable, CaseIterable {
    /// CPLEX LP format (readable by `glpsol --lp`).
    case lp
    /// Free MPS format (readable by `glpsol --freemps`).
    case mps
}
