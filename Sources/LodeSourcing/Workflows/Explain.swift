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

    enum CodingKeys: String, CodingKey {
        case model, policy, status, conflict, leastRelaxation = "least_relaxation", alternatives
        case bindingRules = "binding_rules", unusedSuppliers = "unused_suppliers", usedSuppliers = "used_suppliers"
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
    /// Explains one policy of a model.
    public static func explain(_ model: SourcingModel, policy name: String?, options: PlanOptions = PlanOptions()) throws -> Explanation {
        let policy = try Planner.policy(name, of: model)
        let formulation = try Formulation(model: model, policy: policy)
        let problem = GLPKProblem(formulation.program)
        let plan = try Planner.solve(formulation, on: problem, options: options)
        var explanation = Explanation(model: model.name, policy: policy.id, status: plan.status, conflict: nil,
                                      leastRelaxation: [], alternatives: [], bindingRules: [], unusedSuppliers: [], usedSuppliers: [])
        switch plan.status {
        case .infeasible:
            let conflict = try conflictSet(formulation, problem: problem, options: options)
            explanation.conflict = conflict.map { formulation.rules[$0].rule.id }
            if !conflict.isEmpty {
                explanation.leastRelaxation = try elastic(formulation, relaxing: formulation.restrictiveRules, options: options) ?? []
                for position in conflict {
                    if let alone = try elastic(formulation, relaxing: [position], options: options) {
                        explanation.alternatives += alone
                    } else {
                        let rule = formulation.rules[position].rule
                        explanation.alternatives.append(Relaxation(rule: rule.id, bound: "-", from: nil, to: nil,
                            statement: "relaxing \(rule.id) alone is not enough: other rules conflict too (see the least relaxation)"))
                    }
                }
            }
        case .optimal, .feasible:
            explanation.bindingRules = try costs(of: plan, formulation, problem: problem, options: options)
            if !plan.solver.mip { (explanation.unusedSuppliers, explanation.usedSuppliers) = try supplierRanges(plan, formulation, problem: problem) }
        default:
            break
        }
        return explanation
    }

    static func isFeasible(_ problem: GLPKProblem, _ formulation: Formulation, options: PlanOptions) throws -> Bool {
        let solution = try problem.solve(SolveOptions(timeLimit: options.timeLimit ?? formulation.model.settings.timeLimit,
                                                      mipGap: options.mipGap ?? formulation.model.settings.mipGap))
        return solution.hasFeasiblePoint
    }

    /// A deletion filter over rules: switch each rule off in turn and keep it off when the policy
    /// stays infeasible without it. What remains is an irreducible conflicting set of rules.
    static func conflictSet(_ formulation: Formulation, problem: GLPKProblem, options: PlanOptions) throws -> [Int] {
        var enabled = Set(formulation.restrictiveRules)
        try formulation.setEnabled([], problem: problem)
        if try !isFeasible(problem, formulation, options: options) { return [] }  // the physical model alone
        for position in formulation.restrictiveRules.reversed() {
            enabled.remove(position)
            try formulation.setEnabled(enabled, problem: problem)
            if try isFeasible(problem, formulation, options: options) { enabled.insert(position) }
        }
        try formulation.setEnabled(Set(formulation.rules.indices), problem: problem)
        return formulation.restrictiveRules.filter { enabled.contains($0) }
    }

    /// The elastic program: every row of the `relaxing` rules gets a violation column, penalised by
    /// 100^-(priority - 1) per unit of the rule's own bound (so lower priorities relax first), and
    /// the cost is ignored. Nil when no relaxation of those rules makes the policy feasible.
    static func elastic(_ formulation: Formulation, relaxing: [Int], options: PlanOptions) throws -> [Relaxation]? {
        var program = formulation.program
        var objective = LinearExpression()
        var violations: [(rule: Int, row: RuleRows.Row?, supplier: Int?, column: Int)] = []
        for position in relaxing {
            let rows = formulation.rules[position]
            let weight = pow(100, -Double(rows.rule.priority - 1))
            for row in rows.rows {
                let scale: Double
                switch row.boundScale {
                case let .stageTotal(_, factor): scale = factor * max(1, formulation.largestTotal(row.scope!))
                case .rightHandSide: scale = max(1, abs(row.bound))
                }
                let violation = try program.addVariable(name: "violation_\(violations.count)")
                try program.setCoefficient(row.sense == .max ? -1 : 1, of: violation, in: row.constraint)
                objective.add(weight / scale, violation)
                violations.append((position, row, nil, violation.index))
            }
            // Blocked suppliers may deliver again, at a penalty per unit of their capacity.
            for supplier in rows.suppliers where formulation.blockedBy[supplier].allSatisfy({ id in relaxing.contains { formulation.rules[$0].rule.id == id } }) {
                let x = try program.variable(at: formulation.output[supplier])
                try program.setBounds(of: x, lower: 0, upper: formulation.model.suppliers[supplier].capacity)
                objective.add(weight / max(1, formulation.model.suppliers[supplier].capacity), x)
                violations.append((position, nil, supplier, x.index))
            }
        }
        try program.minimize(objective)
        let solution = try GLPKProblem(program).solve(SolveOptions(timeLimit: options.timeLimit ?? formulation.model.settings.timeLimit))
        guard solution.hasFeasiblePoint else { return nil }
        var relaxations: [Relaxation] = []
        for violation in violations {
            let amount = solution.variableValues[violation.column]
            guard amount > 1e-7 else { continue }
            let rule = formulation.rules[violation.rule].rule
            if let supplier = violation.supplier {
                let id = formulation.model.suppliers[supplier].id
                relaxations.append(Relaxation(rule: rule.id, bound: rule.keyword, from: 0, to: amount, supplier: id,
                    statement: "let \(id) back in (blocked by \(rule.id)) for \(Override.format((amount * 1000).rounded() / 1000)) units"))
                continue
            }
            guard let row = violation.row else { continue }
            let target: Double
            switch row.boundScale {
            case let .stageTotal(column, factor):
                let total = solution.variableValues[column]
                guard total > 1e-9 else { continue }
                target = row.sense == .max ? row.bound + amount / (factor * total) : row.bound - amount / (factor * total)
            case .rightHandSide:
                let raw = row.sense == .max ? row.bound + amount : row.bound - amount
                let whole = rule.kind.traits.contains(.wholeBounds)
                target = whole ? (row.sense == .max ? raw.rounded(.up) : raw.rounded(.down)) : raw
            }
            let bound = Self.boundName(rule, row)
            let place = [row.member.map { "for \($0)" }, row.scope.map { "at \($0)" }].compactMap { $0 }.joined(separator: " ")
            let raising = target > row.bound
            let readable = Self.tidy(target, up: raising)
            relaxations.append(Relaxation(rule: rule.id, bound: bound, commodity: row.scope?.commodity, stage: row.scope?.stage,
                member: row.member, from: row.bound, to: readable, supplier: nil,
                statement: "\(raising ? "raise" : "lower") \(rule.id)\(bound == "max" || bound == "min" ? "" : " " + bound)\(place.isEmpty ? "" : " " + place) from \(Override.format(row.bound)) to \(Override.format(readable))"))
        }
        return relaxations
    }

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
    static func costs(of plan: Plan, _ formulation: Formulation, problem: GLPKProblem, options: PlanOptions) throws -> [RuleCost] {
        let all = Set(formulation.rules.indices)
        var result: [RuleCost] = []
        for (position, report) in plan.rules.enumerated() where report.binding {
            var cost: Double?
            if formulation.rules[position].rule.kind.traits.contains(.pricesOnly) {
                cost = plan.costs?.tariffs  // the objective without tariffs differs by at least the tariffs paid
            } else {
                try formulation.setEnabled(all.subtracting([position]), problem: problem)
                let without = try problem.solve(SolveOptions(timeLimit: options.timeLimit ?? formulation.model.settings.timeLimit,
                                                             mipGap: options.mipGap ?? formulation.model.settings.mipGap))
                if let objective = plan.objective, let other = without.objectiveValue { cost = objective - other }
            }
            result.append(RuleCost(rule: report.id, description: report.description, cost: cost, shadowPrice: report.shadowPrice,
                                   unit: report.unit, range: report.range))
        }
        try formulation.setEnabled(all, problem: problem)
        _ = try problem.solve()
        return result.sorted { ($0.cost ?? 0) != ($1.cost ?? 0) ? ($0.cost ?? 0) > ($1.cost ?? 0) : $0.rule < $1.rule }
    }

    /// Objective-coefficient ranges of the suppliers' outputs, turned into unit-cost terms (the
    /// ESG terms and tariffs of the coefficient held fixed).
    static func supplierRanges(_ plan: Plan, _ formulation: Formulation, problem: GLPKProblem) throws -> ([SupplierCost], [SupplierCost]) {
        var unused: [SupplierCost] = []
        var used: [SupplierCost] = []
        for (position, supplier) in formulation.model.suppliers.enumerated() where formulation.blockedBy[position].isEmpty {
            let range = try problem.objectiveRange(of: try formulation.program.variable(at: formulation.output[position]))
            let coefficient = formulation.unitObjective(position)
            let factor = 1 + formulation.tariffRate[position]
            func asCost(_ limit: Double) -> Double? {
                limit.isFinite ? supplier.cost + (limit - coefficient) / factor : nil
            }
            let volume = plan.suppliers[position].volume
            if volume <= 0 {
                unused.append(SupplierCost(supplier: supplier.id, cost: supplier.cost, volume: 0, enterBelow: asCost(range.lowerLimit), range: nil))
            } else {
                used.append(SupplierCost(supplier: supplier.id, cost: supplier.cost, volume: volume, enterBelow: nil,
                                         range: ValueRange(lower: asCost(range.lowerLimit), upper: asCost(range.upperLimit))))
            }
        }
        return (unused, used)
    }
}
