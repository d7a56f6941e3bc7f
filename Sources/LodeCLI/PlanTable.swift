import LodeReport
import LodeSourcing

/// The plan for a person: status, cost parts, the suppliers used, concentration and ESG per
/// stage, and the rules with what they cost.
struct PlanTable {
    let plan: Plan

    func render() -> String {
        var lines: [String] = []
        lines.append("\(plan.model): policy \(plan.policy)")
        lines.append("Status: \(plan.status.rawValue) (\(plan.solver.mip ? "MIP" : "LP"), \(plan.solver.rows) rows x \(plan.solver.columns) columns, "
            + "\(plan.solver.iterations) simplex iterations; GLPK: \(plan.solver.termination))")
        guard let costs = plan.costs else {
            lines.append("")
            lines.append(plan.status == .infeasible
                ? "No plan meets every rule of this policy. Try 'lode check' for warnings, relax a rule with --set, or compare with another policy."
                : "No plan was found: \(plan.solver.message).")
            return lines.joined(separator: "\n") + "\n"
        }
        lines.append("")
        lines.append("Cost (\(plan.currency))")
        let parts: [(String, Double)] = [
            ("Purchase", costs.purchase), ("Freight", costs.freight), ("Tariffs", costs.tariffs),
            ("Surge fees", costs.surgeFees), ("Carbon penalty", costs.carbonPenalty),
            ("Sustainability penalty", costs.sustainabilityPenalty), ("Labor penalty", costs.laborPenalty),
            ("Shortfall penalty", costs.shortfallPenalty),
        ]
        var costRows = parts.filter { $0.1 != 0 || $0.0 == "Purchase" }.map { ["  " + $0.0, Format.number($0.1)] }
        costRows.append(["  Objective", Format.number(costs.objective)])
        lines += Format.table(costRows, rightAligned: [1])
        for shortfall in plan.shortfalls where shortfall.unmet > 0 {
            lines.append("  Unmet demand of \(shortfall.commodity): \(Format.number(shortfall.unmet, decimals: 1))")
        }

        lines.append("")
        lines.append("Plan (suppliers used)")
        var supplierRows = [["  Supplier", "Stage", "Country", "Volume", "Share", "Capacity", "Unit cost", "Surge reserved"]]
        for line in plan.suppliers where line.volume > 0 || line.reservedSurge > 0 {
            supplierRows.append(["  " + line.id, "\(line.commodity)/\(line.stage)", line.country, Format.number(line.volume, decimals: 1),
                                 Format.percent(line.share), Format.number(line.capacity), Format.number(line.unitCost),
                                 line.reservedSurge > 0 ? Format.number(line.reservedSurge, decimals: 1) : ""])
        }
        lines += Format.table(supplierRows, rightAligned: [3, 4, 5, 6, 7])
        for flow in plan.flows {
            lines.append("  route \(flow.from) -> \(flow.to): \(Format.number(flow.volume, decimals: 1)) at \(Format.number(flow.unitCost))")
        }

        lines.append("")
        lines.append("Concentration and ESG per stage")
        var scopeRows = [["  Stage", "Total", "HHI", "Top countries", "Avg sust.", "Avg labor", "t CO2e/unit"]]
        for scope in plan.scopes {
            let top = scope.shares.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(4)
                .map { "\($0.key) \(Format.percent($0.value))" }.joined(separator: ", ")
            scopeRows.append(["  \(scope.commodity)/\(scope.stage)", Format.number(scope.total, decimals: 1), Format.number(scope.hhi),
                              top, scope.averageSustainability.map { Format.number($0, decimals: 2) } ?? "-",
                              scope.averageLabor.map { Format.number($0, decimals: 2) } ?? "-",
                              scope.carbonIntensity.map { Format.number($0, decimals: 2) } ?? "-"])
        }
        lines += Format.table(scopeRows, rightAligned: [1, 2, 4, 5, 6])

        if !plan.rules.isEmpty {
            lines.append("")
            lines.append("Rules (shadow price = change in objective per unit of the bound; ranges where it holds)")
            var ruleRows = [["  Rule", "Binding", "Slack", "Shadow price", "Range", "What"]]
            for rule in plan.rules {
                let range = rule.range.map { Format.range($0.lower, $0.upper) } ?? ""
                ruleRows.append(["  " + rule.id, rule.binding ? "yes" : "no", Format.compact(rule.slack),
                                 rule.shadowPrice.map { Format.compact($0) } ?? "-", range, rule.description])
            }
            lines += Format.table(ruleRows, rightAligned: [2, 3])
            let shares = plan.rules.filter { $0.kind == "share" && $0.binding && $0.shadowPrice != nil }
            for rule in shares {
                lines.append("  \(rule.id): \(Format.number((rule.shadowPrice ?? 0) / 100)) \(plan.currency) per 0.01 (one point) of share")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
