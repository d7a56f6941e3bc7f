import LodeLP
import Synchronization
import Testing

@testable import LodeSourcing

@Suite("stress and frontier")
struct StressFrontierTests {
    @Test("stress: the delivered share matches a hand-worked case")
    func stress() throws {
        // The survive-each plan of RuleTests: a 70 (CHN), b 20 (AUS) with 50 surge reserved, c 10 (CAN).
        // Losing CHN leaves b 20 + 50 surge and c 10: 80 of 100 delivered at 70 x 12 + 10 x 15 = 990.
        // Losing AUS leaves a 70 and c 10: 80 delivered at 700 + 150 = 850. Losing CAN leaves
        // a 70 and b 20 + 50: all 100 delivered, a 70 + b 30 at 700 + 360 = 1060.
        let model = try load(
            withPolicy(threeSuppliers, "p:\n  rules:\n    - { id: s, survive: { each: country }, coverage: 0.8 }")
        ).model
        let report = try StressTester.stress(model, policy: "p", selection: .eachCountry)
        #expect(report.cases.map(\.disruption) == ["lose CHN at supply", "lose AUS at supply", "lose CAN at supply"])
        #expect(report.cases.map { ($0.worstDelivered * 1e9).rounded() / 1e9 } == [0.8, 0.8, 1])
        #expect(report.cases.map(\.cost).enumerated().allSatisfy { isClose($0.element, [990, 850, 1060][$0.offset]) })
        #expect(isClose(report.cases[0].shortfall["metal"], 20))
    }

    @Test("stress: named scenarios with partial losses")
    func scenarios() throws {
        let yaml =
            threeSuppliers + """

                scenarios:
                  - { id: cn-half, loss: { country: { CHN: 0.5 } } }
                """
        // The baseline plan buys a 100 from CHN; half of it is lost: 50 delivered.
        let report = try StressTester.stress(try load(yaml).model, policy: nil, selection: .scenarios(["cn-half"]))
        #expect(report.cases.count == 1 && isClose(report.cases[0].worstDelivered, 0.5))
        #expect(throws: InvalidModelError.self) {
            try StressTester.stress(try load(yaml).model, policy: nil, selection: .scenarios(["nope"]))
        }
    }

    @Test(
        "frontier points run from the cheapest plan to the least X and are non-dominated",
        arguments: [FrontierBuilder.Measure.carbon, .hhi, .share("CHN")])
    func frontier(measure: FrontierBuilder.Measure) throws {
        let model = try ModelLoader.load(path: ShippedModelTests.path("cobalt")).model
        let frontier = try FrontierBuilder.build(model, policy: "crma-65", versus: measure, points: 6)
        #expect(frontier.points.count >= 3)
        #expect(
            isClose(
                frontier.points.first?.cost, try Planner.solve(model, policy: "crma-65").objective!, tolerance: 1e-9))
        for (a, b) in zip(frontier.points, frontier.points.dropFirst()) {
            #expect(b.value < a.value && b.cost > a.cost)  // less X always costs more: none dominates another
        }
        for point in frontier.points { #expect(point.value <= point.epsilon * (1 + 1e-6) + 1e-6) }
    }
}

extension StressFrontierTests {
    @Test("frontier: with a scripted solver (no GLPK) every solve sees the epsilon asked, in place or rebuilt")
    func scriptedFrontier() throws {
        let model = try load(withPolicy(threeSuppliers, "p:\n  rules: []")).model
        let seen = Mutex<[Double]>([])
        let solver = MockSolver { problem in
            let row = problem.model.rowNames.firstIndex { $0?.hasPrefix("rule[frontier-epsilon]") == true }!
            seen.withLock { $0.append(problem.model.rowUpper[row]) }
            return problem.solution(.optimal)
        }
        _ = try FrontierBuilder.build(model, policy: "p", versus: .carbon, points: 3, solver: solver)
        // The loosest carbon cap first (1 + 2 x 100 + 0.5 x 100 + 0.5 x 100); the scripted plans
        // emit nothing, so then the least cap, 0, for the bisection's floor and the two other points.
        #expect(seen.withLock { $0 } == [301, 0, 0, 0])
    }
}
