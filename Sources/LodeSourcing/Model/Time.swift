// Time in a model (docs/model-language.md, "Plans over time"): the periods, the step functions
// that let a number change from one period to the next, candidate projects and stockpiles.
//
//   PeriodMap    {PERIOD: value} as a step function over period positions
//   Project      a supplier's capex, fixed cost, earliest period and build kind
//   Stockpile    stock of a commodity's last-stage product held from period to period
//   PeriodScope  a rule's `period:` (one label, a list, or all)
//   SourcingModel+Time: period labels, discount factors, data in a period
import Foundation

/// A step function over the model's periods: each value holds from its period until the next
/// listed one. Periods are positions 0..<n in the model's `periods`.
public struct PeriodMap: Sendable, Equatable {
    public struct Step: Sendable, Equatable {
        public var period: Int
        public var value: Double
    }

    /// Increasing periods, each once.
    public private(set) var steps: [Step]

    public init(_ steps: [Step]) {
        self.steps = steps.sorted { $0.period < $1.period }
    }

    /// A constant from the first period on.
    public init(constant value: Double) { steps = [Step(period: 0, value: value)] }

    /// The value in `period`, or nil before the first listed period.
    public func value(at period: Int) -> Double? {
        var found: Double?
        for step in steps {
            if step.period > period { break }
            found = step.value
        }
        return found
    }

    /// Sets the value that starts at `period`, adding the step when the map lacks it.
    public mutating func set(_ value: Double, at period: Int) {
        if let position = steps.firstIndex(where: { $0.period == period }) {
            steps[position].value = value
        } else {
            steps.append(Step(period: period, value: value))
            steps.sort { $0.period < $1.period }
        }
    }

    /// Every value the map takes.
    public var values: [Double] { steps.map(\.value) }
}

/// A candidate project: a supplier whose capacity exists only once it is built (capex > 0).
public struct Project: Sendable, Equatable {
    /// Currency, paid once in the period of building.
    public var capex: Double
    /// The first period (position) in which it can be built and deliver.
    public var earliest: Int
    /// All or nothing (a MIP) rather than any fraction.
    public var binary: Bool
}

/// Stock of a commodity's last-stage product, held at the end of each period.
public struct Stockpile: Sendable {
    public var id: String
    public var commodity: String
    public var initial: Double
    /// Most held; nil for unlimited.
    public var capacity: Double?
    /// Currency per unit held at the end of a period.
    public var holdingCost: Double
    /// Least held at the end of a period (a bound: nil before its first period).
    public var minimum: PeriodMap?
    /// Least held as a fraction of that period's demand.
    public var minCover: Double
    /// Least held at the end of the last period; nil means `initial`.
    public var final: Double?
    public var location: SourceLocation?

    public init(
        id: String, commodity: String, initial: Double = 0, capacity: Double? = nil, holdingCost: Double = 0,
        minimum: PeriodMap? = nil, minCover: Double = 0, final: Double? = nil, location: SourceLocation? = nil
    ) {
        self.id = id
        self.commodity = commodity
        self.initial = initial
        self.capacity = capacity
        self.holdingCost = holdingCost
        self.minimum = minimum
        self.minCover = minCover
        self.final = final
        self.location = location
    }

    /// The level the end of the last period must keep.
    public var finalLevel: Double { final ?? initial }

    /// The least level held at the end of period `t` of `count`: the larger of `min` and
    /// `min_cover` times that period's `demand`, and in the last period at least `final`.
    func floor(in t: Int, of count: Int, demand: Double) -> Double {
        let lower = max(minimum?.value(at: t) ?? 0, minCover * demand)
        return t == count - 1 ? max(lower, finalLevel) : lower
    }
}

/// A rule's `period:`: one period, a list (a pooled total), or all of them.
public enum PeriodScope: Sendable, Equatable {
    case one(Int)
    case list([Int])
    case all

    /// The periods it covers among `count`.
    func periods(count: Int) -> [Int] {
        switch self {
        case let .one(period): return [period]
        case let .list(periods): return periods
        case .all: return Array(0..<count)
        }
    }

    /// A list or `all`: a total over it is one pooled row.
    var pools: Bool {
        if case .one = self { return false }
        return true
    }
}

extension SourcingModel {
    /// How many periods the plan covers: 1 without `periods`.
    public var periodCount: Int { max(1, periods.count) }

    /// True when the model lists `periods` (then names and reports carry period labels).
    public var hasPeriods: Bool { !periods.isEmpty }

    /// The label of period `t` (`2030`), or nil in a model without periods.
    public func periodLabel(_ t: Int) -> String? { hasPeriods ? String(periods[t]) : nil }

    /// delta_t = (1 + r)^-(P_t - P_1); 1 without periods.
    public func discountFactor(_ t: Int) -> Double {
        guard hasPeriods, discountRate > 0 else { return 1 }
        return 1 / pow(1 + discountRate, Double(periods[t] - periods[0]))
    }

    /// The position of a period label, or nil.
    public func periodPosition(_ label: String) -> Int? {
        guard let year = Int(label) else { return nil }
        return periods.firstIndex(of: year)
    }
}

extension Commodity {
    /// Demand in period `t`.
    public func demand(in t: Int) -> Double { demandMap?.value(at: t) ?? demand }
}

extension Supplier {
    public func capacity(in t: Int) -> Double { capacityMap?.value(at: t) ?? capacity }
    public func cost(in t: Int) -> Double { costMap?.value(at: t) ?? cost }

    /// Present in period `t` of a model with periods: capacity above 0 and, for a project, from
    /// its earliest period on (built or not).
    func isPresent(in t: Int) -> Bool {
        capacity(in: t) > 0 && (project.map { t >= $0.earliest } ?? true)
    }
}

extension Policy {
    /// The weights in period `t`: each weight's map where it has one.
    public func weights(in t: Int) -> Weights {
        guard !weightMaps.isEmpty else { return weights }
        var result = weights
        for (score, map) in weightMaps { result[score] = map.value(at: t) ?? result[score] }
        return result
    }
}
