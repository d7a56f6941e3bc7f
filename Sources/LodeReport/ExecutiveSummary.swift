// The report's opening: an executive summary in words, for a reader who reads nothing else —
// the cheapest policy, each policy's price against the first, what it does to the largest
// country's share and to HHI per stage, and the rules that cost most.
import Foundation
import LodeSourcing

enum ExecutiveSummary {
    static func html(_ input: ReportInput) -> String {
        let columns = input.comparison.columns
        let currency = HTML.escape(input.model.currency)
        let names = Dictionary(input.model.countries.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        func country(_ id: String) -> String {
            "<abbr title=\"\(HTML.escape(id))\">\(HTML.escape(names[id] ?? id))</abbr>"
        }
        func strong(_ text: String) -> String { "<strong>\(HTML.escape(text))</strong>" }
        var paragraphs: [String] = []
        let solved = columns.filter { $0.plan.hasPlan && $0.plan.objective != nil }
        let horizon = Report.horizon(input.model)
        if let horizon {
            let rate = Format.number(input.model.discountRate * 100, decimals: 1)
            paragraphs.append(
                "<p>The plans cover \(input.model.periods.count) periods, <strong>\(horizon)</strong>; each "
                    + "policy's cost is its discounted total over them, at \(rate)% a year.</p>")
        }
        if let cheapest = solved.min(by: { $0.plan.objective! < $1.plan.objective! }) {
            let what =
                horizon.map {
                    "the discounted total over \($0): purchase, freight, tariffs, any penalties, capex, fixed and "
                        + "holding costs"
                } ?? "the objective: purchase, freight, tariffs and any penalties"
            paragraphs.append(
                "<p>The cheapest policy is \(strong(cheapest.policy)), at \(Format.number(cheapest.plan.objective!)) "
                    + "\(currency) (\(what)).</p>")
        }
        if horizon != nil, let projects = Self.projects(input) { paragraphs.append(projects) }
        let unmet = columns.filter { !$0.plan.hasPlan }
        if !unmet.isEmpty {
            let list = unmet.map { column -> String in
                let why =
                    column.conflict.map { rules in
                        rules.isEmpty
                            ? "capacities fall short of demand" : "rules in conflict: " + rules.joined(separator: ", ")
                    } ?? column.plan.status.rawValue
                return strong(column.policy) + " (\(HTML.escape(why)))"
            }
            paragraphs.append(
                "<p>Cannot be met: \(list.joined(separator: "; ")). See “Policies that cannot be met”.</p>")
        }
        // The price of each policy against the first.
        let reference = columns.first { $0.policy == input.comparison.reference }
        if let reference, let base = reference.plan.objective, columns.count > 1 {
            let items = columns.filter { $0.policy != reference.policy && $0.plan.objective != nil }.map { column in
                let price = column.plan.objective! - base
                let relative = base != 0 ? " (\(price >= 0 ? "+" : "")\(Format.percent(price / abs(base))))" : ""
                return "<li>\(strong(column.policy)): \(price >= 0 ? "+" : "")\(Format.number(price)) \(currency)"
                    + "\(relative)</li>"
            }
            if !items.isEmpty {
                paragraphs.append(
                    "<p>Price of each policy against \(strong(reference.policy)) "
                        + "(\(Format.number(base)) \(currency)):</p><ul class=\"prices\">\(items.joined())</ul>")
            }
        }
        // The largest country's share and the HHI, per stage (over periods: in the last).
        if let reference, reference.plan.hasPlan {
            var items: [String] = []
            let period = Report.shownPeriod(input.model)
            for (commodity, stage) in Report.scopes(input) {
                func scope(_ column: PolicyColumn) -> ScopeSummary? {
                    Report.scope(column.plan, commodity, stage, in: period)
                }
                guard let base = scope(reference), let top = Format.largestShares(base.shares, count: 1).first
                else { continue }
                var text =
                    "\(HTML.escape(commodity)) \(HTML.escape(stage)): \(country(top.key)) holds "
                    + "\(Format.percent(top.value, decimals: 0)) under \(HTML.escape(reference.policy)) "
                    + "(HHI \(Format.number(base.hhi)))"
                let others = columns.filter { $0.policy != reference.policy }.compactMap { column -> String? in
                    guard column.plan.hasPlan, let summary = scope(column) else { return nil }
                    return "\(HTML.escape(column.policy)) \(Format.percent(summary.shares[top.key] ?? 0, decimals: 0)) "
                        + "(HHI \(Format.number(summary.hhi)))"
                }
                if !others.isEmpty { text += "; " + others.joined(separator: ", ") }
                items.append("<li>\(text)</li>")
            }
            if !items.isEmpty {
                paragraphs.append(
                    "<p>The largest supplying country per stage\(period.map { " in \($0), the last period" } ?? ""), "
                        + "and its share under each policy "
                        + "(HHI runs 0–10,000; above 2,500 is highly concentrated):</p>"
                        + "<ul class=\"concentration\">\(items.joined())</ul>")
            }
        }
        // The rules that cost most: shadow price times a step a planner would consider.
        var costly: [(cost: Double, text: String)] = []
        for column in columns where column.plan.hasPlan {
            for rule in column.plan.rules where rule.binding {
                guard let price = rule.shadowPrice, price != 0 else { continue }
                let (step, label) = Self.step(rule)
                let cost = abs(price * step)
                costly.append(
                    (
                        cost,
                        "<li>\(strong(rule.id)) in \(HTML.escape(column.policy)): \(label) of its bound is worth about "
                            + "\(Format.number(cost)) \(currency) (loosened it saves that, tightened it costs it)</li>"
                    ))
            }
        }
        if !costly.isEmpty {
            let top = costly.sorted { $0.cost > $1.cost }.prefix(3).map(\.text)
            paragraphs.append(
                "<p>The rules that cost most (shadow price times a step; valid near the current bound):</p>"
                    + "<ul class=\"costly\">\(top.joined())</ul>")
        } else if columns.contains(where: { $0.plan.solver.mip && $0.plan.hasPlan }) {
            paragraphs.append(
                "<p>The model has integer choices, so rules have no shadow price: "
                    + "<code>lode explain</code> prices each rule by solving again without it.</p>")
        }
        return "<div class=\"brief\">\(paragraphs.joined(separator: "\n"))</div>"
    }

    /// Which candidate projects each solved policy builds, and when (the fraction built when it is
    /// not all); nil when the model has no projects.
    static func projects(_ input: ReportInput) -> String? {
        let projects = input.model.suppliers.filter { $0.project != nil }.map(\.id)
        guard !projects.isEmpty else { return nil }
        let items = input.comparison.columns.filter { $0.plan.hasPlan }.map { column -> String in
            let lines = column.plan.projects ?? []
            let built = projects.compactMap { id -> String? in
                let steps = lines.filter { $0.id == id && $0.built > 1e-6 }
                guard !steps.isEmpty else { return nil }
                let when = steps.map { line in
                    (line.period ?? "") + (line.built < 1 - 1e-6 ? " (\(Format.percent(line.built, decimals: 0)))" : "")
                }
                return "<code>\(HTML.escape(id))</code> in \(HTML.escape(when.joined(separator: ", ")))"
            }
            let text = built.isEmpty ? "builds none" : "builds " + built.joined(separator: "; ")
            return "<li><strong>\(HTML.escape(column.policy))</strong> \(text)</li>"
        }
        guard !items.isEmpty else { return nil }
        return "<p>The \(projects.count) candidate projects each policy builds, and when:</p>"
            + "<ul class=\"projects\">\(items.joined())</ul>"
    }

    /// A step of a rule's bound a planner would think in: one point of a share or fraction,
    /// 100 HHI points, 1,000 t CO2e, one member, one unit otherwise.
    static func step(_ rule: RuleReport) -> (Double, String) {
        if rule.kind == "share" { return (0.01, "one percentage point") }
        if rule.unit.contains("per 1.0") { return (0.01, "0.01") }
        if rule.unit.contains("intensity") { return (0.01, "0.01 t CO2e/unit") }
        if rule.unit.contains("HHI") { return (100, "100 HHI points") }
        if rule.unit.contains("t CO2e") { return (1000, "1,000 t CO2e") }
        if rule.unit.contains("member") { return (1, "one member") }
        return (1, "one unit (\(rule.unit))")
    }
}
