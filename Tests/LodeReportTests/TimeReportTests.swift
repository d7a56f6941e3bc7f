// The report of a plan over time (issue 13): the "Over time" charts of cobalt-2035 and
// lithium-2035, per-scope figures labelled with their period, and the summary in brief's horizon
// and projects; a one-period report has none of it.
import Foundation
import Testing

@testable import LodeReport
@testable import LodeSourcing

@Suite("The report over time")
struct TimeReportTests {
    static let cobalt2035 = ReportTests.root.appendingPathComponent("models/cobalt-2035/model.yaml").path
    static let lithium2035 = ReportTests.root.appendingPathComponent("models/lithium-2035/model.yaml").path

    static func report(_ path: String) throws -> (String, Comparison, SourcingModel) {
        let loaded = try ModelLoader.load(path: path)
        let comparison = try Comparer.compare(loaded.model, jobs: 2)
        let manifest = RunManifest(
            command: "report", modelFile: path, loaded: loaded, options: ["policies": "all"], points: 0)
        return (
            Report.html(ReportInput(model: loaded.model, comparison: comparison, manifest: manifest)), comparison,
            loaded.model
        )
    }

    /// The figure `<figure ... data-chart="id" ...>` (with `scope`, if given), up to its end.
    static func figure(_ html: String, _ id: String, scope: String? = nil) -> String? {
        let start =
            "<figure class=\"chart-figure\" data-chart=\"\(id)\""
            + (scope.map { " data-scope=\"\($0)\"" } ?? "")
        guard let range = html.range(of: start) else { return nil }
        return String(html[range.lowerBound...]).components(separatedBy: "</figure>")[0]
    }

    /// Each polyline's policy (data-line) and its number of points.
    static func polylines(_ figure: String) -> [(line: String, points: Int)] {
        figure.components(separatedBy: "<polyline points=\"").dropFirst().map { part in
            let points = part.components(separatedBy: "\"")[0].split(separator: " ").count
            let line = part.components(separatedBy: "data-line=\"").dropFirst().first?.components(separatedBy: "\"")[0]
            return (line ?? "", points)
        }
    }

    /// The data-y of each marker of the line `policy`, in period order.
    static func values(_ figure: String, line policy: String, policies: [String]) -> [Double] {
        let index = policies.firstIndex(of: policy)!
        let parts = figure.components(separatedBy: "<polyline points=\"")
        let after = parts[index + 1].components(separatedBy: "<polyline")[0]
        return after.components(separatedBy: "data-y=\"").dropFirst().compactMap {
            Double($0.components(separatedBy: "\"")[0])
        }
    }

    @Test("cobalt-2035: four charts over time, one polyline per policy of 10 points, period labels on the x axis")
    func fourCharts() throws {
        let (html, comparison, model) = try Self.report(Self.cobalt2035)
        #expect(html.contains("<section id=\"over-time\"><h2>Over time</h2>"))
        let policies = comparison.columns.map(\.policy)
        #expect(policies.count == 5 && comparison.columns.allSatisfy { $0.plan.hasPlan })
        let figures = [
            ("cost-per-period", nil, "Cost per period (USD, undiscounted)"),
            ("top-share", "cobalt/refining", "China&#39;s share of cobalt refining (%)"),
            ("stock", "co-reserve", "Stock (t Co)"),
            ("capacity-built", "cobalt", "Capacity built to date (t Co a period)"),
        ]
        for (id, scope, axis) in figures {
            let figure = try #require(Self.figure(html, id, scope: scope), "chart \(id)")
            let lines = Self.polylines(figure)
            #expect(lines.map(\.line) == policies, "\(id): one line per policy")
            #expect(lines.allSatisfy { $0.points == 10 }, "\(id): 10 points a line")
            #expect(Self.occurrences("class=\"marker\"", in: figure) == 50)
            for year in 2026...2035 {
                #expect(figure.contains("class=\"tick\" text-anchor=\"middle\">\(year)</text>"), "\(id): tick \(year)")
            }
            #expect(figure.contains(">Period (year)</text>") && figure.contains(">\(axis)</text>"), "\(id) axes")
        }
        #expect(Self.occurrences("data-chart=", in: html) == 4)
        // The numbers are the plans': undiscounted cost per period, China's share, stock, capacity.
        let cost = try #require(Self.figure(html, "cost-per-period"))
        let share = try #require(Self.figure(html, "top-share", scope: "cobalt/refining"))
        let stock = try #require(Self.figure(html, "stock", scope: "co-reserve"))
        let built = try #require(Self.figure(html, "capacity-built", scope: "cobalt"))
        for column in comparison.columns {
            let plan = column.plan
            let labels = model.periods.map(String.init)
            #expect(Self.values(cost, line: column.policy, policies: policies) == plan.periods!.map(\.costs.objective))
            let chinese = labels.map { label in
                (plan.scopes.first { $0.stage == "refining" && $0.period == label }?.shares["CHN"] ?? 0) * 100
            }
            #expect(Self.values(share, line: column.policy, policies: policies) == chinese)
            #expect(Self.values(stock, line: column.policy, policies: policies) == plan.stockpiles!.map(\.level))
            let capacity = labels.map { label in
                plan.projects!.filter { $0.period == label }.reduce(0) { $0 + $1.capacity }
            }
            #expect(Self.values(built, line: column.policy, policies: policies) == capacity)
        }
        let allied = comparison.columns.first { $0.policy == "build-in-allied" }!.plan
        #expect(Self.values(built, line: "build-in-allied", policies: policies).last! > 0)
        #expect(allied.periods!.contains { ($0.costs.capex ?? 0) > 0 })
    }

    @Test("cobalt-2035: the summary table and the shares charts show the last period, labelled")
    func lastPeriodLabelled() throws {
        let (html, comparison, _) = try Self.report(Self.cobalt2035)
        let summary = String(html[html.range(of: "<section id=\"summary\">")!.lowerBound...])
            .components(separatedBy: "</section>")[0]
        for row in ["HHI cobalt/mining, 2035", "HHI cobalt/refining, 2035", "Avg labor cobalt/refining, 2035"] {
            #expect(Self.occurrences("<td>\(row)</td>", in: summary) == 1, "\(row)")
        }
        #expect(summary.contains("HHI and averages are of 2035, the last period"))
        #expect(summary.contains("<td>Objective (discounted total)</td>") && summary.contains("<td>Capex</td>"))
        #expect(summary.contains("<td>Carbon 2026–2035 (t CO2e)</td>"))
        #expect(!summary.contains("<td>HHI cobalt/refining</td>"))
        let hhi = comparison.columns.map { column in
            Format.number(column.plan.scopes.first { $0.stage == "refining" && $0.period == "2035" }!.hhi)
        }
        let row = summary.components(separatedBy: "<td>HHI cobalt/refining, 2035</td>")[1]
            .components(separatedBy: "</tr>")[0]
        #expect(row == hhi.map { "<td class=\"num\">\($0)</td>" }.joined())
        let shares = String(html[html.range(of: "<section id=\"shares\">")!.lowerBound...])
            .components(separatedBy: "</section>")[0]
        #expect(shares.contains("Country shares of cobalt/refining, 2035"))
        #expect(Self.occurrences("in 2035, the last period", in: shares) == 2)
        // The bars are 2035's: build-in-allied's Chinese refining share then.
        let allied = comparison.columns.first { $0.policy == "build-in-allied" }!.plan
        let china = allied.scopes.first { $0.stage == "refining" && $0.period == "2035" }!.shares["CHN"]!
        #expect(shares.contains("build-in-allied: China (CHN) \(Format.percent(china))"))
        // The supplier table sums each supplier's volume over the periods.
        #expect(html.contains("<th class=\"num\">Volume 2026–2035: least-cost</th>"))
    }

    @Test("cobalt-2035: the summary in brief gives the horizon, the discounted total and each policy's projects")
    func briefOverTime() throws {
        let (html, comparison, _) = try Self.report(Self.cobalt2035)
        let brief = String(html[html.range(of: "<section id=\"executive-summary\">")!.lowerBound...])
            .components(separatedBy: "</section>")[0]
        #expect(brief.contains("The plans cover 10 periods, <strong>2026–2035</strong>"))
        #expect(brief.contains("each policy's cost is its discounted total over them, at 7.0% a year"))
        let cheapest = comparison.columns.min { $0.plan.objective! < $1.plan.objective! }!
        #expect(
            brief.contains(
                "at \(Format.number(cheapest.plan.objective!)) USD (the discounted total over 2026–2035"))
        #expect(brief.contains("in 2035, the last period"))
        for column in comparison.columns {
            let built = column.plan.projects!.filter { $0.built > 1e-6 }
            if built.isEmpty {
                #expect(brief.contains("<li><strong>\(column.policy)</strong> builds none</li>"), "\(column.policy)")
            } else {
                for line in built {
                    #expect(brief.contains("<code>\(line.id)</code> in \(line.period!)"), "\(column.policy)")
                }
            }
        }
        let allied = comparison.columns.first { $0.policy == "build-in-allied" }!
        #expect(allied.plan.projects!.contains { $0.built > 0.5 })
    }

    @Test("lithium-2035 has its charts over time; a one-period report has none, and unchanged labels")
    func lithiumAndOnePeriod() throws {
        let (html, comparison, model) = try Self.report(Self.lithium2035)
        let policies = comparison.columns.filter { $0.plan.hasPlan }.map(\.policy)
        let cost = try #require(Self.figure(html, "cost-per-period"))
        #expect(Self.polylines(cost).map(\.line) == policies)
        #expect(Self.polylines(cost).allSatisfy { $0.points == model.periods.count })
        for commodity in model.commodities {
            #expect(Self.figure(html, "top-share", scope: "\(commodity.id)/\(commodity.lastStage)") != nil)
        }
        let (one, _) = try ReportTests.report()
        #expect(!one.contains("id=\"over-time\"") && !one.contains("data-chart="))
        #expect(one.contains("<td>HHI cobalt/refining</td>") && one.contains("<td>Objective</td>"))
        #expect(one.contains("Country shares of cobalt/refining</text>") && !one.contains("the last period"))
    }

    static func occurrences(_ needle: String, in text: String) -> Int { ReportTests.occurrences(needle, in: text) }
}

@Suite("The report over time in a real browser", .enabled(if: chromiumPath != nil))
struct TimeBrowserTests {
    @Test("cobalt-2035 renders its charts over time; screenshot in .build/report-cobalt-2035.png")
    func render() throws {
        let (html, comparison, _) = try TimeReportTests.report(TimeReportTests.cobalt2035)
        let build = ReportTests.root.appendingPathComponent(".build")
        try FileManager.default.createDirectory(at: build, withIntermediateDirectories: true)
        let file = build.appendingPathComponent("report-cobalt-2035.html")
        try html.write(to: file, atomically: true, encoding: .utf8)
        let dom = try BrowserTests.run(["--dump-dom", file.absoluteString])
        #expect(dom.contains("<section id=\"over-time\">"))
        let section = dom.components(separatedBy: "<section id=\"over-time\">")[1].components(
            separatedBy: "</section>")[0]
        #expect(TimeReportTests.occurrences("<polyline", in: section) == 4 * comparison.columns.count)
        let screenshot = build.appendingPathComponent("report-cobalt-2035.png")
        try? FileManager.default.removeItem(at: screenshot)
        _ = try BrowserTests.run(["--screenshot=\(screenshot.path)", "--window-size=1200,6400", file.absoluteString])
        let size = (try? FileManager.default.attributesOfItem(atPath: screenshot.path)[.size] as? Int) ?? 0
        #expect(size > 50_000)
    }
}
