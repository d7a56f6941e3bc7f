/// A number of a model named by an override path (`suppliers.cod-kamoto.cost`), resolved
/// against the typed model so that sweeps can change it without reading files again and,
/// where the program's structure allows, change the loaded GLPK problem in place.
public enum Parameter: Sendable, Equatable {
    case demand(commodity: String)
    case supplier(id: String, field: SupplierField)
    case weight(policy: String, score: Score)
    case rule(policy: String, rule: String, field: RuleField)

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
        switch self {
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
        case let .demand(commodity):
            if let position = model.commodities.firstIndex(where: { $0.id == commodity }) {
                model.commodities[position].demand = value
            }
        case let .supplier(id, field):
            guard let position = model.suppliers.firstIndex(where: { $0.id == id }) else { return }
            switch field {
            case .capacity: model.suppliers[position].capacity = value
            case .cost: model.suppliers[position].cost = value
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
        case let .rule(policy, rule, field):
            let writer = model.policy(named: policy)?.rules.first { $0.id == rule }?.policy ?? policy
            for p in model.policies.indices {
                for r in model.policies[p].rules.indices
                where model.policies[p].rules[r].id == rule && model.policies[p].rules[r].policy == writer {
                    model.policies[p].rules[r].kind = model.policies[p].rules[r].kind.setting(field, to: value)
                }
            }
        }
    }
}
