// Sweep designs (grid, Latin hypercube, random), continuous ranges, and overlays: points
// stratified and reproducible, overlay files read with located errors, overlay rows equal to
// solves with the same changes.
import Foundation
import Testing

@testable import LodeSourcing

@Suite("Sweep designs and overlays")
struct SweepDesignTests {
    static let battery = ShippedModelTests.path("battery-materials")
    static let scenarios = ShippedModelTests.root.appendingPathComponent("models/battery-materials/scenarios").path

    /// The stratum (0 to count - 1) of a value of a continuous axis from `from` to `to`.
    static func stratum(_ value: Double, from: Double, to: Double, count: Int) -> Int {
        Int(((value - from) / (to - from) * Double(count)).rounded(.down))
    }

    @Test(
        "a Latin hypercube hits each of the N strata of each continuous axis exactly once", arguments: [1, 7, 50, 1000])
    func stratified(count: Int) throws {
        let axes = [
            try SweepAxis(parsing: "a=0:1"), try SweepAxis(parsing: "b=2500:3500"), try SweepAxis(parsing: "c=10:-10"),
        ]
        let points = SweepPoints.latinHypercube(axes, count: count, seed: 11)
        #expect(points.values.count == count)
        for (index, axis) in axes.enumerated() {
            let strata = points.values.map {
                Self.stratum($0[index], from: axis.values[0], to: axis.values[1], count: count)
            }
            #expect(strata.sorted() == Array(0..<count), "axis \(axis.path)")
        }
    }

    @Test("a stepped range or a list under lhs uses each of its L levels N/L times (N a multiple of L)")
    func levels() throws {
        let list = try SweepAxis(parsing: "x=5,1,3,2")
        let stepped = try SweepAxis(parsing: "y=0:1:0.25")
        let points = SweepPoints.latinHypercube([list, stepped], count: 20, seed: 3)
        for (index, axis) in [list, stepped].enumerated() {
            let counts = Dictionary(grouping: points.values.map { $0[index] }, by: { $0 }).mapValues(\.count)
            #expect(Set(counts.keys) == Set(axis.values), "axis \(axis.path)")
            #expect(counts.values.allSatisfy { $0 == 20 / axis.values.count }, "axis \(axis.path): \(counts)")
        }
        // Fewer points than levels: stratum k picks position floor((k + 1/2) * L / N), spread out.
        let two = SweepPoints.latinHypercube([try SweepAxis(parsing: "z=0:10:1")], count: 2, seed: 1)
        #expect(Set(two.values.map { $0[0] }) == [2, 8])
    }

    @Test("the same seed gives the same points (these, on every platform); another seed other points")
    func reproducible() throws {
        let axes = [
            try SweepAxis(parsing: "commodities.lithium.demand=2000:4000"),
            try SweepAxis(parsing: "policies.crma-65.rules.single-country-cap.max=0.5,0.6,0.7,0.8"),
        ]
        let first = SweepPoints.latinHypercube(axes, count: 4, seed: 42)
        #expect(first.values == SweepPoints.latinHypercube(axes, count: 4, seed: 42).values)
        #expect(first.values != SweepPoints.latinHypercube(axes, count: 4, seed: 43).values)
        // SplitMix64 and integer arithmetic alone: the same numbers wherever Lode runs.
        let expected: [(Double, Double)] = [
            (3109.202597, 0.7), (2400.315938, 0.8), (3669.965519, 0.6), (2809.241033, 0.5),
        ]
        for (point, (demand, cap)) in zip(first.values, expected) {
            #expect(isClose(point[0], demand, tolerance: 1e-9) && point[1] == cap, "\(point)")
        }
    }

    @Test("FROM:TO is a continuous range: drawn anywhere by lhs and random, an error with a fix for a grid")
    func continuous() throws {
        let axis = try SweepAxis(parsing: "commodities.lithium.demand=2500:3500")
        #expect(axis.continuous && axis.values == [2500, 3500])
        #expect(try !SweepAxis(parsing: "a=0:1:0.5").continuous)
        let random = try SweepPoints.make([axis], design: .random, samples: 200, seed: 5)
        let drawn = random.values.map { $0[0] }
        #expect(drawn.allSatisfy { (2500...3500).contains($0) })
        #expect(Set(drawn).count == 200, "draws fall between the ends, not on them")
        let error = #expect(throws: InvalidModelError.self) {
            try SweepPoints.make([axis], design: .grid, samples: nil, seed: 1)
        }
        #expect(
            error?.description
                == "--vary:1:1: error: commodities.lithium.demand: the range 2500:3500 has no step, so a grid "
                + "cannot list its values (fix: give a step (commodities.lithium.demand=2500:3500:STEP), or draw "
                + "points from it with --design lhs --samples N (or --design random))")
        // The random design of stepped ranges and lists is today's --samples, number for number.
        let stepped = [try SweepAxis(parsing: "a=0:1:0.25"), try SweepAxis(parsing: "b=1,2")]
        #expect(
            try SweepPoints.make(stepped, design: .random, samples: 9, seed: 7).values
                == SweepPoints.samples(stepped, count: 9, seed: 7).values)
    }

    @Test("overlays cross the design slowest: point o x P + p is design point p under overlay o")
    func crossing() throws {
        let overlays = try ["base", "demand-surge"].map { try Overlay.read(path: "\(Self.scenarios)/\($0).yaml") }
        let design = SweepPoints.grid([try SweepAxis(parsing: "a=1,2,3")])
        let crossed = design.crossed(with: overlays)
        #expect(crossed.values == [[1], [2], [3], [1], [2], [3]])
        #expect(crossed.overlay(at: 2)?.name == "base" && crossed.overlay(at: 3)?.name == "demand-surge")
        #expect(design.crossed(with: []).values == design.values && design.overlay(at: 0) == nil)
    }

    @Test("an overlay file: name (default the file name), probability, set; each error at its line and column")
    func overlayFile() throws {
        let surge = try Overlay.read(path: "\(Self.scenarios)/demand-surge.yaml")
        #expect(surge.name == "demand-surge" && surge.probability == 0.25)
        #expect(surge.overrides.map(\.description).first == "commodities.lithium.demand=3450")
        #expect(surge.overrides.first?.location == SourceLocation(file: surge.file, line: 5, column: 3))
        let unnamed = try Overlay.parse("set:\n  commodities.cobalt.demand: 5000\n", file: "dir/cobalt-up.yaml")
        #expect(unnamed.name == "cobalt-up" && unnamed.probability == nil && unnamed.overrides.count == 1)
        let error = #expect(throws: InvalidModelError.self) {
            try Overlay.parse(
                "name: spike\nprobabilty: 0.2\nprobability: 1.5\nset:\n  a.b: 1e3x\n  c.d: { e: 1 }\n", file: "o.yaml")
        }
        #expect(
            error?.description == """
                o.yaml:2:1: error: probabilty: an overlay has no key 'probabilty' (fix: did you mean 'probability'?)
                o.yaml:3:14: error: probability: 1.5 is outside [0, 1] (fix: use a fraction between 0 and 1 (0.25 for 25%))
                o.yaml:5:8: error: set.a.b: '1e3x' is not a plain decimal number (fix: write a plain decimal number such as 1000 or 0.5)
                o.yaml:6:8: error: set.c.d: expected a number, found a mapping (fix: write each path in full with its number, as for --set, e.g. suppliers.ID.capacity: 0)
                """)
    }

    @Test("an unknown path or a bad value of an overlay is an error at its line of the overlay file")
    func overlayAgainstModel() throws {
        let loaded = try ModelLoader.load(path: Self.battery)
        func errors(_ text: String, file: String) -> String? {
            let overlay = try? Overlay.parse(text, file: file)
            let points = SweepPoints.grid([]).crossed(with: overlay.map { [$0] } ?? [])
            let error = #expect(throws: InvalidModelError.self) {
                try SweepRunner(loaded: loaded, policy: "crma-65", points: points)
            }
            return error?.description
        }
        #expect(
            errors("set:\n  suppliers.chn-gr-processing-b.capacity: -3\n", file: "bad.yaml")
                == "bad.yaml:2:3: error: suppliers[chn-gr-processing-b].capacity: -3 is negative (fix: use a number >= 0)"
        )
        // A bad bound of a rule makes the policy solved invalid: its error, at the overlay's line.
        #expect(
            errors("name: x\nset:\n  policies.crma-65.rules.single-country-cap.max: 1.5\n", file: "cap.yaml")
                == "cap.yaml:3:3: error: policies.crma-65.rules[single-country-cap].max: 1.5 is outside [0, 1] "
                + "(fix: use a fraction between 0 and 1 (0.25 for 25%))")
        let typo = try Overlay.parse("set:\n  suppliers.chn-gr-processing-x.capacity: 5\n", file: "typo.yaml")
        let unknown = #expect(throws: InvalidModelError.self) {
            try SweepRunner(loaded: loaded, policy: "crma-65", points: SweepPoints.grid([]).crossed(with: [typo]))
        }
        #expect(
            unknown?.description
                == "typo.yaml:2:3: error: suppliers.chn-gr-processing-x.capacity: no element 'chn-gr-processing-x' "
                + "in this list (fix: did you mean 'chn-gr-processing-a'?)")
    }

    @Test("overlay rows equal solves with the overlay's changes as --set, warm or cold, crossed with --vary")
    func overlayRowsEqualSolves() throws {
        let loaded = try ModelLoader.load(path: Self.battery)
        let names = ["base", "demand-surge", "graphite-export-controls", "lithium-price-spike"]
        let overlays = try names.map { try Overlay.read(path: "\(Self.scenarios)/\($0).yaml") }
        let axis = try SweepAxis(parsing: "policies.crma-65.rules.single-country-cap.max=0.6,0.7")
        var runner = try SweepRunner(
            loaded: loaded, policy: "crma-65", points: SweepPoints.grid([axis]).crossed(with: overlays))
        let tests = SweepTests()
        let warm = tests.run(runner, jobs: 2)
        runner.warm = false
        let cold = tests.run(runner, jobs: 1)
        #expect(warm.map(\.point) == Array(0..<8))
        for (row, coldRow) in zip(warm, cold) {
            let overlay = overlays[row.point / 2]
            #expect(row.overlay == overlay && coldRow.overlay == overlay)
            let changes = overlay.overrides.map { Override(path: $0.path, value: $0.value) }
            let solved = try Planner.solve(
                try ModelLoader.load(
                    path: Self.battery, overrides: changes + [Override(path: axis.path, value: row.values[0])]
                )
                .model, policy: "crma-65")
            #expect(row.plan.status == solved.status && coldRow.plan.status == solved.status, "point \(row.point)")
            if let objective = solved.objective {
                #expect(isClose(row.plan.objective, objective, tolerance: 1e-9), "point \(row.point)")
                #expect(isClose(coldRow.plan.objective, objective, tolerance: 1e-9), "point \(row.point)")
            }
        }
    }
}
