import Foundation
import Testing

@testable import LodeSourcing

/// The examples in docs/ run: every policy of docs/examples/constructs.yaml solves, and each rule
/// it demonstrates binds (so the example shows what it says).
@Suite("Documentation examples run")
struct DocumentationTests {
    static let constructs = ShippedModelTests.root.appendingPathComponent("docs/examples/constructs.yaml").path

    @Test("every construct's policy solves with its rule binding")
    func constructs() throws {
        let model = try ModelLoader.load(path: Self.constructs).model
        #expect(model.policies.count == 19)
        for policy in model.policies {
            let plan = try Planner.solve(model, policy: policy.id)
            #expect(plan.status == .optimal, "\(policy.id)")
            #expect(plan.shortfalls.allSatisfy { $0.unmet == 0 }, "\(policy.id)")
            if let first = policy.rules.last, policy.id != "diversified" {
                #expect(plan.rule(first.id)?.binding == true, "\(policy.id): \(first.id)")
            }
        }
    }

    @Test("CHANGELOG.md's newest numbered version is the one lode --version prints")
    func changelogVersion() throws {
        let changelog = try String(
            contentsOf: ShippedModelTests.root.appendingPathComponent("CHANGELOG.md"),
            encoding: .utf8)
        let heading = try #require(
            changelog.split(separator: "\n").first {
                $0.hasPrefix("## ") && $0.dropFirst(3).first?.isNumber == true
            })
        #expect(heading.dropFirst(3).split(separator: " ").first.map(String.init) == LodeVersion.version)
    }

    @Test("routes and minimum orders")
    func routes() throws {
        let path = ShippedModelTests.root.appendingPathComponent("docs/examples/routes-and-min-orders.yaml").path
        let model = try ModelLoader.load(path: path).model
        let plan = try Planner.solve(model, policy: "us-refining")
        #expect(plan.solver.mip)
        // tianqi 400 (fed by greenbushes at 5000 + 400), albemarle 200 (its min order, fed by atacama at
        // 6000 + 250): 400 x 3000 + 200 x 4000 + 440 x 5400 + 240 x 6250 = 5,876,000.
        #expect(isClose(plan.objective, 5_876_000))
    }
}
