import LodeLP

/// docs/model-language.md, "Policies" and "Rules in time": each rule kind is its own rewrite into
/// rows and columns, in its own file under Rules/ (ShareRule.swift ... SurviveRule.swift). A rule
/// applies separately in every (commodity, stage) scope its filters allow and in every period of
/// its `period:`, with that period's bounds; totals pool their scopes, and over a `period:` list
/// or `all` their periods too.
extension Formulation {
    mutating func add(_ rule: Rule) throws {
        var rows = RuleRows(rule: rule)
        let scopes = index.scopes(rule.scope)
        let periods = rule.periods(count: model.periodCount)
        if rule.kind.traits.contains(.poolsPeriods), rule.periodScope?.pools == true, model.hasPeriods {
            let listed = Set(periods)
            try rule.kind.write(into: &self, rows: &rows, scopes: scopes.filter { listed.contains($0.period) })
        } else if periods.count == 1 && rule.boundMaps.isEmpty {
            try rule.kind.write(into: &self, rows: &rows, scopes: scopes.filter { $0.period == periods[0] })
        } else {
            for t in periods {
                guard let kind = rule.kind(in: t) else { continue }
                try kind.write(into: &self, rows: &rows, scopes: scopes.filter { $0.period == t })
            }
        }
        rules.append(rows)
    }
}
