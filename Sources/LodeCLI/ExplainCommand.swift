import ArgumentParser
import Foundation
import LodeReport
import LodeSourcing

struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Explain a policy: why it cannot be met and the least fix, or what each binding rule costs.",
        discussion: """
            Infeasible: the smallest set of the policy's rules that cannot hold together, the least
            relaxation that makes it feasible (rules with a higher priority number relaxed first),
            and each conflicting rule's relaxation on its own; other conflicts among the remaining rules
            are listed too. The search stops at the time limit (--time-limit, else settings.time_limit,
            else 60 s, for the whole explanation) with a partial answer that says so.
            Feasible: binding rules ranked by what they cost, with shadow prices and ranges; the unit
            cost at which each unused supplier would enter; the cost range of each used supplier.

            Examples:
              lode explain models/cobalt/model.yaml --policy impossible
              lode explain models/lithium/model.yaml --policy friend-shoring
            """)

    @OptionGroup var modelOptions: ModelOptions

    @Option(name: .shortAndLong, help: "The policy to explain (default: the model's first).")
    var policy: String?

    @Option(help: "Stop explaining after this many seconds in all (overrides settings.time_limit; default 60).")
    var timeLimit: Double?

    @OptionGroup var outputOptions: OutputOptions

    func validate() throws {
        if let timeLimit, !(timeLimit.isFinite && timeLimit > 0) {
            throw ValidationError("--time-limit must be a positive number of seconds")
        }
    }

    func run() throws {
        try outputOptions.check()
        let loaded = try modelOptions.load()
        try modelOptions.selectPolicy(policy, in: loaded)
        let explanation = try reportingBadInput {
            try Explainer.explain(loaded.model, policy: policy, options: PlanOptions(timeLimit: timeLimit))
        }
        switch outputOptions.format {
        case .json: try outputOptions.write(try PlanJSON.encode(explanation))
        case .table, .csv: try outputOptions.write(render(explanation, csv: outputOptions.format == .csv))
        }
    }

    func render(_ explanation: Explanation, csv: Bool) -> String {
        var lines: [String] = []
        if csv {
            lines.append("kind,rule,commodity,stage,member,from,to,statement")
            for (kind, list) in [("least", explanation.leastRelaxation), ("alternative", explanation.alternatives)] {
                for item in list {
                    lines.append([kind, item.rule, item.commodity ?? "", item.stage ?? "", item.member ?? "",
                                  item.from.map(PlanCSV.number) ?? "", item.to.map(PlanCSV.number) ?? "", item.statement]
                        .map(PlanCSV.field).joined(separator: ","))
                }
            }
            if let note = explanation.note {
                lines.append(["partial", "", "", "", "", "", "", note].map(PlanCSV.field).joined(separator: ","))
            }
            for rule in explanation.bindingRules {
                lines.append(["binding", rule.rule, "", "", "", "", rule.cost.map(PlanCSV.number) ?? "", rule.description].map(PlanCSV.field).joined(separator: ","))
            }
            return lines.joined(separator: "\n") + "\n"
        }
        lines.append("\(explanation.model): policy \(explanation.policy) is \(explanation.status.rawValue)")
        if let note = explanation.note {
            lines.append("")
            lines.append("Partial answer: \(note).")
        }
        if let conflict = explanation.conflict {
            lines.append("")
            lines.append(conflict.isEmpty
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
        }
        if !explanation.bindingRules.isEmpty {
            lines.append("")
            lines.append("Binding rules, most expensive first (cost = objective with the rule minus without it)")
            var rows = [["  Rule", "Cost", "Shadow price", "Unit", "Range", "What"]]
            for rule in explanation.bindingRules {
                let range = rule.range.map { Format.range($0.lower, $0.upper) } ?? ""
                rows.append(["  " + rule.rule, rule.cost.map { Format.number($0) } ?? "-", Format.compact(rule.shadowPrice), rule.unit, range, rule.description])
            }
            lines += Format.table(rows, rightAligned: [1, 2])
        }
        if !explanation.unusedSuppliers.isEmpty {
            lines.append("")
            lines.append("Unused suppliers: the unit cost below which each would enter the plan")
            var rows = [["  Supplier", "Cost", "Enters below"]]
            for supplier in explanation.unusedSuppliers.sorted(by: { ($0.cost - ($0.enterBelow ?? -.infinity)) < ($1.cost - ($1.enterBelow ?? -.infinity)) }).prefix(15) {
                rows.append(["  " + supplier.supplier, Format.number(supplier.cost), supplier.enterBelow.map { Format.number($0) } ?? "never"])
            }
            lines += Format.table(rows, rightAligned: [1, 2])
        }
        if !explanation.usedSuppliers.isEmpty {
            lines.append("")
            lines.append("Used suppliers: the unit-cost range over which the plan stays as it is")
            var rows = [["  Supplier", "Volume", "Cost", "Range"]]
            for supplier in explanation.usedSuppliers {
                rows.append(["  " + supplier.supplier, Format.number(supplier.volume, decimals: 1), Format.number(supplier.cost),
                             "[\(supplier.range?.lower.map { Format.number($0) } ?? "-inf"), \(supplier.range?.upper.map { Format.number($0) } ?? "inf")]"])
            }
            lines += Format.table(rows, rightAligned: [1, 2])
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
