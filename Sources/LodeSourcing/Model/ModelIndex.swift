/// One commodity at one stage: the unit in which shares, HHI, averages and coverage are taken
/// (tonnes of different commodities are never pooled).
public struct ScopeKey: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var commodity: String
    public var stage: String
    /// Position of the commodity and stage in the model, for a stable order.
    var order: Int

    public var description: String { "\(commodity)/\(stage)" }

    public static func == (lhs: ScopeKey, rhs: ScopeKey) -> Bool {
        lhs.commodity == rhs.commodity && lhs.stage == rhs.stage
    }
    public func hash(into hasher: inout Hasher) {
        hasher.combine(commodity)
        hasher.combine(stage)
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
        var scopes: [ScopeKey] = []
        for commodity in model.commodities {
            for stage in commodity.stages {
                scopes.append(ScopeKey(commodity: commodity.id, stage: stage, order: scopes.count))
            }
        }
        self.scopes = scopes
        let scopeByName = Dictionary(scopes.map { ($0, $0) }, uniquingKeysWith: { first, _ in first })
        var byScope: [ScopeKey: [Int]] = [:]
        for (position, supplier) in model.suppliers.enumerated() {
            guard let key = scopeByName[ScopeKey(commodity: supplier.commodity, stage: supplier.stage, order: 0)] else {
                continue
            }
            byScope[key, default: []].append(position)
        }
        suppliersByScope = byScope
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

    func suppliers(in scope: ScopeKey) -> [Int] { suppliersByScope[scope] ?? [] }

    /// The scopes a filter allows, in model order.
    func scopes(_ filter: ScopeFilter) -> [ScopeKey] {
        scopes.filter { filter.includes(commodity: $0.commodity, stage: $0.stage) }
    }

    func scope(of supplier: Int) -> ScopeKey? {
        let s = model.suppliers[supplier]
        return scopes.first { $0.commodity == s.commodity && $0.stage == s.stage }
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
