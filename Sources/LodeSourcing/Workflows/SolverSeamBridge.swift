// Temporary bridges from the solver seam (LodeLP's LinearProblem) to the two functions that still
// take a GLPKProblem, in files another branch is restructuring: `applyInPlace` (sweep, frontier)
// and `setEnabled` (explain's rule costs). Once those take `some LinearProblem`, delete this file
// and call them directly.
import LodeGLPK
import LodeLP

extension Formulation {
    /// ``applyInPlace(_:model:to:)`` on any problem. Other solvers' problems are rebuilt from the
    /// changed model instead (false: always correct, only not warm).
    mutating func applyInPlace(_ parameter: Parameter, model updated: SourcingModel,
                               on problem: some LinearProblem) throws -> Bool {
        guard let problem = problem as? GLPKProblem else { return false }
        return try applyInPlace(parameter, model: updated, to: problem)
    }

    /// ``setEnabled(_:problem:)`` on any problem; other solvers' problems cannot switch rules yet.
    func setEnabled(_ enabled: Set<Int>, on problem: some LinearProblem) throws {
        guard let problem = problem as? GLPKProblem else { throw SeamNotBridged(operation: "setEnabled") }
        try setEnabled(enabled, problem: problem)
    }
}

/// A workflow step that needs a GLPKProblem until the bridge above is removed.
struct SeamNotBridged: Error, CustomStringConvertible {
    let operation: String
    var description: String { "\(operation) needs a GLPK problem (see SolverSeamBridge.swift)" }
}
