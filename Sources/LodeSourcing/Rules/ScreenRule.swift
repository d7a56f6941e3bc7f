// screen: suppliers whose score is below a minimum deliver nothing (docs/model-language.md,
// `screen` and `exclude`).
//
//   keyword   screen: { sustainability|labor: MINIMUM } (one score, in [0, 1]; not carbon)
//   fields    none (no min or max)
//   formula   x_i = 0 for every supplier in scope with a_i < minimum (a missing score is 0)
//   rows      none: the upper bound of x_i becomes 0 and it gets no surge column
//   sweeps    none
//   reported  the suppliers it blocks; binding when one would enter the plan (negative reduced cost)
import LodeLP

struct ScreenRule: RuleKind {
    var score: Score
    var minimum: Double

    static let keyword = "screen"
    static let ownKeys: [String] = []
    static let valueFix = "name one score and its minimum, e.g. screen: { labor: 0.3 }"

    static func decode(_ value: Tree, _ fields: Fields, _ decoder: inout ModelDecoder) -> ScreenRule? {
        let valueField = fields.field(keyword)
        decoder.refuseBounds(fields, keyword: keyword, instead: "the minimum score is the screen's value")
        guard let entries = value.entries, entries.count == 1, let entry = entries.first,
            let score = Score(rawValue: entry.key), score != .carbon
        else {
            decoder.log.error(
                value.location, valueField, "a screen names one score and its minimum",
                fix: "e.g. screen: { labor: 0.3 }")
            return nil
        }
        guard
            let minimum = Fields.number(
                entry.value, field: "\(valueField).\(entry.key)", .unit,
                log: &decoder.log)
        else { return nil }
        return ScreenRule(score: score, minimum: minimum)
    }

    func check(_ context: RuleCheckContext, _ decoder: inout ModelDecoder) {
        decoder.reportMissingScores(
            score, suppliers: context.inScope, index: context.index,
            field: "\(context.field).screen", location: context.rule.location,
            user: "rule \(context.rule.id)")
    }

    // MARK: Program

    var traits: RuleTraits { [] }

    func prepare(_ rule: Rule, suppliers inScope: [Int], period: Int, _ formulation: inout Formulation) {
        for position in inScope where (formulation.model.suppliers[position].score(score) ?? 0) < minimum {
            formulation.blockedBy[period][position].append(rule.id)
        }
    }

    func write(into formulation: inout Formulation, rows: inout RuleRows, scopes: [ScopeKey]) throws {
        rows.actedOn += formulation.blockedSuppliers(of: rows.rule, in: scopes)
    }

    // MARK: Sweeps

    static let fields: [Parameter.RuleField] = []

    func check(_ value: Double, _ field: Parameter.RuleField, settings: Settings) -> String? {
        switch field {
        case .min, .max, .coverage, .rate, .atLeast: return Self.foreignField
        }
    }

    func setting(_ field: Parameter.RuleField, to value: Double?) -> ScreenRule { self }

    func bound(_ field: Parameter.RuleField) -> Double? { nil }

    func inPlaceChange(_ field: Parameter.RuleField) -> InPlaceChange? { nil }

    // MARK: Plan

    var reporting: RuleReporting { .blockedSuppliers }

    func describe() -> String { "screen out \(score.rawValue) below \(PlanReader.number(minimum))" }

    func unit(currency: String) -> String { blockingUnit }

    func boundField(_ sense: RuleRows.Sense) -> Parameter.RuleField { sense == .min ? .min : .max }
}

/// The unit of a rule that is a bound, not a row (screen, exclude).
let blockingUnit = "none (a bound, not a row)"

extension Formulation {
    /// The suppliers `rule` blocks (the kinds' `prepare`, ScreenRule and ExcludeRule, blocked them
    /// from `prepareBoundsAndTariffs()`) in the period of `scopes` (any supplier, present or not: a
    /// screen or exclusion names suppliers whatever their capacity).
    func blockedSuppliers(of rule: Rule, in scopes: [ScopeKey]) -> [(supplier: Int, period: Int)] {
        guard let t = scopes.first?.period else { return [] }
        return model.suppliers.indices.filter { blockedBy[t][$0].contains(rule.id) }.map { ($0, t) }
    }
}
