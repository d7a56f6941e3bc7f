// `lode merge` and `lode summarize` on the command line: merged shards equal the unsharded sweep,
// and a missing, duplicated or foreign shard fails with its message and writes nothing.
import Foundation
import Testing

@Suite("lode merge and lode summarize")
struct MergeCLITests {
    typealias CLI = CLITests

    static let vary = "policies.crma-65.rules.single-country-cap.max=0.5:0.8:0.02"
    static let sweep = ["sweep", "models/cobalt/model.yaml", "--policy", "crma-65", "--vary", vary, "--cold"]

    /// A fresh folder with shards 0..<count of the 16-point cobalt sweep (--cold) in `format`.
    static func shards(_ count: Int, format: String = "csv") throws -> (folder: String, paths: [String]) {
        let folder = CLI.temporary("merge")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let paths = try (0..<count).map { shard -> String in
            let path = "\(folder)/shard-\(shard).\(format)"
            let run = try CLI.lode(sweep + ["--shard", "\(shard)/\(count)", "--output", path])
            #expect(run.status == 0, "\(run.stderr)")
            return path
        }
        return (folder, paths)
    }

    static func files(_ folder: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
    }

    @Test("merged --cold shards equal the unsharded sweep byte for byte, manifest too", arguments: ["csv", "jsonl"])
    func mergedEqualsUnsharded(format: String) throws {
        let (folder, paths) = try Self.shards(3, format: format)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let whole = "\(folder)/whole.\(format)"
        #expect(try CLI.lode(Self.sweep + ["--output", whole]).status == 0)
        let merged = "\(folder)/merged.\(format)"
        // Given out of order: the rows still come out in point order.
        let run = try CLI.lode(["merge", paths[2], paths[0], paths[1], "--output", merged])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("merged 16 points from 3 shards in "))
        #expect(FileManager.default.contents(atPath: merged) == FileManager.default.contents(atPath: whole))
        if format == "csv" {
            #expect(
                FileManager.default.contents(atPath: merged + ".manifest.json")
                    == FileManager.default.contents(atPath: whole + ".manifest.json"))
        }
        #expect(try String(contentsOfFile: merged, encoding: .utf8).split(separator: "\n").count == 17)
    }

    /// Runs a merge expected to fail: exit 2, the message on stderr, nothing new in the folder.
    static func failing(_ folder: String, _ arguments: [String]) throws -> String {
        let before = try files(folder)
        let run = try CLI.lode(["merge"] + arguments + ["--output", "\(folder)/merged.csv"])
        #expect(run.status == 2)
        #expect(run.stdout.isEmpty)
        #expect(try files(folder) == before, "a failed merge wrote a file")
        #expect(run.stderr.hasSuffix("nothing was written\n"))
        return run.stderr
    }

    @Test("a missing shard: exit 2, nothing written, the points and the command that solves only them")
    func missingShard() throws {
        let (folder, paths) = try Self.shards(3)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let message = try Self.failing(folder, [paths[0], paths[2]])
        #expect(
            message == """
                error: 5 of 16 points are missing: 1,4,7,10,13 (fix: solve only it, then merge again with shard-1.csv added):
                  lode sweep models/cobalt/model.yaml --policy crma-65 --vary \(Self.vary) --cold --shard 1/3 --output shard-1.csv
                nothing was written

                """)
        // Points that are not a whole shard: one run with --points LIST.
        let cut = "\(folder)/cut.csv"
        let lines = try String(contentsOfFile: paths[1], encoding: .utf8).split(separator: "\n")
        try (lines.prefix(3).joined(separator: "\n") + "\n").write(toFile: cut, atomically: true, encoding: .utf8)
        try FileManager.default.copyItem(atPath: paths[1] + ".manifest.json", toPath: cut + ".manifest.json")
        let partial = try Self.failing(folder, [paths[0], cut, paths[2]])
        #expect(
            partial == """
                error: 3 of 16 points are missing: 7,10,13 (fix: solve only it, then merge again with missing.csv added):
                  lode sweep models/cobalt/model.yaml --policy crma-65 --vary \(Self.vary) --cold --points 7,10,13 --output missing.csv
                nothing was written

                """)
    }

    @Test("a duplicated point, or a shard given twice: exit 2, nothing written")
    func duplicated() throws {
        let (folder, paths) = try Self.shards(2)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let whole = "\(folder)/whole.csv"
        #expect(try CLI.lode(Self.sweep + ["--output", whole]).status == 0)
        #expect(
            try Self.failing(folder, [paths[0], whole])
                == "error: point 0 is in both \(paths[0]) (line 2) and \(whole) (line 2) (fix: give each shard once, "
                + "and no two shards that hold the same points)\nnothing was written\n")
        #expect(
            try Self.failing(folder, [paths[0], paths[1], paths[0]])
                == "error: \(paths[0]): given twice (as shard 1 and 3) (fix: give each shard once)\nnothing was written\n"
        )
    }

    @Test("a foreign shard (other model, other sweep, other Lode), mixed formats, a cut-off line: exit 2")
    func foreign() throws {
        let (folder, paths) = try Self.shards(2)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let lithium = "\(folder)/lithium.csv"
        let madeLithium = try CLI.lode(
            "sweep", "models/lithium/model.yaml", "--vary", "commodities.lithium.demand=5000:7000:1000", "--shard",
            "1/2",
            "--output", lithium)
        #expect(madeLithium.status == 0)
        let model = try Self.failing(folder, [paths[0], lithium])
        #expect(model.hasPrefix("error: \(lithium): another model than \(paths[0])'s: its manifest's model SHA-256 "))
        #expect(
            model.contains("(fix: merge only the shards of one sweep; re-run this shard on the model of the others)"))

        let other = "\(folder)/other.csv"
        let otherVary = "policies.crma-65.rules.single-country-cap.max=0.5:0.8:0.03"
        #expect(
            try CLI.lode(
                "sweep", "models/cobalt/model.yaml", "--policy", "crma-65", "--vary", otherVary, "--cold", "--shard",
                "1/2", "--output", other
            ).status == 0)
        #expect(
            try Self.failing(folder, [paths[0], other])
                == "error: \(other): another sweep than \(paths[0])'s: its --vary is '\(otherVary)', the other's "
                + "'\(Self.vary)' (fix: merge only the shards of one sweep, run with the same options but --shard)\n"
                + "nothing was written\n")

        let old = "\(folder)/old.csv"
        try FileManager.default.copyItem(atPath: paths[1], toPath: old)
        let manifest = try String(contentsOfFile: paths[1] + ".manifest.json", encoding: .utf8)
        try manifest.replacingOccurrences(of: "\"lode_version\":\"0.1.0\"", with: "\"lode_version\":\"0.0.9\"")
            .write(toFile: old + ".manifest.json", atomically: true, encoding: .utf8)
        #expect(
            try Self.failing(folder, [paths[0], old])
                == "error: \(old): written by Lode 0.0.9 with GLPK 5.0, \(paths[0]) by Lode 0.1.0 with GLPK 5.0: rows "
                + "of other versions may differ (fix: re-run every shard with one Lode)\nnothing was written\n")

        let json = "\(folder)/shard-1.jsonl"
        #expect(try CLI.lode(Self.sweep + ["--shard", "1/2", "--output", json]).status == 0)
        #expect(
            try Self.failing(folder, [paths[0], json])
                == "error: \(json): JSON lines, but \(paths[0]) is CSV: the shards of one merge have one format "
                + "(fix: merge only the shards of one sweep, all run with the same --format)\nnothing was written\n")

        let cut = "\(folder)/cut.csv"
        let text = try String(contentsOfFile: paths[1], encoding: .utf8)
        try String(text.dropLast(7)).write(toFile: cut, atomically: true, encoding: .utf8)
        try FileManager.default.copyItem(atPath: paths[1] + ".manifest.json", toPath: cut + ".manifest.json")
        #expect(
            try Self.failing(folder, [paths[0], cut])
                == "error: \(cut):9: the last line is cut off (no line break at its end): the file was not written "
                + "whole (fix: re-run this shard ('lode sweep --output' writes a file whole or not at all) or copy it "
                + "again)\nnothing was written\n")
    }

    /// A small sweep by hand. objective, rows with a plan: 10, 20, 30, 60 (n = 4).
    ///   mean 30; type 7, h = (n - 1) p: P10 h = 0.3 -> 10 + 0.3 x 10 = 13; P50 h = 1.5 -> 25;
    ///   P90 h = 2.7 -> 30 + 0.7 x 30 = 51; min 10, max 60. Infeasible 1 of 5 = 0.2 (no plan
    ///   0.2); short (shortfall_penalty > 0): point 1, 0.2.
    /// By demand: 1 -> 10, 20: mean 15, P10 11, P50 15, P90 19, short 0.5, infeasible 0;
    ///   2 -> 30, 60 (and an infeasible point): mean 45, P10 33, P50 45, P90 57, infeasible 1/3.
    static let small = """
        point,demand,status,objective,shortfall_penalty
        0,1,optimal,10,0
        1,1,optimal,20,5
        2,2,optimal,30,0
        3,2,infeasible,,
        4,2,optimal,60,0

        """

    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    static func objective(_ group: [String: Any]) throws -> [String: Double] {
        let columns = try #require(group["columns"] as? [[String: Any]])
        let column = try #require(columns.first { $0["column"] as? String == "objective" })
        return column.compactMapValues { $0 as? Double }
    }

    /// A table too wide for the terminal (long column names beside seven numbers of up to 12
    /// characters) puts each column's name on a line of its own above its numbers: no name or
    /// number is cut, and every line fits the default 100 columns.
    @Test("summarize's table fits the terminal without cutting names or numbers")
    func summarizeNarrow() throws {
        let path = CLI.temporary("narrow.csv")
        let sweep = try CLI.lode(
            "sweep", "models/cobalt/model.yaml", "--policy", "crma-65", "--output", path,
            "--vary", "policies.crma-65.rules.single-country-cap.max=0.65:0.9:0.05")
        #expect(sweep.status == 0, "\(sweep.stderr)")
        let run = try CLI.lode("summarize", path)
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.allSatisfy { $0.count <= 100 }, "\(run.stdout)")
        #expect(lines.contains("shadow_price[single-country-cap]"), "\(run.stdout)")
        let wide = try CLI.lode("summarize", path, "--wide")
        #expect(wide.stdout.split(separator: "\n").contains { $0.hasPrefix("shadow_price[single-country-cap]  ") })
    }

    @Test("summarize equals a hand computation, over all points and by a varied path")
    func summarizeByHand() throws {
        let path = CLI.temporary("small.csv")
        try Self.small.write(toFile: path, atomically: true, encoding: .utf8)
        let all = try CLI.lode("summarize", path, "--format", "json")
        #expect(all.status == 0, "\(all.stderr)")
        let summary = try Self.json(all.stdout)
        #expect(summary["weighted"] as? Bool == false)
        let group = try #require((summary["groups"] as? [[String: Any]])?.first)
        #expect(group["points"] as? Int == 5)
        #expect(group["infeasible_share"] as? Double == 0.2)
        #expect(group["short_share"] as? Double == 0.2)
        let objective = try Self.objective(group)
        #expect(objective == ["count": 4, "mean": 30, "p10": 13, "p50": 25, "p90": 51, "min": 10, "max": 60])

        let by = try CLI.lode("summarize", path, "--by", "demand", "--format", "json")
        let groups = try #require(try Self.json(by.stdout)["groups"] as? [[String: Any]])
        #expect(groups.map { $0["value"] as? Double } == [1, 2])
        #expect(
            try Self.objective(groups[0]) == [
                "count": 2, "mean": 15, "p10": 11, "p50": 15, "p90": 19, "min": 10, "max": 20,
            ])
        #expect(
            try Self.objective(groups[1]) == [
                "count": 2, "mean": 45, "p10": 33, "p50": 45, "p90": 57, "min": 30, "max": 60,
            ])
        #expect(groups[0]["short_share"] as? Double == 0.5)
        #expect(abs((groups[1]["infeasible_share"] as? Double ?? 0) - 1.0 / 3) < 1e-12)

        let csv = try CLI.lode("summarize", path, "--by", "demand", "--format", "csv")
        #expect(csv.stdout.split(separator: "\n")[1] == "demand,1,2,2,0,0,0.5,objective,2,15,11,15,19,10,20")
        let table = try CLI.lode("summarize", path)
        #expect(table.stdout.contains("infeasible 20.0%, without a plan (any cause) 20.0%, short 20.0%"))

        let wrong = try CLI.lode("summarize", path, "--by", "price")
        #expect(wrong.status == 2)
        #expect(
            wrong.stderr
                == "error: --by price: not a varied path of \(path) (its varied paths: demand) (fix: give one of them, "
                + "or leave out --by)\n")
    }

    @Test("summarize weights by a probability column")
    func summarizeWeighted() throws {
        // Weights 0.1, 0.2, 0.3, 0.2, 0.2; objective 10 (0.1), 20 (0.2), 30 (0.3), 60 (0.2), total 0.8.
        // mean (1 + 4 + 9 + 12) / 0.8 = 32.5. Positions: weight below over 0.8 - 0.2 = 0.6: 0, 1/6, 1/2, 1.
        // P10: 0.1 / (1/6) = 0.6 of 10..20 = 16; P50 at 1/2 = 30; P90: 0.8 of 30..60 = 54.
        // Infeasible: 0.2 of weight 1; short: point 1, 0.2.
        let text =
            Self.small.split(separator: "\n").enumerated().map { index, line in
                let probability = ["probability", "0.1", "0.2", "0.3", "0.2", "0.2"][index]
                let cells = line.split(separator: ",", maxSplits: 2, omittingEmptySubsequences: false)
                return "\(cells[0]),\(cells[1]),\(probability),\(cells[2])"
            }.joined(separator: "\n") + "\n"
        let path = CLI.temporary("weighted.csv")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let run = try CLI.lode("summarize", path, "--format", "json")
        #expect(run.status == 0, "\(run.stderr)")
        let summary = try Self.json(run.stdout)
        #expect(summary["weighted"] as? Bool == true)
        let group = try #require((summary["groups"] as? [[String: Any]])?.first)
        let objective = try Self.objective(group)
        for (key, value) in ["mean": 32.5, "p10": 16, "p50": 30, "p90": 54, "min": 10, "max": 60] {
            #expect(abs((objective[key] ?? .nan) - value) < 1e-9, "\(key)")
        }
        #expect(abs((group["infeasible_share"] as? Double ?? 0) - 0.2) < 1e-12)
        #expect(abs((group["short_share"] as? Double ?? 0) - 0.2) < 1e-12)
    }

    @Test("merge --summary prints the merged sweep's summary")
    func mergeSummary() throws {
        let (folder, paths) = try Self.shards(2)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let run = try CLI.lode(["merge"] + paths + ["--output", "\(folder)/sweep.csv", "--summary"])
        #expect(run.status == 0)
        #expect(run.stdout.hasPrefix("\(folder)/sweep.csv: 16 points\n"))
        #expect(run.stdout.contains("objective"))
    }
}
