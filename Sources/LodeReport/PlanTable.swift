// `lode solve --format table`: the plan for a person, as text.
import LodeSourcing

/// The plan for a person: status, cost parts, the suppliers used, concentration and ESG per
/// stage, and the rules with what they cost.
public struct PlanTable: Sendable {
    public let plan: Plan
    /// Each commodity's unit (the model's `unit` field); a commodity not named here is in t.
    public let units: [String: String]
    /// The model file as given on the command line, for the `lode explain` the table points to.
    public let modelPath: String?

    public init(plan: Plan, units: [String: String] = [:], modelPath: String? = nil) {
        self.plan = plan
        self.units = units
        self.modelPath = modelPath
    }

    /// The command that explains this plan's policy: its conflicts or what each rule costs.
    var explainCommand: String {
        let path = modelPath.map { $0.contains(" ") ? "'\($0)'" : $0 } ?? "MODEL"
        return "lode explain \(path) --policy \(plan.policy)"
    }

    /// A commodity's unit, t when the model gives none.
    func unit(_ commodity: String) -> String { units[commodity] ?? "t" }

    /// The one unit of every commodity in the plan, nil when they differ.
    var commonUnit: String? {
        let all = Set((plan.suppliers.map(\.commodity) + plan.scopes.map(\.commodity)).map(unit))
        return all.count <= 1 ? (all.first ?? "t") : nil
    }

    /// The plan as text, its tables fitting `width` columns (no limit when nil).
    public func render(width: Int? = nil) -> String {
        var lines: [String] = []
        lines.append("\(plan.model): policy \(plan.policy)")
        let solver = plan.solver
        lines.append(
            "Status: \(plan.status.rawValue) (\(solver.mip ? "MIP" : "LP"), \(solver.rows) rows x "
                + "\(solver.columns) columns, \(solver.iterations) simplex iterations; GLPK: \(solver.termination))")
        guard let costs = plan.costs else {
            lines.append("")
            if plan.status == .infeasible {
                lines.append(
                    "No plan meets every rule of this policy. For the conflicting rules and the least fix, run:")
                lines.append("  \(explainCommand)")
                lines.append(
                    "Or relax a rule with --set, or compare with another policy ('lode check' lists warnings).")
            } else {
                lines.append("No plan was found: \(solver.message).")
            }
            return Table.page(lines, width: width)
        }
        lines.append("")
        lines.append("Cost (\(plan.currency))")
        lines += costTable(costs).text(indent: "  ", width: width)
        for shortfall in plan.shortfalls where shortfall.unmet > 0 {
            lines.append(
                "  Unmet demand of \(shortfall.commodity)\(shortfall.period.map { " in \($0)" } ?? ""): "
                    + "\(Format.number(shortfall.unmet, decimals: 1)) " + unit(shortfall.commodity))
        }
        if let periods = plan.periods {
            lines.append("")
            lines.append("Cost per period (\(plan.currency), undiscounted; the objective is their discounted sum)")
            lines += periodTable(periods).text(indent: "  ", width: width)
        }
        if let projects = plan.projects {
            lines.append("")
            lines.append("Projects")
            lines += projectTable(projects).text(indent: "  ", width: width)
        }
        if let stock = plan.stockpiles {
            lines.append("")
            lines.append("Stock at the end of each period")
            lines += stockTable(stock).text(indent: "  ", width: width)
        }

        lines.append("")
        lines.append("Plan (suppliers used)")
        lines += supplierTable().text(indent: "  ", width: width)
        for flow in plan.flows {
            lines.append(
                "  route \(flow.from) -> \(flow.to): \(Format.number(flow.volume, decimals: 1)) "
                    + "at \(Format.number(flow.unitCost))")
        }

        lines.append("")
        lines.append("Concentration and ESG per stage")
        lines += scopeTable().text(indent: "  ", width: width)
        lines.append(
            "  HHI: the sum of squared country shares in points, 0-10,000; above 2,500 is highly concentrated.")

        if !plan.rules.isEmpty {
            lines.append("")
            lines.append("Rules (shadow price = change in objective per 1.0 of the bound; range: where it holds)")
            lines += ruleTable().text(indent: "  ", width: width)
            lines += bindingPeriods()
            lines += priceLines()
        }
        return Table.page(lines, width: width)
    }

    /// What the binding rules' shadow prices mean, one sentence each; for a MIP, that there is no
    /// dual and `lode explain` prices the rules by re-solving.
    func priceLines() -> [String] {
        if plan.solver.mip {
            guard plan.rules.contains(where: \.binding) else { return [] }
            return [
                "  A MIP has no shadow prices (no dual); to price each binding rule by re-solving, run:",
                "    \(explainCommand)",
            ]
        }
        let sentences = plan.rules.compactMap {
            RuleText.sentence($0, currency: plan.currency, overTime: plan.periods != nil)
        }
        guard !sentences.isEmpty else { return [] }
        return ["", "What the binding rules cost"] + sentences.map { "  - " + $0 }
    }

    /// The cost parts that are not zero (purchase always), then the objective; no header.
    func costTable(_ costs: Costs) -> Table {
        let parts: [(String, Double)] = [
            ("Purchase", costs.purchase), ("Freight", costs.freight), ("Tariffs", costs.tariffs),
            ("Surge fees", costs.surgeFees), ("Carbon penalty", costs.carbonPenalty),
            ("Sustainability penalty", costs.sustainabilityPenalty), ("Labor penalty", costs.laborPenalty),
            ("Shortfall penalty", costs.shortfallPenalty), ("Capex", costs.capex ?? 0),
            ("Fixed costs", costs.fixedCosts ?? 0), ("Holding costs", costs.holdingCosts ?? 0),
        ]
        let rows = parts.filter { $0.1 != 0 || $0.0 == "Purchase" }.map { [$0.0, Format.number($0.1)] }
        let objective = plan.periods == nil ? "Objective" : "Objective (discounted)"
        return Table(header: [], rows: rows + [[objective, Format.number(costs.objective)]], rightAligned: [1])
    }

    /// One row per period: its cost parts that are not zero in some period, its total and the
    /// discounted total.
    func periodTable(_ periods: [PeriodLine]) -> Table {
        let parts: [(String, (Costs) -> Double)] = [
            ("Purchase", \.purchase), ("Freight", \.freight), ("Tariffs", \.tariffs), ("Surge fees", \.surgeFees),
            ("Carbon", \.carbonPenalty), ("Sust.", \.sustainabilityPenalty), ("Labor", \.laborPenalty),
            ("Shortfall", \.shortfallPenalty), ("Capex", { $0.capex ?? 0 }), ("Fixed", { $0.fixedCosts ?? 0 }),
            ("Holding", { $0.holdingCosts ?? 0 }),
        ]
        let shown = parts.filter { part in periods.contains { part.1($0.costs) != 0 } || part.0 == "Purchase" }
        var table = Table(
            header: ["Period"] + shown.map(\.0) + ["Total", "Discounted"], rightAligned: Set(1...(shown.count + 2)))
        for line in periods {
            table.rows.append(
                [line.period] + shown.map { Format.number($0.1(line.costs)) }
                    + [Format.number(line.costs.objective), Format.number(line.costs.objective * line.discountFactor)])
        }
        return table
    }

    /// Projects built (in some period), with when, how much and what it cost; those never built
    /// on one line.
    func projectTable(_ projects: [ProjectLine]) -> Table {
        var table = Table(
            header: ["Project", "Built in", "Fraction", "Capacity then", "Capex (\(plan.currency))"],
            rightAligned: [2, 3, 4])
        for line in projects where line.built > 1e-9 {
            table.rows.append([
                line.id, line.period ?? "", Format.percent(line.built), Format.number(line.capacity),
                Format.number(line.capex),
            ])
        }
        let ids = projects.map(\.id)
        let built = Set(projects.filter { $0.built > 1e-9 }.map(\.id))
        var seen = Set<String>()
        for id in ids where !built.contains(id) && seen.insert(id).inserted {
            table.rows.append([id, "not built", "", "", ""])
        }
        return table
    }

    /// Each stockpile's level and change per period.
    func stockTable(_ stock: [StockLine]) -> Table {
        var table = Table(
            header: ["Stockpile", "Period", "Level", "Change", "Holding (\(plan.currency))"], rightAligned: [2, 3, 4])
        for line in stock {
            table.rows.append([
                line.id, line.period ?? "", Format.number(line.level, decimals: 1),
                (line.change > 0 ? "+" : "") + Format.number(line.change, decimals: 1), Format.number(line.holdingCost),
            ])
        }
        return table
    }

    /// Volumes in the commodity's unit (in the header when all share one, else a Unit column),
    /// unit costs in the currency per unit.
    func supplierTable() -> Table {
        let common = commonUnit
        let per = common.map { " (\($0))" } ?? ""
        var table = Table(
            header: [
                "Period", "Supplier", "Stage", "Country", "Unit", "Volume\(per)", "Share", "Capacity\(per)",
                "Unit cost (\(plan.currency)/\(common ?? "unit"))", "Surge reserved\(per)",
            ], rightAligned: [5, 6, 7, 8, 9])
        for line in plan.suppliers where line.volume > 0 || line.reservedSurge > 0 {
            table.rows.append([
                line.period ?? "", line.id, "\(line.commodity)/\(line.stage)", line.country,
                common == nil ? unit(line.commodity) : "",
                Format.number(line.volume, decimals: 1), Format.percent(line.share), Format.number(line.capacity),
                Format.number(line.unitCost),
                line.reservedSurge > 0 ? Format.number(line.reservedSurge, decimals: 1) : "",
            ])
        }
        return table
    }

    func scopeTable() -> Table {
        let common = commonUnit
        var table = Table(
            header: [
                "Period", "Stage", "Unit", "Total\(common.map { " (\($0))" } ?? "")", "HHI", "Top countries",
                "Avg sust.", "Avg labor", "t CO2e/\(common ?? "unit")",
            ],
            rightAligned: [3, 4, 6, 7, 8])
        for scope in plan.scopes {
            let top = Format.largestShares(scope.shares, count: 4)
                .map { "\($0.key) \(Format.percent($0.value, decimals: 0))" }.joined(separator: ", ")
            table.rows.append([
                scope.period ?? "", "\(scope.commodity)/\(scope.stage)", common == nil ? unit(scope.commodity) : "",
                Format.number(scope.total, decimals: 1), Format.number(scope.hhi),
                top, Format.score(scope.averageSustainability), Format.score(scope.averageLabor),
                Format.score(scope.carbonIntensity),
            ])
        }
        return table
    }

    /// Over time, the periods in which each binding rule binds (a rule's row reads over all its
    /// periods: the tightest slack, the sum of the prices; per period in the JSON).
    func bindingPeriods() -> [String] {
        guard let periods = plan.periods?.map(\.period) else { return [] }
        var lines: [String] = []
        for rule in plan.rules where rule.binding {
            let binding = Set(rule.rows.filter(\.binding).compactMap { $0.period ?? nil })
            guard !binding.isEmpty, Set(rule.rows.compactMap { $0.period ?? nil }).count > 1 else { continue }
            lines.append("  \(rule.id) binds in \(Self.spans(periods.filter(binding.contains), of: periods))")
        }
        return lines.isEmpty ? [] : [""] + lines
    }

    /// Labels as runs of consecutive periods: `2028-2030, 2033`.
    static func spans(_ labels: [String], of periods: [String]) -> String {
        let positions = labels.compactMap { periods.firstIndex(of: $0) }
        var runs: [(Int, Int)] = []
        for position in positions {
            if let last = runs.last, last.1 == position - 1 {
                runs[runs.count - 1].1 = position
            } else {
                runs.append((position, position))
            }
        }
        return runs.map { $0.0 == $0.1 ? periods[$0.0] : "\(periods[$0.0])-\(periods[$0.1])" }
            .joined(separator: ", ")
    }

    func ruleTable() -> Table {
        var table = Table(header: ["Rule", "Binding", "Slack", "Shadow price", "Range", "What"], rightAligned: [2, 3])
        for rule in plan.rules {
            table.rows.append([
                rule.id, rule.binding ? "yes" : "no", RuleText.value(rule.slack, kind: rule.kind),
                rule.shadowPrice.map { Format.compact($0) } ?? "-",
                rule.range.map { RuleText.range($0, kind: rule.kind) } ?? "", rule.description,
            ])
        }
        return table
    }
}
