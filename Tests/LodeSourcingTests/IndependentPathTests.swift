import Foundation
import Testing

@testable import LodeSourcing

/// The program Lode builds, exported and solved by GLPK's own glpsol, gives the objective that
/// `solve` reports: the formulation is what it says, not an artefact of the Swift wrapper.
@Suite("Exported programs solved by glpsol agree with lode solve")
struct IndependentPathTests {
    static func glpsol(_ file: String) throws -> Double? {
        let report = file + ".txt"
        defer { try? FileManager.default.removeItem(atPath: report) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["glpsol", "--lp", file, "-o", report]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let text = try String(contentsOfFile: report, encoding: .utf8)
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("Objective:") }) else { return nil }
        return Double(line.split(separator: "=")[1].split(separator: " ").first ?? "")
    }

    @Test(
        "each policy of the battery-materials and rare-earths models",
        arguments: [
            ("battery-materials", "friend-shoring"), ("battery-materials", "strict-esg"),
            ("battery-materials", "resilient"),
            ("rare-earths", "crma-65"), ("cobalt", "strict-esg"),
        ])
    func agrees(model: String, policy: String) throws {
        let (glpsol, lode) = try Self.objectives(model: model, policy: policy)
        #expect(isClose(glpsol, lode ?? .nan, tolerance: 1e-6))
    }

    /// The objective glpsol finds on the program `lode export` writes for a shipped model's policy,
    /// and the one `lode solve` reports.
    static func objectives(model: String, policy: String) throws -> (glpsol: Double?, lode: Double?) {
        let loaded = try ModelLoader.load(path: ShippedModelTests.path(model)).model
        let formulation = try Formulation(model: loaded, policy: try Planner.policy(policy, of: loaded))
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("lode-\(UUID().uuidString).lp").path
        defer { try? FileManager.default.removeItem(atPath: file) }
        try formulation.write(.lp, to: file)
        return (try glpsol(file), try Planner.solve(loaded, policy: policy).objective)
    }
}
