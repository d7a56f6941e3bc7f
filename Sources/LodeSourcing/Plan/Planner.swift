import Foundation
import LodeGLPK
import LodeLP

/// Options of a solve that the model's `settings` may also give (the caller's win).
public struct PlanOptions: Sendable {
    /// Seconds; nil uses `settings.time_limit`.
    public var timeLimit: Double?
    public var mipGap: Double?
    /// GLPK's log lines, when wanted.
    public var log: (@Sendable (String) -> Void)?
    /// Compute the rules' right-hand-side ranges (and binding from the basis). Sweeps turn this
    /// off: binding then comes from the slack, and ranges are absent.
    public var ranges: Bool
    /// Read a line per supplier and per route flow. Sweeps turn this off: their rows report
    /// totals, shares and rules, and at 10,000 suppliers the lines were a third of a re-solve.
    public var lines: Bool
    /// Threads that solve the program's independent parts (commodities, periods) at the same
    /// time. One by default: each part solved at once holds a solver copy of its own (at 10,000
    /// suppliers x 10 periods two threads took 1.8 s and 346 MB against 2.0 s and 248 MB), and
    /// sweeps, compare and report already use the cores for points and policies.
    public var threads: Int

    public init(
        timeLimit: Double? = nil, mipGap: Double? = nil, log: (@Sendable (String) -> Void)? = nil, ranges: Bool = true,
        lines: Bool = true, threads: Int = 1
    ) {
        self.timeLimit = timeLimit
        self.mipGap = mipGap
        self.log = log
        self.ranges = ranges
        self.lines = lines
        self.threads = threads
    }
}

public enum PlannerError: Error, Sendable, CustomStringConvertible, Equatable {
    case unknownPolicy(String, available: [String])
    /// The policy has errors of its own or extends one that has (docs/model-language.md, "Fine points").
    case invalidPolicy(String, errors: [Diagnostic])
    /// A model built in code with no policy at all.
    case noPolicy

    public var description: String {
        switch self {
        case let .unknownPolicy(name, available):
            let hint = Suggestion.didYouMean(name, in: available).map { " (\($0))" } ?? ""
            return "the model has no policy '\(name)'\(hint). Use one of: \(available.joined(separator: ", "))."
        case let .invalidPolicy(name, errors):
            let first = errors.first.map { ": \($0)" } ?? ""
            return "the policy '\(name)' is invalid (\(errors.count) error\(errors.count == 1 ? "" : "s"))\(first)"
        case .noPolicy:
            return "the model has no policy"
        }
    }
}

/// Where the time of a solve went, in seconds.
public struct PhaseTimings: Sendable {
    /// Building the linear program from the model (Swift).
    public var formulate: Double = 0
    /// Loading it into GLPK.
    public var load: Double = 0
    /// Inside GLPK's simplex (and branch and bound).
    public var solve: Double = 0
    /// Ranging the rules' rows and reading the plan back.
    public var report: Double = 0

    public init() {}
}

/// Formulates a policy, solves it (with GLPK unless a `solver` is given) and reads the plan back.
public enum Planner {
    /// The policy named `policy`, or the model's first policy in file order when nil. An invalid
    /// policy, asked for or first, is an error with its errors (the others stay solvable).
    public static func policy(_ name: String?, of model: SourcingModel) throws -> Policy {
        guard let name = name ?? model.allPolicyIDs.first else { throw PlannerError.noPolicy }
        if let policy = model.policy(named: name) { return policy }
        if let errors = model.invalidPolicies[name] { throw PlannerError.invalidPolicy(name, errors: errors) }
        throw PlannerError.unknownPolicy(name, available: model.allPolicyIDs)
    }

    /// Solves one policy of a model from scratch.
    public static func solve(_ model: SourcingModel, policy name: String? = nil, options: PlanOptions = PlanOptions())
        throws -> Plan
    {
        try solveTimed(model, policy: name, options: options).plan
    }

    /// ``solve(_:policy:options:)`` with `solver` instead of GLPK.
    public static func solve(
        _ model: SourcingModel, policy name: String? = nil, options: PlanOptions = PlanOptions(),
        solver: some LinearSolver
    ) throws -> Plan {
        try solveTimed(model, policy: name, options: options, solver: solver).plan
    }

    /// ``solve(_:policy:options:)`` with the time spent in each phase.
    public static func solveTimed(
        _ model: SourcingModel, policy name: String? = nil, options: PlanOptions = PlanOptions()
    ) throws -> (plan: Plan, timings: PhaseTimings) {
        try solveTimed(model, policy: name, options: options, solver: GLPKSolver())
    }

    /// ``solveTimed(_:policy:options:)`` with `solver` instead of GLPK.
    public static func solveTimed(
        _ model: SourcingModel, policy name: String? = nil,
        options: PlanOptions = PlanOptions(),
        solver: some LinearSolver
    ) throws -> (plan: Plan, timings: PhaseTimings) {
        var timings = PhaseTimings()
        let start = Date()
        let formulation = try Formulation(model: model, policy: try policy(name, of: model))
        timings.formulate = Date().timeIntervalSince(start)
        let problem = solver.load(formulation.program)
        timings.load = problem.loadSeconds
        let solveStart = Date()
        let plan = try solve(formulation, on: problem, options: options)
        timings.solve = problem.solverSeconds
        timings.report = Date().timeIntervalSince(solveStart) - problem.solverSeconds
        return (plan, timings)
    }

    /// Solves (or re-solves, warm) `problem`, which must hold `formulation`'s program, and reads the plan.
    public static func solve(
        _ formulation: Formulation, on problem: some LinearProblem,
        options: PlanOptions = PlanOptions()
    ) throws -> Plan {
        let settings = formulation.model.settings
        var solve = SolveOptions(
            timeLimit: options.timeLimit ?? settings.timeLimit, mipGap: options.mipGap ?? settings.mipGap,
            log: options.log)
        solve.threads = max(1, options.threads)
        let solution = try problem.solve(solve)
        var ranges: [Int: RightHandSideRange] = [:]
        if options.ranges && solution.termination == .optimal && !solution.isMIP {
            for rule in formulation.rules {
                for row in rule.rows {
                    ranges[row.constraint.index] = try problem.rightHandSideRange(of: row.constraint)
                }
            }
        }
        return PlanReader(formulation: formulation, solution: solution, ranges: ranges, lines: options.lines).plan()
    }
}
