import Foundation
import LodeSourcing

/// What a report shows: policies compared, and optionally a sweep and a frontier.
public struct ReportInput: Sendable {
    public var model: SourcingModel
    public var comparison: Comparison
    public var manifest: RunManifest
    public var sweep: Series?
    public var frontier: Series?
    /// Each solved policy's plan under disruptions (`lode stress`), for the resilience chart.
    public var stress: [StressReport]
    /// The rules in conflict at the sweep's first infeasible point (`lode explain` there), if known.
    public var sweepConflict: [String]? = nil
    /// The sweep's P10-P90 bands when it is an ensemble (drawn instead of its line chart).
    public var bands: SweepBands? = nil

    public init(
        model: SourcingModel, comparison: Comparison, manifest: RunManifest, sweep: Series? = nil,
        frontier: Series? = nil, stress: [StressReport] = []
    ) {
        self.stress = stress
        self.model = model
        self.comparison = comparison
        self.manifest = manifest
        self.sweep = sweep
        self.frontier = frontier
    }
}

/// A self-contained HTML report: inline CSS and SVG, nothing fetched, readable offline and on
/// paper (A4 or Letter).
public enum Report {
    public static func html(_ input: ReportInput) -> String {
        let columns = input.comparison.columns
        let colors = countryColors(columns)
        var body: [String] = []
        body.append(
            "<header><h1>\(HTML.escape(input.model.name))</h1><p class=\"subtitle\">Sourcing plans by policy, made by Lode \(HTML.escape(input.manifest.lodeVersion)) with GLPK \(HTML.escape(input.manifest.glpkVersion)). Costs in \(HTML.escape(input.model.currency)); the price of a policy is its cost over <strong>\(HTML.escape(input.comparison.reference))</strong>.</p></header>"
        )
        body.append(section("executive-summary", "In brief", ExecutiveSummary.html(input)))
        body.append(section("summary", "Summary", summary(input)))
        body.append(section("costs", "What each policy costs", costCharts(input)))
        if let time = TimeCharts.html(input) { body.append(section("over-time", "Over time", time)) }
        body.append(section("shares", "Where the volume comes from", shares(input, colors: colors)))
        if input.stress.contains(where: { !$0.cases.isEmpty }) {
            body.append(section("stress", "Under disruption", stressChart(input)))
        }
        body.append(section("rules", "What the rules cost", rules(input)))
        let infeasible = columns.filter { $0.plan.status == .infeasible }
        if !infeasible.isEmpty {
            body.append(section("infeasible", "Policies that cannot be met", conflicts(infeasible)))
        }
        if let sweep = input.sweep {
            if let bands = input.bands {
                body.append(section("sweep", "Ensemble: bands against \(bands.path)", bandCharts(bands, sweep, input)))
            } else {
                body.append(section("sweep", sweep.title, chart(sweep, input: input)))
            }
        }
        if let frontier = input.frontier {
            body.append(section("frontier", frontier.title, chart(frontier, input: input)))
        }
        body.append(section("suppliers", "Suppliers", suppliers(input)))
        body.append(section("manifest", "How this report was made", manifest(input)))
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(HTML.escape(input.model.name)): sourcing report</title>
            <style>\(style)</style>
            </head>
            <body>
            \(body.joined(separator: "\n"))
            </body>
            </html>

            """
    }

    static func section(_ id: String, _ title: String, _ content: String) -> String {
        "<section id=\"\(id)\"><h2>\(HTML.escape(title))</h2>\n\(content)\n</section>"
    }

    static func money(_ value: Double?) -> String { value.map { Format.number($0) } ?? "–" }

    /// "2026–2035" for a model with periods; nil for one period.
    static func horizon(_ model: SourcingModel) -> String? {
        guard let first = model.periods.first, let last = model.periods.last else { return nil }
        return first == last ? "\(first)" : "\(first)–\(last)"
    }

    /// The period whose scopes the per-scope tables and charts show: the last (nil for one period).
    static func shownPeriod(_ model: SourcingModel) -> String? { model.periods.last.map(String.init) }

    /// A plan's summary of one scope in the period shown.
    static func scope(_ plan: Plan, _ commodity: String, _ stage: String, in period: String?) -> ScopeSummary? {
        plan.scopes.first { $0.commodity == commodity && $0.stage == stage && $0.period == period }
    }

    // MARK: Summary

    static func summary(_ input: ReportInput) -> String {
        let columns = input.comparison.columns
        var rows: [[String]] = []
        func row(_ name: String, _ value: (PolicyColumn) -> String) { rows.append([name] + columns.map(value)) }
        row("Status") { $0.plan.status.rawValue }
        if columns.contains(where: { $0.error != nil }) { row("Error (policy not solved)") { $0.error ?? "–" } }
        let period = shownPeriod(input.model), over = period != nil
        row(over ? "Objective (discounted total)" : "Objective") { money($0.plan.objective) }
        row("Price vs \(input.comparison.reference)") { column in
            column.price.map { ($0 > 0 ? "+" : "") + Format.number($0) } ?? "–"
        }
        row("Purchase") { money($0.plan.costs?.purchase) }
        row("Freight") { money($0.plan.costs?.freight) }
        row("Tariffs") { money($0.plan.costs?.tariffs) }
        row("Surge fees") { money($0.plan.costs?.surgeFees) }
        row("Carbon penalty") { money($0.plan.costs?.carbonPenalty) }
        row("Sustainability and labor penalties") { column in
            money(column.plan.costs.map { $0.sustainabilityPenalty + $0.laborPenalty })
        }
        row("Shortfall penalty") { money($0.plan.costs?.shortfallPenalty) }
        if over {
            row("Capex") { money($0.plan.costs.map { $0.capex ?? 0 }) }
            row("Fixed costs") { money($0.plan.costs.map { $0.fixedCosts ?? 0 }) }
            row("Holding costs") { money($0.plan.costs.map { $0.holdingCosts ?? 0 }) }
        }
        let when = period.map { ", \($0)" } ?? ""
        for scope in scopes(input) {
            func summary(_ column: PolicyColumn) -> ScopeSummary? {
                Self.scope(column.plan, scope.0, scope.1, in: period)
            }
            row("HHI \(scope.0)/\(scope.1)\(when)") { summary($0).map { Format.number($0.hhi) } ?? "–" }
            row("Avg sustainability \(scope.0)/\(scope.1)\(when)") {
                Format.score(summary($0)?.averageSustainability, missing: "–")
            }
            row("Avg labor \(scope.0)/\(scope.1)\(when)") { Format.score(summary($0)?.averageLabor, missing: "–") }
        }
        row(horizon(input.model).map { "Carbon \($0) (t CO2e)" } ?? "Carbon (t CO2e)") { column in
            column.plan.hasPlan ? Format.number(column.plan.scopes.reduce(0) { $0 + $1.carbon }) : "–"
        }
        let table = Table(header: [""] + columns.map(\.policy), rows: rows, rightAligned: Set(1...columns.count))
        guard let period, let horizon = horizon(input.model) else { return table.html(id: "summary-table") }
        let rate = Format.number(input.model.discountRate * 100, decimals: 1)
        return table.html(
            id: "summary-table",
            caption: "Costs are totals over \(horizon), discounted at \(rate)% a year; carbon is the sum over "
                + "the periods; HHI and averages are of \(period), the last period (“Over time” shows every period).")
    }

    // MARK: Cost charts

    /// The objective's parts, in drawing order, each with its colour (not a country colour).
    static let costParts: [(name: String, color: String, value: KeyPath<Costs, Double> & Sendable)] = [
        ("Purchase", "#0072B2", \.purchase), ("Freight", "#E69F00", \.freight), ("Tariffs", "#009E73", \.tariffs),
        ("Carbon penalty", "#CC79A7", \.carbonPenalty), ("Sustainability penalty", "#56B4E9", \.sustainabilityPenalty),
        ("Labor penalty", "#882255", \.laborPenalty), ("Surge fees", "#D55E00", \.surgeFees),
        ("Shortfall penalty", "#999999", \.shortfallPenalty), ("Capex", "#332288", \.capexPart),
        ("Fixed costs", "#44AA99", \.fixedCostsPart), ("Holding costs", "#999933", \.holdingCostsPart),
    ]

    /// Cost by part per policy (stacked bars, parts that are 0 for every policy left out), and
    /// the price of each policy against the reference (one signed bar each).
    static func costCharts(_ input: ReportInput) -> String {
        let columns = input.comparison.columns, currency = input.model.currency
        let parts = costParts.filter { part in columns.contains { ($0.plan.costs?[keyPath: part.value] ?? 0) != 0 } }
        let bars = columns.map { column -> ValueBarChart.Bar in
            guard column.plan.hasPlan, let costs = column.plan.costs else {
                return .init(label: column.policy, segments: [], note: column.plan.status.rawValue)
            }
            return .init(label: column.policy, segments: parts.map { ($0.name, costs[keyPath: $0.value]) }, note: nil)
        }
        let cost = ValueBarChart(
            title: "Cost by part per policy", bars: bars, axisLabel: "Cost (\(currency))", unit: currency,
            barClass: "cost-part", series: parts.map { ($0.name, $0.color) })
        var text =
            "<div class=\"chart-pair\"><figure class=\"chart-figure\">\(cost.svg())<figcaption>The objective of each policy split into its "
            + "parts, in \(HTML.escape(currency))"
            + (horizon(input.model).map { " (totals over \($0), discounted)" } ?? "")
            + "; parts that are 0 for every policy are left out. Hover a segment for its amount.</figcaption></figure>"
        let reference = input.comparison.reference
        let others = columns.filter { $0.policy != reference }
        if !others.isEmpty, columns.contains(where: { $0.policy == reference && $0.plan.objective != nil }) {
            let priceBars = others.map { column -> ValueBarChart.Bar in
                guard let price = column.price else {
                    return .init(label: column.policy, segments: [], note: column.plan.status.rawValue)
                }
                return .init(label: column.policy, segments: [("Price", price)], note: nil)
            }
            let price = ValueBarChart(
                title: "Price of each policy against \(reference)", bars: priceBars,
                axisLabel: "Cost over \(reference) (\(currency))", unit: currency, barClass: "price-bar",
                series: [("Price", "#0072B2")], showTotals: true)
            text +=
                "<figure class=\"chart-figure\">\(price.svg())<figcaption>What each policy costs more (right of "
                + "zero) or less (left) than <strong>\(HTML.escape(reference))</strong>, in \(HTML.escape(currency))."
                + "</figcaption></figure>"
        }
        return text + "</div>"
    }

    /// One bar per policy: the share of demand its plan still delivers in its worst disruption
    /// (each named scenario and the loss of each country at each stage, as `lode stress`), named
    /// in the tooltip; then the three worst disruptions of each policy in a table.
    static func stressChart(_ input: ReportInput) -> String {
        let reports = input.stress.filter { !$0.cases.isEmpty }
        let bars = reports.map { report -> ValueBarChart.Bar in
            let worst = report.cases[0]
            // A bar of length 0 would not show: nothing delivered is said in words.
            guard worst.worstDelivered > 0 else {
                return .init(label: report.policy, segments: [], note: "0% delivered")
            }
            return .init(label: report.policy, segments: [("Delivered", worst.worstDelivered * 100)], note: nil)
        }
        let chart = ValueBarChart(
            title: "Share of demand delivered in the worst disruption", bars: bars,
            axisLabel: "Delivered in the worst disruption (%)", unit: "%", barClass: "stress-bar",
            series: [("Delivered", "#0072B2")], showTotals: false)
        var table = Table(header: ["Policy", "Worst disruptions (delivered share)"])
        for report in reports {
            let worst = report.cases.prefix(3).map { "\($0.disruption) \(Format.percent($0.worstDelivered))" }
            table.rows.append([report.policy, worst.joined(separator: "; ")])
        }
        return "<figure class=\"chart-figure\">\(chart.svg())<figcaption>What each policy's plan still delivers, "
            + "as a share of demand, when its worst disruption strikes (every named scenario and the loss of "
            + "each country at each stage, with the surge it reserved); the table names the worst three. "
            + "<code>lode stress</code> gives every case.</figcaption></figure>" + table.html(id: "stress-table")
    }

    static func scopes(_ input: ReportInput) -> [(String, String)] {
        input.model.commodities.flatMap { commodity in commodity.stages.map { (commodity.id, $0) } }
    }

    // MARK: Shares

    /// One colour per country in every chart of every report (`Palette.color`, from the id),
    /// for the countries with 2% or more of a stage anywhere; the rest are "Other". Should two
    /// uncommon countries of one report hash to a colour already taken, the later (by id) takes
    /// the next free colour.
    static func countryColors(_ columns: [PolicyColumn]) -> [String: String] {
        var largest: [String: Double] = [:]
        for column in columns {
            for scope in column.plan.scopes {
                for (country, share) in scope.shares { largest[country] = max(largest[country] ?? 0, share) }
            }
        }
        let shown = largest.filter { $0.value >= 0.02 }.keys.sorted {
            (Palette.fixed[$0] == nil ? 1 : 0, $0) < (Palette.fixed[$1] == nil ? 1 : 0, $1)
        }
        var colors: [String: String] = [:]
        var taken: Set<String> = []
        for country in shown {
            var color = Palette.color(country)
            if taken.contains(color), let free = Palette.colors.first(where: { !taken.contains($0) }) { color = free }
            colors[country] = color
            taken.insert(color)
        }
        return colors
    }

    static func shares(_ input: ReportInput, colors: [String: String]) -> String {
        var figures: [String] = []
        let period = shownPeriod(input.model)
        for (commodity, stage) in scopes(input) {
            var legend: [String] = []
            let bars = input.comparison.columns.map { column -> StackedBarChart.Bar in
                guard column.plan.hasPlan,
                    let scope = Self.scope(column.plan, commodity, stage, in: period)
                else {
                    return StackedBarChart.Bar(label: column.policy, segments: [], note: column.plan.status.rawValue)
                }
                var segments = scope.shares.filter { colors[$0.key] != nil }.sorted {
                    $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key
                }.map { ($0.key, $0.value) }
                let other = scope.shares.filter { colors[$0.key] == nil }.reduce(0) { $0 + $1.value }
                if other > 0 { segments.append(("Other", other)) }
                for (series, _) in segments where !legend.contains(series) { legend.append(series) }
                return StackedBarChart.Bar(label: column.policy, segments: segments, note: nil)
            }
            legend.sort { a, b in
                if a == "Other" { return false }
                if b == "Other" { return true }
                return (colors.keys.sorted().firstIndex(of: a) ?? 0) < (colors.keys.sorted().firstIndex(of: b) ?? 0)
            }
            let chart = StackedBarChart(
                title: "Country shares of \(commodity)/\(stage)\(period.map { ", \($0)" } ?? "")", bars: bars,
                colors: colors, legend: legend,
                names: Dictionary(
                    input.model.countries.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first }))
            figures.append(
                "<figure class=\"chart-figure\" data-scope=\"\(HTML.escape(commodity))/\(HTML.escape(stage))\">\(chart.svg())<figcaption>Share of \(HTML.escape(commodity)) \(HTML.escape(stage)) volume by country, per policy\(period.map { " in \($0), the last period (“Over time” shows every period)" } ?? ""). Each country keeps its colour in every chart of every report; hover a segment for its code and share.</figcaption></figure>"
            )
        }
        return figures.joined(separator: "\n")
    }

    // MARK: Rules and conflicts

    static func rules(_ input: ReportInput) -> String {
        var parts: [String] = []
        for column in input.comparison.columns where column.plan.hasPlan {
            let binding = column.plan.rules.filter(\.binding)
            guard !binding.isEmpty else {
                parts.append(
                    "<h3>\(HTML.escape(column.policy))</h3><p>No rule binds: the plan is what the physical limits and costs give.</p>"
                )
                continue
            }
            let rows = binding.map { rule -> [String] in
                let range =
                    rule.range.map {
                        "\(Format.compact($0.lower ?? -.infinity)) to \(Format.compact($0.upper ?? .infinity))"
                    } ?? "–"
                let perPoint = rule.kind == "share" ? rule.shadowPrice.map { Format.number($0 / 100) } ?? "–" : ""
                let price = rule.shadowPrice.map { Format.number($0) } ?? (column.plan.solver.mip ? "– (MIP)" : "–")
                return [rule.id, rule.description, price, rule.unit, perPoint, range]
            }
            let table = Table(
                header: [
                    "Rule", "What it asks", "Shadow price", "Unit", "Per 0.01 of share",
                    "Holds for bound in",
                ], rows: rows, rightAligned: [2, 4])
            parts.append("<h3>\(HTML.escape(column.policy))</h3>" + table.html(id: "rules-\(column.policy)"))
        }
        parts.append(
            "<p class=\"note\">The shadow price is the change in the objective per unit of the rule's bound; it holds while the bound stays in the range shown.</p>"
        )
        return parts.joined(separator: "\n")
    }

    static func conflicts(_ columns: [PolicyColumn]) -> String {
        columns.map { column in
            var text = "<h3>\(HTML.escape(column.policy))</h3>"
            if let conflict = column.conflict {
                text +=
                    conflict.isEmpty
                    ? "<p>Capacities alone fall short of demand.</p>"
                    : "<p>These rules cannot hold together: <strong>\(conflict.map(HTML.escape).joined(separator: ", "))</strong>.</p>"
            }
            let fixes = column.relaxations.filter { $0.to != nil }
            if !fixes.isEmpty {
                text +=
                    "<p>Any one of these fixes it:</p><ul>"
                    + fixes.map { "<li>\(HTML.escape($0.statement))</li>" }.joined() + "</ul>"
            }
            if !column.leastRelaxation.isEmpty {
                text +=
                    "<p>The least relaxation over all rules (higher priority numbers relaxed first):</p><ul class=\"least\">"
                    + column.leastRelaxation.map { "<li>\(HTML.escape($0.statement))</li>" }.joined() + "</ul>"
            }
            return text
        }.joined(separator: "\n")
    }

    /// The warning when a sweep's manifest names another model than the report's (nil when it
    /// is the same model, or the sweep carries no manifest).
    public static func modelMismatch(_ series: Series, report manifest: RunManifest) -> String? {
        guard let hash = series.modelSHA256, hash != manifest.modelSHA256 else { return nil }
        let file = series.manifestModel.map { " (\($0))" } ?? ""
        return
            "the sweep was run on another model\(file) than this report's (\(manifest.model)): its manifest's "
            + "model SHA-256 \(hash.prefix(12))… differs from \(manifest.modelSHA256.prefix(12))…; its costs may not "
            + "match the policies here (fix: re-run the sweep on this model, or report that sweep's model)"
    }

    static func chart(_ series: Series, input: ReportInput) -> String {
        let line = LineChart(
            title: series.title, xLabel: series.xLabel, yLabel: "\(series.yLabel) (\(input.model.currency))",
            points: series.points.map { ($0.x, $0.y) }, xPercent: series.xPercent,
            lines: series.lines.map { line in (line.label ?? "", line.points.map { ($0.x, $0.y) }) },
            failed: series.failed.map(\.x))
        var caption = "\(HTML.escape(series.title)); \(series.points.count) points with a plan"
        if !series.lines.isEmpty { caption += ", one line per value of the second varied path" }
        if !series.failed.isEmpty {
            let total = series.points.count + series.failed.count
            let xs = series.failed.map(\.x), feasible = series.points.map(\.x)
            func label(_ x: Double) -> String { series.xPercent ? Format.percent(x) : Format.compact(x) }
            let statuses = Array(Set(series.failed.map(\.status))).sorted().joined(separator: ", ")
            var location = "at " + Array(Set(xs)).sorted().map(label).joined(separator: ", ")
            if let low = xs.min(), let high = xs.max(), let minimum = feasible.min(), let maximum = feasible.max() {
                if low > maximum { location = "from \(HTML.escape(series.xLabel)) = \(label(low)) on" }
                if high < minimum { location = "up to \(HTML.escape(series.xLabel)) = \(label(high))" }
            }
            caption +=
                "; <strong class=\"infeasible-note\">\(series.failed.count) of \(total) points have no plan "
                + "(\(HTML.escape(statuses))), \(location)</strong>: shaded and marked × on the x axis. "
            if let conflict = input.sweepConflict, let failure = series.firstFailure, !conflict.isEmpty {
                let point = failure.map { "\($0.path) = \(Format.compact($0.value))" }.joined(separator: ", ")
                caption +=
                    "At the first (\(HTML.escape(point))) these rules cannot hold together: <strong>"
                    + HTML.escape(conflict.joined(separator: ", "))
                    + "</strong> (<code>lode explain</code> gives the least fix)"
            } else {
                caption += "<code>lode explain</code> on such a point names the rules in conflict"
            }
        }
        var text = "<figure class=\"chart-figure\">\(line.svg())<figcaption>\(caption).</figcaption></figure>"
        if let warning = modelMismatch(series, report: input.manifest) {
            text = "<p class=\"warning\">Warning: \(HTML.escape(warning)).</p>" + text
        }
        return text
    }

    /// An ensemble's bands: the objective, then the first stage's HHI and top share, each P10-P90
    /// and the median per bin of the first varied path.
    static func bandCharts(_ bands: SweepBands, _ series: Series, _ input: ReportInput) -> String {
        var parts: [String] = []
        if let warning = modelMismatch(series, report: input.manifest) {
            parts.append("<p class=\"warning\">Warning: \(HTML.escape(warning)).</p>")
        }
        for band in bands.bands {
            let share = band.column.hasPrefix("top_share[")
            let label =
                band.column == SweepSchema.objective
                ? "objective (\(input.model.currency))"
                : share
                    ? "largest country's share, \(band.column.dropFirst(10).dropLast())"
                    : "HHI, \(band.column.dropFirst(4).dropLast())"
            let chart = BandChart(
                title: "\(label) against \(bands.path)", xLabel: bands.path, yLabel: label, bins: band.bins,
                xPercent: series.xPercent, yPercent: share)
            parts.append("<figure class=\"chart-figure\">\(chart.svg())</figure>")
        }
        let bins = bands.bands[0].bins.count
        var caption =
            "\(bands.points) points drawn; per bin of \(HTML.escape(bands.path)) (\(bins) bins) the band runs from "
            + "P10 to P90 and the line is the median (type 7 quantiles"
            + (input.bands?.weighted == true ? ", weighted by the points' probability" : "") + ")"
        if bands.withoutPlan > 0 {
            caption +=
                "; <strong class=\"infeasible-note\">\(bands.withoutPlan) of \(bands.points) points have no plan</strong> "
                + "and are left out (<code>lode summarize</code> gives the shares)"
        }
        parts.append("<p class=\"note\">\(caption).</p>")
        return parts.joined(separator: "\n")
    }

    // MARK: Suppliers and manifest

    static func suppliers(_ input: ReportInput) -> String {
        let columns = input.comparison.columns
        // Over periods a plan's lines are period by period: a supplier's volume is summed over them.
        let count = input.model.suppliers.count
        func volume(_ plan: Plan, _ index: Int) -> Double {
            stride(from: index, to: plan.suppliers.count, by: max(count, 1)).reduce(0) {
                $0 + plan.suppliers[$1].volume
            }
        }
        let used = input.model.suppliers.indices.filter { index in
            columns.contains { $0.plan.hasPlan && volume($0.plan, index) > 0 }
        }
        let rows = used.map { index -> [String] in
            let supplier = input.model.suppliers[index]
            return [
                supplier.id, "\(supplier.commodity)/\(supplier.stage)", supplier.country,
                Format.number(supplier.capacity), Format.number(supplier.cost),
            ]
                + columns.map { column in
                    // A supplier a plan does not use is blank, not 0.0.
                    guard column.plan.hasPlan else { return "–" }
                    let volume = volume(column.plan, index)
                    return volume > 0 ? Format.number(volume, decimals: 1) : ""
                }
        }
        let first = input.model.periods.first.map { " \($0)" } ?? ""
        let total = horizon(input.model).map { " \($0)" } ?? ""
        let header =
            ["Supplier", "Stage", "Country", "Capacity\(first)", "Unit cost\(first)"]
            + columns.map { "Volume\(total): \($0.policy)" }
        return Table(header: header, rows: rows, rightAligned: Set(3..<(5 + columns.count))).html(
            id: "supplier-table",
            caption: "Suppliers used by at least one policy (\(used.count) of \(input.model.suppliers.count)).")
    }

    static func manifest(_ input: ReportInput) -> String {
        let manifest = input.manifest
        var rows = [
            ["Model file", manifest.model], ["Model SHA-256 (file and tables)", manifest.modelSHA256],
            ["Lode", manifest.lodeVersion], ["GLPK", manifest.glpkVersion],
        ]
        for key in manifest.options.keys.sorted() where !(manifest.options[key] ?? "").isEmpty {
            rows.append(["Option \(key)", manifest.options[key]!])
        }
        var text = Table(header: ["", ""], rows: rows).html(id: "manifest-table")
        if !input.model.sources.isEmpty {
            text +=
                "<h3>Data sources named in the model</h3><ul class=\"sources\">"
                + input.model.sources.map { "<li>\(HTML.escape($0))</li>" }.joined() + "</ul>"
        }
        return text
    }

    static let style = """
        body{font-family:-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:#1b1b1b;margin:24px auto;max-width:1040px;padding:0 16px;line-height:1.45}
        h1{font-size:1.6em;margin:0 0 4px}h2{font-size:1.25em;border-bottom:2px solid #0072B2;padding-bottom:4px;margin-top:32px}h3{font-size:1.05em;margin:18px 0 6px}
        .subtitle,.note{color:#555;font-size:.92em}
        table{border-collapse:collapse;width:100%;font-size:.86em;margin:8px 0}th,td{padding:4px 8px;border-bottom:1px solid #ddd;text-align:left;vertical-align:top}
        th{background:#f2f5f8}th,td:first-child{white-space:nowrap}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}caption{text-align:left;color:#555;padding:4px 0}
        figure{margin:12px 0}figcaption{color:#555;font-size:.85em}svg.chart{width:100%;height:auto;font-size:12px}
        .chart-title{font-weight:600;font-size:14px}.grid{stroke:#e3e3e3}.axis{stroke:#666}.tick,.legend,.label{fill:#333}.axis-label{fill:#333;font-size:12px}
        .segment{fill:#fff;font-size:11px}.note{fill:#a00}.series{fill:none;stroke-width:2}
        .chart-pair{display:flex;flex-wrap:wrap;gap:0 24px}.chart-pair figure{flex:1 1 380px;min-width:0}
        .infeasible-band{fill:#D55E00;fill-opacity:.12}.infeasible-mark{fill:#a00;font-size:14px;font-weight:700}
        p.warning{background:#fff4e5;border-left:4px solid #D55E00;padding:6px 10px}
        ul.least li,ul li{margin:2px 0}.brief p{margin:6px 0}.brief ul{margin:2px 0 8px}abbr{text-decoration:none}
        @page{size:auto;margin:14mm 12mm 16mm;
        @bottom-center{content:"Page " counter(page) " of " counter(pages);font-size:9pt;color:#555}}
        @media print{body{margin:0;max-width:none;font-size:10pt}section{break-inside:auto}
        figure,tr,.brief ul{break-inside:avoid}h2,h3{break-after:avoid}h2{margin-top:18px}
        svg.chart{max-height:110mm;max-width:150mm;display:block}.chart-pair figure{flex-basis:80mm}table{font-size:8.5pt}}
        """
}

extension Costs {
    /// The parts that only a model with periods, projects, fixed costs or stockpiles has, 0 when
    /// absent (for the cost chart's key paths).
    var capexPart: Double { capex ?? 0 }
    var fixedCostsPart: Double { fixedCosts ?? 0 }
    var holdingCostsPart: Double { holdingCosts ?? 0 }
}
