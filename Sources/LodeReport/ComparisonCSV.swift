// `lode compare --format csv`: the comparison in long form for scripts, one quantity per line with a
// plain number (PlainNumber) and its unit. Columns and quantities: docs/json-schema.md, "lode compare".
import LodeSourcing

enum ComparisonCSV {
    static let header = ["policy", "status", "quantity", "rule", "commodity", "stage", "member", "value", "unit"]

    /// The lines of one policy: its costs, then per commodity and stage its figures and shares, then
    /// per rule whether it binds, its slack and shadow price, then an infeasible policy's conflict and fixes.
    static func lines(_ column: PolicyColumn, units: [String: String]) -> [[String]] {
        let plan = column.plan
        var lines: [[String]] = []
        func add(
            _ quantity: String, _ value: Double?, unit: String, rule: String = "", commodity: String = "",
            stage: String = "", member: String = ""
        ) {
            // A quantity that does not apply has no line; `objective` always has one (empty without a plan).
            guard value != nil || quantity == "objective" else { return }
            let cell = value.map { PlainNumber.text($0, significantDigits: 10) } ?? ""
            lines.append([column.policy, plan.status.rawValue, quantity, rule, commodity, stage, member, cell, unit])
        }
        let currency = plan.currency
        let costs = plan.costs
        add("objective", plan.objective, unit: currency)
        add("price", column.price, unit: currency)
        add("purchase", costs?.purchase, unit: currency)
        add("tariffs", costs?.tariffs, unit: currency)
        add("freight", costs?.freight, unit: currency)
        add("surge_fees", costs?.surgeFees, unit: currency)
        add("carbon_penalty", costs?.carbonPenalty, unit: currency)
        add("sustainability_penalty", costs?.sustainabilityPenalty, unit: currency)
        add("labor_penalty", costs?.laborPenalty, unit: currency)
        add("shortfall_penalty", costs?.shortfallPenalty, unit: currency)
        add("capex", costs?.capex, unit: currency)
        add("fixed_costs", costs?.fixedCosts, unit: currency)
        add("holding_costs", costs?.holdingCosts, unit: currency)
        for scope in plan.scopes {
            func scoped(_ quantity: String, _ value: Double?, unit: String, member: String = "") {
                // Over time the stage carries its period: `refining@2030`.
                let stage = scope.period.map { "\(scope.stage)@\($0)" } ?? scope.stage
                add(quantity, value, unit: unit, commodity: scope.commodity, stage: stage, member: member)
            }
            scoped("total", scope.total, unit: units[scope.commodity] ?? "")
            scoped("hhi", scope.hhi, unit: "HHI (0-10000)")
            scoped("supplier_hhi", scope.supplierHHI, unit: "HHI (0-10000)")
            scoped("weighted_hhi", scope.weightedHHI, unit: "HHI (0-10000)")
            for (country, share) in scope.shares.sorted(by: { $0.key < $1.key }) {
                scoped("share", share, unit: "fraction", member: country)
            }
            for (group, share) in scope.groupShares.sorted(by: { $0.key < $1.key }) {
                scoped("group_share", share, unit: "fraction", member: group)
            }
            scoped("average_sustainability", scope.averageSustainability, unit: "score (0-1)")
            scoped("average_labor", scope.averageLabor, unit: "score (0-1)")
            scoped("carbon", scope.carbon, unit: "t CO2e")
        }
        for rule in plan.rules {
            // The slack is in the bound's own unit: what the shadow price is "per 1.0 of".
            let bound = rule.unit.range(of: " per 1.0 of ").map { String(rule.unit[$0.upperBound...]) } ?? ""
            add("binding", plan.hasPlan ? (rule.binding ? 1 : 0) : nil, unit: "1 = binds", rule: rule.id)
            add("slack", plan.hasPlan ? rule.slack : nil, unit: bound, rule: rule.id)
            add("shadow_price", plan.hasPlan ? rule.shadowPrice : nil, unit: rule.unit, rule: rule.id)
        }
        for rule in column.conflict ?? [] { add("conflict", 1, unit: "1 = in the conflict", rule: rule) }
        for (quantity, relaxations) in [("fix", column.relaxations), ("least_fix", column.leastRelaxation)] {
            for relaxation in relaxations {
                for (suffix, value) in [("_from", relaxation.from), ("_to", relaxation.to)] where value != nil {
                    add(
                        quantity + suffix, value, unit: "the rule's \(relaxation.bound)", rule: relaxation.rule,
                        commodity: relaxation.commodity ?? "", stage: relaxation.stage ?? "",
                        member: relaxation.member ?? relaxation.supplier ?? "")
                }
            }
        }
        return lines
    }
}
