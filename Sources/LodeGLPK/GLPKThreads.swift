import Foundation
import Synchronization

/// Runs GLPK work on dedicated threads, one GLPK environment each.
///
/// A `glp_prob` must be created, used and deleted on one OS thread, and Swift's async tasks and
/// Dispatch queues do not pin a thread. So parallel solving uses plain threads: each worker runs
/// its whole closure on one thread and frees that thread's GLPK environment when done.
public enum GLPKThreads {
    /// The number of workers to use for `requested` (nil means one per core), or 1 when GLPK is
    /// not built re-entrant.
    public static func workerCount(_ requested: Int?) -> Int {
        guard GLPK.supportsThreads else { return 1 }
        return max(1, requested ?? ProcessInfo.processInfo.activeProcessorCount)
    }

    /// Runs `body(worker)` for each worker in `0..<workers`, each on its own thread, and returns
    /// when all have finished.
    public static func run(workers: Int, _ body: @escaping @Sendable (_ worker: Int) -> Void) {
        let count = max(1, workers)
        let group = DispatchGroup()
        for worker in 0..<count {
            group.enter()
            let thread = Thread {
                body(worker)
                GLPK.releaseThreadResources()
                group.leave()
            }
            thread.stackSize = 32 << 20
            thread.start()
        }
        group.wait()
    }

    /// Applies `transform` to every item on `workers` threads, taking items in order as workers
    /// free up, and returns the results in the items' order.
    public static func map<Item: Sendable, Output: Sendable>(
        _ items: [Item], workers: Int, _ transform: @escaping @Sendable (Item) throws -> Output
    ) -> [Result<Output, any Error>] {
        let shared = SharedProgress<Result<Output, any Error>>(count: items.count)
        run(workers: min(workers, max(1, items.count))) { _ in
            while let index = shared.claim() {
                let result = Result { try transform(items[index]) }
                shared.store(result, at: index)
            }
        }
        return shared.collect()
    }
}

/// The work queue of ``GLPKThreads/map(_:workers:_:)``: the next item to take, and the results.
final class SharedProgress<Output: Sendable>: Sendable {
    private let next = Atomic<Int>(0)
    private let count: Int
    private let results: Mutex<[Output?]>

    init(count: Int) {
        self.count = count
        results = Mutex(Array(repeating: nil, count: count))
    }

    func claim() -> Int? {
        let index = next.add(1, ordering: .relaxed).oldValue
        return index < count ? index : nil
    }

    func store(_ output: Output, at index: Int) {
        results.withLock { $0[index] = output }
    }

    func collect() -> [Output] {
        results.withLock { $0.map { $0! } }
    }
}
