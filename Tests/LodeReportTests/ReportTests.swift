import Foundation
import Testing

@testable import LodeReport
@testable import LodeSourcing

@Suite("HTML reports")
struct ReportTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let cobalt = root.appendingPathComponent("models/cobalt/model.yaml").path

    static func report(sweep: Series? = nil, frontier: Series? = nil, stress: Bool = false) throws -> (
        String, Comparison
    ) {
        let loaded = try ModelLoader.load(path: cobalt)
        let comparison = try Comparer.compare(loaded.model, jobs: 2)
        let manifest = RunManifest(
            command: "report", modelFile: cobalt, loaded: loaded, options: ["policies": "all"], points: 0)
        let stressed =
            stress
            ? try comparison.columns.filter { $0.plan.hasPlan }.map {
                try StressTester.stress(loaded.model, policy: $0.policy)
            }
            : []
        return (
            Report.html(
                ReportInput(
                    model: loaded.model, comparison: comparison, manifest: manifest, sweep: sweep, frontier: frontier,
                    stress: stressed)),
            comparison
        )
    }

    @Test("under disruption: one bar per solved policy at its worst case's delivered share, and the worst three named")
    func stressChart() throws {
        let (html, comparison) = try Self.report(stress: true)
        let solved = comparison.columns.filter { $0.plan.hasPlan }
        #expect(html.contains("<section id=\"stress\">"))
        // A plan that delivers nothing in its worst case is a note, not a bar of length 0.
        let cobalt0 = try ModelLoader.load(path: Self.cobalt).model
        let nothing = try solved.filter {
            try StressTester.stress(cobalt0, policy: $0.policy).cases[0].worstDelivered == 0
        }
        #expect(Self.occurrences("class=\"stress-bar\"", in: html) == solved.count - nothing.count)
        #expect(Self.occurrences("0% delivered", in: html) == nothing.count)
        #expect(html.contains("stress-table") && html.contains("Share of demand delivered in the worst disruption"))
        let cobalt = try ModelLoader.load(path: Self.cobalt).model
        let worst = try StressTester.stress(cobalt, policy: "resilient").cases[0]
        #expect(html.contains(worst.disruption))
        // Without stress results (as before), no such section.
        #expect(!(try Self.report().0.contains("<section id=\"stress\">")))
    }

    static func occurrences(_ needle: String, in text: String) -> Int { text.components(separatedBy: needle).count - 1 }

    @Test("every section and chart is present, and nothing is fetched from anywhere")
    func structure() throws {
        let series = Series(
            title: "Sweep: cost against cap", xLabel: "cap", yLabel: "objective",
            points: [.init(x: 0.5, y: 3), .init(x: 0.6, y: 2), .init(x: 0.7, y: 1)], xPercent: true)
        let (html, _) = try Self.report(sweep: series, frontier: series)
        // Ids (policies in headers, rules and suppliers in first columns) never break mid-word.
        #expect(html.contains("th,td:first-child{white-space:nowrap}"))
        for id in ["summary", "shares", "rules", "infeasible", "sweep", "frontier", "suppliers", "manifest"] {
            #expect(html.contains("<section id=\"\(id)\">"), "section \(id)")
        }
        // Cost by part, price per policy, two stages, a sweep and a frontier.
        #expect(Self.occurrences("<svg", in: html) == 6)
        #expect(Self.occurrences("class=\"chart stacked\"", in: html) == 2)
        // Self-contained: no scripts, style sheets, images or fonts from anywhere (the data sources'
        // addresses appear as text only).
        for reference in ["<script", "<link", "@import", "url(", "src=", "href=", "<img", "<iframe"] {
            #expect(!html.contains(reference), "\(reference)")
        }
        #expect(html.contains("@media print"))
        // Printed with page numbers; a section may run across pages (each started a new page before).
        #expect(html.contains("@bottom-center{content:\"Page \" counter(page) \" of \" counter(pages)"))
        #expect(
            !html.contains("section,figure,table{break-inside:avoid}") && html.contains("section{break-inside:auto}"))
        #expect(html.contains("These rules cannot hold together: <strong>allied-only</strong>"))
    }

    @Test("the report opens with a summary in words: cheapest, prices, top country per stage, costliest rules")
    func executiveSummary() throws {
        let (html, comparison) = try Self.report()
        let opening = html.range(of: "<section id=\"executive-summary\"><h2>In brief</h2>")
        #expect(opening != nil && opening!.lowerBound < html.range(of: "<section id=\"summary\">")!.lowerBound)
        let brief = String(html[opening!.lowerBound...]).components(separatedBy: "</section>")[0]
        let solved = comparison.columns.filter { $0.plan.objective != nil }
        let cheapest = solved.min { $0.plan.objective! < $1.plan.objective! }!
        #expect(brief.contains("The cheapest policy is <strong>\(cheapest.policy)</strong>"))
        #expect(brief.contains("Price of each policy against <strong>\(comparison.reference)</strong>"))
        for column in solved where column.policy != comparison.reference {
            #expect(brief.contains("<li><strong>\(column.policy)</strong>: "), "price of \(column.policy)")
        }
        #expect(brief.contains("<abbr title=\"CHN\">China</abbr> holds"))
        #expect(brief.contains("above 2,500 is highly concentrated"))
        #expect(brief.contains("The rules that cost most") && brief.contains("one percentage point"))
        #expect(brief.contains("Cannot be met: <strong>impossible</strong> (rules in conflict: allied-only)"))
    }

    @Test("cost by part: one bar per solved policy, one segment per part that is not 0 everywhere")
    func costByPart() throws {
        let (html, comparison) = try Self.report()
        let pieces = html.components(separatedBy: "class=\"chart bars cost-part-chart\"")
        try #require(pieces.count == 2, "one such chart")
        let chart = pieces[1].components(separatedBy: "</svg>")[0]
        let solved = comparison.columns.filter { $0.plan.hasPlan && $0.plan.costs != nil }
        let parts = Report.costParts.filter { part in
            comparison.columns.contains { ($0.plan.costs?[keyPath: part.value] ?? 0) != 0 }
        }
        #expect(!parts.isEmpty && parts.count < Report.costParts.count)  // cobalt has parts that are 0 everywhere
        var expected = 0
        for column in solved {
            let costs = column.plan.costs!
            let nonZero = parts.filter { costs[keyPath: $0.value] != 0 }
            expected += nonZero.count
            for part in nonZero {
                #expect(
                    chart.contains(
                        "class=\"cost-part\" data-series=\"\(part.name)\" "
                            + "data-value=\"\(Format.plain(costs[keyPath: part.value]))\"><title>\(column.policy): "),
                    "\(part.name) of \(column.policy)")
            }
        }
        #expect(Self.occurrences("<rect", in: chart) == expected + (parts.count > 1 ? parts.count : 0))
        #expect(Self.occurrences("class=\"cost-part\"", in: chart) == expected)
        for part in Report.costParts where !parts.contains(where: { $0.name == part.name }) {
            #expect(!chart.contains("data-series=\"\(part.name)\""), "\(part.name) is 0 for every policy")
        }
        #expect(chart.contains("class=\"axis-label\" text-anchor=\"middle\">Cost (USD)</text>"))
        for column in comparison.columns where !column.plan.hasPlan {
            #expect(chart.contains(">\(column.plan.status.rawValue)</text>"), "note for \(column.policy)")
        }
    }

    @Test("price per policy: one signed bar per solved policy other than the reference, zero on the axis")
    func pricePerPolicy() throws {
        let (html, comparison) = try Self.report()
        let pieces = html.components(separatedBy: "class=\"chart bars price-bar-chart\"")
        try #require(pieces.count == 2, "one such chart")
        let chart = pieces[1].components(separatedBy: "</svg>")[0]
        let priced = comparison.columns.filter { $0.policy != comparison.reference && $0.price != nil }
        #expect(!priced.isEmpty)
        #expect(Self.occurrences("class=\"price-bar\"", in: chart) == priced.count)
        #expect(Self.occurrences("<rect", in: chart) == priced.count)
        #expect(chart.contains("Price of each policy against \(comparison.reference)"))
        #expect(chart.contains(">Cost over \(comparison.reference) (USD)</text>"))
        #expect(chart.contains("class=\"axis\"/>\n<text") && chart.contains(">0</text>"))  // the zero line
        for column in priced {
            let price = column.price!
            #expect(chart.contains(">\((price > 0 ? "+" : "") + Format.number(price))</text>"), "\(column.policy)")
        }
    }

    @Test("a policy cheaper than the reference is a bar left of zero; a policy without a plan is a note")
    func negativePrice() throws {
        let chart = ValueBarChart(
            title: "Price",
            bars: [
                .init(label: "cheaper", segments: [("Price", -2_000)], note: nil),
                .init(label: "dearer", segments: [("Price", 6_000)], note: nil),
                .init(label: "none", segments: [], note: "infeasible"),
            ], axisLabel: "Cost over base (EUR)", unit: "EUR", barClass: "price-bar", series: [("Price", "#0072B2")],
            showTotals: true
        ).svg()
        #expect(Self.occurrences("class=\"price-bar\"", in: chart) == 2 && chart.contains(">infeasible</text>"))
        // Ticks -2k to 6k: zero a quarter of the way along the plot (110 + 266 / 4).
        let zero = try #require(chart.range(of: "class=\"axis\"/>\n<text x=\"176.5\""))
        #expect(!zero.isEmpty && chart.contains(">-2k</text>") && chart.contains(">6k</text>"))
        #expect(chart.contains("<rect x=\"110.0\" y=\"36.0\" width=\"66.5\""))  // from -2k up to zero
        #expect(chart.contains(">-2,000</text>") && chart.contains(">+6,000</text>"))
        #expect(!chart.contains("class=\"legend\""))  // one series, no legend
    }

    @Test("short axis amounts: k, M, bn with at most two decimals")
    func shortTicks() {
        #expect(Ticks.short(0) == "0" && Ticks.short(500) == "500" && Ticks.short(0.5) == "0.5")
        #expect(Ticks.short(1_250_000) == "1.25M" && Ticks.short(200_000_000) == "200M")
        #expect(Ticks.short(-2_500) == "-2.5k" && Ticks.short(3e9) == "3bn")
    }

    @Test("the numbers in the report are the solve's")
    func numbers() throws {
        let (html, comparison) = try Self.report()
        for column in comparison.columns where column.plan.hasPlan {
            #expect(html.contains(">\(Format.number(column.plan.objective!))<"), "objective of \(column.policy)")
            let refining = column.plan.scopes.first { $0.stage == "refining" }!
            #expect(html.contains(">\(Format.number(refining.hhi))<"), "HHI of \(column.policy)")
            for (country, share) in refining.shares where share > 0.02 {
                #expect(
                    html.contains("data-series=\"\(country)\" data-share=\"\(String(format: "%.6f", share))\""),
                    "\(column.policy) \(country)")
            }
        }
        let friend = comparison.columns.first { $0.policy == "friend-shoring" }!
        for rule in friend.plan.rules where rule.binding && rule.shadowPrice != nil {
            #expect(html.contains(">\(Format.number(rule.shadowPrice!))<"), "shadow price of \(rule.id)")
        }
    }

    @Test("a country has the same colour in every chart")
    func colours() throws {
        let (html, _) = try Self.report()
        var seen: [String: Set<String>] = [:]
        let pattern = try NSRegularExpression(pattern: "fill=\"(#[0-9A-F]{6})\" data-series=\"([^\"]+)\"")
        for match in pattern.matches(in: html, range: NSRange(html.startIndex..., in: html)) {
            let color = String(html[Range(match.range(at: 1), in: html)!])
            let series = String(html[Range(match.range(at: 2), in: html)!])
            seen[series, default: []].insert(color)
        }
        #expect(seen.count > 3)
        #expect(seen.values.allSatisfy { $0.count == 1 })
        #expect(
            Set(seen.filter { $0.key != "Other" }.values.map { $0.first! }).count
                == seen.filter { $0.key != "Other" }.count)
    }

    @Test("a country has the same colour in two reports of different models; legends show its name")
    func coloursAcrossReports() throws {
        func colours(_ html: String) throws -> [String: String] {
            var seen: [String: String] = [:]
            let pattern = try NSRegularExpression(pattern: "fill=\"(#[0-9A-F]{6})\" data-series=\"([A-Z]{3})\"")
            for match in pattern.matches(in: html, range: NSRange(html.startIndex..., in: html)) {
                seen[String(html[Range(match.range(at: 2), in: html)!])] = String(
                    html[Range(match.range(at: 1), in: html)!])
            }
            return seen
        }
        let (cobalt, _) = try Self.report()
        let loaded = try ModelLoader.load(path: Self.root.appendingPathComponent("models/nickel/model.yaml").path)
        let manifest = RunManifest(command: "report", modelFile: "nickel", loaded: loaded, options: [:], points: 0)
        let nickel = Report.html(
            ReportInput(
                model: loaded.model, comparison: try Comparer.compare(loaded.model, jobs: 2), manifest: manifest))
        let (a, b) = (try colours(cobalt), try colours(nickel))
        let shared = Set(a.keys).intersection(b.keys)
        #expect(shared.contains("CHN") && shared.count >= 2)
        for country in shared { #expect(a[country] == b[country], "\(country)") }
        #expect(a["CHN"] == Palette.color("CHN"))
        #expect(cobalt.contains("class=\"legend\" data-series=\"CHN\">China<title>China (CHN)</title>"))
        // A supplier a policy does not use is a blank cell, not 0.0.
        #expect(!cobalt.contains("<td class=\"num\">0.0</td>") && cobalt.contains("<td class=\"num\"></td>"))
    }

    @Test("the same input gives the same bytes")
    func stable() throws {
        #expect(try Self.report().0 == Self.report().0)
    }

    @Test("sweep and frontier files of every format are read")
    func series() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lode-series-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let csv = folder.appendingPathComponent("s.csv").path
        try "point,policies.p.rules.r.max,status,objective\n0,0.5,optimal,10\n1,0.6,infeasible,\n2,0.7,optimal,8\n"
            .write(toFile: csv, atomically: true, encoding: .utf8)
        let sweep = try Series.sweep(at: csv)
        #expect(sweep.points == [.init(x: 0.5, y: 10), .init(x: 0.7, y: 8)] && sweep.xPercent)
        let jsonl = folder.appendingPathComponent("s.jsonl").path
        try "{\"manifest\":{\"options\":{\"vary\":\"a.b=1:2:1\"}}}\n{\"objective\":5,\"values\":{\"a.b\":1}}\n".write(
            toFile: jsonl, atomically: true, encoding: .utf8)
        #expect(try Series.sweep(at: jsonl).points == [.init(x: 1, y: 5)])
        let frontier = folder.appendingPathComponent("f.csv").path
        try "point,epsilon,cost,carbon\n0,100,5,90\n1,50,7,50\n".write(
            toFile: frontier, atomically: true, encoding: .utf8)
        #expect(try Series.frontier(at: frontier).points == [.init(x: 90, y: 5), .init(x: 50, y: 7)])
        #expect(throws: Series.ReadError.self) { try Series.frontier(at: csv) }
    }

    @Test("a sweep's or frontier's columns are found by name, not by position")
    func seriesByName() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lode-series-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let frontier = folder.appendingPathComponent("f.csv").path
        try "point,cost,epsilon,carbon\n0,5,100,90\n1,7,50,50\n"
            .write(toFile: frontier, atomically: true, encoding: .utf8)
        let read = try Series.frontier(at: frontier)
        #expect(read.points == [.init(x: 90, y: 5), .init(x: 50, y: 7)] && read.xLabel == "carbon")
        let sweep = folder.appendingPathComponent("s.csv").path
        try "point,a.b,c.d,status,purchase,objective\n0,1,9,optimal,4,5\n"
            .write(toFile: sweep, atomically: true, encoding: .utf8)
        #expect(try Series.sweep(at: sweep).points == [.init(x: 1, y: 5)])
    }
}

@Suite("the report's sweep chart")
struct SweepChartTests {
    static func file(_ name: String, _ text: String) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lode-sweep-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static let grid = """
        point,p.r.max,p.s.max,status,objective
        0,0.5,0.1,optimal,10
        1,0.5,0.2,optimal,9
        2,0.6,0.1,optimal,8
        3,0.6,0.2,optimal,7
        4,0.7,0.1,infeasible,
        5,0.7,0.2,infeasible,

        """

    @Test("a two-parameter grid is one line per value of the second path, with its legend")
    func twoParameters() throws {
        let series = try Series.sweep(at: try Self.file("grid.csv", Self.grid))
        #expect(series.lines.map(\.label) == ["p.s.max = 0.1", "p.s.max = 0.2"])
        #expect(series.lines[0].points == [.init(x: 0.5, y: 10), .init(x: 0.6, y: 8)])
        let (html, _) = try ReportTests.report(sweep: series)
        let sweep = String(html[html.range(of: "<section id=\"sweep\">")!.lowerBound...])
        #expect(ReportTests.occurrences("<polyline", in: sweep.components(separatedBy: "</section>")[0]) == 2)
        #expect(html.contains("data-line=\"p.s.max = 0.1\"") && html.contains(">p.s.max = 0.2</text>"))
        #expect(sweep.contains(">objective (USD)</text>"))  // the cost axis in the model's currency
        let jsonl = """
            {"manifest":{"options":{"vary":"p.r.max=0.5:0.6:0.1 p.s.max=0.1:0.2:0.1"}}}
            {"objective":5,"status":"optimal","values":{"p.r.max":0.5,"p.s.max":0.1}}
            {"objective":4,"status":"optimal","values":{"p.r.max":0.5,"p.s.max":0.2}}
            {"objective":null,"status":"infeasible","values":{"p.r.max":0.6,"p.s.max":0.2}}
            """
        let read = try Series.sweep(at: try Self.file("grid.jsonl", jsonl))
        #expect(read.lines.count == 2 && read.failed.map(\.x) == [0.6] && read.failed[0].status == "infeasible")
    }

    @Test("points without a plan are shaded and marked on the x axis, and the caption says from where")
    func infeasible() throws {
        let series = try Series.sweep(at: try Self.file("grid.csv", Self.grid))
        #expect(series.failed.count == 2)
        let (html, _) = try ReportTests.report(sweep: series)
        #expect(ReportTests.occurrences("class=\"infeasible-band\"", in: html) == 1)
        #expect(ReportTests.occurrences("class=\"infeasible-mark\"", in: html) == 2)
        #expect(html.contains("2 of 6 points have no plan (infeasible), from p.r.max = 70.0% on"))
    }

    @Test("a sweep of another model is warned about next to its chart; the same model's is not")
    func otherModel() throws {
        let path = try Self.file("s.csv", Self.grid)
        try "{\"model\":\"models/lithium/model.yaml\",\"model_sha256\":\"0123456789abcdef\"}\n".write(
            toFile: path + ".manifest.json", atomically: true, encoding: .utf8)
        let (html, _) = try ReportTests.report(sweep: try Series.sweep(at: path))
        #expect(html.contains("<p class=\"warning\">Warning: the sweep was run on another model (models/lithium"))
        let loaded = try ModelLoader.load(path: ReportTests.cobalt)
        let hash = RunManifest(command: "r", modelFile: "m", loaded: loaded, options: [:], points: 0).modelSHA256
        try "{\"model_sha256\":\"\(hash)\"}\n".write(toFile: path + ".manifest.json", atomically: true, encoding: .utf8)
        let (same, _) = try ReportTests.report(sweep: try Series.sweep(at: path))
        #expect(!same.contains("class=\"warning\""))
    }
}

/// The report of a shipped model rendered by a real browser: headless Chromium loads it, the
/// rendered DOM holds the charts and the summary, and a screenshot is saved under .build/ for a
/// person to look at. Runs where `chromium` is installed (.ci/run installs it).
let chromiumPath: String? = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
    .first { FileManager.default.isExecutableFile(atPath: $0) }

@Suite("The report in a real browser", .enabled(if: chromiumPath != nil))
struct BrowserTests {
    static let chromium = chromiumPath

    static func run(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: chromium!)
        process.arguments =
            ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--hide-scrollbars"] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    @Test("renders with its charts and summary; screenshot in .build/report-cobalt.png")
    func render() throws {
        let grid = try Series.sweep(at: try SweepChartTests.file("grid.csv", SweepChartTests.grid))
        let (html, _) = try ReportTests.report(
            sweep: grid,
            frontier: try FrontierBuilder.build(
                try ModelLoader.load(path: ReportTests.cobalt).model, policy: "crma-65", versus: .share("CHN"),
                points: 5
            ).asSeries())
        let build = ReportTests.root.appendingPathComponent(".build")
        try FileManager.default.createDirectory(at: build, withIntermediateDirectories: true)
        let file = build.appendingPathComponent("report-cobalt.html")
        try html.write(to: file, atomically: true, encoding: .utf8)
        let dom = try Self.run(["--dump-dom", file.absoluteString])
        #expect(dom.contains("<section id=\"summary\">") && dom.contains("summary-table"))
        // Cost by part, price per policy, two stages, a sweep and a frontier.
        #expect(ReportTests.occurrences("<svg", in: dom) == 6)
        #expect(dom.contains("Cost by part per policy") && dom.contains("class=\"price-bar\""))
        #expect(dom.contains("Country shares of cobalt/refining"))
        #expect(dom.contains("<section id=\"executive-summary\">") && dom.contains("The cheapest policy is"))
        #expect(ReportTests.occurrences("<polyline", in: dom) == 3 && dom.contains("class=\"infeasible-band\""))
        let pdf = build.appendingPathComponent("report-cobalt.pdf")
        try? FileManager.default.removeItem(at: pdf)
        _ = try Self.run(["--print-to-pdf=\(pdf.path)", "--no-pdf-header-footer", file.absoluteString])
        let pages =
            try String(decoding: Data(contentsOf: pdf), as: UTF8.self)
            .components(separatedBy: "/Type /Page\n").count - 1
        #expect(pages > 0 && pages <= 6, "cobalt prints on \(pages) pages")
        let screenshot = build.appendingPathComponent("report-cobalt.png")
        try? FileManager.default.removeItem(at: screenshot)
        _ = try Self.run(["--screenshot=\(screenshot.path)", "--window-size=1200,4600", file.absoluteString])
        let size = (try? FileManager.default.attributesOfItem(atPath: screenshot.path)[.size] as? Int) ?? 0
        #expect(size > 50_000)
    }
}

extension Frontier {
    func asSeries() -> Series {
        Series(
            title: "Frontier: cost against \(versus)", xLabel: versus, yLabel: "cost",
            points: points.map { .init(x: $0.value, y: $0.cost) }, xPercent: versus.hasPrefix("share:"))
    }
}
