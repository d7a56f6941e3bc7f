import Foundation
import LodeGLPK
import LodeLP

/// The cost-versus-X trade-off of a policy by the epsilon-constraint method: the cheapest plan,
/// the plan with the least X, and plans in between, each the cheapest with X at most epsilon.
public struct Frontier: Sendable, Encodable {
    public var model: String
    public var policy: String
    /// carbon, hhi, or share:COUNTRY.
    public var versus: String
    public var unit: String
    public var points: [FrontierPoint]
}

public struct FrontierPoint: Sendable, Encodable {
    public var epsilon: Double
    public var cost: Double
    /// The plan's measured X: total t CO2e, the largest HHI of any scope, or the country's
    /// largest share of any scope.
    public var value: Double
    /// Country shares per scope ("commodity/stage" to country to share).
    public var shares: [String: [String: Double]]
}

public enum FrontierBuilder {
    public enum Measure: Sendable, Equatable {
        case carbon, hhi
        case share(String)

        public init?(_ text: String) {
            switch text {
            case "carbon": self = .carbon
            case "hhi": self = .hhi
            default:
                guard text.hasPrefix("share:"), text.count > 6 else { return nil }
                self = .share(String(text.dropFirst(6)))
            }
        }

        var name: String {
            switch self {
            case .carbon: return "carbon"
            case .hhi: return "hhi"
            case let .share(country): return "share:\(country)"
            }
        }
    }

    static let ruleID = "frontier-epsilon"

    /// The most points of a frontier: each is a solve, and ten thousand already draw a smooth curve.
    public static let pointLimit = 10_000

    public static func build(
        _ model: SourcingModel, policy name: String?, versus measure: Measure, points count: Int,
        options: PlanOptions = PlanOptions()
    ) throws -> Frontier {
        try build(model, policy: name, versus: measure, points: count, options: options, solver: GLPKSolver())
    }

    /// ``build(_:policy:versus:points:options:)`` with `solver` instead of GLPK.
    public static func build(
        _ model: SourcingModel, policy name: String?, versus measure: Measure, points count: Int,
        options: PlanOptions = PlanOptions(), solver: some LinearSolver
    ) throws -> Frontier {
        guard count <= pointLimit else {
            let problem = Diagnostic(
                .error, at: nil, field: "--points", "\(count) points, more than 10,000",
                fix: "ask for at most 10,000 points")
            throw InvalidModelError(diagnostics: [problem])
        }
        var policy = try Planner.policy(name, of: model)
        var model = model
        if case let .share(country) = measure, !ModelIndex(model).countryIDs.contains(country) {
            throw InvalidModelError(diagnostics: [
                Diagnostic(
                    .error, at: nil, field: "--versus", "unknown country '\(country)'",
                    fix: Suggestion.didYouMean(country, in: ModelIndex(model).countryIDs)
                        ?? "name a country of the model")
            ])
        }
        // The epsilon constraint is an ordinary rule appended to the policy, loose at first.
        let loosest: Double
        let kind: any RuleKind
        switch measure {
        case .carbon:
            // Over time, the cumulative carbon of the whole plan (one budget pooled over all periods).
            loosest = (0..<model.periodCount).reduce(1) { total, t in
                model.suppliers.reduce(total) { $0 + $1.carbon * $1.capacity(in: t) }
            }
            kind = TotalRule(measure: .carbon, max: loosest)
        case .hhi:
            loosest = 10000
            kind = HHIRule(basis: .country, max: loosest, weighted: false)
        case let .share(country):
            loosest = 1
            kind = ShareRule(selector: .named(.country, [country]), min: nil, max: loosest)
        }
        var epsilonRule = Rule(
            id: ruleID, policy: policy.id, priority: 1, scope: ScopeFilter(), kind: kind, location: nil)
        if case .carbon = measure, model.hasPeriods { epsilonRule.periodScope = .all }
        policy.rules.append(epsilonRule)
        model.policies = model.policies.map { $0.id == policy.id ? policy : $0 }
        var formulation = try Formulation(model: model, policy: policy)
        var problem = solver.load(formulation.program)
        let parameter = Parameter.rule(policy: policy.id, rule: ruleID, field: .max)
        let floor: Double = measure == .hhi ? 10000 / Double(model.settings.hhiSegments) : 0

        func solve(_ epsilon: Double) throws -> Plan {
            parameter.apply(epsilon, to: &model)
            if try !formulation.applyInPlace(parameter, model: model, to: problem) {
                // Not changed in place (not with this solver): rebuilt from the changed model.
                formulation = try Formulation(model: model, policy: try Planner.policy(policy.id, of: model))
                problem = solver.load(formulation.program)
            }
            return try Planner.solve(
                formulation, on: problem, options: PlanOptions(timeLimit: options.timeLimit, ranges: false))
        }

        let cheapest = try solve(loosest)
        guard cheapest.hasPlan else {
            return Frontier(model: model.name, policy: policy.id, versus: measure.name, unit: unit(measure), points: [])
        }
        let high = value(of: cheapest, measure)
        // The least feasible epsilon, by bisection on warm re-solves.
        var low = floor
        var feasible = high
        if try solve(low).hasPlan {
            feasible = low
        } else {
            for _ in 0..<40 where feasible - low > 1e-6 * max(1, high) {
                let middle = (low + feasible) / 2
                if try solve(middle).hasPlan { feasible = middle } else { low = middle }
            }
        }
        var points: [FrontierPoint] = []
        for k in 0..<max(2, count) {
            let epsilon = count <= 1 ? high : high - (high - feasible) * Double(k) / Double(max(2, count) - 1)
            let plan = k == 0 ? cheapest : try solve(epsilon)
            guard plan.hasPlan, let cost = plan.objective else { continue }
            points.append(
                FrontierPoint(
                    epsilon: epsilon, cost: cost, value: value(of: plan, measure),
                    shares: Dictionary(
                        plan.scopes.map { ("\($0.commodity)/\($0.stage)", $0.shares) }, uniquingKeysWith: { $1 })))
        }
        return Frontier(
            model: model.name, policy: policy.id, versus: measure.name, unit: unit(measure),
            points: nonDominated(points))
    }

    static func value(of plan: Plan, _ measure: Measure) -> Double {
        switch measure {
        case .carbon: return plan.scopes.reduce(0) { $0 + $1.carbon }
        case .hhi: return plan.scopes.map(\.hhi).max() ?? 0
        case let .share(country): return plan.scopes.map { $0.shares[country] ?? 0 }.max() ?? 0
        }
    }

    static func unit(_ measure: Measure) -> String {
        switch measure {
        case .carbon: return "t CO2e"
        case .hhi: return "largest HHI of any stage (0..10000)"
        case .share: return "largest share of any stage (0..1)"
        }
    }

    /// Keeps the points no other point beats on both cost and X (ties on both kept once).
    static func nonDominated(_ points: [FrontierPoint]) -> [FrontierPoint] {
        var kept: [FrontierPoint] = []
        for point in points {
            let tolerance = 1e-9 * max(1, abs(point.cost))
            let dominated = points.contains { other in
                other.cost <= point.cost + tolerance && other.value <= point.value + 1e-9
                    && (other.cost < point.cost - tolerance || other.value < point.value - 1e-9)
            }
            let duplicate = kept.contains {
                abs($0.cost - point.cost) <= tolerance && abs($0.value - point.value) <= 1e-9
            }
            if !dominated && !duplicate { kept.append(point) }
        }
        return kept
    }
}
