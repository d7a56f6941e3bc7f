import Foundation
import Testing

/// The `lode` binary as a planner runs it: exit codes, formats, files written whole or not at all.
@Suite("lode on the command line")
struct CLITests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    struct Run {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    static func lode(_ arguments: String...) throws -> Run {
        let binary = Bundle.main.bundleURL.appendingPathComponent("lode")
        let process = Process()
        process.executableURL = FileManager.default.fileExists(atPath: binary.path)
            ? binary : root.appendingPathComponent(".build/debug/lode")
        process.arguments = arguments
        process.currentDirectoryURL = root
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                   stderr: String(decoding: stderr, as: UTF8.self))
    }

    static func temporary(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("lode-cli-\(UUID().uuidString)-\(name)").path
    }

    @Test("solve prints the plan, its concentration and the rules' shadow prices")
    func solveTable() throws {
        let run = try Self.lode("solve", "models/battery-materials/model.yaml", "--policy", "friend-shoring")
        #expect(run.status == 0)
        for heading in ["Status: optimal", "Cost (USD)", "Plan (suppliers used)", "Concentration and ESG per stage", "Rules"] {
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
        for key in ["status", "objective", "costs", "suppliers", "scopes", "rules"] { #expect(object[key] != nil, "\(key)") }
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
        #expect(lines.first == "policy,status,supplier,commodity,stage,country,volume,share,capacity,reserved_surge,unit_cost")
        #expect(lines.count > 5)
    }

    @Test("--set changes the model from the command line")
    func overrides() throws {
        let base = try Self.lode("solve", "models/cobalt/model.yaml", "--format", "json")
        let more = try Self.lode("solve", "models/cobalt/model.yaml", "--format", "json", "--set", "commodities.cobalt.demand=9000")
        #expect(base.status == 0 && more.status == 0)
        func objective(_ text: String) throws -> Double {
            try #require((try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])?["objective"] as? Double)
        }
        #expect(try objective(more.stdout) > objective(base.stdout))
    }

    @Test("exit codes: 2 for bad input, 3 for an infeasible policy")
    func exitCodes() throws {
        let bad = Self.temporary("bad.yaml")
        try "commodities:\n  - { id: metal, demand: -1 }\nsuppliers: []\n".write(toFile: bad, atomically: true, encoding: .utf8)
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
        #expect(try Self.lode("solve", "models/lithium/model.yaml", "--set", "nothing.here=1", "--output", failed).status == 2)
        #expect(!FileManager.default.fileExists(atPath: failed))
    }

    @Test("export writes an LP that glpsol solves to the same objective")
    func export() throws {
        let file = Self.temporary("model.lp")
        #expect(try Self.lode("export", "models/graphite/model.yaml", "--policy", "resilient", "--output", file).status == 0)
        let text = try String(contentsOfFile: file, encoding: .utf8)
        #expect(text.contains("rule(lose_any_country)(graphite/processing)(CHN)"))
        let report = Self.temporary("glpsol.txt")
        let glpsol = Process()
        glpsol.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        glpsol.arguments = ["glpsol", "--lp", file, "-o", report]
        glpsol.standardOutput = FileHandle.nullDevice
        try glpsol.run()
        glpsol.waitUntilExit()
        let line = try #require(try String(contentsOfFile: report, encoding: .utf8).split(separator: "\n").first { $0.hasPrefix("Objective:") })
        let theirs = try #require(Double(line.split(separator: "=")[1].split(separator: " ")[0]))
        let solved = try Self.lode("solve", "models/graphite/model.yaml", "--policy", "resilient", "--format", "json")
        let ours = try #require((try JSONSerialization.jsonObject(with: Data(solved.stdout.utf8)) as? [String: Any])?["objective"] as? Double)
        #expect(abs(theirs - ours) <= 1e-6 * ours)
    }

    @Test("help shows examples that run")
    func help() throws {
        let help = try Self.lode("--help")
        #expect(help.stdout.contains("lode solve models/battery-materials/model.yaml --policy friend-shoring"))
        for line in help.stdout.split(separator: "\n") where line.trimmingCharacters(in: .whitespaces).hasPrefix("lode solve") {
            let words = line.trimmingCharacters(in: .whitespaces).split(separator: " ").dropFirst().map(String.init)
            let process = try Self.lode(arguments: words)
            #expect(process.status == 0, "\(line)")
        }
    }

    static func lode(arguments: [String]) throws -> Run {
        switch arguments.count {
        default:
            let binary = Bundle.main.bundleURL.appendingPathComponent("lode")
            let process = Process()
            process.executableURL = FileManager.default.fileExists(atPath: binary.path) ? binary : root.appendingPathComponent(".build/debug/lode")
            process.arguments = arguments
            process.currentDirectoryURL = root
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            return Run(status: process.terminationStatus, stdout: "", stderr: "")
        }
    }
}
