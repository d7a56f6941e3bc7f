import Synchronization

/// Hands a sweep's points to workers in runs of consecutive points, so that each warm re-solve
/// starts from the basis of a neighbouring point.
///
/// Points dealt out one by one (0 to the first worker, 1 to the second, ...) put two steps
/// between a worker's consecutive points with two workers, and the warm re-solves of a binding
/// share cap then took half as many simplex iterations again (3,269 against 2,169 on a
/// 10,000-supplier model). So each worker starts at the beginning of a run of up to
/// `runLength` points and walks it in order; a worker with nothing left takes the next run, or
/// else the back half of the longest run another worker still has.
final class PointScheduler: Sendable {
    private struct State {
        var nextRunStart = 0
        /// What each worker has left of its current run.
        var remaining: [Range<Int>]
    }

    private let count: Int
    private let runLength: Int
    private let state: Mutex<State>

    /// Runs are `count` split evenly over `workers`, but at most `maxRun` long, so that rows
    /// waiting for their turn in point order stay few.
    init(count: Int, workers: Int, maxRun: Int = 256) {
        self.count = count
        let workers = max(1, workers)
        runLength = max(1, min(maxRun, (count + workers - 1) / workers))
        state = Mutex(State(remaining: Array(repeating: 0..<0, count: workers)))
    }

    /// The next point for `worker`, or nil when every point has been handed out.
    func claim(worker: Int) -> Int? {
        state.withLock { state in
            if state.remaining[worker].isEmpty {
                if state.nextRunStart < count {
                    let end = min(count, state.nextRunStart + runLength)
                    state.remaining[worker] = state.nextRunStart..<end
                    state.nextRunStart = end
                } else if let victim = state.remaining.indices.max(by: { state.remaining[$0].count < state.remaining[$1].count }),
                          state.remaining[victim].count >= 2 {
                    let run = state.remaining[victim]
                    let middle = run.lowerBound + (run.count + 1) / 2  // the owner keeps the larger front half
                    state.remaining[victim] = run.lowerBound..<middle
                    state.remaining[worker] = middle..<run.upperBound
                } else {
                    return nil
                }
            }
            let slot = state.remaining[worker].lowerBound
            state.remaining[worker] = (slot + 1)..<state.remaining[worker].upperBound
            return slot
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
