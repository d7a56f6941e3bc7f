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
        let axes = [try SweepAxis(parsing: "policies.crma-65.rules.single-country-cap.max=0.45:0.75:0.1"),
                    try SweepAxis(parsing: "commodities.cobalt.demand=7000,8500"),
                    try SweepAxis(parsing: "suppliers.chn-co-refining-a.cost=9000,11000")]
        var runner = try SweepRunner(loaded: loaded, policy: "crma-65", points: .grid(axes))
        let warmRows = run(runner, jobs: 2)
        runner.warm = false
        let coldRows = run(runner, jobs: 1)
        #expect(warmRows.map(\.point) == Array(0..<16))
        #expect(warmRows.contains { $0.warm })
        for (warm, cold) in zip(warmRows, coldRows) {
            let overrides = zip(axes, warm.values).map { Override(path: $0.path, value: $1) }
            let solved = try Planner.solve(try ModelLoader.load(path: Self.cobalt, overrides: overrides).model, policy: "crma-65")
            #expect(warm.plan.status == solved.status && cold.plan.status == solved.status, "point \(warm.point)")
            if let objective = solved.objective {
                #expect(isClose(warm.plan.objective, objective, tolerance: 1e-9), "point \(warm.point)")
                #expect(isClose(cold.plan.objective, objective, tolerance: 1e-9), "point \(warm.point)")
            }
        }
    }

    @Test("on several commodities, workers share the first solve block by block, and rows still equal independent solves")
    func sharedStart() throws {
        let path = ShippedModelTests.path("battery-materials")
        let loaded = try ModelLoader.load(path: path)
        let axis = try SweepAxis(parsing: "policies.friend-shoring.rules.cn-cap.max=0.2:0.5:0.05")
        let runner = try SweepRunner(loaded: loaded, policy: "friend-shoring", points: .grid([axis]))
        let formulation = try Formulation(model: loaded.model, policy: try Planner.policy("friend-shoring", of: loaded.model))
        #expect(formulation.program.independentBlocks().count == 4)  // lithium, cobalt, nickel, graphite
        for jobs in [2, 3] {
            let rows = run(runner, jobs: jobs)
            #expect(rows.map(\.point) == Array(0..<7))
            #expect(rows.allSatisfy { $0.warm })
            for row in rows {
                let solved = try Planner.solve(try ModelLoader.load(path: path, overrides: [Override(path: axis.path, value: row.values[0])]).model,
                                               policy: "friend-shoring")
                #expect(row.plan.status == solved.status, "point \(row.point)")
                if let objective = solved.objective { #expect(isClose(row.plan.objective, objective, tolerance: 1e-9), "point \(row.point)") }
            }
        }
    }

    @Test("shards together equal the unsharded sweep")
    func shards() throws {
        let loaded = try ModelLoader.load(path: Self.cobalt)
        let points = SweepPoints.grid([try SweepAxis(parsing: "policies.crma-65.weights.carbon=0:200:25")])
        let runner = try SweepRunner(loaded: loaded, policy: "crma-65", points: points)
        let whole = run(runner, jobs: 2)
        let sharded = (0..<3).flatMap { run(runner, jobs: 1, positions: points.shard($0, of: 3)) }.sorted { $0.point < $1.point }
        #expect(sharded.map(\.point) == whole.map(\.point))
        for (a, b) in zip(sharded, whole) { #expect(isClose(a.plan.objective, b.plan.objective ?? .nan, tolerance: 1e-9)) }
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
            _ = try SweepRunner(loaded: loaded, policy: "crma-65", points: .grid([try SweepAxis(parsing: "policies.crma-65.rules.single-country-cap.max=0.5:1.5:0.5")]))
            Issue.record("expected an error")
        } catch let error as InvalidModelError {
            #expect(error.diagnostics.map(\.message) == ["the value 1.5 is outside [0, 1]"])
        }
        do {
            _ = try SweepRunner(loaded: loaded, policy: "crma-65", points: .grid([try SweepAxis(parsing: "suppliers.nobody.cost=1,2")]))
            Issue.record("expected an error")
        } catch let error as InvalidModelError {
            #expect(error.diagnostics.map(\.message) == ["no supplier 'nobody'"])
        }
    }
}

@Suite("Sweep scheduling")
struct SweepSchedulingTests {
    func claims(_ scheduler: PointScheduler, worker: Int, count: Int) -> [Int] {
        (0..<count).compactMap { _ in scheduler.claim(worker: worker) }
    }

    @Test("one worker takes every point in order")
    func oneWorker() {
        let scheduler = PointScheduler(count: 7, workers: 1)
        #expect(claims(scheduler, worker: 0, count: 9) == Array(0..<7))
    }

    @Test("two workers walk runs of consecutive points; one that runs out takes the back half of the other's run")
    func runsAndStealing() {
        let scheduler = PointScheduler(count: 10, workers: 2)
        #expect(claims(scheduler, worker: 0, count: 2) == [0, 1])
        #expect(claims(scheduler, worker: 1, count: 5) == [5, 6, 7, 8, 9])
        // Worker 0 still has 2, 3, 4: worker 1 takes the back half (4), worker 0 keeps 2, 3;
        // then the back half of that (3).
        #expect(scheduler.claim(worker: 1) == 4)
        #expect(scheduler.claim(worker: 1) == 3)
        #expect(claims(scheduler, worker: 0, count: 3) == [2])
        #expect(scheduler.claim(worker: 1) == nil)
    }

    @Test("runs are at most maxRun long, so few rows wait for their turn")
    func shortRuns() {
        let scheduler = PointScheduler(count: 10, workers: 2, maxRun: 3)
        #expect(claims(scheduler, worker: 0, count: 3) == [0, 1, 2])
        #expect(claims(scheduler, worker: 1, count: 3) == [3, 4, 5])
        #expect(claims(scheduler, worker: 0, count: 3) == [6, 7, 8])
    }

    @Test("concurrent workers claim every point exactly once")
    func everyPointOnce() {
        let scheduler = PointScheduler(count: 1000, workers: 3, maxRun: 40)
        let seen = Mutex<[Int]>([])
        DispatchQueue.concurrentPerform(iterations: 3) { worker in
            while let slot = scheduler.claim(worker: worker) { seen.withLock { $0.append(slot) } }
        }
        #expect(seen.withLock { $0.sorted() } == Array(0..<1000))
    }

    @Test("rows leave in point order; a stopped sweep's flush keeps the order and skips the gaps")
    func emitterOrder() throws {
        let emitted = Mutex<[Int]>([])
        let emitter = OrderedEmitter { row in emitted.withLock { $0.append(row.point) } }
        let model = try ModelLoader.load(path: SweepTests.cobalt).model
        func row(_ point: Int) -> SweepRow {
            SweepRow(point: point, values: [], plan: Plan.failed(model: model, policy: "p", reason: "test"), warm: false)
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
            let scheduler = PointScheduler(count: 12, workers: 3, maxRun: 2)
            DispatchQueue.concurrentPerform(iterations: 3) { worker in
                while let slot = scheduler.claim(worker: worker) {
                    emitter.finish(slot, SweepRow(point: slot, values: [], plan: plan, warm: true))
                }
            }
            let rows = emitted.withLock { $0 }
            #expect(rows == Array(0..<12))
            if rows != Array(0..<12) { break }
        }
    }
}
