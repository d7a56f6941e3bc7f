import LodeLP

/// docs/model-language.md, "Policies": each rule kind is its own rewrite into rows and columns, in its own file under
/// Rules/ (ShareRule.swift ... SurviveRule.swift). A rule applies separately in every (commodity,
/// stage) scope its filters allow, except totals, which pool their scope.
extension Formulation {
    mutating func add(_ rule: Rule) throws {
        var rows = RuleRows(rule: rule)
        try rule.kind.write(into: &self, rows: &rows, scopes: index.scopes(rule.scope))
        rules.append(rows)
    }
}
