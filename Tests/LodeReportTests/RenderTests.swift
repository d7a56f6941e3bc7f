// Snapshot tests of the renderers in LodeReport: a tiny model's plan, comparison, explanation,
// stress test, frontier and sweep rows, as text, CSV and HTML. The expected strings are what
// `lode` printed for the same model before the renderers moved here from LodeCLI.
import Foundation
import Synchronization
import Testing

@testable import LodeReport
@testable import LodeSourcing

/// Three suppliers of one metal: CHN at 10 per t, AUS at 12, CAN at 15; a cap on China with a
/// tariff, and a policy that cannot be met.
enum Tiny {
    static let yaml = """
        name: Three suppliers
        commodities:
          - { id: metal, demand: 100 }
        countries:
          - { id: CHN, groups: [feoc], governance: 0.5 }
          - { id: AUS, groups: [allied], governance: 0.1 }
          - { id: CAN, groups: [allied], governance: 0.1 }
        suppliers:
          - { id: a, commodity: metal, country: CHN, capacity: 100, cost: 10, carbon: 2, labor: 0.4,
              sustainability: 0.5 }
          - { id: b, commodity: metal, country: AUS, capacity: 100, cost: 12, carbon: 0.5, labor: 0.9,
              sustainability: 0.9, surge: 50, surge_fee: 1 }
          - { id: c, commodity: metal, country: CAN, capacity: 100, cost: 15, carbon: 0.5, labor: 0.8,
              sustainability: 0.8 }
        policies:
          baseline: {}
          cap:
            rules:
              - { id: cn-cap, share: { country: CHN }, max: 0.5 }
              - { id: tariff, tariff: { group: feoc }, rate: 0.1 }
          impossible:
            rules:
              - { id: each-cap, share: { each: country }, max: 0.4 }
              - { id: allied, share: { group: allied }, min: 0.9 }
        """

    static func file(_ name: String, _ text: String) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lode-render-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static func loaded(_ yaml: String = yaml) throws -> LoadedModel {
        try ModelLoader.load(path: try file("model.yaml", yaml))
    }
}

@Suite("Renderers: a tiny model as text, CSV and HTML")
struct RenderTests {
    @Test("solve's table and supplier CSV")
    func plan() throws {
        let plan = try Planner.solve(try Tiny.loaded().model, policy: "cap")
        #expect(
            PlanTable(plan: plan).render() == """
                Three suppliers: policy cap
                Status: optimal (LP, 3 rows x 4 columns, 3 simplex iterations; GLPK: optimal)

                Cost (USD)
                  Purchase   1,100
                  Tariffs       50
                  Objective  1,150

                Plan (suppliers used)
                  Supplier  Stage         Country  Volume (t)  Share  Capacity (t)  Unit cost (USD/t)
                  a         metal/supply  CHN            50.0  50.0%           100                 11
                  b         metal/supply  AUS            50.0  50.0%           100                 12

                Concentration and ESG per stage
                  Stage         Total (t)    HHI  Top countries     Avg sust.  Avg labor  t CO2e/t
                  metal/supply      100.0  5,000  AUS 50%, CHN 50%       0.70       0.65      1.25
                  HHI: the sum of squared country shares in points, 0-10,000; above 2,500 is highly concentrated.

                Rules (shadow price = change in objective per 1.0 of the bound; range: where it holds)
                  Rule    Binding  Slack  Shadow price  Range       What
                  cn-cap  yes         0%       -100.00  [0%, 100%]  share of country CHN <= 50%
                  tariff  yes          -        500.00              tariff 10% on group feoc

                What the binding rules cost
                  - raising cn-cap by one point (50% -> 51%) saves about 1 USD a period, valid for 0% to 100%
                  - raising tariff by one point costs about 5 USD a period

                """)
        #expect(
            PlanCSV.suppliers(plan) == """
                policy,status,supplier,commodity,stage,country,volume,share,capacity,reserved_surge,unit_cost
                cap,optimal,a,metal,supply,CHN,50,0.5,100,0,11
                cap,optimal,b,metal,supply,AUS,50,0.5,100,0,12
                cap,optimal,c,metal,supply,CAN,0,0,100,0,15

                """)
    }

    @Test("compare: one table, as text, CSV and HTML")
    func comparison() throws {
        let table = ComparisonTable(comparison: try Comparer.compare(try Tiny.loaded().model, jobs: 1))
        #expect(
            table.render() == """
                Three suppliers: 3 policies (price vs baseline)

                                                baseline   cap              impossible
                  status                        optimal    optimal          infeasible
                  objective                     1,000      1,150            -
                  price vs baseline             0          +150             -
                  purchase                      1,000      1,100            -
                  tariffs                       0          50               -
                  freight                       0          0                -
                  surge fees                    0          0                -
                  ESG penalties                 0          0                -
                  shortfall penalty             0          0                -
                  metal/supply HHI              10,000     5,000            -
                  metal/supply top              CHN 100%   AUS 50% CHN 50%  -
                  metal/supply avg sust./labor  0.50/0.40  0.70/0.65        -
                  carbon (t CO2e)               200        125              -
                  rule cn-cap                              binds -100.00
                  rule tariff                              binds 500.00
                  rule each-cap                                             -
                  rule allied                                               -
                  conflict                      -          -                each-cap, allied
                  fix (any one)                 -          -                \(Self.fixes)
                  least fix                     -          -                each-cap: supply for AUS 40% -> 50%
                  Money in USD a period; HHI 0-10,000 (above 2,500 highly concentrated); shares in %; carbon in t CO2e.

                """)
        #expect(
            // Long form for scripts (issue 14; before: the display table, "1,000" and "CHN 100%"). The unit of
            // a volume is the commodity's (`t`, the default, here), passed in by the command.
            table.csv(units: ["metal": "t"]) == """
                policy,status,quantity,rule,commodity,stage,member,value,unit
                baseline,optimal,objective,,,,,1000,USD
                baseline,optimal,price,,,,,0,USD
                baseline,optimal,purchase,,,,,1000,USD
                baseline,optimal,tariffs,,,,,0,USD
                baseline,optimal,freight,,,,,0,USD
                baseline,optimal,surge_fees,,,,,0,USD
                baseline,optimal,carbon_penalty,,,,,0,USD
                baseline,optimal,sustainability_penalty,,,,,0,USD
                baseline,optimal,labor_penalty,,,,,0,USD
                baseline,optimal,shortfall_penalty,,,,,0,USD
                baseline,optimal,total,,metal,supply,,100,t
                baseline,optimal,hhi,,metal,supply,,10000,HHI (0-10000)
                baseline,optimal,supplier_hhi,,metal,supply,,10000,HHI (0-10000)
                baseline,optimal,weighted_hhi,,metal,supply,,5000,HHI (0-10000)
                baseline,optimal,share,,metal,supply,CHN,1,fraction
                baseline,optimal,group_share,,metal,supply,feoc,1,fraction
                baseline,optimal,average_sustainability,,metal,supply,,0.5,score (0-1)
                baseline,optimal,average_labor,,metal,supply,,0.4,score (0-1)
                baseline,optimal,carbon,,metal,supply,,200,t CO2e
                cap,optimal,objective,,,,,1150,USD
                cap,optimal,price,,,,,150,USD
                cap,optimal,purchase,,,,,1100,USD
                cap,optimal,tariffs,,,,,50,USD
                cap,optimal,freight,,,,,0,USD
                cap,optimal,surge_fees,,,,,0,USD
                cap,optimal,carbon_penalty,,,,,0,USD
                cap,optimal,sustainability_penalty,,,,,0,USD
                cap,optimal,labor_penalty,,,,,0,USD
                cap,optimal,shortfall_penalty,,,,,0,USD
                cap,optimal,total,,metal,supply,,100,t
                cap,optimal,hhi,,metal,supply,,5000,HHI (0-10000)
                cap,optimal,supplier_hhi,,metal,supply,,5000,HHI (0-10000)
                cap,optimal,weighted_hhi,,metal,supply,,1500,HHI (0-10000)
                cap,optimal,share,,metal,supply,AUS,0.5,fraction
                cap,optimal,share,,metal,supply,CHN,0.5,fraction
                cap,optimal,group_share,,metal,supply,allied,0.5,fraction
                cap,optimal,group_share,,metal,supply,feoc,0.5,fraction
                cap,optimal,average_sustainability,,metal,supply,,0.7,score (0-1)
                cap,optimal,average_labor,,metal,supply,,0.65,score (0-1)
                cap,optimal,carbon,,metal,supply,,125,t CO2e
                cap,optimal,binding,cn-cap,,,,1,1 = binds
                cap,optimal,slack,cn-cap,,,,0,share
                cap,optimal,shadow_price,cn-cap,,,,-100,USD per 1.0 of share
                cap,optimal,binding,tariff,,,,1,1 = binds
                cap,optimal,shadow_price,tariff,,,,500,USD per 1.0 of tariff rate
                impossible,infeasible,objective,,,,,,USD
                impossible,infeasible,conflict,each-cap,,,,1,1 = in the conflict
                impossible,infeasible,conflict,allied,,,,1,1 = in the conflict
                impossible,infeasible,fix_from,each-cap,metal,supply,AUS,0.4,the rule's max
                impossible,infeasible,fix_to,each-cap,metal,supply,AUS,0.5,the rule's max
                impossible,infeasible,fix_from,allied,metal,supply,,0.9,the rule's min
                impossible,infeasible,fix_to,allied,metal,supply,,0.8,the rule's min
                impossible,infeasible,least_fix_from,each-cap,metal,supply,AUS,0.4,the rule's max
                impossible,infeasible,least_fix_to,each-cap,metal,supply,AUS,0.5,the rule's max

                """)
        // The HTML is the same table: the header and every metric's row, numbers escaped as text.
        let html = table.html()
        #expect(
            html.hasPrefix(
                "<table id=\"comparison-table\"><caption>Three suppliers: price vs baseline</caption>"
                    + "<thead><tr><th>metric</th><th>baseline</th><th>cap</th><th>impossible</th></tr></thead><tbody>"))
        #expect(html.contains("<tr><td>objective</td><td>1,000</td><td>1,150</td><td>-</td></tr>"))
        #expect(html.components(separatedBy: "<tr>").count - 2 == table.metrics().count)
    }

    static let least = "raise each-cap for AUS at metal/supply from 0.4 to 0.5"
    static let fixes = least + "; or lower allied at metal/supply from 0.9 to 0.8"

    @Test("explain: the conflict and its fixes, the binding rules and the suppliers' costs; CSV rows")
    func explanation() throws {
        let model = try Tiny.loaded().model
        let impossible = ExplanationText(explanation: try Explainer.explain(model, policy: "impossible"))
        #expect(
            impossible.render() == """
                Three suppliers: policy impossible is infeasible

                These rules cannot hold together: each-cap, allied.

                Any one of these fixes it:
                  - raise each-cap for AUS at metal/supply from 0.4 to 0.5
                  - lower allied at metal/supply from 0.9 to 0.8

                Least relaxation over all rules (higher priority numbers relaxed first):
                  - raise each-cap for AUS at metal/supply from 0.4 to 0.5

                """)
        #expect(
            impossible.csv() == """
                kind,rule,commodity,stage,member,from,to,statement
                least,each-cap,metal,supply,AUS,0.4,0.5,raise each-cap for AUS at metal/supply from 0.4 to 0.5
                alternative,each-cap,metal,supply,AUS,0.4,0.5,raise each-cap for AUS at metal/supply from 0.4 to 0.5
                alternative,allied,metal,supply,,0.9,0.8,lower allied at metal/supply from 0.9 to 0.8

                """)
        let cap = ExplanationText(explanation: try Explainer.explain(model, policy: "cap"))
        #expect(
            cap.render() == """
                Three suppliers: policy cap is optimal

                Binding rules, most expensive first (cost = objective with the rule minus without it)
                  Rule    Cost  Shadow price  Unit                        Range      What
                  cn-cap    50       -100.00  USD per 1.0 of share        [0, 1.00]  share of country CHN <= 50%
                  tariff    50        500.00  USD per 1.0 of tariff rate             tariff 10% on group feoc

                Unused suppliers: the unit cost below which each would enter the plan
                  Supplier  Cost  Enters below
                  c           15            12

                Used suppliers: the unit-cost range over which the plan stays as it is
                  Supplier  Volume  Cost  Range
                  a           50.0    10  [-inf, 11]
                  b           50.0    12  [11, 15]

                """)
    }

    @Test("stress: delivered share and shortfall per disruption, as text and CSV")
    func stress() throws {
        let loaded = try Tiny.loaded()
        let report = try StressTester.stress(loaded.model, policy: "cap", selection: .eachCountry)
        let table = StressTable(report: report, commodities: loaded.model.commodities.map(\.id))
        #expect(
            table.render() == """
                Three suppliers: plan of policy cap (optimal, cost 1,150) under disruptions, worst first

                  Disruption          Delivered     Shortfall  Cost
                  lose CHN at supply      50.0%  metal 50.0 t   600
                  lose AUS at supply      50.0%  metal 50.0 t   500
                  Delivered: share of demand met; shortfall in each commodity's unit; cost in the model's currency.

                """)
        #expect(
            table.csv() == """
                disruption,worst_delivered,cost,delivered[metal],shortfall[metal]
                lose CHN at supply,0.5,600,0.5,50
                lose AUS at supply,0.5,500,0.5,50

                """)
    }

    @Test("frontier: cost against X, as text and CSV")
    func frontier() throws {
        let model = try Tiny.loaded().model
        let frontier = try FrontierBuilder.build(model, policy: "cap", versus: .share("CHN"), points: 3)
        #expect(
            FrontierTable(frontier: frontier).render() == """
                Three suppliers: cost versus share:CHN (largest share of any stage (0..1)) under policy cap

                  Point   Cost  share:CHN  Cost over cheapest
                  0      1,150      50.0%                  +0
                  1      1,175      25.0%                 +25
                  2      1,200       0.0%                 +50

                """)
        #expect(
            FrontierTable(frontier: frontier).csv() == """
                point,epsilon,cost,share:CHN
                0,0.5,1150,0.5
                1,0.25,1175,0.25
                2,0,1200,0

                """)
    }

    static func sweepRows(_ loaded: LoadedModel, _ axes: [String]) throws -> (SweepSchema, [SweepRow]) {
        let parsed = try axes.map { try SweepAxis(parsing: $0) }
        let runner = try SweepRunner(loaded: loaded, policy: "cap", points: SweepPoints.grid(parsed))
        let rows = Mutex<[SweepRow]>([])
        runner.run(positions: Array(runner.points.values.indices), jobs: 1, shouldStop: { false }, solved: {}) { row in
            rows.withLock { $0.append(row) }
        }
        let policy = try Planner.policy("cap", of: loaded.model)
        return (SweepSchema(axes: parsed.map(\.path), model: loaded.model, policy: policy), rows.withLock { $0 })
    }

    @Test("sweep rows: the CSV header and lines, and JSON lines")
    func sweep() throws {
        let loaded = try Tiny.loaded()
        let (schema, rows) = try Self.sweepRows(
            loaded, ["policies.cap.rules.cn-cap.max=0.3,0.45", "commodities.metal.demand=100,120"])
        #expect(
            ([schema.csvHeader()] + rows.map(schema.csvLine)).joined(separator: "\n") + "\n" == """
                point,policies.cap.rules.cn-cap.max,commodities.metal.demand,status,objective,purchase,freight,tariffs,\
                carbon_penalty,sustainability_penalty,labor_penalty,surge_fees,shortfall_penalty,total[metal/supply],\
                hhi[metal/supply],top_country[metal/supply],top_share[metal/supply],binding,shadow_price[cn-cap],\
                shadow_price[tariff]
                0,0.3,100,optimal,1170,1140,0,30,0,0,0,0,0,100,5800,AUS,0.7,cn-cap;tariff,-100,300
                1,0.3,120,optimal,1404,1368,0,36,0,0,0,0,0,120,5800,AUS,0.7,cn-cap;tariff,-120,360
                2,0.45,100,optimal,1155,1110,0,45,0,0,0,0,0,100,5050,AUS,0.55,cn-cap;tariff,-100,450
                3,0.45,120,optimal,1386,1332,0,54,0,0,0,0,0,120,5050,AUS,0.55,cn-cap;tariff,-120,540

                """)
        let (one, single) = try Self.sweepRows(loaded, ["policies.cap.rules.cn-cap.max=0.3,0.45"])
        #expect(
            one.jsonLine(single[0]) == """
                {"binding":["cn-cap","tariff"],"costs":{"carbon_penalty":0,"freight":0,"labor_penalty":0,\
                "objective":1170,"purchase":1140,"shortfall_penalty":0,"surge_fees":0,"sustainability_penalty":0,\
                "tariffs":30},"objective":1170,"point":0,"scopes":[{"commodity":"metal","hhi":5800,\
                "shares":{"AUS":0.7,"CHN":0.3},"stage":"supply","total":100}],"shadow_prices":{"cn-cap":-100,\
                "tariff":300},"status":"optimal","values":{"policies.cap.rules.cn-cap.max":0.3}}
                """)
    }

    @Test("what the sweep and frontier schemas write, Series reads back, in both formats")
    func roundTrip() throws {
        let loaded = try Tiny.loaded()
        let (schema, rows) = try Self.sweepRows(loaded, ["policies.cap.rules.cn-cap.max=0.3,0.45"])
        let expected: [Series.Point] = [.init(x: 0.3, y: 1170), .init(x: 0.45, y: 1155)]
        let csv = try Tiny.file("s.csv", ([schema.csvHeader()] + rows.map(schema.csvLine)).joined(separator: "\n"))
        #expect(try Series.sweep(at: csv).points == expected)
        let options = [SweepSchema.varyOption: "policies.cap.rules.cn-cap.max=0.3,0.45"]
        let manifest = RunManifest(
            command: "sweep", modelFile: "model.yaml", loaded: loaded, options: options,
            points: 2)
        let lines = [try SweepSchema.manifestLine(manifest)] + rows.map(schema.jsonLine)
        let sweep = try Series.sweep(at: try Tiny.file("s.jsonl", lines.joined(separator: "\n")))
        #expect(sweep.points == expected && sweep.xLabel == "policies.cap.rules.cn-cap.max" && sweep.xPercent)
        let frontier = try FrontierBuilder.build(loaded.model, policy: "cap", versus: .share("CHN"), points: 3)
        let read = try Series.frontier(at: try Tiny.file("f.csv", FrontierTable(frontier: frontier).csv()))
        #expect(read.points == frontier.points.map { .init(x: $0.value, y: $0.cost) } && read.xLabel == "share:CHN")
    }

    @Test("one table model: aligned text with an indent, CSV quoted where needed, escaped HTML")
    func table() {
        let table = Table(header: ["Name", "Amount"], rows: [["a, b", "1,000"], ["<c>", "2"]], rightAligned: [1])
        #expect(table.text(indent: "  ") == ["  Name  Amount", "  a, b   1,000", "  <c>        2"])
        #expect(table.csv() == "Name,Amount\n\"a, b\",\"1,000\"\n<c>,2\n")
        #expect(
            table.html(id: "t") == "<table id=\"t\"><thead><tr><th>Name</th><th class=\"num\">Amount</th></tr>"
                + "</thead><tbody><tr><td>a, b</td><td class=\"num\">1,000</td></tr><tr><td>&lt;c&gt;</td>"
                + "<td class=\"num\">2</td></tr></tbody></table>")
        // No header: a list of figures (the cost lines of a plan).
        #expect(Table(header: [], rows: [["Purchase", "10"]], rightAligned: [1]).text() == ["Purchase  10"])
    }

    @Test("an id with a comma is quoted in a CSV header, as in its rows (it was written bare before)")
    func quotedHeader() throws {
        let loaded = try Tiny.loaded(Tiny.yaml.replacingOccurrences(of: "metal", with: "\"me,tal\""))
        let report = try StressTester.stress(loaded.model, policy: "cap", selection: .eachCountry)
        let csv = StressTable(report: report, commodities: loaded.model.commodities.map(\.id)).csv()
        #expect(csv.hasPrefix("disruption,worst_delivered,cost,\"delivered[me,tal]\",\"shortfall[me,tal]\"\n"))
    }

    @Test("check: what a model that checks holds")
    func check() throws {
        #expect(
            CheckText.ok(path: "m.yaml", model: try Tiny.loaded().model, warnings: 1)
                == "m.yaml: OK: 1 commodity, 3 suppliers, 3 policies (baseline, cap, impossible), 1 warning.")
        #expect(
            CheckText.ok(path: "m.yaml", model: try Tiny.loaded().model, warnings: 0)
                == "m.yaml: OK: 1 commodity, 3 suppliers, 3 policies (baseline, cap, impossible).")
    }

    @Test("explain's tables name the model's units when it gives them: currency, and volume per commodity unit")
    func explanationUnits() throws {
        let model = try Tiny.loaded().model
        let text = ExplanationText(explanation: try Explainer.explain(model, policy: "cap"), model: model).render()
        let unit = model.commodities[0].unit
        #expect(text.contains("Cost (\(model.currency))"), "\(text)")
        #expect(text.contains("Volume (\(unit))") && text.contains("Cost (\(model.currency)/\(unit))"), "\(text)")
    }

}
