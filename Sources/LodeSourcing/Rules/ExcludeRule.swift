// exclude: the selected suppliers deliver nothing (docs/model-language.md, `screen` and `exclude`).
// Shares the blocking and its report with ScreenRule.swift.
//
//   keyword   exclude: { supplier|country|group|flag: NAMES } (no `each`)
//   fields    none (no min or max)
//   formula   x_i = 0 for every selected supplier in scope
//   rows      none: the upper bound of x_i becomes 0 and it gets no surge column
//   sweeps    none
//   reported  the suppliers it blocks; binding when one would enter the plan (negative reduced cost)
import LodeLP

struct ExcludeRule: RuleKind {
    var selector: Selector

    static let keyword = "exclude"
    static let ownKeys: [String] = []
    static let valueFix = "say which suppliers, e.g. exclude: { flag: artisanal }"

    static func decode(_ value: Tree, _ fields: Fields, _ decoder: inout ModelDecoder) -> ExcludeRule? {
        decoder.refuseBounds(fields, keyword: keyword, instead: "")
        guard let selector = decoder.selector(value, field: fields.field(keyword), allowEach: false) else { return nil }
        return ExcludeRule(selector: selector)
    }

    func check(_ context: RuleCheckContext, _ decoder: inout ModelDecoder) {
        decoder.checkSelector(selector, Self.keyword, context)
    }

    // MARK: Program

    var traits: RuleTraits { [] }

    func prepare(_ rule: Rule, suppliers inScope: [Int], period: Int, _ formulation: inout Formulation) {
        // `each` is refused when decoding: an exclusion names its suppliers.
        guard case let .named(kind, names) = selector else { return }
        for position in inScope where formulation.index.selects(kind, names, position) {
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

    func setting(_ field: Parameter.RuleField, to value: Double?) -> ExcludeRule { self }

    func bound(_ field: Parameter.RuleField) -> Double? { nil }

    func inPlaceChange(_ field: Parameter.RuleField) -> InPlaceChange? { nil }

    // MARK: Plan

    var reporting: RuleReporting { .blockedSuppliers }

    func describe() -> String { "exclude \(selector.description)" }

    func unit(currency: String) -> String { blockingUnit }

    func boundField(_ sense: RuleRows.Sense) -> Parameter.RuleField { sense == .min ? .min : .max }
}
