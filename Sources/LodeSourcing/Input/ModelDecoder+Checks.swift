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
                log.error(location, "\(path).commodity", "unknown commodity '\(commodityID)'",
                          fix: Suggestion.didYouMean(commodityID, in: commodities.keys.sorted()) ?? "use one of: \(model.commodities.map(\.id).joined(separator: ", "))")
                continue
            }
            if stage.isEmpty {
                if commodity.stages.count == 1 {
                    model.suppliers[position].stage = commodity.stages[0]
                } else {
                    log.error(location, "\(path).stage", "the stage is required because \(commodity.id) has stages \(commodity.stages.joined(separator: ", "))",
                              fix: "add 'stage: \(commodity.stages[0])' (or another of its stages)")
                }
            } else if !commodity.stages.contains(stage) {
                log.error(location, "\(path).stage", "\(commodity.id) has no stage '\(stage)'",
                          fix: Suggestion.didYouMean(stage, in: commodity.stages) ?? "use one of: \(commodity.stages.joined(separator: ", "))")
            }
            if hasCountries && !countryIDs.contains(country) {
                log.error(location, "\(path).country", "the country '\(country)' is not listed under countries",
                          fix: Suggestion.didYouMean(country, in: countryIDs.sorted()) ?? "add it to the countries")
            }
        }
        guard !model.routes.isEmpty else { return }
        let positions = Dictionary(model.suppliers.indices.map { (model.suppliers[$0].id, $0) }, uniquingKeysWith: { first, _ in first })
        var seenRoutes: Set<String> = []
        for route in model.routes {
            let path = "routes[\(route.from)>\(route.to)]"
            guard let from = positions[route.from].map({ model.suppliers[$0] }) else {
                log.error(route.location, "\(path).from", "unknown supplier '\(route.from)'", fix: Suggestion.didYouMean(route.from, in: positions.keys.sorted()) ?? "name a supplier id")
                continue
            }
            guard let to = positions[route.to].map({ model.suppliers[$0] }) else {
                log.error(route.location, "\(path).to", "unknown supplier '\(route.to)'", fix: Suggestion.didYouMean(route.to, in: positions.keys.sorted()) ?? "name a supplier id")
                continue
            }
            if !seenRoutes.insert("\(route.from)>\(route.to)").inserted {
                log.error(route.location, path, "the route is listed twice", fix: "keep one entry per pair of suppliers")
            }
            guard from.commodity == to.commodity, let stages = commodities[from.commodity]?.stages,
                  let fromStage = stages.firstIndex(of: from.stage), let toStage = stages.firstIndex(of: to.stage),
                  toStage == fromStage + 1 else {
                log.error(route.location, path, "a route must go from one stage to the next of the same commodity (\(from.commodity)/\(from.stage) to \(to.commodity)/\(to.stage) does not)",
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
                checkNames(loss.kind, [loss.name], field: "scenarios[\(scenario.id)].loss.\(loss.kind.rawValue)",
                           location: loss.location, index: index)
            }
        }
    }

    private mutating func checkNames(_ kind: SelectorKind, _ names: [String], field: String, location: SourceLocation?, index: ModelIndex) {
        let known = index.knownNames(kind)
        for name in names where !known.contains(name) {
            if kind == .flag {
                log.warning(location, field, "no supplier carries the flag '\(name)', so it selects nothing",
                            fix: Suggestion.didYouMean(name, in: known) ?? "check the spelling against the suppliers' flags")
            } else {
                log.error(location, field, "unknown \(kind.rawValue) '\(name)'",
                          fix: Suggestion.didYouMean(name, in: known) ?? (known.isEmpty ? "define \(kind.rawValue)s first (groups come from countries)" : "use one of: \(known.prefix(12).joined(separator: ", "))"))
            }
        }
    }

    private mutating func checkScope(_ scope: ScopeFilter, field: String, location: SourceLocation?, index: ModelIndex) {
        let commodityIDs = index.model.commodities.map(\.id)
        for commodity in scope.commodities ?? [] where !commodityIDs.contains(commodity) {
            log.error(location, "\(field).commodity", "unknown commodity '\(commodity)'",
                      fix: Suggestion.didYouMean(commodity, in: commodityIDs) ?? "use one of: \(commodityIDs.joined(separator: ", "))")
        }
        let inScope = index.model.commodities.filter { scope.includes(commodity: $0.id) }
        let stages = Set(inScope.flatMap(\.stages))
        for stage in scope.stages ?? [] where !stages.contains(stage) {
            log.error(location, "\(field).stage", "no commodity in scope has the stage '\(stage)'",
                      fix: Suggestion.didYouMean(stage, in: stages.sorted()) ?? "use one of: \(stages.sorted().joined(separator: ", "))")
        }
    }

    /// One policy's own weights and rules against the model (inherited ones are checked where
    /// they are written).
    mutating func checkPolicy(_ definition: PolicyDefinition, index: ModelIndex) {
        for score in [Score.sustainability, .labor] where (definition.weights[score.rawValue] ?? 0) > 0 {
            reportMissingScores(score, suppliers: Array(index.model.suppliers.indices), index: index,
                                field: "policies.\(definition.id).weights.\(score.rawValue)",
                                location: definition.location,
                                user: "policy \(definition.id)'s \(score.rawValue) weight")
        }
        for rule in definition.rules { check(rule, index: index) }
    }

    private mutating func reportMissingScores(_ score: Score, suppliers: [Int], index: ModelIndex, field: String, location: SourceLocation?, user: String) {
        guard score != .carbon else { return }
        let missing = suppliers.filter { index.model.suppliers[$0].score(score) == nil }
        guard !missing.isEmpty else { return }
        let names = missing.prefix(5).map { index.model.suppliers[$0].id }.joined(separator: ", ")
        let more = missing.count > 5 ? " and \(missing.count - 5) more" : ""
        log.error(location, field, "\(user) uses the \(score.rawValue) score, which supplier\(missing.count > 1 ? "s" : "") \(names)\(more) lack\(missing.count > 1 ? "" : "s")",
                  fix: "give those suppliers a \(score.rawValue) score in [0, 1], or narrow the rule with commodity:/stage:")
    }

    private mutating func check(_ rule: Rule, index: ModelIndex) {
        let field = "policies.\(rule.policy).rules[\(rule.id)]"
        checkScope(rule.scope, field: field, location: rule.location, index: index)
        let scopes = index.scopes(rule.scope)
        let inScope = scopes.flatMap { index.suppliers(in: $0) }
        func checkSelector(_ selector: Selector, _ key: String) {
            if case let .named(kind, names) = selector {
                checkNames(kind, names, field: "\(field).\(key).\(kind.rawValue)", location: rule.location, index: index)
            }
            if case .each(.group) = selector, index.groupNames.isEmpty {
                log.error(rule.location, "\(field).\(key).each", "the model defines no country groups", fix: "list countries with groups")
            }
        }
        switch rule.kind {
        case let .share(selector, min, _):
            checkSelector(selector, "share")
            if let min, min > 0, case let .named(kind, names) = selector {
                for scope in scopes where !index.suppliers(in: scope).contains(where: { index.selects(kind, names, $0) }) {
                    log.warning(rule.location, field, "in \(scope) the selector picks no supplier, so the floor \(Override.format(min)) cannot be met",
                                fix: "narrow the rule with commodity:/stage:, or lower min to 0")
                }
            }
        case let .hhi(_, max, weighted):
            let segments = index.model.settings.hhiSegments
            guard weighted else {
                let floor = 10000.0 / Double(segments)
                if max < floor {
                    log.error(rule.location, "\(field).max",
                              "no HHI cap below \(Override.format(floor)) can be met: the piecewise-linear bound with "
                                  + "hhi_segments = \(segments) counts every source as at least "
                                  + "1/\(segments) of the volume",
                              fix: "raise max to \(Override.format(floor)) or more, or raise settings.hhi_segments "
                                  + "(the floor is 10000 / hhi_segments)")
                }
                break
            }
            let countries = index.presentMembers(.country, among: inScope)
            let lacking = countries.filter { index.governance(of: $0) == nil }
            if !lacking.isEmpty {
                log.error(rule.location, "\(field).weighted",
                          "a governance-weighted HHI needs governance for countries "
                              + lacking.prefix(8).joined(separator: ", "),
                          fix: "give every country in scope a governance weight (countries: ... governance: 0.6)")
                break
            }
            checkWeightedFloor(max, field: field, location: rule.location, scopes: scopes, index: index)
        case let .average(score, _, _):
            reportMissingScores(score, suppliers: inScope, index: index, field: "\(field).average", location: rule.location, user: "rule \(rule.id)")
        case let .screen(score, _):
            reportMissingScores(score, suppliers: inScope, index: index, field: "\(field).screen", location: rule.location, user: "rule \(rule.id)")
        case let .exclude(selector):
            checkSelector(selector, "exclude")
        case .total:
            break
        case let .tariff(selector, _):
            checkSelector(selector, "tariff")
        case let .count(basis, min, _, _):
            if let min {
                for scope in scopes {
                    let members = index.presentMembers(basis == .supplier ? .supplier : .country, among: index.suppliers(in: scope)).count
                    if members < min {
                        log.warning(rule.location, field, "in \(scope) only \(members) \(basis.rawValue)\(members == 1 ? "" : "s") can deliver, fewer than min \(min)",
                                    fix: "lower min or narrow the rule with commodity:/stage:")
                    }
                }
            }
        case let .survive(disruptions, _):
            if case let .scenarios(ids) = disruptions {
                let known = index.model.scenarios.map(\.id)
                for id in ids where !known.contains(id) {
                    log.error(rule.location, "\(field).survive.scenario", "unknown scenario '\(id)'",
                              fix: Suggestion.didYouMean(id, in: known) ?? (known.isEmpty ? "define it under scenarios" : "use one of: \(known.joined(separator: ", "))"))
                }
            }
            if case .each(.group) = disruptions, index.groupNames.isEmpty {
                log.error(rule.location, "\(field).survive.each", "the model defines no country groups", fix: "list countries with groups")
            }
        }
    }

    /// The envelope's floor for a governance-weighted cap: every v_k >= X_k / K, so
    /// sum_k w_k v_k >= (lowest weight present) T / K, and no cap below 10000 x that weight / K
    /// can be met in a scope. Exact as a bound on what can never be met (it is reached only with
    /// K or more sources of the lowest weight), so nothing a plan could meet is refused.
    private mutating func checkWeightedFloor(_ max: Double, field: String, location: SourceLocation?,
                                             scopes: [ScopeKey], index: ModelIndex) {
        let segments = index.model.settings.hhiSegments
        var worst: (scope: ScopeKey, weight: Double)?
        for scope in scopes {
            let countries = index.presentMembers(.country, among: index.suppliers(in: scope))
            let weights = countries.compactMap { index.governance(of: $0) }
            guard let lowest = weights.min() else { continue }
            if worst == nil || lowest > worst!.weight { worst = (scope, lowest) }
        }
        guard let worst else { return }
        let floor = 10000 * worst.weight / Double(segments)
        guard max < floor else { return }
        log.error(location, "\(field).max",
                  "no governance-weighted HHI cap below \(Override.format(floor)) can be met in \(worst.scope): "
                      + "the piecewise-linear bound with hhi_segments = \(segments) counts every source as at least "
                      + "1/\(segments) of the volume, "
                      + "and the lowest governance weight there is \(Override.format(worst.weight))",
                  fix: "raise max to \(Override.format(floor)) or more, or raise settings.hhi_segments "
                      + "(the floor is 10000 x the lowest governance weight in the scope / hhi_segments)")
    }

    /// Warns where a stage's capacity cannot cover what demand needs of it (when demand is hard).
    mutating func warnAboutCapacity(_ model: SourcingModel, index: ModelIndex) {
        for commodity in model.commodities where commodity.shortfallPenalty == nil {
            var needed = commodity.demand
            for stage in commodity.stages.reversed() {
                let scope = ScopeKey(commodity: commodity.id, stage: stage, order: 0)
                let suppliers = index.suppliers(in: scope)
                let capacity = suppliers.reduce(0) { $0 + model.suppliers[$1].capacity }
                if capacity < needed * (1 - 1e-12) {
                    log.warning(nil, "commodities[\(commodity.id)]",
                                "the \(stage) stage can deliver at most \(Override.format(capacity)) \(commodity.unit) but at least \(Override.format(needed)) are needed",
                                fix: "add capacity, lower demand, or set shortfall_penalty to allow unmet demand")
                }
                needed *= suppliers.map { model.suppliers[$0].inputRatio }.min() ?? 1
            }
        }
    }
}
