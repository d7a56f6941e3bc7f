import Foundation
import LodeLP

/// Rules reported in their own terms. A bound that multiplies T(c, s) sits in the matrix, not the
/// right-hand side, so its shadow price is derived: d objective / d alpha = y * factor * T at the
/// optimum (y the row's dual, GLPK's convention: d objective / d right-hand side), and its range
/// is the right-hand-side range divided by factor * T (exact while T stays fixed, e.g. a last stage
/// with hard demand; a first-order estimate otherwise).
extension PlanReader {
    func ruleReport(_ rows: RuleRows, volumes: [[Double]]) -> RuleReport {
        let rule = rows.rule
        var report = RuleReport(
            id: rule.id, policy: rule.policy, kind: rule.keyword,
            description: Self.describe(rule, periods: model.periods), binding: false,
            slack: nil, shadowPrice: nil, unit: Self.unit(rule, currency: model.currency), range: nil, rows: [],
            suppliers: nil)
        let hasDuals = !solution.constraintDuals.isEmpty
        switch rule.kind.reporting {
        case .blockedSuppliers:
            report.suppliers = rows.suppliers.map { model.suppliers[$0].id }
            // Binding when a blocked supplier would enter the plan if allowed (negative reduced cost).
            if hasDuals {
                report.binding = rows.actedOn.contains {
                    solution.reducedCosts[formulation.x($0.supplier, $0.period)] < -1e-9
                }
            }
            return report
        case .tariffedSuppliers:
            report.suppliers = rows.suppliers.map { model.suppliers[$0].id }
            // The objective holds delta_t p_{i,t} (1 + tau) x_{i,t}: d / d tau is the discounted purchase cost.
            let base = rows.actedOn.reduce(0) {
                $0 + model.discountFactor($1.period) * model.suppliers[$1.supplier].cost(in: $1.period)
                    * volumes[$1.period][$1.supplier]
            }
            report.binding = base > 0
            // A MIP has no duals, so no shadow price (as its other rules).
            if hasDuals { report.shadowPrice = tariffPrice(rows.actedOn, base: base, volumes: volumes) }
            return report
        case .rows, .counted:
            break
        }
        var total = 0.0
        for row in rows.rows {
            let line = rowReport(row, rule: rule, volumes: volumes)
            report.rows.append(line)
            if line.binding { report.binding = true }
            if let slack = line.slack { report.slack = min(report.slack ?? slack, slack) }
            if let price = line.shadowPrice { total += price }
        }
        if hasDuals && !rows.rows.isEmpty { report.shadowPrice = total }
        if rows.rows.count == 1 { report.range = report.rows[0].range }
        return report
    }

    /// d objective / d rate by the envelope theorem (docs/model-language.md, "Fine points"). The
    /// rate enters the objective as delta_t p_i x_i per tariffed supplier and period, and every
    /// `total: cost` row with p_i (1 + tau) x_i (undiscounted): so the derivative is their
    /// discounted purchase cost, minus for each cost row its dual y (GLPK's convention,
    /// d objective / d budget, <= 0 when the budget binds) times their purchase cost in that row.
    private func tariffPrice(_ tariffed: [(supplier: Int, period: Int)], base: Double, volumes: [[Double]]) -> Double {
        var price = base
        for budget in formulation.rules where budget.rule.kind.traits.contains(.costBudget) {
            let scopes = index.scopes(budget.rule.scope)
            for row in budget.rows {
                guard let dual = solution.dual(row.constraint), dual != 0 else { continue }
                // The row's suppliers: of its period, or of every period it pools.
                let covered = Set(
                    scopes.filter { row.period == nil || $0.period == row.period }
                        .flatMap { scope in index.suppliers(in: scope).map { [$0, scope.period] } })
                let cost = tariffed.reduce(0) {
                    covered.contains([$1.supplier, $1.period])
                        ? $0 + model.suppliers[$1.supplier].cost(in: $1.period) * volumes[$1.period][$1.supplier] : $0
                }
                price -= dual * cost
            }
        }
        return Self.clean(price)
    }

    /// A `count` row read from the plan (docs/model-language.md, "Fine points"), not from its binaries: for `min`, the
    /// members delivering at least at_least of T minus n; for `max`, n minus the members delivering
    /// anything. A member delivers when its volume is above ``tolerance`` (as everywhere in a plan:
    /// smaller values read as 0), and meets at_least within 1e-7 of a share (the tolerance that
    /// makes a share row binding). Binding at slack 0; never where nothing is delivered.
    private func countRow(_ row: RuleRows.Row, basis: CountBasis, atLeast: Double, volumes all: [[Double]])
        -> RuleRowReport
    {
        let suppliers = row.scope.map { index.suppliers(in: $0) } ?? []
        let volumes = all[row.scope?.period ?? 0]
        let total = suppliers.reduce(0) { $0 + volumes[$1] }
        let members = index.grouped(basis == .country ? .country : .supplier, among: suppliers)
            .map { member in member.suppliers.reduce(0) { $0 + volumes[$1] } }
        var slack: Double?
        switch row.sense {
        case .min:
            let qualifying = members.filter { $0 > 0 && $0 >= (atLeast - 1e-7) * total }.count
            if total > 0 { slack = Double(qualifying) - row.bound }
        case .max:
            slack = row.bound - Double(members.filter { $0 > 0 }.count)
        }
        return RuleRowReport(
            commodity: row.scope?.commodity, stage: row.scope?.stage, member: row.member,
            bound: row.bound, binding: total > 0 && (slack ?? 1) <= 0, slack: slack,
            shadowPrice: solution.dual(row.constraint).map(Self.clean), range: nil,
            period: rowPeriod(row))
    }

    /// An `hhi` row's slack in HHI points from the plan's piecewise-linear envelope (docs/model-language.md, "Fine
    /// points"):
    /// H - 10000 * sum_k w_k max_j((t_j + t_{j+1}) X_k - t_j t_{j+1} T) / T, with the formulation's
    /// members, weights and segments; nil where nothing is delivered.
    private func envelopeSlack(_ envelope: RuleRows.HHIEnvelope, bound: Double, total: Double) -> Double? {
        guard total > 0 else { return nil }
        let segments = Double(envelope.segments)
        var sum = 0.0
        for (column, weight) in zip(envelope.volumes, envelope.weights) {
            let volume = value(column)
            guard volume > 0, weight != 0 else { continue }  // the chord of [0, t_1] gives 0 there
            var largest = -Double.infinity
            for j in 0..<envelope.segments {
                let low = Double(j) / segments
                let high = Double(j + 1) / segments
                largest = max(largest, (low + high) * volume - low * high * total)
            }
            sum += weight * largest
        }
        return bound - 10000 * sum / total
    }

    private func rowReport(_ row: RuleRows.Row, rule: Rule, volumes: [[Double]]) -> RuleRowReport {
        if case let .counted(basis, atLeast) = rule.kind.reporting {
            return countRow(row, basis: basis, atLeast: atLeast, volumes: volumes)
        }
        let activity = solution.constraintActivities[row.constraint.index]
        let distance = row.sense == .max ? -activity : activity  // scaled rows: bound side is 0
        var slack: Double?
        var price: Double?
        var range: ValueRange?
        var binding: Bool
        let rhsRange = ranges[row.constraint.index]
        // A row in a scope where nothing is delivered never binds, whatever the basis says.
        var delivered = true
        switch row.boundScale {
        case let .stageTotal(column, factor):
            let total = value(column)
            delivered = total > 0
            if let envelope = row.envelope {
                slack = envelopeSlack(envelope, bound: row.bound, total: total).map(Self.clean)
            } else if total > 0 {
                slack = Self.clean(distance / (factor * total))
            }
            if let dual = solution.dual(row.constraint) { price = Self.clean(dual * factor * total) }
            if let rhsRange, total > 0 {
                let scale = factor * total
                range = ValueRange(
                    lower: rhsRange.lowerLimit.isFinite ? row.bound + rhsRange.lowerLimit / scale : nil,
                    upper: rhsRange.upperLimit.isFinite ? row.bound + rhsRange.upperLimit / scale : nil)
            }
        case .rightHandSide:
            slack = Self.clean(row.sense == .max ? row.bound - activity : activity - row.bound)
            price = solution.dual(row.constraint).map(Self.clean)
            if let rhsRange {
                range = ValueRange(
                    lower: rhsRange.lowerLimit.isFinite ? rhsRange.lowerLimit : nil,
                    upper: rhsRange.upperLimit.isFinite ? rhsRange.upperLimit : nil)
            }
        }
        // An LP row is binding when it is at its bound in the optimal basis (non-basic); a MIP's
        // when its slack is within 1e-7 of the bound's full scale (1.0 of a share; 10000 HHI points).
        // An HHI row also needs its envelope at the cap: the solver may leave the v_k above the
        // envelope with the row at its bound (a warm re-solve after loosening the cap does).
        if row.envelope != nil {
            binding = (rhsRange?.isBinding ?? true) && (slack ?? 1) <= 1e-7 * Swift.max(10000, row.bound)
        } else {
            binding = rhsRange?.isBinding ?? ((slack ?? 1) <= 1e-7)
        }
        binding = binding && delivered
        return RuleRowReport(
            commodity: row.scope?.commodity, stage: row.scope?.stage, member: row.member,
            bound: row.bound, binding: binding, slack: slack, shadowPrice: price, range: range,
            period: rowPeriod(row))
    }

    func unsolvedRule(_ rows: RuleRows) -> RuleReport {
        RuleReport(
            id: rows.rule.id, policy: rows.rule.policy, kind: rows.rule.keyword,
            description: Self.describe(rows.rule, periods: model.periods),
            binding: false, slack: nil, shadowPrice: nil, unit: Self.unit(rows.rule, currency: model.currency),
            range: nil, rows: [], suppliers: nil)
    }

    /// A row's period label for the plan: absent without periods, null for a pooled row.
    func rowPeriod(_ row: RuleRows.Row) -> String?? {
        model.hasPeriods ? .some(row.period.flatMap { model.periodLabel($0) }) : nil
    }

    /// The unit of a rule's shadow price: currency per 1.0 of the bound's own unit (each kind's own, Rules/).
    static func unit(_ rule: Rule, currency: String) -> String { rule.kind.unit(currency: currency) }

    /// A number for a description: whole numbers as such, others with at most 12 significant digits
    /// and the shortest decimal that reads back as that (so 0.533 * 100 prints 53.3, not
    /// 53.300000000000004; a binary artefact sits in the 16th digit, a number people type well before).
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return String(value) }
        return PlainNumber.text(Double(String(format: "%.12g", value)) ?? value)
    }

    /// A count rule's members in the plural: suppliers, countries, groups.
    static func plural(_ noun: String) -> String {
        let vowelY = noun.hasSuffix("ay") || noun.hasSuffix("ey") || noun.hasSuffix("oy")
        return noun.hasSuffix("y") && !vowelY ? String(noun.dropLast()) + "ies" : noun + "s"
    }

    /// A one-line statement of the rule for people: its kind's statement (Rules/), then its scope.
    static func describe(_ rule: Rule, periods labels: [Int] = []) -> String {
        var text = rule.kind.describe()
        // Bounds that step over time: the statement from each step on.
        let starts = Set(rule.boundMaps.values.flatMap { $0.steps.map(\.period) }).sorted()
        if !starts.isEmpty, starts.allSatisfy({ $0 < labels.count }) {
            text = starts.compactMap { t in rule.kind(in: t).map { "from \(labels[t]): \($0.describe())" } }
                .joined(separator: "; ")
        }
        var scope: [String] = []
        if let commodities = rule.scope.commodities { scope.append(commodities.joined(separator: ",")) }
        if let stages = rule.scope.stages { scope.append(stages.joined(separator: ",")) }
        switch rule.periodScope {
        case let .one(t)? where t < labels.count: scope.append("in \(labels[t])")
        case let .list(ts)? where ts.allSatisfy({ $0 < labels.count }):
            scope.append("pooled over \(ts.map { String(labels[$0]) }.joined(separator: ","))")
        case .all? where !labels.isEmpty && rule.kind.traits.contains(.poolsPeriods):
            scope.append("pooled over all periods")
        default: break
        }
        return scope.isEmpty ? text : "\(text) (\(scope.joined(separator: " ")))"
    }
}
