internal import CGLPK
import Foundation
import LodeLP

/// A ``LinearModel`` loaded into GLPK, kept for solving, re-solving warm after changes in place,
/// sensitivity analysis and export.
///
/// GLPK aborts the process on invalid calls and ties every problem to the thread that created
/// it. This class is the single owner of its `glp_prob`: it validates every argument before GLPK
/// sees it, refuses calls from any other thread with ``SolverError/wrongThread(operation:)``,
/// and frees the problem when released on its thread (released elsewhere, the problem is left
/// to the thread's environment rather than crash the process). It is not `Sendable`: create,
/// use and release it within one synchronous piece of work.
public final class GLPKProblem {
    let problem: OpaquePointer
    private let ownerThread: Thread
    /// The model as built; kept for names, kinds and index checks (changes made in place through
    /// this object are mirrored into it).
    public private(set) var model: LinearModel

    private var scaled = false
    private var solvedOnce = false
    /// Set when a starting basis was installed from blocks' bases; the next solve starts from it.
    private var basisInstalled = false
    /// Iterations the installed blocks took, counted by the next solve.
    private var pendingIterations = 0
    private var objectiveChanged = false
    private var constraintsChanged = false
    /// Set by an optimal LP solve, cleared by any change: ranging needs a current optimal basis.
    private var basisIsCurrentOptimum = false
    private var lastSolveWasMIP = false
    private var namesAssigned = false

    /// Seconds spent building the GLPK problem from the model (in `init`).
    public private(set) var loadSeconds: Double = 0
    /// Seconds spent inside GLPK's solvers (`glp_simplex`, `glp_intopt`) by the last `solve`.
    public private(set) var solverSeconds: Double = 0

    /// Loads `model` into a new GLPK problem owned by the calling thread.
    public init(_ model: LinearModel) {
        self.model = model
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
                        glp_set_mat_row(problem, row, Int32(length),
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

    // MARK: Changes in place

    /// Changes a constraint's bounds (its right-hand side); the next solve starts from the
    /// current basis with the dual simplex.
    public func setBounds(of constraint: ConstraintRef, lower: Double, upper: Double) throws {
        try checkThread("setBounds(of:lower:upper:)")
        try model.setBounds(of: constraint, lower: lower, upper: upper)
        let (type, lb, ub) = Self.boundType(lower, upper)
        glp_set_row_bnds(problem, Int32(constraint.index + 1), type, lb, ub)
        noteChange(objective: false)
    }

    /// Changes a variable's bounds; the next solve starts from the current basis.
    public func setBounds(of variable: Variable, lower: Double, upper: Double) throws {
        try checkThread("setBounds(of:lower:upper:)")
        try model.setBounds(of: variable, lower: lower, upper: upper)
        let (type, lb, ub) = Self.boundType(lower, upper)
        glp_set_col_bnds(problem, Int32(variable.index + 1), type, lb, ub)
        noteChange(objective: false)
    }

    /// Changes one objective coefficient; the next solve starts from the current basis with the
    /// primal simplex.
    public func setObjectiveCoefficient(of variable: Variable, to value: Double) throws {
        try checkThread("setObjectiveCoefficient(of:to:)")
        try model.setObjectiveCoefficient(of: variable, to: value)
        glp_set_obj_coef(problem, Int32(variable.index + 1), value)
        noteChange(objective: true)
    }

    /// Changes the coefficient of `variable` in `constraint` (0 removes it).
    public func setCoefficient(_ value: Double, of variable: Variable, in constraint: ConstraintRef) throws {
        try checkThread("setCoefficient(_:of:in:)")
        try model.setCoefficient(value, of: variable, in: constraint)
        let (columns, values) = model.row(constraint)
        var indices = [Int32](unsafeUninitializedCapacity: columns.count + 1) { buffer, count in
            buffer[0] = 0
            for (offset, column) in columns.enumerated() { buffer[offset + 1] = column + 1 }
            count = columns.count + 1
        }
        var coefficients = [0] + Array(values)
        glp_set_mat_row(problem, Int32(constraint.index + 1), Int32(columns.count), &indices, &coefficients)
        noteChange(objective: false)
    }

    /// Whether GLPK's scale factors are set (by scaling, or from blocks' factors).
    var isScaled: Bool { scaled }

    func markScaled() { scaled = true }

    /// Records that statuses from blocks' bases were set: the next solve starts from them (no
    /// crash basis, no decomposition) and counts the blocks' iterations as its own.
    func installedBasis(iterations: Int) {
        basisInstalled = true
        basisIsCurrentOptimum = false
        pendingIterations = iterations
    }

    private func noteChange(objective: Bool) {
        basisIsCurrentOptimum = false
        if objective { objectiveChanged = true } else { constraintsChanged = true }
    }

    // MARK: Solving

    /// Solves the model: the simplex method for an LP, then branch and bound for a MIP. Later
    /// calls start from the basis the previous one left (a warm start).
    public func solve(_ options: SolveOptions = SolveOptions()) throws -> Solution {
        try checkThread("solve(_:)")
        try Self.validate(options)
        var method = chooseMethod(options.method)
        objectiveChanged = false
        constraintsChanged = false
        return TerminalOutput.routed(to: options.log) {
            let start = Date()
            let iterationsBefore = glp_get_it_cnt(problem)
            var remaining = options
            var blockIterations = pendingIterations
            pendingIterations = 0
            if !solvedOnce && !basisInstalled && options.decompose && !options.presolve {
                let started = startFromBlocks(options)
                blockIterations += started.iterations
                if started.installed {
                    basisInstalled = true
                    method = .primal  // the blocks' bases together are optimal: nothing left to do
                }
                remaining.timeLimit = options.timeLimit.map { max(0, $0 - Date().timeIntervalSince(start)) }
                remaining.iterationLimit = options.iterationLimit.map { max(0, $0 - started.iterations) }
            }
            // After the blocks, which may have set the factors already.
            if options.scaling && !scaled {
                glp_scale_prob(problem, GLP_SF_AUTO)
                scaled = true
            }
            let simplexCode = basisStillOptimal(options) ? 0 : runSimplex(remaining, method: method, logging: options.log != nil)
            basisInstalled = false
            solverSeconds = Date().timeIntervalSince(start)
            solvedOnce = true
            // Iterations spent in the blocks count as this solve's.
            let countedFrom = iterationsBefore - Int32(clamping: blockIterations)
            var solution = readLP(code: simplexCode, iterationsBefore: countedFrom)
            lastSolveWasMIP = false
            basisIsCurrentOptimum = solution.termination == .optimal && glp_get_status(problem) == GLP_OPT
            if model.isMIP {
                lastSolveWasMIP = true
                if solution.termination == .optimal {
                    let elapsed = Date().timeIntervalSince(start)
                    solution = runBranchAndBound(options, elapsed: elapsed, iterationsBefore: countedFrom)
                    solverSeconds = Date().timeIntervalSince(start)
                } else {
                    solution = mipWithoutRelaxation(solution)
                }
            }
            return solution
        }
    }

    /// A warm re-solve of an LP whose basis is still optimal after the changes needs no simplex
    /// run: `glp_warm_up` refactorizes and computes the primal and dual values, and when they
    /// are both feasible they are the optimum. `glp_simplex` would first copy the whole program
    /// into its working form: on a sweep of a cap that does not bind (a 10,000-supplier model)
    /// that copy was half of each re-solve. When the basis is not optimal (or cannot be
    /// factorized) the simplex runs as usual, reusing the factorization.
    private func basisStillOptimal(_ options: SolveOptions) -> Bool {
        guard solvedOnce || basisInstalled, !model.isMIP, !options.presolve, options.method == .automatic,
              model.constraintCount > 0, model.variableCount > 0 else { return false }
        return glp_warm_up(problem) == 0 && glp_get_status(problem) == GLP_OPT
    }

    private static func validate(_ options: SolveOptions) throws {
        if let limit = options.timeLimit, !(limit.isFinite && limit >= 0) {
            throw SolverError.invalidOption(name: "timeLimit", value: "\(limit)")
        }
        if let limit = options.iterationLimit, limit < 0 {
            throw SolverError.invalidOption(name: "iterationLimit", value: "\(limit)")
        }
        if let gap = options.mipGap, !(gap.isFinite && gap >= 0) {
            throw SolverError.invalidOption(name: "mipGap", value: "\(gap)")
        }
    }

    private func chooseMethod(_ requested: SimplexMethod) -> SimplexMethod {
        guard requested == .automatic else { return requested }
        if !solvedOnce && !basisInstalled { return prefersColdDual ? .dual : .primal }
        if objectiveChanged { return .primal }
        return constraintsChanged ? .dual : .primal
    }

    /// A cold dual simplex when the all-slack basis is dual feasible and the program is not much
    /// wider than tall. Measured (Benchmarks/README.md): on sourcing programs (0.5 to 7 columns per
    /// row) the dual with the long-step ratio test was 13 to 38 times faster than the primal; on
    /// transportation LPs (33 to 333 columns per row) it was several times slower, as GLPK-NOTES
    /// found on a wide random LP. Callers can force either with `SolveOptions.method`.
    private var prefersColdDual: Bool {
        standardBasisIsDualFeasible && model.variableCount <= 20 * max(1, model.constraintCount)
    }

    /// True when the all-slack starting basis is dual feasible: every column sits at a bound its
    /// cost pushes it towards (for a minimisation, cost >= 0 at a finite lower bound, <= 0 at an
    /// upper one, 0 when free), so a cold dual simplex starts in its second phase.
    private var standardBasisIsDualFeasible: Bool {
        let sign: Double = model.sense == .minimize ? 1 : -1
        for j in 0..<model.variableCount {
            let cost = sign * model.objectiveCoefficients[j]
            if model.columnLower[j].isFinite {
                if cost < 0 && model.columnLower[j] != model.columnUpper[j] { return false }
            } else if model.columnUpper[j].isFinite {
                if cost > 0 { return false }
            } else if cost != 0 {
                return false
            }
        }
        return true
    }

    /// GLPK's `tm_lim` in milliseconds, an Int32: at most 2^31 - 1 ms, about 24.8 days. A longer
    /// limit (up to infinity, e.g. `--time-limit 1e300`) is clamped to that, which in practice means
    /// no limit; converting it through Int would trap from about 9.2e15 s. The options are
    /// checked before (a NaN or negative limit is an error there); one that gets here anyway
    /// gives 0 ms for NaN or below zero.
    private static func milliseconds(_ seconds: Double) -> Int32 {
        let milliseconds = (seconds * 1000).rounded(.up)
        guard milliseconds > 0 else { return 0 }  // also NaN
        guard milliseconds < Double(Int32.max) else { return Int32.max }
        return Int32(milliseconds)
    }

    private func runSimplex(_ options: SolveOptions, method: SimplexMethod, logging: Bool) -> Int32 {
        var parameters = glp_smcp()
        glp_init_smcp(&parameters)
        parameters.msg_lev = logging ? GLP_MSG_ALL : GLP_MSG_OFF
        parameters.meth = method == .dual ? GLP_DUALP : GLP_PRIMAL
        // The long-step ("flip") ratio test: many bound flips per iteration in the dual simplex.
        if method == .dual { parameters.r_test = GLP_RT_FLIP }
        parameters.presolve = options.presolve ? GLP_ON : GLP_OFF
        if let limit = options.timeLimit { parameters.tm_lim = Self.milliseconds(limit) }
        if let limit = options.iterationLimit { parameters.it_lim = Int32(clamping: limit) }
        if !solvedOnce && !basisInstalled && method == .primal && !options.presolve && glp_get_num_rows(problem) > 0 && glp_get_num_cols(problem) > 0 {
            // A cold start from a crash basis (as glpsol does by default) rather than the all-slack one.
            glp_adv_basis(problem, 0)
        }
        var code = glp_simplex(problem, &parameters)
        // GLPK-NOTES §7.4: the recovery ladder for a bad or ill-conditioned basis.
        if [GLP_EBADB, GLP_ESING, GLP_ECOND, GLP_EFAIL].contains(code) {
            glp_scale_prob(problem, GLP_SF_AUTO)
            scaled = true
            if glp_get_num_rows(problem) > 0 && glp_get_num_cols(problem) > 0 {
                glp_adv_basis(problem, 0)
            } else {
                glp_std_basis(problem)
            }
            parameters.meth = GLP_PRIMAL
            code = glp_simplex(problem, &parameters)
        }
        return code
    }

    private func readLP(code: Int32, iterationsBefore: Int32) -> Solution {
        let status = glp_get_status(problem)
        let termination: TerminationStatus
        switch code {
        case 0:
            switch status {
            case GLP_OPT: termination = .optimal
            case GLP_NOFEAS: termination = .infeasible
            case GLP_UNBND: termination = .unbounded
            default: termination = .numericalFailure
            }
        case GLP_ENOPFS: termination = .infeasible
        case GLP_ENODFS: termination = .infeasibleOrUnbounded
        case GLP_ETMLIM: termination = .timeLimit
        case GLP_EITLIM: termination = .iterationLimit
        default: termination = .numericalFailure
        }
        let primal = Self.solutionStatus(glp_get_prim_stat(problem))
        let dual = Self.solutionStatus(glp_get_dual_stat(problem))
        let rows = model.constraintCount
        let columns = model.variableCount
        var values: [Double] = []
        var activities: [Double] = []
        var rowDuals: [Double] = []
        var reducedCosts: [Double] = []
        if primal != .none {
            values = (0..<columns).map { glp_get_col_prim(problem, Int32($0 + 1)) }
            activities = (0..<rows).map { glp_get_row_prim(problem, Int32($0 + 1)) }
        }
        if termination == .optimal && !model.isMIP {
            rowDuals = (0..<rows).map { glp_get_row_dual(problem, Int32($0 + 1)) }
            reducedCosts = (0..<columns).map { glp_get_col_dual(problem, Int32($0 + 1)) }
        }
        return Solution(
            termination: termination, primalStatus: primal, dualStatus: dual,
            solverCode: SolverCodes.code(code, status: status), isMIP: false,
            objectiveValue: primal == .none ? nil : glp_get_obj_val(problem),
            variableValues: values, constraintActivities: activities,
            constraintDuals: rowDuals, reducedCosts: reducedCosts,
            iterations: Int(glp_get_it_cnt(problem) - iterationsBefore))
    }

    private static func solutionStatus(_ raw: Int32) -> SolutionStatus {
        switch raw {
        case GLP_FEAS: return .feasible
        case GLP_INFEAS, GLP_NOFEAS: return .infeasible
        default: return .none
        }
    }

    /// A MIP whose relaxation did not solve to optimality: its status, without a MIP point.
    private func mipWithoutRelaxation(_ relaxation: Solution) -> Solution {
        let termination: TerminationStatus = relaxation.termination == .unbounded ? .infeasibleOrUnbounded : relaxation.termination
        return Solution(
            termination: termination, primalStatus: .none, dualStatus: .none,
            solverCode: relaxation.solverCode, isMIP: true, objectiveValue: nil,
            variableValues: [], constraintActivities: [], constraintDuals: [], reducedCosts: [],
            iterations: relaxation.iterations)
    }

    private func runBranchAndBound(_ options: SolveOptions, elapsed: Double, iterationsBefore: Int32) -> Solution {
        var parameters = glp_iocp()
        glp_init_iocp(&parameters)
        parameters.msg_lev = options.log != nil ? GLP_MSG_ON : GLP_MSG_OFF
        parameters.presolve = GLP_OFF  // the relaxation was just solved to optimality
        parameters.mir_cuts = GLP_ON
        parameters.gmi_cuts = GLP_ON
        if let limit = options.timeLimit { parameters.tm_lim = Self.milliseconds(max(0, limit - elapsed)) }
        if let gap = options.mipGap { parameters.mip_gap = gap }
        let code = glp_intopt(problem, &parameters)
        let status = glp_mip_status(problem)
        let termination: TerminationStatus
        switch status {
        case GLP_OPT: termination = .optimal
        case GLP_NOFEAS: termination = .infeasible
        default:
            switch code {
            case GLP_ETMLIM: termination = .timeLimit
            case GLP_EMIPGAP: termination = .gapLimit
            case GLP_ENOPFS: termination = .infeasible
            case GLP_ENODFS: termination = .infeasibleOrUnbounded
            default: termination = status == GLP_FEAS ? .optimal : .numericalFailure
            }
        }
        let hasPoint = status == GLP_OPT || status == GLP_FEAS
        let rows = model.constraintCount
        let columns = model.variableCount
        return Solution(
            termination: termination, primalStatus: hasPoint ? .feasible : .none, dualStatus: .none,
            solverCode: SolverCodes.code(code, status: status), isMIP: true,
            objectiveValue: hasPoint ? glp_mip_obj_val(problem) : nil,
            variableValues: hasPoint ? (0..<columns).map { glp_mip_col_val(problem, Int32($0 + 1)) } : [],
            constraintActivities: hasPoint ? (0..<rows).map { glp_mip_row_val(problem, Int32($0 + 1)) } : [],
            constraintDuals: [], reducedCosts: [],
            iterations: Int(glp_get_it_cnt(problem) - iterationsBefore))
    }

    // MARK: Sensitivity

    private func requireOptimalBasis(_ operation: String) throws {
        try checkThread(operation)
        if lastSolveWasMIP {
            throw SolverError.noOptimalBasis(operation: operation, reason: "the model is a MIP, which has no duals or ranges")
        }
        if !solvedOnce {
            throw SolverError.noOptimalBasis(operation: operation, reason: "the model has not been solved yet")
        }
        if !basisIsCurrentOptimum || glp_get_status(problem) != GLP_OPT {
            throw SolverError.noOptimalBasis(
                operation: operation, reason: "the last solve did not end optimal, or the model changed since")
        }
        if glp_bf_exists(problem) == 0 && glp_factorize(problem) != 0 {
            throw SolverError.noOptimalBasis(operation: operation, reason: "the optimal basis could not be factorized")
        }
    }

    /// The range of `constraint`'s active bound over which the optimal basis stays optimal, with
    /// its dual (see ``RightHandSideRange``).
    public func rightHandSideRange(of constraint: ConstraintRef) throws -> RightHandSideRange {
        try requireOptimalBasis("rightHandSideRange(of:)")
        try model.check(constraint, context: "rightHandSideRange(of:)")
        return rowRange(Int32(constraint.index + 1))
    }

    /// ``rightHandSideRange(of:)`` for every constraint, by index.
    public func rightHandSideRanges() throws -> [RightHandSideRange] {
        try requireOptimalBasis("rightHandSideRanges()")
        return (0..<model.constraintCount).map { rowRange(Int32($0 + 1)) }
    }

    private func rowRange(_ row: Int32) -> RightHandSideRange {
        let activity = glp_get_row_prim(problem, row)
        let dual = glp_get_row_dual(problem, row)
        let type = glp_get_row_type(problem, row)
        let lower = glp_get_row_lb(problem, row)
        let upper = glp_get_row_ub(problem, row)
        switch glp_get_row_stat(problem, row) {
        case GLP_BS:
            switch type {
            case GLP_LO: return .init(bound: lower, activity: activity, dual: 0, isBinding: false, lowerLimit: -.infinity, upperLimit: activity)
            case GLP_UP, GLP_DB: return .init(bound: upper, activity: activity, dual: 0, isBinding: false, lowerLimit: activity, upperLimit: .infinity)
            case GLP_FX: return .init(bound: lower, activity: activity, dual: 0, isBinding: false, lowerLimit: activity, upperLimit: activity)
            default: return .init(bound: nil, activity: activity, dual: 0, isBinding: false, lowerLimit: -.infinity, upperLimit: .infinity)
            }
        case GLP_NF:
            return .init(bound: nil, activity: activity, dual: 0, isBinding: false, lowerLimit: -.infinity, upperLimit: .infinity)
        case let status:
            var low = 0.0, high = 0.0
            var limitingLow: Int32 = 0, limitingHigh: Int32 = 0
            glp_analyze_bound(problem, row, &low, &limitingLow, &high, &limitingHigh)
            let bound = status == GLP_NU ? upper : lower
            return .init(bound: bound, activity: activity, dual: dual, isBinding: true,
                         lowerLimit: Self.unbounded(low), upperLimit: Self.unbounded(high))
        }
    }

    /// The range of `variable`'s objective coefficient over which the optimal basis stays optimal.
    public func objectiveRange(of variable: Variable) throws -> ObjectiveRange {
        try requireOptimalBasis("objectiveRange(of:)")
        try model.check(variable, context: "objectiveRange(of:)")
        return columnRange(Int32(variable.index + 1))
    }

    /// ``objectiveRange(of:)`` for every variable, by index.
    public func objectiveRanges() throws -> [ObjectiveRange] {
        try requireOptimalBasis("objectiveRanges()")
        return (0..<model.variableCount).map { columnRange(Int32($0 + 1)) }
    }

    private func columnRange(_ column: Int32) -> ObjectiveRange {
        let coefficient = glp_get_obj_coef(problem, column)
        let status = glp_get_col_stat(problem, column)
        if status == GLP_BS {
            var low = 0.0, high = 0.0, valueLow = 0.0, valueHigh = 0.0
            var limitingLow: Int32 = 0, limitingHigh: Int32 = 0
            let k = glp_get_num_rows(problem) + column
            glp_analyze_coef(problem, k, &low, &limitingLow, &valueLow, &high, &limitingHigh, &valueHigh)
            return .init(coefficient: coefficient, isBasic: true, lowerLimit: Self.unbounded(low), upperLimit: Self.unbounded(high))
        }
        // A non-basic column stays optimal while its reduced cost keeps its sign (GLPK manual §3.4.1).
        let reduced = glp_get_col_dual(problem, column)
        let threshold = coefficient - reduced
        let minimizing = glp_get_obj_dir(problem) == GLP_MIN
        switch status {
        case GLP_NL:
            return minimizing
                ? .init(coefficient: coefficient, isBasic: false, lowerLimit: threshold, upperLimit: .infinity)
                : .init(coefficient: coefficient, isBasic: false, lowerLimit: -.infinity, upperLimit: threshold)
        case GLP_NU:
            return minimizing
                ? .init(coefficient: coefficient, isBasic: false, lowerLimit: -.infinity, upperLimit: threshold)
                : .init(coefficient: coefficient, isBasic: false, lowerLimit: threshold, upperLimit: .infinity)
        case GLP_NS:
            return .init(coefficient: coefficient, isBasic: false, lowerLimit: -.infinity, upperLimit: .infinity)
        default:
            return .init(coefficient: coefficient, isBasic: false, lowerLimit: coefficient, upperLimit: coefficient)
        }
    }

    private static func unbounded(_ value: Double) -> Double {
        if value >= Double.greatestFiniteMagnitude { return .infinity }
        if value <= -Double.greatestFiniteMagnitude { return -.infinity }
        return value
    }

    // MARK: Export

    /// Writes the problem in CPLEX LP or free MPS format, with the model's names made valid and
    /// unique for that format (see ``ExportNames``). Written to a temporary file first, then moved
    /// into place, so `path` holds a whole file or nothing.
    public func write(_ format: ExportFormat, to path: String) throws {
        try checkThread("write(_:to:)")
        assignNames()
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        let code: Int32 = TerminalOutput.routed(to: nil) {
            switch format {
            case .lp: return glp_write_lp(problem, nil, temporary.path)
            case .mps: return glp_write_mps(problem, GLP_MPS_FILE, nil, temporary.path)
            }
        }
        guard code == 0 else {
            try? FileManager.default.removeItem(at: temporary)
            throw SolverError.exportFailed(path: path, format: format)
        }
        // rename(2) replaces a file in one step and refuses to replace a folder (never removed first).
        guard rename(temporary.path, url.path) == 0 else {
            try? FileManager.default.removeItem(at: temporary)
            throw SolverError.exportFailed(path: path, format: format)
        }
    }

    private func assignNames() {
        guard !namesAssigned else { return }
        namesAssigned = true
        glp_set_prob_name(problem, "lode")
        glp_set_obj_name(problem, "objective")
        var names = ExportNames(reserved: ["objective"])
        for i in 0..<model.constraintCount {
            glp_set_row_name(problem, Int32(i + 1), names.unique(model.rowNames[i], fallback: "r_\(i + 1)"))
        }
        for j in 0..<model.variableCount {
            glp_set_col_name(problem, Int32(j + 1), names.unique(model.columnNames[j], fallback: "x_\(j + 1)"))
        }
    }
}
