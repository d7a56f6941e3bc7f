/// A sourcing model as the planner wrote it, read and checked: what is bought, from whom, and
/// under which policies. See docs/model-language.md for every field.
public struct SourcingModel: Sendable {
    public var name: String
    public var currency: String
    public var commodities: [Commodity]
    /// Empty when the model lists no countries (then groups and governance are unavailable).
    public var countries: [Country]
    public var suppliers: [Supplier]
    public var routes: [Route]
    public var scenarios: [Scenario]
    /// The policies in file order, with `extends` resolved (the valid ones: see `invalidPolicies`).
    public var policies: [Policy]
    /// Policies with an error in their weights, rules or `extends`, or extending such a policy,
    /// by id, each with its errors (docs/model-language.md, "Fine points": the policy is invalid, not the model).
    public var invalidPolicies: [String: [Diagnostic]] = [:]
    /// Every policy the file defines, valid or invalid, in file order (see `allPolicyIDs`).
    public var policyOrder: [String] = []
    public var settings: Settings
    /// Period labels (years by convention), increasing; empty for a one-period model.
    public var periods: [Int] = []
    /// Per year, for discounting (docs/model-language.md, "Plans over time").
    public var discountRate: Double = 0
    public var stockpiles: [Stockpile] = []
    /// Data sources named in the model (`sources:`), for reports.
    public var sources: [String]
    /// The model file it was read from.
    public var file: String

    public init(
        name: String, currency: String, commodities: [Commodity], countries: [Country], suppliers: [Supplier],
        routes: [Route], scenarios: [Scenario], policies: [Policy], settings: Settings, sources: [String], file: String
    ) {
        self.name = name
        self.currency = currency
        self.commodities = commodities
        self.countries = countries
        self.suppliers = suppliers
        self.routes = routes
        self.scenarios = scenarios
        self.policies = policies
        self.settings = settings
        self.sources = sources
        self.file = file
    }

    public func policy(named id: String) -> Policy? { policies.first { $0.id == id } }
    public func commodity(named id: String) -> Commodity? { commodities.first { $0.id == id } }
}

public struct Commodity: Sendable {
    public var id: String
    public var unit: String
    /// Units of the last stage's product per period.
    public var demand: Double
    /// Ordered stages; `["supply"]` when the file gives none.
    public var stages: [String]
    /// Currency per unit of unmet demand; nil means demand is hard.
    public var shortfallPenalty: Double?
    /// Demand period by period, when it changes over time (`demand` is then its first value).
    public var demandMap: PeriodMap? = nil

    public var lastStage: String { stages[stages.count - 1] }
}

public struct Country: Sendable {
    public var id: String
    public var name: String
    public var groups: [String]
    /// A governance risk weight (>= 0) for governance-weighted HHI.
    public var governance: Double?
}

public struct Supplier: Sendable {
    public var id: String
    public var commodity: String
    public var stage: String
    public var country: String
    public var capacity: Double
    public var cost: Double
    public var inputRatio: Double
    public var carbon: Double
    public var sustainability: Double?
    public var labor: Double?
    public var flags: [String]
    public var minOrder: Double
    public var surge: Double
    public var surgeFee: Double
    public var location: SourceLocation?
    /// Capacity and cost period by period, when they change (the scalars are then the first values).
    public var capacityMap: PeriodMap? = nil
    public var costMap: PeriodMap? = nil
    /// Currency per period: while built for a project, every period for any other supplier.
    public var fixedCost: Double = 0
    /// Set when the supplier is a candidate project (capex > 0).
    public var project: Project? = nil

    public func score(_ score: Score) -> Double? {
        switch score {
        case .sustainability: return sustainability
        case .labor: return labor
        case .carbon: return carbon
        }
    }
}

public struct Route: Sendable {
    public var from: String
    public var to: String
    public var cost: Double
    /// Where the route is written (nil when built in code).
    public var location: SourceLocation? = nil
}

/// A named disruption: loss fractions by selector, optionally limited to stages and commodities.
public struct Scenario: Sendable {
    public var id: String
    public var losses: [Loss]
    public var scope: ScopeFilter
    /// Where the scenario is written (nil when built in code).
    public var location: SourceLocation? = nil

    public struct Loss: Sendable {
        public var kind: SelectorKind
        public var name: String
        public var fraction: Double
        /// Where the name is written (nil when built in code).
        public var location: SourceLocation? = nil
    }
}

public struct Settings: Sendable {
    /// K of the piecewise-linear HHI bound.
    public var hhiSegments: Int = 20
    /// Seconds; nil for none.
    public var timeLimit: Double?
    public var mipGap: Double?

    public init(hhiSegments: Int = 20, timeLimit: Double? = nil, mipGap: Double? = nil) {
        self.hhiSegments = hhiSegments
        self.timeLimit = timeLimit
        self.mipGap = mipGap
    }
}

/// A supplier score used by weights and rules.
public enum Score: String, Sendable, CaseIterable {
    case sustainability, labor, carbon
}
