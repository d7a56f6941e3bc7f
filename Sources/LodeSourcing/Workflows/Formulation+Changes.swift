import LodeLP

/// Changes of a parameter made in place on a loaded problem, so that the next solve starts warm
/// from the previous basis. A change the program's structure does not allow in place (a new row,
/// a big-M that depends on the value, a coefficient spread over several rules) returns false:
/// the caller then rebuilds from the changed model.
extension Formulation {
    /// Applies `parameter = value`, already set in `model`, to this formulation and `problem`.
    mutating func applyInPlace(_ parameter: Parameter, model updated: SourcingModel, to problem: some LinearProblem)
        throws -> Bool
    {
        let hasCount = policy.rules.contains { $0.kind.traits.contains(.readsDemandAndCapacity) }
        let hasCostTotal = policy.rules.contains { $0.kind.traits.contains(.costBudget) }
        let readsCosts = hasCostTotal || policy.rules.contains { $0.kind.traits.contains(.readsCosts) }
        let periods = 0..<model.periodCount
        switch parameter {
        case let .periodic(base, _):
            // Every period is set again from the updated model; a rule's map, period by period.
            if case let .rule(_, ruleID, field) = base {
                return try changeSteppedRule(ruleID, field: field, model: updated, problem: problem)
            }
            return try applyInPlace(base, model: updated, to: problem)
        case let .demand(commodity):
            // Stock floors of min_cover follow demand: those are rebuilt.
            let covered = updated.stockpiles.contains { $0.commodity == commodity && $0.minCover > 0 }
            guard !hasCount, !covered, let found = updated.commodity(named: commodity) else { return false }
            guard let rows = demandRows[commodity] else { return false }
            replaceModel(updated)
            for t in periods {
                let value = demandRowValue(found, t)
                try problem.setBounds(of: try program.constraint(at: rows[t]), lower: value, upper: value)
                if let z = shortfall[commodity]?[t] {
                    try problem.setBounds(of: try program.variable(at: z), lower: 0, upper: found.demand(in: t))
                }
            }
            return true
        case let .supplier(id, field):
            guard let position = index.supplierPosition[id] else { return false }
            let supplier = updated.suppliers[position]
            switch field {
            case .capacity:
                // A project's capacity sits in its build rows, a min order's in its switch rows.
                guard !hasCount, supplier.project == nil, periods.allSatisfy({ orderSwitches[$0][position] == nil })
                else { return false }
                // With periods, a capacity that becomes 0 or leaves 0 changes where the supplier is
                // present: its scopes' rows (T, each, survive) and its surge columns are rebuilt.
                let before = model.suppliers[position]
                let presenceKept = periods.allSatisfy { before.isPresent(in: $0) == supplier.isPresent(in: $0) }
                guard !model.hasPeriods || presenceKept else { return false }
                replaceModel(updated)
                for t in periods {
                    try problem.setBounds(
                        of: try program.variable(at: x(position, t)), lower: 0, upper: outputBound(position, t))
                }
                return true
            case .cost:
                guard !readsCosts else { return false }
                replaceModel(updated)
                for t in periods {
                    try problem.setObjectiveCoefficient(
                        of: try program.variable(at: x(position, t)), to: unitObjective(position, t))
                }
                return true
            case .surgeFee:
                guard !hasCostTotal else { return false }
                for t in periods {
                    if let r = r(position, t) {
                        try problem.setObjectiveCoefficient(
                            of: try program.variable(at: r), to: model.discountFactor(t) * supplier.surgeFee)
                    }
                }
            case .carbon, .sustainability, .labor, .inputRatio, .surge, .minOrder:
                return false
            }
            replaceModel(updated)
            return true
        case let .weight(policyID, _):
            guard policyID == policy.id, let changed = updated.policy(named: policyID) else { return false }
            replaceModel(updated)
            policy.weights = changed.weights
            policy.weightMaps = changed.weightMaps
            for t in periods {
                for position in model.suppliers.indices {
                    try problem.setObjectiveCoefficient(
                        of: try program.variable(at: x(position, t)), to: unitObjective(position, t))
                }
            }
            return true
        // The rule is found by id alone: ids are unique along an `extends` chain (an inherited id
        // written again is an error), so the policy solved holds at most one rule of that id.
        case let .rule(_, ruleID, field):
            // A rule whose bounds step over time has rows with bounds of their own.
            if rules.contains(where: { $0.rule.id == ruleID && !$0.rule.boundMaps.isEmpty }) { return false }
            guard let position = rules.firstIndex(where: { $0.rule.id == ruleID }),
                let newRule = updated.policy(named: policy.id)?.rules.first(where: { $0.id == ruleID })
            else { return false }
            let changed = try changeRule(at: position, to: newRule, field: field, problem: problem)
            if changed {
                replaceModel(updated)
                rules[position].rule = newRule
                if let r = policy.rules.firstIndex(where: { $0.id == ruleID }) { policy.rules[r] = newRule }
            }
            return changed
        }
    }

    /// A step of a rule's bound map changed: each period's rows take that period's bound, in
    /// place, when the rule still has rows of that bound in exactly the same periods (a step that
    /// adds or removes a bound in some period needs rows added or removed: false, rebuild).
    private mutating func changeSteppedRule(
        _ ruleID: String, field: Parameter.RuleField, model updated: SourcingModel, problem: some LinearProblem
    ) throws -> Bool {
        guard let position = rules.firstIndex(where: { $0.rule.id == ruleID }),
            let newRule = updated.policy(named: policy.id)?.rules.first(where: { $0.id == ruleID })
        else { return false }
        let rows = rules[position].rows
        let kind = newRule.kind
        // Every change is worked out before the problem is touched.
        var changes: [(row: Int, change: InPlaceChange)] = []
        var bounded = Set<Int>()
        for (r, row) in rows.enumerated() where kind.boundField(row.sense) == field {
            guard let t = row.period, let stepped = newRule.kind(in: t), stepped.bound(field) != nil,
                let change = stepped.inPlaceChange(field)
            else { return false }
            if case let .totalCoefficient(sense, _, _) = change {
                guard sense == row.sense, case .stageTotal = row.boundScale else { return false }
            }
            changes.append((r, change))
            bounded.insert(t)
        }
        let wanted = Set(
            newRule.periods(count: model.periodCount).filter { newRule.kind(in: $0)?.bound(field) != nil })
        guard wanted == bounded else { return false }
        for (r, change) in changes {
            let row = rows[r]
            switch change {
            case let .totalCoefficient(_, coefficient, bound):
                guard case let .stageTotal(column, _) = row.boundScale else { continue }
                try problem.setCoefficient(coefficient, of: try program.variable(at: column), in: row.constraint)
                rules[position].rows[r] = row.with(bound: bound)
            case let .upperBound(max):
                try problem.setBounds(of: row.constraint, lower: -.infinity, upper: max)
                rules[position].rows[r] = row.with(bound: max)
            }
        }
        replaceModel(updated)
        rules[position].rule = newRule
        if let r = policy.rules.firstIndex(where: { $0.id == ruleID }) { policy.rules[r] = newRule }
        return true
    }

    /// The rule's own in-place change (Rules/, `inPlaceChange`), or false to rebuild.
    private mutating func changeRule(
        at position: Int, to rule: Rule, field: Parameter.RuleField,
        problem: some LinearProblem
    )
        throws -> Bool
    {
        switch rule.kind.inPlaceChange(field) {
        case let .totalCoefficient(sense, coefficient, bound):
            return try rescale(position, sense: sense, to: bound, problem: problem) { _ in coefficient }
        case let .upperBound(max):
            for (r, row) in rules[position].rows.enumerated() {
                try problem.setBounds(of: row.constraint, lower: -.infinity, upper: max)
                rules[position].rows[r] = row.with(bound: max)
            }
            return true
        case nil:
            return false
        }
    }

    /// Sets the coefficient of T(c, s) in every row of the rule with the given sense.
    private mutating func rescale(
        _ position: Int, sense: RuleRows.Sense, to bound: Double,
        problem: some LinearProblem,
        coefficient: (RuleRows.Row) -> Double
    ) throws -> Bool {
        for (r, row) in rules[position].rows.enumerated() where row.sense == sense {
            guard case let .stageTotal(column, _) = row.boundScale else { return false }
            try problem.setCoefficient(coefficient(row), of: try program.variable(at: column), in: row.constraint)
            rules[position].rows[r] = row.with(bound: bound)
        }
        return true
    }

    private mutating func replaceModel(_ updated: SourcingModel) {
        model = updated
    }
}

extension RuleRows.Row {
    func with(bound: Double) -> RuleRows.Row {
        RuleRows.Row(
            constraint: constraint, scope: scope, member: member, boundScale: boundScale, bound: bound,
            sense: sense, period: period, envelope: envelope)
    }
}
