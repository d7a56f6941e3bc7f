// total: a budget over the whole scope, pooled (docs/model-language.md, `total`).
//
//   keyword   total: carbon | cost
//   fields    max (>= 0; no min)
//   formula   carbon: sum e_i x_i <= B over the suppliers of all the rule's scopes together;
//             cost: sum p_i (1 + tau_i) x_i + sum h_i r_i + sum c_a f_a (freight into those
//             suppliers) <= B (not the ESG or shortfall penalties)
//   rows      rule[ID]: one row, the budget its right-hand side
//   sweeps    max: in place (the right-hand side)
//   reported  the row: slack in t CO2e or currency; shadow price per t CO2e or per currency unit
import LodeLP

struct TotalRule: RuleKind {
    var measure: TotalKind
    var max: Double

    static let keyword = "total"
    static let ownKeys: [String] = []
    static let valueFix = "name what the budget counts: total: carbon or total: cost"

    static func decode(_ value: Tree, _ fields: Fields, _ decoder: inout ModelDecoder) -> TotalRule? {
        let measure = decoder.word(value, field: fields.field(keyword), TotalKind.self)
        decoder.refuseMin(fields, keyword: keyword)
        guard let max = decoder.requiredMax(fields, .nonNegative), let measure else { return nil }
        return TotalRule(measure: measure, max: max)
    }

    func check(_ context: RuleCheckContext, _ decoder: inout ModelDecoder) {}

    // MARK: Program

    /// A cost budget holds every cost coefficient of its suppliers, so changing one rebuilds.
    var traits: RuleTraits { measure == .cost ? [.costBudget] : [] }

    func prepare(_ rule: Rule, suppliers inScope: [Int], _ formulation: inout Formulation) {}

    func write(into formulation: inout Formulation, rows: inout RuleRows, scopes: [ScopeKey]) throws {
        let suppliers = scopes.flatMap { formulation.index.suppliers(in: $0) }
        var row = RowBuilder(reservingCapacity: suppliers.count)
        for position in suppliers {
            let supplier = formulation.model.suppliers[position]
            switch measure {
            case .carbon:
                row.add(supplier.carbon, formulation.output[position])
            case .cost:
                row.add(supplier.cost * (1 + formulation.tariffRate[position]), formulation.output[position])
                if let r = formulation.surge[position] { row.add(supplier.surgeFee, r) }
            }
        }
        if measure == .cost {
            let inScope = Set(suppliers)
            let routes = formulation.model.routes
            let position = formulation.index.supplierPosition
            for arc in formulation.arcs where inScope.contains(position[routes[arc.route].to]!) {
                row.add(routes[arc.route].cost, arc.column)
            }
        }
        try formulation.addRightHandSideRow(row, bound: max, sense: .max, scope: nil, member: nil, into: &rows)
    }

    // MARK: Sweeps

    static let fields: [Parameter.RuleField] = [.max]

    func check(_ value: Double, _ field: Parameter.RuleField, settings: Settings) -> String? {
        switch field {
        case .max: return checkNonNegative(value)
        case .min, .coverage, .rate, .atLeast: return Self.foreignField
        }
    }

    func setting(_ field: Parameter.RuleField, to value: Double) -> TotalRule {
        var changed = self
        switch field {
        case .max: changed.max = value
        case .min, .coverage, .rate, .atLeast: break
        }
        return changed
    }

    func inPlaceChange(_ field: Parameter.RuleField) -> InPlaceChange? {
        switch field {
        case .max: return .upperBound(max)
        case .min, .coverage, .rate, .atLeast: return nil
        }
    }

    // MARK: Plan

    var reporting: RuleReporting { .rows }

    func describe() -> String { "total \(measure.rawValue) <= \(PlanReader.number(max))" }

    func unit(currency: String) -> String {
        switch measure {
        case .carbon: return "\(currency) per t CO2e"
        case .cost: return "\(currency) per \(currency)"
        }
    }

    func boundField(_ sense: RuleRows.Sense) -> Parameter.RuleField { sense == .min ? .min : .max }
}
