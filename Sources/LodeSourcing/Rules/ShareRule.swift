// share: caps and floors on the volume (or value) share of selected suppliers
// (docs/model-language.md, `share`).
//
//   keyword   share: { supplier|country|group|flag: NAMES } or { each: supplier|country|group }
//   fields    min, max (shares in [0, 1]; at least one, min <= max); by: volume (default) | value
//   formula   sum over A of x_i <= alpha T(c, s)  and/or  >= beta T(c, s), in every scope;
//             by value: sum over A of p_i x_i <= alpha V(c, s), V = sum over the scope of p_i x_i;
//             `each` writes the rows once per member present in the scope
//   rows      rule[ID][scope]([member])([max]|[min]): sum x_i - alpha T <= 0, sum x_i - beta T >= 0
//   sweeps    min, max: in place (T's coefficient)
//   reported  per row: slack in share, shadow price per 1.0 of share
import LodeLP

struct ShareRule: RuleKind, ScaledBounds {
    var selector: Selector
    var min: Double?
    var max: Double?
    /// Shares of purchase value (p x) instead of tonnes.
    var byValue = false

    static let keyword = "share"
    static let ownKeys = ["by"]
    static let valueFix = "say whose share it bounds, e.g. share: { country: CHN }"

    static func decode(_ value: Tree, _ fields: Fields, _ decoder: inout ModelDecoder) -> ShareRule? {
        let selector = decoder.selector(value, field: fields.field(keyword), allowEach: true)
        let min = fields.number("min", .unit, log: &decoder.log)
        let max = fields.number("max", .unit, log: &decoder.log)
        var byValue = false
        if let by = fields["by"] {
            switch Fields.text(by, field: fields.field("by"), log: &decoder.log) {
            case "volume": byValue = false
            case "value": byValue = true
            case let other?:
                decoder.log.error(
                    by.location, fields.field("by"), "'\(other)' is not one of volume, value",
                    fix: Suggestion.didYouMean(other, in: ["volume", "value"]) ?? "write by: volume or by: value")
            case nil: break
            }
        }
        guard decoder.needBound(min, max, fields), let selector else { return nil }
        return ShareRule(selector: selector, min: min, max: max, byValue: byValue)
    }

    func check(_ context: RuleCheckContext, _ decoder: inout ModelDecoder) {
        decoder.checkSelector(selector, Self.keyword, context)
        guard let min, min > 0, case let .named(kind, names) = selector else { return }
        let index = context.index
        for scope in context.scopes
        where !index.suppliers(in: scope).contains(where: { index.selects(kind, names, $0) }) {
            decoder.log.warning(
                context.rule.location, context.field,
                "in \(scope) the selector picks no supplier, so the floor \(Override.format(min)) "
                    + "cannot be met",
                fix: "narrow the rule with commodity:/stage:, or lower min to 0")
        }
    }

    // MARK: Program

    var traits: RuleTraits { byValue ? [.readsCosts] : [] }

    func prepare(_ rule: Rule, suppliers inScope: [Int], period: Int, _ formulation: inout Formulation) {}

    /// The coefficient of T(c, s) in a row that bounds the share by `bound`.
    static func totalCoefficient(_ bound: Double) -> Double { -bound }

    func write(into formulation: inout Formulation, rows: inout RuleRows, scopes: [ScopeKey]) throws {
        let bounds = [(RuleRows.Sense.max, max), (.min, min)].compactMap { sense, bound in bound.map { (sense, $0) } }
        for scope in scopes {
            let suppliers = formulation.index.suppliers(in: scope)
            var groups: [(member: String?, picked: [Int])] = []
            switch selector {
            case let .named(kind, names):
                groups = [(nil, suppliers.filter { formulation.index.selects(kind, names, $0) })]
            case let .each(kind):
                groups = formulation.index.grouped(kind, among: suppliers).map { ($0.member, $0.suppliers) }
            }
            let t = scope.period
            for group in groups {
                let total = try byValue ? formulation.valueTotal(scope) : formulation.total(scope)
                for (sense, bound) in bounds {
                    var row = RowBuilder(reservingCapacity: group.picked.count + 1)
                    for position in group.picked {
                        row.add(
                            byValue ? formulation.model.suppliers[position].cost(in: t) : 1, formulation.x(position, t))
                    }
                    row.add(Self.totalCoefficient(bound), total)
                    try formulation.addBoundRow(
                        row, total: total, factor: 1, bound: bound, sense: sense, scope: scope,
                        member: group.member,
                        suffix: Formulation.boundSuffix(sense, both: bounds.count == 2),
                        into: &rows)
                }
            }
        }
    }

    // MARK: Sweeps

    static let fields: [Parameter.RuleField] = [.min, .max]

    func check(_ value: Double, _ field: Parameter.RuleField, settings: Settings) -> String? {
        switch field {
        case .min, .max: return checkUnit(value) ?? ModelDecoder.boundsOrder(value, field, min: min, max: max)
        case .coverage, .rate, .atLeast: return Self.foreignField
        }
    }

    func setting(_ field: Parameter.RuleField, to value: Double?) -> ShareRule { settingBound(field, to: value) }

    func bound(_ field: Parameter.RuleField) -> Double? { scaledBound(field) }

    func inPlaceChange(_ field: Parameter.RuleField) -> InPlaceChange? { scaledBoundChange(field) }

    // MARK: Plan

    var reporting: RuleReporting { .rows }

    func describe() -> String {
        "\(byValue ? "value share" : "share") of \(selector.description) \(describeBounds(min, max, percent: true))"
    }

    func unit(currency: String) -> String { "\(currency) per 1.0 of share" }

    func boundField(_ sense: RuleRows.Sense) -> Parameter.RuleField { sense == .min ? .min : .max }
}
