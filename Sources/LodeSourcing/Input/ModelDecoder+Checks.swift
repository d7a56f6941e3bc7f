/// Checks that need the whole model: references between sections, rules against the data, and
/// warnings for what is legal but suspicious.
extension ModelDecoder {
    mutating func checkReferences(_ model: inout SourcingModel, hasCountries: Bool) {
        let commodities = Dictionary(model.commodities.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let countryIDs = Set(model.countries.map(\.id))
        for position in model.suppliers.indices {
            // Fields read in place: copying each supplier whole retains all its strings.
            let commodityID = model.suppliers[position].commodity, stage = model.suppliers[position].stage
            let country = model.suppliers[position].country, location = model.suppliers[position].location
            var path: String { "suppliers[\(model.suppliers[position].id)]" }  // only for messages
            guard let commodity = commodities[commodityID] else {
                log.error(
                    location, "\(path).commodity", "unknown commodity '\(commodityID)'",
                    fix: Suggestion.didYouMean(commodityID, in: commodities.keys.sorted())
                        ?? "use one of: \(model.commodities.map(\.id).joined(separator: ", "))")
                continue
            }
            if stage.isEmpty {
                if commodity.stages.count == 1 {
                    model.suppliers[position].stage = commodity.stages[0]
                } else {
                    log.error(
                        location, "\(path).stage",
                        "the stage is required because \(commodity.id) has stages \(commodity.stages.joined(separator: ", "))",
                        fix: "add 'stage: \(commodity.stages[0])' (or another of its stages)")
                }
            } else if !commodity.stages.contains(stage) {
                log.error(
                    location, "\(path).stage", "\(commodity.id) has no stage '\(stage)'",
                    fix: Suggestion.didYouMean(stage, in: commodity.stages)
                        ?? "use one of: \(commodity.stages.joined(separator: ", "))")
            }
            if hasCountries && !countryIDs.contains(country) {
                log.error(
                    location, "\(path).country", "the country '\(country)' is not listed under countries",
                    fix: Suggestion.didYouMean(country, in: countryIDs.sorted()) ?? "add it to the countries")
            }
        }
        guard !model.routes.isEmpty else { return }
        let positions = Dictionary(
            model.suppliers.indices.map { (model.suppliers[$0].id, $0) }, uniquingKeysWith: { first, _ in first })
        var seenRoutes: Set<String> = []
        for route in model.routes {
            let path = "routes[\(route.from)>\(route.to)]"
            guard let from = positions[route.from].map({ model.suppliers[$0] }) else {
                log.error(
                    route.location, "\(path).from", "unknown supplier '\(route.from)'",
                    fix: Suggestion.didYouMean(route.from, in: positions.keys.sorted()) ?? "name a supplier id")
                continue
            }
            guard let to = positions[route.to].map({ model.suppliers[$0] }) else {
                log.error(
                    route.location, "\(path).to", "unknown supplier '\(route.to)'",
                    fix: Suggestion.didYouMean(route.to, in: positions.keys.sorted()) ?? "name a supplier id")
                continue
            }
            if !seenRoutes.insert("\(route.from)>\(route.to)").inserted {
                log.error(
                    route.location, path, "the route is listed twice", fix: "keep one entry per pair of suppliers")
            }
            guard from.commodity == to.commodity, let stages = commodities[from.commodity]?.stages,
                let fromStage = stages.firstIndex(of: from.stage), let toStage = stages.firstIndex(of: to.stage),
                toStage == fromStage + 1
            else {
                log.error(
                    route.location, path,
                    "a route must go from one stage to the next of the same commodity (\(from.commodity)/\(from.stage) to \(to.commodity)/\(to.stage) does not)",
                    fix: "route from a supplier to one in the following stage")
                continue
            }
        }
    }

    /// Each scenario's scope and the names its losses hit.
    mutating func checkScenarios(_ model: SourcingModel, index: ModelIndex) {
        for scenario in model.scenarios {
            checkScope(scenario.scope, field: "scenarios[\(scenario.id)]", location: scenario.location, index: index)
            for loss in scenario.losses {
                checkNames(
                    loss.kind, [loss.name], field: "scenarios[\(scenario.id)].loss.\(loss.kind.rawValue)",
                    location: loss.location, index: index)
            }
        }
    }

    mutating func checkNames(
        _ kind: SelectorKind, _ names: [String], field: String, location: SourceLocation?,
        index: ModelIndex
    ) {
        let known = index.knownNames(kind)
        for name in names where !known.contains(name) {
            if kind == .flag {
                log.warning(
                    location, field, "no supplier carries the flag '\(name)', so it selects nothing",
                    fix: Suggestion.didYouMean(name, in: known) ?? "check the spelling against the suppliers' flags")
            } else {
                log.error(
                    location, field, "unknown \(kind.rawValue) '\(name)'",
                    fix: Suggestion.didYouMean(name, in: known)
                        ?? (known.isEmpty
                            ? "define \(kind.rawValue)s first (groups come from countries)"
                            : "use one of: \(known.prefix(12).joined(separator: ", "))"))
            }
        }
    }

    private mutating func checkScope(_ scope: ScopeFilter, field: String, location: SourceLocation?, index: ModelIndex)
    {
        let commodityIDs = index.model.commodities.map(\.id)
        for commodity in scope.commodities ?? [] where !commodityIDs.contains(commodity) {
            log.error(
                location, "\(field).commodity", "unknown commodity '\(commodity)'",
                fix: Suggestion.didYouMean(commodity, in: commodityIDs)
                    ?? "use one of: \(commodityIDs.joined(separator: ", "))")
        }
        let inScope = index.model.commodities.filter { scope.includes(commodity: $0.id) }
        let stages = Set(inScope.flatMap(\.stages))
        for stage in scope.stages ?? [] where !stages.contains(stage) {
            log.error(
                location, "\(field).stage", "no commodity in scope has the stage '\(stage)'",
                fix: Suggestion.didYouMean(stage, in: stages.sorted())
                    ?? "use one of: \(stages.sorted().joined(separator: ", "))")
        }
    }

    /// One policy's own weights and rules against the model (inherited ones are checked where
    /// they are written).
    mutating func checkPolicy(_ definition: PolicyDefinition, index: ModelIndex) {
        // Carbon needs no score: reportMissingScores passes over it.
        for score in Score.allCases
        where max(definition.weights[score.rawValue] ?? 0, definition.weightMaps[score.rawValue]?.values.max() ?? 0) > 0
        {
            reportMissingScores(
                score, suppliers: Array(index.model.suppliers.indices), index: index,
                field: "policies.\(definition.id).weights.\(score.rawValue)",
                location: definition.location,
                user: "policy \(definition.id)'s \(score.rawValue) weight")
        }
        for rule in definition.rules { check(rule, index: index) }
    }

    mutating func reportMissingScores(
        _ score: Score, suppliers: [Int], index: ModelIndex, field: String,
        location: SourceLocation?, user: String
    ) {
        guard score != .carbon else { return }
        let missing = suppliers.filter { index.model.suppliers[$0].score(score) == nil }
        guard !missing.isEmpty else { return }
        let names = missing.prefix(5).map { index.model.suppliers[$0].id }.joined(separator: ", ")
        let more = missing.count > 5 ? " and \(missing.count - 5) more" : ""
        log.error(
            location, field,
            "\(user) uses the \(score.rawValue) score, which supplier\(missing.count > 1 ? "s" : "") \(names)\(more) lack\(missing.count > 1 ? "" : "s")",
            fix: "give those suppliers a \(score.rawValue) score in [0, 1], or narrow the rule with commodity:/stage:")
    }

    private mutating func check(_ rule: Rule, index: ModelIndex) {
        let field = "policies.\(rule.policy).rules[\(rule.id)]"
        checkScope(rule.scope, field: field, location: rule.location, index: index)
        // The periods the rule bounds: its `period:`, less those before the first key of its maps.
        let periods = Set(rule.periods(count: index.model.periodCount).filter { rule.kind(in: $0) != nil })
        let scopes = index.scopes(rule.scope).filter { periods.contains($0.period) }
        let inScope = scopes.flatMap { index.suppliers(in: $0) }
        // The kind's own checks: Rules/, one file per kind.
        let context = RuleCheckContext(rule: rule, field: field, scopes: scopes, inScope: inScope, index: index)
        rule.kind.check(context, &self)
    }

    /// Warns where a stage's capacity cannot cover what demand needs of it (when demand is hard).
    mutating func warnAboutCapacity(_ model: SourcingModel, index: ModelIndex) {
        // Stock can carry a period's shortage from earlier ones: no warning for those commodities.
        for commodity in model.commodities
        where commodity.shortfallPenalty == nil && !model.stockpiles.contains(where: { $0.commodity == commodity.id }) {
            for t in 0..<model.periodCount {
                var needed = commodity.demand(in: t)
                for stage in commodity.stages.reversed() {
                    let suppliers = index.suppliers(in: index.scope(commodity.id, stage, in: t))
                    let capacity = suppliers.reduce(0) { $0 + model.suppliers[$1].capacity(in: t) }
                    if capacity < needed * (1 - 1e-12) {
                        let when = model.periodLabel(t).map { " in \($0)" } ?? ""
                        log.warning(
                            nil, "commodities[\(commodity.id)]",
                            "the \(stage) stage can deliver at most \(Override.format(capacity)) \(commodity.unit)\(when) but at least \(Override.format(needed)) are needed",
                            fix: "add capacity, lower demand, or set shortfall_penalty to allow unmet demand")
                    }
                    needed *= suppliers.map { model.suppliers[$0].inputRatio }.min() ?? 1
                }
            }
        }
    }
}
