import Foundation
import Testing

@testable import LodeSourcing

/// The models in models/ are what a planner runs first: every policy of every one is solved
/// and its plan checked against the rules it claims to meet.
@Suite("Shipped models solve as documented")
struct ShippedModelTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let models = ["lithium", "cobalt", "nickel", "rare-earths", "graphite", "battery-materials"]
    static let policies = ["baseline", "crma-65", "friend-shoring", "strict-esg", "resilient", "impossible"]

    static func path(_ model: String) -> String { root.appendingPathComponent("models/\(model)/model.yaml").path }

    @Test("every model loads without warnings and offers the six policies", arguments: models)
    func loads(model: String) throws {
        let loaded = try ModelLoader.load(path: Self.path(model))
        #expect(loaded.warnings.isEmpty, "\(loaded.warnings)")
        #expect(loaded.model.policies.map(\.id) == Self.policies)
        #expect(!loaded.model.sources.isEmpty)
    }

    @Test("every policy is optimal except the one infeasible on purpose, and meets its rules", arguments: models)
    func solves(model: String) throws {
        let loaded = try ModelLoader.load(path: Self.path(model)).model
        var objectives: [String: Double] = [:]
        for policy in Self.policies {
            let plan = try Planner.solve(loaded, policy: policy)
            if policy == "impossible" {
                #expect(plan.status == .infeasible, "\(model)/\(policy)")
                continue
            }
            #expect(plan.status == .optimal, "\(model)/\(policy)")
            objectives[policy] = plan.objective
            let costs = try #require(plan.costs)
            // The parts add up to the objective.
            let parts =
                costs.purchase + costs.freight + costs.tariffs + costs.carbonPenalty + costs.sustainabilityPenalty
                + costs.laborPenalty + costs.surgeFees + costs.shortfallPenalty
            #expect(isClose(parts, costs.objective, tolerance: 1e-9), "\(model)/\(policy)")
            for commodity in loaded.commodities {
                let last = try #require(plan.scope(commodity.id, commodity.lastStage))
                #expect(
                    isClose(last.total, commodity.demand, tolerance: 1e-9),
                    "\(model)/\(policy): demand of \(commodity.id)")
            }
            for scope in plan.scopes {
                let share = scope.shares.values.max() ?? 0
                switch policy {
                case "crma-65", "friend-shoring", "resilient":
                    #expect(
                        share <= 0.65 + 1e-9, "\(model)/\(policy): \(scope.commodity)/\(scope.stage) top share \(share)"
                    )
                case "strict-esg":
                    #expect(scope.hhi <= 5000 + 1e-6, "\(model)/\(policy): HHI \(scope.hhi)")
                default:
                    break
                }
                if policy == "friend-shoring" {
                    #expect((scope.shares["CHN"] ?? 0) <= 0.5 + 1e-9)
                }
            }
            for supplier in plan.suppliers {
                #expect(supplier.volume <= supplier.capacity * (1 + 1e-9) + 1e-9, "\(model)/\(policy): \(supplier.id)")
            }
        }
        // Each added rule can only raise the cost of the policy it extends.
        #expect(objectives["baseline"]! <= objectives["crma-65"]! + 1e-6)
        #expect(objectives["crma-65"]! <= objectives["friend-shoring"]! + 1e-6)
        #expect(objectives["crma-65"]! <= objectives["resilient"]! + 1e-6)
    }

    @Test(
        "models/README.md gives each model's true supplier count", arguments: models + TimeModelTests.models)
    func readmeCounts(model: String) throws {
        let readme = try String(contentsOf: Self.root.appendingPathComponent("models/README.md"), encoding: .utf8)
        let row = try #require(readme.split(separator: "\n").first { $0.hasPrefix("| `\(model)/` |") })
        let cells = row.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
        let loaded = try ModelLoader.load(path: Self.path(model)).model
        #expect(cells.count > 3 && Int(cells[3]) == loaded.suppliers.count, "\(row)")
    }

    @Test("the strict-ESG plan excludes artisanal supply and meets the labor floor")
    func strictESG() throws {
        let model = try ModelLoader.load(path: Self.path("cobalt")).model
        let plan = try Planner.solve(model, policy: "strict-esg")
        #expect(plan.volume("cod-co-mining-artisanal") == 0)
        #expect((plan.scope("cobalt", "refining")?.averageLabor ?? 0) >= 0.4 - 1e-9)
        #expect(plan.costs!.carbonPenalty > 0 && plan.costs!.laborPenalty > 0)
    }

    @Test("the resilient plan keeps 60% of refining after losing any one country")
    func resilience() throws {
        let model = try ModelLoader.load(path: Self.path("lithium")).model
        let plan = try Planner.solve(model, policy: "resilient")
        let refiners = plan.suppliers.filter { $0.stage == "refining" }
        let total = refiners.reduce(0) { $0 + $1.volume }
        for country in Set(refiners.map(\.country)) {
            let kept = refiners.filter { $0.country != country }.reduce(0) { $0 + $1.volume + $1.reservedSurge }
            #expect(kept >= 0.6 * total - 1e-6, "losing \(country)")
        }
    }
}
