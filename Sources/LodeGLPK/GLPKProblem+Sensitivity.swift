// GLPKProblem's sensitivity analysis: right-hand-side and objective ranges of the last optimal
// basis, which must be current (see BasisState).
internal import CGLPK
import LodeLP

extension GLPKProblem {
    private func requireOptimalBasis(_ operation: String) throws {
        try checkThread(operation)
        switch basis {
        case .cold, .installed:
            throw SolverError.noOptimalBasis(operation: operation, reason: "the model has not been solved yet")
        case .optimal, .stale:
            if isMIP {
                throw SolverError.noOptimalBasis(
                    operation: operation, reason: "the model is a MIP, which has no duals or ranges")
            }
        }
        guard case .optimal = basis, glp_get_status(problem) == GLP_OPT else {
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
        /// A row that does not bind: dual 0, the range from `from` to `to`.
        func loose(_ bound: Double?, from: Double, to: Double) -> RightHandSideRange {
            .init(bound: bound, activity: activity, dual: 0, isBinding: false, lowerLimit: from, upperLimit: to)
        }
        switch glp_get_row_stat(problem, row) {
        case GLP_BS:
            switch type {
            case GLP_LO: return loose(lower, from: -.infinity, to: activity)
            case GLP_UP, GLP_DB: return loose(upper, from: activity, to: .infinity)
            case GLP_FX: return loose(lower, from: activity, to: activity)
            default: return loose(nil, from: -.infinity, to: .infinity)
            }
        case GLP_NF:
            return loose(nil, from: -.infinity, to: .infinity)
        case let status:
            var low = 0.0, high = 0.0
            var limitingLow: Int32 = 0, limitingHigh: Int32 = 0
            glp_analyze_bound(problem, row, &low, &limitingLow, &high, &limitingHigh)
            let bound = status == GLP_NU ? upper : lower
            return .init(
                bound: bound, activity: activity, dual: dual, isBinding: true,
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
            return .init(
                coefficient: coefficient, isBasic: true,
                lowerLimit: Self.unbounded(low), upperLimit: Self.unbounded(high))
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

}
