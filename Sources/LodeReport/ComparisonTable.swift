// `lode compare`: policies as columns, metrics as rows; one table rendered as text, CSV and HTML.
import LodeSourcing

/// Policies as columns, metrics as rows.
public struct ComparisonTable: Sendable {
    public let comparison: Comparison

    public init(comparison: Comparison) { self.comparison = comparison }

    /// Each metric's name and its value under each policy, in the order shown.
    public func metrics() -> [(String, [String])] {
        let columns = comparison.columns
        func row(_ name: String, _ value: (PolicyColumn) -> String) -> (String, [String]) {
            (name, columns.map(value))
        }
        func money(_ value: Double?) -> String { value.map { Format.number($0) } ?? "-" }
        var rows: [(String, [String])] = [
            row("status") { $0.plan.status.rawValue },
            row("objective") { money($0.plan.objective) },
            row("price vs \(comparison.reference)") { column in
                column.price.map { ($0 > 0 ? "+" : "") + Format.number($0) } ?? "-"
            },
            row("purchase") { money($0.plan.costs?.purchase) },
            row("tariffs") { money($0.plan.costs?.tariffs) },
            row("freight") { money($0.plan.costs?.freight) },
            row("surge fees") { money($0.plan.costs?.surgeFees) },
            row("ESG penalties") { column in
                money(column.plan.costs.map { $0.carbonPenalty + $0.sustainabilityPenalty + $0.laborPenalty })
            },
            row("shortfall penalty") { money($0.plan.costs?.shortfallPenalty) },
        ]
        // An invalid policy's column says why it was not solved (docs/model-language.md, "Policies").
        if columns.contains(where: { $0.error != nil }) { rows.insert(row("error") { $0.error ?? "-" }, at: 1) }
        // Capex, fixed and holding costs, where some policy has them.
        let timeParts: [(String, (Costs) -> Double?)] = [
            ("capex", \.capex), ("fixed costs", \.fixedCosts), ("holding costs", \.holdingCosts),
        ]
        for (name, part) in timeParts where columns.contains(where: { ($0.plan.costs.flatMap(part) ?? 0) != 0 }) {
            rows.append(row(name) { money($0.plan.costs.flatMap(part)) })
        }
        // Over time, the first and the last period's figures (every period: --format csv or json).
        var scopes =
            columns.first { !$0.plan.scopes.isEmpty }?.plan.scopes.map { ($0.commodity, $0.stage, $0.period) } ?? []
        if let first = scopes.first?.2, let last = scopes.last?.2 {
            scopes = scopes.filter { $0.2 == first || $0.2 == last }
        }
        for (commodity, stage, period) in scopes {
            func scope(_ column: PolicyColumn) -> ScopeSummary? {
                column.plan.scopes.first { $0.commodity == commodity && $0.stage == stage && $0.period == period }
            }
            let label = "\(commodity)/\(stage)\(period.map { " \($0)" } ?? "")"
            rows.append(row("\(label) HHI") { scope($0).map { Format.number($0.hhi) } ?? "-" })
            rows.append(
                row("\(label) top") { column in
                    guard let shares = scope(column)?.shares else { return "-" }
                    return Format.largestShares(shares, count: 2)
                        .map { "\($0.key) \(Format.percent($0.value, decimals: 0))" }.joined(separator: " ")
                })
            rows.append(
                row("\(label) avg sust./labor") { column in
                    guard let summary = scope(column) else { return "-" }
                    return "\(Format.score(summary.averageSustainability))/\(Format.score(summary.averageLabor))"
                })
        }
        rows.append(
            row("carbon (t CO2e)") { column in
                column.plan.costs == nil ? "-" : Format.number(column.plan.scopes.reduce(0) { $0 + $1.carbon })
            })
        var ruleIDs: [String] = []
        for column in columns {
            for rule in column.plan.rules where !ruleIDs.contains(rule.id) { ruleIDs.append(rule.id) }
        }
        for id in ruleIDs {
            rows.append(
                row("rule \(id)") { column in
                    guard let rule = column.plan.rules.first(where: { $0.id == id }) else { return "" }
                    guard column.plan.hasPlan else { return "-" }
                    guard rule.binding else { return "slack" }
                    return "binds" + (rule.shadowPrice.map { " " + Format.compact($0) } ?? "")
                })
        }
        rows.append(
            row("conflict") { column in
                column.conflict.map { $0.isEmpty ? "capacity vs demand" : $0.joined(separator: ", ") } ?? "-"
            })
        rows.append(
            row("fix (any one)") { column in
                let fixes = column.relaxations.filter { $0.to != nil }
                return fixes.isEmpty ? "-" : fixes.map(\.statement).joined(separator: "; or ")
            })
        rows.append(
            row("least fix") { column in
                column.leastRelaxation.isEmpty ? "-" : Self.compact(column.leastRelaxation, plan: column.plan)
            })
        return rows
    }

    /// A least relaxation in few words, one group per rule: "allied-only: mining 95% -> 6.9%,
    /// refining 95% -> 75%; cn-ban: refining 0% -> 25%" (the full sentences are in JSON and
    /// `lode explain`). Shares, coverage and rates as percentages; the commodity is named only when
    /// the relaxation spans several.
    static func compact(_ relaxations: [Relaxation], plan: Plan) -> String {
        let kinds = Dictionary(plan.rules.map { ($0.id, $0.kind) }, uniquingKeysWith: { first, _ in first })
        let severalCommodities = Set(relaxations.compactMap(\.commodity)).count > 1
        var order: [String] = []
        var parts: [String: [String]] = [:]
        for relaxation in relaxations {
            if parts[relaxation.rule] == nil { order.append(relaxation.rule) }
            guard let from = relaxation.from, let to = relaxation.to else {
                parts[relaxation.rule, default: []].append(relaxation.statement)
                continue
            }
            let kind = kinds[relaxation.rule] ?? ""
            func value(_ number: Double) -> String { RuleText.value(number, kind: kind) }
            let place = [
                severalCommodities
                    ? relaxation.commodity.map { "\($0)/" + (relaxation.stage ?? "") } : relaxation.stage,
                relaxation.member.map { "for \($0)" },
            ].compactMap { $0 }.joined(separator: " ")
            parts[relaxation.rule, default: []].append(
                (place.isEmpty ? "" : place + " ") + "\(value(from)) -> \(value(to))")
        }
        return order.map { "\($0): " + (parts[$0] ?? []).joined(separator: ", ") }.joined(separator: "; ")
    }

    /// The metrics as one table: a first column of metric names (headed `metric`), one column per policy.
    public func table() -> Table {
        Table(header: ["metric"] + comparison.columns.map(\.policy), rows: metrics().map { [$0.0] + $0.1 })
    }

    /// For a person: a title line, a blank line, then the table (its first header cell left blank),
    /// fitting `width` columns (no limit when nil).
    public func render(width: Int? = nil) -> String {
        var table = table()
        table.header[0] = ""
        let currency = comparison.columns.first?.plan.currency ?? "the model's currency"
        return Table.page(
            ["\(comparison.model): \(comparison.columns.count) policies (price vs \(comparison.reference))", ""]
                + table.text(indent: "  ", width: width)
                + [
                    "  Money in \(currency) a period; HHI 0-10,000 (above 2,500 highly concentrated); "
                        + "shares in %; carbon in t CO2e."
                ], width: width)
    }

    /// For scripts: the comparison in long form, one plain number per line (docs/json-schema.md,
    /// "lode compare --format csv"). `units` maps a commodity to its unit (volumes' `unit` cell).
    public func csv(units: [String: String] = [:]) -> String {
        ([ComparisonCSV.header] + comparison.columns.flatMap { ComparisonCSV.lines($0, units: units) })
            .map(CSVText.line).joined(separator: "\n") + "\n"
    }

    /// For a web page: the table as HTML.
    public func html() -> String {
        table().html(id: "comparison-table", caption: "\(comparison.model): price vs \(comparison.reference)")
    }
}
