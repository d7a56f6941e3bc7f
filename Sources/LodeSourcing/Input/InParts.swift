import Foundation
import Synchronization

/// Runs `body` for each part `0..<count` at once on Dispatch's threads (reading only: GLPK work
/// needs `GLPKThreads`) and returns the results in part order. One part runs on the calling
/// thread. Long tables are read this way, each part with a log of its own, the logs then joined
/// in order so that the messages are those of one pass.
func inParts<Output: Sendable>(_ count: Int, _ body: @Sendable (Int) -> Output) -> [Output] {
    guard count > 1 else { return count == 1 ? [body(0)] : [] }
    let outputs = Mutex([Output?](repeating: nil, count: count))
    DispatchQueue.concurrentPerform(iterations: count) { part in
        let output = body(part)
        outputs.withLock { $0[part] = output }
    }
    return outputs.withLock { $0.map { $0! } }
}
