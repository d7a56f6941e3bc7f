// survive: coverage of each scope's volume under each disruption, reserved surge included
// (docs/model-language.md, `survive`).
//
//   keyword   survive: { scenario: ID or [IDs] } or { each: supplier|country|group }
//   fields    coverage (gamma in [0, 1]; required); no min or max
//   formula   sum (1 - l_i)(x_i + r_i) >= gamma T(c, s) under each disruption, in every scope,
//             l_i the disruption's loss fraction of supplier i; written as
//             (1 - gamma) T + R - sum l_i (x_i + r_i) >= 0 with R = sum r_i (only the suppliers
//             hit appear); the policy reserves surge r_i <= surge_i at fee h_i
//   rows      rule[ID][scope][disruption] per disruption that hits a supplier there
//   sweeps    coverage: in place (T's coefficient, `totalCoefficient`)
//   reported  per row: slack in coverage, shadow price per 1.0 of coverage
import LodeLP

struct SurviveRule: RuleKind {
    var disruptions: Disruptions
    var coverage: Double

    static let keyword = "survive"
    static let ownKeys = ["coverage"]
    static let valueFix = "name the disruptions, e.g. survive: { each: country } or survive: { scenario: ID }"

    static func decode(_ value: Tree, _ fields: Fields, _ decoder: inout ModelDecoder) -> SurviveRule? {
        decoder.refuseBounds(fields, keyword: keyword, instead: "the bound of a survive rule is its coverage")
        var coverage: Double?
        if fields.has("coverage") {
            coverage = fields.number("coverage", .unit, log: &decoder.log)
        } else {
            decoder.log.error(
                fields.tree.location, fields.field("coverage"), "a survive rule needs its coverage",
                fix: "add e.g. 'coverage: 0.7'")
        }
        let disruptions = decoder.disruptions(value, field: fields.field(keyword))
        guard let disruptions, let coverage else { return nil }
        return SurviveRule(disruptions: disruptions, coverage: coverage)
    }

    func check(_ context: RuleCheckContext, _ decoder: inout ModelDecoder) {
        if case let .scenarios(ids) = disruptions {
            let known = context.index.model.scenarios.map(\.id)
            for id in ids where !known.contains(id) {
                decoder.log.error(
                    context.rule.location, "\(context.field).survive.scenario",
                    "unknown scenario '\(id)'",
                    fix: Suggestion.didYouMean(id, in: known)
                        ?? (known.isEmpty
                            ? "define it under scenarios"
                            : "use one of: \(known.joined(separator: ", "))"))
            }
        }
        if case .each(.group) = disruptions, context.index.groupNames.isEmpty {
            decoder.log.error(
                context.rule.location, "\(context.field).survive.each",
                "the model defines no country groups",
                fix: "list countries with groups")
        }
    }

    // MARK: Program

    var traits: RuleTraits { [.reservesSurge] }

    func prepare(_ rule: Rule, suppliers inScope: [Int], period: Int, _ formulation: inout Formulation) {}

    /// The coefficient of T(c, s) in a survive row: T - gamma T.
    static func totalCoefficient(_ coverage: Double) -> Double { 1 - coverage }

    func write(into formulation: inout Formulation, rows: inout RuleRows, scopes: [ScopeKey]) throws {
        for scope in scopes { try write(scope, into: &formulation, rows: &rows) }
    }

    private func write(_ scope: ScopeKey, into formulation: inout Formulation, rows: inout RuleRows) throws {
        let suppliers = formulation.index.suppliers(in: scope)
        var cases: [(name: String, losses: [Double])] = []
        switch disruptions {
        case let .scenarios(ids):
            for id in ids {
                guard let scenario = formulation.model.scenarios.first(where: { $0.id == id }) else { continue }
                cases.append((id, suppliers.map { formulation.loss(of: scenario, on: $0) }))
            }
        case let .each(kind):
            let slot = Dictionary(uniqueKeysWithValues: suppliers.enumerated().map { ($1, $0) })
            for (member, hit) in formulation.index.grouped(kind, among: suppliers) {
                var losses = [Double](repeating: 0, count: suppliers.count)
                for position in hit { losses[slot[position]!] = 1 }
                cases.append((member, losses))
            }
        }
        for disruption in cases {
            let losses = disruption.losses
            // A disruption that hits no supplier here leaves sum x_i = T >= gamma T: nothing to add.
            guard losses.contains(where: { $0 > 0 }) else { continue }
            // sum (1 - l_i)(x_i + r_i) - gamma T = (1 - gamma) T + R - sum l_i (x_i + r_i): only the
            // suppliers hit appear, so each supplier sits in about one row per rule, not one per disruption.
            let total = try formulation.total(scope)
            var row = RowBuilder()
            row.add(Self.totalCoefficient(coverage), total)
            if let reserved = try formulation.surgeTotal(scope) { row.add(1, reserved) }
            for (position, loss) in zip(suppliers, losses) where loss > 0 {
                row.add(-loss, formulation.x(position, scope.period))
                if let r = formulation.r(position, scope.period) { row.add(-loss, r) }
            }
            // Stock held at the end of the period is the reserve against the disruption.
            for column in formulation.stockHeld(at: scope) { row.add(1, column) }
            try formulation.addBoundRow(
                row, total: total, factor: 1, bound: coverage, sense: .min, scope: scope,
                member: disruption.name, into: &rows)
        }
    }

    // MARK: Sweeps

    static let fields: [Parameter.RuleField] = [.coverage]

    func check(_ value: Double, _ field: Parameter.RuleField, settings: Settings) -> String? {
        switch field {
        case .coverage: return checkUnit(value)
        case .min, .max, .rate, .atLeast: return Self.foreignField
        }
    }

    func setting(_ field: Parameter.RuleField, to value: Double?) -> SurviveRule {
        var changed = self
        switch field {
        case .coverage: if let value { changed.coverage = value }
        case .min, .max, .rate, .atLeast: break
        }
        return changed
    }

    func bound(_ field: Parameter.RuleField) -> Double? { field == .coverage ? coverage : nil }

    func inPlaceChange(_ field: Parameter.RuleField) -> InPlaceChange? {
        switch field {
        case .coverage:
            return .totalCoefficient(sense: .min, coefficient: Self.totalCoefficient(coverage), bound: coverage)
        case .min, .max, .rate, .atLeast: return nil
        }
    }

    // MARK: Plan

    var reporting: RuleReporting { .rows }

    func describe() -> String {
        switch disruptions {
        case let .scenarios(ids):
            return "keep \(PlanReader.number(coverage * 100))% under \(ids.joined(separator: ", "))"
        case let .each(kind):
            return "keep \(PlanReader.number(coverage * 100))% after losing any one \(kind.rawValue)"
        }
    }

    func unit(currency: String) -> String { "\(currency) per 1.0 of coverage" }

    func boundField(_ sense: RuleRows.Sense) -> Parameter.RuleField { .coverage }
}

extension Formulation {
    /// The columns I_{k,t} of the stockpiles of a last-stage scope (none at other stages).
    func stockHeld(at scope: ScopeKey) -> [Int] {
        guard model.commodity(named: scope.commodity)?.lastStage == scope.stage else { return [] }
        return model.stockpiles.indices.filter { model.stockpiles[$0].commodity == scope.commodity }
            .map { stock[$0][scope.period] }
    }

    /// A scenario's loss fraction for a supplier: the largest of the losses that apply, within the
    /// scenario's own stage and commodity filters.
    func loss(of scenario: Scenario, on position: Int) -> Double {
        let supplier = model.suppliers[position]
        guard scenario.scope.includes(commodity: supplier.commodity, stage: supplier.stage) else { return 0 }
        var largest = 0.0
        for loss in scenario.losses where index.members(loss.kind, of: position).contains(loss.name) {
            largest = Swift.max(largest, loss.fraction)
        }
        return largest
    }
}

extension ModelDecoder {
    /// `{ scenario: ID or [IDs] }` or `{ each: supplier|country|group }`.
    mutating func disruptions(_ tree: Tree, field: String) -> Disruptions? {
        guard let entries = tree.entries, entries.count == 1, let entry = entries.first else {
            log.error(
                tree.location, field,
                "expected { scenario: ID } , { scenario: [IDs] } or { each: country|supplier|group }",
                fix: "e.g. survive: { each: country }")
            return nil
        }
        switch entry.key {
        case "scenario":
            guard let names = Fields.list(entry.value, field: "\(field).scenario", log: &log) else { return nil }
            guard !names.isEmpty else {
                log.error(
                    entry.value.location, "\(field).scenario", "the scenario list names nothing",
                    fix: "name at least one scenario, e.g. scenario: [cn-export-ban]")
                return nil
            }
            var seen: Set<String> = []
            for name in names where !seen.insert(name).inserted {
                log.error(
                    entry.value.location, "\(field).scenario", "the scenario '\(name)' is listed twice",
                    fix: "list each scenario once")
                return nil
            }
            return .scenarios(names)
        case "each":
            return eachKind(entry.value, field: "\(field).each").map { .each($0) }
        default:
            log.error(
                entry.keyLocation, "\(field).\(entry.key)", "'\(entry.key)' is not a kind of disruption",
                fix: Suggestion.didYouMean(entry.key, in: ["scenario", "each"]) ?? "use scenario or each")
            return nil
        }
    }
}
