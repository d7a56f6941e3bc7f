// Tables a person can read (issue 14): text tables fit a width by wrapping long cells, leave out
// columns empty in every row; units, shadow prices as sentences, the way on from an infeasible plan.
import Testing

@testable import LodeReport
@testable import LodeSourcing

@Suite("Tables a person can read: width, units, shadow prices")
struct TableWidthTests {
    @Test("a table fits its width: the widest text column wraps at blanks, numbers are never cut")
    func fitsWidth() {
        let table = Table(
            header: ["Rule", "Cost", "What"],
            rows: [
                ["cap", "1,000", "share of country CHN at most 50% of every stage of the chain"], ["b", "2", "x"],
            ],
            rightAligned: [1])
        #expect(table.text(indent: "  ").map(\.count).max() == 75)
        #expect(
            table.text(indent: "  ", width: 40) == [
                "  Rule   Cost  What",
                "  cap   1,000  share of country CHN at",
                "               most 50% of every stage",
                "               of the chain",
                "  b         2  x",
            ])
        #expect(Table.wrap("abcdefghij", width: 4) == ["abcd", "efgh", "ij"])
        #expect(
            Table.prose("  one two three four", width: 12, hanging: "  ") == ["  one two", "    three", "    four"])
    }

    @Test("a column empty in every row is left out; COLUMNS sets the width, --wide lifts it")
    func emptyColumnsAndWidth() {
        let table = Table(header: ["A", "Empty", "B"], rows: [["1", "", "2"], ["3", "", "4"]])
        #expect(table.text() == ["A  B", "1  2", "3  4"])
        #expect(Table(header: ["A", "B"]).text() == ["A  B"])
        #expect(Table.width(wide: false, environment: [:]) == 100)
        #expect(Table.width(wide: false, environment: ["COLUMNS": "132"]) == 132)
        #expect(Table.width(wide: false, environment: ["COLUMNS": "x"]) == 100)
        #expect(Table.width(wide: true, environment: ["COLUMNS": "80"]) == nil)
    }

    @Test("the comparison of the tiny model fits 60 columns: its long fixes wrap in their column")
    func comparisonFits() throws {
        let table = ComparisonTable(comparison: try Comparer.compare(try Tiny.loaded().model, jobs: 1))
        let wide = table.render()
        let narrow = table.render(width: 60)
        #expect(wide.split(separator: "\n").map(\.count).max()! > 100)
        #expect(narrow.split(separator: "\n").allSatisfy { $0.count <= 60 })
        #expect(narrow.contains("raise each-cap"))
    }
}

extension TableWidthTests {
    @Test("units: volumes in the commodity's unit, costs per unit in the currency, share rules' slack and range in %")
    func units() throws {
        let model = try Tiny.loaded(
            Tiny.yaml.replacingOccurrences(of: "{ id: metal,", with: "{ id: metal, unit: t Co,")
        )
        .model
        let text = PlanTable(plan: try Planner.solve(model, policy: "cap"), units: model.units).render()
        #expect(text.contains("Volume (t Co)  Share  Capacity (t Co)  Unit cost (USD/t Co)"))
        #expect(text.contains("Total (t Co)") && text.contains("t CO2e/t Co"))
        #expect(text.contains("HHI: the sum of squared country shares in points, 0-10,000; above 2,500"))
        #expect(text.contains("  cn-cap  yes         0%       -100.00  [0%, 100%]"))
        let report = try StressTester.stress(model, policy: "cap", selection: .eachCountry)
        let stress = StressTable(report: report, commodities: ["metal"], units: model.units, currency: "EUR").render()
        #expect(stress.contains("metal 50.0 t Co") && stress.contains("cost in EUR"))
    }
}

extension TableWidthTests {
    @Test("shadow prices as sentences per the kind's step; a MIP has none and points to lode explain")
    func priceSentences() throws {
        func rule(_ kind: String, _ price: Double, bound: Double, unit: String = "") -> RuleReport {
            RuleReport(
                id: "r", policy: "p", kind: kind, description: "", binding: true, slack: 0, shadowPrice: price,
                unit: unit, range: ValueRange(lower: 0.28, upper: 0.34),
                rows: [RuleRowReport(commodity: nil, stage: nil, member: nil, bound: bound, binding: true, slack: 0)],
                suppliers: nil)
        }
        #expect(
            RuleText.sentence(rule("share", 25_560_000, bound: 0.3), currency: "USD")
                == "raising r by one point (30% -> 31%) costs about 255,600 USD a period, valid for 28% to 34%")
        var hhi = rule("hhi", -1_747.52, bound: 5000)
        hhi.range = nil
        #expect(
            RuleText.sentence(hhi, currency: "EUR")
                == "raising r by 100 points (5,000 -> 5,100) saves about 174,752 EUR a period")
        var count = rule("count", 1000, bound: 3)
        count.range = nil
        #expect(RuleText.sentence(count, currency: "USD")?.hasPrefix("raising r by one member (3 -> 4) costs") == true)
        var total = rule("total", -2, bound: 100, unit: "USD per t CO2e")
        total.range = nil
        #expect(RuleText.sentence(total, currency: "USD")?.hasPrefix("raising r by one t CO2e (100 -> 101)") == true)

        let yaml = Tiny.yaml + "\n  few:\n    rules:\n      - { id: few, count: country, max: 1 }\n"
        let plan = try Planner.solve(try Tiny.loaded(yaml).model, policy: "few")
        let text = PlanTable(plan: plan, modelPath: "m.yaml").render()
        #expect(text.contains("A MIP has no shadow prices (no dual); to price each binding rule by re-solving, run:"))
        #expect(text.contains("\n    lode explain m.yaml --policy few\n"))
    }
}

extension TableWidthTests {
    @Test("an infeasible solve's table points to lode explain with the model and the policy")
    func infeasiblePointsToExplain() throws {
        let plan = try Planner.solve(try Tiny.loaded().model, policy: "impossible")
        #expect(
            PlanTable(plan: plan, modelPath: "models/tiny.yaml").render().hasSuffix(
                """
                No plan meets every rule of this policy. For the conflicting rules and the least fix, run:
                  lode explain models/tiny.yaml --policy impossible
                Or relax a rule with --set, or compare with another policy ('lode check' lists warnings).

                """))
    }

    @Test("periods in which a rule binds read as runs: 2028, 2030-2035")
    func periodSpans() {
        let periods = (2026...2035).map(String.init)
        #expect(
            PlanTable.spans(["2028", "2030", "2031", "2032", "2033", "2034", "2035"], of: periods) == "2028, 2030-2035")
        #expect(PlanTable.spans(["2026"], of: periods) == "2026")
        #expect(PlanTable.spans([], of: periods) == "")
    }

    /// A table too wide whose number column has a long header wraps that header first, before any
    /// text column is narrowed below its longest word: ids stay whole.
    @Test("a long number header wraps before ids are broken")
    func numberHeaderWraps() {
        let table = Table(
            header: ["Supplier", "Unit cost (USD/t)"], rows: [["cod-co-mining-artisanal", "19,339"]],
            rightAligned: [1])
        let lines = table.text(width: 33)
        #expect(lines.allSatisfy { $0.count <= 33 }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("cod-co-mining-artisanal") }, "\(lines)")
    }
}
