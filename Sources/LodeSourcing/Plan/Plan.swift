/// A solved sourcing plan (docs/model-language.md, "What a plan reports"), in the shape of Lode's
/// JSON output. Field names are the JSON keys (snake_case); the schema is documented in
/// docs/json-schema.md and kept stable.
/// A null range end means unbounded on that side.
public struct Plan: Sendable, Encodable {
    public var model: String
    public var policy: String
    public var currency: String
    public var status: PlanStatus
    public var solver: SolverReport
    @Nullable public var objective: Double?
    @Nullable public var costs: Costs?
    public var suppliers: [SupplierLine]
    public var flows: [FlowLine]
    public var pooledFlows: [PooledFlow]
    public var shortfalls: [Shortfall]
    public var scopes: [ScopeSummary]
    public var rules: [RuleReport]
    /// Per period: its label, discount factor and undiscounted costs (a model with periods only).
    public var periods: [PeriodLine]? = nil
    /// Per project and period: built then and to date (a model with projects only).
    public var projects: [ProjectLine]? = nil
    /// Per stockpile and period: the level held at the end (a model with stockpiles only).
    public var stockpiles: [StockLine]? = nil

    enum CodingKeys: String, CodingKey {
        case model, policy, currency, status, solver, objective, costs, suppliers, flows
        case pooledFlows = "pooled_flows", shortfalls, scopes, rules, periods, projects, stockpiles
    }

    /// True when the plan holds a feasible point (optimal, or stopped by a limit with one).
    public var hasPlan: Bool { status == .optimal || status == .feasible }
}

/// What became of a solve, for people and exit codes.
public enum PlanStatus: String, Sendable, Encodable {
    /// Proven optimal (a MIP: within its gap).
    case optimal
    /// A feasible plan, not proven optimal: a time limit stopped the search.
    case feasible
    /// No plan meets every rule.
    case infeasible
    /// The cost has no lower bound (impossible with finite capacities; kept for completeness).
    case unbounded
    /// A limit stopped the solver before it found any plan.
    case noPlan = "no_plan"
    /// The solver failed numerically.
    case failed
    /// The policy has errors (docs/model-language.md, "Fine points"), so it was not solved; only `compare` and `report`
    /// show such a policy, in a column with its first error.
    case invalid
}

public struct SolverReport: Sendable, Encodable {
    public var termination: String
    public var code: String
    public var message: String
    public var mip: Bool
    public var iterations: Int
    public var rows: Int
    public var columns: Int
    public var nonzeros: Int
}

/// The objective's parts (docs/model-language.md, "Weights"), in the model's currency.
public struct Costs: Sendable, Encodable {
    public var purchase: Double
    public var freight: Double
    public var tariffs: Double
    public var carbonPenalty: Double
    public var sustainabilityPenalty: Double
    public var laborPenalty: Double
    public var surgeFees: Double
    public var shortfallPenalty: Double
    public var objective: Double
    /// Projects' capex, fixed costs (of projects while built and of other suppliers every
    /// period) and stockpiles' holding costs: present only in a model with periods, projects,
    /// fixed costs or stockpiles.
    public var capex: Double? = nil
    public var fixedCosts: Double? = nil
    public var holdingCosts: Double? = nil

    enum CodingKeys: String, CodingKey {
        case purchase, freight, tariffs, carbonPenalty = "carbon_penalty", sustainabilityPenalty =
            "sustainability_penalty"
        case laborPenalty = "labor_penalty", surgeFees = "surge_fees", shortfallPenalty = "shortfall_penalty", objective
        case capex, fixedCosts = "fixed_costs", holdingCosts = "holding_costs"
    }

    static let zero = Costs(
        purchase: 0, freight: 0, tariffs: 0, carbonPenalty: 0, sustainabilityPenalty: 0, laborPenalty: 0,
        surgeFees: 0, shortfallPenalty: 0, objective: 0)

    /// Every part added in, `objective` aside: what a period's plan costs before discounting.
    var partsTotal: Double {
        purchase + freight + tariffs + carbonPenalty + sustainabilityPenalty + laborPenalty + surgeFees
            + shortfallPenalty + (capex ?? 0) + (fixedCosts ?? 0) + (holdingCosts ?? 0)
    }

    /// `self + factor * other`, part by part (the optional parts kept when either has them).
    func adding(_ other: Costs, times factor: Double) -> Costs {
        func sum(_ a: Double?, _ b: Double?) -> Double? {
            a == nil && b == nil ? nil : (a ?? 0) + factor * (b ?? 0)
        }
        var result = self
        result.purchase += factor * other.purchase
        result.freight += factor * other.freight
        result.tariffs += factor * other.tariffs
        result.carbonPenalty += factor * other.carbonPenalty
        result.sustainabilityPenalty += factor * other.sustainabilityPenalty
        result.laborPenalty += factor * other.laborPenalty
        result.surgeFees += factor * other.surgeFees
        result.shortfallPenalty += factor * other.shortfallPenalty
        result.capex = sum(capex, other.capex)
        result.fixedCosts = sum(fixedCosts, other.fixedCosts)
        result.holdingCosts = sum(holdingCosts, other.holdingCosts)
        return result
    }

    /// What is actually paid: purchase, freight, tariffs and surge fees (not the ESG or shortfall penalties).
    public var spend: Double { purchase + freight + tariffs + surgeFees }
}

public struct SupplierLine: Sendable, Encodable {
    public var id: String
    public var commodity: String
    public var stage: String
    public var country: String
    public var volume: Double
    /// Share of its stage's total.
    public var share: Double
    public var capacity: Double
    public var reservedSurge: Double
    /// Unit cost paid, tariffs included.
    public var unitCost: Double
    /// The period's label (a model with periods only).
    public var period: String? = nil

    enum CodingKeys: String, CodingKey {
        case id, commodity, stage, country, volume, share, capacity, reservedSurge = "reserved_surge", unitCost =
            "unit_cost", period
    }
}

/// One period of a plan over time: costs before discounting and the factor that discounts them.
public struct PeriodLine: Sendable, Encodable {
    public var period: String
    public var discountFactor: Double
    public var costs: Costs

    enum CodingKeys: String, CodingKey { case period, discountFactor = "discount_factor", costs }
}

/// A project in one period: the fraction built then (b) and to date (B), and what it costs then.
public struct ProjectLine: Sendable, Encodable {
    public var id: String
    /// nil in a model without periods.
    public var period: String?
    public var built: Double
    public var builtToDate: Double
    /// Capacity it makes available then (built to date times capacity).
    public var capacity: Double
    public var capex: Double
    public var fixedCost: Double

    enum CodingKeys: String, CodingKey {
        case id, period, built, builtToDate = "built_to_date", capacity, capex, fixedCost = "fixed_cost"
    }
}

/// A stockpile's level at the end of one period, and what holding it costs.
public struct StockLine: Sendable, Encodable {
    public var id: String
    public var commodity: String
    public var period: String?
    public var level: Double
    /// Level minus the level before (bought into stock when positive, released when negative).
    public var change: Double
    public var holdingCost: Double

    enum CodingKeys: String, CodingKey { case id, commodity, period, level, change, holdingCost = "holding_cost" }
}

public struct FlowLine: Sendable, Encodable {
    public var from: String
    public var to: String
    public var volume: Double
    public var unitCost: Double
    public var period: String? = nil

    enum CodingKeys: String, CodingKey { case from, to, volume, unitCost = "unit_cost", period }
}

/// Flows between two stages without routes are pooled: any upstream supplier may feed any
/// downstream one, so only the total is determined.
public struct PooledFlow: Sendable, Encodable {
    public var commodity: String
    public var fromStage: String
    public var toStage: String
    public var volume: Double
    public var period: String? = nil

    enum CodingKeys: String, CodingKey {
        case commodity, fromStage = "from_stage", toStage = "to_stage", volume, period
    }
}

public struct Shortfall: Sendable, Encodable {
    public var commodity: String
    public var unmet: Double
    public var period: String? = nil
}

/// One commodity at one stage: its total, concentration and ESG figures.
public struct ScopeSummary: Sendable, Encodable {
    public var commodity: String
    public var stage: String
    public var total: Double
    /// Share of the total by country (countries that deliver), 0...1.
    public var shares: [String: Double]
    /// Share of the total by country group, 0...1.
    public var groupShares: [String: Double]
    /// True HHI by country on the 0...10000 scale.
    public var hhi: Double
    /// True HHI by supplier.
    public var supplierHHI: Double
    /// Governance-weighted HHI by country, when every country carries a governance weight.
    @Nullable public var weightedHHI: Double?
    @Nullable public var averageSustainability: Double?
    @Nullable public var averageLabor: Double?
    /// t CO2e.
    public var carbon: Double
    /// t CO2e per unit.
    @Nullable public var carbonIntensity: Double?
    public var period: String? = nil

    enum CodingKeys: String, CodingKey {
        case period
        case commodity, stage, total, shares, groupShares = "group_shares", hhi, supplierHHI = "supplier_hhi"
        case weightedHHI = "weighted_hhi", averageSustainability = "average_sustainability"
        case averageLabor = "average_labor", carbon, carbonIntensity = "carbon_intensity"
    }
}

/// A rule in its own terms: whether it binds, by how much it is met, and what it costs.
public struct RuleReport: Sendable, Encodable {
    public var id: String
    public var policy: String
    public var kind: String
    public var description: String
    public var binding: Bool
    /// Distance from the bound in the rule's unit (share, HHI points, t CO2e...), the tightest row.
    @Nullable public var slack: Double?
    /// d objective / d bound, per 1.0 of the bound's unit; nil for a MIP or a rule without rows.
    @Nullable public var shadowPrice: Double?
    /// What one unit of `shadow_price` is.
    public var unit: String
    /// The bound's range over which the shadow price holds (a single-row rule of an LP).
    @Nullable public var range: ValueRange?
    /// Per member of an `each` rule, or per scope or disruption.
    public var rows: [RuleRowReport]
    /// Suppliers an exclusion or screen blocks, or a tariff applies to.
    @Nullable public var suppliers: [String]?

    enum CodingKeys: String, CodingKey {
        case id, policy, kind, description, binding, slack, shadowPrice = "shadow_price", unit, range, rows, suppliers
    }
}

public struct RuleRowReport: Sendable, Encodable {
    @Nullable public var commodity: String?
    @Nullable public var stage: String?
    @Nullable public var member: String?
    public var bound: Double
    public var binding: Bool
    @Nullable public var slack: Double?
    @Nullable public var shadowPrice: Double?
    @Nullable public var range: ValueRange?
    /// The row's period: absent without periods; null for a row pooled over several periods.
    public var period: String?? = nil

    enum CodingKeys: String, CodingKey {
        case commodity, stage, member, bound, binding, slack, shadowPrice = "shadow_price", range, period
    }
}

/// A closed range; nil ends are unbounded.
public struct ValueRange: Sendable, Encodable, Equatable {
    public var lower: Double?
    public var upper: Double?

    public init(lower: Double?, upper: Double?) {
        self.lower = lower
        self.upper = upper
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(lower, forKey: .lower)
        try container.encode(upper, forKey: .upper)
    }

    enum CodingKeys: String, CodingKey { case lower, upper }
}

/// Encodes nil as an explicit JSON `null`, so that every documented key is always present.
@propertyWrapper
public struct Nullable<Value: Encodable & Sendable>: Encodable, Sendable {
    public var wrappedValue: Value?

    public init(wrappedValue: Value?) {
        self.wrappedValue = wrappedValue
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if let wrappedValue { try container.encode(wrappedValue) } else { try container.encodeNil() }
    }
}

extension Nullable: Equatable where Value: Equatable {}
