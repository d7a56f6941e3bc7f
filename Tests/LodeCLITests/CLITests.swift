import Foundation
import Testing

/// The `lode` binary as a planner runs it: exit codes, formats, files written whole or not at all.
@Suite("lode on the command line")
struct CLITests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    struct Run {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// Runs the built `lode` in the package's folder: its exit status and output.
    static func lode(_ arguments: String...) throws -> Run { try lode(arguments) }

    /// Runs `lode` in `directory` (default: the repository); `stdout`/`stderr` default to pipes.
    /// With `shell`, runs `sh -c "SHELL exec lode ARGS"` (for ulimit and trap).
    static func lode(
        in directory: String? = nil, stdout: FileHandle? = nil, stderr: FileHandle? = nil,
        shell: String? = nil, _ arguments: [String]
    ) throws -> Run {
        let built = Bundle.main.bundleURL.appendingPathComponent("lode")
        let binary =
            FileManager.default.fileExists(atPath: built.path)
            ? built : root.appendingPathComponent(".build/debug/lode")
        let process = Process()
        if let shell {
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", "\(shell) exec \"$0\" \"$@\"", binary.path] + arguments
        } else {
            process.executableURL = binary
            process.arguments = arguments
        }
        process.currentDirectoryURL = directory.map { URL(fileURLWithPath: $0) } ?? root
        let out = Pipe(), err = Pipe()
        process.standardOutput = stdout ?? out
        process.standardError = stderr ?? err
        try process.run()
        let output = stdout == nil ? out.fileHandleForReading.readDataToEndOfFile() : Data()
        let errors = stderr == nil ? err.fileHandleForReading.readDataToEndOfFile() : Data()
        process.waitUntilExit()
        return Run(
            status: process.terminationStatus, stdout: String(decoding: output, as: UTF8.self),
            stderr: String(decoding: errors, as: UTF8.self))
    }

    static func temporary(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("lode-cli-\(UUID().uuidString)-\(name)").path
    }

    @Test("solve prints the plan, its concentration and the rules' shadow prices")
    func solveTable() throws {
        let run = try Self.lode("solve", "models/battery-materials/model.yaml", "--policy", "friend-shoring")
        #expect(run.status == 0)
        for heading in [
            "Status: optimal", "Cost (USD)", "Plan (suppliers used)", "Concentration and ESG per stage", "Rules",
        ] {
            #expect(run.stdout.contains(heading), "\(heading)")
        }
        #expect(run.stdout.contains("allied-floor"))
    }

    @Test("json has the documented top-level keys, and the same input gives the same bytes")
    func solveJSON() throws {
        let first = try Self.lode("solve", "models/cobalt/model.yaml", "--policy", "crma-65", "--format", "json")
        let second = try Self.lode("solve", "models/cobalt/model.yaml", "--policy", "crma-65", "--format", "json")
        #expect(first.status == 0)
        #expect(first.stdout == second.stdout)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(first.stdout.utf8)) as? [String: Any])
        for key in ["status", "objective", "costs", "suppliers", "scopes", "rules"] {
            #expect(object[key] != nil, "\(key)")
        }
        let scope = try #require((object["scopes"] as? [[String: Any]])?.first)
        for key in ["commodity", "stage", "total", "shares", "hhi"] { #expect(scope[key] != nil, "\(key)") }
        let rule = try #require((object["rules"] as? [[String: Any]])?.first)
        for key in ["id", "binding", "shadow_price"] { #expect(rule[key] != nil, "\(key)") }
        let supplier = try #require((object["suppliers"] as? [[String: Any]])?.first)
        #expect(supplier["id"] != nil && supplier["volume"] != nil)
    }

    @Test("csv gives one row per supplier")
    func solveCSV() throws {
        let run = try Self.lode("solve", "models/lithium/model.yaml", "--format", "csv")
        let lines = run.stdout.split(separator: "\n")
        #expect(
            lines.first
                == "policy,status,supplier,commodity,stage,country,volume,share,capacity,reserved_surge,unit_cost")
        #expect(lines.count > 5)
    }

    @Test("--set changes the model from the command line")
    func overrides() throws {
        let base = try Self.lode("solve", "models/cobalt/model.yaml", "--format", "json")
        let more = try Self.lode(
            "solve", "models/cobalt/model.yaml", "--format", "json", "--set", "commodities.cobalt.demand=9000")
        #expect(base.status == 0 && more.status == 0)
        func objective(_ text: String) throws -> Double {
            try #require(
                (try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])?["objective"] as? Double)
        }
        #expect(try objective(more.stdout) > objective(base.stdout))
    }

    @Test("exit codes: 2 for bad input, 3 for an infeasible policy")
    func exitCodes() throws {
        let bad = Self.temporary("bad.yaml")
        try "commodities:\n  - { id: metal, demand: -1 }\nsuppliers: []\n".write(
            toFile: bad, atomically: true, encoding: .utf8)
        let check = try Self.lode("check", bad)
        #expect(check.status == 2)
        #expect(check.stderr.contains("commodities[metal].demand: -1 is not positive"))
        #expect(try Self.lode("solve", "models/nickel/model.yaml", "--policy", "impossible").status == 3)
        #expect(try Self.lode("solve", "models/nickel/model.yaml", "--policy", "nope").status == 2)
        #expect(try Self.lode("solve", "no/such/model.yaml").status == 2)
        #expect(try Self.lode("check", "models/nickel/model.yaml").status == 0)
    }

    @Test("an output file is written whole, or not at all")
    func outputFiles() throws {
        let output = Self.temporary("plan.json")
        let run = try Self.lode("solve", "models/lithium/model.yaml", "--format", "json", "--output", output)
        #expect(run.status == 0 && run.stdout.isEmpty)
        #expect(FileManager.default.fileExists(atPath: output))
        let failed = Self.temporary("never.json")
        #expect(
            try Self.lode("solve", "models/lithium/model.yaml", "--set", "nothing.here=1", "--output", failed).status
                == 2)
        #expect(!FileManager.default.fileExists(atPath: failed))
    }

    @Test("export writes an LP that glpsol solves to the same objective")
    func export() throws {
        let file = Self.temporary("model.lp")
        #expect(
            try Self.lode("export", "models/graphite/model.yaml", "--policy", "resilient", "--output", file).status == 0
        )
        let text = try String(contentsOfFile: file, encoding: .utf8)
        #expect(text.contains("rule(lose_any_country)(graphite/processing)(CHN)"))
        let report = Self.temporary("glpsol.txt")
        let glpsol = Process()
        glpsol.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        glpsol.arguments = ["glpsol", "--lp", file, "-o", report]
        glpsol.standardOutput = FileHandle.nullDevice
        try glpsol.run()
        glpsol.waitUntilExit()
        let line = try #require(
            try String(contentsOfFile: report, encoding: .utf8).split(separator: "\n").first {
                $0.hasPrefix("Objective:")
            })
        let theirs = try #require(Double(line.split(separator: "=")[1].split(separator: " ")[0]))
        let solved = try Self.lode("solve", "models/graphite/model.yaml", "--policy", "resilient", "--format", "json")
        let ours = try #require(
            (try JSONSerialization.jsonObject(with: Data(solved.stdout.utf8)) as? [String: Any])?["objective"]
                as? Double)
        #expect(abs(theirs - ours) <= 1e-6 * ours)
    }

    static let threeSuppliers = """
        name: Three suppliers
        commodities:
          - { id: metal, demand: 100 }
        suppliers:
          - { id: a, commodity: metal, country: CHN, capacity: 100, cost: 10, carbon: 2 }
          - { id: b, commodity: metal, country: AUS, capacity: 100, cost: 12, carbon: 1 }
          - { id: c, commodity: metal, country: CAN, capacity: 100, cost: 15 }

        """

    @Test("an invalid policy: others solve with a warning, asking for it exits 2, compare and report show its column")
    func invalidPolicy() throws {
        // Before: an error in policy tight made every command exit 2, whatever policy it was asked for.
        let model = Self.temporary("invalid.yaml")
        let policies = "policies:\n  baseline: {}\n  tight:\n    rules:\n      - { id: cap, hhi: country, max: 400 }\n"
        try (Self.threeSuppliers + policies).write(toFile: model, atomically: true, encoding: .utf8)
        let message =
            "policies.tight.rules[cap].max: no HHI cap below 500 can be met: the piecewise-linear bound with "
            + "hhi_segments = 20 counts every source as at least 1/20 of the volume"
        let error =
            "\(model):12:9: error: \(message) (fix: raise max to 500 or more, or raise settings.hhi_segments "
            + "(the floor is 10000 / hhi_segments))"
        let skipped = "warning: policy 'tight' is invalid and was skipped (run 'lode check \(model)' for its errors)\n"
        let solve = try Self.lode("solve", model, "--policy", "baseline")
        #expect(solve.status == 0 && solve.stdout.contains("Status: optimal"))
        #expect(solve.stderr == skipped)
        let byDefault = try Self.lode("solve", model, "--format", "json")
        #expect(byDefault.status == 0 && byDefault.stderr == skipped)
        let asked = try Self.lode("solve", model, "--policy", "tight")
        #expect(asked.status == 2 && asked.stdout.isEmpty)
        #expect(
            asked.stderr == error + "\nerror: the policy 'tight' is invalid (1 error); nothing was solved "
                + "(fix: correct it, or name another policy with --policy)\n")
        let misspelt = try Self.lode("solve", model, "--policy", "tigth")
        #expect(misspelt.status == 2)
        #expect(
            misspelt.stderr == skipped
                + "error: the model has no policy 'tigth' (did you mean 'tight'?). Use one of: baseline, tight.\n")
        let check = try Self.lode("check", model)
        #expect(check.status == 2 && check.stdout.isEmpty)
        #expect(
            check.stderr == error
                + "\n1 error in \(model): policy 'tight' is invalid; the others can be solved ('baseline').\n")
        let commands = [
            ["explain"], ["stress"], ["frontier", "--versus", "carbon", "--points", "2"],
            ["sweep", "--vary", "commodities.metal.demand=90,100"],
            ["export", "--output", Self.temporary("baseline.lp")],
        ]
        for command in commands {
            let run = try Self.lode([command[0], model, "--policy", "baseline"] + command.dropFirst())
            // A sweep to standard output also prints its manifest on standard error.
            let warned = command[0] == "sweep" ? run.stderr.hasPrefix(skipped) : run.stderr == skipped
            #expect(run.status == 0 && warned, "\(command)")
        }

        let compare = try Self.lode("compare", model, "--wide")
        #expect(compare.status == 0 && compare.stderr.isEmpty)
        let lines = compare.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("  status ") && $0.contains("optimal") && $0.hasSuffix("invalid") })
        #expect(lines.contains { $0.hasPrefix("  error ") && $0.hasSuffix("\(model):12:9: \(message)") })
        let json = try Self.lode("compare", model, "--format", "json")
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let columns = try #require(object?["columns"] as? [[String: Any]])
        #expect(columns.map { ($0["plan"] as? [String: Any])?["status"] as? String } == ["optimal", "invalid"])
        #expect(columns[1]["error"] as? String == "\(model):12:9: \(message)")
        #expect(columns[0]["error"] is NSNull)
        let csv = try Self.lode("compare", model, "--format", "csv")
        // Long form (issue 14): every line of the invalid policy carries its status, with no value.
        #expect(
            csv.stdout.hasPrefix("policy,status,quantity,rule,commodity,stage,member,value,unit\nbaseline,optimal,"))
        #expect(csv.stdout.contains("\ntight,invalid,objective,,,,,,"))
        let html = Self.temporary("report.html")
        #expect(try Self.lode("report", model, "--output", html).status == 0)
        let report = try String(contentsOfFile: html, encoding: .utf8)
        #expect(report.contains("Error (policy not solved)") && report.contains(message))
        #expect(try Self.lode("compare", model, "--policies=,").status == 2)
        #expect(
            try Self.lode("report", model, "--policies=,", "--output", html).stderr
                .hasPrefix(
                    "Error: --policies ',' has an empty name; give ids separated by commas, "
                        + "e.g. --policies baseline,crma-65\n"))
    }

    @Test("policies: {} is one policy, baseline, in every command")
    func emptyPolicies() throws {
        // Before: check passed, then solve, explain, stress, export, sweep, frontier and report crashed.
        let model = Self.temporary("empty.yaml")
        try (Self.threeSuppliers + "policies: {}\n").write(toFile: model, atomically: true, encoding: .utf8)
        let warning =
            "\(model):8:11: warning: policies: the mapping is empty, so the model has one policy, baseline, "
            + "with no rules (as without 'policies') (fix: list policies under 'policies', or leave the key out)\n"
        let check = try Self.lode("check", model)
        #expect(check.status == 0 && check.stderr == warning)
        #expect(check.stdout == "\(model): OK: 1 commodity, 3 suppliers, 1 policy (baseline), 1 warning.\n")
        let commands = [
            ["solve"], ["explain"], ["stress"], ["export", "--output", Self.temporary("empty.lp")],
            ["compare"], ["sweep", "--vary", "commodities.metal.demand=90,100"],
            ["frontier", "--versus", "carbon", "--points", "2"],
            ["report", "--output", Self.temporary("empty.html")],
        ]
        for command in commands {
            let run = try Self.lode([command[0], model] + command.dropFirst())
            // sweep and report close with a summary line after the warning.
            let warned =
                ["sweep", "report"].contains(command[0]) ? run.stderr.hasPrefix(warning) : run.stderr == warning
            #expect(run.status == 0 && warned, "\(command)")
        }
    }

    @Test("every command's help: examples that paste and run (continuation lines too), no line over 80 columns")
    func help() throws {
        let help = try Self.lode("--help")
        #expect(help.stdout.contains("lode solve models/battery-materials/model.yaml --policy friend-shoring"))
        // The examples run in a scratch folder that sees the repository's models and docs, in
        // order (the report example charts the sweep and frontier written before it).
        let folder = try Self.scratchWithModels("help")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var examples = 0
        for command in [
            "", "check", "solve", "compare", "sweep", "merge", "summarize", "frontier", "explain", "stress", "report",
            "export",
            "init",
        ] {
            let text = try Self.lode(command.isEmpty ? ["--help"] : [command, "--help"]).stdout
            #expect(!text.contains("\\\\"), "\(command): a doubled backslash")
            // The overview, discussion and examples (the usage line and options follow "USAGE:").
            let head = text.components(separatedBy: "\nUSAGE:")[0]
            let lines = head.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            for line in lines {
                #expect(line.count <= 80, "\(command) help, a line wider than 80 columns: \(line)")
            }
            let found = Self.lodeCommands(lines)
            for joined in found.commands {
                let words = joined.split(separator: " ").dropFirst().map(String.init)
                // `lode init DIR` is shown in more than one help: each run starts from no DIR.
                if words.first == "init", words.count > 1 {
                    try? FileManager.default.removeItem(atPath: folder + "/" + words[1])
                }
                let run = try Self.lode(in: folder, words)
                #expect(run.status == 0, "\(command) help: \(joined)\n\(run.stderr)")
                examples += 1
            }
            #expect(!found.unfinished, "\(command) help ends in a continuation line")
        }
        #expect(examples >= 20)
    }
}
