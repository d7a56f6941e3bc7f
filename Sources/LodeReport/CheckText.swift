// `lode check`'s line for a model that checks: what it holds, and how many warnings.
import LodeSourcing

public enum CheckText {
    /// "PATH: OK: 1 commodity, 21 suppliers, 6 policies (baseline, ...), 2 warnings."
    public static func ok(path: String, model: SourcingModel, warnings: Int) -> String {
        func count(_ number: Int, _ one: String, _ many: String) -> String { "\(number) \(number == 1 ? one : many)" }
        let policies = model.policies.map(\.id).joined(separator: ", ")
        let warned = warnings > 0 ? ", " + count(warnings, "warning", "warnings") : ""
        return "\(path): OK: \(count(model.commodities.count, "commodity", "commodities")), "
            + "\(model.suppliers.count) suppliers, \(count(model.policies.count, "policy", "policies")) "
            + "(\(policies))\(warned)."
    }
}
