import Foundation
import LodeGLPK
import LodeLP

/// Why a policy cannot be met and the least that would fix it; or, for a feasible policy, what
/// each binding rule costs and where each supplier stands.
public struct Explanation: Sendable, Encodable {
    public var model: String
    public var policy: String
    public var status: PlanStatus
    /// Infeasible: the smallest set of rules that cannot hold together (empty when the physical
    /// model alone, capacities against demand, is infeasible).
    @Nullable public var conflict: [String]?
    /// Infeasible: further conflicts among the other rules, each apart from `conflict` and from
    /// each other: every one of them needs a fix too, so no single rule's relaxation is enough.
    public var otherConflicts: [[String]]
    /// Infeasible: the least relaxation over all the policy's rules, lower priorities (higher
    /// numbers) relaxed first.
    public var leastRelaxation: [Relaxation]
    /// Infeasible: for each conflicting rule, how far it alone would have to move (nil `to` when
    /// relaxing it alone cannot restore feasibility).
    public var alternatives: [Relaxation]
    /// Feasible: the binding rules, most expensive first.
    public var bindingRules: [RuleCost]
    /// Feasible LP: suppliers not used, with the unit cost at which each would enter the plan.
    public var unusedSuppliers: [SupplierCost]
    /// Feasible LP: suppliers used, with the unit-cost range over which the plan stays as it is.
    public var usedSuppliers: [SupplierCost]
    /// True when the time limit stopped the search: `note` says what the answer lacks.
    public var partial: Bool
    /// Why the answer is partial ("search stopped after 60 s ...: these rules conflict, the set may
    /// not be minimal"); nil when it is complete.
    @Nullable public var note: String?

    enum CodingKeys: String, CodingKey {
        case model, policy, status, conflict, otherConflicts = "other_conflicts", leastRelaxation = "least_relaxation"
        case alternatives, bindingRules = "binding_rules", unusedSuppliers = "unused_suppliers"
        case usedSuppliers = "used_suppliers", partial, note
    }
}

/// One change of a rule's bound, in the rule's own terms.
public struct Relaxation: Sendable, Encodable, Equatable {
    public var rule: String
    public var bound: String
    @Nullable public var commodity: String?
    @Nullable public var stage: String?
    @Nullable public var member: String?
    /// The bound as written; nil when the relaxation is not a single bound.
    @Nullable public var from: Double?
    /// The bound that makes the policy feasible; nil when this rule alone cannot.
    @Nullable public var to: Double?
    /// For exclusions and screens: the supplier to let back in, and how much of it is needed.
    @Nullable public var supplier: String?
    /// A sentence for people: "raise cn-cap at cobalt/refining from 0.2 to 0.31".
    public var statement: String
}

public struct RuleCost: Sendable, Encodable {
    public var rule: String
    public var description: String
    /// Objective with the rule minus objective without it.
    @Nullable public var cost: Double?
    @Nullable public var shadowPrice: Double?
    public var unit: String
    @Nullable public var range: ValueRange?

    enum CodingKeys: String, CodingKey { case rule, description, cost, shadowPrice = "shadow_price", unit, range }
}

public struct SupplierCost: Sendable, Encodable {
    public var supplier: String
    public var cost: Double
    public var volume: Double
    /// Unused: the unit cost below which it enters. Used: the range of unit cost keeping the plan.
    @Nullable public var enterBelow: Double?
    @Nullable public var range: ValueRange?

    enum CodingKeys: String, CodingKey { case supplier, cost, volume, enterBelow = "enter_below", range }
}

public enum Explainer {
    /// Explains one policy of a model. An infeasible policy's search is bounded by the time limit
    /// (`options.timeLimit`, else `settings.time_limit`, else 60 s) over the whole explanation: when
    /// it runs out, the answer says it is partial.
    public static func explain(_ model: SourcingModel, policy name: String?, options: PlanOptions = PlanOptions())
        throws -> Explanation
    {
        try explain(model, policy: name, options: options, searchSeconds: nil, solver: GLPKSolver())
    }

    /// ``explain(_:policy:options:)`` with `solver` instead of GLPK.
    public static func explain(
        _ model: SourcingModel, policy name: String?, options: PlanOptions = PlanOptions(),
        solver: some LinearSolver
    ) throws -> Explanation {
        try explain(model, policy: name, options: options, searchSeconds: nil, solver: solver)
    }

    /// `searchSeconds`, for tests: a time limit on the search alone, counted after the first solve
    /// (which then has the whole time limit), so that a tiny one cannot stop that solve.
    static func explain(
        _ model: SourcingModel, policy name: String?, options: PlanOptions,
        searchSeconds: Double?, solver: some LinearSolver = GLPKSolver()
    ) throws -> Explanation {
        let policy = try Planner.policy(name, of: model)
        let formulation = try Formulation(model: model, policy: policy)
        let budget = ExplainBudget(options: options, settings: model.settings)
        let problem = solver.load(formulation.program)
        var planOptions = options
        planOptions.timeLimit = budget.seconds
        let plan = try Planner.solve(formulation, on: problem, options: planOptions)
        var explanation = Explanation(
            model: model.name, policy: policy.id, status: plan.status, conflict: nil,
            otherConflicts: [], leastRelaxation: [], alternatives: [], bindingRules: [],
            unusedSuppliers: [], usedSuppliers: [], partial: false, note: nil)
        switch plan.status {
        case .infeasible:
            let searchBudget = searchSeconds.map { ExplainBudget(seconds: $0, mipGap: budget.mipGap) } ?? budget
            try explainInfeasible(formulation, budget: searchBudget, solver: solver, into: &explanation)
        case .optimal, .feasible:
            explanation.bindingRules = try costs(of: plan, formulation, problem: problem, options: options)
            if !plan.solver.mip {
                (explanation.unusedSuppliers, explanation.usedSuppliers) = try supplierRanges(
                    plan, formulation, problem: problem)
            }
        case .noPlan:
            explanation.partial = true
            explanation.note = budget.stopped(
                "the solver found no plan in time, so whether the policy can be met is "
                    + "not known")
        default:
            break
        }
        return explanation
    }

    /// The order in which the conflict search tries rules off: the rules tried first are the
    /// likeliest to be left out of the conflict. The policy's rules from the last, as the one-rule
    /// deletion filter before it did, so the shipped models' conflicts stay what they were
    /// (priorities order the least relaxation, not the conflict: ordering the search by them
    /// would name cn-ban instead of allied-only in the shipped `impossible` policies).
    static func removalOrder(_ formulation: Formulation) -> [Int] {
        formulation.restrictiveRules.reversed()
    }

    /// The conflict, the least relaxation, the conflicts apart from the first, and each
    /// conflicting rule's relaxation alone, in that order until the budget runs out.
    static func explainInfeasible(
        _ formulation: Formulation, budget: ExplainBudget, solver: some LinearSolver,
        into explanation: inout Explanation
    ) throws {
        func ids(_ positions: [Int]) -> [String] { positions.map { formulation.rules[$0].rule.id } }
        func stop(_ what: String) {
            explanation.partial = true
            explanation.note = budget.stopped(what)
        }
        let order = removalOrder(formulation)
        let search = try ConflictSearch(formulation, budget: budget, solver: solver)
        // 1. The conflict: the physical model alone, or an irreducible set of rules.
        let conflict: [Int]
        do {
            if try !search.isFeasible([]) {
                explanation.conflict = []
                return
            }
            let found = try search.irreducible(order)
            explanation.conflict = ids(found.rules)
            guard found.complete else { return stop("these rules conflict, the set may not be minimal") }
            conflict = found.rules
        } catch is ExplainStopped {
            explanation.conflict = ids(formulation.restrictiveRules)
            return stop("these rules conflict, the set may not be minimal")
        }
        // 2. The least relaxation over all rules.
        let elastic = try ElasticProblem(formulation, budget: budget, solver: solver)
        do {
            explanation.leastRelaxation = try elastic.relax(Set(formulation.restrictiveRules)) ?? []
        } catch is ExplainStopped {
            return stop("the conflict is minimal, but the least relaxation was not found")
        }
        // 3. Conflicts among the other rules: each must be relaxed too, so no rule of the first
        // conflict is enough alone.
        var others: [[Int]] = []
        do {
            var used = Set(conflict)
            while true {
                let rest = order.filter { !used.contains($0) }
                if try rest.isEmpty || search.isFeasible(rest) { break }
                let found = try search.irreducible(rest)
                others.append(found.rules)
                explanation.otherConflicts.append(ids(found.rules))
                guard found.complete else {
                    return stop("the conflict is minimal; the last other conflict may not be, and more may exist")
                }
                used.formUnion(found.rules)
            }
        } catch is ExplainStopped {
            return stop("the conflict is minimal; more conflicts among the other rules may exist")
        }
        // 4. Each conflicting rule relaxed alone.
        func list(_ positions: [Int]) -> String { ids(positions).joined(separator: ", ") }
        func tried(_ done: Int) -> String {
            "the conflict is minimal; each rule relaxed alone was tried for \(done) of its \(conflict.count) rules"
        }
        var without: [[Int]] = []  // conflicts found among the other rules once a rule was gone
        for (done, position) in conflict.enumerated() {
            let rule = formulation.rules[position].rule
            func notEnough(_ reason: String) -> Relaxation {
                Relaxation(
                    rule: rule.id, bound: "-", from: nil, to: nil,
                    statement: "relaxing \(rule.id) alone is not enough: \(reason) (see the least relaxation)")
            }
            if let other = others.first {
                let verb = other.count == 1 ? "conflicts" : "conflict"
                explanation.alternatives.append(notEnough("\(list(other)) \(verb) too, apart from it"))
                continue
            }
            do {
                if let alone = try elastic.relax([position]) {
                    explanation.alternatives += alone
                } else if let known = without.first(where: { !$0.contains(position) }) {
                    explanation.alternatives.append(notEnough("without it, \(list(known)) still conflict"))
                } else if without.count < Self.namedOverlaps && conflict.count <= Self.namedOverlapsUpTo {
                    // Conflicts that overlap this one: say which rules still conflict without it.
                    let found = try search.irreducible(order.filter { $0 != position })
                    explanation.alternatives.append(notEnough("without it, \(list(found.rules)) still conflict"))
                    if !found.complete { return stop(tried(done + 1)) }
                    without.append(found.rules)
                } else {
                    explanation.alternatives.append(notEnough("other rules still conflict without it"))
                }
            } catch is ExplainStopped {
                return stop(tried(done))
            }
        }
    }

    /// How many conflicts overlapping the first one an explanation searches for, to name the
    /// rules that still conflict when one rule of it is relaxed (each costs a conflict search).
    static let namedOverlaps = 3
    /// ... and only for a conflict of at most this many rules (the search costs about one test
    /// per rule of the conflict it finds, which is then as large).
    static let namedOverlapsUpTo = 50

    static func boundName(_ rule: Rule, _ row: RuleRows.Row) -> String {
        rule.kind.boundField(row.sense).rawValue
    }

    /// Rounds a relaxed bound outward (up when raising, down when lowering) to 4 significant
    /// digits, so the statement is readable and still sufficient.
    static func tidy(_ value: Double, up: Bool) -> Double {
        guard value != 0, value.isFinite else { return value }
        let digits = 4 - Int(floor(log10(abs(value)))) - 1
        let scale = pow(10, Double(digits))
        return (value * scale).rounded(up ? .up : .down) / scale
    }

    /// Each binding rule's cost: the objective with it minus without it (warm re-solves).
    static func costs(
        of plan: Plan, _ formulation: Formulation, problem: some LinearProblem,
        options: PlanOptions
    ) throws -> [RuleCost] {
        let all = Set(formulation.rules.indices)
        var result: [RuleCost] = []
        for (position, report) in plan.rules.enumerated() where report.binding {
            var cost: Double?
            if formulation.rules[position].rule.kind.traits.contains(.pricesOnly) {
                cost = plan.costs?.tariffs  // the objective without tariffs differs by at least the tariffs paid
            } else {
                try formulation.setEnabled(all.subtracting([position]), problem: problem)
                let without = try problem.solve(
                    SolveOptions(
                        timeLimit: options.timeLimit ?? formulation.model.settings.timeLimit,
                        mipGap: options.mipGap ?? formulation.model.settings.mipGap))
                if let objective = plan.objective, let other = without.objectiveValue { cost = objective - other }
            }
            result.append(
                RuleCost(
                    rule: report.id, description: report.description, cost: cost, shadowPrice: report.shadowPrice,
                    unit: report.unit, range: report.range))
        }
        try formulation.setEnabled(all, problem: problem)
        _ = try problem.solve(SolveOptions())
        return result.sorted { ($0.cost ?? 0) != ($1.cost ?? 0) ? ($0.cost ?? 0) > ($1.cost ?? 0) : $0.rule < $1.rule }
    }

    /// Objective-coefficient ranges of the suppliers' outputs, turned into unit-cost terms (the
    /// ESG terms and tariffs of the coefficient held fixed).
    static func supplierRanges(
        _ plan: Plan, _ formulation: Formulation,
        problem: some LinearProblem
    ) throws -> ([SupplierCost], [SupplierCost]) {
        var unused: [SupplierCost] = []
        var used: [SupplierCost] = []
        let count = formulation.model.suppliers.count
        for t in 0..<formulation.model.periodCount {
            for (position, supplier) in formulation.model.suppliers.enumerated()
            where !formulation.isBlocked(position, t) {
                // A supplier absent in a period (no capacity then) has nothing to range.
                if formulation.model.hasPeriods && !supplier.isPresent(in: t) { continue }
                let range = try problem.objectiveRange(
                    of: try formulation.program.variable(at: formulation.x(position, t)))
                let coefficient = formulation.unitObjective(position, t)
                // The coefficient is delta_t (p (1 + tau) + ESG terms): a unit cost moves it by delta_t (1 + tau).
                let factor = formulation.model.discountFactor(t) * (1 + formulation.tariffRate(position, t))
                let cost = supplier.cost(in: t)
                func asCost(_ limit: Double) -> Double? {
                    limit.isFinite ? cost + (limit - coefficient) / factor : nil
                }
                let id = formulation.tagged(supplier.id, t)
                let volume = plan.suppliers[t * count + position].volume
                if volume <= 0 {
                    unused.append(
                        SupplierCost(
                            supplier: id, cost: cost, volume: 0, enterBelow: asCost(range.lowerLimit), range: nil))
                } else {
                    used.append(
                        SupplierCost(
                            supplier: id, cost: cost, volume: volume, enterBelow: nil,
                            range: ValueRange(lower: asCost(range.lowerLimit), upper: asCost(range.upperLimit))))
                }
            }
        }
        return (unused, used)
    }
}
