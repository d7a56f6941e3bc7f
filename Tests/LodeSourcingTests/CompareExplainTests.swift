import Foundation
import Testing
@testable import LodeSourcing

@Suite("compare and explain")
struct CompareExplainTests {
    @Test("the price of a policy equals the difference of two solves")
    func price() throws {
        let model = try ModelLoader.load(path: ShippedModelTests.path("lithium")).model
        let comparison = try Comparer.compare(model, policies: ["baseline", "friend-shoring", "impossible"], jobs: 2)
        #expect(comparison.columns.map(\.policy) == ["baseline", "friend-shoring", "impossible"])
        let baseline = try Planner.solve(model, policy: "baseline").objective!
        let friend = try Planner.solve(model, policy: "friend-shoring").objective!
        #expect(isClose(comparison.columns[1].price, friend - baseline, tolerance: 1e-9))
        #expect(comparison.columns[2].plan.status == .infeasible)
        #expect(comparison.columns[2].conflict?.isEmpty == false)
    }

    /// Solves `policy` with only the rules in `keep` (by id), the rest dropped.
    func status(_ model: SourcingModel, policy: String, keep: Set<String>) throws -> PlanStatus {
        var trimmed = model
        let position = trimmed.policies.firstIndex { $0.id == policy }!
        trimmed.policies[position].rules.removeAll { !keep.contains($0.id) }
        return try Planner.solve(trimmed, policy: policy).status
    }

    @Test("the conflict set is infeasible and each strict subset is feasible", arguments: ["cobalt", "nickel", "graphite", "lithium"])
    func conflictIsIrreducible(model name: String) throws {
        let model = try ModelLoader.load(path: ShippedModelTests.path(name)).model
        let explanation = try Explainer.explain(model, policy: "impossible")
        let conflict = try #require(explanation.conflict)
        #expect(!conflict.isEmpty)
        #expect(try status(model, policy: "impossible", keep: Set(conflict)) == .infeasible)
        for dropped in conflict {
            #expect(try status(model, policy: "impossible", keep: Set(conflict).subtracting([dropped])) == .optimal, "without \(dropped)")
        }
    }

    @Test("applying the least relaxation makes the policy feasible", arguments: ["cobalt", "nickel", "rare-earths", "battery-materials"])
    func relaxationWorks(model name: String) throws {
        let loaded = try ModelLoader.load(path: ShippedModelTests.path(name))
        let explanation = try Explainer.explain(loaded.model, policy: "impossible")
        #expect(!explanation.leastRelaxation.isEmpty)
        // One bound per rule: the loosest of its rows' relaxations.
        var loosest: [String: Relaxation] = [:]
        for relaxation in explanation.leastRelaxation where relaxation.supplier == nil {
            let key = "\(relaxation.rule).\(relaxation.bound)"
            if let seen = loosest[key], let a = seen.to, let b = relaxation.to {
                loosest[key] = (relaxation.bound == "max") == (b > a) ? relaxation : seen
            } else {
                loosest[key] = relaxation
            }
        }
        let overrides = loosest.values.map { Override(path: "policies.impossible.rules.\($0.rule).\($0.bound)", value: $0.to!) }
        let relaxed = try ModelLoader.decode(loaded.tree, file: loaded.model.file, overrides: overrides).model
        #expect(try Planner.solve(relaxed, policy: "impossible").status == .optimal)
    }

    @Test("a single conflicting rule's own relaxation, stated in its terms")
    func alternatives() throws {
        let yaml = withPolicy(threeSuppliers, """
            tight:
              rules:
                - { id: cn-cap, share: { country: CHN }, max: 0.2, priority: 1 }
                - { id: allied-cap, share: { group: allied }, max: 0.6, priority: 2 }
            """)
        let model = try load(yaml).model
        let explanation = try Explainer.explain(model, policy: "tight")
        #expect(explanation.conflict == ["cn-cap", "allied-cap"])
        // 0.2 + 0.6 < 1: either CHN may take 40% or allied 80%.
        #expect(explanation.alternatives.map(\.statement) == [
            "raise cn-cap at metal/supply from 0.2 to 0.4",
            "raise allied-cap at metal/supply from 0.6 to 0.8",
        ])
        // Priorities: allied-cap (2) is relaxed before cn-cap (1).
        #expect(explanation.leastRelaxation.map(\.rule) == ["allied-cap"])
    }

    @Test("physical infeasibility has an empty conflict set")
    func physical() throws {
        let model = try load(threeSuppliers, overrides: [Override(path: "commodities.metal.demand", value: 500)]).model
        #expect(try Explainer.explain(model, policy: nil).conflict == [])
    }

    @Test("a binding rule's cost is the objective with it minus without it; suppliers' entry costs")
    func feasible() throws {
        let model = try ModelLoader.load(path: ShippedModelTests.root.appendingPathComponent("docs/examples/constructs.yaml").path).model
        let explanation = try Explainer.explain(model, policy: "share-cap")
        let rule = try #require(explanation.bindingRules.first)
        let with = try Planner.solve(model, policy: "share-cap").objective!
        let without = try Planner.solve(model, policy: "baseline").objective!
        #expect(rule.rule == "cn-cap" && isClose(rule.cost, with - without))
        // idn-weda (22,000) enters below 21,000: where it matches cod-kamoto, the marginal miner.
        #expect(isClose(explanation.unusedSuppliers.first { $0.supplier == "idn-weda" }?.enterBelow, 21000))
    }

    @Test("compare keeps an invalid policy's column with its first error and solves the rest")
    func invalidColumn() throws {
        // Before: the model did not load at all.
        let model = try load(ValidationTests.oneBadPolicy).model
        let comparison = try Comparer.compare(model, jobs: 2)
        #expect(comparison.columns.map(\.policy) == ["baseline", "tight", "stricter", "strictest"])
        #expect(comparison.columns.map(\.plan.status) == [.optimal, .invalid, .invalid, .invalid])
        let error = try #require(comparison.columns[1].error)
        #expect(error.hasSuffix("model.yaml:16:9: policies.tight.rules[cap].max: no HHI cap below 500 can be met: the "
            + "piecewise-linear bound with hhi_segments = 20 counts every source as at least 1/20 of the volume"))
        #expect(comparison.columns[2].error?.hasSuffix(
            "policies.stricter.extends: the parent policy 'tight' is invalid, so this policy is too") == true)
        #expect(comparison.columns[0].error == nil && isClose(comparison.columns[0].plan.objective, 1000))
        let only = try Comparer.compare(model, policies: ["tight", "baseline"])
        #expect(only.columns.map(\.plan.status) == [.invalid, .optimal] && only.columns[1].price == nil)
        #expect(throws: PlannerError.unknownPolicy("nope", available: model.allPolicyIDs)) {
            try Comparer.compare(model, policies: ["baseline", "nope"])
        }
    }

}
