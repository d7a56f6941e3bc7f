import Foundation
import LodeGLPK
import LodeLP
import Synchronization

/// One varied number of a sweep: a path (as for `--set`) and its values; or, for a range without
/// a step (`PATH=FROM:TO`), the range itself, `values` holding its two ends.
public struct SweepAxis: Sendable, Equatable {
    public var path: String
    public var values: [Double]
    /// True for `PATH=FROM:TO`: any number from FROM to TO (`values` is `[FROM, TO]`), which the
    /// lhs and random designs draw from and a grid cannot enumerate.
    public var continuous = false

    public init(path: String, values: [Double], continuous: Bool = false) {
        self.path = path
        self.values = values
        self.continuous = continuous
    }

    /// Parses `PATH=FROM:TO:STEP` (both ends included), `PATH=FROM:TO` (continuous) or `PATH=V1,V2,...`.
    public init(parsing text: String) throws(InvalidModelError) {
        func fail(_ message: String, fix: String? = nil) -> InvalidModelError {
            InvalidModelError(diagnostics: [
                Diagnostic(
                    .error, at: SourceLocation(file: "--vary", line: 1, column: 1), field: text, message,
                    fix: fix
                        ?? "write PATH=FROM:TO:STEP (e.g. policies.p.rules.cn-cap.max=0.2:0.6:0.05) or PATH=V1,V2,...")
            ])
        }
        guard let equals = text.firstIndex(of: "=") else { throw fail("a varied number needs the form PATH=RANGE") }
        path = String(text[..<equals])
        let spec = String(text[text.index(after: equals)...])
        if spec.contains(":") {
            let parts = spec.split(separator: ":", omittingEmptySubsequences: false).map { Double($0) }
            if parts.count == 2 {
                guard let from = parts[0], let to = parts[1], from.isFinite, to.isFinite else {
                    throw fail("'\(spec)' is not FROM:TO with two finite numbers")
                }
                values = [from, to]
                continuous = true
                return
            }
            guard parts.count == 3, let from = parts[0], let to = parts[1], let step = parts[2], from.isFinite,
                to.isFinite, step.isFinite,
                step != 0, (to - from) / step >= 0
            else {
                throw fail("'\(spec)' is not FROM:TO:STEP with a step that goes from FROM towards TO")
            }
            // Counted in Double first: a tiny step gives a count no Int holds (1e-300 would trap).
            let span = ((to - from) / step + 1e-9).rounded(.down)
            guard span.isFinite, span < Double(SweepPoints.limit) else {
                let count =
                    span < 1e15
                    ? String(Int(span) + 1)
                    : span.isFinite ? String(format: "about %.3g", span) : "too many"
                throw fail(
                    "the range has \(count) values, more than \(SweepPoints.limitText) "
                        + "(the limit of a sweep's points)", fix: "use a larger step")
            }
            let count = Int(span) + 1
            // Values computed from the index, not by adding steps, so 0.1 steps stay exact-looking.
            values = (0..<count).map { Self.tidy(from + Double($0) * step) }
        } else {
            let parts = spec.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
            guard !parts.isEmpty, parts.allSatisfy({ $0 != nil && $0!.isFinite }) else {
                throw fail("'\(spec)' is not a list of numbers")
            }
            guard parts.count <= SweepPoints.limit else {
                throw fail(
                    "the list has \(parts.count) values, more than \(SweepPoints.limitText) "
                        + "(the limit of a sweep's points)", fix: "list fewer values")
            }
            values = parts.map { $0! }
        }
    }

    /// Rounds away binary noise such as 0.30000000000000004.
    static func tidy(_ value: Double) -> Double {
        let rounded = (value * 1e12).rounded() / 1e12
        return abs(rounded - value) < 1e-12 * max(1, abs(value)) ? rounded : value
    }
}

/// The points of a sweep: a full grid (the first axis varying slowest), or random samples.
public struct SweepPoints: Sendable {
    public let axes: [SweepAxis]
    /// Each point's values, one per axis.
    public let values: [[Double]]
    /// The overlays crossed with the design (``crossed(with:)``), slowest: point `p` is the
    /// design's point `p % designCount` under overlay `p / designCount`. Empty without overlays.
    public internal(set) var overlays: [Overlay] = []
    /// The design's points, before crossing with overlays.
    public internal(set) var designCount: Int

    init(axes: [SweepAxis], values: [[Double]]) {
        self.axes = axes
        self.values = values
        designCount = values.count
    }

    /// The most points a sweep may have: a grid's product of axis lengths, or `--samples`. Each
    /// point is kept in memory with its row until written, so this bounds the memory too.
    public static let limit = 1_000_000
    static let limitText = "1,000,000"
    /// The most `--vary` axes of one sweep (each axis is checked against the model once).
    public static let axisLimit = 100

    /// Checks the size of a sweep before any point is built: at most ``axisLimit`` axes, and at
    /// most ``limit`` points in all (the product of the axes' lengths, or `samples`).
    public static func check(_ axes: [SweepAxis], samples: Int?) throws(InvalidModelError) {
        func fail(_ message: String, _ fix: String) -> InvalidModelError {
            let location = SourceLocation(file: "--vary", line: 1, column: 1)
            let field = samples == nil ? "--vary" : "--samples"
            return InvalidModelError(diagnostics: [Diagnostic(.error, at: location, field: field, message, fix: fix)])
        }
        if axes.count > axisLimit {
            throw fail(
                "\(axes.count) varied numbers, more than \(axisLimit)",
                "vary at most \(axisLimit) numbers; fix the others with --set")
        }
        if let samples {
            guard samples <= limit else {
                throw fail(
                    "\(samples) samples, more than \(limitText) (the limit of a sweep's points)",
                    "draw at most \(limitText) samples")
            }
            return
        }
        // The product in Double: it cannot overflow, and it is exact far beyond the limit.
        let total = axes.reduce(1.0) { $0 * Double($1.values.count) }
        guard total <= Double(limit) else {
            let sizes = axes.map { String($0.values.count) }.joined(separator: " x ")
            throw fail(
                "the grid has \(sizes) = \(Override.format(total)) points, more than \(limitText) "
                    + "(the limit of a sweep's points, counted over all axes together)",
                "use larger steps or fewer values, or draw --samples from the ranges")
        }
    }

    public static func grid(_ axes: [SweepAxis]) -> SweepPoints {
        var points: [[Double]] = [[]]
        for axis in axes { points = points.flatMap { prefix in axis.values.map { prefix + [$0] } } }
        return SweepPoints(axes: axes, values: points)
    }

    /// `count` points drawn uniformly within each axis's range: a continuous axis, or one of more
    /// than 3 values, anywhere from its lowest to its highest value; an axis of 2 or 3 values one
    /// of them (the design `random`).
    public static func samples(_ axes: [SweepAxis], count: Int, seed: UInt64) -> SweepPoints {
        var generator = SeededGenerator(seed: seed)
        let values = (0..<count).map { _ in
            axes.map { axis -> Double in
                let low = axis.values.min()!, high = axis.values.max()!
                if axis.continuous || axis.values.count > 3 || low == high {
                    return SweepAxis.tidy(low + (high - low) * Double(generator.next() >> 11) / Double(1 << 53))
                }
                return axis.values[Int(generator.next() % UInt64(axis.values.count))]
            }
        }
        return SweepPoints(axes: axes, values: values)
    }

    /// The positions of shard `index` of `count`: every count-th point starting at index.
    public func shard(_ index: Int, of count: Int) -> [Int] {
        Array(stride(from: index, to: values.count, by: count))
    }
}

/// SplitMix64: a small, seeded, platform-independent generator, so samples repeat exactly.
struct SeededGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// One solved point of a sweep.
public struct SweepRow: Sendable {
    /// The point's position in the whole sweep (shards keep the unsharded numbering).
    public let point: Int
    public let values: [Double]
    /// The point's plan: status, objective, costs, scopes and rules (no supplier or flow lines).
    public let plan: Plan
    /// True when the point was re-solved warm in place, false when the program was rebuilt.
    public let warm: Bool
    /// The overlay the point was solved under (a sweep with `--overlays`), else nil.
    public var overlay: Overlay? = nil
}

/// Runs sweeps: each chunk of points gets one problem (GLPK's unless a solver is given), changed in
/// place from point to point and re-solved warm (dual simplex after bound and right-hand-side
/// changes, primal after cost changes); a change the structure does not allow in place rebuilds
/// the program.
public struct SweepRunner: Sendable {
    public let loaded: LoadedModel
    public let policy: String
    public let points: SweepPoints
    /// Re-solve warm where possible (the default); false rebuilds and solves cold at every point.
    public var warm = true
    private let parameters: [Parameter?]
    /// Per overlay, its changes as typed parameters (nil where only a re-read can make one).
    private let overlayParameters: [[Parameter?]]
    /// True when every axis and every overlay change is a typed parameter: points are then made
    /// from the typed model and changed in place; otherwise every point is read again.
    private let typedOnly: Bool
    /// What a warm point changes in place: the axes, then every parameter any overlay sets (each
    /// once), so that a point under another overlay than the previous one undoes its changes.
    private let inPlace: [Parameter]

    public init(loaded: LoadedModel, policy: String?, points: SweepPoints) throws {
        self.loaded = loaded
        self.policy = try Planner.policy(policy, of: loaded.model).id
        self.points = points
        var parameters: [Parameter?] = []
        var problems: [Diagnostic] = []
        for axis in points.axes {
            do {
                let parameter = try Parameter.resolve(axis.path, in: loaded.model)
                if let parameter {
                    for value in Set(axis.values) {
                        if let problem = parameter.check(value, in: loaded.model) {
                            problems.append(
                                Diagnostic(
                                    .error, at: SourceLocation(file: "--vary", line: 1, column: 1), field: axis.path,
                                    "the value \(Override.format(value)) \(problem)",
                                    fix: "keep the range within what the field admits"))
                        }
                    }
                } else {
                    // Not a parameter of the typed model: check the path by decoding once.
                    _ = try ModelLoader.decode(
                        loaded.tree, file: loaded.model.file,
                        overrides: [Override(path: axis.path, value: axis.values[0])])
                }
                // A weight of another policy reaches the solved one only through `extends`, which the
                // typed model has already resolved: such points are read again, as --set reads them.
                if case let .weight(named, _)? = parameter?.base, named != self.policy {
                    parameters.append(nil)
                } else {
                    parameters.append(parameter)
                }
            } catch {
                problems += error.diagnostics
                parameters.append(nil)
            }
        }
        if !problems.isEmpty { throw InvalidModelError(diagnostics: problems) }
        self.parameters = parameters
        let solved = self.policy
        // Each overlay is checked by reading the model with its changes once: an unknown path or a
        // bad value is an error at its line in the overlay file, as are the errors it makes in the
        // policy solved.
        var overlayParameters: [[Parameter?]] = []
        for overlay in points.overlays {
            do {
                let decoded = try ModelLoader.decode(loaded.tree, file: loaded.model.file, overrides: overlay.overrides)
                if let errors = decoded.invalidPolicies[solved] { problems += errors }
            } catch {
                problems += error.diagnostics
            }
            overlayParameters.append(
                overlay.overrides.map { change in
                    let parameter = (try? Parameter.resolve(change.path, in: loaded.model)) ?? nil
                    if case let .weight(named, _)? = parameter?.base, named != solved { return nil }
                    return parameter
                })
        }
        if !problems.isEmpty { throw InvalidModelError(diagnostics: problems) }
        self.overlayParameters = overlayParameters
        typedOnly = parameters.allSatisfy { $0 != nil } && overlayParameters.allSatisfy { $0.allSatisfy { $0 != nil } }
        var inPlace = parameters.compactMap { $0 }
        for parameter in overlayParameters.joined().compactMap({ $0 }) where !inPlace.contains(parameter) {
            inPlace.append(parameter)
        }
        self.inPlace = inPlace
    }

    /// Solves the points at `positions` (all by default) on `jobs` threads and hands each row to
    /// `emit` in point order, one at a time; `solved` is called as each point is solved (for
    /// progress). Stops taking new points once `shouldStop` is true; rows already solved are
    /// still emitted, in point order, with the unsolved points left out.
    ///
    /// The points are cut into fixed chunks of consecutive points (``SweepChunks``); workers take
    /// whole chunks, and each chunk starts from the first point's shared optimal basis and goes
    /// warm from point to point in order. So a row depends on `positions` alone, never on `jobs`
    /// or on timing: the same sweep gives the same bytes on any number of workers.
    public func run(
        positions: [Int]? = nil, jobs: Int, shouldStop: @escaping @Sendable () -> Bool = { false },
        solved: @escaping @Sendable () -> Void = {}, emit: @escaping @Sendable (SweepRow) -> Void
    ) {
        run(positions: positions, jobs: jobs, solver: GLPKSolver(), shouldStop: shouldStop, solved: solved, emit: emit)
    }

    /// ``run(positions:jobs:shouldStop:solved:emit:)`` with `solver` instead of GLPK. Each worker
    /// runs on a thread of its own (``GLPKThreads``), which loads, uses and releases its problems.
    public func run<Solver: LinearSolver>(
        positions: [Int]? = nil, jobs: Int, solver: Solver, shouldStop: @escaping @Sendable () -> Bool = { false },
        solved: @escaping @Sendable () -> Void = {}, emit: @escaping @Sendable (SweepRow) -> Void
    ) {
        let positions = positions ?? Array(points.values.indices)
        let scheduler = ChunkScheduler(count: positions.count)
        let workers = GLPKThreads.workerCount(min(jobs, max(1, scheduler.chunks.chunkCount)))
        let queue = OrderedEmitter(emit: emit)
        let runner = self
        let shared =
            warm && typedOnly && !positions.isEmpty
            ? SharedStart(workers: workers, point: positions[0], solver: solver) : nil
        GLPKThreads.run(workers: workers) { worker in
            shared?.prepare(worker: worker, runner: runner)
            while !shouldStop(), let chunk = scheduler.claim() {
                var state = shared?.chunkState()
                for slot in chunk {
                    if shouldStop() { break }
                    let row = runner.solve(point: positions[slot], state: &state, solver: solver)
                    solved()
                    queue.finish(slot, row)
                }
            }
        }
        queue.flush()
    }

    /// The program and problem a worker keeps between points.
    struct WorkerState<Problem: LinearProblem> {
        var formulation: Formulation
        let problem: Problem
    }

    /// The model at `point`: its overlay's changes first, then the varied values.
    func model(at point: Int) throws -> (SourcingModel, typedOnly: Bool) {
        let values = points.values[point]
        let overlay = points.overlays.isEmpty ? nil : point / points.designCount
        if typedOnly {
            var model = loaded.model
            if let overlay {
                for (parameter, change) in zip(overlayParameters[overlay], points.overlays[overlay].overrides) {
                    parameter!.apply(change.value, to: &model)
                }
            }
            for (parameter, value) in zip(parameters, values) { parameter!.apply(value, to: &model) }
            return (model, true)
        }
        let overrides =
            (overlay.map { points.overlays[$0].overrides } ?? [])
            + zip(points.axes, values).map { Override(path: $0.path, value: $1) }
        return (try ModelLoader.decode(loaded.tree, file: loaded.model.file, overrides: overrides).model, false)
    }

    func solve<Solver: LinearSolver>(
        point: Int, state: inout WorkerState<Solver.Problem>?,
        solver: Solver
    ) -> SweepRow {
        let values = points.values[point]
        do {
            let (model, typedOnly) = try model(at: point)
            var warmNow = false
            // Taken out of `state` so that the changes below mutate the program in place rather than
            // copying its arrays at every point (copy-on-write with two owners).
            if warm, typedOnly, var current = state.take() {
                warmNow = true
                for parameter in inPlace
                where !(try current.formulation.applyInPlace(parameter, model: model, to: current.problem)) {
                    warmNow = false
                    break
                }
                if warmNow { state = current }
            }
            if !warmNow {
                let formulation = try Formulation(model: model, policy: try Planner.policy(policy, of: model))
                state = WorkerState(formulation: formulation, problem: solver.load(formulation.program))
            }
            let plan = try Planner.solve(
                state!.formulation, on: state!.problem, options: PlanOptions(ranges: false, lines: false))
            return SweepRow(point: point, values: values, plan: plan, warm: warmNow, overlay: points.overlay(at: point))
        } catch {
            state = nil
            return SweepRow(
                point: point, values: values,
                plan: Plan.failed(model: loaded.model, policy: policy, reason: "\(error)"), warm: false,
                overlay: points.overlay(at: point))
        }
    }
}

extension Plan {
    /// A plan for a point that could not be solved at all (reported as a row, not a crash).
    static func failed(model: SourcingModel, policy: String, reason: String) -> Plan {
        Plan(
            model: model.name, policy: policy, currency: model.currency, status: .failed,
            solver: SolverReport(
                termination: "error", code: "", message: reason, mip: false, iterations: 0, rows: 0, columns: 0,
                nonzeros: 0),
            objective: nil, costs: nil, suppliers: [], flows: [], pooledFlows: [], shortfalls: [], scopes: [], rules: []
        )
    }
}
