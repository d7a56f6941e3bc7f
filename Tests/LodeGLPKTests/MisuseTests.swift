import Foundation
import LodeLP
import Testing

@testable import LodeGLPK

/// Every call GLPK would answer by aborting the process must be a Swift error instead.
@Suite("Misuse is a Swift error; the process stays alive")
struct MisuseTests {
    @Test("NaN or infinite values given to a loaded problem")
    func nonFinite() throws {
        let wyndor = try ConformanceModels.Wyndor()
        let problem = GLPKProblem(wyndor.model)
        #expect(throws: ModelError.self) { try problem.setBounds(of: wyndor.plant1, lower: -.infinity, upper: .nan) }
        #expect(throws: ModelError.self) { try problem.setObjectiveCoefficient(of: wyndor.x, to: .infinity) }
        #expect(throws: ModelError.self) { try problem.setCoefficient(.nan, of: wyndor.x, in: wyndor.plant3) }
        #expect(throws: ModelError.self) { try problem.setBounds(of: wyndor.x, lower: 5, upper: 1) }
        #expect(try problem.solve().termination == .optimal)
    }

    @Test("a variable or constraint from another model")
    func foreign() throws {
        let wyndor = try ConformanceModels.Wyndor()
        let other = try ConformanceModels.Wyndor()
        let problem = GLPKProblem(wyndor.model)
        #expect(throws: ModelError.self) { try problem.setBounds(of: other.x, lower: 0, upper: 1) }
        #expect(throws: ModelError.self) { try problem.setBounds(of: other.plant1, lower: 0, upper: 1) }
        _ = try problem.solve()
        #expect(throws: ModelError.self) { try problem.objectiveRange(of: other.y) }
    }

    @Test("ranging before a solve, after a non-optimal solve, and on a MIP")
    func rangingPreconditions() throws {
        let wyndor = try ConformanceModels.Wyndor()
        let problem = GLPKProblem(wyndor.model)
        #expect(
            throws: SolverError.noOptimalBasis(
                operation: "rightHandSideRange(of:)", reason: "the model has not been solved yet")
        ) {
            try problem.rightHandSideRange(of: wyndor.plant1)
        }
        var infeasible = wyndor.model
        try infeasible.add(wyndor.x >= 10)
        let stuck = GLPKProblem(infeasible)
        _ = try stuck.solve()
        #expect(throws: SolverError.self) { try stuck.rightHandSideRanges() }
        #expect(throws: SolverError.self) { try stuck.objectiveRanges() }
    }

    @Test("invalid solve options")
    func options() throws {
        let problem = GLPKProblem(try ConformanceModels.Wyndor().model)
        #expect(throws: SolverError.self) { try problem.solve(SolveOptions(timeLimit: -1)) }
        #expect(throws: SolverError.self) { try problem.solve(SolveOptions(timeLimit: .nan)) }
        #expect(throws: SolverError.self) { try problem.solve(SolveOptions(mipGap: -0.1)) }
        #expect(throws: SolverError.self) { try problem.solve(SolveOptions(iterationLimit: -5)) }
    }

    @Test("using a problem from another thread")
    func wrongThread() throws {
        let problem = GLPKProblem(try ConformanceModels.Wyndor().model)
        let outcome = ThreadOutcome()
        let done = DispatchSemaphore(value: 0)
        let box = UncheckedBox(problem)
        let thread = Thread {
            do { _ = try box.value.solve() } catch { outcome.set(error) }
            done.signal()
        }
        thread.start()
        done.wait()
        #expect(outcome.error as? SolverError == .wrongThread(operation: "solve(_:)"))
        #expect(try problem.solve().termination == .optimal)
    }
}

/// Hands a non-Sendable object to another thread on purpose, to test the guard against it.
struct UncheckedBox<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}

final class ThreadOutcome: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: (any Error)?
    func set(_ error: any Error) { lock.withLock { stored = error } }
    var error: (any Error)? { lock.withLock { stored } }
}
