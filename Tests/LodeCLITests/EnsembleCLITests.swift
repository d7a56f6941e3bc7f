// Scenario ensembles on the command line: `sweep --design`, `--overlays`, `--points` and
// `--resume`, and `solve --overlay`, on the shipped battery-materials model.
import Foundation
import Testing

@Suite("ensembles on the command line: designs, overlays, points and resume")
struct EnsembleCLITests {
    typealias CLI = CLITests

    static let model = "models/battery-materials/model.yaml"
    static let scenarios = "models/battery-materials/scenarios"
    static let lhs = [
        "sweep", model, "--policy", "crma-65", "--design", "lhs", "--samples", "30", "--seed", "9",
        "--vary", "commodities.lithium.demand=2500:3500",
        "--vary", "policies.crma-65.rules.single-country-cap.max=0.5:0.8",
        "--vary", "suppliers.chn-li-refining-a.cost=10000:16000:2000", "--cold",
    ]

    static func lines(_ text: String) -> [String] { text.split(separator: "\n").map(String.init) }

    @Test("--points solves only those points, with their numbers: the same rows as the full sweep's")
    func points() throws {
        let full = try CLI.lode(Self.lhs)
        #expect(full.status == 0)
        let some = try CLI.lode(Self.lhs + ["--points", "12-13,3,7,10-12"])
        #expect(some.status == 0, "\(some.stderr)")
        let rows = Self.lines(full.stdout)
        #expect(Self.lines(some.stdout) == [rows[0]] + [3, 7, 10, 11, 12, 13].map { rows[$0 + 1] })
        #expect(some.stderr.contains("\"points\":\"3,7,10-13\""))
        let beyond = try CLI.lode(Self.lhs + ["--points", "5,30"])
        #expect(beyond.status == 2 && beyond.stdout.isEmpty)
        #expect(
            beyond.stderr
                == "error: --points 5,30 names point 30, but the sweep has 30 points, numbered 0 to 29 "
                + "(fix: name points of this sweep)\n")
        let both = try CLI.lode(Self.lhs + ["--points", "1", "--shard", "0/2"])
        #expect(both.status == 2 && both.stderr.contains("give --points or --shard, not both"))
        let bad = try CLI.lode(Self.lhs + ["--points", "3-1"])
        #expect(bad.status == 2 && bad.stderr.contains("e.g. 3,7,10-12"))
    }

    @Test(
        "a sweep resumed from its cut-off output equals the uninterrupted one, byte for byte",
        arguments: ["csv", "jsonl"])
    func resume(format: String) throws {
        let full = CLI.temporary("full.\(format)"), cut = CLI.temporary("cut.\(format)")
        defer {
            for path in [full, cut] {
                try? FileManager.default.removeItem(atPath: path)
                try? FileManager.default.removeItem(atPath: path + ".manifest.json")
            }
        }
        #expect(try CLI.lode(Self.lhs + ["--jobs", "2", "--output", full]).status == 0)
        let whole = try String(contentsOfFile: full, encoding: .utf8)
        // The manifest (or header), rows 0 to 4 and 9, and half of row 10: a run killed mid-line.
        let lines = Self.lines(whole)
        let kept = Array(lines[0..<6]) + [lines[10]]
        try (kept.joined(separator: "\n") + "\n" + lines[11].prefix(lines[11].count / 2)).write(
            toFile: cut, atomically: true, encoding: .utf8)
        if format == "csv" {
            try FileManager.default.copyItem(atPath: full + ".manifest.json", toPath: cut + ".manifest.json")
        }
        let resumed = try CLI.lode(Self.lhs + ["--jobs", "2", "--resume", cut, "--output", cut])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stderr.contains("resumed \(cut): kept 6 rows, solved 24"))
        #expect(try String(contentsOfFile: cut, encoding: .utf8) == whole)
        if format == "csv" {
            #expect(
                try String(contentsOfFile: cut + ".manifest.json", encoding: .utf8)
                    == String(contentsOfFile: full + ".manifest.json", encoding: .utf8))
        }
        // Resuming a finished sweep solves nothing and writes the same bytes.
        let again = try CLI.lode(Self.lhs + ["--resume", full, "--output", cut])
        #expect(again.status == 0 && again.stderr.contains("kept 30 rows, solved 0"))
        #expect(try String(contentsOfFile: cut, encoding: .utf8) == whole)
    }

    @Test("--resume refuses another sweep, model or format with a clear message and writes nothing")
    func resumeRefused() throws {
        let earlier = CLI.temporary("earlier.jsonl"), out = CLI.temporary("out.jsonl")
        defer { for path in [earlier, out] { try? FileManager.default.removeItem(atPath: path) } }
        #expect(try CLI.lode(Self.lhs + ["--output", earlier]).status == 0)
        let seed = try CLI.lode(Self.lhs + ["--seed", "10", "--resume", earlier, "--output", out])
        #expect(seed.status == 2)
        #expect(
            seed.stderr
                == "error: --resume \(earlier): it is another sweep: its seed is '9', this run's is '10' "
                + "(fix: resume with the options the file was written with (its manifest lists them))\n")
        // The same model with one more comment line: another hash.
        let folder = CLI.temporary("edited")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let manager = FileManager.default
        try manager.createDirectory(atPath: folder + "/bm", withIntermediateDirectories: true)
        let models = CLI.root.appendingPathComponent("models").path
        try manager.copyItem(atPath: models + "/countries.csv", toPath: folder + "/countries.csv")
        try manager.copyItem(atPath: models + "/battery-materials/suppliers.csv", toPath: folder + "/bm/suppliers.csv")
        let text = try String(contentsOfFile: models + "/battery-materials/model.yaml", encoding: .utf8)
        try (text + "# edited\n").write(toFile: folder + "/bm/model.yaml", atomically: true, encoding: .utf8)
        var other = Self.lhs
        other[1] = folder + "/bm/model.yaml"
        let model = try CLI.lode(other + ["--resume", earlier, "--output", out])
        #expect(model.status == 2 && model.stderr.contains("it was written from another model"))
        let csv = try CLI.lode(Self.lhs + ["--resume", earlier, "--format", "csv"])
        #expect(csv.status == 2 && csv.stderr.contains("it holds JSON lines, but this sweep writes csv"))
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test("--overlays: one row per overlay, in the order given, named, with its probability, crossed with --vary")
    func overlays() throws {
        let files = ["demand-surge", "base", "lithium-price-spike"].map { "\(Self.scenarios)/\($0).yaml" }
        let run = try CLI.lode(
            ["sweep", Self.model, "--policy", "crma-65", "--cold", "--overlays"] + files
                + ["--vary", "policies.crma-65.rules.single-country-cap.max=0.6,0.7"])
        #expect(run.status == 0, "\(run.stderr)")
        let rows = Self.lines(run.stdout).map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        #expect(
            rows[0].prefix(5).joined(separator: ",")
                == "point,overlay,probability,policies.crma-65.rules.single-country-cap.max,status")
        #expect(
            rows.dropFirst().map { $0.prefix(4).joined(separator: ",") } == [
                "0,demand-surge,0.25,0.6", "1,demand-surge,0.25,0.7", "2,base,0.5,0.6", "3,base,0.5,0.7",
                "4,lithium-price-spike,0.15,0.6", "5,lithium-price-spike,0.15,0.7",
            ])
        // Each row's objective is that of solve with the overlay, and with its changes as --set.
        for (row, file) in zip([rows[1], rows[5]], [files[0], files[2]]) {
            let overlay = try CLI.lode(
                "solve", Self.model, "--policy", "crma-65", "--overlay", file, "--format", "json",
                "--set", "policies.crma-65.rules.single-country-cap.max=0.6")
            let text = try String(contentsOfFile: CLI.root.appendingPathComponent(file).path, encoding: .utf8)
            let sets = text.split(separator: "\n").filter { $0.hasPrefix("  ") }.flatMap { line -> [String] in
                let parts = line.trimmingCharacters(in: .whitespaces).split(separator: ":", maxSplits: 1)
                return ["--set", "\(parts[0])=\(parts[1].trimmingCharacters(in: .whitespaces))"]
            }
            let set = try CLI.lode(
                ["solve", Self.model, "--policy", "crma-65", "--format", "json"] + sets
                    + ["--set", "policies.crma-65.rules.single-country-cap.max=0.6"])
            for solved in [overlay, set] {
                #expect(solved.status == 0, "\(solved.stderr)")
                let object = try JSONSerialization.jsonObject(with: Data(solved.stdout.utf8)) as? [String: Any]
                let objective = try #require(object?["objective"] as? Double)
                #expect(abs(objective - Double(row[5])!) <= 1e-9 * objective, "\(file)")
            }
        }
        let jsonl = try CLI.lode(
            ["sweep", Self.model, "--policy", "crma-65", "--format", "jsonl", "--overlays", files[1]])
        let line = try #require(Self.lines(jsonl.stdout).last)
        let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
        #expect(object?["overlay"] as? String == "base" && object?["probability"] as? Double == 0.5)
    }

    @Test("a bad overlay is bad input located in the overlay file, word for word, for solve and sweep")
    func overlayErrors() throws {
        let file = CLI.temporary("bad-overlay.yaml")
        defer { try? FileManager.default.removeItem(atPath: file) }
        try "name: typo\nset:\n  suppliers.chn-gr-processing-x.capacity: 5000\n".write(
            toFile: file, atomically: true, encoding: .utf8)
        let located =
            "\(file):3:3: error: suppliers.chn-gr-processing-x.capacity: no element 'chn-gr-processing-x' in this "
            + "list (fix: did you mean 'chn-gr-processing-a'?)\n"
        let solve = try CLI.lode("solve", Self.model, "--overlay", file)
        #expect(solve.status == 2 && solve.stdout.isEmpty)
        #expect(
            solve.stderr
                == located + "1 error in \(Self.model) with the overlay \(file); nothing was solved.\n")
        let sweep = try CLI.lode("sweep", Self.model, "--overlays", file)
        #expect(sweep.status == 2 && sweep.stdout.isEmpty)
        #expect(sweep.stderr == located)
        let missing = try CLI.lode("solve", Self.model, "--overlay", "nowhere.yaml")
        #expect(missing.status == 2 && missing.stderr.contains("nowhere.yaml: the overlay file cannot be read"))
    }

    @Test("--samples alone is the random design; lhs and random need --samples; a grid needs steps")
    func designOptions() throws {
        let vary = ["--vary", "commodities.lithium.demand=2500:3500:100"]
        let base = ["sweep", Self.model, "--policy", "crma-65", "--samples", "6", "--seed", "4"] + vary
        let plain = try CLI.lode(base)
        let random = try CLI.lode(base + ["--design", "random"])
        #expect(plain.status == 0 && plain.stdout == random.stdout)
        #expect(plain.stderr.contains("\"design\":\"random\""))
        let noSamples = try CLI.lode(["sweep", Self.model, "--design", "lhs"] + vary)
        #expect(noSamples.status == 2 && noSamples.stderr.contains("--design lhs needs --samples N"))
        let gridSamples = try CLI.lode(["sweep", Self.model, "--design", "grid", "--samples", "3"] + vary)
        #expect(gridSamples.status == 2 && gridSamples.stderr.contains("--samples needs --design lhs"))
        let continuous = try CLI.lode("sweep", Self.model, "--vary", "commodities.lithium.demand=2500:3500")
        #expect(continuous.status == 2 && continuous.stderr.contains("has no step, so a grid cannot list its values"))
    }
}
