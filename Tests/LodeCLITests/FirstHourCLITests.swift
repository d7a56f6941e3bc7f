import Foundation
import Testing

/// Issue 14, a planner's first hour on the command line: a --set that does nothing warns, the
/// output format follows the file's extension, help examples paste, `lode init`, `-` for stdin.
@Suite("a planner's first hour on the command line")
struct FirstHourCLITests {
    static let cobalt = "models/cobalt/model.yaml"
    static let capPath = "policies.crma-65.rules.single-country-cap.max=0.5"

    @Test("a --set on a policy other than the one solved warns, with the fix; one the solved policy extends does not")
    func setOnAnotherPolicy() throws {
        let baseline = try CLITests.lode("solve", Self.cobalt, "--set", Self.capPath)
        #expect(baseline.status == 0)
        let lines = baseline.stderr.split(separator: "\n")
        #expect(lines.count == 1 && lines[0].hasPrefix("warning: --set policies.crma-65.rules.single-country-cap.max"))
        #expect(baseline.stderr.contains("'crma-65'") && baseline.stderr.contains("'baseline' is solved"))
        #expect(baseline.stderr.contains("fix: add --policy crma-65"))
        for policy in ["crma-65", "friend-shoring"] {
            let reached = try CLITests.lode("solve", Self.cobalt, "--policy", policy, "--set", Self.capPath)
            #expect(reached.status == 0 && reached.stderr.isEmpty, "\(policy): \(reached.stderr)")
        }
        let other = try CLITests.lode("explain", Self.cobalt, "--policy", "strict-esg", "--set", Self.capPath)
        #expect(other.stderr.contains("but 'strict-esg' is solved"))
        let demand = try CLITests.lode("solve", Self.cobalt, "--set", "commodities.cobalt.demand=9000")
        #expect(demand.status == 0 && demand.stderr.isEmpty)
        // A sweep's --vary names paths as --set does, and warns the same way (found in review).
        let sweep = try CLITests.lode(
            "sweep", Self.cobalt, "--policy", "strict-esg", "--vary",
            "policies.crma-65.rules.single-country-cap.max=0.5,0.6")
        #expect(sweep.status == 0)
        #expect(
            sweep.stderr.hasPrefix(
                "warning: --vary policies.crma-65.rules.single-country-cap.max changes policy 'crma-65', "
                    + "but 'strict-esg' is solved, so it does nothing (fix: add --policy crma-65)\n"))
    }

    @Test("without --format the output's extension chooses the format; a contradicting --format warns and wins")
    func formatFromExtension() throws {
        let folder = CLITests.temporary("formats")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        func written(_ arguments: String...) throws -> (text: String, stderr: String) {
            let model = CLITests.root.path + "/" + Self.cobalt
            let run = try CLITests.lode(in: folder, Array(arguments).map { $0 == "MODEL" ? model : $0 })
            #expect(run.status == 0, "\(arguments): \(run.stderr)")
            let file = arguments[arguments.firstIndex(of: "--output")! + 1]
            return (try String(contentsOfFile: folder + "/" + file, encoding: .utf8), run.stderr)
        }
        #expect(try written("solve", "MODEL", "--output", "plan.json").text.hasPrefix("{"))
        #expect(try written("solve", "MODEL", "--output", "plan.csv").text.hasPrefix("policy,status,supplier,"))
        #expect(try written("solve", "MODEL", "--output", "plan.txt").text.contains("Status: optimal"))
        #expect(try written("compare", "MODEL", "--output", "compare.json").text.hasPrefix("{"))
        #expect(try written("stress", "MODEL", "--policy", "resilient", "--output", "stress.json").text.hasPrefix("{"))
        #expect(try written("export", "MODEL", "--output", "model.mps").text.contains("ROWS"))
        let sweep = "--vary=policies.crma-65.rules.single-country-cap.max=0.5:0.6:0.1"
        #expect(
            try written("sweep", "MODEL", "--policy", "crma-65", sweep, "--output", "s.jsonl").text
                .hasPrefix("{\"manifest\""))
        let explicit = try written("solve", "MODEL", "--format", "json", "--output", "plan2.csv")
        #expect(explicit.text.hasPrefix("{"))
        #expect(
            explicit.stderr.hasPrefix(
                "warning: --format json writes json into plan2.csv, whose extension says csv"))
        let agreeing = try written("sweep", "MODEL", "--policy", "crma-65", sweep, "-f", "jsonl", "--output", "s.json")
        // No warning: only the line that closes every sweep (issue 14).
        #expect(agreeing.stderr.hasPrefix("sweep: 2 points, 2 optimal, 0 infeasible, in "), "\(agreeing.stderr)")
        #expect(agreeing.stderr.split(separator: "\n").count == 1)
        for command in ["solve", "compare", "explain", "frontier", "stress", "sweep", "export"] {
            let help = try CLITests.lode(command, "--help").stdout
            #expect(help.contains("extension"), "\(command)")
        }
    }

    @Test("a model file of - is read from standard input, its tables from the working folder")
    func standardInput() throws {
        let folder = CLITests.root.appendingPathComponent("models/cobalt").path
        let piped = try CLITests.lode(in: folder, shell: "cat model.yaml |", ["solve", "-", "--policy", "crma-65"])
        let file = try CLITests.lode("solve", Self.cobalt, "--policy", "crma-65")
        #expect(piped.status == 0 && piped.stdout == file.stdout, "\(piped.stderr)")
        let elsewhere = try CLITests.lode(shell: "cat models/cobalt/model.yaml |", ["check", "-"])
        #expect(elsewhere.status == 2)
        #expect(
            elsewhere.stderr.hasPrefix("<stdin>:15:12: error: suppliers: the table file 'suppliers.csv'")
                || elsewhere.stderr.hasPrefix("<stdin>:14:12: error: countries:"), "\(elsewhere.stderr)")
        #expect(elsewhere.stderr.contains("relative to the working folder (the model is read from standard input)"))
    }

    @Test("-j is --jobs; --mip-gap is a flag of solve and explain, checked: finite and at least 0")
    func jobsAndGap() throws {
        let short = try CLITests.lode("compare", Self.cobalt, "-j", "1", "--format", "json")
        let long = try CLITests.lode("compare", Self.cobalt, "--jobs", "1", "--format", "json")
        #expect(short.status == 0 && short.stdout == long.stdout)
        for command in ["solve", "explain"] {
            let gap = try CLITests.lode(command, Self.cobalt, "--mip-gap", "0.01")
            #expect(gap.status == 0, "\(command): \(gap.stderr)")
            for bad in ["-1", "nan", "inf"] {
                let run = try CLITests.lode(command, Self.cobalt, "--mip-gap=\(bad)")
                #expect(run.status == 2 && run.stderr.contains("--mip-gap"), "\(command) \(bad): \(run.stderr)")
            }
        }
    }

    @Test("lode init writes a commented model that checks clean and solves every policy; a non-empty folder is refused")
    func initModel() throws {
        let parent = CLITests.temporary("init")
        defer { try? FileManager.default.removeItem(atPath: parent) }
        let folder = parent + "/starter"
        let written = try CLITests.lode("init", folder)
        let model = folder + "/model.yaml"
        #expect(written.status == 0 && written.stderr.isEmpty)
        #expect(written.stdout.contains("lode check \(model)") && written.stdout.contains("lode compare \(model)"))
        let text = try String(contentsOfFile: model, encoding: .utf8)
        #expect(text.contains("docs/model-language.md") && text.hasPrefix("#"))
        let check = try CLITests.lode("check", model)
        #expect(check.status == 0 && check.stderr.isEmpty, "\(check.stderr)")
        #expect(check.stdout.contains("3 policies (baseline, country-cap, esg)"))
        for policy in ["baseline", "country-cap", "esg"] {
            let solved = try CLITests.lode("solve", model, "--policy", policy)
            #expect(solved.status == 0 && solved.stdout.contains("Status: optimal"), "\(policy): \(solved.stderr)")
        }
        // Not empty now: refused, and the model is left as it was.
        try "# mine\n".write(toFile: model, atomically: true, encoding: .utf8)
        let again = try CLITests.lode("init", folder)
        #expect(again.status == 2 && again.stderr.contains("not empty") && again.stderr.contains("fix:"))
        #expect(try String(contentsOfFile: model, encoding: .utf8) == "# mine\n")
        let onFile = try CLITests.lode("init", model)
        #expect(onFile.status == 2 && onFile.stderr.contains("it is a file"))
        let empty = parent + "/empty"
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        #expect(try CLITests.lode("init", empty).status == 0)
    }

    @Test("shell completions are generated for bash, zsh and fish, and know every command")
    func completions() throws {
        for shell in ["bash", "zsh", "fish"] {
            let run = try CLITests.lode("--generate-completion-script", shell)
            #expect(run.status == 0 && run.stdout.contains("init") && run.stdout.contains("sweep"), "\(shell)")
        }
    }
}

extension FirstHourCLITests {
    @Test("report, and compare written to a file, close with one summary line on standard error")
    func closingSummary() throws {
        let html = CLITests.temporary("summary.html")
        let report = try CLITests.lode("report", Self.cobalt, "--output", html)
        #expect(report.status == 0)
        #expect(report.stderr.hasPrefix("report: 6 policies, 5 optimal, 1 infeasible, in "), "\(report.stderr)")
        #expect(report.stderr.hasSuffix("; written to \(html)\n"), "\(report.stderr)")
        let json = CLITests.temporary("summary.json")
        let compare = try CLITests.lode("compare", Self.cobalt, "--output", json)
        #expect(compare.stderr.hasPrefix("compare: 6 policies, 5 optimal, 1 infeasible, in "), "\(compare.stderr)")
        // On standard output the comparison itself is the summary.
        #expect(try CLITests.lode("compare", Self.cobalt).stderr.isEmpty)
    }
}
