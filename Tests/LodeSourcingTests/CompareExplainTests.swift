import Foundation
import LodeLP
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

    @Test(
        "the conflict set is infeasible and each strict subset is feasible",
        arguments: ["cobalt", "nickel", "graphite", "lithium"])
    func conflictIsIrreducible(model name: String) throws {
        let model = try ModelLoader.load(path: ShippedModelTests.path(name)).model
        let explanation = try Explainer.explain(model, policy: "impossible")
        let conflict = try #require(explanation.conflict)
        #expect(!conflict.isEmpty)
        #expect(try status(model, policy: "impossible", keep: Set(conflict)) == .infeasible)
        for dropped in conflict {
            #expect(
                try status(model, policy: "impossible", keep: Set(conflict).subtracting([dropped])) == .optimal,
                "without \(dropped)")
        }
    }

    @Test(
        "applying the least relaxation makes the policy feasible",
        arguments: ["cobalt", "nickel", "rare-earths", "battery-materials"])
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
        let overrides = loosest.values.map {
            Override(path: "policies.impossible.rules.\($0.rule).\($0.bound)", value: $0.to!)
        }
        let relaxed = try ModelLoader.decode(loaded.tree, file: loaded.model.file, overrides: overrides).model
        #expect(try Planner.solve(relaxed, policy: "impossible").status == .optimal)
    }

    @Test("a single conflicting rule's own relaxation, stated in its terms")
    func alternatives() throws {
        let yaml = withPolicy(
            threeSuppliers,
            """
            tight:
              rules:
                - { id: cn-cap, share: { country: CHN }, max: 0.2, priority: 1 }
                - { id: allied-cap, share: { group: allied }, max: 0.6, priority: 2 }
            """)
        let model = try load(yaml).model
        let explanation = try Explainer.explain(model, policy: "tight")
        #expect(explanation.conflict == ["cn-cap", "allied-cap"])
        // 0.2 + 0.6 < 1: either CHN may take 40% or allied 80%.
        #expect(
            explanation.alternatives.map(\.statement) == [
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
        let model = try ModelLoader.load(
            path: ShippedModelTests.root.appendingPathComponent("docs/examples/constructs.yaml").path
        ).model
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
        #expect(
            error.hasSuffix(
                "model.yaml:16:9: policies.tight.rules[cap].max: no HHI cap below 500 can be met: the "
                    + "piecewise-linear bound with hhi_segments = 20 counts every source as at least 1/20 of the volume"
            ))
        #expect(
            comparison.columns[2].error?.hasSuffix(
                "policies.stricter.extends: the parent policy 'tight' is invalid, so this policy is too") == true)
        #expect(comparison.columns[0].error == nil && isClose(comparison.columns[0].plan.objective, 1000))
        let only = try Comparer.compare(model, policies: ["tight", "baseline"])
        #expect(only.columns.map(\.plan.status) == [.invalid, .optimal] && only.columns[1].price == nil)
        #expect(throws: PlannerError.unknownPolicy("nope", available: model.allPolicyIDs)) {
            try Comparer.compare(model, policies: ["baseline", "nope"])
        }
    }

    /// A generated policy of `rules` rules on 40 countries of 10 suppliers: slack supplier caps,
    /// and three country floors of 40% (any two can hold, not all three) spread among them.
    static func manyRules(_ rules: Int) -> String {
        var yaml = "name: Many rules\ncommodities:\n  - { id: metal, demand: 1000 }\ncountries:\n"
        for country in 0..<40 { yaml += "  - { id: C\(country), groups: [g\(country % 2)], governance: 0.5 }\n" }
        yaml += "suppliers:\n"
        for supplier in 0..<400 {
            yaml +=
                "  - { id: s\(supplier), commodity: metal, country: C\(supplier % 40), capacity: 100, "
                + "cost: \(10 + supplier % 7) }\n"
        }
        yaml += "policies:\n  tight:\n    rules:\n"
        let floors = [rules / 4: 1, rules / 2: 2, 3 * rules / 4: 3]
        for rule in 0..<rules {
            if let floor = floors[rule] {
                yaml += "      - { id: floor-\(floor), share: { country: C\(floor) }, min: 0.4 }\n"
            } else {
                yaml +=
                    "      - { id: cap-\(rule), share: { supplier: s\(rule % 400) }, max: 0.5, "
                    + "priority: \(1 + rule % 3) }\n"
            }
        }
        return yaml
    }

    @Test("a 1,000-rule infeasible policy: the minimal conflict among them, and each of its rules relaxed alone")
    func thousandRules() throws {
        let model = try load(Self.manyRules(1000)).model
        let explanation = try Explainer.explain(model, policy: "tight")
        #expect(explanation.conflict == ["floor-1", "floor-2", "floor-3"])
        #expect(!explanation.partial && explanation.note == nil && explanation.otherConflicts.isEmpty)
        #expect(
            explanation.alternatives.map(\.statement) == [
                "lower floor-1 at metal/supply from 0.4 to 0.2",
                "lower floor-2 at metal/supply from 0.4 to 0.2",
                "lower floor-3 at metal/supply from 0.4 to 0.2",
            ])
        #expect(explanation.leastRelaxation.map(\.rule) == ["floor-1"])
    }

    @Test("under a tiny time limit the answer is partial, says so, and its rules still conflict")
    func partial() throws {
        let model = try load(Self.manyRules(1000)).model
        let explanation = try Explainer.explain(model, policy: "tight", options: PlanOptions(), searchSeconds: 0.001)
        #expect(explanation.status == .infeasible)
        #expect(explanation.partial)
        let note = try #require(explanation.note)
        #expect(note.hasPrefix("search stopped after "), "\(note)")
        #expect(note.hasSuffix(": these rules conflict, the set may not be minimal"), "\(note)")
        let conflict = try #require(explanation.conflict)
        #expect(Set(["floor-1", "floor-2", "floor-3"]).isSubset(of: Set(conflict)))
        #expect(try status(model, policy: "tight", keep: Set(conflict)) == .infeasible)
        // The JSON says it too.
        let json = String(decoding: try JSONEncoder().encode(explanation), as: UTF8.self)
        #expect(json.contains("\"partial\":true") && json.contains("\"note\":\"search stopped after "))
    }

    @Test(
        "conflicts apart from the first are listed, and no rule of the first is said to fix it alone",
        arguments: ["cobalt", "graphite", "rare-earths", "battery-materials"])
    func otherConflicts(model name: String) throws {
        let model = try ModelLoader.load(path: ShippedModelTests.path(name)).model
        let explanation = try Explainer.explain(model, policy: "impossible")
        #expect(explanation.conflict == ["allied-only"])
        #expect(explanation.otherConflicts == [["cn-ban"]])
        #expect(try status(model, policy: "impossible", keep: ["cn-ban"]) == .infeasible)
        #expect(
            explanation.alternatives.map(\.statement) == [
                "relaxing allied-only alone is not enough: cn-ban conflicts too, apart from it (see the least relaxation)"
            ])
        // The least relaxation relaxes a rule of every conflict.
        let relaxed = Set(explanation.leastRelaxation.map(\.rule))
        #expect(relaxed.contains("allied-only") && relaxed.contains("cn-ban"))
    }

    @Test("a rule whose relaxation alone is not enough names the rules that still conflict without it")
    func overlapping() throws {
        // Any two floors of 60% exceed 100%: {a, b} is the conflict found, and without either of
        // them the other one and c still conflict.
        let yaml = withPolicy(
            threeSuppliers,
            """
            tight:
              rules:
                - { id: a-floor, share: { country: CHN }, min: 0.6 }
                - { id: b-floor, share: { country: AUS }, min: 0.6 }
                - { id: c-floor, share: { country: CAN }, min: 0.6 }
            """)
        let explanation = try Explainer.explain(try load(yaml).model, policy: "tight")
        #expect(explanation.conflict == ["a-floor", "b-floor"])
        #expect(explanation.otherConflicts.isEmpty)
        let see = " (see the least relaxation)"
        #expect(
            explanation.alternatives.map(\.statement) == [
                "relaxing a-floor alone is not enough: without it, b-floor, c-floor still conflict" + see,
                "relaxing b-floor alone is not enough: without it, a-floor, c-floor still conflict" + see,
            ])
    }
}

extension CompareExplainTests {
    /// Three share caps; a scripted solver finds the policy infeasible exactly while `conflict` are on.
    static let threeCaps = withPolicy(
        threeSuppliers,
        """
        p:
          rules:
            - { id: cap-a, share: { country: CHN }, max: 0.5 }
            - { id: cap-b, share: { country: AUS }, max: 0.5 }
            - { id: cap-c, share: { country: CAN }, max: 0.5 }
        """)

    @Test("the planner maps a scripted solver's terminations to plan statuses, ranging only an optimum (no GLPK)")
    func scriptedPlanner() throws {
        let model = try load(Self.threeCaps).model
        for (termination, status) in [(TerminationStatus.infeasible, PlanStatus.infeasible), (.optimal, .optimal)] {
            let solver = MockSolver { $0.solution(termination) }
            let plan = try Planner.solve(model, policy: "p", solver: solver)
            #expect(plan.status == status)
            let ranged = solver.calls.filter { if case .rowRange = $0 { return true } else { return false } }
            // An optimum: one range per rule row (one per cap here); otherwise none.
            #expect(ranged.count == (termination == .optimal ? 3 : 0))
            #expect(solver.solvesPerProblem == [1])
        }
    }

    @Test("explain's search solves the expected number of times on a scripted conflict (no GLPK)")
    func scriptedConflict() throws {
        let model = try load(Self.threeCaps).model
        let formulation = try Formulation(model: model, policy: try Planner.policy("p", of: model))
        let rows = { (id: String) in formulation.rules.first { $0.rule.id == id }!.rows.map(\.constraint) }
        let (a, c) = (rows("cap-a"), rows("cap-c"))
        let solver = MockSolver { problem in
            // The elastic program (violation columns) relaxes nothing; the others conflict on cap-a and cap-c.
            if problem.model.columnNames.contains("violation_0") { return problem.solution(.optimal) }
            let conflict = (a + c).allSatisfy { problem.isOn($0) }
            return problem.solution(conflict ? .infeasible : .optimal)
        }
        let explanation = try Explainer.explain(model, policy: "p", solver: solver)
        #expect(explanation.status == .infeasible)
        #expect(explanation.conflict == ["cap-a", "cap-c"])
        #expect(explanation.otherConflicts.isEmpty && !explanation.partial)
        // The plan: 1 solve. The search, in the order cap-c, cap-b, cap-a: the physical model alone,
        // then each rule off in turn (3), then the rest (cap-b) alone: 5. The elastic program: the
        // least relaxation, then each conflicting rule alone: 3.
        #expect(solver.solvesPerProblem == [1, 5, 3])
    }
}
