import Foundation
import Synchronization
import Testing

@testable import LodeSourcing

@Suite("Sweeps")
struct SweepTests {
    static let cobalt = ShippedModelTests.path("cobalt")

    final class Rows: Sendable {
        private let rows = Mutex<[SweepRow]>([])
        func append(_ row: SweepRow) { rows.withLock { $0.append(row) } }
        var all: [SweepRow] { rows.withLock { $0 } }
    }

    func run(_ runner: SweepRunner, jobs: Int, positions: [Int]? = nil) -> [SweepRow] {
        let rows = Rows()
        runner.run(positions: positions, jobs: jobs) { rows.append($0) }
        return rows.all
    }

    @Test("ranges and lists parse; steps do not accumulate binary noise")
    func axes() throws {
        let axis = try SweepAxis(parsing: "a.b=0.1:0.5:0.1")
        #expect(axis.values == [0.1, 0.2, 0.3, 0.4, 0.5])
        #expect(try SweepAxis(parsing: "a.b=3,1,2").values == [3, 1, 2])
        #expect(try SweepAxis(parsing: "a.b=10:0:-5").values == [10, 5, 0])
        #expect(throws: InvalidModelError.self) { try SweepAxis(parsing: "a.b=0:1:-1") }
        #expect(throws: InvalidModelError.self) { try SweepAxis(parsing: "a.b") }
        let grid = SweepPoints.grid([try SweepAxis(parsing: "a=1,2"), try SweepAxis(parsing: "b=10,20,30")])
        #expect(grid.values == [[1, 10], [1, 20], [1, 30], [2, 10], [2, 20], [2, 30]])
        #expect(grid.shard(1, of: 4) == [1, 5])
        let samples = SweepPoints.samples([try SweepAxis(parsing: "a=0:1:0.25")], count: 5, seed: 7)
        let again = SweepPoints.samples([try SweepAxis(parsing: "a=0:1:0.25")], count: 5, seed: 7)
        #expect(samples.values == again.values)
        #expect(samples.values.allSatisfy { (0...1).contains($0[0]) })
    }

    @Test("a sweep's rows equal independent solves with --set at the same points, warm or cold, on 1 or 2 threads")
    func rowsEqualSolves() throws {
        let loaded = try ModelLoader.load(path: Self.cobalt)
        let axes = [
            try SweepAxis(parsing: "policies.crma-65.rules.single-country-cap.max=0.45:0.75:0.1"),
            try SweepAxis(parsing: "commodities.cobalt.demand=7000,8500"),
            try SweepAxis(parsing: "suppliers.chn-co-refining-a.cost=9000,11000"),
        ]
        var runner = try SweepRunner(loaded: loaded, policy: "crma-65", points: .grid(axes))
        let warmRows = run(runner, jobs: 2)
        runner.warm = false
        let coldRows = run(runner, jobs: 1)
        #expect(warmRows.map(\.point) == Array(0..<16))
        #expect(warmRows.contains { $0.warm })
        for (warm, cold) in zip(warmRows, coldRows) {
            let overrides = zip(axes, warm.values).map { Override(path: $0.path, value: $1) }
            let solved = try Planner.solve(
                try ModelLoader.load(path: Self.cobalt, overrides: overrides).model, policy: "crma-65")
            #expect(warm.plan.status == solved.status && cold.plan.status == solved.status, "point \(warm.point)")
            if let objective = solved.objective {
                #expect(isClose(warm.plan.objective, objective, tolerance: 1e-9), "point \(warm.point)")
                #expect(isClose(cold.plan.objective, objective, tolerance: 1e-9), "point \(warm.point)")
            }
        }
    }

    @Test(
        "on several commodities, workers share the first solve block by block, and rows still equal independent solves")
    func sharedStart() throws {
        let path = ShippedModelTests.path("battery-materials")
        let loaded = try ModelLoader.load(path: path)
        let axis = try SweepAxis(parsing: "policies.friend-shoring.rules.cn-cap.max=0.2:0.5:0.05")
        let runner = try SweepRunner(loaded: loaded, policy: "friend-shoring", points: .grid([axis]))
        let formulation = try Formulation(
            model: loaded.model, policy: try Planner.policy("friend-shoring", of: loaded.model))
        #expect(formulation.program.independentBlocks().count == 4)  // lithium, cobalt, nickel, graphite
        for jobs in [2, 3] {
            let rows = run(runner, jobs: jobs)
            #expect(rows.map(\.point) == Array(0..<7))
            #expect(rows.allSatisfy { $0.warm })
            for row in rows {
                let solved = try Planner.solve(
                    try ModelLoader.load(path: path, overrides: [Override(path: axis.path, value: row.values[0])])
                        .model,
                    policy: "friend-shoring")
                #expect(row.plan.status == solved.status, "point \(row.point)")
                if let objective = solved.objective {
                    #expect(isClose(row.plan.objective, objective, tolerance: 1e-9), "point \(row.point)")
                }
            }
        }
    }

    @Test("shards together equal the unsharded sweep")
    func shards() throws {
        let loaded = try ModelLoader.load(path: Self.cobalt)
        let points = SweepPoints.grid([try SweepAxis(parsing: "policies.crma-65.weights.carbon=0:200:25")])
        let runner = try SweepRunner(loaded: loaded, policy: "crma-65", points: points)
        let whole = run(runner, jobs: 2)
        let sharded = (0..<3).flatMap { run(runner, jobs: 1, positions: points.shard($0, of: 3)) }.sorted {
            $0.point < $1.point
        }
        #expect(sharded.map(\.point) == whole.map(\.point))
        for (a, b) in zip(sharded, whole) {
            #expect(isClose(a.plan.objective, b.plan.objective ?? .nan, tolerance: 1e-9))
        }
    }

    /// Two stages of twelve suppliers at one cost in six countries: every plan within the caps
    /// ties, so which one a solve returns depends on where it starts.
    static let ties: String = {
        var yaml = "name: Ties\ncommodities:\n  - { id: metal, demand: 300, stages: [mining, refining] }\ncountries:\n"
        for country in 0..<6 { yaml += "  - { id: K\(country), groups: [g\(country % 2)] }\n" }
        yaml += "suppliers:\n"
        for stage in ["mining", "refining"] {
            for supplier in 0..<12 {
                yaml +=
                    "  - { id: \(stage.prefix(1))\(supplier), commodity: metal, stage: \(stage), "
                    + "country: K\(supplier % 6), capacity: 100, cost: 10 }\n"
            }
        }
        return yaml + "policies:\n  capped:\n    rules:\n      - { id: cap, share: { each: country }, max: 0.5 }\n"
    }()

    /// The rows as bytes: each point's number, values and whole plan in JSON.
    func bytes(_ rows: [SweepRow]) throws -> [String] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return try rows.map { row in
            "\(row.point) \(row.values) " + String(decoding: try encoder.encode(row.plan), as: UTF8.self)
        }
    }

    @Test("where plans tie, 1, 2 and 3 jobs give the same rows byte for byte, run after run")
    func sameBytesOnAnyJobs() throws {
        let loaded = try load(Self.ties)
        let axes = [
            try SweepAxis(parsing: "policies.capped.rules.cap.max=0.2:0.9:0.01"),
            try SweepAxis(parsing: "commodities.metal.demand=300,400"),
        ]
        let runner = try SweepRunner(loaded: loaded, policy: "capped", points: .grid(axes))
        let reference = try bytes(run(runner, jobs: 1))
        #expect(reference.count == 142)
        for jobs in [1, 2, 3, 2, 3, 2, 3] {
            let rows = try bytes(run(runner, jobs: jobs))
            let differing = zip(rows, reference).filter { $0 != $1 }.map { $0.0.prefix(while: { $0 != "{" }) }
            #expect(rows.count == reference.count && differing.isEmpty, "--jobs \(jobs): rows \(differing) differ")
        }
    }

    @Test("cold, a shard's rows are the unsharded sweep's, byte for byte, where plans tie")
    func coldShardsSameBytes() throws {
        let loaded = try load(Self.ties)
        let points = SweepPoints.grid([try SweepAxis(parsing: "policies.capped.rules.cap.max=0.2:0.9:0.02")])
        var runner = try SweepRunner(loaded: loaded, policy: "capped", points: points)
        runner.warm = false
        let whole = try bytes(run(runner, jobs: 2))
        let sharded = try (0..<3).flatMap { shard in
            try bytes(run(runner, jobs: 1 + shard % 2, positions: points.shard(shard, of: 3)))
        }
        let differing = Set(sharded).subtracting(whole).count
        #expect(sharded.count == whole.count && Set(sharded) == Set(whole), "\(differing) rows differ")
    }

    @Test("paths outside the typed parameters fall back to a rebuild and still agree")
    func fallback() throws {
        let loaded = try ModelLoader.load(path: Self.cobalt)
        let points = SweepPoints.grid([try SweepAxis(parsing: "settings.hhi_segments=10,40")])
        let rows = run(try SweepRunner(loaded: loaded, policy: "strict-esg", points: points), jobs: 1)
        #expect(rows.count == 2 && rows.allSatisfy { $0.plan.status == .optimal && !$0.warm })
    }

    @Test("bad paths and out-of-range values are errors before anything runs")
    func validation() throws {
        let loaded = try ModelLoader.load(path: Self.cobalt)
        do {
            _ = try SweepRunner(
                loaded: loaded, policy: "crma-65",
                points: .grid([try SweepAxis(parsing: "policies.crma-65.rules.single-country-cap.max=0.5:1.5:0.5")]))
            Issue.record("expected an error")
        } catch let error as InvalidModelError {
            #expect(error.diagnostics.map(\.message) == ["the value 1.5 is outside [0, 1]"])
        }
        do {
            _ = try SweepRunner(
                loaded: loaded, policy: "crma-65", points: .grid([try SweepAxis(parsing: "suppliers.nobody.cost=1,2")]))
            Issue.record("expected an error")
        } catch let error as InvalidModelError {
            #expect(error.diagnostics.map(\.message) == ["no supplier 'nobody'"])
        }
    }
}

extension SweepTests {
    @Test("with a scripted solver (no GLPK): each point's solve sees that point's demand, rows in point order")
    func scriptedSolver() throws {
        let loaded = try load(withPolicy(threeSuppliers, "p:\n  rules: []"))
        // Optimal while demand is at most the capacity of two suppliers, else infeasible.
        let solver = MockSolver { problem in
            let demand = problem.model.rowLower[problem.model.rowNames.firstIndex { $0?.hasPrefix("demand") == true }!]
            return problem.solution(demand <= 200 ? .optimal : .infeasible)
        }
        let axis = try SweepAxis(parsing: "commodities.metal.demand=150,200,250,300")
        let runner = try SweepRunner(loaded: loaded, policy: "p", points: .grid([axis]))
        let rows = Rows()
        runner.run(jobs: 1, solver: solver) { rows.append($0) }
        #expect(rows.all.map(\.point) == [0, 1, 2, 3])
        #expect(rows.all.map(\.plan.status) == [.optimal, .optimal, .infeasible, .infeasible])
        // One solve per point, whether the point was changed in place or rebuilt.
        #expect(solver.calls.filter { if case .solve = $0 { return true } else { return false } }.count == 4)
        // Demand is changed in place: the demand row's bounds move to each point's value, in point
        // order (the first point's too: the chunk starts from the model as read), and every point
        // after the first is a warm re-solve of the same problem.
        let formulation = try Formulation(model: loaded.model, policy: loaded.model.policies[0])
        let demandRow = try #require(formulation.demandRows["metal"]?.first)
        let moves = solver.calls.compactMap { call -> Double? in
            if case let .rowBounds(_, row, lower, upper) = call, row == demandRow, lower == upper { return lower }
            return nil
        }
        #expect(moves == [150, 200, 250, 300])
        #expect(rows.all.dropFirst().allSatisfy { $0.warm })
    }
}

@Suite("Sweep scheduling")
struct SweepSchedulingTests {
    @Test("chunks of consecutive points depend only on the number of points")
    func chunks() {
        #expect(SweepChunks(count: 7).size == 4 && SweepChunks(count: 7).chunkCount == 2)
        #expect(SweepChunks(count: 142).size == 18 && SweepChunks(count: 142).chunkCount == 8)
        #expect(SweepChunks(count: 100_000).size == 256)
        #expect(SweepChunks(count: 10).slots(2) == 8..<10)
        #expect(SweepChunks(count: 0).chunkCount == 0)
    }

    @Test("workers take whole chunks in order, each once")
    func wholeChunks() {
        let scheduler = ChunkScheduler(count: 10)
        #expect(scheduler.claim() == 0..<4)
        #expect(scheduler.claim() == 4..<8)
        #expect(scheduler.claim() == 8..<10)
        #expect(scheduler.claim() == nil)
    }

    @Test("concurrent workers claim every point exactly once")
    func everyPointOnce() {
        let scheduler = ChunkScheduler(count: 1000)
        let seen = Mutex<[Int]>([])
        DispatchQueue.concurrentPerform(iterations: 3) { _ in
            while let chunk = scheduler.claim() { seen.withLock { $0 += Array(chunk) } }
        }
        #expect(seen.withLock { $0.sorted() } == Array(0..<1000))
    }

    @Test("rows leave in point order; a stopped sweep's flush keeps the order and skips the gaps")
    func emitterOrder() throws {
        let emitted = Mutex<[Int]>([])
        let emitter = OrderedEmitter { row in emitted.withLock { $0.append(row.point) } }
        let model = try ModelLoader.load(path: SweepTests.cobalt).model
        func row(_ point: Int) -> SweepRow {
            SweepRow(
                point: point, values: [], plan: Plan.failed(model: model, policy: "p", reason: "test"), warm: false)
        }
        emitter.finish(1, row(1))
        emitter.finish(3, row(3))
        #expect(emitted.withLock { $0 } == [])
        emitter.finish(0, row(0))
        #expect(emitted.withLock { $0 } == [0, 1])
        emitter.finish(5, row(5))
        emitter.flush()
        #expect(emitted.withLock { $0 } == [0, 1, 3, 5])
    }

    @Test("workers finishing at once while another writes: every row leaves once, in order, with no flush")
    func emitterUnderContention() throws {
        let model = try ModelLoader.load(path: SweepTests.cobalt).model
        let plan = Plan.failed(model: model, policy: "p", reason: "test")
        // Many short sweeps: a row left behind by a worker that found the emitter busy would show
        // at the end of one of them (later rows would otherwise carry it out).
        for _ in 0..<2_000 {
            let emitted = Mutex<[Int]>([])
            let emitter = OrderedEmitter { row in emitted.withLock { $0.append(row.point) } }
            let scheduler = ChunkScheduler(count: 12)
            DispatchQueue.concurrentPerform(iterations: 3) { _ in
                while let chunk = scheduler.claim() {
                    for slot in chunk {
                        emitter.finish(slot, SweepRow(point: slot, values: [], plan: plan, warm: true))
                    }
                }
            }
            let rows = emitted.withLock { $0 }
            #expect(rows == Array(0..<12))
            if rows != Array(0..<12) { break }
        }
    }
}
