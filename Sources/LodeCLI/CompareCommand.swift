import ArgumentParser
import Foundation
import LodeReport
import LodeSourcing

struct Compare: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compare policies side by side: cost, price over the first, concentration, ESG, binding rules.",
        discussion: """
            One column per policy. The price of a policy is its objective minus the first policy's.
            An infeasible policy keeps its column and names the rules that conflict, with the
            relaxation of each that alone would make it feasible.

            Examples:
              lode compare models/cobalt/model.yaml
              lode compare models/battery-materials/model.yaml --policies baseline,crma-65,friend-shoring
            """)

    @OptionGroup var modelOptions: ModelOptions

    @Option(help: "Policies to compare, comma-separated (default: all, in file order).")
    var policies: String?

    @Option(help: "Worker threads (default: one per core).")
    var jobs: Int?

    @OptionGroup var outputOptions: OutputOptions

    func validate() throws {
        try checkJobs(jobs)
        if let policies { _ = try idList(policies, option: "--policies", example: "baseline,crma-65") }
    }

    func run() throws {
        try outputOptions.check()
        let loaded = try modelOptions.load(threads: jobs)
        let names = try policies.map { try idList($0, option: "--policies", example: "baseline,crma-65") }
        let comparison = try reportingBadInput { try Comparer.compare(loaded.model, policies: names, jobs: jobs) }
        let text: String
        switch outputOptions.format {
        case .table: text = ComparisonTable(comparison: comparison).render()
        case .json: text = try PlanJSON.encode(comparison)
        case .csv: text = ComparisonTable(comparison: comparison).csv()
        }
        try outputOptions.write(text)
    }
}

/// Policies as columns, metrics as rows.
struct ComparisonTable {
    let comparison: Comparison

    func metrics() -> [(String, [String])] {
        let columns = comparison.columns
        func row(_ name: String, _ value: (PolicyColumn) -> String) -> (String, [String]) { (name, columns.map(value)) }
        func money(_ value: Double?) -> String { value.map { Format.number($0) } ?? "-" }
        var rows: [(String, [String])] = [
            row("status") { $0.plan.status.rawValue },
            row("objective") { money($0.plan.objective) },
            row("price vs \(comparison.reference)") { column in column.price.map { ($0 > 0 ? "+" : "") + Format.number($0) } ?? "-" },
            row("purchase") { money($0.plan.costs?.purchase) },
            row("tariffs") { money($0.plan.costs?.tariffs) },
            row("freight") { money($0.plan.costs?.freight) },
            row("surge fees") { money($0.plan.costs?.surgeFees) },
            row("ESG penalties") { column in money(column.plan.costs.map { $0.carbonPenalty + $0.sustainabilityPenalty + $0.laborPenalty }) },
            row("shortfall penalty") { money($0.plan.costs?.shortfallPenalty) },
        ]
        // An invalid policy's column says why it was not solved (MODEL.md §4b).
        if columns.contains(where: { $0.error != nil }) { rows.insert(row("error") { $0.error ?? "-" }, at: 1) }
        let scopes = columns.first { !$0.plan.scopes.isEmpty }?.plan.scopes.map { ($0.commodity, $0.stage) } ?? []
        for (commodity, stage) in scopes {
            func scope(_ column: PolicyColumn) -> ScopeSummary? { column.plan.scopes.first { $0.commodity == commodity && $0.stage == stage } }
            rows.append(row("\(commodity)/\(stage) HHI") { scope($0).map { Format.number($0.hhi) } ?? "-" })
            rows.append(row("\(commodity)/\(stage) top") { column in
                guard let shares = scope(column)?.shares else { return "-" }
                return shares.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(2)
                    .map { "\($0.key) \(Format.percent($0.value, decimals: 0))" }.joined(separator: " ")
            })
            rows.append(row("\(commodity)/\(stage) avg sust./labor") { column in
                guard let summary = scope(column) else { return "-" }
                return "\(summary.averageSustainability.map { Format.number($0, decimals: 2) } ?? "-")/\(summary.averageLabor.map { Format.number($0, decimals: 2) } ?? "-")"
            })
        }
        rows.append(row("carbon (t CO2e)") { column in column.plan.costs == nil ? "-" : Format.number(column.plan.scopes.reduce(0) { $0 + $1.carbon }) })
        var ruleIDs: [String] = []
        for column in columns { for rule in column.plan.rules where !ruleIDs.contains(rule.id) { ruleIDs.append(rule.id) } }
        for id in ruleIDs {
            rows.append(row("rule \(id)") { column in
                guard let rule = column.plan.rules.first(where: { $0.id == id }) else { return "" }
                guard column.plan.hasPlan else { return "-" }
                guard rule.binding else { return "slack" }
                return "binds" + (rule.shadowPrice.map { " " + Format.compact($0) } ?? "")
            })
        }
        rows.append(row("conflict") { $0.conflict.map { $0.isEmpty ? "capacity vs demand" : $0.joined(separator: ", ") } ?? "-" })
        rows.append(row("fix (any one)") { column in
            let fixes = column.relaxations.filter { $0.to != nil }
            return fixes.isEmpty ? "-" : fixes.map(\.statement).joined(separator: "; or ")
        })
        rows.append(row("least fix") { column in column.leastRelaxation.isEmpty ? "-" : column.leastRelaxation.map(\.statement).joined(separator: "; ") })
        return rows
    }

    func render() -> String {
        let header = ["  "] + comparison.columns.map(\.policy)
        let body = metrics().map { ["  " + $0.0] + $0.1 }
        return (["\(comparison.model): \(comparison.columns.count) policies (price vs \(comparison.reference))", ""]
            + Format.table([header] + body)).joined(separator: "\n") + "\n"
    }

    func csv() -> String {
        var lines = ["metric," + comparison.columns.map { PlanCSV.field($0.policy) }.joined(separator: ",")]
        for (metric, values) in metrics() { lines.append(([metric] + values).map(PlanCSV.field).joined(separator: ",")) }
        return lines.joined(separator: "\n") + "\n"
    }
}
