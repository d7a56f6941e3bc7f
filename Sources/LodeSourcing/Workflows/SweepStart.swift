import Foundation
import LodeLP
import Synchronization

/// The first solve of a sweep, shared: one worker formulates the first point, the workers solve
/// the program's independent blocks between them (one per commodity when no pooled rule joins
/// them), and every chunk of points starts a problem of its own from the blocks' bases.
///
/// Why: each worker starting cold on its own formulated and solved the whole program once per
/// worker, at the same time, and on two cores the two cold starts slowed each other down; that
/// start was a third of a 100-point sweep of a 10,000-supplier model on two workers. The blocks
/// are cut the same way whatever the number of workers (which only decides who solves which),
/// so the start, and every row after it, is the same on 1, 2 or 3 workers.
final class SharedStart<Solver: LinearSolver>: Sendable {
    private struct State {
        var formulation: Formulation?
        var blocks: [ModelBlock] = []
        /// Which blocks each worker solves.
        var assignment: [[Int]] = []
        var bases: [Int: Solver.Problem.Basis] = [:]
        var failed = false
    }

    private let workers: Int
    private let point: Int
    private let solver: Solver
    private let state = Mutex(State())
    /// Left once the first point is formulated (or failed to be).
    private let formulated = DispatchGroup()
    /// Left once per block solved (entered by the formulating worker).
    private let blocksSolved = DispatchGroup()

    /// A start shared by `workers` workers at `point` (the first point of the sweep).
    init(workers: Int, point: Int, solver: Solver) {
        self.workers = workers
        self.point = point
        self.solver = solver
        formulated.enter()
    }

    /// Called once by each worker on its own thread, before its first chunk: solves the worker's
    /// share of the first point's blocks and waits for the others'.
    func prepare(worker: Int, runner: SweepRunner) {
        if worker == 0 { formulate(runner) }
        formulated.wait()
        let (formulation, blocks, mine) = state.withLock { ($0.formulation, $0.blocks, $0.assignment) }
        guard let formulation else { return }
        let options = SolveOptions(timeLimit: formulation.model.settings.timeLimit)
        for block in mine[worker] {
            let result = solver.solve(block: blocks[block], of: formulation.program, options: options)
            state.withLock { state in
                switch result {
                case let .success(basis): state.bases[block] = basis
                case .failure: state.failed = true
                }
            }
            blocksSolved.leave()
        }
        blocksSolved.wait()
    }

    /// A chunk's start, on the calling thread (after ``prepare(worker:runner:)``): the first
    /// point's program in a new problem, started from the shared optimal basis; nil when the
    /// first point could not be formulated (the chunk then builds its own, which reports the
    /// error as a row).
    func chunkState() -> SweepRunner.WorkerState<Solver.Problem>? {
        let (formulation, bases) = state.withLock { state in
            (state.formulation, state.failed ? nil : state.bases.keys.sorted().map { state.bases[$0]! })
        }
        guard let formulation else { return nil }
        let problem = solver.load(formulation.program)
        if let bases { try? problem.start(from: bases) }
        return SweepRunner.WorkerState(formulation: formulation, problem: problem)
    }

    /// Blocks of the first point, at most: a fixed number, not one per worker, so that the start
    /// does not depend on `--jobs` (tiny blocks are joined; solving blocks joined differently can
    /// end at another of several tied optima).
    static var mostBlocks: Int { 16 }

    private func formulate(_ runner: SweepRunner) {
        defer { formulated.leave() }
        guard let model = try? runner.model(at: point).0,
            let policy = try? Planner.policy(runner.policy, of: model),
            let formulation = try? Formulation(model: model, policy: policy)
        else { return }
        let blocks = ModelBlock.merged(formulation.program.independentBlocks(), into: Self.mostBlocks)
        // Each block weighs its columns and nonzeros.
        let sizes = blocks.map { block in
            block.rows.reduce(block.columns.count) {
                $0 + formulation.program.rowStart[$1 + 1] - formulation.program.rowStart[$1]
            }
        }
        let assignment = ModelBlock.balanced(sizes: sizes, into: workers)
        for _ in blocks { blocksSolved.enter() }
        state.withLock { state in
            state.formulation = formulation
            state.blocks = blocks
            state.assignment = assignment
        }
    }
}
