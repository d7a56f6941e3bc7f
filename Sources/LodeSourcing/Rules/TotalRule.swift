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
    var traits: RuleTraits { measure == .cost ? [.costBudget, .poolsPeriods] : [.poolsPeriods] }

    func prepare(_ rule: Rule, suppliers inScope: [Int], period: Int, _ formulation: inout Formulation) {}

    func write(into formulation: inout Formulation, rows: inout RuleRows, scopes: [ScopeKey]) throws {
        var row = RowBuilder()
        for scope in scopes {
            let t = scope.period
            for position in formulation.index.suppliers(in: scope) {
                let supplier = formulation.model.suppliers[position]
                switch measure {
                case .carbon:
                    row.add(supplier.carbon, formulation.x(position, t))
                case .cost:
                    row.add(
                        supplier.cost(in: t) * (1 + formulation.tariffRate(position, t)), formulation.x(position, t))
                    if let r = formulation.r(position, t) { row.add(supplier.surgeFee, r) }
                }
            }
        }
        if measure == .cost {
            // Freight on a route counts in the receiving supplier's scope, in its period.
            let inScope = Set(
                scopes.flatMap { scope in formulation.index.suppliers(in: scope).map { [$0, scope.period] } })
            let routes = formulation.model.routes
            let position = formulation.index.supplierPosition
            for arc in formulation.arcs where inScope.contains([position[routes[arc.route].to]!, arc.period]) {
                row.add(routes[arc.route].cost, arc.column)
            }
        }
        // One row per period, or one pooled over a `period:` list or `all`.
        let periods = Set(scopes.map(\.period))
        let period = periods.count == 1 && formulation.model.hasPeriods ? periods.first : nil
        try formulation.addRightHandSideRow(
            row, bound: max, sense: .max, scope: nil, member: nil, period: period, into: &rows)
    }

    // MARK: Sweeps

    static let fields: [Parameter.RuleField] = [.max]

    func check(_ value: Double, _ field: Parameter.RuleField, settings: Settings) -> String? {
        switch field {
        case .max: return checkNonNegative(value)
        case .min, .coverage, .rate, .atLeast: return Self.foreignField
        }
    }

    func setting(_ field: Parameter.RuleField, to value: Double?) -> TotalRule {
        var changed = self
        switch field {
        case .max: if let value { changed.max = value }
        case .min, .coverage, .rate, .atLeast: break
        }
        return changed
    }

    func bound(_ field: Parameter.RuleField) -> Double? { field == .max ? max : nil }

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
