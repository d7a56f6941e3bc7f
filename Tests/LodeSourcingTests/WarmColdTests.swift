// Warm equals cold for every sweepable parameter: a sweep that changes the loaded problem in
// place and re-solves warm (or rebuilds, where the structure does not allow the change) must
// give, at every point, the plan of an independent cold solve of the model read with
// `--set PATH=VALUE`: same status, objective (relative 1e-9), scope totals and shares, cost
// parts and rule bounds and slacks. The values cross changes of basis (binding and not, some
// infeasible) and are not monotone, so the in-place changes go both ways.
import Foundation
import Synchronization
import Testing

@testable import LodeSourcing

@Suite("Warm equals cold: every sweepable parameter")
struct WarmColdTests {
    /// One sweep: a path of `model` under `policy`, its values in sweep order, and whether the
    /// sweep changes it in place today (then every point after the first must be solved warm).
    struct Case: Sendable, CustomStringConvertible {
        let model: String
        let policy: String
        let path: String
        let values: [Double]
        let inPlace: Bool
        var description: String { "\(path) under \(policy)" }

        static func inPlace(_ model: String, _ policy: String, _ path: String, _ values: [Double]) -> Case {
            Case(model: model, policy: policy, path: path, values: values, inPlace: true)
        }

        static func rebuilt(_ model: String, _ policy: String, _ path: String, _ values: [Double]) -> Case {
            Case(model: model, policy: policy, path: path, values: values, inPlace: false)
        }
    }

    final class Rows: Sendable {
        private let rows = Mutex<[SweepRow]>([])
        func append(_ row: SweepRow) { rows.withLock { $0.append(row) } }
        var all: [SweepRow] { rows.withLock { $0 } }
    }

    /// Written once per test process: the cold solves read the same file with overrides.
    static let files: [String: String] = {
        var files: [String: String] = [:]
        for (name, yaml) in [("lp", lp), ("mip", mip), ("stages", stages), ("time", time)] {
            files[name] = try! writeModel(yaml)
        }
        return files
    }()

    @Test("a warm sweep's rows equal cold solves with --set, on one and two threads", arguments: cases)
    func warmEqualsCold(_ sweep: Case) throws {
        let path = try #require(Self.files[sweep.model])
        let loaded = try ModelLoader.load(path: path)
        let axis = SweepAxis(path: sweep.path, values: sweep.values)
        let runner = try SweepRunner(loaded: loaded, policy: sweep.policy, points: .grid([axis]))
        let cold = try sweep.values.map { value in
            let model = try ModelLoader.load(path: path, overrides: [Override(path: sweep.path, value: value)]).model
            return try Planner.solve(model, policy: sweep.policy)
        }
        // Some points feasible, some binding: a sweep whose every point has the same plan proves little.
        let objectives = Set(cold.map { $0.objective.map { ($0 * 1e6).rounded() } })
        #expect(objectives.count > 1, "\(sweep): every point has one objective")
        for jobs in [1, 2] {
            let rows = Rows()
            runner.run(jobs: jobs) { rows.append($0) }
            let solved = rows.all
            #expect(solved.map(\.point) == Array(sweep.values.indices), "\(sweep), \(jobs) jobs")
            if sweep.inPlace && jobs == 1 {
                #expect(solved.dropFirst().allSatisfy { $0.warm }, "\(sweep): the sweep no longer changes it in place")
            }
            for (row, plan) in zip(solved, cold) {
                let how = row.warm ? "warm" : "rebuilt"
                Self.compare(row.plan, plan, "\(sweep) = \(row.values[0]), \(jobs) jobs, \(how)")
            }
        }
    }

    @Test("a number a rule does not have is an error before the sweep runs, as it is for --set")
    func foreignRuleField() throws {
        let path = try #require(Self.files["lp"])
        let loaded = try ModelLoader.load(path: path)
        let paths = [
            ("average", "fair", "rate"), ("average", "intensity", "coverage"), ("average", "fair", "at_least"),
            ("share", "cn-cap", "coverage"),
        ]
        for (policy, rule, field) in paths {
            let kind = policy  // the policies of this model are named after their rules' kind
            let vary = "policies.\(policy).rules.\(rule).\(field)"
            // --set makes the policy invalid (docs/model-language.md, "Fine points": an error in a policy invalidates
            // that policy).
            let set = try ModelLoader.load(path: path, overrides: [Override(path: vary, value: 0.5)])
            #expect(set.model.invalidPolicies[policy] != nil, "--set \(vary)")
            do {
                let axis = SweepAxis(path: vary, values: [0.5, 1])
                _ = try SweepRunner(loaded: loaded, policy: policy, points: .grid([axis]))
                Issue.record("the sweep of \(vary) was accepted: it would change nothing at every point")
            } catch let error as InvalidModelError {
                let messages = error.diagnostics.map(\.message)
                #expect(messages.allSatisfy { $0.hasSuffix("is not a number of this \(kind) rule") }, "\(messages)")
            }
        }
    }

    static func compare(_ warm: Plan, _ cold: Plan, _ label: String) {
        #expect(warm.status == cold.status, "\(label): status")
        guard let objective = cold.objective else {
            #expect(warm.objective == nil, "\(label): objective")
            return
        }
        #expect(
            isClose(warm.objective, objective, tolerance: 1e-9),
            "\(label): objective \(warm.objective ?? .nan) != \(objective)")
        if let costs = cold.costs, let warmCosts = warm.costs {
            let parts: [(String, KeyPath<Costs, Double>)] = [
                ("purchase", \.purchase), ("freight", \.freight), ("tariffs", \.tariffs), ("carbon", \.carbonPenalty),
                ("sustainability", \.sustainabilityPenalty), ("labor", \.laborPenalty), ("surge fees", \.surgeFees),
                ("shortfall", \.shortfallPenalty),
            ]
            for (name, part) in parts {
                #expect(
                    isClose(warmCosts[keyPath: part], costs[keyPath: part], tolerance: 1e-7),
                    "\(label): \(name) cost")
            }
        } else {
            #expect(warm.costs == nil && cold.costs == nil, "\(label): costs")
        }
        #expect(warm.scopes.map(\.stage) == cold.scopes.map(\.stage), "\(label): scopes")
        for (a, b) in zip(warm.scopes, cold.scopes) {
            #expect(
                isClose(a.total, b.total, tolerance: 1e-9),
                "\(label): total of \(b.stage) \(a.total) != \(b.total)")
            for country in Set(a.shares.keys).union(b.shares.keys) {
                let (x, y) = (a.shares[country] ?? 0, b.shares[country] ?? 0)
                #expect(abs(x - y) <= 1e-7, "\(label): share of \(country) \(x) != \(y)")
            }
        }
        #expect(warm.rules.map(\.id) == cold.rules.map(\.id), "\(label): rules")
        for (a, b) in zip(warm.rules, cold.rules) {
            #expect(a.rows.map(\.bound) == b.rows.map(\.bound), "\(label): bounds of \(b.id)")
            if b.kind == "tariff" {
                // Read from the plan (the tariffed purchase cost), so unique where the plan is.
                #expect(isClose(a.shadowPrice, b.shadowPrice ?? .nan, tolerance: 1e-9), "\(label): price of \(b.id)")
            }
            #expect(a.rows.count == b.rows.count, "\(label): rows of \(b.id)")
            for (x, y) in zip(a.rows, b.rows) {
                #expect(
                    isClose(x.slack, y.slack ?? .nan, tolerance: 1e-6) || (x.slack == nil && y.slack == nil),
                    "\(label): slack of \(b.id) \(x.slack ?? .nan) != \(y.slack ?? .nan)")
            }
        }
    }
}

// MARK: The models and the sweeps

extension WarmColdTests {
    /// An LP: four suppliers of one stage (as in the golden programs), surge on b and c, two
    /// scenarios, and one policy per group of sweepable rules.
    static let lp =
        GoldenProgramTests.model(
            GoldenProgramTests.metal, ("cost: 12,", "cost: 12, surge: 30, surge_fee: 2.5,"),
            ("cost: 15,", "cost: 15, surge: 20, surge_fee: 1,"), ("hhi_segments: 2", "hhi_segments: 4")) + """
            scenarios:
              - { id: cn-ban, loss: { country: { CHN: 1.0 } } }
              - { id: strike, loss: { supplier: { b: 0.5 }, country: { CHN: 0.5 } } }
            policies:
              share:
                rules:
                  - { id: cn-cap, share: { country: CHN }, max: 0.4 }
                  - { id: allied-floor, share: { group: allied }, min: 0.3 }
              each:
                rules:
                  - { id: each-cap, share: { each: supplier }, max: 0.5 }
              hhi:
                rules:
                  - { id: conc, hhi: country, max: 5000 }
              weighted-hhi:
                rules:
                  - { id: gconc, hhi: supplier, weighted: governance, max: 3000 }
              average:
                rules:
                  - { id: fair, average: labor, min: 0.6 }
                  - { id: intensity, average: carbon, max: 1.5 }
              totals:
                rules:
                  - { id: carbon-budget, total: carbon, max: 130 }
                  - { id: spend, total: cost, max: 1150 }
              tariff:
                rules:
                  - { id: duty, tariff: { country: CHN }, rate: 0.25 }
                  - { id: duty-cap, share: { country: CHN }, max: 0.6 }
              survive:
                rules:
                  - { id: hold, survive: { scenario: [cn-ban, strike] }, coverage: 0.8 }
                  - { id: lose-one, survive: { each: country }, coverage: 0.5 }
              survive-budget:
                extends: survive
                rules:
                  - { id: survive-spend, total: cost, max: 1400 }
              weighted:
                weights: { carbon: 5, sustainability: 10, labor: 20 }
                rules:
                  - { id: w-cap, share: { country: CHN }, max: 0.5 }
              weighted-child:
                extends: weighted

            """

    /// A MIP: d delivers 0 or at least 25; a policy without rules and one with count rules.
    static let mip =
        GoldenProgramTests.model(GoldenProgramTests.metal, ("cost: 11,", "cost: 11, min_order: 25,")) + """
            policies:
              plain: {}
              count:
                rules:
                  - { id: spread, count: supplier, min: 2, at_least: 0.1 }
                  - { id: few, count: country, max: 2 }

            """

    /// Two stages with routes and a shortfall penalty on the demand.
    /// Three periods, a stockpile linking them (no min_cover, so demand changes in place), a
    /// floor that starts in 2028 and a carbon price that steps up.
    static let time = """
        name: Warm over time
        periods: [2026, 2027, 2028]
        discount_rate: 0.05
        commodities:
          - { id: metal, demand: { 2026: 100, 2027: 120, 2028: 150 } }
        countries:
          - { id: CHN, groups: [feoc] }
          - { id: AUS, groups: [allied] }
          - { id: CAN, groups: [allied] }
        suppliers:
          - { id: a, commodity: metal, country: CHN, capacity: "2026:200;2028:120", cost: 10, carbon: 2 }
          - { id: b, commodity: metal, country: AUS, capacity: 150, cost: { 2026: 14, 2027: 12 }, carbon: 0.5 }
          - { id: c, commodity: metal, country: CAN, capacity: 100, cost: 16, carbon: 0.2 }
        stockpiles:
          - { id: s, commodity: metal, capacity: 60, holding_cost: 1 }
        policies:
          stepped:
            weights: { carbon: { 2026: 0, 2027: 1 } }
            rules:
              - { id: floor, share: { group: allied }, min: { 2028: 0.4 } }
              - { id: cap, share: { country: CHN }, max: 0.8 }
        """

    static let stages =
        GoldenProgramTests.model(
            GoldenProgramTests.twoStages + GoldenProgramTests.routes,
            ("demand: 100,", "demand: 100, shortfall_penalty: 30,"))
        + "policies:\n  plain: {}\n"

    static let cases: [Case] = [
        // Rule bounds, changed in place.
        .inPlace("lp", "share", "policies.share.rules.cn-cap.max", [0.4, 0, 0.2, 0.7, 1, 0.3]),
        .inPlace("lp", "share", "policies.share.rules.allied-floor.min", [0.3, 0, 0.8, 1, 0.5]),
        // A bound the file does not give (the floor's max): the sweep's first point builds its row.
        .inPlace("lp", "share", "policies.share.rules.allied-floor.max", [1, 0.7, 0.5, 0.9]),
        .inPlace("lp", "each", "policies.each.rules.each-cap.max", [0.5, 0.3, 0.25, 0.2, 1, 0.4]),
        .inPlace("lp", "hhi", "policies.hhi.rules.conc.max", [5000, 10000, 3500, 2700, 4200]),
        .inPlace("lp", "weighted-hhi", "policies.weighted-hhi.rules.gconc.max", [3000, 10000, 2600, 2500, 4000]),
        .inPlace("lp", "average", "policies.average.rules.fair.min", [0.6, 0, 0.75, 0.85, 0.95, 0.5]),
        .inPlace("lp", "average", "policies.average.rules.intensity.max", [1.5, 3, 1, 0.7, 0.4, 1.2]),
        .inPlace("lp", "totals", "policies.totals.rules.carbon-budget.max", [130, 300, 100, 60, 40, 120]),
        .inPlace("lp", "totals", "policies.totals.rules.spend.max", [1150, 2000, 1300, 1000, 1200]),
        .inPlace("lp", "survive", "policies.survive.rules.hold.coverage", [1, 0.8, 0.5, 0, 0.9]),
        .inPlace("lp", "survive", "policies.survive.rules.lose-one.coverage", [0.5, 0, 0.7, 1, 0.3]),
        // Rule numbers the sweep rebuilds for.
        .rebuilt("lp", "tariff", "policies.tariff.rules.duty.rate", [0.25, 0, 0.1, 0.5, 1, 0.2]),
        .rebuilt("mip", "count", "policies.count.rules.spread.min", [2, 1, 3, 4, 0]),
        .rebuilt("mip", "count", "policies.count.rules.few.max", [2, 1, 3, 0]),
        .rebuilt("mip", "count", "policies.count.rules.spread.at_least", [0.1, 0.05, 0.3, 0.5, 0.6]),
        // Weights, changed in place.
        .inPlace("lp", "weighted", "policies.weighted.weights.carbon", [5, 0, 20, 50, 2]),
        .inPlace("lp", "weighted", "policies.weighted.weights.sustainability", [10, 0, 40, 100, 5]),
        .inPlace("lp", "weighted", "policies.weighted.weights.labor", [20, 0, 5, 60, 10]),
        // A parent's weight reaches the policy that extends it (as --set does): read again at each point.
        .rebuilt("lp", "weighted-child", "policies.weighted.weights.carbon", [5, 0, 20, 50, 2]),
        // Data: demand and capacity in place (also on a MIP without count rules), cost and fees in
        // place unless a cost budget holds them; scores, carbon, ratios, surge and min orders rebuild.
        .inPlace("lp", "share", "commodities.metal.demand", [100, 150, 200, 240, 250, 120]),
        .inPlace("stages", "plain", "commodities.metal.demand", [100, 200, 300, 50]),
        .inPlace("mip", "plain", "commodities.metal.demand", [100, 60, 150, 200, 110]),
        .inPlace("lp", "share", "suppliers.a.capacity", [80, 20, 0, 120, 50]),
        .inPlace("mip", "plain", "suppliers.a.capacity", [80, 50, 100, 30, 70]),
        .rebuilt("mip", "count", "commodities.metal.demand", [100, 60, 150, 200, 110]),
        .rebuilt("mip", "count", "suppliers.a.capacity", [80, 50, 100, 30, 10]),
        .inPlace("lp", "share", "suppliers.a.cost", [10, 13, 16, 8, 11]),
        .inPlace("lp", "tariff", "suppliers.a.cost", [10, 13, 16, 8, 11]),
        .rebuilt("lp", "totals", "suppliers.a.cost", [10, 13, 16, 8, 11]),
        .rebuilt("lp", "totals", "suppliers.b.carbon", [1, 0.5, 2, 0.2, 1.2]),
        .rebuilt("lp", "weighted", "suppliers.b.sustainability", [0.9, 0.3, 0, 1, 0.6]),
        .rebuilt("lp", "average", "suppliers.b.labor", [0.9, 0.5, 0.2, 1, 0.7]),
        .rebuilt("stages", "plain", "suppliers.r1.input_ratio", [1.25, 1, 2, 3, 1.5]),
        .rebuilt("lp", "survive", "suppliers.b.surge", [30, 0, 10, 60, 20]),
        // Not 5: at a fee of 5, reserving b's surge and buying more of c tie (same objective,
        // different cost parts), and which tied plan a warm start reaches depends on its basis.
        .inPlace("lp", "survive", "suppliers.b.surge_fee", [2.5, 0, 10, 50, 4]),
        .rebuilt("lp", "survive-budget", "suppliers.b.surge_fee", [2.5, 0, 10, 50, 5]),
        .rebuilt("mip", "plain", "suppliers.d.min_order", [25, 0, 10, 30, 20]),
        // Steps of period maps (docs/model-language.md, "Plans over time"): data, weights and a
        // rule's floor in place; a step that gives the floor a row in a period it had none rebuilds.
        .inPlace("time", "stepped", "commodities.metal.demand.2027", [120, 60, 180, 200, 90]),
        .inPlace("time", "stepped", "suppliers.a.capacity.2027", [200, 50, 10, 120, 90]),
        // A capacity of 0 makes a supplier absent in that period (no longer in its scopes' rows).
        .rebuilt("time", "stepped", "suppliers.a.capacity.2027", [200, 0, 120, 0, 90]),
        .inPlace("time", "stepped", "suppliers.b.cost.2028", [12, 8, 20, 30, 11]),
        .inPlace("time", "stepped", "policies.stepped.weights.carbon.2028", [1, 0, 3, 10, 2]),
        .inPlace("time", "stepped", "policies.stepped.rules.floor.min.2028", [0.4, 0, 0.7, 1, 0.55]),
        .rebuilt("time", "stepped", "policies.stepped.rules.floor.min.2027", [0.4, 0, 0.7, 0.2]),
        .inPlace("time", "stepped", "commodities.metal.demand", [100, 150, 80, 200]),
    ]
}
