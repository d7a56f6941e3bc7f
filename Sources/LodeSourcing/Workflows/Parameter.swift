import LodeLP

/// A number of a model named by an override path (`suppliers.cod-kamoto.cost`), resolved
/// against the typed model so that sweeps can change it without reading files again and,
/// where the program's structure allows, change the loaded GLPK problem in place.
public indirect enum Parameter: Sendable, Equatable {
    case demand(commodity: String)
    case supplier(id: String, field: SupplierField)
    case weight(policy: String, score: Score)
    case rule(policy: String, rule: String, field: RuleField)
    /// One period's value of a period map (`commodities.cobalt.demand.2030`): the step that
    /// starts at `period` (a position), added when the map lacks it; a plain number becomes a
    /// map from the first period on.
    case periodic(Parameter, period: Int)

    /// The number without its period.
    public var base: Parameter {
        if case let .periodic(base, _) = self { return base }
        return self
    }

    public enum SupplierField: String, Sendable, CaseIterable {
        case capacity, cost, carbon, sustainability, labor
        case inputRatio = "input_ratio", surge, surgeFee = "surge_fee", minOrder = "min_order"
    }

    public enum RuleField: String, Sendable, CaseIterable {
        case min, max, coverage, rate
        case atLeast = "at_least"
    }

    /// Resolves a path, or nil when it names something only a full re-read can change (a route's
    /// cost, a scenario's loss, a setting...). Unknown ids are errors with suggestions.
    public static func resolve(_ path: String, in model: SourcingModel) throws(InvalidModelError) -> Parameter? {
        let parts = path.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        func fail(_ message: String, _ fix: String) -> InvalidModelError {
            InvalidModelError(diagnostics: [
                Diagnostic(
                    .error, at: SourceLocation(file: "--vary", line: 1, column: 1), field: path, message, fix: fix)
            ])
        }
        // An invalid policy is not in `policies`: say so rather than that it does not exist.
        func noPolicy(_ name: String) -> InvalidModelError {
            if model.invalidPolicies[name] != nil {
                return fail("the policy '\(name)' is invalid", "correct it first ('lode check' lists its errors)")
            }
            return fail("no policy '\(name)'", Suggestion.didYouMean(name, in: model.allPolicyIDs) ?? "name a policy")
        }
        // A period label at the end of a path that takes a period map.
        if parts.count >= 4, let label = parts.last, Int(label) != nil,
            (parts[0] == "commodities" && parts.count == 4 && parts[2] == "demand")
                || (parts[0] == "suppliers" && parts.count == 4 && ["capacity", "cost"].contains(parts[2]))
                || (parts[0] == "policies" && parts.count == 5 && parts[2] == "weights")
                || (parts[0] == "policies" && parts.count == 6 && parts[2] == "rules"
                    && ["min", "max", "rate"].contains(parts[4]))
        {
            guard let period = model.periodPosition(label) else {
                let labels = model.periods.map(String.init)
                throw fail(
                    model.hasPeriods ? "'\(label)' is not one of the model's periods" : "the model lists no periods",
                    model.hasPeriods
                        ? (Suggestion.didYouMean(label, in: labels) ?? "use one of: \(labels.joined(separator: ", "))")
                        : "add 'periods: [...]' to the model, or end the path at the number")
            }
            guard let base = try resolve(parts.dropLast().joined(separator: "."), in: model) else { return nil }
            return .periodic(base, period: period)
        }
        switch (parts.first, parts.count) {
        case ("commodities", 3) where parts[2] == "demand":
            guard model.commodity(named: parts[1]) != nil else {
                throw fail(
                    "no commodity '\(parts[1])'",
                    Suggestion.didYouMean(parts[1], in: model.commodities.map(\.id)) ?? "name a commodity id")
            }
            return .demand(commodity: parts[1])
        case ("suppliers", 3):
            guard model.suppliers.contains(where: { $0.id == parts[1] }) else {
                throw fail(
                    "no supplier '\(parts[1])'",
                    Suggestion.didYouMean(parts[1], in: model.suppliers.map(\.id)) ?? "name a supplier id")
            }
            guard let field = SupplierField(rawValue: parts[2]) else {
                throw fail(
                    "suppliers have no number '\(parts[2])'",
                    Suggestion.didYouMean(parts[2], in: SupplierField.allCases.map(\.rawValue))
                        ?? "vary one of: \(SupplierField.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return .supplier(id: parts[1], field: field)
        case ("policies", 4) where parts[2] == "weights":
            guard model.policy(named: parts[1]) != nil else {
                throw noPolicy(parts[1])
            }
            guard let score = Score(rawValue: parts[3]) else {
                throw fail("no weight '\(parts[3])'", "weights are carbon, sustainability and labor")
            }
            return .weight(policy: parts[1], score: score)
        case ("policies", 5) where parts[2] == "rules":
            guard let policy = model.policy(named: parts[1]) else {
                throw noPolicy(parts[1])
            }
            let ruleID = parts[3].hasPrefix("#") ? "\(parts[1])\(parts[3])" : parts[3]
            guard policy.rules.contains(where: { $0.id == ruleID }) else {
                throw fail(
                    "policy \(parts[1]) has no rule '\(parts[3])'",
                    Suggestion.didYouMean(parts[3], in: policy.rules.map(\.id)) ?? "name a rule by its id")
            }
            guard let field = RuleField(rawValue: parts[4]) else {
                let names = RuleKinds.fields.map(\.rawValue)
                throw fail(
                    "rules have no number '\(parts[4])'",
                    "vary \(names.dropLast().joined(separator: ", ")) or \(names.last ?? "")")
            }
            return .rule(policy: parts[1], rule: ruleID, field: field)
        default:
            return nil
        }
    }

    /// The values this parameter admits, so a sweep is checked before it starts.
    func check(_ value: Double, in model: SourcingModel) -> String? {
        guard value.isFinite else { return "is not a finite number" }
        if let problem = fieldCheck(value, in: model) { return problem }
        // The program a model file may hold (Formulation refuses the rest): the solver's magnitudes.
        if value != 0 && !LinearModel.magnitudes.contains(abs(value)) {
            return "is outside the magnitudes the solver is given (1e-100 to 1e100)"
        }
        return crossingBounds(value, in: model)
    }

    /// A step of a rule's `min` or `max` map that puts min above max in some period, as the
    /// model file's own maps are refused (the kind's check sees only the other bound's first value).
    private func crossingBounds(_ value: Double, in model: SourcingModel) -> String? {
        guard case let .periodic(.rule(policy, ruleID, field), _) = self, field == .min || field == .max else {
            return nil
        }
        var changed = model
        apply(value, to: &changed)
        guard let rule = changed.policy(named: policy)?.rules.first(where: { $0.id == ruleID }) else { return nil }
        for t in 0..<changed.periodCount {
            guard let kind = rule.kind(in: t), let min = kind.bound(.min), let max = kind.bound(.max), min > max
            else { continue }
            let when = changed.periodLabel(t) ?? ""
            return "puts the rule's min \(Override.format(min)) above its max \(Override.format(max)) in \(when)"
        }
        return nil
    }

    /// What the field itself admits (positive demand, a score in [0, 1], a rule's own range).
    private func fieldCheck(_ value: Double, in model: SourcingModel) -> String? {
        switch self {
        case let .periodic(base, _):
            // A step of a min or max map is checked against the other bound period by period
            // (`crossingBounds`), not against the other bound's first value.
            if case let .rule(policy, ruleID, field) = base, field == .min || field == .max,
                let found = model.policy(named: policy)?.rules.first(where: { $0.id == ruleID })
            {
                return found.kind.setting(field == .min ? .max : .min, to: nil)
                    .check(value, field, settings: model.settings)
            }
            return base.fieldCheck(value, in: model)
        case .demand: return value > 0 ? nil : "is not positive (demand must be > 0)"
        case let .supplier(_, field):
            switch field {
            case .sustainability, .labor: return (0...1).contains(value) ? nil : "is outside [0, 1]"
            case .inputRatio: return value > 0 ? nil : "is not positive"
            case .capacity, .cost, .carbon, .surge, .surgeFee, .minOrder: return value >= 0 ? nil : "is negative"
            }
        case .weight: return value >= 0 ? nil : "is negative"
        case let .rule(policy, rule, field):
            guard let found = model.policy(named: policy)?.rules.first(where: { $0.id == rule }) else {
                return "names no rule"
            }
            return found.kind.check(value, field, settings: model.settings)
        }
    }

    /// Sets the parameter in the typed model (in every policy that holds the rule).
    func apply(_ value: Double, to model: inout SourcingModel) {
        switch self {
        case let .periodic(base, period):
            base.applyStep(value, at: period, to: &model)
        case let .demand(commodity):
            if let position = model.commodities.firstIndex(where: { $0.id == commodity }) {
                model.commodities[position].demand = value
                model.commodities[position].demandMap = nil
            }
        case let .supplier(id, field):
            guard let position = model.suppliers.firstIndex(where: { $0.id == id }) else { return }
            switch field {
            case .capacity:
                model.suppliers[position].capacity = value
                model.suppliers[position].capacityMap = nil
            case .cost:
                model.suppliers[position].cost = value
                model.suppliers[position].costMap = nil
            case .carbon: model.suppliers[position].carbon = value
            case .sustainability: model.suppliers[position].sustainability = value
            case .labor: model.suppliers[position].labor = value
            case .inputRatio: model.suppliers[position].inputRatio = value
            case .surge: model.suppliers[position].surge = value
            case .surgeFee: model.suppliers[position].surgeFee = value
            case .minOrder: model.suppliers[position].minOrder = value
            }
        case let .weight(policy, score):
            // The policy and every policy that extends it without its own value share the weight;
            // only the named policy is changed.
            guard let position = model.policies.firstIndex(where: { $0.id == policy }) else { return }
            model.policies[position].weights[score] = value
            model.policies[position].weightMaps[score] = nil
        case let .rule(policy, rule, field):
            let writer = model.policy(named: policy)?.rules.first { $0.id == rule }?.policy ?? policy
            for p in model.policies.indices {
                for r in model.policies[p].rules.indices
                where model.policies[p].rules[r].id == rule && model.policies[p].rules[r].policy == writer {
                    model.policies[p].rules[r].kind = model.policies[p].rules[r].kind.setting(field, to: value)
                    model.policies[p].rules[r].boundMaps[field] = nil
                }
            }
        }
    }

    /// Sets the step of a period map that starts at `period` (docs/model-language.md, "Plans over
    /// time": setting a label the map lacks adds it); a plain number becomes a map from the first
    /// period on. The scalar beside a map always holds its first value.
    private func applyStep(_ value: Double, at period: Int, to model: inout SourcingModel) {
        func stepped(_ map: PeriodMap?, constant: Double?) -> PeriodMap {
            var result = map ?? constant.map { PeriodMap(constant: $0) } ?? PeriodMap([])
            result.set(value, at: period)
            return result
        }
        switch self {
        case let .demand(commodity):
            guard let position = model.commodities.firstIndex(where: { $0.id == commodity }) else { return }
            let map = stepped(model.commodities[position].demandMap, constant: model.commodities[position].demand)
            model.commodities[position].demandMap = map
            model.commodities[position].demand = map.steps[0].value
        case let .supplier(id, field):
            guard let position = model.suppliers.firstIndex(where: { $0.id == id }) else { return }
            switch field {
            case .capacity:
                let map = stepped(model.suppliers[position].capacityMap, constant: model.suppliers[position].capacity)
                model.suppliers[position].capacityMap = map
                model.suppliers[position].capacity = map.steps[0].value
            case .cost:
                let map = stepped(model.suppliers[position].costMap, constant: model.suppliers[position].cost)
                model.suppliers[position].costMap = map
                model.suppliers[position].cost = map.steps[0].value
            case .carbon, .sustainability, .labor, .inputRatio, .surge, .surgeFee, .minOrder:
                return
            }
        case let .weight(policy, score):
            guard let position = model.policies.firstIndex(where: { $0.id == policy }) else { return }
            let map = stepped(
                model.policies[position].weightMaps[score], constant: model.policies[position].weights[score])
            model.policies[position].weightMaps[score] = map
            model.policies[position].weights[score] = map.steps[0].value
        case let .rule(policy, rule, field):
            let writer = model.policy(named: policy)?.rules.first { $0.id == rule }?.policy ?? policy
            for p in model.policies.indices {
                for r in model.policies[p].rules.indices
                where model.policies[p].rules[r].id == rule && model.policies[p].rules[r].policy == writer {
                    let current = model.policies[p].rules[r]
                    // A bound the rule does not have yet starts at this period.
                    let map = stepped(
                        current.boundMaps[field],
                        constant: current.boundMaps[field] == nil ? current.kind.bound(field) : nil)
                    model.policies[p].rules[r].boundMaps[field] = map
                    model.policies[p].rules[r].kind = current.kind.setting(field, to: map.steps[0].value)
                }
            }
        case .periodic:
            return
        }
    }
}
