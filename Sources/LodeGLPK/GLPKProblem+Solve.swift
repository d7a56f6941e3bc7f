// GLPKProblem's solving: the simplex method (cold or warm, by the basis state), then branch and
// bound for a MIP, and the solution read back in LodeLP's terms.
internal import CGLPK
import Foundation
import LodeLP

extension GLPKProblem {
    /// True when GLPK may scale the matrix and cut a MIP: every coefficient's magnitude within
    /// [1e-100, 1e100]. GLPK's own scaling aborts the process when a factor it computes underflows
    /// to 0 (`glp_set_sjj: invalid scale factor`, from glp_scale_prob), and its MIR cut generator
    /// aborts too, on coefficients of 1e308 beside ones of 1 (both seen by fuzzing plans over
    /// time); such a program is solved unscaled and without cuts.
    static func scalable(_ model: LinearModel) -> Bool {
        model.rowValues.allSatisfy { $0 == 0 || (1e-100...1e100).contains(abs($0)) }
    }

    /// Solves the model: the simplex method for an LP, then branch and bound for a MIP. Later
    /// calls start from the basis the previous one left (a warm start).
    public func solve(_ options: SolveOptions = SolveOptions()) throws -> Solution {
        try checkThread("solve(_:)")
        try Self.validate(options)
        var method = chooseMethod(options.method)
        let before = basis
        return TerminalOutput.routed(to: options.log) {
            let start = Date()
            let iterationsBefore = glp_get_it_cnt(problem)
            var remaining = options
            var cold = before.isCold
            var blockIterations = 0
            var composed = false
            if case let .installed(iterations, _) = before { blockIterations = iterations }
            if cold && options.decompose && !options.presolve {
                let started = startFromBlocks(options)
                blockIterations += started.iterations
                if started.installed {
                    cold = false
                    // Independent blocks' bases together are optimal (nothing left to do); a basis
                    // composed once links are cut needs the dual simplex to finish.
                    if started.finish == .primal || options.method == .automatic { method = started.finish }
                    composed = started.finish == .dual
                }
                remaining.timeLimit = options.timeLimit.map { max(0, $0 - Date().timeIntervalSince(start)) }
                remaining.iterationLimit = options.iterationLimit.map { max(0, $0 - started.iterations) }
            }
            // After the blocks, which may have set the factors already.
            if options.scaling && !scaled {
                if Self.scalable(model) { glp_scale_prob(problem, GLP_SF_AUTO) }
                scaled = true
            }
            let simplexCode =
                !composed && basisStillOptimal(options, warm: !cold)
                ? 0 : runSimplex(remaining, method: method, cold: cold, logging: options.log != nil)
            solverSeconds = Date().timeIntervalSince(start)
            // Iterations spent in the blocks count as this solve's.
            let countedFrom = iterationsBefore - Int32(clamping: blockIterations)
            var solution = readLP(code: simplexCode, iterationsBefore: countedFrom)
            basis = solution.termination == .optimal && glp_get_status(problem) == GLP_OPT ? .optimal : .stale(.none)
            if isMIP {
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
    private func basisStillOptimal(_ options: SolveOptions, warm: Bool) -> Bool {
        guard warm, !isMIP, !options.presolve, options.method == .automatic,
            model.constraintCount > 0, model.variableCount > 0
        else { return false }
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
        if basis.isCold { return prefersColdDual ? .dual : .primal }
        return basis.pending == .constraints ? .dual : .primal
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

    private func runSimplex(_ options: SolveOptions, method: SimplexMethod, cold: Bool, logging: Bool) -> Int32 {
        var parameters = glp_smcp()
        glp_init_smcp(&parameters)
        parameters.msg_lev = logging ? GLP_MSG_ALL : GLP_MSG_OFF
        parameters.meth = method == .dual ? GLP_DUALP : GLP_PRIMAL
        // The long-step ("flip") ratio test: many bound flips per iteration in the dual simplex.
        if method == .dual { parameters.r_test = GLP_RT_FLIP }
        parameters.presolve = options.presolve ? GLP_ON : GLP_OFF
        if let limit = options.timeLimit { parameters.tm_lim = Self.milliseconds(limit) }
        if let limit = options.iterationLimit { parameters.it_lim = Int32(clamping: limit) }
        if cold && method == .primal && !options.presolve && glp_get_num_rows(problem) > 0
            && glp_get_num_cols(problem) > 0
        {
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
        if termination == .optimal && !isMIP {
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
        let termination: TerminationStatus =
            relaxation.termination == .unbounded
            ? .infeasibleOrUnbounded : relaxation.termination
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
        let cuts = Self.scalable(model) ? GLP_ON : GLP_OFF
        parameters.mir_cuts = cuts
        parameters.gmi_cuts = cuts
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

}
