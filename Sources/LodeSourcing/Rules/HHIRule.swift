// hhi: concentration caps (docs/model-language.md, `hhi`).
//
//   keyword   hhi: country | supplier
//   fields    max (HHI points on the 0..10000 scale; no min), weighted: governance
//   formula   sum_k w_k q_k^2 <= H / 10000 with q_k = X_k / T, bounded conservatively by chords:
//             breakpoints t_j = j / K (K = settings.hhi_segments), v_k >= (t_j + t_{j+1}) X_k
//             - t_j t_{j+1} T for every j (so v_k >= q_k^2 T), and sum_k w_k v_k <= (H / 10000) T;
//             w_k = 1, or the country's governance when weighted
//   rows      hhi_chord[ID/scope/member/j] per member and segment, then
//             rule[ID][scope]: sum_k w_k v_k - (H / 10000) T <= 0 (its envelope kept for the plan)
//   sweeps    max: in place (T's coefficient)
//   reported  per row: slack in HHI points read from the envelope of the volumes, not the free v_k
import LodeLP

struct HHIRule: RuleKind {
    var basis: HHIBasis
    var max: Double
    var weighted: Bool

    static let keyword = "hhi"
    static let ownKeys = ["weighted"]
    static let valueFix = "say what the HHI is over: hhi: country or hhi: supplier"

    static func decode(_ value: Tree, _ fields: Fields, _ decoder: inout ModelDecoder) -> HHIRule? {
        let basis = decoder.word(value, field: fields.field(keyword), HHIBasis.self)
        decoder.refuseMin(fields, keyword: keyword)
        var weighted = false
        if let tree = fields["weighted"],
            let text = Fields.text(tree, field: fields.field("weighted"), log: &decoder.log)
        {
            if text == "governance" {
                weighted = true
            } else {
                decoder.log.error(
                    tree.location, fields.field("weighted"), "HHI can be weighted only by 'governance'",
                    fix: "write weighted: governance, or remove it")
            }
        }
        guard let max = decoder.requiredMax(fields, .positive) else { return nil }
        // A governance-weighted HHI exceeds 10000 where weights exceed 1 (docs/model-language.md, "Fine points").
        if max > 10000 && !weighted {
            decoder.log.error(
                fields["max"]!.location, fields.field("max"),
                "\(Override.format(max)) is above 10000, the HHI of a single source",
                fix: "use a cap on the 0..10000 scale, e.g. 2500")
            return nil
        }
        guard let basis else { return nil }
        return HHIRule(basis: basis, max: max, weighted: weighted)
    }

    func check(_ context: RuleCheckContext, _ decoder: inout ModelDecoder) {
        let index = context.index
        let segments = index.model.settings.hhiSegments
        guard weighted else {
            let floor = 10000.0 / Double(segments)
            if max < floor {
                decoder.log.error(
                    context.rule.location, "\(context.field).max",
                    "no HHI cap below \(Override.format(floor)) can be met: "
                        + "the piecewise-linear bound with hhi_segments = \(segments) "
                        + "counts every source as at least 1/\(segments) of the volume",
                    fix: "raise max to \(Override.format(floor)) or more, or raise settings.hhi_segments "
                        + "(the floor is 10000 / hhi_segments)")
            }
            return
        }
        let countries = index.presentMembers(.country, among: context.inScope)
        let lacking = countries.filter { index.governance(of: $0) == nil }
        if !lacking.isEmpty {
            decoder.log.error(
                context.rule.location, "\(context.field).weighted",
                "a governance-weighted HHI needs governance for countries "
                    + lacking.prefix(8).joined(separator: ", "),
                fix: "give every country in scope a governance weight (countries: ... governance: 0.6)")
            return
        }
        checkWeightedFloor(context, &decoder)
    }

    /// The envelope's floor for a governance-weighted cap: every v_k >= X_k / K, so
    /// sum_k w_k v_k >= (lowest weight present) T / K, and no cap below 10000 x that weight / K
    /// can be met in a scope. Exact as a bound on what can never be met (it is reached only with
    /// K or more sources of the lowest weight), so nothing a plan could meet is refused.
    private func checkWeightedFloor(_ context: RuleCheckContext, _ decoder: inout ModelDecoder) {
        let index = context.index
        let segments = index.model.settings.hhiSegments
        var worst: (scope: ScopeKey, weight: Double)?
        for scope in context.scopes {
            let countries = index.presentMembers(.country, among: index.suppliers(in: scope))
            let weights = countries.compactMap { index.governance(of: $0) }
            guard let lowest = weights.min() else { continue }
            if worst == nil || lowest > worst!.weight { worst = (scope, lowest) }
        }
        guard let worst else { return }
        let floor = 10000 * worst.weight / Double(segments)
        guard max < floor else { return }
        decoder.log.error(
            context.rule.location, "\(context.field).max",
            "no governance-weighted HHI cap below \(Override.format(floor)) "
                + "can be met in \(worst.scope): "
                + "the piecewise-linear bound with hhi_segments = \(segments) counts every source as at "
                + "least 1/\(segments) of the volume, "
                + "and the lowest governance weight there is \(Override.format(worst.weight))",
            fix: "raise max to \(Override.format(floor)) or more, or raise settings.hhi_segments "
                + "(the floor is 10000 x the lowest governance weight in the scope / hhi_segments)")
    }

    // MARK: Program

    var traits: RuleTraits { [] }

    func prepare(_ rule: Rule, suppliers inScope: [Int], period: Int, _ formulation: inout Formulation) {}

    /// The cap's scale: H is in points of 10000.
    static let factor = 1.0 / 10000

    /// The coefficient of T(c, s) in the cap row: - H / 10000.
    static func totalCoefficient(_ bound: Double) -> Double { -bound * factor }

    func write(into formulation: inout Formulation, rows: inout RuleRows, scopes: [ScopeKey]) throws {
        for scope in scopes { try write(scope, into: &formulation, rows: &rows) }
    }

    private func write(_ scope: ScopeKey, into formulation: inout Formulation, rows: inout RuleRows) throws {
        let segments = formulation.model.settings.hhiSegments
        let suppliers = formulation.index.suppliers(in: scope)
        let kind: SelectorKind = basis == .country ? .country : .supplier
        let total = try formulation.total(scope)
        let scopeName = scope.description
        var cap = RowBuilder()
        var weights: [Double] = []
        var volumes: [Int] = []
        var chord = RowBuilder(reservingCapacity: 3)
        for (member, picked) in formulation.index.grouped(kind, among: suppliers) {
            let volume = try formulation.volume(of: member, kind: kind, in: scope, suppliers: picked)
            let path = rows.rule.id + "/" + scopeName + "/" + member
            let v = try formulation.program.addVariable(name: Formulation.name("v[", path, "]")).index
            // The chords' names share their prefix: built once per member, not once per segment.
            let chordName = "hhi_chord[" + path + "/"
            for j in 0..<segments {
                let low = Double(j) / Double(segments)
                let high = Double(j + 1) / Double(segments)
                // v_k - (t_j + t_{j+1}) X_k + t_j t_{j+1} T >= 0
                chord.removeAll()
                chord.add(1, v)
                chord.add(-(low + high), volume)
                if low != 0 { chord.add(low * high, total) }
                try formulation.program.addConstraint(
                    chord, lower: 0, upper: .infinity,
                    name: Formulation.name(chordName, String(j), "]"))
            }
            var weight = 1.0
            if weighted {
                let positions = formulation.index.supplierPosition
                let country = basis == .country ? member : formulation.model.suppliers[positions[member]!].country
                weight = formulation.index.governance(of: country) ?? 1
            }
            // sum_k w_k v_k ...
            cap.add(weight, v)
            volumes.append(volume)
            weights.append(weight)
        }
        // ... - (H / 10000) T <= 0
        cap.add(Self.totalCoefficient(max), total)
        try formulation.addBoundRow(
            cap, total: total, factor: Self.factor, bound: max, sense: .max, scope: scope,
            member: nil, into: &rows)
        rows.rows[rows.rows.count - 1].envelope = .init(volumes: volumes, weights: weights, segments: segments)
    }

    // MARK: Sweeps

    static let fields: [Parameter.RuleField] = [.max]

    func check(_ value: Double, _ field: Parameter.RuleField, settings: Settings) -> String? {
        switch field {
        case .max:
            // A weighted HHI may exceed 10000 (docs/model-language.md, "Fine points"); a cap below its floor is
            // infeasible.
            if weighted { return value > 0 ? nil : "is not positive" }
            let floor = 10000 / Double(settings.hhiSegments)
            return value >= floor && value <= 10000
                ? nil : "is outside [\(Override.format(floor)), 10000] (the HHI floor is 10000 / hhi_segments)"
        case .min, .coverage, .rate, .atLeast: return Self.foreignField
        }
    }

    func setting(_ field: Parameter.RuleField, to value: Double?) -> HHIRule {
        var changed = self
        switch field {
        case .max: if let value { changed.max = value }
        case .min, .coverage, .rate, .atLeast: break
        }
        return changed
    }

    func bound(_ field: Parameter.RuleField) -> Double? { field == .max ? max : nil }

    func inPlaceChange(_ field: Parameter.RuleField) -> InPlaceChange? {
        switch field {
        case .max: return .totalCoefficient(sense: .max, coefficient: Self.totalCoefficient(max), bound: max)
        case .min, .coverage, .rate, .atLeast: return nil
        }
    }

    // MARK: Plan

    var reporting: RuleReporting { .rows }

    func describe() -> String {
        "\(weighted ? "governance-weighted " : "")HHI by \(basis.rawValue) <= \(PlanReader.number(max))"
    }

    func unit(currency: String) -> String { "\(currency) per HHI point" }

    func boundField(_ sense: RuleRows.Sense) -> Parameter.RuleField { .max }
}
