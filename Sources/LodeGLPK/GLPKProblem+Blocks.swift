internal import CGLPK
import Foundation
import LodeLP

/// The optimal basis of one block's LP relaxation: the status of each of the block's rows and
/// columns, in the block's order. Solved on one thread, installed on another (it is plain data).
public struct BlockBasis: Sendable {
    public let block: ModelBlock
    /// Simplex iterations the block took.
    public let iterations: Int
    let rowStatus: [Int32]
    let columnStatus: [Int32]
    /// GLPK's scale factors of the block's rows and columns (empty when it was not scaled).
    let rowScale: [Double]
    let columnScale: [Double]
}

extension GLPKProblem {
    /// Solves `block` of `model` (its LP relaxation, on a GLPK problem of its own, on the calling
    /// thread). Returns its optimal basis, or the iterations spent when it did not end optimal.
    /// A block with linking columns starts from its parts once they are cut
    /// (``startFromLinkedBlocks(_:workers:)``, on this thread).
    public static func solve(block: ModelBlock, of model: LinearModel, options: SolveOptions) -> Result<
        BlockBasis, BlockNotOptimal
    > {
        solve(part: model.relaxation(of: block), as: block, options: options)
    }

    /// Solves `part`, the LP relaxation of `block` (row and column `k` are the block's `k`-th).
    /// With `infeasibleToo`, the final basis of an infeasible part is returned as well.
    static func solve(
        part model: LinearModel, as block: ModelBlock, options: SolveOptions, infeasibleToo: Bool = false
    ) -> Result<
        BlockBasis, BlockNotOptimal
    > {
        var options = options
        options.decompose = false
        options.log = nil
        let part = GLPKProblem(model)
        let start = Date()
        let linked = part.startFromLinkedBlocks(options, workers: 1)
        if linked.installed {
            part.installedBasis(iterations: linked.iterations)
            if options.method == .automatic { options.method = .dual }
        }
        if let limit = options.timeLimit { options.timeLimit = max(0, limit - Date().timeIntervalSince(start)) }
        if let limit = options.iterationLimit { options.iterationLimit = max(0, limit - linked.iterations) }
        guard let solution = try? part.solve(options) else {
            return .failure(BlockNotOptimal(iterations: linked.iterations))
        }
        let iterations = solution.iterations + (linked.installed ? 0 : linked.iterations)
        guard solution.termination == .optimal || (infeasibleToo && solution.termination == .infeasible) else {
            return .failure(BlockNotOptimal(iterations: iterations))
        }
        return .success(
            BlockBasis(
                block: block, iterations: iterations,
                rowStatus: (0..<block.rows.count).map { glp_get_row_stat(part.problem, Int32($0 + 1)) },
                columnStatus: (0..<block.columns.count).map { glp_get_col_stat(part.problem, Int32($0 + 1)) },
                rowScale: options.scaling
                    ? (0..<block.rows.count).map { glp_get_rii(part.problem, Int32($0 + 1)) } : [],
                columnScale: options.scaling
                    ? (0..<block.columns.count).map { glp_get_sjj(part.problem, Int32($0 + 1)) } : []))
    }

    /// Makes the blocks' bases the starting basis of the next solve, which then runs the primal
    /// simplex from it (no crash basis, no second decomposition) and counts the blocks'
    /// iterations as its own. The bases must cover every row and column of this problem's model
    /// (as `independentBlocks()` does); together they are optimal for the whole when each is
    /// optimal for its block.
    public func start(from bases: [BlockBasis]) throws {
        try checkThread("start(from:)")
        let rows = bases.reduce(0) { $0 + $1.block.rows.count }
        let columns = bases.reduce(0) { $0 + $1.block.columns.count }
        guard rows == model.constraintCount, columns == model.variableCount,
            bases.allSatisfy({ ($0.block.rows + $0.block.columns).allSatisfy { $0 >= 0 } }),
            bases.allSatisfy({
                $0.block.rows.allSatisfy { $0 < model.constraintCount }
                    && $0.block.columns.allSatisfy { $0 < model.variableCount }
            })
        else {
            throw ModelError.indexOutOfRange(
                context: "start(from:): the blocks do not cover the model", index: rows, count: model.constraintCount)
        }
        setStatuses(from: bases)
        installedBasis(iterations: bases.reduce(0) { $0 + $1.iterations })
    }

    /// A cold start by blocks: when the program splits into blocks that share no row, solves each
    /// block's LP relaxation on its own and installs their optimal bases as the whole program's
    /// starting basis, which is then optimal for the whole (the blocks' objectives add up and no
    /// row joins them). Returns the blocks' iterations and whether a basis was installed: none
    /// when the program is one block or some block did not end optimal (the caller then solves
    /// the whole from scratch, which reports infeasibility or unboundedness in the whole
    /// program's terms).
    ///
    /// Why: the simplex method costs more than linearly in a program's size. A 10,000-supplier
    /// sourcing program of three commodities took 105 ms whole and 54 ms as three blocks.
    func startFromBlocks(_ options: SolveOptions) -> (iterations: Int, installed: Bool, finish: SimplexMethod) {
        let blocks = ModelBlock.merged(model.independentBlocks(), into: Self.mostBlocks)
        let workers = GLPKThreads.workerCount(options.threads)
        guard blocks.count > 1 else {
            let linked = startFromLinkedBlocks(options, workers: workers)
            if linked.installed, options.log != nil { glp_term_out(GLP_ON) }
            return (linked.iterations, linked.installed, .dual)
        }
        let results = Self.solveBlocks(blocks, of: model, fixing: [], options: options, workers: workers)
        var iterations = 0
        var bases: [BlockBasis] = []
        for result in results {
            switch result {
            case let .success(basis):
                iterations += basis.iterations
                bases.append(basis)
            case let .failure(failure):
                // Counted as one block after the other would have: up to the first that fails, in
                // block order (the blocks after it ran on other threads, for nothing), so the count
                // does not depend on the number of threads.
                return (iterations + failure.iterations, false, .primal)
            }
        }
        // The blocks were solved silently, which switched GLPK's output off for this thread.
        if let log = options.log {
            log("lode: cold start from \(blocks.count) independent blocks (\(iterations) iterations)")
            glp_term_out(GLP_ON)
        }
        setStatuses(from: bases)
        return (iterations, true, .primal)
    }

    /// At most this many blocks in a cold start (tiny ones are joined).
    static let mostBlocks = 16

    /// Gives each row and column of the whole program the status it has in its block's basis,
    /// and its scale factor when every block was scaled. No row joins two blocks, so the blocks'
    /// factors together scale the whole, and the whole need not be scaled again (at 10,000
    /// suppliers that took 15-20 ms, a sixth of the cold start).
    func setStatuses(from bases: [BlockBasis]) {
        // GLPK aborts the process on a factor that is not positive and finite (glp_set_rii and
        // glp_set_sjj check), and its own scaling of extreme coefficients (1e308 beside 5e-324) can
        // underflow to 0: such factors are not installed, and the whole is scaled as usual.
        func usable(_ factors: [Double]) -> Bool { factors.allSatisfy { $0.isFinite && $0 > 0 } }
        let scaledBlocks = bases.allSatisfy {
            $0.rowScale.count == $0.block.rows.count && $0.columnScale.count == $0.block.columns.count
                && usable($0.rowScale) && usable($0.columnScale)
        }
        for basis in bases {
            for (k, row) in basis.block.rows.enumerated() {
                glp_set_row_stat(problem, Int32(row + 1), basis.rowStatus[k])
            }
            for (k, column) in basis.block.columns.enumerated() {
                glp_set_col_stat(problem, Int32(column + 1), basis.columnStatus[k])
            }
            guard scaledBlocks && !scaled else { continue }
            for (k, row) in basis.block.rows.enumerated() { glp_set_rii(problem, Int32(row + 1), basis.rowScale[k]) }
            for (k, column) in basis.block.columns.enumerated() {
                glp_set_sjj(problem, Int32(column + 1), basis.columnScale[k])
            }
        }
        if scaledBlocks { scaled = true }
    }
}

/// GLPK as a ``LinearSolver``: it loads models into ``GLPKProblem``s and solves independent
/// blocks on their own (``GLPKProblem/solve(block:of:options:)``). Problems are tied to the
/// thread that loads them; run parallel work through ``GLPKThreads``.
public struct GLPKSolver: LinearSolver {
    public init() {}

    public func load(_ model: LinearModel) -> GLPKProblem {
        GLPKProblem(model)
    }

    public func solve(block: ModelBlock, of model: LinearModel, options: SolveOptions)
        -> Result<BlockBasis, BlockNotOptimal>
    {
        GLPKProblem.solve(block: block, of: model, options: options)
    }
}
