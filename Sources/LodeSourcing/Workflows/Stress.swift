import Foundation

/// A plan tested against disruptions: under each one, the plan's contracted volumes and reserved
/// surge, scaled by the loss, are re-routed to deliver as much as possible.
public struct StressReport: Sendable, Encodable {
    public var model: String
    public var policy: String
    public var status: PlanStatus
    @Nullable public var planCost: Double?
    /// Worst first: by the smallest delivered share of any commodity, then by cost.
    public var cases: [StressCase]

    enum CodingKeys: String, CodingKey { case model, policy, status, planCost = "plan_cost", cases }
}

public struct StressCase: Sendable, Encodable {
    /// A scenario id, or "lose COUNTRY at STAGE".
    public var disruption: String
    /// Delivered share of demand per commodity, 0...1.
    public var delivered: [String: Double]
    /// The smallest of them.
    public var worstDelivered: Double
    /// Unmet demand per commodity, in its unit.
    public var shortfall: [String: Double]
    /// Money spent on what is delivered (purchase, freight, tariffs are not re-applied).
    public var cost: Double
    /// Over time: the period of the smallest delivered share (the disruption lasts every period;
    /// `delivered` is each commodity's worst period, `shortfall` the sum over the periods).
    public var worstPeriod: String? = nil

    enum CodingKeys: String, CodingKey {
        case disruption, delivered, worstDelivered = "worst_delivered", shortfall, cost, worstPeriod = "worst_period"
    }
}

public enum StressTester {
    public enum Selection: Sendable, Equatable {
        /// Every named scenario and the loss of each country at each stage.
        case all
        /// The loss of each country at each stage.
        case eachCountry
        /// Named scenarios.
        case scenarios([String])
    }

    /// `solved`: the policy's plan when the caller has it already (a report stresses the plans
    /// its comparison solved), so that it is not solved again.
    public static func stress(
        _ model: SourcingModel, policy name: String?, selection: Selection = .all, options: PlanOptions = PlanOptions(),
        solved: Plan? = nil
    ) throws -> StressReport {
        let policy = try Planner.policy(name, of: model)
        if case let .scenarios(ids) = selection {
            // Checked before solving. An unknown id is blamed first, then a keyword mixed into a list.
            let keywords = ["all", "each-country"]
            func fail(_ message: String, _ fix: String) -> InvalidModelError {
                InvalidModelError(diagnostics: [Diagnostic(.error, at: nil, field: "--scenarios", message, fix: fix)])
            }
            for id in ids where !keywords.contains(id) && !model.scenarios.contains(where: { $0.id == id }) {
                let suggestion = Suggestion.didYouMean(id, in: model.scenarios.map(\.id))
                throw fail("unknown scenario '\(id)'", suggestion ?? "use all, each-country or scenario ids")
            }
            if let keyword = ids.first(where: keywords.contains) {
                throw fail(
                    "'\(keyword)' cannot be combined with scenario ids in '\(ids.joined(separator: ","))'",
                    "give --scenarios \(keyword) alone, or only scenario ids "
                        + "(all = every scenario and each country)")
            }
        }
        let plan = try solved ?? Planner.solve(model, policy: policy.id, options: options)
        var report = StressReport(
            model: model.name, policy: policy.id, status: plan.status, planCost: plan.objective, cases: [])
        guard plan.hasPlan else { return report }
        let index = ModelIndex(model)

        var disruptions: [(name: String, loss: (Int) -> Double)] = []
        let scenarioIDs: [String]
        switch selection {
        case .all: scenarioIDs = model.scenarios.map(\.id)
        case .eachCountry: scenarioIDs = []
        case let .scenarios(ids): scenarioIDs = ids
        }
        for id in scenarioIDs {
            let scenario = model.scenarios.first { $0.id == id }!
            disruptions.append((id, { position in Self.loss(of: scenario, on: position, index: index) }))
        }
        let eachCountry: Bool
        switch selection {
        case .all, .eachCountry: eachCountry = true
        case .scenarios: eachCountry = false
        }
        if eachCountry {
            var stages: [String] = []
            for commodity in model.commodities {
                for stage in commodity.stages where !stages.contains(stage) { stages.append(stage) }
            }
            for stage in stages {
                var countries: [String] = []
                for line in plan.suppliers
                where line.stage == stage && line.volume > 0 && !countries.contains(line.country) {
                    countries.append(line.country)
                }
                for country in countries {
                    disruptions.append(
                        (
                            "lose \(country) at \(stage)",
                            { position in
                                let supplier = model.suppliers[position]
                                return supplier.stage == stage && supplier.country == country ? 1 : 0
                            }
                        ))
                }
            }
        }

        // Unmet demand must cost more than anything it could displace.
        let largestCost = model.suppliers.map { $0.cost * $0.inputRatio }.max() ?? 1
        let penalty = 1000 * (largestCost + 1) * Double(model.commodities.map(\.stages.count).max() ?? 1)
        for disruption in disruptions {
            var stressed = model
            let count = model.suppliers.count
            for position in stressed.suppliers.indices {
                // Over time, what the plan bought in each period (projects as built) is each period's
                // capacity, and nothing more is built.
                let kept = (0..<model.periodCount).map { t in
                    let line = plan.suppliers[t * count + position]
                    return (1 - disruption.loss(position)) * (line.volume + line.reservedSurge)
                }
                stressed.suppliers[position].capacity = kept[0]
                stressed.suppliers[position].capacityMap =
                    model.hasPeriods ? PeriodMap(kept.enumerated().map { .init(period: $0, value: $1) }) : nil
                stressed.suppliers[position].minOrder = 0
                stressed.suppliers[position].project = nil
                stressed.suppliers[position].fixedCost = 0
            }
            for position in stressed.commodities.indices { stressed.commodities[position].shortfallPenalty = penalty }
            stressed.policies = [Policy(id: "stress", weights: Weights(), rules: [], location: nil)]
            let outcome = try Planner.solve(
                stressed, policy: "stress", options: PlanOptions(timeLimit: options.timeLimit, ranges: false))
            var delivered: [String: Double] = [:]
            var shortfall: [String: Double] = [:]
            var worstPeriod: (share: Double, label: String)?
            // Over time: the shortfall of every period together, and the share delivered in the worst period.
            for commodity in model.commodities {
                var unmet = 0.0
                var worst = 1.0
                for t in 0..<model.periodCount {
                    let label = model.periodLabel(t)
                    let missing =
                        outcome.shortfalls.first { $0.commodity == commodity.id && $0.period == label }?.unmet
                        ?? commodity.demand(in: t)
                    unmet += missing
                    let share = 1 - missing / commodity.demand(in: t)
                    worst = min(worst, share)
                    if let label, share < 1 - 1e-12, share < (worstPeriod?.share ?? .infinity) - 1e-12 {
                        worstPeriod = (share, label)
                    }
                }
                shortfall[commodity.id] = unmet
                delivered[commodity.id] = worst
            }
            report.cases.append(
                StressCase(
                    disruption: disruption.name, delivered: delivered,
                    worstDelivered: delivered.values.min() ?? 0, shortfall: shortfall,
                    cost: (outcome.costs?.purchase ?? 0) + (outcome.costs?.freight ?? 0),
                    worstPeriod: worstPeriod?.label))
        }
        report.cases.sort {
            $0.worstDelivered != $1.worstDelivered
                ? $0.worstDelivered < $1.worstDelivered
                : ($0.cost != $1.cost ? $0.cost > $1.cost : $0.disruption < $1.disruption)
        }
        return report
    }

    static func loss(of scenario: Scenario, on position: Int, index: ModelIndex) -> Double {
        let supplier = index.model.suppliers[position]
        guard scenario.scope.includes(commodity: supplier.commodity, stage: supplier.stage) else { return 0 }
        return scenario.losses.filter { index.members($0.kind, of: position).contains($0.name) }.map(\.fraction).max()
            ?? 0
    }
}
