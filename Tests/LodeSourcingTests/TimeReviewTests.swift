// Findings of the review of plans over time (issue 13) pinned as hand-solved cases: shadow prices
// of the discounted objective, presence and binaries, a warm sweep that changes presence, and
// the edge cases a fuzzer would try (one period listed, a project in the last period, an empty
// stockpile, a duplicated rule period, a discount rate near 1).
import Foundation
import Testing

@testable import LodeSourcing

@Suite("Plans over time: review findings")
struct TimeReviewTests {
    /// a at 10, b (AUS) at 12, 100 t a period, 2026 and 2030 at 10% a year (delta = 1 / 1.1^4).
    /// At least 30% from AUS: 70 x 10 + 30 x 12 = 1,060 a period, 1,060 (1 + delta) in all. Each
    /// row's price is of the discounted objective: y T = 100 x (12 - 10) = 200 in 2026 and
    /// 200 delta = 136.60 in 2030; the rule's one price is their sum. Two rows: no range; the
    /// same floor only in 2030 is one row, with the range [0, 1] (b can take all 100 t).
    @Test("shadow prices over time are of the discounted objective: one per row, their sum, a range for one row")
    func discountedShadowPrices() throws {
        let delta = 1 / Foundation.pow(1.1, 4.0)
        let every = try solve(
            "discount_rate: 0.1\n"
                + TimeTests.model(
                    periods: "[2026, 2030]",
                    policy: "{ rules: [ { id: aus, share: { country: AUS }, min: 0.3 } ] }"))
        #expect(isClose(every.objective, 1060 * (1 + delta)))
        let rule = try #require(every.rule("aus"))
        #expect(rule.rows.map(\.period) == ["2026", "2030"])
        #expect(isClose(rule.rows[0].shadowPrice, 200))
        #expect(isClose(rule.rows[1].shadowPrice, 200 * delta))
        #expect(isClose(rule.shadowPrice, 200 * (1 + delta)))
        #expect(rule.range == nil)
        let late = try solve(
            "discount_rate: 0.1\n"
                + TimeTests.model(
                    periods: "[2026, 2030]",
                    policy: "{ rules: [ { id: aus, share: { country: AUS }, min: 0.3, period: 2030 } ] }"))
        let one = try #require(late.rule("aus"))
        #expect(isClose(one.shadowPrice, 200 * delta))
        #expect(isClose(one.range?.lower, 0))
        #expect(isClose(one.range?.upper, 1))
    }

    /// A binary project (capex 10) excluded by the policy, whose capacity is 0 in 2026 (so absent
    /// then, and no exclusion sees it): it adds no binary, so the policy stays an LP with shadow
    /// prices. The same for a min-order supplier. Without the exclusion both are MIPs.
    @Test("an excluded binary project or min-order supplier absent in some period adds no binary")
    func excludedAbsentAddsNoBinary() throws {
        for extra in [
            "- { id: p, commodity: metal, country: CAN, capacity: \"2026:0;2027:60\", cost: 1, capex: 10, build: binary }",
            "- { id: p, commodity: metal, country: CAN, capacity: \"2026:0;2027:60\", cost: 1, min_order: 20 }",
        ] {
            let excluded = try solve(
                TimeTests.model(extra: "  " + extra, policy: "{ rules: [ { id: no-p, exclude: { supplier: p } } ] }"))
            #expect(!excluded.solver.mip, "\(extra)")
            #expect(isClose(excluded.objective, 2000), "\(extra)")
            let open = try solve(TimeTests.model(extra: "  " + extra))
            #expect(open.solver.mip, "\(extra)")
        }
    }

    /// b (5) is absent in 2030 (capacity 0), a costs 10; AUS at most half of each period. A warm
    /// sweep that gives b 100 t in 2030 must put it into 2030's rows as a fresh build does: 50 t
    /// of b then, 1,500 in all (not 1,250 with b outside the share row).
    @Test("a warm sweep that makes a supplier present in a period rebuilds, as a fresh solve does")
    func sweepChangingPresence() throws {
        let yaml = """
            name: Warm presence
            periods: [2026, 2030]
            commodities:
              - { id: metal, demand: 100 }
            suppliers:
              - { id: a, commodity: metal, country: CHN, capacity: 200, cost: 10 }
              - { id: b, commodity: metal, country: AUS, capacity: { 2026: 200, 2030: 0 }, cost: 5 }
            policies:
              p:
                rules:
                  - { id: cap, share: { country: AUS }, max: 0.5 }
            """
        let path = try writeModel(yaml)
        let loaded = try ModelLoader.load(path: path)
        let values = [0.0, 100, 0]
        let axis = SweepAxis(path: "suppliers.b.capacity.2030", values: values)
        let runner = try SweepRunner(loaded: loaded, policy: "p", points: .grid([axis]))
        let rows = WarmColdTests.Rows()
        runner.run(jobs: 1) { rows.append($0) }
        let objectives = rows.all.sorted { $0.point < $1.point }.map { $0.plan.objective ?? .nan }
        #expect(objectives.count == 3)
        for (objective, expected) in zip(objectives, [1750.0, 1500, 1750]) {
            #expect(isClose(objective, expected), "\(objectives)")
        }
    }

    /// `periods: [2030]`: one period, as a model without periods but with labels: 100 t from a.
    /// A project whose earliest is the last period is built then (p at 1 saves 9 a t on 60 t for
    /// capex 10): 1,000 + (40 x 10 + 60 + 10) = 1,470. An empty stockpile (capacity 0) holds
    /// nothing; min_cover 1 holds a whole period's demand from the first period on.
    @Test("edge cases: one period listed, a project in the last period, capacity 0, min_cover 1")
    func edgeCases() throws {
        let one = try solve(TimeTests.model(periods: "[2030]"))
        #expect(isClose(one.objective, 1000))
        #expect(one.periods?.map(\.period) == ["2030"])

        let project = "- { id: p, commodity: metal, country: CAN, capacity: 60, cost: 1, capex: 10, earliest: 2030, "
        for build in ["build: binary }", "build: continuous }"] {
            let plan = try solve(TimeTests.model(periods: "[2026, 2030]", extra: "  " + project + build))
            #expect(isClose(plan.objective, 1470), "\(build)")
            #expect(plan.projects?.map(\.built) == [0, 1], "\(build)")
        }

        let empty = try solve(TimeTests.model(extra: "stockpiles:\n  - { id: s, commodity: metal, capacity: 0 }"))
        #expect(isClose(empty.objective, 2000))
        #expect(empty.stockpiles?.map(\.level) == [0, 0])

        // 2026: 100 for demand and 100 into stock; 2027: 100 for demand, the stock kept: 3,000.
        let cover = try solve(
            TimeTests.model(extra: "stockpiles:\n  - { id: s, commodity: metal, capacity: 500, min_cover: 1 }"))
        #expect(isClose(cover.objective, 3000))
        #expect(cover.stockpiles?.map(\.level) == [100, 100])
    }

    /// `period: [2027, 2027]` is the period once: one row (price 200), not two that halve it.
    /// A discount rate of 0.999999 over 2026-2030 divides the second period by about 16.
    @Test("a rule period listed twice is one row; a discount rate just below 1 is accepted")
    func duplicatePeriodAndSteepDiscount() throws {
        let plan = try solve(
            TimeTests.model(
                policy: "{ rules: [ { id: aus, share: { country: AUS }, min: 0.3, period: [2027, 2027] } ] }"))
        let rule = try #require(plan.rule("aus"))
        #expect(rule.rows.count == 1)
        #expect(isClose(rule.shadowPrice, 200))
        let steep = try solve("discount_rate: 0.999999\n" + TimeTests.model(periods: "[2026, 2030]"))
        #expect(isClose(steep.objective, 1000 + 1000 / Foundation.pow(1.999999, 4.0)))
    }

    /// A rule bound map with a key that is not a period is one error with a did-you-mean, whether
    /// in the file or through `--set`, not a second "expected a single value" about the same map.
    @Test("a rule bound map with an unknown period is one located error")
    func ruleMapUnknownPeriod() throws {
        let yaml = TimeTests.model(policy: "{ rules: [ { id: aus, share: { country: AUS }, min: { 2031: 0.3 } } ] }")
        #expect(
            messages(try diagnostics(yaml)) == [
                "model.yaml:10:60: error: policies.p.rules[aus].min.2031: '2031' is not one of the model's periods (fix: did you mean '2026'?)"
            ])
        let set = TimeTests.model(policy: "{ rules: [ { id: aus, share: { country: AUS }, min: { 2027: 0.3 } } ] }")
        let errors = try diagnostics(set, overrides: [Override(path: "policies.p.rules.aus.min.2099", value: 0.1)])
        #expect(errors.count == 1)
        #expect(errors.first?.message.contains("'2099' is not one of the model's periods") == true)
    }

    /// min and max maps that cross in one period (0.5 > 0.4 in 2027) are an error, as min > max is
    /// for plain numbers, not a policy that turns out infeasible.
    @Test("min and max maps must keep min <= max in every period")
    func crossingBoundMaps() throws {
        let yaml = TimeTests.model(
            policy: "{ rules: [ { id: aus, share: { country: AUS }, min: { 2026: 0.1, 2027: 0.5 }, "
                + "max: { 2026: 0.6, 2027: 0.4 } } ] }")
        let errors = messages(try diagnostics(yaml))
        #expect(errors.count == 1)
        #expect(
            errors.first?.hasSuffix(
                "error: policies.p.rules[aus].min: in 2027 min 0.5 is above max 0.4 (fix: make min <= max in every period)"
            )
                == true, "\(errors)")
    }

    /// Every number is finite, but a cost of 1e308 with a 100% tariff overflows: an error of the
    /// policy (exit 2 from the command line), not a fault of the program.
    @Test("an objective that overflows is an error naming the policy and the column")
    func overflow() throws {
        let yaml = """
            commodities:
              - { id: m, demand: 10 }
            suppliers:
              - { id: a, commodity: m, country: CHN, capacity: 100, cost: 1e308 }
            policies:
              p:
                rules:
                  - { tariff: { country: CHN }, rate: 1 }
            """
        do {
            _ = try solve(yaml, policy: "p")
            Issue.record("the overflow was accepted")
        } catch let error as InvalidModelError {
            #expect(
                messages(error.diagnostics) == [
                    "model.yaml:1:1: error: policies.p: the program of this policy cannot be built: the objective, "
                        + "variable x[a], reaches inf (fix: use numbers of at most about 1e300: a cost times "
                        + "(1 + tariff rates), capex plus fixed costs over the periods or a penalty times demand "
                        + "must stay finite)"
                ])
        }
    }

    /// Each period's min is compared with that period's max, never with the other map's first
    /// value: a floor that starts in 2030 at 0.6 under a cap of 0.5 then 0.7 is legal, and a step
    /// swept to 0.7 under a 2030 cap of 0.6 is refused naming the period.
    @Test("min and max maps are compared period by period, in the file and in sweeps")
    func boundsPerPeriod() throws {
        let yaml = """
            periods: [2026, 2030]
            commodities:
              - { id: m, demand: 100 }
            countries:
              - { id: CHN }
              - { id: AUS }
            suppliers:
              - { id: a, commodity: m, country: CHN, capacity: 200, cost: 10 }
              - { id: b, commodity: m, country: AUS, capacity: 200, cost: 12 }
            policies:
              p:
                rules:
                  - { id: cap, share: { country: AUS }, min: { 2030: 0.6 }, max: { 2026: 0.5, 2030: 0.7 } }
            """
        let plan = try solve(yaml, policy: "p")
        #expect(plan.status == .optimal)
        // 2026 at the least cost (all a: 1,000); 2030 with 60% from b: 40 x 10 + 60 x 12 = 1,120.
        #expect(isClose(plan.objective, 2120))
        let loaded = try load(yaml)
        let step = try #require(try Parameter.resolve("policies.p.rules.cap.max.2030", in: loaded.model))
        #expect(step.check(0.65, in: loaded.model) == nil)
        #expect(step.check(0.55, in: loaded.model) == "puts the rule's min 0.6 above its max 0.55 in 2030")
    }
}
