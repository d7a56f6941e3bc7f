import Testing

@testable import LodeSourcing

@Suite("The physical model: capacity, stages, routes, demand, min orders")
struct PhysicalModelTests {
    @Test("least cost fills the cheapest capacity first")
    func leastCost() throws {
        // a (10) alone covers the demand of 100: cost 1000.
        let plan = try solve(threeSuppliers)
        #expect(plan.status == .optimal)
        #expect(isClose(plan.objective, 1000))
        #expect(plan.volume("a") == 100)
        #expect(plan.scope("metal", "supply")?.hhi == 10000)
    }

    static let twoStages = """
        name: Two stages
        commodities:
          - { id: lithium, demand: 600, stages: [mining, refining] }
        suppliers:
          - { id: m1, commodity: lithium, stage: mining, country: AUS, capacity: 1000, cost: 5 }
          - { id: m2, commodity: lithium, stage: mining, country: CHL, capacity: 1000, cost: 6 }
          - { id: r1, commodity: lithium, stage: refining, country: CHN, capacity: 500, cost: 3, input_ratio: 1.1 }
          - { id: r2, commodity: lithium, stage: refining, country: USA, capacity: 500, cost: 4, input_ratio: 1.2 }
        """

    @Test("two stages with input ratios: upstream output equals what downstream consumes")
    func inputRatios() throws {
        // Refining: r1 (3 + 1.1 x 5 = 8.5 per t) takes 500, r2 (4 + 1.2 x 5 = 10) the other 100.
        // Mining: 1.1 x 500 + 1.2 x 100 = 670 t from m1. Cost 1500 + 400 + 3350 = 5250.
        let plan = try solve(Self.twoStages)
        #expect(isClose(plan.objective, 5250))
        #expect(isClose(plan.volume("m1"), 670) && plan.volume("m2") == 0)
        #expect(isClose(plan.volume("r1"), 500) && isClose(plan.volume("r2"), 100))
        #expect(plan.pooledFlows.count == 1 && isClose(plan.pooledFlows[0].volume, 670))
    }

    @Test("once routes are listed between two stages, only they exist, at their cost")
    func routes() throws {
        // Only m2 -> r1 (0.5) and m1 -> r2 (1). r1 costs 3 + 1.1 x 6.5 = 10.15, r2 4 + 1.2 x 6 = 11.2:
        // r1 500 (m2 ships 550), r2 100 (m1 ships 120).
        // Cost 1500 + 400 + 550 x 6 + 120 x 5 + 550 x 0.5 + 120 x 1 = 6195.
        let yaml =
            Self.twoStages + """

                routes:
                  - { from: m2, to: r1, cost: 0.5 }
                  - { from: m1, to: r2, cost: 1 }
                """
        let plan = try solve(yaml)
        #expect(isClose(plan.objective, 6195))
        #expect(isClose(plan.costs?.freight, 395))
        #expect(plan.flows.map(\.from) == ["m2", "m1"])
        #expect(isClose(plan.flows[0].volume, 550) && isClose(plan.flows[1].volume, 120))
        #expect(plan.pooledFlows.isEmpty)
    }

    @Test("a shortfall penalty makes demand soft")
    func shortfall() throws {
        // Capacity 80 of 100: 20 unmet at 50 each. 800 + 1000 = 1800.
        let yaml = """
            commodities:
              - { id: metal, demand: 100, shortfall_penalty: 50 }
            suppliers:
              - { id: a, commodity: metal, country: CHN, capacity: 80, cost: 10 }
            """
        let plan = try solve(yaml)
        #expect(isClose(plan.objective, 1800))
        #expect(isClose(plan.shortfalls.first?.unmet, 20))
        #expect(isClose(plan.costs?.shortfallPenalty, 1000))
        // Cheaper to pay the penalty (5) than to buy (10): nothing is bought.
        let cheap = try solve(yaml, overrides: [Override(path: "commodities.metal.shortfall_penalty", value: 5)])
        #expect(isClose(cheap.objective, 500))
        #expect(cheap.volume("a") == 0)
    }

    @Test("hard demand beyond capacity is infeasible, and check warns about it")
    func hardDemand() throws {
        let yaml = """
            commodities:
              - { id: metal, demand: 100 }
            suppliers:
              - { id: a, commodity: metal, country: CHN, capacity: 80, cost: 10 }
            """
        let loaded = try load(yaml)
        #expect(
            messages(loaded.warnings) == [
                "warning: commodities[metal]: the supply stage can deliver at most 80 t but at least 100 are needed "
                    + "(fix: add capacity, lower demand, or set shortfall_penalty to allow unmet demand)"
            ])
        let plan = try Planner.solve(loaded.model)
        #expect(plan.status == .infeasible)
        #expect(plan.costs == nil)
    }

    @Test("a min order delivers 0 or at least that much, and makes the model a MIP")
    func minOrder() throws {
        // a is cheaper but must deliver 0 or >= 150 of a demand of exactly 100: b supplies all. 1200.
        let yaml = """
            commodities:
              - { id: metal, demand: 100 }
            suppliers:
              - { id: a, commodity: metal, country: CHN, capacity: 200, cost: 10, min_order: 150 }
              - { id: b, commodity: metal, country: AUS, capacity: 200, cost: 12 }
            """
        let plan = try solve(yaml)
        #expect(plan.solver.mip)
        #expect(isClose(plan.objective, 1200))
        #expect(plan.volume("a") == 0)
        // With demand 160 a can take all of it: 1600.
        let larger = try solve(yaml, overrides: [Override(path: "commodities.metal.demand", value: 160)])
        #expect(isClose(larger.objective, 1600))
    }
}
