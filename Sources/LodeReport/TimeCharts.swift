// The report's "Over time" section, for a plan over several periods (MODEL.md section 6): line
// charts of cost, the largest country's share of each commodity's last stage, stock held and
// capacity built to date, per period, one line per policy (a policy keeps its colour in all).
import Foundation
import LodeSourcing

enum TimeCharts {
    typealias Line = (label: String, points: [(x: Double, y: Double)])

    /// The section's figures; nil when no policy has a plan over periods.
    static func html(_ input: ReportInput) -> String? {
        let model = input.model
        let all = input.comparison.columns
        let solved = all.enumerated().filter { $0.element.plan.hasPlan && $0.element.plan.periods != nil }
        guard model.hasPeriods, !solved.isEmpty else { return nil }
        let colors = solved.map { LineChart.lineColors[$0.offset % LineChart.lineColors.count] }
        let years = model.periods.map(Double.init)
        func line(_ column: PolicyColumn, _ value: (String) -> Double) -> Line {
            (column.policy, zip(model.periods, years).map { (x: $0.1, y: value(String($0.0))) })
        }
        let missing = all.filter { !$0.plan.hasPlan }.map(\.policy)
        let note =
            missing.isEmpty
            ? "" : " Policies without a plan are left out: \(missing.map(HTML.escape).joined(separator: ", "))."
        var figures: [String] = []
        let currency = HTML.escape(model.currency)
        let horizon = Report.horizon(model) ?? ""

        // 1. Cost per period, undiscounted.
        let cost = solved.map { item in
            line(item.element) { label in
                item.element.plan.periods?.first { $0.period == label }?.costs.objective ?? 0
            }
        }
        let rate = Format.number(model.discountRate * 100, decimals: 1)
        figures.append(
            figure(
                "cost-per-period", title: "Cost per period, undiscounted",
                yLabel: "Cost per period (\(model.currency), undiscounted)", lines: cost, colors: colors, model: model,
                fromZero: false,
                caption: "What each policy's plan costs in each period before discounting, in \(currency): purchase, "
                    + "freight, tariffs and penalties, the capex of projects built then, fixed and holding costs. "
                    + "The objective is their sum discounted at \(rate)% a year." + note))

        // 2. The largest country's share of each commodity's last stage.
        let lead = all.first { $0.policy == input.comparison.reference && $0.plan.hasPlan } ?? solved[0].element
        let names = Dictionary(model.countries.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        for commodity in model.commodities {
            let stage = commodity.lastStage
            func scope(_ plan: Plan, _ label: String) -> ScopeSummary? {
                plan.scopes.first { $0.commodity == commodity.id && $0.stage == stage && $0.period == label }
            }
            var volume: [String: Double] = [:]
            for summary in lead.plan.scopes where summary.commodity == commodity.id && summary.stage == stage {
                for (country, share) in summary.shares { volume[country, default: 0] += share * summary.total }
            }
            guard let top = volume.max(by: { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key })?.key
            else { continue }
            let name = names[top] ?? top
            let shares = solved.map { item in
                line(item.element) { label in (scope(item.element.plan, label)?.shares[top] ?? 0) * 100 }
            }
            figures.append(
                figure(
                    "top-share", scope: "\(commodity.id)/\(stage)",
                    title: "\(name)'s share of \(commodity.id) \(stage) per period",
                    yLabel: "\(name)'s share of \(commodity.id) \(stage) (%)", lines: shares, colors: colors,
                    model: model,
                    caption: "The share of \(HTML.escape(commodity.id)) \(HTML.escape(stage)) volume from "
                        + "\(HTML.escape(name)) (\(HTML.escape(top))), the largest supplier over \(horizon) under "
                        + "<strong>\(HTML.escape(lead.policy))</strong>, in each period, per policy. Lines that "
                        + "coincide are dashed so that each shows." + note))
        }

        // 3. Stock held at the end of each period, per stockpile.
        for stockpile in model.stockpiles {
            let unit = model.commodity(named: stockpile.commodity)?.unit ?? "units"
            let levels = solved.map { item in
                line(item.element) { label in
                    item.element.plan.stockpiles?.first { $0.id == stockpile.id && $0.period == label }?.level ?? 0
                }
            }
            figures.append(
                figure(
                    "stock", scope: stockpile.id, title: "Stock held in \(stockpile.id) at the end of each period",
                    yLabel: "Stock (\(unit))", lines: levels, colors: colors, model: model,
                    caption: "The level of the stockpile <strong>\(HTML.escape(stockpile.id))</strong> "
                        + "(\(HTML.escape(stockpile.commodity)), initially \(Format.number(stockpile.initial)) "
                        + "\(HTML.escape(unit))) at the end of each period, per policy." + note))
        }

        // 4. Capacity of the projects built to date, per commodity with projects.
        for commodity in model.commodities {
            let projects = Set(
                model.suppliers.filter { $0.commodity == commodity.id && $0.project != nil }.map(\.id))
            guard !projects.isEmpty else { continue }
            let built = solved.map { item in
                line(item.element) { label in
                    (item.element.plan.projects ?? []).filter { projects.contains($0.id) && $0.period == label }
                        .reduce(0) { $0 + $1.capacity }
                }
            }
            figures.append(
                figure(
                    "capacity-built", scope: commodity.id, title: "Capacity of \(commodity.id) projects built to date",
                    yLabel: "Capacity built to date (\(commodity.unit) a period)", lines: built, colors: colors,
                    model: model,
                    caption: "The capacity that the \(projects.count) candidate \(HTML.escape(commodity.id)) "
                        + "projects built so far make available in each period (summed over projects, at any stage), "
                        + "per policy; the summary in brief names which projects each policy builds and when." + note))
        }
        return figures.joined(separator: "\n")
    }

    static func figure(
        _ id: String, scope: String? = nil, title: String, yLabel: String, lines: [Line], colors: [String],
        model: SourcingModel, fromZero: Bool = true, caption: String
    ) -> String {
        let chart = LineChart(
            title: title, xLabel: "Period (year)", yLabel: yLabel, points: lines.flatMap(\.points), lines: lines,
            xTicks: model.periods.map { (Double($0), String($0)) }, colors: colors, fromZero: fromZero)
        let data = scope.map { " data-scope=\"\(HTML.escape($0))\"" } ?? ""
        return "<figure class=\"chart-figure\" data-chart=\"\(id)\"\(data)>\(chart.svg())<figcaption>\(caption)"
            + "</figcaption></figure>"
    }
}
