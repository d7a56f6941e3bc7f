import LodeLP

/// Switching rules off and on in a loaded problem, for explanations: a rule's rows get free
/// bounds (so they constrain nothing) and the suppliers it blocks get their capacity back. The
/// program's structure never changes, so every re-solve is warm.
extension Formulation {
    /// Rules that can make a policy infeasible (tariffs and weights cannot).
    var restrictiveRules: [Int] {
        rules.indices.filter { position in
            if rules[position].rule.kind.traits.contains(.pricesOnly) { return false }
            return !rules[position].rows.isEmpty || !rules[position].suppliers.isEmpty
        }
    }

    func setEnabled(_ enabled: Set<Int>, problem: some LinearProblem) throws {
        for (position, rule) in rules.enumerated() {
            let on = enabled.contains(position)
            for row in rule.rows {
                let (lower, upper) = on ? Self.bounds(of: row) : (-Double.infinity, Double.infinity)
                try problem.setBounds(of: row.constraint, lower: lower, upper: upper)
            }
        }
        let enabledIDs = Set(enabled.map { rules[$0].rule.id })
        for t in 0..<model.periodCount {
            for position in model.suppliers.indices where isBlocked(position, t) {
                let blocked = blockedBy[t][position].contains { enabledIDs.contains($0) }
                try problem.setBounds(
                    of: try program.variable(at: x(position, t)), lower: 0,
                    upper: blocked ? 0 : unblockedBound(position, t))
            }
        }
    }

    /// The bounds a rule row has when the rule is on.
    static func bounds(of row: RuleRows.Row) -> (Double, Double) {
        switch (row.boundScale, row.sense) {
        case (.stageTotal, .max): return (-.infinity, 0)
        case (.stageTotal, .min): return (0, .infinity)
        case (.rightHandSide, .max): return (-.infinity, row.bound)
        case (.rightHandSide, .min): return (row.bound, .infinity)
        }
    }
}
