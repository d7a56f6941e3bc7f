import LodeGLPK

/// Policies side by side: each one's plan, its price against the first (the reference), and for
/// an infeasible policy the rules that conflict and how each could be relaxed.
public struct Comparison: Sendable, Encodable {
    public var model: String
    public var reference: String
    public var columns: [PolicyColumn]
}

public struct PolicyColumn: Sendable, Encodable {
    public var policy: String
    public var plan: Plan
    /// Objective minus the reference policy's objective: what this policy costs over it.
    @Nullable public var price: Double?
    /// Infeasible: the conflicting rules.
    @Nullable public var conflict: [String]?
    /// Infeasible: each conflicting rule's relaxation that alone would restore feasibility.
    public var relaxations: [Relaxation]
    /// Infeasible: the least relaxation over all rules (see ``Explanation/leastRelaxation``).
    public var leastRelaxation: [Relaxation]
    /// Invalid (plan status `invalid`): the policy's first error, with its place and field.
    @Nullable public var error: String?
    /// Infeasible: why the explanation is partial (see ``Explanation/note``); nil when complete.
    @Nullable public var conflictNote: String? = nil

    enum CodingKeys: String, CodingKey {
        case policy, plan, price, conflict, relaxations, leastRelaxation = "least_relaxation", error
        case conflictNote = "conflict_note"
    }
}

public enum Comparer {
    /// Solves `policies` (all when nil) on `jobs` threads, one GLPK problem per thread; `solved` is
    /// called (on a worker thread) as each policy's column is done.
    public static func compare(
        _ model: SourcingModel, policies: [String]? = nil, jobs: Int? = nil, options: PlanOptions = PlanOptions(),
        solved: (@Sendable () -> Void)? = nil
    ) throws -> Comparison {
        let names = policies ?? model.allPolicyIDs
        guard !names.isEmpty else { throw PlannerError.noPolicy }
        // An invalid policy keeps its column, with its first error (docs/model-language.md, "Fine points"); an unknown
        // name is an error.
        for name in names where model.invalidPolicies[name] == nil { _ = try Planner.policy(name, of: model) }
        let results = GLPKThreads.map(names, workers: GLPKThreads.workerCount(jobs)) { name -> PolicyColumn in
            defer { solved?() }
            if let errors = model.invalidPolicies[name] {
                return PolicyColumn(invalid: name, errors: errors, of: model)
            }
            let plan = try Planner.solve(model, policy: name, options: options)
            var column = PolicyColumn(
                policy: name, plan: plan, price: nil, conflict: nil, relaxations: [],
                leastRelaxation: [], error: nil)
            if plan.status == .infeasible {
                let explanation = try Explainer.explain(model, policy: name, options: options)
                column.conflict = explanation.conflict
                column.relaxations = explanation.alternatives
                column.leastRelaxation = explanation.leastRelaxation
                column.conflictNote = explanation.note
            }
            return column
        }
        var columns = try results.map { try $0.get() }
        let reference = columns.first?.plan.objective
        for index in columns.indices {
            if let objective = columns[index].plan.objective, let reference {
                columns[index].price = objective - reference
            }
        }
        return Comparison(model: model.name, reference: names.first ?? "", columns: columns)
    }
}

extension PolicyColumn {
    /// The column of a policy with errors: no plan, its first error.
    init(invalid name: String, errors: [Diagnostic], of model: SourcingModel) {
        let first = errors.first.map { error in
            (error.location.map { "\($0): " } ?? "") + "\(error.field): \(error.message)"
        }
        let solver = SolverReport(
            termination: "not solved: the policy is invalid", code: "", message: first ?? "",
            mip: false, iterations: 0, rows: 0, columns: 0, nonzeros: 0)
        let plan = Plan(
            model: model.name, policy: name, currency: model.currency, status: .invalid, solver: solver,
            objective: nil, costs: nil, suppliers: [], flows: [], pooledFlows: [], shortfalls: [],
            scopes: [], rules: [])
        self.init(
            policy: name, plan: plan, price: nil, conflict: nil, relaxations: [], leastRelaxation: [],
            error: first)
    }
}
