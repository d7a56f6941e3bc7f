// `lode explain --format table|csv`: why a policy cannot be met and the least fix, or what each
// binding rule costs and where the suppliers' costs would change the plan.
import LodeSourcing

/// An explanation as text for a person or as CSV rows for scripts.
public struct ExplanationText: Sendable {
    public let explanation: Explanation
    /// The model's currency and the unit of its volumes (nil when commodities differ), for the
    /// tables' headers; without them the headers name no unit.
    public let currency: String?
    public let unit: String?

    public init(explanation: Explanation, currency: String? = nil, unit: String? = nil) {
        self.explanation = explanation
        self.currency = currency
        self.unit = unit
    }

    /// The model's own units: its currency, and its commodities' unit when they share one.
    public init(explanation: Explanation, model: SourcingModel) {
        let units = Set(model.commodities.map(\.unit))
        self.init(explanation: explanation, currency: model.currency, unit: units.count == 1 ? units.first : nil)
    }

    /// " (USD)", " (t Co)", " (USD/t Co)", or nothing where a unit is unknown.
    private func header(_ name: String, money: Bool = false, perUnit: Bool = false, volume: Bool = false) -> String {
        var label: String?
        if money, let currency { label = perUnit ? "\(currency)/\(unit ?? "unit")" : currency }
        if volume, let unit { label = unit }
        return label.map { "\(name) (\($0))" } ?? name
    }

    /// One row per relaxation (least, then alternative), a partial note, and one row per binding rule.
    public func csv() -> String {
        var table = Table(header: ["kind", "rule", "commodity", "stage", "member", "from", "to", "statement"])
        for (kind, list) in [("least", explanation.leastRelaxation), ("alternative", explanation.alternatives)] {
            for item in list {
                table.rows.append([
                    kind, item.rule, item.commodity ?? "", item.stage ?? "", item.member ?? "",
                    item.from.map(Format.plain) ?? "", item.to.map(Format.plain) ?? "", item.statement,
                ])
            }
        }
        if let note = explanation.note { table.rows.append(["partial", "", "", "", "", "", "", note]) }
        for rule in explanation.bindingRules {
            table.rows.append([
                "binding", rule.rule, "", "", "", "", rule.cost.map(Format.plain) ?? "",
                rule.description,
            ])
        }
        return table.csv()
    }

    /// The explanation as text, its tables fitting `width` columns (no limit when nil).
    public func render(width: Int? = nil) -> String {
        var lines: [String] = []
        lines.append("\(explanation.model): policy \(explanation.policy) is \(explanation.status.rawValue)")
        if let note = explanation.note {
            lines.append("")
            lines.append("Partial answer: \(note).")
        }
        if let conflict = explanation.conflict { lines += conflictLines(conflict) }
        if !explanation.bindingRules.isEmpty {
            lines.append("")
            lines.append("Binding rules, most expensive first (cost = objective with the rule minus without it)")
            lines += bindingTable().text(indent: "  ", width: width)
        }
        if !explanation.unusedSuppliers.isEmpty {
            lines.append("")
            lines.append("Unused suppliers: the unit cost below which each would enter the plan")
            lines += unusedTable().text(indent: "  ", width: width)
        }
        if !explanation.usedSuppliers.isEmpty {
            lines.append("")
            lines.append("Used suppliers: the unit-cost range over which the plan stays as it is")
            lines += usedTable().text(indent: "  ", width: width)
        }
        return Table.page(lines, width: width)
    }

    func conflictLines(_ conflict: [String]) -> [String] {
        var lines = [""]
        lines.append(
            conflict.isEmpty
                ? "The physical model alone cannot be met: capacities fall short of demand (see 'lode check')."
                : "These rules cannot hold together: \(conflict.joined(separator: ", ")).")
        if !explanation.otherConflicts.isEmpty {
            lines.append("")
            lines.append("Other conflicts, apart from those (each needs a fix of its own):")
            lines += explanation.otherConflicts.map { "  - \($0.joined(separator: ", "))" }
        }
        if !explanation.alternatives.isEmpty {
            lines.append("")
            // "Any one fixes it" only when it is true of every line.
            let everyOneFixes = explanation.alternatives.allSatisfy { $0.to != nil }
            lines.append(everyOneFixes ? "Any one of these fixes it:" : "Each conflicting rule relaxed alone:")
            lines += explanation.alternatives.map { "  - \($0.statement)" }
        }
        if !explanation.leastRelaxation.isEmpty {
            lines.append("")
            lines.append("Least relaxation over all rules (higher priority numbers relaxed first):")
            lines += explanation.leastRelaxation.map { "  - \($0.statement)" }
        }
        return lines
    }

    func bindingTable() -> Table {
        var table = Table(
            header: ["Rule", header("Cost", money: true), "Shadow price", "Unit", "Range", "What"],
            rightAligned: [1, 2])
        for rule in explanation.bindingRules {
            table.rows.append([
                rule.rule, rule.cost.map { Format.number($0) } ?? "-", Format.compact(rule.shadowPrice), rule.unit,
                rule.range.map { Format.range($0.lower, $0.upper) } ?? "", rule.description,
            ])
        }
        return table
    }

    /// The 15 unused suppliers nearest to entering (least cost cut needed) first.
    func unusedTable() -> Table {
        func gap(_ supplier: SupplierCost) -> Double { supplier.cost - (supplier.enterBelow ?? -.infinity) }
        var table = Table(
            header: ["Supplier", header("Cost", money: true, perUnit: true), "Enters below"], rightAligned: [1, 2])
        for supplier in explanation.unusedSuppliers.sorted(by: { gap($0) < gap($1) }).prefix(15) {
            table.rows.append([
                supplier.supplier, Format.number(supplier.cost),
                supplier.enterBelow.map { Format.number($0) } ?? "never",
            ])
        }
        return table
    }

    func usedTable() -> Table {
        var table = Table(
            header: [
                "Supplier", header("Volume", volume: true), header("Cost", money: true, perUnit: true), "Range",
            ],
            rightAligned: [1, 2])
        for supplier in explanation.usedSuppliers {
            let lower = supplier.range?.lower.map { Format.number($0) } ?? "-inf"
            let upper = supplier.range?.upper.map { Format.number($0) } ?? "inf"
            table.rows.append([
                supplier.supplier, Format.number(supplier.volume, decimals: 1),
                Format.number(supplier.cost), "[\(lower), \(upper)]",
            ])
        }
        return table
    }
}
