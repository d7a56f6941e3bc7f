import LodeLP

/// docs/model-language.md, "The physical model": capacity, flows between stages, demand and min orders, plus the
/// objective.
extension Formulation {
    /// Exclusions and screens become zero upper bounds; tariffs add up per supplier. Both must be
    /// known before the columns and the objective are written.
    mutating func prepareBoundsAndTariffs() {
        tariffRate = Array(repeating: 0, count: model.suppliers.count)
        blockedBy = Array(repeating: [], count: model.suppliers.count)
        for rule in policy.rules {
            let inScope = index.scopes(rule.scope).flatMap { index.suppliers(in: $0) }
            rule.kind.prepare(rule, suppliers: inScope, &self)
        }
    }

    var hasSurviveRule: Bool { policy.rules.contains { $0.kind.traits.contains(.reservesSurge) } }

    mutating func addSupplierColumns() throws {
        let reservesSurge = hasSurviveRule
        output.reserveCapacity(model.suppliers.count)
        for (position, supplier) in model.suppliers.enumerated() {
            let blocked = !blockedBy[position].isEmpty
            output.append(
                try program.addVariable(
                    name: Self.name("x[", supplier.id, "]"), upperBound: blocked ? 0 : supplier.capacity
                ).index)
        }
        for (position, supplier) in model.suppliers.enumerated() {
            let blocked = !blockedBy[position].isEmpty
            if supplier.minOrder > 0 && !blocked {
                let y = try program.addVariable(name: Self.name("y[", supplier.id, "]"), kind: .binary).index
                orderSwitch.append(y)
                // m_i y_i <= x_i <= u_i y_i
                try program.addConstraint(
                    columns: [output[position], y], coefficients: [1, -supplier.capacity],
                    lower: -.infinity, upper: 0, name: Self.name("order_max[", supplier.id, "]"))
                try program.addConstraint(
                    columns: [output[position], y], coefficients: [1, -supplier.minOrder],
                    lower: 0, upper: .infinity, name: Self.name("order_min[", supplier.id, "]"))
            } else {
                orderSwitch.append(nil)
            }
            if reservesSurge && supplier.surge > 0 && !blocked {
                surge.append(
                    try program.addVariable(name: Self.name("r[", supplier.id, "]"), upperBound: supplier.surge).index)
            } else {
                surge.append(nil)
            }
        }
        for commodity in model.commodities where commodity.shortfallPenalty != nil {
            shortfall[commodity.id] = try program.addVariable(
                name: Self.name("z[", commodity.id, "]"), upperBound: commodity.demand
            ).index
        }
    }

    /// Flows between consecutive stages. Without routes, flows are free and interchangeable, so
    /// one balance row (upstream output = sum of input_ratio x downstream output) is exactly
    /// equivalent to a flow column per supplier pair, at |up| + |down| nonzeros instead of
    /// |up| x |down| columns. Listed routes get arc columns and per-supplier rows.
    mutating func addFlowRows() throws {
        let routesByPair = Dictionary(grouping: model.routes.indices) { position -> String in
            let from = model.suppliers[index.supplierPosition[model.routes[position].from]!]
            return "\(from.commodity)\u{0}\(from.stage)"
        }
        for commodity in model.commodities {
            for (upstreamStage, downstreamStage) in zip(commodity.stages, commodity.stages.dropFirst()) {
                let upstream = index.suppliers(in: ScopeKey(commodity: commodity.id, stage: upstreamStage, order: 0))
                let downstream = index.suppliers(
                    in: ScopeKey(commodity: commodity.id, stage: downstreamStage, order: 0))
                if let routes = routesByPair["\(commodity.id)\u{0}\(upstreamStage)"], !routes.isEmpty {
                    try addRoutedFlows(routes: routes, upstream: upstream, downstream: downstream)
                } else {
                    pooledStagePairs.append((commodity.id, upstreamStage, downstreamStage))
                    try program.addConstraint(
                        columns: upstream.map { output[$0] } + downstream.map { output[$0] },
                        coefficients: Array(repeating: 1, count: upstream.count)
                            + downstream.map { -model.suppliers[$0].inputRatio },
                        lower: 0, upper: 0,
                        name: Self.name("balance[", commodity.id, "/", upstreamStage, ">", downstreamStage, "]"))
                }
            }
        }
    }

    private mutating func addRoutedFlows(routes: [Int], upstream: [Int], downstream: [Int]) throws {
        var outgoing: [Int: [Int]] = [:]
        var incoming: [Int: [Int]] = [:]
        for position in routes {
            let route = model.routes[position]
            let column = try program.addVariable(name: Self.name("f[", route.from, ">", route.to, "]")).index
            arcs.append((position, column))
            outgoing[index.supplierPosition[route.from]!, default: []].append(column)
            incoming[index.supplierPosition[route.to]!, default: []].append(column)
        }
        for supplier in upstream {
            let arcsOut = outgoing[supplier] ?? []
            try program.addConstraint(
                columns: [output[supplier]] + arcsOut, coefficients: [1] + arcsOut.map { _ in -1 },
                lower: 0, upper: 0, name: Self.name("flow_out[", model.suppliers[supplier].id, "]"))
        }
        for supplier in downstream {
            let arcsIn = incoming[supplier] ?? []
            try program.addConstraint(
                columns: arcsIn + [output[supplier]],
                coefficients: arcsIn.map { _ in 1 } + [-model.suppliers[supplier].inputRatio],
                lower: 0, upper: 0, name: Self.name("flow_in[", model.suppliers[supplier].id, "]"))
        }
    }

    /// Exactly the demand is bought at the last stage, less any unmet demand z_c.
    mutating func addDemandRows() throws {
        for commodity in model.commodities {
            let last = index.suppliers(in: ScopeKey(commodity: commodity.id, stage: commodity.lastStage, order: 0))
            var columns = last.map { output[$0] }
            if let z = shortfall[commodity.id] { columns.append(z) }
            demandRows[commodity.id] = try program.addConstraint(
                columns: columns, coefficients: Array(repeating: 1, count: columns.count),
                lower: commodity.demand, upper: commodity.demand, name: Self.name("demand[", commodity.id, "]")
            ).index
        }
    }

    /// The unit cost of x_i in the objective: price with tariffs, carbon price, score deficits.
    func unitObjective(_ position: Int) -> Double {
        let supplier = model.suppliers[position]
        let weights = policy.weights
        var cost = supplier.cost * (1 + tariffRate[position])
        for score in Weights.termOrder where weights[score] > 0 { cost += weights.term(score, of: supplier) }
        return cost
    }

    mutating func setObjective() throws {
        var coefficients = [Double](repeating: 0, count: program.variableCount)
        for position in model.suppliers.indices {
            coefficients[output[position]] = unitObjective(position)
            if let r = surge[position] { coefficients[r] = model.suppliers[position].surgeFee }
        }
        for arc in arcs { coefficients[arc.column] = model.routes[arc.route].cost }
        for commodity in model.commodities {
            if let z = shortfall[commodity.id] { coefficients[z] = commodity.shortfallPenalty ?? 0 }
        }
        var objective = LinearExpression()
        for (column, coefficient) in coefficients.enumerated() where coefficient != 0 {
            objective.add(coefficient, try program.variable(at: column))
        }
        try program.minimize(objective)
    }
}
