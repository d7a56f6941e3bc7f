import LodeLP

/// A generated transportation LP: `sources` x `sinks` arcs, each in one supply and one demand
/// row, so 2 x sources x sinks nonzeros. Deterministic for a seed.
public struct TransportationLP: Sendable {
    public var model = LinearModel()
    public var supplies: [ConstraintRef] = []
    public var demands: [ConstraintRef] = []
    public let demand: [Double]

    /// Sizes whose nonzeros are about 10k, 100k and 1M.
    public static let sizes: [(name: String, sources: Int, sinks: Int)] = [
        ("10k", 50, 100), ("100k", 158, 316), ("1M", 500, 1000),
    ]

    public init(sources: Int, sinks: Int, seed: UInt64 = 1) throws {
        var random = SplitMix64(seed: seed)
        demand = (0..<sinks).map { _ in Double(10 + random.next() % 91) }
        let total = demand.reduce(0, +)
        let supply = (0..<sources).map { _ in (1.25 * total / Double(sources)).rounded(.up) }
        var flows: [[Variable]] = []
        var objective = LinearExpression()
        for i in 0..<sources {
            var row: [Variable] = []
            row.reserveCapacity(sinks)
            for j in 0..<sinks {
                let flow = try model.addVariable(name: "f_\(i)_\(j)")
                objective.add(Double(1 + random.next() % 100), flow)
                row.append(flow)
            }
            flows.append(row)
        }
        for i in 0..<sources { supplies.append(try model.add(flows[i].sum() <= supply[i], name: "supply_\(i)")) }
        for j in 0..<sinks {
            var column = LinearExpression()
            for i in 0..<sources { column.add(1, flows[i][j]) }
            demands.append(try model.add(column >= demand[j], name: "demand_\(j)"))
        }
        try model.minimize(objective)
    }
}

/// A small deterministic generator.
public struct SplitMix64: Sendable {
    var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
