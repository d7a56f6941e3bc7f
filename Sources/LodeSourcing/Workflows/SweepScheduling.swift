import Synchronization

/// A sweep's points cut into chunks of consecutive points, whose boundaries depend only on how
/// many points there are (never on `--jobs` or on timing): each chunk starts from the same
/// first-solve basis and re-solves warm from point to point in order, so every point's start,
/// and so its row, is the same whichever worker takes the chunk and whenever.
///
/// Why: points dealt out by runs of `count / workers`, a worker that ran out taking the back half
/// of another's run, made each point's warm start depend on the number of workers and on thread
/// timing; where several plans tie for the optimum, HHI and shares then changed from run to run.
struct SweepChunks: Sendable {
    let count: Int
    /// Points per chunk (the last may have fewer).
    let size: Int

    /// Chunks per sweep, at most: enough to balance a few workers. Each chunk's first point is
    /// re-solved from the first point's basis rather than from its neighbour's: on a 100-point
    /// sweep of a binding cap (1,000 suppliers, one job) 8 chunks cost 12% more CPU time than one
    /// chain, 16 chunks 28%.
    static let mostChunks = 8
    /// Points per chunk, at least (a chunk's start costs a program load and a longer re-solve).
    static let fewestPoints = 4
    /// Points per chunk, at most, so that rows waiting for their turn in point order stay few.
    static let mostPoints = 256

    init(count: Int) {
        self.count = count
        size = min(Self.mostPoints, max(Self.fewestPoints, (count + Self.mostChunks - 1) / Self.mostChunks))
    }

    var chunkCount: Int { (count + size - 1) / size }

    /// The slots (positions in the run's point list) of chunk `index`.
    func slots(_ index: Int) -> Range<Int> { (index * size)..<min(count, (index + 1) * size) }
}

/// Hands whole chunks to workers in chunk order: a worker that finishes one takes the next not yet
/// taken (so work is balanced by chunk, and a chunk is never split).
final class ChunkScheduler: Sendable {
    let chunks: SweepChunks
    private let next = Mutex(0)

    init(count: Int) {
        chunks = SweepChunks(count: count)
    }

    /// The slots of the next chunk, or nil when every chunk has been handed out.
    func claim() -> Range<Int>? {
        next.withLock { next in
            guard next < chunks.chunkCount else { return nil }
            defer { next += 1 }
            return chunks.slots(next)
        }
    }
}

/// Hands rows to the output in point order although workers finish them in any order.
final class OrderedEmitter: Sendable {
    private struct State {
        var nextEmit = 0
        var finished: [Int: SweepRow] = [:]
    }

    private let state = Mutex(State())
    private let emitLock = Mutex(())
    private let emit: @Sendable (SweepRow) -> Void

    init(emit: @escaping @Sendable (SweepRow) -> Void) {
        self.emit = emit
    }

    func finish(_ slot: Int, _ row: SweepRow) {
        state.withLock { $0.finished[slot] = row }
        drain()
    }

    /// Emits every finished row that is next in order, one emitter at a time so that rows never
    /// interleave. A worker that finds another emitting goes back to solving: the emitter looks
    /// again for rows that are ready after it lets go, so no row is left behind. Why: a worker's
    /// rows wait until the points before them are out, then leave in a burst, and the other
    /// worker must not stand still while they are written.
    func drain() {
        while emitLock.withLockIfAvailable({ _ in emitReady() }) != nil {
            guard state.withLock({ $0.finished[$0.nextEmit] != nil }) else { return }
        }
    }

    private func emitReady() {
        while let row = state.withLock({ state -> SweepRow? in
            guard let row = state.finished.removeValue(forKey: state.nextEmit) else { return nil }
            state.nextEmit += 1
            return row
        }) {
            emit(row)
        }
    }

    /// Emits the rows still held, in point order, skipping points never solved (a sweep stopped
    /// early): every finished row reaches the output.
    func flush() {
        emitLock.withLock { _ in
            let rows = state.withLock { state -> [SweepRow] in
                defer { state.finished = [:] }
                return state.finished.keys.sorted().map { state.finished[$0]! }
            }
            rows.forEach(emit)
        }
    }
}
