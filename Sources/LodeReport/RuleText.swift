// Rules' numbers in their own units for people: shares, coverage and tariff rates as percentages,
// and a binding rule's shadow price as a sentence a planner can act on.
import LodeSourcing

/// How a rule kind's bound reads, and what one step of it costs.
enum RuleText {
    /// Kinds whose bound is a fraction (0..1), shown as a percentage.
    static let fractionKinds: Set<String> = ["share", "survive", "tariff"]

    static func isFraction(_ kind: String) -> Bool { fractionKinds.contains(kind) }

    /// A percentage with up to one decimal, no trailing ".0": 30%, 30.5%.
    static func percent(_ fraction: Double) -> String {
        let text = Format.percent(fraction)
        return text.hasSuffix(".0%") ? String(text.dropLast(3)) + "%" : text
    }

    /// A bound, slack or range end of a rule of `kind`: a percentage for a fraction kind.
    static func value(_ value: Double?, kind: String) -> String {
        guard let value else { return "-" }
        guard isFraction(kind), value.isFinite else { return Format.compact(value) }
        return percent(value)
    }

    /// A range "[lower, upper]" in the rule's unit (an absent end is -inf or inf).
    static func range(_ range: ValueRange, kind: String) -> String {
        guard isFraction(kind) else { return Format.range(range.lower, range.upper) }
        return "[\(range.lower.map(percent) ?? "-inf"), \(range.upper.map(percent) ?? "inf")]"
    }

    /// The step a planner thinks in for each kind: its size in the bound's unit and its name.
    static func step(_ kind: String, unit: String) -> (size: Double, name: String) {
        switch kind {
        case "share", "survive", "tariff": return (0.01, "one point")
        case "hhi": return (100, "100 points")
        case "count": return (1, "one member")
        case "average": return (0.01, "0.01")
        default:
            // A total: per unit of the budget (t CO2e or the currency), named from the price's unit.
            let per = unit.components(separatedBy: " per ").last ?? "unit"
            return (1, "one \(per)")
        }
    }

    /// A bound in the rule's unit for a sentence: a percentage, an HHI or count, a number.
    static func bound(_ value: Double, kind: String) -> String {
        if isFraction(kind) { return percent(value) }
        if kind == "average" { return Format.number(value, decimals: 2) }
        return value == value.rounded() ? Format.number(value) : Format.compact(value)
    }

    /// "raising R by one point (30% -> 31%) costs about 255,600 USD a period, valid for 28%-34%";
    /// nil for a rule without a price.
    /// `overTime`: the plan covers several periods, so the price is of the discounted total.
    static func sentence(_ rule: RuleReport, currency: String, overTime: Bool = false) -> String? {
        guard let price = rule.shadowPrice, price.isFinite, rule.binding else { return nil }
        let step = step(rule.kind, unit: rule.unit)
        let change = price * step.size
        let bounds = Set(rule.rows.map(\.bound))
        let bound = bounds.count == 1 ? bounds.first : nil
        let from = bound.map {
            " (\(Self.bound($0, kind: rule.kind)) -> \(Self.bound($0 + step.size, kind: rule.kind)))"
        }
        let verb = abs(change) < 0.5 ? "changes the cost by less than 1" : (change > 0 ? "costs about" : "saves about")
        let amount = abs(change) < 0.5 ? " \(currency)" : " \(Format.number(abs(change))) \(currency)"
        let when =
            overTime
            ? (rule.rows.count > 1
                ? " over the plan (discounted), in every period it bounds" : " over the plan (discounted)")
            : " a period"
        var text = "raising \(rule.id) by \(step.name)\(from ?? "") \(verb)\(amount)\(when)"
        if let range = rule.range {
            let lower = range.lower.map { Self.bound($0, kind: rule.kind) } ?? "-inf"
            let upper = range.upper.map { Self.bound($0, kind: rule.kind) } ?? "inf"
            text += ", valid for \(lower) to \(upper)"
        }
        return text
    }
}

extension SourcingModel {
    /// Each commodity's unit by id, for the tables' headers.
    public var units: [String: String] {
        Dictionary(commodities.map { ($0.id, $0.unit) }, uniquingKeysWith: { first, _ in first })
    }
}
