/// A policy with `extends` resolved: weights merged key by key (the child's win), rules of the
/// parents first.
public struct Policy: Sendable {
    public var id: String
    public var weights: Weights
    public var rules: [Rule]
    public var location: SourceLocation?
    /// Weights that change over time, by score (`weights` holds their first values).
    public var weightMaps: [Score: PeriodMap] = [:]
}

/// The objective's ESG weights: a carbon price (currency per t CO2e) and penalties per unit of
/// output per unit of score deficit (1 - score).
public struct Weights: Sendable, Equatable {
    public var carbon: Double = 0
    public var sustainability: Double = 0
    public var labor: Double = 0

    public init(carbon: Double = 0, sustainability: Double = 0, labor: Double = 0) {
        self.carbon = carbon
        self.sustainability = sustainability
        self.labor = labor
    }

    /// The weight of a score, so that code over `Score.allCases` handles every score.
    public subscript(score: Score) -> Double {
        get {
            switch score {
            case .carbon: return carbon
            case .sustainability: return sustainability
            case .labor: return labor
            }
        }
        set {
            switch score {
            case .carbon: carbon = newValue
            case .sustainability: sustainability = newValue
            case .labor: labor = newValue
            }
        }
    }

    /// The objective's term for one unit of `supplier`'s output under the weight of `score`:
    /// the carbon price times the intensity, or the penalty times the score's deficit.
    func term(_ score: Score, of supplier: Supplier) -> Double {
        switch score {
        case .carbon: return carbon * supplier.carbon
        case .sustainability: return sustainability * (1 - (supplier.sustainability ?? 0))
        case .labor: return labor * (1 - (supplier.labor ?? 0))
        }
    }

    /// The order in which the objective adds the terms: carbon first, then the scores in their
    /// declared order (the objective's bytes depend on it).
    static let termOrder: [Score] = [.carbon] + Score.allCases.filter { $0 != .carbon }
}

/// Which (commodity, stage) pairs a rule or scenario applies to; nil means all.
public struct ScopeFilter: Sendable, Equatable {
    public var commodities: [String]?
    public var stages: [String]?
    /// Period positions; nil means every period.
    public var periods: [Int]? = nil

    public init(commodities: [String]? = nil, stages: [String]? = nil) {
        self.commodities = commodities
        self.stages = stages
    }

    public func includes(commodity: String) -> Bool { commodities?.contains(commodity) ?? true }
    public func includes(stage: String) -> Bool { stages?.contains(stage) ?? true }
    public func includes(commodity: String, stage: String) -> Bool {
        includes(commodity: commodity) && includes(stage: stage)
    }
    public func includes(period: Int) -> Bool { periods?.contains(period) ?? true }
}

/// A policy rule: its identity, where it applies, and what it requires.
public struct Rule: Sendable {
    /// The `id` given, or `POLICY#N` (the writing policy and its 1-based position there).
    public var id: String
    /// The policy that wrote the rule (a parent, for inherited rules).
    public var policy: String
    /// 1 = most important; explanations relax higher numbers first.
    public var priority: Int
    public var scope: ScopeFilter
    /// What the rule requires: one of `RuleKinds.all` (Rules/, one file per kind).
    var kind: any RuleKind
    public var location: SourceLocation?
    /// `period:`; nil applies the rule in every period.
    public var periodScope: PeriodScope? = nil
    /// Bounds written as period maps (min, max, rate); the kind holds their first values.
    var boundMaps: [Parameter.RuleField: PeriodMap] = [:]

    /// The periods the rule applies in, among `count`.
    func periods(count: Int) -> [Int] { periodScope?.periods(count: count) ?? Array(0..<count) }

    /// The rule's kind with its bounds of period `t`, or nil when no bound applies then (periods
    /// before the first key of every bound map).
    func kind(in t: Int) -> (any RuleKind)? {
        guard !boundMaps.isEmpty else { return kind }
        var result = kind
        var unbounded = true
        for field in [Parameter.RuleField.min, .max, .rate] {
            if let map = boundMaps[field] {
                let value = map.value(at: t)
                result = result.setting(field, to: value)
                if value != nil { unbounded = false }
            } else if result.bound(field) != nil {
                unbounded = false
            }
        }
        return unbounded ? nil : result
    }
}

public enum HHIBasis: String, Sendable { case country, supplier }
public enum CountBasis: String, Sendable { case supplier, country }
public enum TotalKind: String, Sendable { case carbon, cost }

public enum Disruptions: Sendable {
    case scenarios([String])
    case each(SelectorKind)
}

/// What a selector names.
public enum SelectorKind: String, Sendable, CaseIterable {
    case supplier, country, group, flag
}

/// Picks a set of suppliers: by id, country, country group or flag (a list is the union), or
/// `each` member of a kind, which expands the rule once per member present in a scope.
public enum Selector: Sendable, Equatable {
    case named(SelectorKind, [String])
    case each(SelectorKind)

    public var description: String {
        switch self {
        case let .named(kind, names): return "\(kind.rawValue) \(names.joined(separator: ", "))"
        case let .each(kind): return "each \(kind.rawValue)"
        }
    }
}

extension SourcingModel {
    /// Every policy id, valid or invalid, in file order: what `compare` shows and the first of
    /// which commands solve by default. A model built in code without `policyOrder` has its
    /// policies' ids.
    public var allPolicyIDs: [String] { policyOrder.isEmpty ? policies.map(\.id) : policyOrder }
}
