// `lode report` with a sweep: a sweep of another model is warned about on stderr.
import Foundation
import Testing

@Suite("lode report with a sweep")
struct ReportSweepCLITests {
    @Test("a sweep of another model warns on stderr and in the report; the same model's does not")
    func sweepOfAnotherModel() throws {
        let sweep = CLITests.temporary("sweep.csv")
        let vary = "policies.crma-65.rules.single-country-cap.max=0.6,0.7"
        let made = try CLITests.lode(
            "sweep", "models/cobalt/model.yaml", "--policy", "crma-65", "--vary", vary, "--output", sweep)
        #expect(made.status == 0, "\(made.stderr)")
        let html = CLITests.temporary("report.html")
        let other = try CLITests.lode("report", "models/lithium/model.yaml", "--sweep", sweep, "--output", html)
        #expect(other.status == 0)
        #expect(other.stderr.contains("warning: --sweep \(sweep): the sweep was run on another model"))
        #expect(try String(contentsOfFile: html, encoding: .utf8).contains("<p class=\"warning\">"))
        let same = try CLITests.lode("report", "models/cobalt/model.yaml", "--sweep", sweep, "--output", html)
        #expect(same.status == 0 && !same.stderr.contains("warning"))
        #expect(!(try String(contentsOfFile: html, encoding: .utf8).contains("<p class=\"warning\">")))
    }

    @Test("points without a plan: the caption names the rules in conflict at the first of them")
    func conflictAtFirstInfeasiblePoint() throws {
        // Before: the caption only pointed to lode explain.
        let sweep = CLITests.temporary("floor.csv")
        let vary = "policies.friend-shoring.rules.allied-floor.min=0.3:0.9:0.1"
        let made = try CLITests.lode(
            "sweep", "models/cobalt/model.yaml", "--policy", "friend-shoring", "--vary", vary, "--output", sweep)
        #expect(made.status == 0, "\(made.stderr)")
        let html = CLITests.temporary("floor.html")
        #expect(try CLITests.lode("report", "models/cobalt/model.yaml", "--sweep", sweep, "--output", html).status == 0)
        let text = try String(contentsOfFile: html, encoding: .utf8)
        #expect(
            text.contains(
                "At the first (policies.friend-shoring.rules.allied-floor.min = 0.8) these rules cannot hold together: "
                    + "<strong>allied-floor</strong>"))
    }
}

@Suite("lode report with an ensemble")
struct ReportEnsembleCLITests {
    @Test("drawn points: P10-P90 bands and the median of objective, HHI and top share; a grid keeps its lines")
    func bands() throws {
        let sweep = CLITests.temporary("ensemble.csv")
        let made = try CLITests.lode(
            "sweep", "models/cobalt/model.yaml", "--policy", "crma-65", "--samples", "60", "--seed", "3", "--vary",
            "policies.crma-65.rules.single-country-cap.max=0.4:0.8:0.1", "--vary",
            "commodities.cobalt.demand=7000,8000,9000",
            "--output", sweep)
        #expect(made.status == 0, "\(made.stderr)")
        let html = CLITests.temporary("ensemble.html")
        let run = try CLITests.lode("report", "models/cobalt/model.yaml", "--sweep", sweep, "--output", html)
        #expect(run.status == 0, "\(run.stderr)")
        let text = try String(contentsOfFile: html, encoding: .utf8)
        #expect(text.contains("Ensemble: bands against policies.crma-65.rules.single-country-cap.max"))
        #expect(text.components(separatedBy: "class=\"band\"").count == 4)
        #expect(!text.contains("class=\"chart line\""))
        // Each chart's bins hold the points with a plan: 60 drawn less those without a plan.
        let summary = try CLITests.lode("summarize", sweep, "--format", "json")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(summary.stdout.utf8)) as? [String: Any])
        let group = try #require((object["groups"] as? [[String: Any]])?.first)
        let noPlan = try #require(group["no_plan_share"] as? Double)
        let objectiveChart = try #require(text.components(separatedBy: "class=\"chart band-chart\"").dropFirst().first)
        let counts = objectiveChart.components(separatedBy: "data-count=\"").dropFirst().compactMap {
            Int($0.prefix { $0 != "\"" })
        }
        #expect((1...10).contains(counts.count))  // a bin where no point has a plan is left out
        #expect(counts.reduce(0, +) == 60 - Int((noPlan * 60).rounded()))
        #expect(text.contains("\(60 - counts.reduce(0, +)) of 60 points have no plan"))

        let grid = CLITests.temporary("grid.csv")
        #expect(
            try CLITests.lode(
                "sweep", "models/cobalt/model.yaml", "--policy", "crma-65", "--vary",
                "policies.crma-65.rules.single-country-cap.max=0.5:0.8:0.1", "--output", grid
            ).status == 0)
        #expect(try CLITests.lode("report", "models/cobalt/model.yaml", "--sweep", grid, "--output", html).status == 0)
        let plain = try String(contentsOfFile: html, encoding: .utf8)
        #expect(plain.contains("class=\"chart line\"") && !plain.contains("band-chart"))
    }
}
