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
