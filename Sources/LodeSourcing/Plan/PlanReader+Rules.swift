import LodeLP

/// Rules reported in their own terms. A bound that multiplies T(c, s) sits in the matrix, not the
/// right-hand side, so its shadow price is derived: d objective / d alpha = y * factor * T at the
/// optimum (y the row's dual, GLPK's convention: d objective / d right-hand side), and its range
/// is the right-hand-side range divided by factor * T (exact while T stays fixed, e.g. a last stage
/// with hard demand; a first-order estimate otherwise).
extension PlanReader {
    func ruleReport(_ rows: RuleRows, volumes: [Double]) -> RuleReport {
        let rule = rows.rule
        var report = RuleReport(
            id: rule.id, policy: rule.policy, kind: rule.keyword, description: Self.describe(rule), binding: false,
            slack: nil, shadowPrice: nil, unit: Self.unit(rule, currency: model.currency), range: nil, rows: [], suppliers: nil)
        let hasDuals = !solution.constraintDuals.isEmpty
        switch rule.kind {
        case .exclude, .screen:
            report.suppliers = rows.suppliers.map { model.suppliers[$0].id }
            // Binding when a blocked supplier would enter the plan if allowed (negative reduced cost).
            if hasDuals {
                report.binding = rows.suppliers.contains { (solution.reducedCosts[formulation.output[$0]]) < -1e-9 }
            }
            return report
        case .tariff:
            report.suppliers = rows.suppliers.map { model.suppliers[$0].id }
            // d objective / d rate = purchase cost of the tariffed suppliers (envelope theorem).
            let base = rows.suppliers.reduce(0) { $0 + model.suppliers[$1].cost * volumes[$1] }
            report.binding = base > 0
            report.shadowPrice = base
            return report
        default:
            break
        }
        var total = 0.0
        for row in rows.rows {
            let line = rowReport(row, envelope: rows.envelopes[row.constraint.index])
            report.rows.append(line)
            if line.binding { report.binding = true }
            if let slack = line.slack { report.slack = min(report.slack ?? slack, slack) }
            if let price = line.shadowPrice { total += price }
        }
        if hasDuals && !rows.rows.isEmpty { report.shadowPrice = total }
        if rows.rows.count == 1 { report.range = report.rows[0].range }
        return report
    }

    private func rowReport(_ row: RuleRows.Row, envelope: [(volume: Int, weight: Double)]?) -> RuleRowReport {
        let activity = solution.constraintActivities[row.constraint.index]
        var distance = row.sense == .max ? -activity : activity   // scaled rows: bound side is 0
        var slack: Double?
        var price: Double?
        var range: ValueRange?
        var binding: Bool
        let rhsRange = ranges[row.constraint.index]
        switch row.boundScale {
        case let .stageTotal(column, factor):
            let total = value(column)
            if let envelope {
                // An HHI row: the plan's piecewise envelope sum_k w_k max_j chord_j(X_k, T), not the
                // free columns v_k, which the solver may leave anywhere up to the cap.
                let spread = envelope.reduce(0) { $0 + $1.weight * chordEnvelope(value($1.volume), total) }
                distance = row.bound * factor * total - spread
            }
            if total > 0 { slack = Self.clean(distance / (factor * total)) }
            if let dual = solution.dual(row.constraint) { price = Self.clean(dual * factor * total) }
            if let rhsRange, total > 0 {
                let scale = factor * total
                range = ValueRange(lower: rhsRange.lowerLimit.isFinite ? row.bound + rhsRange.lowerLimit / scale : nil,
                                   upper: rhsRange.upperLimit.isFinite ? row.bound + rhsRange.upperLimit / scale : nil)
            }
        case .rightHandSide:
            slack = Self.clean(row.sense == .max ? row.bound - activity : activity - row.bound)
            price = solution.dual(row.constraint).map(Self.clean)
            if let rhsRange {
                range = ValueRange(lower: rhsRange.lowerLimit.isFinite ? rhsRange.lowerLimit : nil,
                                   upper: rhsRange.upperLimit.isFinite ? rhsRange.upperLimit : nil)
            }
        }
        // An LP row is binding when it is at its bound in the optimal basis (non-basic); a MIP's
        // when its slack is nil.
        binding = rhsRange?.isBinding ?? ((slack ?? 1) <= 1e-7)
        return RuleRowReport(commodity: row.scope?.commodity, stage: row.scope?.stage, member: row.member,
                             bound: row.bound, binding: binding, slack: slack, shadowPrice: price, range: range)
    }

    /// max over j of (t_j + t_{j+1}) X - t_j t_{j+1} T, with t_j = j / K (the chords of addHHI).
    private func chordEnvelope(_ volume: Double, _ total: Double) -> Double {
        let segments = model.settings.hhiSegments
        var largest = 0.0
        for j in 0..<segments {
            let low = Double(j) / Double(segments)
            let high = Double(j + 1) / Double(segments)
            largest = max(largest, (low + high) * volume - low * high * total)
        }
        return largest
    }

    func unsolvedRule(_ rows: RuleRows) -> RuleReport {
        RuleReport(id: rows.rule.id, policy: rows.rule.policy, kind: rows.rule.keyword, description: Self.describe(rows.rule),
                   binding: false, slack: nil, shadowPrice: nil, unit: Self.unit(rows.rule, currency: model.currency),
                   range: nil, rows: [], suppliers: nil)
    }

    /// The unit of a rule's shadow price: currency per 1.0 of the bound's own unit.
    static func unit(_ rule: Rule, currency: String) -> String {
        switch rule.kind {
        case .share: return "\(currency) per 1.0 of share"
        case .hhi: return "\(currency) per HHI point"
        case let .average(score, _, _): return score == .carbon ? "\(currency) per t CO2e/unit of intensity" : "\(currency) per 1.0 of average \(score.rawValue)"
        case .survive: return "\(currency) per 1.0 of coverage"
        case .total(.carbon, _): return "\(currency) per t CO2e"
        case .total(.cost, _): return "\(currency) per \(currency)"
        case .tariff: return "\(currency) per 1.0 of tariff rate"
        case .count: return "\(currency) per member"
        case .exclude, .screen: return "none (a bound, not a row)"
        }
    }

    /// A one-line statement of the rule for people.
    static func describe(_ rule: Rule) -> String {
        func bounds(_ min: Double?, _ max: Double?, percent: Bool = false) -> String {
            func format(_ value: Double) -> String { percent ? "\(Override.format(value * 100))%" : Override.format(value) }
            return [min.map { ">= \(format($0))" }, max.map { "<= \(format($0))" }].compactMap { $0 }.joined(separator: " and ")
        }
        var text: String
        switch rule.kind {
        case let .share(selector, min, max): text = "share of \(selector.description) \(bounds(min, max, percent: true))"
        case let .hhi(basis, max, weighted): text = "\(weighted ? "governance-weighted " : "")HHI by \(basis.rawValue) <= \(Override.format(max))"
        case let .average(score, min, max): text = "average \(score.rawValue) \(bounds(min, max))"
        case let .screen(score, minimum): text = "screen out \(score.rawValue) below \(Override.format(minimum))"
        case let .exclude(selector): text = "exclude \(selector.description)"
        case let .total(kind, max): text = "total \(kind.rawValue) <= \(Override.format(max))"
        case let .tariff(selector, rate): text = "tariff \(Override.format(rate * 100))% on \(selector.description)"
        case let .count(basis, min, max, atLeast):
            text = "number of \(basis.rawValue)s " + [min.map { ">= \($0) (each >= \(Override.format(atLeast * 100))%)" }, max.map { "<= \($0)" }].compactMap { $0 }.joined(separator: " and ")
        case let .survive(disruptions, coverage):
            switch disruptions {
            case let .scenarios(ids): text = "keep \(Override.format(coverage * 100))% under \(ids.joined(separator: ", "))"
            case let .each(kind): text = "keep \(Override.format(coverage * 100))% after losing any one \(kind.rawValue)"
            }
        }
        var scope: [String] = []
        if let commodities = rule.scope.commodities { scope.append(commodities.joined(separator: ",")) }
        if let stages = rule.scope.stages { scope.append(stages.joined(separator: ",")) }
        return scope.isEmpty ? text : "\(text) (\(scope.joined(separator: " ")))"
    }
}
