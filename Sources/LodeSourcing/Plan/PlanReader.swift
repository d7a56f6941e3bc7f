import LodeLP

/// Reads a solution back in the model's terms: the plan, its cost parts, concentration, ESG
/// figures, and every rule's shadow price in the rule's own unit.
struct PlanReader {
    let formulation: Formulation
    let solution: Solution
    /// Right-hand-side ranges of the rule rows, by row index (optimal LP only).
    let ranges: [Int: RightHandSideRange]
    /// Whether to read supplier lines and flows (see ``PlanOptions/lines``).
    var lines = true

    var model: SourcingModel { formulation.model }
    var index: ModelIndex { formulation.index }

    /// Values within this of zero are reported as zero (solver noise).
    static let tolerance = 1e-9

    static func clean(_ value: Double) -> Double { abs(value) < tolerance ? 0 : value }

    func value(_ column: Int) -> Double { Self.clean(solution.variableValues[column]) }

    func plan() -> Plan {
        let program = formulation.program
        let report = SolverReport(
            termination: solution.termination.rawValue, code: solution.solverCode.name,
            message: solution.solverCode.meaning,
            mip: solution.isMIP, iterations: solution.iterations,
            rows: program.constraintCount, columns: program.variableCount, nonzeros: program.nonzeroCount)
        var plan = Plan(
            model: model.name, policy: formulation.policy.id, currency: model.currency, status: status, solver: report,
            objective: nil, costs: nil, suppliers: [], flows: [], pooledFlows: [], shortfalls: [], scopes: [], rules: []
        )
        guard solution.hasFeasiblePoint, status == .optimal || status == .feasible else {
            plan.rules = formulation.rules.map { unsolvedRule($0) }
            return plan
        }
        let periods = 0..<model.periodCount
        let volumes = periods.map { t in model.suppliers.indices.map { value(formulation.x($0, t)) } }
        let totals = scopeTotals(volumes)
        let perPeriod = periods.map { costs(volumes[$0], in: $0) }
        plan.objective = solution.objectiveValue
        if model.hasPeriods {
            var total = Costs.zero
            for t in periods { total = total.adding(perPeriod[t], times: model.discountFactor(t)) }
            total.objective = solution.objectiveValue ?? 0
            plan.costs = total
            plan.periods = periods.map { t in
                var costs = perPeriod[t]
                costs.objective = costs.partsTotal
                return PeriodLine(
                    period: model.periodLabel(t) ?? "", discountFactor: model.discountFactor(t), costs: costs)
            }
        } else {
            var costs = perPeriod[0]
            costs.objective = solution.objectiveValue ?? 0
            plan.costs = costs
        }
        if lines {
            plan.suppliers = periods.flatMap { supplierLines(volumes[$0], totals: totals, in: $0) }
            plan.flows = flowLines()
        }
        plan.pooledFlows = formulation.pooledStagePairs.map { pair in
            PooledFlow(
                commodity: pair.commodity, fromStage: pair.from, toStage: pair.to,
                volume: totals[index.scope(pair.commodity, pair.from, in: pair.period)] ?? 0,
                period: model.periodLabel(pair.period))
        }
        plan.shortfalls = periods.flatMap { t in
            model.commodities.compactMap { commodity in
                formulation.shortfall[commodity.id].map {
                    Shortfall(commodity: commodity.id, unmet: value($0[t]), period: model.periodLabel(t))
                }
            }
        }
        plan.scopes = index.scopes.map { scopeSummary($0, volumes: volumes[$0.period], total: totals[$0] ?? 0) }
        plan.rules = formulation.rules.map { ruleReport($0, volumes: volumes) }
        if !formulation.builds.isEmpty { plan.projects = projectLines() }
        if !formulation.stock.isEmpty { plan.stockpiles = stockLines() }
        return plan
    }

    /// b_{i,t} and B_{i,t} of every project, in model order, period by period.
    private func projectLines() -> [ProjectLine] {
        var result: [ProjectLine] = []
        for (position, supplier) in model.suppliers.enumerated() {
            guard let columns = formulation.builds[position], let project = supplier.project else { continue }
            var toDate = 0.0
            for t in 0..<model.periodCount {
                let built = columns[t].map { value($0) } ?? 0
                toDate += built
                result.append(
                    ProjectLine(
                        id: supplier.id, period: model.periodLabel(t), built: built, builtToDate: Self.clean(toDate),
                        capacity: Self.clean(toDate * supplier.capacity(in: t)), capex: project.capex * built,
                        fixedCost: supplier.fixedCost * toDate))
            }
        }
        return result
    }

    private func stockLines() -> [StockLine] {
        var result: [StockLine] = []
        for (pile, columns) in formulation.stock.enumerated() {
            let stockpile = model.stockpiles[pile]
            var before = stockpile.initial
            for (t, column) in columns.enumerated() {
                let level = value(column)
                result.append(
                    StockLine(
                        id: stockpile.id, commodity: stockpile.commodity, period: model.periodLabel(t), level: level,
                        change: Self.clean(level - before), holdingCost: stockpile.holdingCost * level))
                before = level
            }
        }
        return result
    }

    private func flowLines() -> [FlowLine] {
        formulation.arcs.compactMap { arc in
            let volume = value(arc.column)
            guard volume > 0 else { return nil }
            let route = model.routes[arc.route]
            return FlowLine(
                from: route.from, to: route.to, volume: volume, unitCost: route.cost,
                period: model.periodLabel(arc.period))
        }
    }

    var status: PlanStatus {
        switch solution.termination {
        case .optimal, .gapLimit: return .optimal
        case .infeasible, .infeasibleOrUnbounded: return .infeasible
        case .unbounded: return .unbounded
        case .timeLimit, .iterationLimit: return solution.hasFeasiblePoint ? .feasible : .noPlan
        case .numericalFailure: return .failed
        }
    }

    private func scopeTotals(_ volumes: [[Double]]) -> [ScopeKey: Double] {
        var totals: [ScopeKey: Double] = [:]
        for scope in index.scopes {
            totals[scope] = index.suppliers(in: scope).reduce(0) { $0 + volumes[scope.period][$1] }
        }
        return totals
    }

    /// The cost parts of period `t`, undiscounted (`objective` left 0 for the caller).
    private func costs(_ volumes: [Double], in t: Int) -> Costs {
        let weights = formulation.policy.weights(in: t)
        let surge = formulation.surges[t]
        let rates = formulation.tariffRates[t]
        var costs = Costs.zero
        // Fields read in place rather than copying each supplier (a copy retains its strings and
        // arrays): this runs at every point of a sweep. Suppliers that deliver nothing add nothing.
        model.suppliers.withUnsafeBufferPointer { suppliers in
            for position in suppliers.indices where volumes[position] != 0 || surge[position] != nil {
                let volume = volumes[position]
                let cost = suppliers[position].cost(in: t)
                costs.purchase += cost * volume
                costs.tariffs += cost * rates[position] * volume
                costs.carbonPenalty += weights.carbon * suppliers[position].carbon * volume
                if weights.sustainability > 0 {
                    costs.sustainabilityPenalty +=
                        weights.sustainability * (1 - (suppliers[position].sustainability ?? 0)) * volume
                }
                if weights.labor > 0 {
                    costs.laborPenalty += weights.labor * (1 - (suppliers[position].labor ?? 0)) * volume
                }
                if let r = surge[position] { costs.surgeFees += suppliers[position].surgeFee * value(r) }
            }
        }
        for arc in formulation.arcs where arc.period == t {
            costs.freight += model.routes[arc.route].cost * value(arc.column)
        }
        for commodity in model.commodities {
            if let z = formulation.shortfall[commodity.id]?[t] {
                costs.shortfallPenalty += (commodity.shortfallPenalty ?? 0) * value(z)
            }
        }
        if formulation.reportsTimeCosts {
            var capex = 0.0
            var fixed = 0.0
            for (position, supplier) in model.suppliers.enumerated() {
                guard let project = supplier.project else {
                    fixed += supplier.fixedCost
                    continue
                }
                let columns = formulation.builds[position] ?? []
                if let b = columns[t] { capex += project.capex * value(b) }
                let toDate = columns[0...t].reduce(0) { $0 + ($1.map { value($0) } ?? 0) }
                fixed += supplier.fixedCost * toDate
            }
            let holding = formulation.stock.enumerated().reduce(0) {
                $0 + model.stockpiles[$1.offset].holdingCost * value($1.element[t])
            }
            costs.capex = capex
            costs.fixedCosts = fixed
            costs.holdingCosts = holding
        }
        return costs
    }

    private func supplierLines(_ volumes: [Double], totals: [ScopeKey: Double], in t: Int) -> [SupplierLine] {
        model.suppliers.enumerated().map { position, supplier in
            let total = totals[index.scope(supplier.commodity, supplier.stage, in: t)] ?? 0
            return SupplierLine(
                id: supplier.id, commodity: supplier.commodity, stage: supplier.stage, country: supplier.country,
                volume: volumes[position], share: total > 0 ? volumes[position] / total : 0,
                capacity: supplier.capacity(in: t),
                reservedSurge: formulation.r(position, t).map { value($0) } ?? 0,
                unitCost: supplier.cost(in: t) * (1 + formulation.tariffRate(position, t)), period: model.periodLabel(t)
            )
        }
    }

    private func scopeSummary(_ scope: ScopeKey, volumes: [Double], total: Double) -> ScopeSummary {
        let suppliers = index.suppliers(in: scope)
        // Sums run in the suppliers' order (never a dictionary's), so the same input gives the same bytes.
        var byCountry: [String: Double] = [:]
        var countryOrder: [String] = []
        var byGroup: [String: Double] = [:]
        var carbon = 0.0
        var supplierHHI = 0.0
        model.suppliers.withUnsafeBufferPointer { all in
            for position in suppliers where volumes[position] > 0 {
                let country = all[position].country
                if byCountry[country] == nil { countryOrder.append(country) }
                byCountry[country, default: 0] += volumes[position]
                for group in index.groupsByCountry[country] ?? [] { byGroup[group, default: 0] += volumes[position] }
                carbon += all[position].carbon * volumes[position]
                if total > 0 { supplierHHI += 10000 * (volumes[position] / total) * (volumes[position] / total) }
            }
        }
        let shares = total > 0 ? byCountry.mapValues { $0 / total } : [:]
        let hhi = countryOrder.reduce(0) { $0 + 10000 * shares[$1, default: 0] * shares[$1, default: 0] }
        var weighted: Double?
        if !model.countries.isEmpty, countryOrder.allSatisfy({ index.governance(of: $0) != nil }) {
            weighted = countryOrder.reduce(0) {
                $0 + 10000 * (index.governance(of: $1) ?? 0) * shares[$1, default: 0] * shares[$1, default: 0]
            }
        }
        func average(_ score: Score) -> Double? {
            let delivering = suppliers.filter { volumes[$0] > 0 }
            return model.suppliers.withUnsafeBufferPointer { all in
                guard total > 0, !delivering.isEmpty, delivering.allSatisfy({ all[$0].score(score) != nil }) else {
                    return nil
                }
                return delivering.reduce(0) { $0 + (all[$1].score(score) ?? 0) * volumes[$1] } / total
            }
        }
        return ScopeSummary(
            commodity: scope.commodity, stage: scope.stage, total: total, shares: shares,
            groupShares: total > 0 ? byGroup.mapValues { $0 / total } : [:], hhi: hhi, supplierHHI: supplierHHI,
            weightedHHI: weighted, averageSustainability: average(.sustainability), averageLabor: average(.labor),
            carbon: carbon, carbonIntensity: total > 0 ? carbon / total : nil, period: scope.periodLabel)
    }
}
