import Foundation
import LodeGLPK
import LodeLP
import Synchronization

/// The first solve of a sweep on several workers, shared: one worker formulates the first point,
/// the workers solve the program's independent blocks between them (one per commodity when no
/// pooled rule joins them), and each starts its own GLPK problem from the blocks' bases.
///
/// Why: each worker starting cold on its own formulated and solved the whole program once per
/// worker, at the same time, and on two cores the two cold starts slowed each other down; that
/// start was a third of a 100-point sweep of a 10,000-supplier model on two workers.
final class SharedStart: Sendable {
    private struct State {
        var formulation: Formulation?
        var blocks: [ModelBlock] = []
        /// Which blocks each worker solves.
        var assignment: [[Int]] = []
        var bases: [Int: BlockBasis] = [:]
        var failed = false
    }

    private let workers: Int
    private let point: Int
    private let state = Mutex(State())
    /// Left once the first point is formulated (or failed to be).
    private let formulated = DispatchGroup()
    /// Left once per block solved (entered by the formulating worker).
    private let blocksSolved = DispatchGroup()

    /// A start shared by `workers` workers at `point` (the first point of the sweep).
    init(workers: Int, point: Int) {
        self.workers = workers
        self.point = point
        formulated.enter()
    }

    /// Called once by each worker on its own thread: the worker's program and problem, started
    /// from the shared optimal basis of the first point, or nil when the first point could not
    /// be formulated (the worker then builds its own, which reports the error as a row).
    func begin(worker: Int, runner: SweepRunner) -> SweepRunner.WorkerState? {
        if worker == 0 { formulate(runner) }
        formulated.wait()
        let (formulation, blocks, mine) = state.withLock { ($0.formulation, $0.blocks, $0.assignment) }
        guard let formulation else { return nil }
        let problem = GLPKProblem(formulation.program)
        let options = SolveOptions(timeLimit: formulation.model.settings.timeLimit)
        for block in mine[worker] {
            let result = GLPKProblem.solve(block: blocks[block], of: formulation.program, options: options)
            state.withLock { state in
                switch result {
                case let .success(basis): state.bases[block] = basis
                case .failure: state.failed = true
                }
            }
            blocksSolved.leave()
        }
        blocksSolved.wait()
        let bases = state.withLock { state in state.failed ? nil : state.bases.keys.sorted().map { state.bases[$0]! } }
        if let bases { try? problem.start(from: bases) }
        return SweepRunner.WorkerState(formulation: formulation, problem: problem)
    }

    private func formulate(_ runner: SweepRunner) {
        defer { formulated.leave() }
        guard let model = try? runner.model(at: point).0,
              let policy = try? Planner.policy(runner.policy, of: model),
              let formulation = try? Formulation(model: model, policy: policy) else { return }
        let blocks = ModelBlock.merged(formulation.program.independentBlocks(), into: 4 * workers)
        // Each block weighs its columns and nonzeros.
        let sizes = blocks.map { block in block.rows.reduce(block.columns.count) { $0 + formulation.program.rowStart[$1 + 1] - formulation.program.rowStart[$1] } }
        let assignment = ModelBlock.balanced(sizes: sizes, into: workers)
        for _ in blocks { blocksSolved.enter() }
        state.withLock { state in
            state.formulation = formulation
            state.blocks = blocks
            state.assignment = assignment
        }
    }
}
