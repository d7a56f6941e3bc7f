import LodeGLPK
import LodeLP
import Testing

@testable import LodeSourcing

@Suite("Policy rules, each against a case solved by hand")
struct RuleTests {
    @Test("share cap: cost, shadow price per 1.0 of share and its range")
    func shareCap() throws {
        // CHN (a, 10) capped at 30%: a 30, b 70: 300 + 840 = 1140. Each point of share moved from b to a
        // saves 2 per t on 100 t: d cost / d alpha = -200. b's capacity (100) allows alpha down to 0.
        let plan = try solve(
            withPolicy(
                threeSuppliers,
                """
                capped:
                  rules:
                    - { id: cn-cap, share: { country: CHN }, max: 0.3 }
                """))
        #expect(isClose(plan.objective, 1140))
        let rule = try #require(plan.rule("cn-cap"))
        #expect(rule.binding)
        #expect(isClose(rule.shadowPrice, -200))
        #expect(isClose(rule.range?.lower, 0) && isClose(rule.range?.upper, 1))
        #expect(rule.unit == "USD per 1.0 of share")
        // The shadow price is the slope: a finite difference agrees.
        let moved = try solve(
            withPolicy(
                threeSuppliers,
                """
                capped:
                  rules:
                    - { id: cn-cap, share: { country: CHN }, max: 0.31 }
                """))
        #expect(isClose((moved.objective ?? 0) - 1140, -200 * 0.01))
    }

    @Test("share floor and each-member caps")
    func shareFloorAndEach() throws {
        // Each supplier at most 50% and CHN at most 30%: a 30, b 50, c 20: 300 + 600 + 300 = 1200.
        let plan = try solve(
            withPolicy(
                threeSuppliers,
                """
                p:
                  rules:
                    - { id: each-cap, share: { each: supplier }, max: 0.5 }
                    - { id: cn-cap, share: { country: CHN }, max: 0.3 }
                """))
        #expect(isClose(plan.objective, 1200))
        let each = try #require(plan.rule("each-cap"))
        #expect(each.rows.map(\.member) == ["a", "b", "c"])
        #expect(each.rows.map(\.binding) == [false, true, false])
        // d cost / d (b's cap): moving 1 point from c (15) to b (12) saves 3 per t: -300.
        #expect(isClose(each.rows[1].shadowPrice, -300))
        #expect(isClose(each.shadowPrice, -300))
        // CAN at least 40%: c 40, a 30, b 30: 300 + 360 + 600 = 1260.
        let floor = try solve(
            withPolicy(
                threeSuppliers,
                """
                p:
                  rules:
                    - { id: cn-cap, share: { country: CHN }, max: 0.3 }
                    - { id: can-floor, share: { country: CAN }, min: 0.4 }
                """))
        #expect(isClose(floor.objective, 1260))
        #expect(isClose(floor.rule("can-floor")?.shadowPrice, 300))
    }

    @Test("HHI cap through the piecewise bound; the plan's true HHI is reported")
    func hhi() throws {
        // q_CHN^2 + q_others^2 <= 0.68 allows a at most 80% (0.64 + 0.04), a breakpoint of K = 20,
        // where the bound is exact: a 80, b 20: 800 + 240 = 1040.
        let plan = try solve(
            withPolicy(
                threeSuppliers,
                """
                p:
                  rules:
                    - { id: hhi-cap, hhi: country, max: 6800 }
                """))
        #expect(isClose(plan.objective, 1040))
        #expect(isClose(plan.scope("metal", "supply")?.hhi, 6800))
        #expect(plan.rule("hhi-cap")?.unit == "USD per HHI point")
        // Off a breakpoint the bound is conservative: true HHI stays below the cap.
        let off = try solve(
            withPolicy(
                threeSuppliers,
                """
                p:
                  rules:
                    - { id: hhi-cap, hhi: supplier, max: 6000 }
                """))
        #expect((off.scope("metal", "supply")?.supplierHHI ?? 10001) <= 6000 + 1e-6)
    }

    @Test("governance-weighted HHI bounds sum w_k q_k^2")
    func weightedHHI() throws {
        // 0.5 q^2 + 0.1 (1 - q)^2 <= 0.2 holds up to q = 0.6076; the piecewise bound stops a little below.
        let plan = try solve(
            withPolicy(
                threeSuppliers,
                """
                p:
                  rules:
                    - { id: whhi, hhi: country, max: 2000, weighted: governance }
                """))
        let scope = try #require(plan.scope("metal", "supply"))
        #expect((scope.weightedHHI ?? 10001) <= 2000 + 1e-6)
        #expect(plan.volume("a") <= 60.77 && plan.volume("a") >= 55)
    }

    @Test("average score floor, with the shadow price per 1.0 of the average")
    func average() throws {
        // 0.4 a + 0.9 b >= 0.6 x 100 with a + b = 100 gives a <= 60: 600 + 480 = 1080. At 0.61, a <= 58:
        // 1084, so d cost / d m = 400.
        let plan = try solve(
            withPolicy(
                threeSuppliers,
                """
                p:
                  rules:
                    - { id: labor-avg, average: labor, min: 0.6 }
                """))
        #expect(isClose(plan.objective, 1080))
        #expect(isClose(plan.rule("labor-avg")?.shadowPrice, 400))
        #expect(isClose(plan.scope("metal", "supply")?.averageLabor, 0.6))
    }

    @Test("screens and exclusions are bounds; a blocked supplier that would be used makes them binding")
    func screenAndExclude() throws {
        for rule in [
            "{ id: r, screen: { labor: 0.5 } }", "{ id: r, exclude: { flag: artisanal } }",
            "{ id: r, exclude: { supplier: a } }",
        ] {
            let plan = try solve(withPolicy(threeSuppliers, "p:\n  rules:\n    - \(rule)"))
            #expect(isClose(plan.objective, 1200), "\(rule)")
            #expect(plan.rule("r")?.binding == true)
            #expect(plan.rule("r")?.suppliers == ["a"])
            #expect(plan.solver.rows == 1)  // only the demand row: no rows for bounds
        }
    }

    @Test("carbon budget: pooled row, shadow price per t CO2e")
    func totalCarbon() throws {
        // 2 a + 0.5 b <= 125 with a + b = 100 gives a <= 50: 500 + 600 = 1100. Each extra t CO2e lets
        // 1/1.5 t move from b to a, saving 2/1.5: -1.333.
        let plan = try solve(
            withPolicy(
                threeSuppliers,
                """
                p:
                  rules:
                    - { id: co2, total: carbon, max: 125 }
                """))
        #expect(isClose(plan.objective, 1100))
        #expect(isClose(plan.rule("co2")?.shadowPrice, -4.0 / 3.0))
        #expect(plan.rule("co2")?.unit == "USD per t CO2e")
    }

    @Test("cost budget counts money spent, not penalties")
    func totalCost() throws {
        // The labor floor forces 1080 of purchases: a budget of 1050 cannot be met, 1100 can.
        let base = """
            p:
              weights: { labor: 1 }
              rules:
                - { id: labor-avg, average: labor, min: 0.6 }
                - { id: budget, total: cost, max: BUDGET }
            """
        let tight = try solve(withPolicy(threeSuppliers, base.replacingOccurrences(of: "BUDGET", with: "1050")))
        #expect(tight.status == .infeasible)
        let loose = try solve(withPolicy(threeSuppliers, base.replacingOccurrences(of: "BUDGET", with: "1100")))
        #expect(loose.status == .optimal)
        #expect(isClose(loose.costs?.purchase, 1080))
        #expect(loose.rule("budget")?.binding == false)
    }

    @Test("tariffs raise the unit cost; their shadow price is the tariffed purchase cost")
    func tariff() throws {
        // 25% on CHN makes a cost 12.5 > 12: b is bought. At 10%, a still wins: 1000 + 100 of tariffs.
        let high = try solve(
            withPolicy(threeSuppliers, "p:\n  rules:\n    - { id: t, tariff: { country: CHN }, rate: 0.25 }"))
        #expect(isClose(high.objective, 1200) && high.volume("b") == 100)
        let low = try solve(
            withPolicy(threeSuppliers, "p:\n  rules:\n    - { id: t, tariff: { group: feoc }, rate: 0.1 }"))
        #expect(isClose(low.objective, 1100))
        #expect(isClose(low.costs?.tariffs, 100) && isClose(low.costs?.purchase, 1000))
        #expect(isClose(low.rule("t")?.shadowPrice, 1000))
    }

    @Test("count rules: at least n members with a minimum share, at most n delivering")
    func count() throws {
        // At least 3 suppliers with 10% each: a 80, b 10, c 10: 800 + 120 + 150 = 1070.
        let atLeast = try solve(
            withPolicy(threeSuppliers, "p:\n  rules:\n    - { id: n, count: supplier, min: 3, at_least: 0.1 }"))
        #expect(atLeast.solver.mip)
        #expect(isClose(atLeast.objective, 1070))
        // At most one supplier when a and b hold 60 each: only c covers 100 alone: 1500.
        let single = try solve(
            withPolicy(threeSuppliers, "p:\n  rules:\n    - { id: n, count: supplier, max: 1 }"),
            overrides: [
                Override(path: "suppliers.a.capacity", value: 60), Override(path: "suppliers.b.capacity", value: 60),
            ])
        #expect(isClose(single.objective, 1500))
        #expect(isClose(single.volume("c"), 100))
    }

    @Test("survive the loss of each country, with surge reserved in advance")
    func surviveEachCountry() throws {
        // Losing CHN: b + r_b + c >= 80; losing AUS: a + c >= 80 (so b <= 20). With r_b <= 50 at 1,
        // cost 1000 + 2b + 5c + r is least at r = 50, b = 20, c = 10: a 70, 1090 + 50 of fees = 1140.
        let plan = try solve(
            withPolicy(threeSuppliers, "p:\n  rules:\n    - { id: s, survive: { each: country }, coverage: 0.8 }"))
        #expect(isClose(plan.objective, 1140))
        #expect(isClose(plan.volume("a"), 70) && isClose(plan.volume("b"), 20) && isClose(plan.volume("c"), 10))
        #expect(isClose(plan.suppliers.first { $0.id == "b" }?.reservedSurge, 50))
        #expect(isClose(plan.costs?.surgeFees, 50))
        #expect(plan.rule("s")?.rows.map(\.member) == ["CHN", "AUS", "CAN"])
    }

    @Test("survive a named scenario")
    func surviveScenario() throws {
        // Half of CHN lost: 0.5 a + b + r_b + c >= 0.9 x 100. Surge (1) is cheapest: r = 40 with a = 100.
        let yaml =
            threeSuppliers + """

                scenarios:
                  - { id: cn-half, loss: { country: { CHN: 0.5 } } }
                policies:
                  p:
                    rules:
                      - { id: s, survive: { scenario: cn-half }, coverage: 0.9 }
                """
        let plan = try solve(yaml)
        #expect(isClose(plan.objective, 1040))
        #expect(isClose(plan.suppliers.first { $0.id == "b" }?.reservedSurge, 40))
    }

    @Test("weights: the carbon price and score penalties enter the objective and are reported apart")
    func weights() throws {
        // Carbon at 2 per t CO2e: a costs 10 + 4 = 14, b 12 + 1 = 13: b. Purchase 1200, carbon 100.
        let plan = try solve(withPolicy(threeSuppliers, "p:\n  weights: { carbon: 2 }"))
        #expect(isClose(plan.objective, 1300))
        #expect(isClose(plan.costs?.purchase, 1200) && isClose(plan.costs?.carbonPenalty, 100))
        // Labor at 10 per unit deficit: a 10 + 6 = 16, b 12 + 1 = 13: b, labor penalty 100.
        let labor = try solve(withPolicy(threeSuppliers, "p:\n  weights: { labor: 10, sustainability: 1 }"))
        #expect(isClose(labor.costs?.laborPenalty, 100) && isClose(labor.costs?.sustainabilityPenalty, 10))
    }

    @Test("extends: weights override key by key, rules are added after the parent's, ids default to POLICY#N")
    func inheritance() throws {
        let yaml = withPolicy(
            threeSuppliers,
            """
            parent:
              weights: { carbon: 2, labor: 1 }
              rules:
                - { share: { country: CHN }, max: 0.5 }
            child:
              extends: parent
              weights: { carbon: 0 }
              rules:
                - { share: { country: CAN }, min: 0.1 }
            """)
        let model = try load(yaml).model
        let child = try #require(model.policy(named: "child"))
        #expect(child.weights == Weights(carbon: 0, sustainability: 0, labor: 1))
        #expect(child.rules.map(\.id) == ["parent#1", "child#1"])
        #expect(child.rules.map(\.policy) == ["parent", "child"])
    }

    /// Governance on the EU method's 0..10 scale: weights above 1.
    static let scaledGovernance = [
        ("CHN", "feoc", "0.5", "5"), ("AUS", "allied", "0.1", "2"),
        ("CAN", "allied", "0.1", "3"),
    ]
    .reduce(threeSuppliers) { text, country in
        text.replacingOccurrences(
            of: "\(country.0), groups: [\(country.1)], governance: \(country.2)",
            with: "\(country.0), groups: [\(country.1)], governance: \(country.3)")
    }

    @Test("a governance-weighted HHI cap above 10000 is legal; an unweighted one is not (docs/model-language.md4b)")
    func weightedCapAbove10000() throws {
        // Before: "20000 is above 10000, the HHI of a single source" for the weighted rule too.
        let plan = try solve(
            withPolicy(
                Self.scaledGovernance,
                """
                p:
                  rules:
                    - { id: whhi, hhi: country, max: 20000, weighted: governance }
                """))
        #expect(plan.status == .optimal)
        let scope = try #require(plan.scope("metal", "supply"))
        #expect((scope.weightedHHI ?? 50000) <= 20000 + 1e-6 && (scope.weightedHHI ?? 0) > 10000)
        #expect(plan.rule("whhi")?.binding == true)
        let unweighted = "p:\n  rules:\n    - { id: h, hhi: country, max: 20000 }"
        let found = try diagnostics(withPolicy(Self.scaledGovernance, unweighted))
        #expect(
            messages(found) == [
                "model.yaml:15:37: error: policies.p.rules[h].max: 20000 is above 10000, the HHI of a single source "
                    + "(fix: use a cap on the 0..10000 scale, e.g. 2500)"
            ])
    }

    @Test("the weighted floor is 10000 x the lowest governance weight in the scope / K")
    func weightedFloor() throws {
        // Weights 0.5, 0.1, 0.1: the floor is 10000 x 0.1 / 20 = 50, so a weighted cap of 480
        // (below the unweighted floor of 500, which the old check applied) can be met.
        func weighted(_ max: Int) -> String {
            "p:\n  rules:\n    - { id: w, hhi: country, max: \(max), weighted: governance }"
        }
        let plan = try solve(withPolicy(threeSuppliers, weighted(480)))
        #expect(plan.status == .optimal)
        #expect((plan.scope("metal", "supply")?.weightedHHI ?? 481) <= 480 + 1e-6)
        // Weights 5, 2, 3: the floor is 10000 x 2 / 20 = 1000.
        let found = try diagnostics(withPolicy(Self.scaledGovernance, weighted(900)))
        #expect(
            messages(found) == [
                "model.yaml:15:9: error: policies.p.rules[w].max: no governance-weighted HHI cap below 1000 can be met "
                    + "in metal/supply: the piecewise-linear bound with hhi_segments = 20 counts every source as at least "
                    + "1/20 of the volume, and the lowest governance weight there is 2 (fix: raise max to 1000 or more, or "
                    + "raise settings.hhi_segments (the floor is 10000 x the lowest governance weight in the scope / "
                    + "hhi_segments))"
            ])
        #expect(try load(withPolicy(Self.scaledGovernance, weighted(1000))).invalidPolicies.isEmpty)
    }

}

// MARK: Numbers in plans and reports (issue 11): each read from the plan in the rule's own terms

/// Two suppliers, a tariff on the cheap one and a cost budget that binds (see `tariffUnderCostBudget`).
let tariffAndBudget = """
    name: Tariff and budget
    commodities:
      - { id: metal, demand: 100 }
    countries:
      - { id: CHN }
      - { id: AUS }
    suppliers:
      - { id: a, commodity: metal, country: CHN, capacity: 100, cost: 10, carbon: 2 }
      - { id: b, commodity: metal, country: AUS, capacity: 100, cost: 12, carbon: 0 }
    policies:
      p:
        weights: { carbon: 2 }
        rules:
          - { id: t, tariff: { country: CHN }, rate: 0.1 }
          - { id: budget, total: cost, max: 1150 }
    """

extension RuleTests {
    @Test("count rules: slack and binding from the plan's members, not from the binaries")
    func countSlackFromPlan() throws {
        // CHN capped at 30%: a 30, b 70 (1140), whatever the count rule below (it never cuts).
        // Members with >= 5%: a and b. min 1: slack 2 - 1 = 1, not binding; min 2: slack 0, binding.
        // Delivering: a and b. max 3: slack 3 - 2 = 1; max 2: slack 0, binding.
        func solved(_ count: String) throws -> RuleReport {
            let plan = try solve(
                withPolicy(
                    threeSuppliers,
                    """
                    p:
                      rules:
                        - { id: cn-cap, share: { country: CHN }, max: 0.3 }
                        - { id: n, \(count) }
                    """))
            #expect(plan.solver.mip && isClose(plan.objective, 1140), "\(count)")
            return try #require(plan.rule("n"))
        }
        let cases: [(String, Double, Bool)] = [
            ("count: supplier, min: 1", 1, false), ("count: supplier, min: 2", 0, true),
            ("count: supplier, max: 3", 1, false), ("count: supplier, max: 2", 0, true),
            ("count: country, min: 1, at_least: 0.5", 0, true),  // only AUS holds 50%
        ]
        for (count, slack, binding) in cases {
            let rule = try solved(count)
            #expect(rule.slack == slack && rule.binding == binding, "\(count): \(String(describing: rule.slack))")
            #expect(rule.rows.count == 1 && rule.rows[0].slack == slack && rule.rows[0].binding == binding, "\(count)")
            #expect(rule.shadowPrice == nil)
        }
        // Both sides: two rows, min slack 2 - 1 = 1 and max slack 3 - 2 = 1.
        let both = try solved("count: country, min: 1, max: 3")
        #expect(both.rows.map(\.slack) == [1, 1] && both.rows.map(\.binding) == [false, false])
    }

    @Test("HHI slack comes from the plan's envelope, not from the v_k a warm re-solve leaves at the cap")
    func hhiSlackFromEnvelope() throws {
        // At a cap of 4000 the weighted supplier HHI binds (a about 89 t, b 11 t). From 5000 up a
        // (CHN, weight 0.5, the cheapest) takes all 100 t: 0.5 x 10000 = 5000, on a breakpoint (q = 1),
        // so the envelope is exact: caps 6000 and 8000 leave slack 1000 and 3000. Re-solved warm after
        // loosening the cap, GLPK kept the binding row at its bound and lifted v_a instead.
        let policy = "p:\n  rules:\n    - { id: h, hhi: supplier, max: 4000, weighted: governance }"
        let loaded = try load(withPolicy(threeSuppliers, policy))
        let runner = try SweepRunner(
            loaded: loaded, policy: "p",
            points: .grid([
                SweepAxis(path: "policies.p.rules.h.max", values: [4000, 6000, 8000])
            ]))
        let rows = SweepTests.Rows()
        runner.run(jobs: 1) { rows.append($0) }
        let points = rows.all.sorted { $0.point < $1.point }
        #expect(points.count == 3 && points[1].warm && points[2].warm)
        for (point, slack) in zip(points, [0.0, 1000, 3000]) {
            if slack > 0 { #expect(isClose(point.plan.objective, 1000)) }
            let rule = try #require(point.plan.rule("h"))
            #expect(
                isClose(rule.slack, slack) && rule.binding == (slack == 0),
                "cap \(point.values[0]): \(String(describing: rule.slack))")
        }
        // A solve from scratch: a 30, b 70 under a 30% CHN cap, on breakpoints: 0.5 x 0.09 + 0.1 x 0.49 = 940.
        let plan = try solve(
            withPolicy(
                threeSuppliers,
                """
                p:
                  rules:
                    - { id: cn-cap, share: { country: CHN }, max: 0.3 }
                    - { id: h, hhi: supplier, max: 2000, weighted: governance }
                """))
        #expect(isClose(plan.rule("h")?.slack, 1060) && plan.rule("h")?.binding == false)
    }

    @Test("rows in a scope where nothing is delivered never bind, whatever the basis or the binaries say")
    func emptyScopeNeverBinds() throws {
        // Unmet demand costs 5 per t, less than any supplier: nothing is bought, T = 0, objective 500.
        let empty = threeSuppliers.replacingOccurrences(
            of: "demand: 100 }", with: "demand: 100, shortfall_penalty: 5 }")
        let yaml = withPolicy(
            empty,
            """
            lp:
              rules:
                - { id: cap, share: { each: country }, max: 0.5 }
                - { id: floor, share: { country: CAN }, min: 0 }
                - { id: h, hhi: supplier, max: 5000 }
                - { id: avg, average: labor, min: 0.6 }
                - { id: sv, survive: { each: country }, coverage: 0.5 }
            mip:
              rules:
                - { id: cap, share: { each: country }, max: 0.5 }
                - { id: n, count: supplier, min: 1, max: 2 }
            """)
        let model = try load(yaml).model
        // The LP read with a basis in which every rule row is at its bound (GLPK may return one).
        let formulation = try Formulation(model: model, policy: try Planner.policy("lp", of: model))
        let problem = GLPKProblem(formulation.program)
        let solution = try problem.solve(SolveOptions())
        var ranges: [Int: RightHandSideRange] = [:]
        for rule in formulation.rules {
            for row in rule.rows {
                let range = try problem.rightHandSideRange(of: row.constraint)
                ranges[row.constraint.index] = RightHandSideRange(
                    bound: range.bound, activity: range.activity, dual: range.dual, isBinding: true,
                    lowerLimit: range.lowerLimit, upperLimit: range.upperLimit)
            }
        }
        let lp = PlanReader(formulation: formulation, solution: solution, ranges: ranges).plan()
        #expect(isClose(lp.objective, 500) && lp.scope("metal", "supply")?.total == 0)
        #expect(lp.rules.count == 5)
        for rule in lp.rules {
            #expect(!rule.binding && rule.rows.allSatisfy { !$0.binding && $0.slack == nil }, "\(rule.id)")
        }
        // The MIP: the count's min row is met by a binary at T = 0; its slack is undefined there,
        // the max row's is 2 - 0 members delivering.
        let mip = try Planner.solve(model, policy: "mip")
        #expect(mip.solver.mip && isClose(mip.objective, 500))
        let count = try #require(mip.rule("n"))
        #expect(!count.binding && count.rows.map(\.binding) == [false, false])
        #expect(count.rows[0].slack == nil && count.rows[1].slack == 2)
        #expect(mip.rule("cap")?.binding == false)
    }

    @Test("a tariff's shadow price includes a binding cost budget: hand-solved and by finite differences")
    func tariffUnderCostBudget() throws {
        // a: 10 x 1.1 = 11 paid + 2 x 2 = 4 of carbon = 15 per t; b: 12. Unbudgeted, b takes all (spend 1200).
        // The budget 11 a + 12 b <= 1150 with a + b = 100 gives a >= 50: a 50, b 50, objective
        // 50 x 15 + 50 x 12 = 1350. The budget's dual: each unit of budget moves 1 t from a to b
        // (b costs 1 more to buy), saving 3: y = -3.
        // With rate tau: 10 (1 + tau) a + 12 (100 - a) = 1150 gives a = 50 / (2 - 10 tau), objective
        // 1200 + a (10 tau + 2); d objective / d tau = 10 x 50 x 4 / (2 - 10 tau)^2 = 2000 at tau = 0.1.
        // Envelope theorem: direct 10 x 50 = 500, minus y x (10 x 50 in the budget row) = 500 + 1500.
        let plan = try solve(tariffAndBudget)
        #expect(isClose(plan.objective, 1350) && isClose(plan.volume("a"), 50))
        #expect(plan.rule("budget")?.binding == true && isClose(plan.rule("budget")?.shadowPrice, -3))
        let tariff = try #require(plan.rule("t"))
        #expect(isClose(tariff.shadowPrice, 2000))
        // Re-solved with the rate 1e-4 higher: (1350.2002 - 1350) / 1e-4 = 2002 (the curvature adds 0.1%).
        let moved = try solve(tariffAndBudget, overrides: [Override(path: "policies.p.rules.t.rate", value: 0.1001)])
        let slope = ((moved.objective ?? 0) - 1350) / 1e-4
        #expect(isClose(slope, 2000, tolerance: 2e-3), "finite difference \(slope)")
        // Without the budget the price is the tariffed purchase cost alone: b takes all, 0.
        let loose = try solve(tariffAndBudget, overrides: [Override(path: "policies.p.rules.budget.max", value: 5000)])
        #expect(loose.rule("t")?.shadowPrice == 0)
    }

    @Test("a MIP policy's tariff has no shadow price, as its other rules")
    func tariffOfMIP() throws {
        let yaml = tariffAndBudget + "\n      - { id: n, count: supplier, max: 2 }\n"
        let plan = try solve(yaml)
        #expect(plan.solver.mip && isClose(plan.objective, 1350))
        #expect(plan.rule("t")?.shadowPrice == nil && plan.rule("t")?.binding == true)
        #expect(plan.rule("budget")?.shadowPrice == nil)
    }

    @Test("solver.code is GLPK's constant: the status's when the search finished (return code 0)")
    func solverCode() throws {
        let lp = try solve(withPolicy(threeSuppliers, "p: {}"))
        #expect(lp.solver.code == "GLP_OPT")
        #expect(lp.solver.message == "the solver finished its search: the solution is optimal")
        let mip = try solve(withPolicy(threeSuppliers, "p:\n  rules:\n    - { count: supplier, max: 1 }"))
        #expect(mip.solver.mip && mip.solver.code == "GLP_OPT")
        let none = try solve(withPolicy(threeSuppliers, "p:\n  rules:\n    - { share: { each: country }, max: 0.3 }"))
        #expect(none.status == .infeasible && none.solver.code == "GLP_NOFEAS")
    }

    @Test("descriptions: short decimals without binary artefacts, plurals spelled right")
    func descriptions() throws {
        let yaml = withPolicy(
            threeSuppliers,
            """
            p:
              rules:
                - { share: { country: CHN }, max: 0.533 }
                - { count: country, min: 2, max: 3, at_least: 0.07 }
                - { count: supplier, max: 2 }
                - { tariff: { group: feoc }, rate: 0.07 }
                - { survive: { each: country }, coverage: 0.57 }
                - { average: labor, min: 0.1, max: 0.30000000000000004 }
                - { total: cost, max: 1234567.25 }
            """)
        let rules = try #require(try load(yaml).model.policy(named: "p")).rules
        #expect(
            rules.map { PlanReader.describe($0) } == [
                "share of country CHN <= 53.3%",
                "number of countries >= 2 (each >= 7%) and <= 3",
                "number of suppliers <= 2",
                "tariff 7% on group feoc",
                "keep 57% after losing any one country",
                "average labor >= 0.1 and <= 0.3",
                "total cost <= 1234567.25",
            ])
        #expect(["supplier", "country", "group"].map(PlanReader.plural) == ["suppliers", "countries", "groups"])
    }
}
