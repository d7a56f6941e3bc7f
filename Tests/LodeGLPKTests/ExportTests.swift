import Foundation
import LodeLP
import Testing

@testable import LodeGLPK

/// The independent path: export, then `glpsol` (GLPK's own command-line solver) on the file.
@Suite("Export to LP and MPS, solved again by glpsol")
struct ExportTests {
    func glpsolObjective(_ arguments: [String]) throws -> Double? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["glpsol"] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        // glpsol prints e.g. "+    12: mip =   2.300000000e+01 ..." and, in its report,
        // "Objective:  objective = 125 (MINimum)".
        guard let line = output.split(separator: "\n").first(where: { $0.hasPrefix("Objective:") }) else { return nil }
        let fields = line.split(separator: "=")
        guard fields.count >= 2 else { return nil }
        return Double(fields[1].split(separator: " ").first ?? "")
    }

    func temporaryFile(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("lode-\(UUID().uuidString)-\(name)").path
    }

    func solveWithGlpsol(_ format: ExportFormat, _ file: String, extra: [String] = []) throws -> Double? {
        let report = temporaryFile("report.txt")
        defer { try? FileManager.default.removeItem(atPath: report) }
        let formatFlag = format == .lp ? "--lp" : "--freemps"
        _ = try glpsolObjective([formatFlag, file, "-o", report] + extra)
        let text = try String(contentsOfFile: report, encoding: .utf8)
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("Objective:") }) else { return nil }
        return Double(line.split(separator: "=")[1].split(separator: " ").first ?? "")
    }

    @Test("LP and MPS exports of an LP give glpsol the same optimum", arguments: ExportFormat.allCases)
    func roundTrip(format: ExportFormat) throws {
        let instance = try ConformanceModels.RandomTransportation(sources: 6, sinks: 9, seed: 3)
        let problem = GLPKProblem(instance.model)
        let ours = try problem.solve()
        let file = temporaryFile("model.\(format.rawValue)")
        defer { try? FileManager.default.removeItem(atPath: file) }
        try problem.write(format, to: file)
        #expect(isClose(try solveWithGlpsol(format, file), ours.objectiveValue ?? .nan, tolerance: 1e-6))
    }

    @Test("a maximisation and a MIP survive export (MPS drops the sense, so glpsol is told --max)")
    func maximiseAndMIP() throws {
        let knapsack = try ConformanceModels.Knapsack()
        let problem = GLPKProblem(knapsack.model)
        let lpFile = temporaryFile("knapsack.lp")
        let mpsFile = temporaryFile("knapsack.mps")
        defer { for file in [lpFile, mpsFile] { try? FileManager.default.removeItem(atPath: file) } }
        try problem.write(.lp, to: lpFile)
        try problem.write(.mps, to: mpsFile)
        #expect(isClose(try solveWithGlpsol(.lp, lpFile), 23))
        #expect(isClose(try solveWithGlpsol(.mps, mpsFile, extra: ["--max"]), 23))
    }

    @Test("names GLPK would rewrite or reject are made valid and unique")
    func names() throws {
        var model = LinearModel()
        let a = try model.addVariable(name: "9 starts with a digit")
        let b = try model.addVariable(name: "a+b")
        let c = try model.addVariable(name: "a_b")
        let d = try model.addVariable(name: "é")
        try model.add(a + b + c + d >= 1, name: "share[CHN]<=0.25")
        try model.add(a + b <= 5, name: "share[CHN]<=0.25")
        try model.minimize(a + 2 * b + 3 * c + 4 * d)
        let problem = GLPKProblem(model)
        let file = temporaryFile("names.lp")
        defer { try? FileManager.default.removeItem(atPath: file) }
        try problem.write(.lp, to: file)
        let text = try String(contentsOfFile: file, encoding: .utf8)
        #expect(text.contains("_9_starts_with_a_digit"))
        #expect(text.contains("a_b~2"))
        #expect(text.contains("share(CHN)__0.25~2"))
        #expect(isClose(try solveWithGlpsol(.lp, file), 1))
        #expect(ExportNames.sanitize("cn-cap@refining") == "cn_cap@refining")
    }

    @Test("an unwritable path is a Swift error with GLPK's own message, and leaves no file")
    func unwritable() throws {
        let wyndor = try ConformanceModels.Wyndor()
        let problem = GLPKProblem(wyndor.model)
        let message = "Unable to create '/nonexistent/folder/model.lp' - No such file or directory"
        #expect(throws: SolverError.exportFailed(path: "/nonexistent/folder/model.lp", format: .lp, message: message)) {
            try problem.write(.lp, to: "/nonexistent/folder/model.lp")
        }
        let error = #expect(throws: SolverError.self) { try problem.write(.mps, to: "/nonexistent/folder/model.mps") }
        #expect(error?.description.contains("(Unable to create '/nonexistent/folder/model.mps' - ") == true)
    }
}
