import Foundation
import Testing

@Suite("planner workflows on the command line")
struct WorkflowCLITests {
    typealias CLI = CLITests

    static let vary = "policies.crma-65.rules.single-country-cap.max=0.5:0.8:0.02"

    static func objectives(_ csv: String) -> [String] {
        csv.split(separator: "\n").dropFirst().map {
            $0.split(separator: ",", omittingEmptySubsequences: false).prefix(4).joined(separator: ",")
        }
    }

    static func merge(_ shards: [String]) -> String {
        let header = shards[0].split(separator: "\n").first.map(String.init) ?? ""
        let rows = shards.flatMap { $0.split(separator: "\n").dropFirst().map(String.init) }
            .sorted { Int($0.prefix { $0 != "," })! < Int($1.prefix { $0 != "," })! }
        return ([header] + rows).joined(separator: "\n") + "\n"
    }

    @Test("cold shards merge into the unsharded sweep byte for byte; warm ones agree on status and objective")
    func shards() throws {
        let whole = try CLI.lode(
            "sweep", "models/cobalt/model.yaml", "--policy", "crma-65", "--vary", Self.vary, "--cold")
        #expect(whole.status == 0)
        let shards = try (0..<3).map {
            try CLI.lode(
                "sweep", "models/cobalt/model.yaml", "--policy", "crma-65", "--vary", Self.vary, "--cold", "--shard",
                "\($0)/3"
            ).stdout
        }
        #expect(Self.merge(shards) == whole.stdout)
        let warm = try (0..<3).map {
            try CLI.lode(
                "sweep", "models/cobalt/model.yaml", "--policy", "crma-65", "--vary", Self.vary, "--shard", "\($0)/3",
                "--jobs", "2"
            ).stdout
        }
        #expect(Self.objectives(Self.merge(warm)) == Self.objectives(whole.stdout))
        #expect(whole.stdout.split(separator: "\n").count == 17)
    }

    @Test("json lines start with the run manifest")
    func manifest() throws {
        let run = try CLI.lode(
            "sweep", "models/cobalt/model.yaml", "--policy", "crma-65", "--vary", Self.vary, "--format", "jsonl")
        let first = try #require(run.stdout.split(separator: "\n").first)
        let manifest = try #require(
            (try JSONSerialization.jsonObject(with: Data(first.utf8)) as? [String: Any])?["manifest"] as? [String: Any])
        #expect((manifest["model_sha256"] as? String)?.count == 64)
        #expect(manifest["glpk_version"] as? String == "5.0")
        #expect(run.stdout.split(separator: "\n").count == 17)
    }

    @Test("--timings reports reading and solving the points on standard error, not in the rows")
    func timings() throws {
        let run = try CLI.lode(
            "sweep", "models/cobalt/model.yaml", "--policy", "crma-65", "--vary", Self.vary, "--timings", "--jobs", "2")
        #expect(run.status == 0)
        let line = try #require(run.stderr.split(separator: "\n").first { $0.hasPrefix("timings (s): read ") })
        #expect(line.contains("points") && line.contains("(16 points, --jobs 2)"))
        #expect(run.stdout.split(separator: "\n").count == 17)
    }

    @Test("Ctrl-C (exit 130) or a scheduler's SIGTERM (exit 143) keeps every finished row", arguments: [false, true])
    func interrupt(terminate: Bool) throws {
        let output = CLI.temporary("interrupted.csv")
        let binary = Bundle.main.bundleURL.appendingPathComponent("lode")
        let process = Process()
        process.executableURL =
            FileManager.default.fileExists(atPath: binary.path)
            ? binary : CLI.root.appendingPathComponent(".build/debug/lode")
        process.arguments = [
            "sweep", "models/battery-materials/model.yaml", "--policy", "resilient", "--cold", "--jobs", "1",
            "--vary", "policies.resilient.rules.lose-any-country.coverage=0:0.6:0.0001", "--output", output,
        ]
        process.currentDirectoryURL = CLI.root
        process.standardError = FileHandle.nullDevice
        try process.run()
        // The rows go to a temporary file beside the output (.NAME.lode-XXXXXX), renamed into place at the end.
        let folder = (output as NSString).deletingLastPathComponent, name = (output as NSString).lastPathComponent
        func rows() -> Int {
            let files = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
            guard let partial = files.first(where: { $0.hasPrefix(".\(name).lode-") }) else { return 0 }
            let text = (try? String(contentsOfFile: folder + "/" + partial, encoding: .utf8)) ?? ""
            return text.split(separator: "\n").count
        }
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline, rows() < 4 {
            Thread.sleep(forTimeInterval: 0.05)
        }
        if terminate { process.terminate() } else { process.interrupt() }
        process.waitUntilExit()
        #expect(process.terminationStatus == (terminate ? 143 : 130))
        let text = try String(contentsOfFile: output, encoding: .utf8)
        #expect(text.hasSuffix("\n"))
        let lines = text.split(separator: "\n")
        #expect(lines.count >= 4 && lines.count < 6002)
        #expect(lines.dropFirst().enumerated().allSatisfy { $0.element.hasPrefix("\($0.offset),") })
    }

    @Test("compare, explain, stress and frontier run and report numbers")
    func commands() throws {
        let compare = try CLI.lode("compare", "models/cobalt/model.yaml", "--format", "json")
        #expect(compare.status == 0)
        let columns = try #require(
            (try JSONSerialization.jsonObject(with: Data(compare.stdout.utf8)) as? [String: Any])?["columns"]
                as? [[String: Any]])
        #expect(columns.count == 6)
        #expect(columns.last?["conflict"] as? [String] == ["allied-only"])
        let explain = try CLI.lode("explain", "models/cobalt/model.yaml", "--policy", "impossible")
        #expect(explain.status == 0 && explain.stdout.contains("These rules cannot hold together: allied-only."))
        let stress = try CLI.lode("stress", "models/lithium/model.yaml", "--policy", "resilient", "--format", "csv")
        #expect(stress.status == 0 && stress.stdout.hasPrefix("disruption,worst_delivered,cost"))
        let frontier = try CLI.lode(
            "frontier", "models/cobalt/model.yaml", "--policy", "crma-65", "--versus", "share:CHN", "--points", "4",
            "--format", "csv")
        #expect(frontier.status == 0 && frontier.stdout.split(separator: "\n").count == 5)
        #expect(try CLI.lode("frontier", "models/cobalt/model.yaml", "--versus", "share:XXX").status == 2)
        #expect(try CLI.lode("sweep", "models/cobalt/model.yaml", "--vary", "suppliers.nobody.cost=1,2").status == 2)
    }

    @Test("explain takes --time-limit and names the other conflict instead of saying one rule fixes it")
    func explainCoherent() throws {
        let explain = try CLI.lode(
            "explain", "models/cobalt/model.yaml", "--policy", "impossible",
            "--time-limit", "60", "--wide")
        #expect(explain.status == 0)
        #expect(
            explain.stdout.contains(
                """
                These rules cannot hold together: allied-only.

                Other conflicts, apart from those (each needs a fix of its own):
                  - cn-ban

                Each conflicting rule relaxed alone:
                  - relaxing allied-only alone is not enough: cn-ban conflicts too, apart from it (see the least relaxation)
                """), "\(explain.stdout)")
        #expect(!explain.stdout.contains("Any one of these fixes it") && !explain.stdout.contains("Partial answer"))
    }

    @Test("where plans tie, a sweep gives the same bytes on 1, 2 and 3 jobs")
    func sweepJobs() throws {
        // Twelve suppliers at one cost in six countries: every plan within the caps ties.
        var yaml = "name: Ties\ncommodities:\n  - { id: metal, demand: 300 }\ncountries:\n"
        for country in 0..<6 { yaml += "  - { id: K\(country) }\n" }
        yaml += "suppliers:\n"
        for supplier in 0..<12 {
            yaml += "  - { id: s\(supplier), commodity: metal, country: K\(supplier % 6), capacity: 100, cost: 10 }\n"
        }
        yaml += "policies:\n  capped:\n    rules:\n      - { id: cap, share: { each: country }, max: 0.5 }\n"
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("lode-ties-\(UUID().uuidString).yaml").path
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let vary = "policies.capped.rules.cap.max=0.2:0.9:0.005"
        let outputs = try [1, 2, 3, 2, 3, 2].map { jobs in
            try CLI.lode("sweep", path, "--policy", "capped", "--vary", vary, "--jobs", "\(jobs)").stdout
        }
        #expect(outputs[0].split(separator: "\n").count == 142)
        #expect(Set(outputs).count == 1)
    }
}

@Suite("lode report on the command line")
struct ReportCLITests {
    @Test("a report with a sweep and a frontier, written whole; a bad series file is bad input and writes nothing")
    func report() throws {
        let sweep = CLITests.temporary("sweep.csv"), frontier = CLITests.temporary("frontier.json"),
            html = CLITests.temporary("report.html")
        #expect(
            try CLITests.lode(
                "sweep", "models/cobalt/model.yaml", "--policy", "crma-65", "--vary", WorkflowCLITests.vary, "--output",
                sweep
            ).status == 0)
        #expect(
            try CLITests.lode(
                "frontier", "models/cobalt/model.yaml", "--policy", "crma-65", "--versus", "share:CHN", "--format",
                "json", "--output", frontier
            ).status == 0)
        let run = try CLITests.lode(
            "report", "models/cobalt/model.yaml", "--sweep", sweep, "--frontier", frontier, "--output", html)
        #expect(run.status == 0)
        let text = try String(contentsOfFile: html, encoding: .utf8)
        #expect(text.hasPrefix("<!DOCTYPE html>") && text.hasSuffix("</html>\n"))
        #expect(text.contains("<section id=\"sweep\">") && text.contains("<section id=\"frontier\">"))
        let missing = CLITests.temporary("never.html")
        #expect(
            try CLITests.lode("report", "models/cobalt/model.yaml", "--sweep", "/no/such.csv", "--output", missing)
                .status == 2)
        #expect(!FileManager.default.fileExists(atPath: missing))
    }
}
