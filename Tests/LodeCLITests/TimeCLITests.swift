import Foundation
import Testing

/// Every command on a plan over time (models/cobalt-2035), from the command line.
@Suite("plans over time on the command line")
struct TimeCLITests {
    static let model = "models/cobalt-2035/model.yaml"

    static func objective(_ json: String) throws -> Double {
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        return try #require(object?["objective"] as? Double)
    }

    /// A sweep over period-map paths (a step of demand, a step added to a CSV cell's cost map, a
    /// step of a rule's floor), warm and changed in place, gives the objectives of independent
    /// `solve --set` runs.
    @Test("sweep rows over period-map paths equal solve --set runs")
    func sweepEqualsSet() throws {
        let floor = "policies.recycled-content.rules.recycled-floor.min.2033"
        let sweep = try CLITests.lode(
            "sweep", Self.model, "--policy", "recycled-content", "--format", "csv",
            "--vary", "commodities.cobalt.demand.2030=9000,11000",
            "--vary", "suppliers.cod-co-mining-a.cost.2031=15000,25000", "--vary", "\(floor)=0.2,0.3")
        #expect(sweep.status == 0, "\(sweep.stderr)")
        let rows = sweep.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: ",").map(String.init) }
        #expect(rows.count == 8)
        for row in rows {
            let solved = try CLITests.lode(
                "solve", Self.model, "--policy", "recycled-content", "--format", "json",
                "--set", "commodities.cobalt.demand.2030=\(row[1])",
                "--set", "suppliers.cod-co-mining-a.cost.2031=\(row[2])", "--set", "\(floor)=\(row[3])")
            #expect(solved.status == 0, "\(solved.stderr)")
            let swept = try #require(Double(row[5]))
            #expect(abs(swept - (try Self.objective(solved.stdout))) <= 1e-6 * abs(swept), "\(row)")
        }
    }

    /// Parts solved on several threads give the same plan, byte for byte.
    @Test("solve --jobs 2 writes the bytes of --jobs 1; --jobs 0 is a usage error")
    func solveJobs() throws {
        for model in [Self.model, "models/battery-materials/model.yaml"] {
            let one = try CLITests.lode("solve", model, "--format", "json", "--jobs", "1")
            let two = try CLITests.lode("solve", model, "--format", "json", "--jobs", "2")
            #expect(one.status == 0 && one.stdout == two.stdout, "\(model)")
        }
        let zero = try CLITests.lode("solve", Self.model, "--jobs", "0")
        #expect(zero.status == 2 && zero.stderr.contains("--jobs takes a whole number from 1 to 1024"))
    }

    @Test("check says a plan's horizon, projects and stockpiles")
    func checkLine() throws {
        let run = try CLITests.lode("check", Self.model)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(
            run.stdout
                == "\(Self.model): OK: 1 commodity, 28 suppliers, 10 periods (2026-2035) with 5 projects and "
                + "1 stockpile, 5 policies (least-cost, recycled-content, carbon-budget, resilient-with-reserve, "
                + "build-in-allied).\n")
    }

    @Test("solve's table shows costs per period, projects, stock, and periods on suppliers and stages")
    func solveTable() throws {
        let run = try CLITests.lode("solve", Self.model, "--policy", "build-in-allied")
        #expect(run.status == 0, "\(run.stderr)")
        for heading in [
            "Cost per period", "Objective (discounted)", "Projects", "Stock at the end of each period",
            "Plan (suppliers used)", "Concentration and ESG per stage",
        ] {
            #expect(run.stdout.contains(heading), "\(heading)")
        }
        #expect(run.stdout.contains("  allied-refining binds in 20"), "\(run.stdout)")
        let built = run.stdout.split(separator: "\n").first { $0.contains("usa-co-refinery-project") }
        #expect(built?.contains("2033") == true && built?.contains("100.0%") == true, "\(built ?? "")")
        let lines = run.stdout.split(separator: "\n")
        let periods = lines.filter { line in (2026...2035).contains { line.hasPrefix("  \($0) ") } }
        #expect(periods.count >= 10)
    }

    @Test("compare, explain, stress, frontier and export run on a plan over time")
    func everyCommand() throws {
        let compare = try CLITests.lode("compare", Self.model)
        #expect(compare.status == 0 && compare.stdout.contains("refining 2035"), "\(compare.stderr)")
        let explain = try CLITests.lode("explain", Self.model, "--policy", "carbon-budget")
        #expect(explain.status == 0 && explain.stdout.contains("pooled over all"), "\(explain.stderr)")
        let stress = try CLITests.lode("stress", Self.model, "--policy", "least-cost")
        #expect(stress.status == 0 && stress.stdout.contains("lose CHN at refining"), "\(stress.stderr)")
        #expect(stress.stdout.contains("Worst period") && stress.stdout.contains("worst period's share"))
        let frontier = try CLITests.lode(
            "frontier", Self.model, "--policy", "least-cost", "--versus", "carbon", "--points", "3")
        #expect(frontier.status == 0, "\(frontier.stderr)")
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("lode-\(UUID().uuidString).lp").path
        defer { try? FileManager.default.removeItem(atPath: file) }
        let export = try CLITests.lode("export", Self.model, "--policy", "least-cost", "--output", file)
        #expect(export.status == 0, "\(export.stderr)")
        let program = try String(contentsOfFile: file, encoding: .utf8)
        #expect(program.contains("x(cod_co_mining_a@2035)") && program.contains("I(co_reserve@2026)"))
    }

    /// Over time the carbon frontier bounds the plan's cumulative carbon (one budget pooled over
    /// all periods): its points' carbon falls from least cost's total, every point below its epsilon.
    @Test("frontier versus carbon bounds the cumulative carbon of a plan over time")
    func cumulativeFrontier() throws {
        let run = try CLITests.lode(
            "frontier", Self.model, "--policy", "least-cost", "--versus", "carbon", "--points", "3", "--format", "json")
        #expect(run.status == 0, "\(run.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        let points = try #require(object?["points"] as? [[String: Any]])
        let values = points.compactMap { $0["value"] as? Double }
        let epsilons = points.compactMap { $0["epsilon"] as? Double }
        #expect(values.count == 3 && values == values.sorted(by: >), "\(values)")
        #expect(zip(values, epsilons).allSatisfy { $0 <= $1 * (1 + 1e-9) }, "\(values) \(epsilons)")
        let plan = try CLITests.lode("solve", Self.model, "--policy", "least-cost", "--format", "json")
        let scopes = try #require(
            (try JSONSerialization.jsonObject(with: Data(plan.stdout.utf8)) as? [String: Any])?["scopes"]
                as? [[String: Any]])
        let carbon = scopes.reduce(0) { $0 + ($1["carbon"] as? Double ?? 0) }
        #expect(abs(values[0] - carbon) <= 1e-6 * carbon, "\(values[0]) against \(carbon)")
    }

    /// Solve fuzzing of plans over time found programs of extreme numbers on which GLPK aborts the
    /// process (its scaling, its dual simplex): they are refused before GLPK, exit 2, naming the number.
    @Test(
        "programs of numbers beyond 1e100 are bad input, never a GLPK abort",
        arguments: ["time-surge-fee-1e308", "time-value-share-cost-1e308", "time-project-capacity-1e308"])
    func extremeNumbers(_ name: String) throws {
        let run = try CLITests.lode("solve", "Fuzz/regressions/\(name).yaml", "--format", "json")
        #expect(run.status == 2, "\(run.stderr)")
        #expect(run.stderr.contains("beyond the magnitudes the solver is given (1e-100 to 1e100)"), "\(run.stderr)")
    }

    /// An infeasible plan over time: a floor of 90% recycled cobalt from 2030 cannot be met; the
    /// conflict names the rule and its rows name the period.
    @Test("explain names the period of a conflict")
    func conflictPeriod() throws {
        let run = try CLITests.lode(
            "explain", Self.model, "--policy", "recycled-content", "--set",
            "policies.recycled-content.rules.recycled-floor.min.2030=0.9")
        #expect(run.status != 2, "\(run.stderr)")
        #expect(run.stdout.contains("recycled-floor"), "\(run.stdout)")
        #expect(run.stdout.contains("2030"), "\(run.stdout)")
    }
}
