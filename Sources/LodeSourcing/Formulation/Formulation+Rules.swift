import LodeLP

/// MODEL.md §4: each rule kind as one rewrite into rows and columns. A rule applies separately in
/// every (commodity, stage) scope its filters allow, except totals, which pool their scope.
extension Formulation {
    mutating func add(_ rule: Rule) throws {
        var rows = RuleRows(rule: rule)
        let scopes = index.scopes(rule.scope)
        switch rule.kind {
        case let .share(selector, min, max):
            try addShare(selector, min: min, max: max, scopes: scopes, into: &rows)
        case let .hhi(basis, max, weighted):
            for scope in scopes { try addHHI(basis, max: max, weighted: weighted, scope: scope, into: &rows) }
        case let .average(score, min, max):
            for scope in scopes { try addAverage(score, min: min, max: max, scope: scope, into: &rows) }
        case .screen, .exclude:
            // Bounds, not rows: prepareBoundsAndTariffs() set x_i <= 0 (and no surge column).
            rows.suppliers = model.suppliers.indices.filter { blockedBy[$0].contains(rule.id) }
        case let .tariff(.named(kind, names), _):
            rows.suppliers = scopes.flatMap { index.suppliers(in: $0) }.filter { index.selects(kind, names, $0) }
        case .tariff:
            break
        case let .total(kind, max):
            try addTotal(kind, max: max, scopes: scopes, into: &rows)
        case let .count(basis, min, max, atLeast):
            for scope in scopes { try addCount(basis, min: min, max: max, atLeast: atLeast, scope: scope, into: &rows) }
        case let .survive(disruptions, coverage):
            for scope in scopes { try addSurvive(disruptions, coverage: coverage, scope: scope, into: &rows) }
        }
        rules.append(rows)
    }

    private func rowName(_ rule: Rule, _ scope: ScopeKey?, _ member: String?, _ suffix: String = "") -> String {
        Self.name("rule[", rule.id, "]", scope.map { "[\($0)]" } ?? "", member.map { "[\($0)]" } ?? "", suffix)
    }

    /// Adds `sum(coefficients * columns) - bound * factor * T  (<= or >=)  0`.
    private mutating func addScaledRow(
        _ rows: inout RuleRows, scope: ScopeKey, member: String?, columns: [Int], coefficients: [Double],
        bound: Double, factor: Double, sense: RuleRows.Sense, suffix: String = ""
    ) throws {
        let totalColumn = try total(scope)
        let constraint = try program.addConstraint(
            columns: columns + [totalColumn], coefficients: coefficients + [-bound * factor],
            lower: sense == .min ? 0 : -.infinity, upper: sense == .max ? 0 : .infinity,
            name: rowName(rows.rule, scope, member, suffix))
        rows.rows.append(.init(constraint: constraint, scope: scope, member: member,
                               boundScale: .stageTotal(column: totalColumn, factor: factor), bound: bound, sense: sense))
    }

    // MARK: share — sum over A of x_i <= alpha T(c, s), >= beta T(c, s)

    private mutating func addShare(_ selector: Selector, min: Double?, max: Double?, scopes: [ScopeKey], into rows: inout RuleRows) throws {
        for scope in scopes {
            let suppliers = index.suppliers(in: scope)
            var groups: [(member: String?, picked: [Int])] = []
            switch selector {
            case let .named(kind, names):
                groups = [(nil, suppliers.filter { index.selects(kind, names, $0) })]
            case let .each(kind):
                groups = index.grouped(kind, among: suppliers).map { ($0.member, $0.suppliers) }
            }
            for group in groups {
                let columns = group.picked.map { output[$0] }
                let ones = Array(repeating: 1.0, count: columns.count)
                if let max {
                    try addScaledRow(&rows, scope: scope, member: group.member, columns: columns, coefficients: ones,
                                     bound: max, factor: 1, sense: .max, suffix: min == nil ? "" : "[max]")
                }
                if let min {
                    try addScaledRow(&rows, scope: scope, member: group.member, columns: columns, coefficients: ones,
                                     bound: min, factor: 1, sense: .min, suffix: max == nil ? "" : "[min]")
                }
            }
        }
    }

    // MARK: hhi — conservative piecewise-linear bound on sum_k w_k q_k^2

    /// With breakpoints t_j = j / K, v_k >= (t_j + t_{j+1}) X_k - t_j t_{j+1} T for every j
    /// (the chords of q^2 scaled by T, so v_k >= q_k^2 T), and sum_k w_k v_k <= (H / 10000) T.
    private mutating func addHHI(_ basis: HHIBasis, max: Double, weighted: Bool, scope: ScopeKey, into rows: inout RuleRows) throws {
        let segments = model.settings.hhiSegments
        let suppliers = index.suppliers(in: scope)
        let kind: SelectorKind = basis == .country ? .country : .supplier
        let totalColumn = try total(scope)
        let scopeName = scope.description
        var envelope: [Int] = []
        var weights: [Double] = []
        var volumes: [Int] = []
        for (member, picked) in index.grouped(kind, among: suppliers) {
            let volume = try volume(of: member, kind: kind, in: scope, suppliers: picked)
            let path = rows.rule.id + "/" + scopeName + "/" + member
            let v = try program.addVariable(name: Self.name("v[", path, "]")).index
            // The chords' names share their prefix: built once per member, not once per segment.
            let chord = "hhi_chord[" + path + "/"
            for j in 0..<segments {
                let low = Double(j) / Double(segments)
                let high = Double(j + 1) / Double(segments)
                try program.addConstraint(
                    columns: low == 0 ? [v, volume] : [v, volume, totalColumn],
                    coefficients: low == 0 ? [1, -(low + high)] : [1, -(low + high), low * high],
                    lower: 0, upper: .infinity,
                    name: Self.name(chord, String(j), "]"))
            }
            envelope.append(v)
            volumes.append(volume)
            if weighted {
                let country = basis == .country ? member : model.suppliers[index.supplierPosition[member]!].country
                weights.append(index.governance(of: country) ?? 1)
            } else {
                weights.append(1)
            }
        }
        try addScaledRow(&rows, scope: scope, member: nil, columns: envelope, coefficients: weights,
                         bound: max, factor: 1 / 10000, sense: .max)
        rows.rows[rows.rows.count - 1].envelope = .init(volumes: volumes, weights: weights, segments: segments)
    }

    // MARK: average — sum a_i x_i >= m T (scores), sum e_i x_i <= e T (carbon intensity)

    private mutating func addAverage(_ score: Score, min: Double?, max: Double?, scope: ScopeKey, into rows: inout RuleRows) throws {
        let suppliers = index.suppliers(in: scope)
        let columns = suppliers.map { output[$0] }
        let values = suppliers.map { model.suppliers[$0].score(score) ?? 0 }
        if let max {
            try addScaledRow(&rows, scope: scope, member: nil, columns: columns, coefficients: values,
                             bound: max, factor: 1, sense: .max, suffix: min == nil ? "" : "[max]")
        }
        if let min {
            try addScaledRow(&rows, scope: scope, member: nil, columns: columns, coefficients: values,
                             bound: min, factor: 1, sense: .min, suffix: max == nil ? "" : "[min]")
        }
    }

    // MARK: total — one pooled budget row over the scope

    /// Carbon: sum e_i x_i <= B. Cost: purchase with tariffs + freight into the scope's suppliers
    /// + surge fees <= B (not the ESG or shortfall penalties).
    private mutating func addTotal(_ kind: TotalKind, max: Double, scopes: [ScopeKey], into rows: inout RuleRows) throws {
        let suppliers = scopes.flatMap { index.suppliers(in: $0) }
        var columns: [Int] = []
        var coefficients: [Double] = []
        for position in suppliers {
            let supplier = model.suppliers[position]
            switch kind {
            case .carbon:
                columns.append(output[position])
                coefficients.append(supplier.carbon)
            case .cost:
                columns.append(output[position])
                coefficients.append(supplier.cost * (1 + tariffRate[position]))
                if let r = surge[position] {
                    columns.append(r)
                    coefficients.append(supplier.surgeFee)
                }
            }
        }
        if kind == .cost {
            let inScope = Set(suppliers)
            for arc in arcs where inScope.contains(index.supplierPosition[model.routes[arc.route].to]!) {
                columns.append(arc.column)
                coefficients.append(model.routes[arc.route].cost)
            }
        }
        let constraint = try program.addConstraint(columns: columns, coefficients: coefficients, lower: -.infinity, upper: max,
                                                   name: rowName(rows.rule, nil, nil))
        rows.rows.append(.init(constraint: constraint, scope: nil, member: nil, boundScale: .rightHandSide, bound: max, sense: .max))
    }

    // MARK: count — binaries: at least n members with a share >= at_least, at most n delivering

    private mutating func addCount(_ basis: CountBasis, min: Int?, max: Int?, atLeast: Double, scope: ScopeKey, into rows: inout RuleRows) throws {
        let kind: SelectorKind = basis == .country ? .country : .supplier
        let suppliers = index.suppliers(in: scope)
        let groups = index.grouped(kind, among: suppliers)
        if let min {
            // X_k - a T >= -M (1 - w_k) with M = a * (largest T): w_k = 1 forces a share >= a.
            let bigM = atLeast * largestTotal(scope)
            let totalColumn = try total(scope)
            var switches: [Int] = []
            for (member, picked) in groups {
                let volume = try volume(of: member, kind: kind, in: scope, suppliers: picked)
                let w = try program.addVariable(name: Self.name("w_min[", rows.rule.id, "/", scope.description, "/", member, "]"), kind: .binary).index
                try program.addConstraint(columns: [volume, totalColumn, w], coefficients: [1, -atLeast, -bigM], lower: -bigM, upper: .infinity,
                                          name: rowName(rows.rule, scope, member, "[qualifies]"))
                switches.append(w)
                rows.switches.append((scope, member, w))
            }
            let constraint = try program.addConstraint(columns: switches, coefficients: switches.map { _ in 1 }, lower: Double(min), upper: .infinity,
                                                       name: rowName(rows.rule, scope, nil, max == nil ? "" : "[min]"))
            rows.rows.append(.init(constraint: constraint, scope: scope, member: nil, boundScale: .rightHandSide, bound: Double(min), sense: .min))
        }
        if let max {
            // X_k <= U_k w_k with U_k the member's capacity in the scope; at most n switches on.
            var switches: [Int] = []
            for (member, picked) in groups {
                let volume = try volume(of: member, kind: kind, in: scope, suppliers: picked)
                let capacity = picked.reduce(0) { $0 + model.suppliers[$1].capacity }
                let w = try program.addVariable(name: Self.name("w_max[", rows.rule.id, "/", scope.description, "/", member, "]"), kind: .binary).index
                try program.addConstraint(columns: [volume, w], coefficients: [1, -capacity], lower: -.infinity, upper: 0,
                                          name: rowName(rows.rule, scope, member, "[delivers]"))
                switches.append(w)
                rows.switches.append((scope, member, w))
            }
            let constraint = try program.addConstraint(columns: switches, coefficients: switches.map { _ in 1 }, lower: -.infinity, upper: Double(max),
                                                       name: rowName(rows.rule, scope, nil, min == nil ? "" : "[max]"))
            rows.rows.append(.init(constraint: constraint, scope: scope, member: nil, boundScale: .rightHandSide, bound: Double(max), sense: .max))
        }
    }

    // MARK: survive — sum (1 - l_i)(x_i + r_i) >= gamma T under each disruption

    private mutating func addSurvive(_ disruptions: Disruptions, coverage: Double, scope: ScopeKey, into rows: inout RuleRows) throws {
        let suppliers = index.suppliers(in: scope)
        var cases: [(name: String, losses: [Double])] = []
        switch disruptions {
        case let .scenarios(ids):
            for id in ids {
                guard let scenario = model.scenarios.first(where: { $0.id == id }) else { continue }
                cases.append((id, suppliers.map { loss(of: scenario, on: $0) }))
            }
        case let .each(kind):
            let slot = Dictionary(uniqueKeysWithValues: suppliers.enumerated().map { ($1, $0) })
            for (member, hit) in index.grouped(kind, among: suppliers) {
                var losses = [Double](repeating: 0, count: suppliers.count)
                for position in hit { losses[slot[position]!] = 1 }
                cases.append((member, losses))
            }
        }
        for disruption in cases {
            let losses = disruption.losses
            // A disruption that hits no supplier here leaves sum x_i = T >= gamma T: nothing to add.
            guard losses.contains(where: { $0 > 0 }) else { continue }
            // sum (1 - l_i)(x_i + r_i) = T + R - sum l_i (x_i + r_i): only the suppliers hit appear,
            // so each supplier sits in about one row per rule instead of one per disruption.
            var columns = [try total(scope)]
            var coefficients = [1.0]
            if let surgeColumn = try surgeTotal(scope) {
                columns.append(surgeColumn)
                coefficients.append(1)
            }
            for (position, loss) in zip(suppliers, losses) where loss > 0 {
                columns.append(output[position])
                coefficients.append(-loss)
                if let r = surge[position] {
                    columns.append(r)
                    coefficients.append(-loss)
                }
            }
            try addScaledRow(&rows, scope: scope, member: disruption.name, columns: columns, coefficients: coefficients,
                             bound: coverage, factor: 1, sense: .min)
        }
    }

    /// A scenario's loss fraction for a supplier: the largest of the losses that apply, within the
    /// scenario's own stage and commodity filters.
    func loss(of scenario: Scenario, on position: Int) -> Double {
        let supplier = model.suppliers[position]
        guard scenario.scope.includes(commodity: supplier.commodity, stage: supplier.stage) else { return 0 }
        var largest = 0.0
        for loss in scenario.losses where index.members(loss.kind, of: position).contains(loss.name) {
            largest = Swift.max(largest, loss.fraction)
        }
        return largest
    }
}
