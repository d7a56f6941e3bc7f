// Validation of plans over time (docs/model-language.md, "Plans over time"; MODEL.md §6): one
// test per check, its messages word for word, as ValidationTests does for one period.
import Testing

@testable import LodeSourcing

@Suite("Validation over time: periods, period maps, projects, stockpiles, rule periods")
struct TimeValidationTests {
    /// Two periods, one commodity, one supplier; `extra` lines go at the end.
    static func model(_ extra: String = "", periods: String = "periods: [2026, 2030]", supplier: String = "") -> String
    {
        """
        \(periods)
        commodities:
          - { id: metal, demand: 100 }
        suppliers:
          - { id: a, commodity: metal, country: CHN, capacity: 200, cost: 10\(supplier) }
        \(extra)
        """
    }

    @Test("periods out of order, or listed twice")
    func periodsOrder() throws {
        #expect(
            messages(try diagnostics(Self.model(periods: "periods: [2030, 2026]"))) == [
                "model.yaml:1:17: error: periods: the period 2026 comes after 2030 (fix: list each period once, in increasing order)"
            ])
        #expect(
            messages(try diagnostics(Self.model(periods: "periods: [2026, 2026]"))) == [
                "model.yaml:1:17: error: periods: the period 2026 is listed twice (fix: list each period once, in increasing order)"
            ])
    }

    @Test("a discount rate of 1 or more")
    func discountRate() throws {
        #expect(
            messages(try diagnostics(Self.model("discount_rate: 1"))) == [
                "model.yaml:6:16: error: discount_rate: 1 is not below 1 (fix: give a rate per year as a fraction, e.g. 0.07 for 7%)"
            ])
    }

    @Test("a map key that is not a period gets a did-you-mean; a data map must start at the first period")
    func mapKeys() throws {
        let yaml = Self.model(supplier: ", cost: { 2026: 10, 2031: 12 }").replacingOccurrences(
            of: "cost: 10, ", with: "")
        #expect(
            messages(try diagnostics(yaml)) == [
                "model.yaml:5:79: error: suppliers[a].cost.2031: '2031' is not one of the model's periods (fix: did you mean '2030'?)"
            ])
        let late = Self.model(supplier: ", capacity: { 2030: 200 }").replacingOccurrences(
            of: "capacity: 200, ", with: "")
        #expect(
            messages(try diagnostics(late)) == [
                "model.yaml:5:66: error: suppliers[a].capacity: the map starts at 2030, after the first period (fix: give the value of the first period, 2026, too)"
            ])
    }

    @Test("a period map in a model without periods, in YAML and in a CSV cell")
    func mapWithoutPeriods() throws {
        let yaml = """
            commodities:
              - { id: metal, demand: { 2026: 100, 2030: 120 } }
            suppliers:
              - { id: a, commodity: metal, country: CHN, capacity: 200, cost: 10 }
            """
        #expect(
            messages(try diagnostics(yaml)) == [
                "model.yaml:2:26: error: commodities[metal].demand: a period map needs periods, and the model lists none (fix: add 'periods: [...]' at the top of the model, or write one number)"
            ])
        let csv = """
            commodities:
              - { id: metal, demand: 100 }
            suppliers: suppliers.csv
            """
        let files = ["suppliers.csv": "id,commodity,country,capacity,cost\na,metal,CHN,2026:0;2030:500,10\n"]
        #expect(
            messages(try diagnostics(csv, files: files)) == [
                "suppliers.csv:2:4: error: suppliers[a].capacity: a period map needs periods, and the model lists none (fix: add 'periods: [...]' at the top of the model, or write one number)"
            ])
    }

    @Test("a period map where none is allowed: surge, coverage, capex")
    func mapNotAllowed() throws {
        #expect(
            messages(try diagnostics(Self.model(supplier: ", surge: { 2026: 5 }, capex: { 2026: 1 }"))) == [
                "model.yaml:5:78: error: suppliers[a].surge: this number cannot change over time (fix: write one number; period maps are for demand, capacity, cost, weights, tariff rates and rule bounds)",
                "model.yaml:5:98: error: suppliers[a].capex: this number cannot change over time (fix: write one number; period maps are for demand, capacity, cost, weights, tariff rates and rule bounds)",
            ])
        let survive = Self.model(
            """
            scenarios:
              - { id: ban, loss: { country: { CHN: 1 } } }
            policies:
              p:
                rules:
                  - { id: s, survive: { scenario: ban }, coverage: { 2026: 0.5, 2030: 0.8 } }
            """)
        #expect(
            messages(try diagnostics(survive)) == [
                "model.yaml:11:56: error: policies.p.rules[s].coverage: this number cannot change over time (fix: write one number; period maps are for demand, capacity, cost, weights, tariff rates and rule bounds)"
            ])
    }

    @Test("negative capex, fixed_cost, holding_cost, initial; min_cover above 1")
    func negatives() throws {
        let yaml = Self.model(
            """
            stockpiles:
              - { id: r, commodity: metal, initial: -1, holding_cost: -2, min_cover: 1.5 }
            """, supplier: ", capex: -5, fixed_cost: -3")
        #expect(
            messages(try diagnostics(yaml)) == [
                "model.yaml:5:78: error: suppliers[a].capex: -5 is negative (fix: use a number >= 0)",
                "model.yaml:5:94: error: suppliers[a].fixed_cost: -3 is negative (fix: use a number >= 0)",
                "model.yaml:7:41: error: stockpiles[r].initial: -1 is negative (fix: use a number >= 0)",
                "model.yaml:7:59: error: stockpiles[r].holding_cost: -2 is negative (fix: use a number >= 0)",
                "model.yaml:7:74: error: stockpiles[r].min_cover: 1.5 is outside [0, 1] (fix: use a fraction between 0 and 1 (0.25 for 25%))",
            ])
    }

    @Test("earliest not a period; build not a known word")
    func earliest() throws {
        #expect(
            messages(try diagnostics(Self.model(supplier: ", capex: 100, earliest: 2027, build: sometimes"))) == [
                "model.yaml:5:93: error: suppliers[a].earliest: '2027' is not one of the model's periods (fix: did you mean '2026'?)",
                "model.yaml:5:106: error: suppliers[a].build: 'sometimes' is not one of continuous, binary (fix: write build: continuous or build: binary)",
            ])
    }

    @Test("earliest or build without capex")
    func projectFieldsWithoutCapex() throws {
        #expect(
            messages(try diagnostics(Self.model(supplier: ", earliest: 2030, build: binary"))) == [
                "model.yaml:5:81: error: suppliers[a].earliest: 'earliest' applies only to a project, and this supplier has no capex (fix: give it a capex, or write its availability as a capacity map (e.g. 2026:0;2030:500))",
                "model.yaml:5:94: error: suppliers[a].build: 'build' applies only to a project, and this supplier has no capex (fix: give it a capex, or remove build)",
            ])
        #expect(
            messages(try diagnostics(Self.model(supplier: ", fixed_cost: 5, build: continuous"))) == [
                "model.yaml:5:93: error: suppliers[a].build: 'build' applies only to a project, and this supplier has no capex (fix: give it a capex, or remove build)"
            ])
    }

    @Test("a stockpile of an unknown commodity")
    func stockpileCommodity() throws {
        let yaml = Self.model(
            """
            stockpiles:
              - { id: r, commodity: metl, capacity: 10 }
            """)
        #expect(
            messages(try diagnostics(yaml)) == [
                "model.yaml:7:5: error: stockpiles[r].commodity: unknown commodity 'metl' (fix: did you mean 'metal'?)"
            ])
    }

    @Test("initial, final and min above the stockpile's capacity")
    func aboveCapacity() throws {
        let yaml = Self.model(
            """
            stockpiles:
              - { id: r, commodity: metal, initial: 20, final: 30, min: { 2030: 40 }, capacity: 10 }
            """)
        #expect(
            messages(try diagnostics(yaml)) == [
                "model.yaml:7:41: error: stockpiles[r].initial: initial 20 is above the stockpile's capacity 10 (fix: lower initial or raise capacity)",
                "model.yaml:7:52: error: stockpiles[r].final: final 30 is above the stockpile's capacity 10 (fix: lower final or raise capacity)",
                "model.yaml:7:61: error: stockpiles[r].min: min 40 is above the stockpile's capacity 10 (fix: lower min or raise capacity)",
            ])
    }

    @Test("period: in a model without periods is an error, except period: all")
    func rulePeriodWithoutPeriods() throws {
        let base = """
            commodities:
              - { id: metal, demand: 100 }
            suppliers:
              - { id: a, commodity: metal, country: CHN, capacity: 200, cost: 10 }
            policies:
              p:
                rules:

            """
        #expect(
            messages(try diagnostics(base + "      - { id: c, total: carbon, max: 5, period: 2030 }\n")) == [
                "model.yaml:8:49: error: policies.p.rules[c].period: 'period' needs periods, and the model lists none (fix: add 'periods: [...]' to the model, or remove period (or write period: all))"
            ])
        let loaded = try load(base + "      - { id: c, total: carbon, max: 5, period: all }\n")
        #expect(loaded.policyErrors.isEmpty)
        #expect(loaded.model.policies.first?.rules.map(\.id) == ["c"])
    }

    @Test("a rule period that is not a period gets a did-you-mean")
    func rulePeriodUnknown() throws {
        let yaml = Self.model(
            """
            policies:
              p:
                rules:
                  - { id: c, total: carbon, max: 5, period: [2026, 2031] }
            """)
        #expect(
            messages(try diagnostics(yaml)) == [
                "model.yaml:9:56: error: policies.p.rules[c].period: '2031' is not one of the model's periods (fix: did you mean '2030'?)"
            ])
    }

    @Test("a pooled total takes one number, not a period map")
    func pooledTotalMap() throws {
        let yaml = Self.model(
            """
            policies:
              p:
                rules:
                  - { id: c, total: carbon, max: { 2026: 5, 2030: 3 }, period: all }
            """)
        #expect(
            messages(try diagnostics(yaml)) == [
                "model.yaml:9:38: error: policies.p.rules[c].max: a total over several periods has one bound, not a period map (fix: write one number: the budget for all the listed periods together)"
            ])
    }

    @Test("a tariff rate map must cover the first period the rule applies in")
    func tariffRateMap() throws {
        let yaml = Self.model(
            """
            policies:
              p:
                rules:
                  - { id: t, tariff: { country: CHN }, rate: { 2030: 0.25 } }
            """)
        #expect(
            messages(try diagnostics(yaml)) == [
                "model.yaml:9:50: error: policies.p.rules[t].rate: the rate map starts at 2030, after 2026, the first period the tariff applies in (fix: give the rate of 2026 too)"
            ])
        let narrowed = Self.model(
            """
            policies:
              p:
                rules:
                  - { id: t, tariff: { country: CHN }, rate: { 2030: 0.25 }, period: 2030 }
            """)
        #expect(try load(narrowed).policyErrors.isEmpty)
    }

    @Test("check warns where min_cover of a period's demand is above the stockpile's capacity")
    func minCoverWarning() throws {
        let yaml = Self.model(
            """
            stockpiles:
              - { id: r, commodity: metal, capacity: 40, min_cover: 0.5 }
            """)
        let loaded = try load(yaml)
        #expect(
            messages(loaded.warnings) == [
                "model.yaml:7:5: warning: stockpiles[r].min_cover: min_cover 0.5 of the demand in 2026 is 50, above the capacity 40, so no plan can hold it (fix: raise capacity or lower min_cover)"
            ])
    }

    /// 200 t of capacity, 100 t of demand: a minimum of 250 t held at the end of 2026 needs 350 t.
    @Test("check warns where the stockpiles' lower bounds need more than the suppliers can deliver")
    func stockNeedsWarning() throws {
        let loaded = try load(
            Self.model(
                """
                stockpiles:
                  - { id: r, commodity: metal, capacity: 500, min: { 2026: 250 } }
                """))
        #expect(
            messages(loaded.warnings) == [
                "model.yaml:7:5: warning: stockpiles[r]: the stockpiles of metal must hold 250 t at the end of 2026, but the supply stage can deliver at most 100 t beyond demand by then (fix: lower min, min_cover or final, or add capacity)"
            ])
    }
}
