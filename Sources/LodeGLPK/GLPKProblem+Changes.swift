// GLPKProblem's changes in place: bounds, objective and matrix coefficients, mirrored into its
// model; each leaves the basis in GLPK for the next solve to start from (see BasisState).
internal import CGLPK
import LodeLP

extension GLPKProblem {
    /// Changes a constraint's bounds (its right-hand side); the next solve starts from the
    /// current basis with the dual simplex.
    public func setBounds(of constraint: ConstraintRef, lower: Double, upper: Double) throws {
        try checkThread("setBounds(of:lower:upper:)")
        try model.setBounds(of: constraint, lower: lower, upper: upper)
        let (type, lb, ub) = Self.boundType(lower, upper)
        glp_set_row_bnds(problem, Int32(constraint.index + 1), type, lb, ub)
        basis = basis.changed(.constraints)
    }

    /// Changes a variable's bounds; the next solve starts from the current basis.
    public func setBounds(of variable: Variable, lower: Double, upper: Double) throws {
        try checkThread("setBounds(of:lower:upper:)")
        try model.setBounds(of: variable, lower: lower, upper: upper)
        let (type, lb, ub) = Self.boundType(lower, upper)
        glp_set_col_bnds(problem, Int32(variable.index + 1), type, lb, ub)
        basis = basis.changed(.constraints)
    }

    /// Changes one objective coefficient; the next solve starts from the current basis with the
    /// primal simplex.
    public func setObjectiveCoefficient(of variable: Variable, to value: Double) throws {
        try checkThread("setObjectiveCoefficient(of:to:)")
        try model.setObjectiveCoefficient(of: variable, to: value)
        glp_set_obj_coef(problem, Int32(variable.index + 1), value)
        basis = basis.changed(.objective)
    }

    /// Changes the coefficient of `variable` in `constraint` (0 removes it).
    public func setCoefficient(_ value: Double, of variable: Variable, in constraint: ConstraintRef) throws {
        try checkThread("setCoefficient(_:of:in:)")
        try model.setCoefficient(value, of: variable, in: constraint)
        let (columns, values) = model.row(constraint)
        var indices = [Int32](unsafeUninitializedCapacity: columns.count + 1) { buffer, count in
            buffer[0] = 0
            for (offset, column) in columns.enumerated() { buffer[offset + 1] = column + 1 }
            count = columns.count + 1
        }
        var coefficients = [0] + Array(values)
        glp_set_mat_row(problem, Int32(constraint.index + 1), Int32(columns.count), &indices, &coefficients)
        basis = basis.changed(.constraints)
    }

    /// Records that statuses from blocks' bases were set: the next solve starts from them (no
    /// crash basis, no decomposition) and counts the blocks' iterations as its own.
    func installedBasis(iterations: Int) {
        basis = .installed(iterations: iterations, basis.pending)
    }
}
