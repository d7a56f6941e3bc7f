// Issue 14, output for scripts and long work: compare's long-form CSV, the documented JSON keys of
// every command, sweep's table view, and the summary line that closes a sweep.
import Foundation
import Testing

@Suite("output for scripts, and long work")
struct ScriptOutputCLITests {
    static let cobalt = "models/cobalt/model.yaml"
    static let battery = "models/battery-materials/model.yaml"
    static let cobalt2035 = "models/cobalt-2035/model.yaml"

    @Test("compare --format csv: long form, one plain number per line with its unit")
    func compareCSV() throws {
        for model in [Self.cobalt, Self.battery] {
            let run = try CLITests.lode("compare", model, "--format", "csv")
            #expect(run.status == 0, "\(run.stderr)")
            let lines = run.stdout.split(separator: "\n").map(String.init)
            #expect(lines.first == "policy,status,quantity,rule,commodity,stage,member,value,unit")
            for line in lines.dropFirst() {
                // No quoted cell: no thousands separators, no "CHN 53% CHL 42%", no sentences.
                #expect(!line.contains("\""), "\(line)")
                let cells = line.split(separator: ",", omittingEmptySubsequences: false)
                #expect(cells.count == 9, "\(line)")
                guard cells.count == 9 else { continue }
                #expect(cells[7].isEmpty || Double(cells[7]) != nil, "\(line)")
            }
            #expect(lines.contains { $0.hasPrefix("baseline,optimal,objective,,,,,") && $0.hasSuffix(",USD") })
            #expect(lines.contains { $0.contains(",share,,cobalt,refining,CHN,0.") && $0.hasSuffix(",fraction") })
        }
        let cobalt = try CLITests.lode("compare", Self.cobalt, "--format", "csv").stdout
        #expect(cobalt.contains(",total,,cobalt,refining,,") && cobalt.contains(",t Co\n"))
    }

    /// Every key of a JSON value, as names; the keys of a *map* (countries, rules, paths) are data, not schema.
    static func keys(_ value: Any, into keys: inout Set<String>) {
        let maps: Set<String> = ["shares", "group_shares", "delivered", "shortfall", "values", "shadow_prices"]
        if let object = value as? [String: Any] {
            for (key, child) in object {
                keys.insert(key)
                if !maps.contains(key) { Self.keys(child, into: &keys) }
            }
        } else if let array = value as? [Any] {
            for child in array { Self.keys(child, into: &keys) }
        }
    }

    @Test("every key the JSON of solve, compare, explain, stress, frontier and sweep emits is in json-schema.md")
    func documentedKeys() throws {
        let schema = try String(
            contentsOf: CLITests.root.appendingPathComponent("docs/json-schema.md"), encoding: .utf8)
        let capPath = "policies.crma-65.rules.single-country-cap.max=0.3,0.6"
        let commands: [[String]] = [
            ["solve", "--policy", "friend-shoring", "--format", "json"], ["compare", "--format", "json"],
            ["explain", "--policy", "impossible", "--format", "json"],
            ["explain", "--policy", "crma-65", "--format", "json"],
            ["stress", "--policy", "crma-65", "--format", "json"],
            ["frontier", "--policy", "crma-65", "--versus", "carbon", "--points", "2", "--format", "json"],
            ["sweep", "--policy", "crma-65", "--vary", capPath, "--format", "jsonl"],
            // A plan over time: periods, projects, stockpiles, the period of every row.
            ["solve", "--policy", "build-in-allied", "--format", "json", "--model", Self.cobalt2035],
            ["compare", "--format", "json", "--model", Self.cobalt2035],
        ]
        for written in commands {
            // `--model M` at the end names another model than models/cobalt.
            var command = written
            var model = Self.cobalt
            if let at = command.firstIndex(of: "--model") {
                model = command[at + 1]
                command.removeSubrange(at...)
            }
            let run = try CLITests.lode([command[0], model] + command.dropFirst())
            #expect(run.status == 0, "\(command): \(run.stderr)")
            var keys = Set<String>()
            // JSON lines (sweep) or one document.
            let documents = command[0] == "sweep" ? run.stdout.split(separator: "\n").map(String.init) : [run.stdout]
            for document in documents {
                Self.keys(try JSONSerialization.jsonObject(with: Data(document.utf8)), into: &keys)
            }
            #expect(keys.count > 5, "\(command)")
            let missing = keys.filter { !schema.contains("`\($0)`") }.sorted()
            #expect(missing.isEmpty, "\(command[0]): keys not in docs/json-schema.md: \(missing)")
        }
    }

    @Test("group_shares omits a group none of whose countries delivers, as shares omits such a country")
    func groupSharesOmitZeros() throws {
        let run = try CLITests.lode("solve", Self.cobalt, "--format", "json")
        let plan = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let scopes = try #require(plan["scopes"] as? [[String: Any]])
        // Baseline: mining all from COD (in no group), refining all from CHN (feoc).
        #expect(scopes.map { ($0["group_shares"] as? [String: Double]) ?? ["?": -1] } == [[:], ["feoc": 1]])
        #expect(scopes.map { ($0["shares"] as? [String: Double]) ?? [:] } == [["COD": 1], ["CHN": 1]])
    }

    @Test("sweep --format table: one line per point with the varied values, status, objective and binding rules")
    func sweepTable() throws {
        let vary = "policies.crma-65.rules.single-country-cap.max=0.3:0.6:0.15"
        let run = try CLITests.lode("sweep", Self.cobalt, "--policy", "crma-65", "--vary", vary, "--format", "table")
        #expect(run.status == 0, "\(run.stderr)")
        #expect(
            run.stdout == """
                single-country-cap.max = policies.crma-65.rules.single-country-cap.max

                point  single-country-cap.max  status      objective (USD)  binding rules
                    0                     0.3  infeasible                -  -
                    1                    0.45  infeasible                -  -
                    2                     0.6  optimal         228,620,368  single-country-cap

                """)
        // To a file: the table whole at the end, the manifest beside it (as for CSV).
        let folder = CLITests.temporary("sweep-table")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = folder + "/sweep.txt"
        let written = try CLITests.lode(
            "sweep", Self.cobalt, "--policy", "crma-65", "--vary", vary, "--format", "table", "--output", file)
        #expect(written.status == 0, "\(written.stderr)")
        #expect(try String(contentsOfFile: file, encoding: .utf8) == run.stdout)
        #expect(FileManager.default.fileExists(atPath: file + ".manifest.json"))
    }

    @Test("every sweep ends with one summary line on standard error, also when it is not a terminal")
    func sweepSummary() throws {
        let vary = "policies.crma-65.rules.single-country-cap.max=0.3:0.6:0.15"
        let run = try CLITests.lode("sweep", Self.cobalt, "--policy", "crma-65", "--vary", vary, "--format", "jsonl")
        #expect(run.status == 0)
        let lines = run.stderr.split(separator: "\n").map(String.init)
        #expect(lines.count == 1, "\(run.stderr)")
        #expect(lines.last?.hasPrefix("sweep: 3 points, 1 optimal, 2 infeasible, in ") == true, "\(run.stderr)")
        #expect(lines.last?.hasSuffix(" s; rows on standard output") == true)
        // Not a terminal: no progress line.
        #expect(!run.stderr.contains("%"))
        let file = CLITests.temporary("summary.csv")
        defer { try? FileManager.default.removeItem(atPath: file) }
        let written = try CLITests.lode("sweep", Self.cobalt, "--policy", "crma-65", "--vary", vary, "--output", file)
        #expect(written.stderr.hasSuffix("; rows written to \(file)\n"), "\(written.stderr)")
    }

    /// Runs `lode` with standard error on a pseudo-terminal (util-linux `script`); nil without `script`.
    static func onTerminal(_ arguments: [String]) throws -> String? {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/script") else { return nil }
        let built = Bundle.main.bundleURL.appendingPathComponent("lode")
        let binary =
            FileManager.default.fileExists(atPath: built.path)
            ? built.path : CLITests.root.appendingPathComponent(".build/debug/lode").path
        // Standard output to /dev/null: what `script` records is standard error, a terminal.
        let command = ([binary] + arguments).map { "'\($0)'" }.joined(separator: " ") + " >/dev/null"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = ["-qec", command, "/dev/null"]
        process.currentDirectoryURL = CLITests.root
        let out = Pipe()
        process.standardOutput = out
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    @Test("on a terminal, sweep and compare show progress with a percentage (and time left while running)")
    func progressOnTerminal() throws {
        let vary = "policies.crma-65.rules.single-country-cap.max=0.3:0.6:0.15"
        guard let sweep = try Self.onTerminal(["sweep", Self.cobalt, "--policy", "crma-65", "--vary", vary]) else {
            return
        }
        #expect(sweep.contains("100% (3/3 points)"), "\(sweep)")
        #expect(sweep.contains("sweep: 3 points, 1 optimal, 2 infeasible"))
        let compare = try #require(try Self.onTerminal(["compare", Self.cobalt]))
        #expect(compare.contains("100% (6/6 policies)"), "\(compare)")
        #expect(compare.contains("% (1/6 policies), about "), "\(compare)")
        let html = CLITests.temporary("progress.html")
        defer { try? FileManager.default.removeItem(atPath: html) }
        let report = try #require(try Self.onTerminal(["report", Self.cobalt, "--output", html]))
        #expect(report.contains("100% (6/6 policies)"), "\(report)")
    }
}
