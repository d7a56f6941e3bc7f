// tariff: an ad valorem tariff on the selected suppliers' purchase cost (docs/model-language.md, `tariff`).
//
//   keyword   tariff: { supplier|country|group|flag: NAMES } (no `each`)
//   fields    rate (>= 0, e.g. 0.25 for 25%; required); no min or max
//   formula   p_i becomes p_i (1 + tau_i) in the objective and in cost budgets, tau_i the sum of
//             the rates of the tariffs on supplier i
//   rows      none: objective coefficients
//   sweeps    rate: rebuilt (the rate sits in every objective and budget coefficient it touches)
//   reported  the suppliers it taxes; binding when they buy; price d objective / d rate by the
//             envelope theorem (docs/model-language.md, "Fine points")
import LodeLP

struct TariffRule: RuleKind {
    var selector: Selector
    var rate: Double

    static let keyword = "tariff"
    static let ownKeys = ["rate"]
    static let valueFix = "say which suppliers pay it, e.g. tariff: { country: CHN }"

    static func decode(_ value: Tree, _ fields: Fields, _ decoder: inout ModelDecoder) -> TariffRule? {
        decoder.refuseBounds(fields, keyword: keyword, instead: "the bound of a tariff is its rate")
        let selector = decoder.selector(value, field: fields.field(keyword), allowEach: false)
        var rate: Double?
        if fields.has("rate") {
            rate = fields.number("rate", .nonNegative, log: &decoder.log)
        } else {
            decoder.log.error(
                fields.tree.location, fields.field("rate"), "a tariff needs its rate",
                fix: "add e.g. 'rate: 0.25' for 25%")
        }
        guard let selector, let rate else { return nil }
        return TariffRule(selector: selector, rate: rate)
    }

    func check(_ context: RuleCheckContext, _ decoder: inout ModelDecoder) {
        decoder.checkSelector(selector, Self.keyword, context)
    }

    // MARK: Program

    var traits: RuleTraits { [.pricesOnly] }

    func prepare(_ rule: Rule, suppliers inScope: [Int], period: Int, _ formulation: inout Formulation) {
        guard case let .named(kind, names) = selector else { return }
        for position in inScope where formulation.index.selects(kind, names, position) {
            formulation.tariffRates[period][position] += rate
        }
    }

    func write(into formulation: inout Formulation, rows: inout RuleRows, scopes: [ScopeKey]) throws {
        guard case let .named(kind, names) = selector else { return }
        for scope in scopes {
            for position in formulation.index.suppliers(in: scope)
            where formulation.index.selects(kind, names, position) {
                rows.actedOn.append((position, scope.period))
            }
        }
    }

    // MARK: Sweeps

    static let fields: [Parameter.RuleField] = [.rate]

    func check(_ value: Double, _ field: Parameter.RuleField, settings: Settings) -> String? {
        switch field {
        case .rate: return checkNonNegative(value)
        case .min, .max, .coverage, .atLeast: return Self.foreignField
        }
    }

    func setting(_ field: Parameter.RuleField, to value: Double?) -> TariffRule {
        var changed = self
        switch field {
        case .rate: if let value { changed.rate = value }
        case .min, .max, .coverage, .atLeast: break
        }
        return changed
    }

    func bound(_ field: Parameter.RuleField) -> Double? { field == .rate ? rate : nil }

    func inPlaceChange(_ field: Parameter.RuleField) -> InPlaceChange? { nil }

    // MARK: Plan

    var reporting: RuleReporting { .tariffedSuppliers }

    func describe() -> String { "tariff \(PlanReader.number(rate * 100))% on \(selector.description)" }

    func unit(currency: String) -> String { "\(currency) per 1.0 of tariff rate" }

    func boundField(_ sense: RuleRows.Sense) -> Parameter.RuleField { .rate }
}
