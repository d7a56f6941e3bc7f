import LodeLP

/// Hand-checked programs of the conformance suite; each states its optimum and how it was found.
enum ConformanceModels {
    /// Wyndor Glass (Hillier & Lieberman): max 3x + 5y s.t. plant1: x <= 4, plant2: 2y <= 12,
    /// plant3: 3x + 2y <= 18. Optimum x = 2, y = 6, z = 36. Duals (shadow prices) 0, 1.5, 1.
    /// Ranges: plant2's RHS in [6, 18], plant3's in [12, 24], plant1 slack 2 so [2, inf);
    /// objective coefficient of x in [0, 7.5], of y in [2, inf).
    struct Wyndor {
        var model = LinearModel()
        let x: Variable, y: Variable
        let plant1: ConstraintRef, plant2: ConstraintRef, plant3: ConstraintRef

        init() throws {
            x = try model.addVariable(name: "doors")
            y = try model.addVariable(name: "windows")
            plant1 = try model.add(x <= 4, name: "plant1")
            plant2 = try model.add(2 * y <= 12, name: "plant2")
            plant3 = try model.add(3 * x + 2 * y <= 18, name: "plant3")
            try model.maximize(3 * x + 5 * y)
        }
    }

    /// Two sources (s1 = 20, s2 = 40), three sinks (10, 25, 15), unit costs s1: 2 4 5, s2: 3 1 7.
    /// s2 serves d2 at 1 (25); s1 fills d3 (15) and 5 of d1; s2 sends the other 5 to d1.
    /// Cost 25 + 75 + 10 + 15 = 125. s2 keeps 15 spare, so its dual is 0; from the basic cells
    /// v1 = 3, v2 = 1, u1 = 2 - 3 = -1, v3 = 5 + 1 = 6. Non-basic reduced costs: s1d2 = 4 + 1 - 1 = 4,
    /// s2d3 = 7 - 6 = 1.
    struct Transportation {
        var model = LinearModel()
        var flows: [[Variable]] = []
        var supplies: [ConstraintRef] = []
        var demands: [ConstraintRef] = []
        static let supply = [20.0, 40.0]
        static let demand = [10.0, 25.0, 15.0]
        static let cost = [[2.0, 4.0, 5.0], [3.0, 1.0, 7.0]]

        init() throws {
            for i in 0..<2 {
                flows.append(try (0..<3).map { j in try model.addVariable(name: "ship[s\(i + 1),d\(j + 1)]") })
            }
            for i in 0..<2 {
                supplies.append(try model.add(flows[i].sum() <= Self.supply[i], name: "supply[s\(i + 1)]"))
            }
            for j in 0..<3 {
                demands.append(try model.add(flows.map { $0[j] }.sum() >= Self.demand[j], name: "demand[d\(j + 1)]"))
            }
            var objective = LinearExpression()
            for i in 0..<2 { for j in 0..<3 { objective.add(Self.cost[i][j], flows[i][j]) } }
            try model.minimize(objective)
        }
    }

    /// min 2x + 3y s.t. r1: x + y >= 4, r2: x + 3y >= 6, 0 <= x <= 3. Optimum x = 3, y = 1, z = 9,
    /// with r1, r2 and x's bound all active at one vertex: degenerate, so r1's dual may be anything
    /// between its one-sided derivatives 0 (lowering b1) and 3 (raising b1).
    struct Degenerate {
        var model = LinearModel()
        let x: Variable, y: Variable
        let r1: ConstraintRef, r2: ConstraintRef

        init() throws {
            x = try model.addVariable(name: "x", upperBound: 3)
            y = try model.addVariable(name: "y")
            r1 = try model.add(x + y >= 4, name: "r1")
            r2 = try model.add(x + 3 * y >= 6, name: "r2")
            try model.minimize(2 * x + 3 * y)
        }
    }

    /// 0-1 knapsack: values 10, 13, 7, 8, weights 3, 4, 2, 3, capacity 7. Enumerating the subsets
    /// that fit: {a, b} = 23 (weight 7) beats {b, d} = 21, {b, c} = 20, {a, d} = 18, {a, c} = 17.
    struct Knapsack {
        var model = LinearModel()
        var items: [Variable] = []
        let capacity: ConstraintRef

        init() throws {
            let values = [10.0, 13, 7, 8]
            let weights = [3.0, 4, 2, 3]
            var chosen: [Variable] = []
            for name in ["a", "b", "c", "d"] { chosen.append(try model.addVariable(name: name, kind: .binary)) }
            items = chosen
            capacity = try model.add(LinearExpression(terms: zip(chosen, weights)) <= 7, name: "capacity")
            try model.maximize(LinearExpression(terms: zip(chosen, values)))
        }
    }

    /// A balanced-enough random transportation LP (deterministic), large enough that a cold solve
    /// takes many more iterations than a warm one.
    struct RandomTransportation {
        var model = LinearModel()
        var flows: [[Variable]] = []
        var supplies: [ConstraintRef] = []
        var demands: [ConstraintRef] = []

        init(sources: Int, sinks: Int, seed: UInt64) throws {
            var generator = SplitMix(seed: seed)
            let demand = (0..<sinks).map { _ in Double(generator.next(in: 10...100)) }
            let total = demand.reduce(0, +)
            let supply = (0..<sources).map { _ in (1.3 * total / Double(sources)).rounded() }
            var objective = LinearExpression()
            for i in 0..<sources {
                var row: [Variable] = []
                for j in 0..<sinks {
                    let variable = try model.addVariable(name: "f_\(i)_\(j)")
                    objective.add(Double(generator.next(in: 1...50)), variable)
                    row.append(variable)
                }
                flows.append(row)
            }
            for i in 0..<sources { supplies.append(try model.add(flows[i].sum() <= supply[i], name: "s_\(i)")) }
            for j in 0..<sinks { demands.append(try model.add(flows.map { $0[j] }.sum() >= demand[j], name: "d_\(j)")) }
            try model.minimize(objective)
        }
    }
}

/// A small deterministic generator so that tests are repeatable.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func next(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.count))
    }
}

func isClose(_ a: Double?, _ b: Double, tolerance: Double = 1e-7) -> Bool {
    guard let a else { return false }
    return abs(a - b) <= tolerance * max(1, abs(b))
}
