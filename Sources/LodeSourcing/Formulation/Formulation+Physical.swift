import LodeLP

/// docs/model-language.md, "The physical model" and "Plans over time": capacity, flows between
/// stages, demand and min orders in every period, projects and stockpiles that link the periods,
/// and the discounted objective.
extension Formulation {
    /// Exclusions and screens become zero upper bounds; tariffs add up per supplier, period by
    /// period. Both must be known before the columns and the objective are written.
    mutating func prepareBoundsAndTariffs() {
        let periods = model.periodCount
        tariffRates = Array(repeating: Array(repeating: 0, count: model.suppliers.count), count: periods)
        blockedBy = Array(repeating: Array(repeating: [], count: model.suppliers.count), count: periods)
        for rule in policy.rules {
            for t in rule.periods(count: periods) {
                guard let kind = rule.kind(in: t) else { continue }
                let inScope = index.scopes(rule.scope).filter { $0.period == t }.flatMap { index.suppliers(in: $0) }
                kind.prepare(rule, suppliers: inScope, period: t, &self)
            }
        }
    }

    var hasSurviveRule: Bool { policy.rules.contains { $0.kind.traits.contains(.reservesSurge) } }

    /// The upper bound of x_{i,t}: its capacity then, 0 when blocked or before a project's earliest period.
    func outputBound(_ position: Int, _ t: Int) -> Double { isBlocked(position, t) ? 0 : unblockedBound(position, t) }

    /// x_{i,t}'s upper bound when no rule blocks it: its capacity then, 0 before a project's earliest period.
    func unblockedBound(_ position: Int, _ t: Int) -> Double {
        let supplier = model.suppliers[position]
        if let project = supplier.project, t < project.earliest { return 0 }
        return supplier.capacity(in: t)
    }

    mutating func addSupplierColumns() throws {
        let reservesSurge = hasSurviveRule
        for t in 0..<model.periodCount {
            var columns: [Int] = []
            columns.reserveCapacity(model.suppliers.count)
            for (position, supplier) in model.suppliers.enumerated() {
                columns.append(
                    try program.addVariable(
                        name: Self.name("x[", tagged(supplier.id, t), "]"), upperBound: outputBound(position, t)
                    ).index)
            }
            outputs.append(columns)
            var switches: [Int?] = []
            var reserved: [Int?] = []
            for (position, supplier) in model.suppliers.enumerated() {
                let blocked = isBlocked(position, t)
                let capacity = outputBound(position, t)
                // A supplier not available in a period has no min-order switch and reserves no
                // surge there (an exclusion only sees the suppliers present, so without this an
                // excluded supplier that is absent in some period would still make a MIP).
                let available = !model.hasPeriods || supplier.isPresent(in: t)
                if supplier.minOrder > 0 && !blocked && available {
                    let name = tagged(supplier.id, t)
                    let y = try program.addVariable(name: Self.name("y[", name, "]"), kind: .binary).index
                    switches.append(y)
                    // m_i y_i <= x_i <= u_i y_i
                    try program.addConstraint(
                        columns: [x(position, t), y], coefficients: [1, -capacity],
                        lower: -.infinity, upper: 0, name: Self.name("order_max[", name, "]"))
                    try program.addConstraint(
                        columns: [x(position, t), y], coefficients: [1, -supplier.minOrder],
                        lower: 0, upper: .infinity, name: Self.name("order_min[", name, "]"))
                } else {
                    switches.append(nil)
                }
                if reservesSurge && supplier.surge > 0 && !blocked && available {
                    reserved.append(
                        try program.addVariable(
                            name: Self.name("r[", tagged(supplier.id, t), "]"), upperBound: supplier.surge
                        ).index)
                } else {
                    reserved.append(nil)
                }
            }
            orderSwitches.append(switches)
            surges.append(reserved)
        }
        for commodity in model.commodities where commodity.shortfallPenalty != nil {
            shortfall[commodity.id] = try (0..<model.periodCount).map { t in
                try program.addVariable(
                    name: Self.name("z[", tagged(commodity.id, t), "]"), upperBound: commodity.demand(in: t)
                ).index
            }
        }
    }

    /// Projects: b_{i,t} in [0, 1] (binary for `build: binary`) from the earliest period on, built
    /// at most once, and capacity and surge that exist only as built to date:
    /// x_{i,t} <= u_{i,t} B_{i,t}, r_{i,t} <= g_i B_{i,t}, B_{i,t} = sum of b_{i,tau} for tau <= t.
    mutating func addProjects() throws {
        for (position, supplier) in model.suppliers.enumerated() {
            guard let project = supplier.project else { continue }
            let open = project.earliest..<model.periodCount
            // A project the policy blocks in every period it could deliver adds no binary (periods
            // where its capacity is 0 are not present, so no exclusion sees it there).
            let blockedThroughout = open.allSatisfy { isBlocked(position, $0) || !supplier.isPresent(in: $0) }
            let kind: VariableKind = project.binary && !blockedThroughout ? .binary : .continuous
            var columns = [Int?](repeating: nil, count: model.periodCount)
            for t in open {
                columns[t] = try program.addVariable(
                    name: Self.name("b[", tagged(supplier.id, t), "]"), upperBound: 1, kind: kind
                ).index
            }
            builds[position] = columns
            let built = open.compactMap { columns[$0] }
            guard !built.isEmpty else { continue }
            try program.addConstraint(
                columns: built, coefficients: built.map { _ in 1 }, lower: -.infinity, upper: 1,
                name: Self.name("build_once[", supplier.id, "]"))
            for t in open {
                let toDate = (project.earliest...t).compactMap { columns[$0] }
                let name = tagged(supplier.id, t)
                try program.addConstraint(
                    columns: [x(position, t)] + toDate,
                    coefficients: [1] + toDate.map { _ in -supplier.capacity(in: t) },
                    lower: -.infinity, upper: 0, name: Self.name("build_capacity[", name, "]"))
                if let reserved = r(position, t) {
                    try program.addConstraint(
                        columns: [reserved] + toDate, coefficients: [1] + toDate.map { _ in -supplier.surge },
                        lower: -.infinity, upper: 0, name: Self.name("build_surge[", name, "]"))
                }
            }
        }
    }

    /// Flows between consecutive stages, in every period. Without routes, flows are free and
    /// interchangeable, so one balance row (upstream output = sum of input_ratio x downstream
    /// output) is exactly equivalent to a flow column per supplier pair, at |up| + |down| nonzeros
    /// instead of |up| x |down| columns. Listed routes get arc columns and per-supplier rows.
    mutating func addFlowRows() throws {
        let routesByPair = Dictionary(grouping: model.routes.indices) { position -> String in
            let from = model.suppliers[index.supplierPosition[model.routes[position].from]!]
            return "\(from.commodity)\u{0}\(from.stage)"
        }
        for t in 0..<model.periodCount {
            for commodity in model.commodities {
                for (upstreamStage, downstreamStage) in zip(commodity.stages, commodity.stages.dropFirst()) {
                    // Every supplier of the stage, present or not: an absent one has no capacity.
                    let upstream = index.stageSuppliers(commodity.id, upstreamStage)
                    let downstream = index.stageSuppliers(commodity.id, downstreamStage)
                    if let routes = routesByPair["\(commodity.id)\u{0}\(upstreamStage)"], !routes.isEmpty {
                        try addRoutedFlows(routes: routes, upstream: upstream, downstream: downstream, period: t)
                    } else {
                        pooledStagePairs.append((commodity.id, upstreamStage, downstreamStage, t))
                        try program.addConstraint(
                            columns: upstream.map { x($0, t) } + downstream.map { x($0, t) },
                            coefficients: Array(repeating: 1, count: upstream.count)
                                + downstream.map { -model.suppliers[$0].inputRatio },
                            lower: 0, upper: 0,
                            name: Self.name(
                                "balance[", commodity.id, "/", upstreamStage, ">", downstreamStage,
                                model.periodLabel(t).map { "@\($0)" } ?? "", "]"))
                    }
                }
            }
        }
    }

    private mutating func addRoutedFlows(routes: [Int], upstream: [Int], downstream: [Int], period t: Int) throws {
        var outgoing: [Int: [Int]] = [:]
        var incoming: [Int: [Int]] = [:]
        for position in routes {
            let route = model.routes[position]
            let column = try program.addVariable(
                name: Self.name("f[", route.from, ">", tagged(route.to, t), "]")
            ).index
            arcs.append((position, t, column))
            outgoing[index.supplierPosition[route.from]!, default: []].append(column)
            incoming[index.supplierPosition[route.to]!, default: []].append(column)
        }
        for supplier in upstream {
            let arcsOut = outgoing[supplier] ?? []
            try program.addConstraint(
                columns: [x(supplier, t)] + arcsOut, coefficients: [1] + arcsOut.map { _ in -1 },
                lower: 0, upper: 0, name: Self.name("flow_out[", tagged(model.suppliers[supplier].id, t), "]"))
        }
        for supplier in downstream {
            let arcsIn = incoming[supplier] ?? []
            try program.addConstraint(
                columns: arcsIn + [x(supplier, t)],
                coefficients: arcsIn.map { _ in 1 } + [-model.suppliers[supplier].inputRatio],
                lower: 0, upper: 0, name: Self.name("flow_in[", tagged(model.suppliers[supplier].id, t), "]"))
        }
    }

    /// Stock levels I_{k,t} in [max(min_t, min_cover D_t), capacity], the last period's at least
    /// `final`. A lower bound above the capacity (a warning of `check`) is a row, so that the
    /// solver reports the policy infeasible.
    mutating func addStockColumns() throws {
        for pile in model.stockpiles {
            guard let commodity = model.commodity(named: pile.commodity) else { continue }
            var columns: [Int] = []
            for t in 0..<model.periodCount {
                let lower = pile.floor(in: t, of: model.periodCount, demand: commodity.demand(in: t))
                let upper = pile.capacity ?? .infinity
                let name = tagged(pile.id, t)
                let column = try program.addVariable(
                    name: Self.name("I[", name, "]"), lowerBound: lower <= upper ? lower : 0, upperBound: upper
                ).index
                if lower > upper {
                    try program.addConstraint(
                        columns: [column], coefficients: [1], lower: lower, upper: .infinity,
                        name: Self.name("stock_min[", name, "]"))
                }
                columns.append(column)
            }
            stock.append(columns)
        }
    }

    /// Exactly the demand is bought at the last stage, less any unmet demand z_{c,t}, plus what
    /// goes into stock: sum x + z - sum_k (I_{k,t} - I_{k,t-1}) = D_t (I_{k,0} = initial).
    mutating func addDemandRows() throws {
        for commodity in model.commodities {
            let last = index.stageSuppliers(commodity.id, commodity.lastStage)
            let piles = model.stockpiles.indices.filter { model.stockpiles[$0].commodity == commodity.id }
            var rows: [Int] = []
            for t in 0..<model.periodCount {
                var columns = last.map { x($0, t) }
                var coefficients = Array(repeating: 1.0, count: columns.count)
                if let z = shortfall[commodity.id]?[t] {
                    columns.append(z)
                    coefficients.append(1)
                }
                let demand = demandRowValue(commodity, t)
                for pile in piles {
                    columns.append(stock[pile][t])
                    coefficients.append(-1)
                    if t > 0 {
                        columns.append(stock[pile][t - 1])
                        coefficients.append(1)
                    }
                }
                rows.append(
                    try program.addConstraint(
                        columns: columns, coefficients: coefficients, lower: demand, upper: demand,
                        name: Self.name("demand[", tagged(commodity.id, t), "]")
                    ).index)
            }
            demandRows[commodity.id] = rows
        }
    }

    /// The right-hand side of a commodity's demand row in period `t`: its demand, less in the first
    /// period the stockpiles' initial levels (I_{k,0}, a constant).
    func demandRowValue(_ commodity: Commodity, _ t: Int) -> Double {
        var value = commodity.demand(in: t)
        if t == 0 { for pile in model.stockpiles where pile.commodity == commodity.id { value -= pile.initial } }
        return value
    }

    /// The unit cost of x_{i,t} in period t's objective (undiscounted): price with tariffs, carbon
    /// price, score deficits.
    func unitCost(_ position: Int, _ t: Int) -> Double {
        let supplier = model.suppliers[position]
        let weights = policy.weights(in: t)
        var cost = supplier.cost(in: t) * (1 + tariffRate(position, t))
        for score in Weights.termOrder where weights[score] > 0 { cost += weights.term(score, of: supplier) }
        return cost
    }

    /// The objective coefficient of x_{i,t}: its unit cost, discounted.
    func unitObjective(_ position: Int, _ t: Int) -> Double {
        let delta = model.discountFactor(t)
        return delta == 1 ? unitCost(position, t) : delta * unitCost(position, t)
    }

    /// A project's cost of building in period tau: capex then, and the fixed cost of every period
    /// from tau on, each discounted.
    func buildObjective(_ position: Int, _ tau: Int) -> Double {
        let supplier = model.suppliers[position]
        let capex = supplier.project?.capex ?? 0
        let fixed = (tau..<model.periodCount).reduce(0) { $0 + model.discountFactor($1) } * supplier.fixedCost
        return model.discountFactor(tau) * capex + fixed
    }

    /// sum_t delta_t * fixed_cost of every supplier that is not a project (a constant).
    var constantFixedCosts: Double {
        let discounted = (0..<model.periodCount).reduce(0) { $0 + model.discountFactor($1) }
        return model.suppliers.reduce(0) { $0 + ($1.project == nil ? $1.fixedCost : 0) } * discounted
    }

    mutating func setObjective() throws {
        var coefficients = [Double](repeating: 0, count: program.variableCount)
        for t in 0..<model.periodCount {
            let delta = model.discountFactor(t)
            for position in model.suppliers.indices {
                coefficients[x(position, t)] = unitObjective(position, t)
                if let r = r(position, t) { coefficients[r] = delta * model.suppliers[position].surgeFee }
            }
        }
        for arc in arcs { coefficients[arc.column] = model.discountFactor(arc.period) * model.routes[arc.route].cost }
        for commodity in model.commodities {
            for (t, z) in (shortfall[commodity.id] ?? []).enumerated() {
                coefficients[z] = model.discountFactor(t) * (commodity.shortfallPenalty ?? 0)
            }
        }
        for (position, columns) in builds {
            for (tau, column) in columns.enumerated() {
                if let column { coefficients[column] = buildObjective(position, tau) }
            }
        }
        for (pile, columns) in stock.enumerated() {
            for (t, column) in columns.enumerated() {
                coefficients[column] = model.discountFactor(t) * model.stockpiles[pile].holdingCost
            }
        }
        var objective = LinearExpression(constant: constantFixedCosts)
        for (column, coefficient) in coefficients.enumerated() where coefficient != 0 {
            objective.add(coefficient, try program.variable(at: column))
        }
        try program.minimize(objective)
    }
}
