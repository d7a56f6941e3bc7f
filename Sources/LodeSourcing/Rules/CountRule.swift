// count: at least / at most this many suppliers or countries deliver (docs/model-language.md, `count`).
//
//   keyword   count: supplier | country
//   fields    min, max (whole numbers >= 0; at least one, min <= max), at_least (a share in
//             (0, 1], default 0.05: what a member must deliver to count towards min)
//   formula   min n: binaries w_k, X_k - a T >= -M (1 - w_k) with M = a * (largest T), and
//             sum w_k >= n; max n: X_k <= U_k w_k (U_k the member's capacity in the scope) and
//             sum w_k <= n; in every scope. A MIP.
//   rows      rule[ID][scope][member][qualifies] and rule[ID][scope]([min]) for min;
//             rule[ID][scope][member][delivers] and rule[ID][scope]([max]) for max
//   sweeps    min, max, at_least: rebuilt (big-M and U_k hold demand and capacities)
//   reported  per row, counted from the plan's volumes, not from the binaries (docs/model-language.md, "Fine points")
import LodeLP

struct CountRule: RuleKind {
    var basis: CountBasis
    var min: Int?
    var max: Int?
    var atLeast: Double

    static let keyword = "count"
    static let ownKeys = ["at_least"]
    static let valueFix = "say what is counted: count: supplier or count: country"

    static func decode(_ value: Tree, _ fields: Fields, _ decoder: inout ModelDecoder) -> CountRule? {
        let basis = decoder.word(value, field: fields.field(keyword), CountBasis.self)
        let min = fields.integer("min", minimum: 0, log: &decoder.log)
        let max = fields.integer("max", minimum: 0, log: &decoder.log)
        let atLeast = fields.number("at_least", .positiveUnit, log: &decoder.log) ?? 0.05
        guard decoder.needBound(min.map(Double.init), max.map(Double.init), fields), let basis else { return nil }
        return CountRule(basis: basis, min: min, max: max, atLeast: atLeast)
    }

    func check(_ context: RuleCheckContext, _ decoder: inout ModelDecoder) {
        guard let min else { return }
        let index = context.index
        for scope in context.scopes {
            let members = index.presentMembers(
                basis == .supplier ? .supplier : .country,
                among: index.suppliers(in: scope)
            ).count
            if members < min {
                decoder.log.warning(
                    context.rule.location, context.field,
                    "in \(scope) only \(members) \(basis.rawValue)\(members == 1 ? "" : "s") "
                        + "can deliver, fewer than min \(min)",
                    fix: "lower min or narrow the rule with commodity:/stage:")
            }
        }
    }

    // MARK: Program

    var traits: RuleTraits { [.readsDemandAndCapacity, .wholeBounds] }

    func prepare(_ rule: Rule, suppliers inScope: [Int], period: Int, _ formulation: inout Formulation) {}

    func write(into formulation: inout Formulation, rows: inout RuleRows, scopes: [ScopeKey]) throws {
        for scope in scopes { try write(scope, into: &formulation, rows: &rows) }
    }

    private func write(_ scope: ScopeKey, into formulation: inout Formulation, rows: inout RuleRows) throws {
        let kind: SelectorKind = basis == .country ? .country : .supplier
        let groups = formulation.index.grouped(kind, among: formulation.index.suppliers(in: scope))
        let id = rows.rule.id
        if let min {
            // X_k - a T >= -M (1 - w_k) with M = a * (largest T): w_k = 1 forces a share >= a.
            let bigM = atLeast * formulation.largestTotal(scope)
            let total = try formulation.total(scope)
            var count = RowBuilder(reservingCapacity: groups.count)
            for (member, picked) in groups {
                let volume = try formulation.volume(of: member, kind: kind, in: scope, suppliers: picked)
                let name = Formulation.name("w_min[", id, "/", scope.description, "/", member, "]")
                let w = try formulation.program.addVariable(name: name, kind: .binary).index
                var qualifies = RowBuilder(reservingCapacity: 3)
                qualifies.add(1, volume)
                qualifies.add(-atLeast, total)
                qualifies.add(-bigM, w)
                let rowName = formulation.rowName(rows.rule, scope, member, "[qualifies]")
                try formulation.program.addConstraint(qualifies, lower: -bigM, upper: .infinity, name: rowName)
                count.add(1, w)
                rows.switches.append((scope, member, w))
            }
            // sum w_k >= n
            try formulation.addRightHandSideRow(
                count, bound: Double(min), sense: .min, scope: scope, member: nil,
                suffix: Formulation.boundSuffix(.min, both: max != nil), into: &rows)
        }
        if let max {
            // X_k <= U_k w_k with U_k the member's capacity in the scope; at most n switches on.
            var count = RowBuilder(reservingCapacity: groups.count)
            for (member, picked) in groups {
                let volume = try formulation.volume(of: member, kind: kind, in: scope, suppliers: picked)
                let capacity = picked.reduce(0) { $0 + formulation.model.suppliers[$1].capacity(in: scope.period) }
                let name = Formulation.name("w_max[", id, "/", scope.description, "/", member, "]")
                let w = try formulation.program.addVariable(name: name, kind: .binary).index
                var delivers = RowBuilder(reservingCapacity: 2)
                delivers.add(1, volume)
                delivers.add(-capacity, w)
                let rowName = formulation.rowName(rows.rule, scope, member, "[delivers]")
                try formulation.program.addConstraint(delivers, lower: -.infinity, upper: 0, name: rowName)
                count.add(1, w)
                rows.switches.append((scope, member, w))
            }
            // sum w_k <= n
            try formulation.addRightHandSideRow(
                count, bound: Double(max), sense: .max, scope: scope, member: nil,
                suffix: Formulation.boundSuffix(.max, both: min != nil), into: &rows)
        }
    }

    // MARK: Sweeps

    static let fields: [Parameter.RuleField] = [.min, .max, .atLeast]

    func check(_ value: Double, _ field: Parameter.RuleField, settings: Settings) -> String? {
        switch field {
        case .min, .max:
            // Bounded so that the count converts to Int (1e300 would trap), far above any model's size.
            let whole = value >= 0 && value <= 1e9 && value == value.rounded()
            guard whole else { return "is not a whole number from 0 to 1,000,000,000" }
            return ModelDecoder.boundsOrder(value, field, min: min.map(Double.init), max: max.map(Double.init))
        case .atLeast: return value > 0 && value <= 1 ? nil : "is outside (0, 1]"
        case .coverage, .rate: return Self.foreignField
        }
    }

    func setting(_ field: Parameter.RuleField, to value: Double?) -> CountRule {
        var changed = self
        switch field {
        case .min: changed.min = value.map { Int($0) }
        case .max: changed.max = value.map { Int($0) }
        case .atLeast: if let value { changed.atLeast = value }
        case .coverage, .rate: break
        }
        return changed
    }

    func bound(_ field: Parameter.RuleField) -> Double? {
        switch field {
        case .min: return min.map(Double.init)
        case .max: return max.map(Double.init)
        case .atLeast: return atLeast
        case .coverage, .rate: return nil
        }
    }

    func inPlaceChange(_ field: Parameter.RuleField) -> InPlaceChange? { nil }

    // MARK: Plan

    var reporting: RuleReporting { .counted(basis, atLeast: atLeast) }

    func describe() -> String {
        let sides = [min.map { ">= \($0) (each >= \(PlanReader.number(atLeast * 100))%)" }, max.map { "<= \($0)" }]
        return "number of \(PlanReader.plural(basis.rawValue)) " + sides.compactMap { $0 }.joined(separator: " and ")
    }

    func unit(currency: String) -> String { "\(currency) per member" }

    func boundField(_ sense: RuleRows.Sense) -> Parameter.RuleField { sense == .min ? .min : .max }
}
