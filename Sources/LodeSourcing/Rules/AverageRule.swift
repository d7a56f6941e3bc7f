// average: score floors and carbon intensity caps (docs/model-language.md, `average`).
//
//   keyword   average: sustainability | labor | carbon
//   fields    min, max (scores in [0, 1]; carbon intensity, t CO2e per unit, >= 0)
//   formula   sum a_i x_i >= m T(c, s) and/or <= M T(c, s) in every scope (a_i the score, 0 if
//             missing; carbon: e_i, the intensity)
//   rows      rule[ID][scope]([max]|[min]): sum a_i x_i - M T <= 0, sum a_i x_i - m T >= 0
//   sweeps    min, max: in place (T's coefficient)
//   reported  per row: slack in the score's unit, shadow price per 1.0 of average
import LodeLP

struct AverageRule: RuleKind, ScaledBounds {
    var score: Score
    var min: Double?
    var max: Double?

    static let keyword = "average"
    static let ownKeys: [String] = []
    static let valueFix = "name the score: average: sustainability, labor or carbon"

    static func decode(_ value: Tree, _ fields: Fields, _ decoder: inout ModelDecoder) -> AverageRule? {
        let score = decoder.word(value, field: fields.field(keyword), Score.self)
        let range: NumberRange = score == .carbon ? .nonNegative : .unit
        let min = fields.number("min", range, log: &decoder.log)
        let max = fields.number("max", range, log: &decoder.log)
        guard decoder.needBound(min, max, fields), let score else { return nil }
        return AverageRule(score: score, min: min, max: max)
    }

    func check(_ context: RuleCheckContext, _ decoder: inout ModelDecoder) {
        decoder.reportMissingScores(
            score, suppliers: context.inScope, index: context.index,
            field: "\(context.field).average", location: context.rule.location,
            user: "rule \(context.rule.id)")
    }

    // MARK: Program

    var traits: RuleTraits { [] }

    func prepare(_ rule: Rule, suppliers inScope: [Int], period: Int, _ formulation: inout Formulation) {}

    /// The coefficient of T(c, s) in a row that bounds the average by `bound`.
    static func totalCoefficient(_ bound: Double) -> Double { -bound }

    func write(into formulation: inout Formulation, rows: inout RuleRows, scopes: [ScopeKey]) throws {
        let bounds = [(RuleRows.Sense.max, max), (.min, min)].compactMap { sense, bound in bound.map { (sense, $0) } }
        for scope in scopes {
            let suppliers = formulation.index.suppliers(in: scope)
            for (sense, bound) in bounds {
                let total = try formulation.total(scope)
                var row = RowBuilder(reservingCapacity: suppliers.count + 1)
                for position in suppliers {
                    row.add(
                        formulation.model.suppliers[position].score(score) ?? 0, formulation.x(position, scope.period))
                }
                row.add(Self.totalCoefficient(bound), total)
                let suffix = Formulation.boundSuffix(sense, both: bounds.count == 2)
                try formulation.addBoundRow(
                    row, total: total, factor: 1, bound: bound, sense: sense, scope: scope,
                    member: nil, suffix: suffix, into: &rows)
            }
        }
    }

    // MARK: Sweeps

    static let fields: [Parameter.RuleField] = [.min, .max]

    func check(_ value: Double, _ field: Parameter.RuleField, settings: Settings) -> String? {
        switch field {
        case .min, .max:
            return (score == .carbon ? checkNonNegative(value) : checkUnit(value))
                ?? ModelDecoder.boundsOrder(value, field, min: min, max: max)
        case .coverage, .rate, .atLeast: return Self.foreignField
        }
    }

    func setting(_ field: Parameter.RuleField, to value: Double?) -> AverageRule { settingBound(field, to: value) }

    func bound(_ field: Parameter.RuleField) -> Double? { scaledBound(field) }

    func inPlaceChange(_ field: Parameter.RuleField) -> InPlaceChange? { scaledBoundChange(field) }

    // MARK: Plan

    var reporting: RuleReporting { .rows }

    func describe() -> String { "average \(score.rawValue) \(describeBounds(min, max))" }

    func unit(currency: String) -> String {
        score == .carbon
            ? "\(currency) per t CO2e/unit of intensity" : "\(currency) per 1.0 of average \(score.rawValue)"
    }

    func boundField(_ sense: RuleRows.Sense) -> Parameter.RuleField { sense == .min ? .min : .max }
}
