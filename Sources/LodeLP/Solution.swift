/// Why the solver stopped: the first of the three levels of an outcome (as in MathOptInterface:
/// why it stopped, then whether a solution exists, then the values).
///
/// An infeasible or unbounded model is an outcome, not an error.
public enum TerminationStatus: String, Sendable, CaseIterable {
    /// Proven optimal (for a MIP: within the integrality tolerance and the requested gap, if any).
    case optimal
    /// Proven to have no feasible point.
    case infeasible
    /// Feasible with an objective unbounded in its direction.
    case unbounded
    /// Dual infeasible without a proof of primal feasibility (presolve cannot tell the two apart).
    case infeasibleOrUnbounded
    /// Stopped by the time limit.
    case timeLimit
    /// Stopped by the iteration limit.
    case iterationLimit
    /// A MIP stopped because the relative gap fell below the requested `mipGap`.
    case gapLimit
    /// The solver failed numerically even after rescaling and a new starting basis.
    case numericalFailure
}

/// Whether a point of the given kind is available: the second level of an outcome.
public enum SolutionStatus: String, Sendable {
    /// A point that satisfies the constraints (primal) or the dual conditions (dual).
    case feasible
    /// A point exists but is not feasible.
    case infeasible
    /// No point is available.
    case none
}

/// GLPK's own return code with the manual's meaning, kept so nothing the solver said is lost.
public struct SolverCode: Sendable, Equatable, CustomStringConvertible {
    public let rawValue: Int32
    /// The C constant's name, e.g. `GLP_ETMLIM`; for the return code 0 (the search finished),
    /// which has no constant, the solution status's, e.g. `GLP_OPT` or `GLP_NOFEAS`.
    public let name: String
    /// What the GLPK reference manual says the code means.
    public let meaning: String

    public init(rawValue: Int32, name: String, meaning: String) {
        self.rawValue = rawValue
        self.name = name
        self.meaning = meaning
    }

    public var description: String { "\(name) (\(rawValue)): \(meaning)" }
}

/// The outcome of a solve: why it stopped, which solutions exist, and their values.
///
/// Duals follow one convention, GLPK's, for both senses: a constraint's dual is
/// d(objective) / d(its active bound), the objective taken in its own direction. For a
/// minimisation an active `>=` row has a dual >= 0 and an active `<=` row a dual <= 0; a
/// maximisation flips both. Reduced costs are the variables' duals in the same sense.
public struct Solution: Sendable {
    public let termination: TerminationStatus
    public let primalStatus: SolutionStatus
    public let dualStatus: SolutionStatus
    public let solverCode: SolverCode
    /// True when the model had integer or binary variables and was solved by branch and bound.
    public let isMIP: Bool
    /// The objective of the available primal point, constant included; nil without one.
    public let objectiveValue: Double?
    /// Values of the variables, by index; empty without a primal point.
    public let variableValues: [Double]
    /// Values of the constraints' left-hand sides, by index; empty without a primal point.
    public let constraintActivities: [Double]
    /// Duals of the constraints, by index (LP with a feasible dual only; empty otherwise).
    public let constraintDuals: [Double]
    /// Reduced costs of the variables, by index (LP with a feasible dual only; empty otherwise).
    public let reducedCosts: [Double]
    /// Simplex iterations spent in this solve.
    public let iterations: Int

    public init(
        termination: TerminationStatus, primalStatus: SolutionStatus, dualStatus: SolutionStatus,
        solverCode: SolverCode, isMIP: Bool, objectiveValue: Double?, variableValues: [Double],
        constraintActivities: [Double], constraintDuals: [Double], reducedCosts: [Double], iterations: Int
    ) {
        self.termination = termination
        self.primalStatus = primalStatus
        self.dualStatus = dualStatus
        self.solverCode = solverCode
        self.isMIP = isMIP
        self.objectiveValue = objectiveValue
        self.variableValues = variableValues
        self.constraintActivities = constraintActivities
        self.constraintDuals = constraintDuals
        self.reducedCosts = reducedCosts
        self.iterations = iterations
    }

    /// True when a primal point satisfying every constraint is available.
    public var hasFeasiblePoint: Bool { primalStatus == .feasible }
    /// True when duals and reduced costs are available.
    public var hasDuals: Bool { !constraintDuals.isEmpty || (dualStatus == .feasible && !isMIP) }

    /// The value of `variable` in the primal point.
    public func value(_ variable: Variable) -> Double {
        variableValues[variable.index]
    }

    /// The value of an expression at the primal point.
    public func value<T: LinearTerm>(of term: T) -> Double {
        let expression = term.linearExpression
        var total = expression.constant
        for (index, coefficient) in zip(expression.rawIndices, expression.rawCoefficients) {
            total += coefficient * variableValues[index]
        }
        return total
    }

    /// The left-hand side of `constraint` at the primal point.
    public func activity(_ constraint: ConstraintRef) -> Double {
        constraintActivities[constraint.index]
    }

    /// The dual of `constraint`, or nil when duals are not available.
    public func dual(_ constraint: ConstraintRef) -> Double? {
        constraintDuals.isEmpty ? nil : constraintDuals[constraint.index]
    }

    /// The reduced cost of `variable`, or nil when duals are not available.
    public func reducedCost(_ variable: Variable) -> Double? {
        reducedCosts.isEmpty ? nil : reducedCosts[variable.index]
    }
}
