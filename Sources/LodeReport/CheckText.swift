// `lode check`'s line for a model that checks: what it holds, and how many warnings.
import LodeSourcing

public enum CheckText {
    /// "PATH: OK: 1 commodity, 21 suppliers, 6 policies (baseline, ...), 2 warnings."; over time
    /// "PATH: OK: 1 commodity, 28 suppliers, 10 periods (2026-2035) with 5 projects and 1 stockpile, ...".
    public static func ok(path: String, model: SourcingModel, warnings: Int) -> String {
        func count(_ number: Int, _ one: String, _ many: String) -> String { "\(number) \(number == 1 ? one : many)" }
        let policies = model.policies.map(\.id).joined(separator: ", ")
        let warned = warnings > 0 ? ", " + count(warnings, "warning", "warnings") : ""
        // A plan over time also says its horizon, its projects and its stockpiles.
        var time = ""
        if let first = model.periods.first, let last = model.periods.last {
            time = ", \(count(model.periods.count, "period", "periods")) (\(first)-\(last))"
        }
        let projects = model.suppliers.filter { $0.project != nil }.count
        if projects > 0 { time += " with \(count(projects, "project", "projects"))" }
        if !model.stockpiles.isEmpty {
            time += (projects > 0 ? " and " : " with ") + count(model.stockpiles.count, "stockpile", "stockpiles")
        }
        return "\(path): OK: \(count(model.commodities.count, "commodity", "commodities")), "
            + "\(model.suppliers.count) suppliers\(time), \(count(model.policies.count, "policy", "policies")) "
            + "(\(policies))\(warned)."
    }
}
