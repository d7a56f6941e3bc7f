/// One commodity at one stage in one period: the unit in which shares, HHI, averages and
/// coverage are taken (tonnes of different commodities, or of different periods, are never pooled).
public struct ScopeKey: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var commodity: String
    public var stage: String
    /// The period's position (0 in a model without periods).
    public var period: Int
    /// The period's label, or nil in a model without periods (names then carry no period).
    public var periodLabel: String?
    /// Position of the scope in the model, for a stable order.
    var order: Int

    init(commodity: String, stage: String, period: Int = 0, periodLabel: String? = nil, order: Int) {
        self.commodity = commodity
        self.stage = stage
        self.period = period
        self.periodLabel = periodLabel
        self.order = order
    }

    /// `cobalt/refining`, or `cobalt/refining@2030` in a model with periods.
    public var description: String {
        periodLabel.map { "\(commodity)/\(stage)@\($0)" } ?? "\(commodity)/\(stage)"
    }

    public static func == (lhs: ScopeKey, rhs: ScopeKey) -> Bool {
        lhs.commodity == rhs.commodity && lhs.stage == rhs.stage && lhs.period == rhs.period
    }
    public func hash(into hasher: inout Hasher) {
        hasher.combine(commodity)
        hasher.combine(stage)
        hasher.combine(period)
    }
    /// Model order. Equality and hashing ignore `order` (a key built with `order: 0` finds the
    /// index's key), so only keys taken from `ModelIndex.scopes` compare meaningfully.
    public static func < (lhs: ScopeKey, rhs: ScopeKey) -> Bool { lhs.order < rhs.order }
}

/// Look-ups over a model, built once: ids to positions, suppliers by scope, country groups.
/// Everything iterates in the model's own order so output is byte-stable.
struct ModelIndex {
    let model: SourcingModel
    let supplierPosition: [String: Int]
    let countryPosition: [String: Int]
    /// Every scope of the model, commodities in file order, stages in their order.
    let scopes: [ScopeKey]
    let suppliersByScope: [ScopeKey: [Int]]
    let suppliersByStage: [String: [Int]]
    let groupsByCountry: [String: [String]]
    let groupNames: [String]
    let countryIDs: [String]
    let flags: Set<String>

    init(_ model: SourcingModel) {
        self.model = model
        supplierPosition = Dictionary(
            model.suppliers.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        countryPosition = Dictionary(
            model.countries.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        // Period by period, then commodities in file order, stages in their order.
        var scopes: [ScopeKey] = []
        for period in 0..<model.periodCount {
            for commodity in model.commodities {
                for stage in commodity.stages {
                    scopes.append(
                        ScopeKey(
                            commodity: commodity.id, stage: stage, period: period,
                            periodLabel: model.periodLabel(period), order: scopes.count))
                }
            }
        }
        self.scopes = scopes
        let scopeByName = Dictionary(scopes.map { ($0, $0) }, uniquingKeysWith: { first, _ in first })
        var byScope: [ScopeKey: [Int]] = [:]
        for period in 0..<model.periodCount {
            for (position, supplier) in model.suppliers.enumerated() {
                // With periods, a supplier belongs to a period's scope only while present there
                // (docs/model-language.md, "Plans over time"); without, always, as in one period.
                if model.hasPeriods && !supplier.isPresent(in: period) { continue }
                let key = ScopeKey(commodity: supplier.commodity, stage: supplier.stage, period: period, order: 0)
                guard let found = scopeByName[key] else { continue }
                byScope[found, default: []].append(position)
            }
        }
        suppliersByScope = byScope
        var byStage: [String: [Int]] = [:]
        let known = Set(scopes.filter { $0.period == 0 }.map { $0.commodity + "\u{0}" + $0.stage })
        for (position, supplier) in model.suppliers.enumerated() {
            let key = supplier.commodity + "\u{0}" + supplier.stage
            if known.contains(key) { byStage[key, default: []].append(position) }
        }
        suppliersByStage = byStage
        groupsByCountry = Dictionary(
            model.countries.map { ($0.id, $0.groups) }, uniquingKeysWith: { first, _ in first })
        var groups: [String] = []
        for country in model.countries {
            for group in country.groups where !groups.contains(group) { groups.append(group) }
        }
        groupNames = groups
        if model.countries.isEmpty {
            var seen: [String] = []
            for supplier in model.suppliers where !seen.contains(supplier.country) { seen.append(supplier.country) }
            countryIDs = seen
        } else {
            countryIDs = model.countries.map(\.id)
        }
        flags = Set(model.suppliers.flatMap(\.flags))
    }

    /// The suppliers of a scope: in a model with periods, those present in its period.
    func suppliers(in scope: ScopeKey) -> [Int] { suppliersByScope[scope] ?? [] }

    /// Every supplier of a commodity's stage, present or not (for the physical rows).
    func stageSuppliers(_ commodity: String, _ stage: String) -> [Int] {
        suppliersByStage[commodity + "\u{0}" + stage] ?? []
    }

    /// The scopes a filter allows, in model order.
    func scopes(_ filter: ScopeFilter) -> [ScopeKey] {
        scopes.filter {
            filter.includes(commodity: $0.commodity, stage: $0.stage) && filter.includes(period: $0.period)
        }
    }

    /// The scopes of period `t`.
    func scopes(in t: Int) -> ArraySlice<ScopeKey> {
        let perPeriod = scopes.count / model.periodCount
        return scopes[(t * perPeriod)..<((t + 1) * perPeriod)]
    }

    /// The scope of a supplier in period `t`.
    func scope(of supplier: Int, in t: Int = 0) -> ScopeKey? {
        let s = model.suppliers[supplier]
        return scopes(in: t).first { $0.commodity == s.commodity && $0.stage == s.stage }
    }

    /// The key of (commodity, stage) in period `t`, as `scopes` holds it.
    func scope(_ commodity: String, _ stage: String, in t: Int) -> ScopeKey {
        ScopeKey(commodity: commodity, stage: stage, period: t, periodLabel: model.periodLabel(t), order: 0)
    }

    /// The members of `kind` that supplier `position` belongs to (its id, its country, its
    /// country's groups, or its flags).
    func members(_ kind: SelectorKind, of position: Int) -> [String] {
        let supplier = model.suppliers[position]
        switch kind {
        case .supplier: return [supplier.id]
        case .country: return [supplier.country]
        case .group: return groupsByCountry[supplier.country] ?? []
        case .flag: return supplier.flags
        }
    }

    /// True when the supplier is picked by a named selector.
    func selects(_ kind: SelectorKind, _ names: [String], _ position: Int) -> Bool {
        let own = members(kind, of: position)
        return names.contains { own.contains($0) }
    }

    /// The members of `kind` present among `suppliers`, in first-appearance order.
    func presentMembers(_ kind: SelectorKind, among suppliers: [Int]) -> [String] {
        grouped(kind, among: suppliers).map(\.member)
    }

    /// The members of `kind` present among `suppliers` (first-appearance order), each with its
    /// suppliers among them, in one pass: filtering the scope once per member was quadratic
    /// (a tenth of formulating a 10,000-supplier model).
    func grouped(_ kind: SelectorKind, among suppliers: [Int]) -> [(member: String, suppliers: [Int])] {
        var slot: [String: Int] = [:]
        var groups: [(member: String, suppliers: [Int])] = []
        for position in suppliers {
            for member in members(kind, of: position) {
                if let k = slot[member] {
                    groups[k].suppliers.append(position)
                } else {
                    slot[member] = groups.count
                    groups.append((member, [position]))
                }
            }
        }
        return groups
    }

    /// Known names of a kind, for checks and suggestions.
    func knownNames(_ kind: SelectorKind) -> [String] {
        switch kind {
        case .supplier: return model.suppliers.map(\.id)
        case .country: return countryIDs
        case .group: return groupNames
        case .flag: return flags.sorted()
        }
    }

    func governance(of country: String) -> Double? {
        countryPosition[country].flatMap { model.countries[$0].governance }
    }
}
