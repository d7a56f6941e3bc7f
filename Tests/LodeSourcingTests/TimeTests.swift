import Foundation
import Testing

@testable import LodeSourcing

/// Plans over time (docs/model-language.md, "Plans over time"): one hand-solved case per
/// construct, the optimum worked out in each test's comment. Suppliers: `a` in CHN, `b` in AUS,
/// one commodity `metal` with one stage, periods 2026 and 2027 unless a test says otherwise.
@Suite("Plans over time: hand-solved cases")
struct TimeTests {
    /// Two periods, a at 10 and b at 12 per t, 200 t of capacity each; `extra` adds lines to the
    /// model (suppliers, stockpiles) and `policy` is the policy `p`'s body.
    static func model(
        periods: String = "[2026, 2027]", demand: String = "100", a: String = "capacity: 200, cost: 10",
        b: String = "capacity: 200, cost: 12", extra: String = "", policy: String = "{}"
    ) -> String {
        """
        name: Over time
        periods: \(periods)
        commodities:
          - { id: metal, demand: \(demand) }
        suppliers:
          - { id: a, commodity: metal, country: CHN, \(a) }
          - { id: b, commodity: metal, country: AUS, \(b) }
        \(extra)
        policies:
          p: \(policy)
        """
    }

    static func volume(_ plan: Plan, _ supplier: String, _ period: String) -> Double {
        plan.suppliers.first { $0.id == supplier && $0.period == period }?.volume ?? .nan
    }

    static func stock(_ plan: Plan, _ period: String) -> Double {
        plan.stockpiles?.first { $0.period == period }?.level ?? .nan
    }

    @Test("a stepping demand is bought period by period: 100 t then 150 t from a at 10 = 2,500")
    func steppingDemand() throws {
        let plan = try solve(Self.model(demand: "{ 2026: 100, 2027: 150 }"))
        #expect(isClose(plan.objective, 2500))
        #expect(isClose(Self.volume(plan, "a", "2026"), 100))
        #expect(isClose(Self.volume(plan, "a", "2027"), 150))
        #expect(plan.periods?.map(\.period) == ["2026", "2027"])
        #expect(plan.scopes.map(\.period) == ["2026", "2027"])
    }

    /// A floor that starts in 2027: 2026 all from a (1,000); 2027 at least 40% of 150 t from b:
    /// 90 x 10 + 60 x 12 = 1,620; 2,620 in all. One row, in 2027; its price y T = 150 x (12 - 10) = 300.
    @Test("a bound stepping up: no bound before its first key, then the floor; shadow price 300")
    func boundSteppingUp() throws {
        let plan = try solve(
            Self.model(
                demand: "{ 2026: 100, 2027: 150 }",
                policy: "{ rules: [ { id: allied, share: { country: AUS }, min: { 2027: 0.4 } } ] }"))
        #expect(isClose(plan.objective, 2620))
        #expect(isClose(Self.volume(plan, "b", "2027"), 60))
        let rule = try #require(plan.rule("allied"))
        #expect(rule.rows.map(\.period) == ["2027"])
        #expect(isClose(rule.shadowPrice, 300))
        #expect(rule.description == "from 2027: share of country AUS >= 40%")
    }

    /// 100 t at 10 in 2026 and in 2028 at 10% a year: 1,000 + 1,000 / 1.1^2 = 1,826.446...
    @Test("discounting: delta_t = (1 + r)^-(P_t - P_1), costs per period undiscounted")
    func discounting() throws {
        let plan = try solve("discount_rate: 0.1\n" + Self.model(periods: "[2026, 2028]"))
        #expect(isClose(plan.objective, 1000 + 1000 / 1.21))
        #expect(isClose(plan.costs?.purchase, 1000 + 1000 / 1.21))
        #expect(isClose(plan.periods?[1].costs.purchase, 1000))
        #expect(isClose(plan.periods?[1].discountFactor, 1 / 1.21))
    }

    static let project = """
        - { id: p, commodity: metal, country: CAN, capacity: 60, cost: 5, capex: 500, fixed_cost: 100,
            earliest: 2027, BUILD }
        """

    /// a costs 20 (b 30); the project p (60 t at 5, capex 500, fixed 100 a period) can start in
    /// 2027. Demand 100 then 30. Continuous: building a fraction f saves 15 per t on 60 f t for 600 f,
    /// so f = 0.5 exactly covers 30 t: 2,000 + 30 x 5 + 300 = 2,450. Binary: all of it costs 600
    /// against 450 saved, so not built: 2,000 + 600 = 2,600, and the policy is a MIP.
    @Test("a continuous project is built by the fraction that pays; a binary one all or nothing")
    func projects() throws {
        func plan(_ build: String) throws -> Plan {
            try solve(
                Self.model(
                    demand: "{ 2026: 100, 2027: 30 }", a: "capacity: 200, cost: 20", b: "capacity: 200, cost: 30",
                    extra: "  "
                        + Self.project.replacingOccurrences(of: "BUILD", with: build)
                        .replacingOccurrences(of: "\n", with: "\n  ")))
        }
        let continuous = try plan("build: continuous")
        #expect(isClose(continuous.objective, 2450))
        let built = try #require(continuous.projects?.first { $0.period == "2027" })
        #expect(isClose(built.built, 0.5))
        #expect(isClose(built.capacity, 30))
        #expect(continuous.projects?.first { $0.period == "2026" }?.built == 0)
        #expect(isClose(continuous.periods?[1].costs.capex, 250))
        #expect(isClose(continuous.periods?[1].costs.fixedCosts, 50))
        let binary = try plan("build: binary")
        #expect(binary.solver.mip)
        #expect(isClose(binary.objective, 2600))
        #expect(binary.projects?.allSatisfy { $0.built == 0 } == true)
    }

    /// a delivers only in 2026 (cost 10, 200 t), b costs 30; the reserve holds up to 100 t at 2 a
    /// period. 2026: buy 200 from a, 100 into stock: 2,000 + 200 holding; 2027: release 100, buy
    /// nothing: 2,200 (b would cost 3,000).
    @Test("a stockpile carries cheap early supply to a later period")
    func stockCarriesSupply() throws {
        let plan = try solve(
            Self.model(
                a: "capacity: \"2026:200;2027:0\", cost: 10", b: "capacity: 200, cost: 30",
                extra: "stockpiles:\n  - { id: res, commodity: metal, capacity: 100, holding_cost: 2 }"))
        #expect(isClose(plan.objective, 2200))
        #expect(isClose(Self.volume(plan, "a", "2026"), 200))
        #expect(isClose(Self.stock(plan, "2026"), 100))
        #expect(isClose(Self.stock(plan, "2027"), 0))
        #expect(isClose(plan.costs?.holdingCosts, 200))
    }

    /// min_cover 0.5 of 100 t: at least 50 t held at the end of each period, at 1 a t. 2026: 200
    /// from a (100 into stock) = 2,000 + 100 holding; 2027: a is closed, stock may fall to 50, so 50
    /// from b at 30 = 1,500 + 50 holding: 3,650 in all (buying b early would only add holding).
    @Test("min_cover keeps a fraction of each period's demand in stock")
    func minCover() throws {
        let plan = try solve(
            Self.model(
                a: "capacity: \"2026:200;2027:0\", cost: 10", b: "capacity: 200, cost: 30",
                extra: "stockpiles:\n  - { id: res, commodity: metal, capacity: 200, min_cover: 0.5, holding_cost: 1 }")
        )
        #expect(isClose(plan.objective, 3650))
        #expect(isClose(Self.stock(plan, "2026"), 100))
        #expect(isClose(Self.stock(plan, "2027"), 50))
    }

    /// initial 40, final 80, capacity 100; a costs 10 in 2026 and 20 in 2027. Cheapest: fill the
    /// reserve to 100 in 2026 (buy 160 = 1,600), then buy 80 in 2027 (100 demand - 100 released + 80
    /// kept = 80 at 20 = 1,600): 3,200.
    @Test("final bounds the last period's stock from below")
    func finalLevel() throws {
        let plan = try solve(
            Self.model(
                a: "capacity: 500, cost: { 2026: 10, 2027: 20 }", b: "capacity: 500, cost: 40",
                extra: "stockpiles:\n  - { id: res, commodity: metal, initial: 40, capacity: 100, final: 80 }"))
        #expect(isClose(plan.objective, 3200))
        #expect(isClose(Self.volume(plan, "a", "2026"), 160))
        #expect(isClose(Self.stock(plan, "2027"), 80))
    }

    /// Survive the loss of each country at 50%: b + I_t >= 0.5 (a + b). Stock counts, so 2026 buys
    /// 200 from a (T = 200) and holds 100 (100 >= 0.5 x 200) at 1 a t; 2027 releases it and buys
    /// nothing (T = 0): 2,100. Without stock each period would need 50 t of b: 4,000.
    @Test("stock held at the end of a period counts in that period's survive rows")
    func stockInSurvive() throws {
        let plan = try solve(
            Self.model(
                b: "capacity: 200, cost: 30",
                extra: "stockpiles:\n  - { id: res, commodity: metal, capacity: 100, holding_cost: 1 }",
                policy: "{ rules: [ { id: lose-one, survive: { each: country }, coverage: 0.5 } ] }"))
        #expect(isClose(plan.objective, 2100))
        #expect(isClose(Self.stock(plan, "2026"), 100))
        #expect(isClose(Self.volume(plan, "b", "2026"), 0))
    }

    /// a emits 2 t CO2e per t at 10, b none at 12; 100 t a period. A budget of 300 t over both
    /// periods caps a at 150 t in all: 150 x 10 + 50 x 12 = 2,100, one row, its price -1 per t
    /// (a t of budget lets 0.5 t move from b to a: 0.5 x 2 = 1). Per period (no `period:`) 300
    /// a period does not bind: 2,000.
    @Test("a total over period: all is one pooled row, a cumulative budget with one price")
    func pooledBudget() throws {
        let carbon = "capacity: 200, cost: 10, carbon: 2"
        let pooled = try solve(
            Self.model(a: carbon, policy: "{ rules: [ { id: budget, total: carbon, max: 300, period: all } ] }"))
        #expect(isClose(pooled.objective, 2100))
        let rule = try #require(pooled.rule("budget"))
        #expect(rule.rows.count == 1)
        #expect(rule.rows.first?.period == .some(nil))
        #expect(isClose(rule.shadowPrice, -1))
        #expect(rule.description == "total carbon <= 300 (pooled over all periods)")
        let perPeriod = try solve(
            Self.model(a: carbon, policy: "{ rules: [ { id: budget, total: carbon, max: 300 } ] }"))
        #expect(isClose(perPeriod.objective, 2000))
        #expect(perPeriod.rule("budget")?.rows.map(\.period) == ["2026", "2027"])
    }

    /// b costs 30: half the purchase value from AUS means 30 b >= 0.5 (10 a + 30 b), b >= a / 3:
    /// a = 75, b = 25 t, 1,500. The price is y V = d/d beta of 1,000 + 20,000 beta / (30 - 20 beta)
    /// = 600,000 / 400 = 1,500 at beta = 0.5.
    @Test("share by: value bounds shares of purchase value; its price is y times the scope's value")
    func valueShare() throws {
        let plan = try solve(
            Self.model(
                periods: "[2026]", b: "capacity: 200, cost: 30",
                policy: "{ rules: [ { id: origin, share: { country: AUS }, min: 0.5, by: value } ] }"))
        #expect(isClose(plan.objective, 1500))
        #expect(isClose(Self.volume(plan, "b", "2026"), 25))
        #expect(isClose(plan.rule("origin")?.shadowPrice, 1500))
        #expect(plan.rule("origin")?.description == "value share of country AUS >= 50%")
    }

    /// A tariff on CHN of 0 in 2026 and 1.0 from 2027: a (10) in 2026, then b (15) beats a at 20:
    /// 1,000 + 1,500 = 2,500. Its price is the tariffed purchase cost, 100 t x 10 = 1,000.
    @Test("a tariff rate map: each period at its own rate; the price is the tariffed purchase cost")
    func rateMap() throws {
        let plan = try solve(
            Self.model(
                b: "capacity: 200, cost: 15",
                policy: "{ rules: [ { id: duty, tariff: { country: CHN }, rate: { 2026: 0, 2027: 1.0 } } ] }"))
        #expect(isClose(plan.objective, 2500))
        #expect(isClose(Self.volume(plan, "b", "2027"), 100))
        #expect(isClose(plan.rule("duty")?.shadowPrice, 1000))
    }

    /// A weight map: a carbon price of 0 in 2026 and 5 from 2027 on a's 2 t CO2e per t makes a cost
    /// 20 in 2027, so b (12) is bought then: 1,000 + 1,200 = 2,200.
    @Test("weights change over time as period maps")
    func weightMap() throws {
        let plan = try solve(
            Self.model(
                a: "capacity: 200, cost: 10, carbon: 2", policy: "{ weights: { carbon: { 2026: 0, 2027: 5 } } }"))
        #expect(isClose(plan.objective, 2200))
        #expect(isClose(Self.volume(plan, "b", "2027"), 100))
    }

    /// A supplier whose capacity is 0 in a period is not present there: `each: supplier` has no
    /// row for it and the scope's suppliers leave it out.
    @Test("a supplier is present only in periods where its capacity is above 0")
    func presence() throws {
        let plan = try solve(
            Self.model(
                a: "capacity: \"2026:200;2027:0\", cost: 10",
                policy: "{ rules: [ { id: cap, share: { each: supplier }, max: 1 } ] }"))
        let rows = try #require(plan.rule("cap")).rows
        #expect(rows.map { "\(($0.period ?? nil) ?? "")/\($0.member ?? "")" } == ["2026/a", "2026/b", "2027/b"])
    }
}
