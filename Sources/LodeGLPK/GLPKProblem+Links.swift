// A cold start from the blocks left once the model's linking columns are cut (a plan's periods,
// once its stock and project columns rest at their bounds): each block solved on its own, their
// bases composed into a basis of the whole, which the dual simplex then finishes.
internal import CGLPK
import Foundation
import LodeLP

extension GLPKProblem {
    /// Cuts the model's `linkingColumns`, solves each block left (the LP relaxation with the cut
    /// columns at their resting values, on `workers` threads) and installs a basis of the whole:
    /// each block's rows and columns as in its optimal basis (and its scale factors), the cut
    /// columns non-basic at their resting bound, the rows of cut columns only basic. That basis
    /// is neither primal nor dual feasible in general (the stock and projects are wrong), but
    /// close: the caller finishes with the dual simplex. A block that is infeasible with the
    /// links at rest (a period whose demand needs stock or a project) gives the basis it ended
    /// at, which the dual simplex also starts from. Returns the blocks' iterations and whether a
    /// basis was installed: none when nothing is cut, the cut leaves one block, or a block ended
    /// otherwise (unbounded, a limit, a failure).
    ///
    /// Why: on a generated plan of 3,334 suppliers over 10 periods (one commodity, 19,102 rows x
    /// 40,805 columns) a cold dual simplex took 2,686 iterations and 3 s; the 10 periods took
    /// 2,665 iterations and 0.25 s together, and the dual simplex finished from their basis in
    /// 150-180 iterations and 0.2-0.4 s. The primal simplex took 1,300 iterations and 1.4 s to
    /// finish. Scaling the whole (0.7 s here: GLPK's scaling costs more than linearly in size)
    /// is replaced by the blocks' factors.
    func startFromLinkedBlocks(_ options: SolveOptions, workers: Int) -> (iterations: Int, installed: Bool) {
        let cut = model.linkingColumns
        guard !cut.isEmpty, !options.presolve, model.constraintCount > 0 else { return (0, false) }
        let blocks = ModelBlock.merged(model.blocks(cutting: cut), into: Self.mostLinkedBlocks)
        guard blocks.count > 1 else { return (0, false) }
        let results = Self.solveBlocks(blocks, of: model, fixing: cut, options: options, workers: workers)
        var iterations = 0
        var bases: [BlockBasis] = []
        for result in results {
            switch result {
            case let .success(basis):
                iterations += basis.iterations
                bases.append(basis)
            case let .failure(failure):
                iterations += failure.iterations
            }
        }
        guard bases.count == blocks.count else { return (iterations, false) }
        installComposed(bases, cut: cut)
        options.log?(
            "lode: cold start from \(blocks.count) blocks once \(cut.count) linking columns are cut "
                + "(\(iterations) iterations)")
        return (iterations, true)
    }

    /// At most this many blocks once the links are cut (tiny ones are joined).
    static let mostLinkedBlocks = 64

    /// Solves each of `blocks` (with `cut` at its resting values when not empty) on up to
    /// `workers` threads; the results in the blocks' order, whatever the threads.
    static func solveBlocks(
        _ blocks: [ModelBlock], of model: LinearModel, fixing cut: [Int], options: SolveOptions, workers: Int
    ) -> [Result<BlockBasis, BlockNotOptimal>] {
        let solveOne: @Sendable (ModelBlock) -> Result<BlockBasis, BlockNotOptimal> = { block in
            cut.isEmpty
                ? solve(block: block, of: model, options: options)
                : solve(
                    part: model.relaxation(of: block, fixing: cut), as: block, options: options, infeasibleToo: true)
        }
        guard workers > 1, blocks.count > 1 else { return blocks.map(solveOne) }
        return GLPKThreads.map(blocks, workers: workers, solveOne).map { result in
            switch result {
            case let .success(inner): return inner
            case .failure: return .failure(BlockNotOptimal(iterations: 0))
            }
        }
    }

    /// Installs the composed basis of ``startFromLinkedBlocks(_:workers:)``.
    private func installComposed(_ bases: [BlockBasis], cut: [Int]) {
        for i in 0..<model.constraintCount { glp_set_row_stat(problem, Int32(i + 1), GLP_BS) }
        for column in cut {
            let lower = model.columnLower[column]
            let upper = model.columnUpper[column]
            let status =
                lower.isFinite ? (lower == upper ? GLP_NS : GLP_NL) : upper.isFinite ? GLP_NU : GLP_NF
            glp_set_col_stat(problem, Int32(column + 1), status)
        }
        // Rows of cut columns only and the cut columns keep GLPK's factor 1 (not scaled yet).
        setStatuses(from: bases)
    }
}
