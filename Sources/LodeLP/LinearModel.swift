/// Whether the objective is minimised or maximised.
public enum ObjectiveSense: String, Sendable {
    case minimize, maximize
}

/// A linear (or mixed-integer linear) program held in Swift, free of any solver.
///
/// Columns and rows are stored as flat arrays (rows in compressed sparse row form) so that a
/// model of millions of nonzeros is cheap to build and to hand to a solver in bulk. Every entry
/// point validates its input: a `LinearModel` that exists can be loaded into GLPK without
/// GLPK aborting.
///
/// ```swift
/// var model = LinearModel()
/// let x = try model.addVariable(name: "x", upperBound: 3)
/// let y = try model.addVariable(name: "y")
/// try model.add(x + y >= 4, name: "r1")
/// try model.setObjective(2 * x + 3 * y, sense: .minimize)
/// ```
public struct LinearModel: Sendable {
    public let identity: ModelIdentity

    public internal(set) var sense: ObjectiveSense = .minimize
    public internal(set) var objectiveConstant: Double = 0

    public internal(set) var columnNames: [String?] = []
    public internal(set) var columnLower: [Double] = []
    public internal(set) var columnUpper: [Double] = []
    public internal(set) var columnKinds: [VariableKind] = []
    public internal(set) var objectiveCoefficients: [Double] = []

    public internal(set) var rowNames: [String?] = []
    public internal(set) var rowLower: [Double] = []
    public internal(set) var rowUpper: [Double] = []
    /// Row `i`'s entries are `rowColumns[rowStart[i]..<rowStart[i + 1]]` (compressed sparse rows).
    public internal(set) var rowStart: [Int] = [0]
    public internal(set) var rowColumns: [Int32] = []
    public internal(set) var rowValues: [Double] = []
    /// Columns that link otherwise separate parts (e.g. a plan's stock and project columns, which
    /// join its periods), sorted: a hint for solvers, which may start a cold solve from the
    /// parts' bases (see `blocks(cutting:)`). Set with `markLinking(_:)`; empty by default.
    public internal(set) var linkingColumns: [Int] = []

    public init() {
        identity = .next()
    }

    public var variableCount: Int { columnLower.count }
    public var constraintCount: Int { rowLower.count }
    public var nonzeroCount: Int { rowValues.count }
    /// True when some variable is integer or binary, so the model is a MIP.
    public var isMIP: Bool { columnKinds.contains { $0 != .continuous } }

    // MARK: Variables

    /// Adds a column. Bounds may be infinite; a binary variable's bounds are [0, 1].
    @discardableResult
    public mutating func addVariable(
        name: String? = nil, lowerBound: Double = 0, upperBound: Double = .infinity,
        kind: VariableKind = .continuous
    ) throws -> Variable {
        try Validate.name(name)
        var lower = lowerBound
        var upper = upperBound
        if kind == .binary {
            lower = max(lower, 0)
            upper = min(upper, 1)
        }
        let label = name ?? "x[\(variableCount)]"
        try Validate.bounds(lower, upper, context: "variable \(label)")
        if kind != .continuous && !(Self.isIntegral(lower) && Self.isIntegral(upper)) {
            throw ModelError.nonIntegralBound(variable: label, lower: lower, upper: upper)
        }
        columnNames.append(name)
        columnLower.append(lower)
        columnUpper.append(upper)
        columnKinds.append(kind)
        objectiveCoefficients.append(0)
        return Variable(index: variableCount - 1, owner: identity)
    }

    /// The variable at a position, for callers that keep indices.
    public func variable(at index: Int) throws -> Variable {
        guard index >= 0 && index < variableCount else {
            throw ModelError.indexOutOfRange(context: "variable(at:)", index: index, count: variableCount)
        }
        return Variable(index: index, owner: identity)
    }

    /// The constraint at a position, for callers that keep indices.
    public func constraint(at index: Int) throws -> ConstraintRef {
        guard index >= 0 && index < constraintCount else {
            throw ModelError.indexOutOfRange(context: "constraint(at:)", index: index, count: constraintCount)
        }
        return ConstraintRef(index: index, owner: identity)
    }

    static func isIntegral(_ value: Double) -> Bool {
        !value.isFinite || value.rounded() == value
    }

    // MARK: Constraints

    /// Adds `constraint` as a row.
    @discardableResult
    public mutating func add(_ constraint: LinearConstraint, name: String? = nil) throws -> ConstraintRef {
        let expression = constraint.expression
        let label = name ?? "constraint \(constraintCount)"
        try checkOwner(expression, context: "constraint \(label)")
        let canonical = expression.canonicalTerms()
        return try addRow(
            columns: canonical.indices, coefficients: canonical.coefficients,
            lower: constraint.lower, upper: constraint.upper, name: name, canonical: true)
    }

    /// Adds `lower <= sum(coefficients[k] * x[columns[k]]) <= upper` without building an
    /// expression: the bulk path for formulations that already hold sparse rows.
    @discardableResult
    public mutating func addConstraint(
        columns: [Int], coefficients: [Double], lower: Double, upper: Double, name: String? = nil
    ) throws -> ConstraintRef {
        precondition(columns.count == coefficients.count, "columns and coefficients differ in length")
        return try addRow(
            columns: columns, coefficients: coefficients, lower: lower, upper: upper,
            name: name, canonical: false)
    }

    private mutating func addRow(
        columns: [Int], coefficients: [Double], lower: Double, upper: Double, name: String?, canonical: Bool
    ) throws -> ConstraintRef {
        try Validate.name(name)
        let label = name ?? "constraint \(constraintCount)"
        let terms =
            canonical
            ? (indices: columns, coefficients: coefficients)
            : LinearExpression.canonicalize(indices: columns, coefficients: coefficients)
        let count = variableCount
        for (column, coefficient) in zip(terms.indices, terms.coefficients) {
            guard column >= 0 && column < count else {
                throw ModelError.indexOutOfRange(context: label, index: column, count: count)
            }
            try Validate.finite(coefficient, context: "\(label), variable \(columnLabel(column)),")
        }
        try Validate.bounds(lower, upper, context: label)
        rowNames.append(name)
        rowLower.append(lower)
        rowUpper.append(upper)
        rowColumns.append(contentsOf: terms.indices.lazy.map { Int32($0) })
        rowValues.append(contentsOf: terms.coefficients)
        rowStart.append(rowValues.count)
        return ConstraintRef(index: constraintCount - 1, owner: identity)
    }

    /// The entries of row `index`.
    public func row(_ constraint: ConstraintRef) -> (columns: ArraySlice<Int32>, values: ArraySlice<Double>) {
        let range = rowStart[constraint.index]..<rowStart[constraint.index + 1]
        return (rowColumns[range], rowValues[range])
    }

    // MARK: Objective

    /// Sets the objective; variables absent from `expression` get coefficient 0.
    public mutating func setObjective<T: LinearTerm>(_ expression: T, sense: ObjectiveSense) throws {
        let function = expression.linearExpression
        try checkOwner(function, context: "the objective")
        try Validate.finite(function.constant, context: "the objective's constant")
        let canonical = function.canonicalTerms()
        var coefficients = [Double](repeating: 0, count: variableCount)
        for (column, coefficient) in zip(canonical.indices, canonical.coefficients) {
            try Validate.finite(coefficient, context: "the objective, variable \(columnLabel(column)),")
            coefficients[column] = coefficient
        }
        objectiveCoefficients = coefficients
        objectiveConstant = function.constant
        self.sense = sense
    }

    public mutating func minimize<T: LinearTerm>(_ expression: T) throws {
        try setObjective(expression, sense: .minimize)
    }

    public mutating func maximize<T: LinearTerm>(_ expression: T) throws {
        try setObjective(expression, sense: .maximize)
    }

    // MARK: Changes in place

    /// Changes a variable's bounds.
    public mutating func setBounds(of variable: Variable, lower: Double, upper: Double) throws {
        try check(variable, context: "setBounds(of:)")
        try Validate.bounds(lower, upper, context: "variable \(columnLabel(variable.index))")
        if columnKinds[variable.index] != .continuous && !(Self.isIntegral(lower) && Self.isIntegral(upper)) {
            throw ModelError.nonIntegralBound(variable: columnLabel(variable.index), lower: lower, upper: upper)
        }
        columnLower[variable.index] = lower
        columnUpper[variable.index] = upper
    }

    /// Changes a constraint's bounds (its right-hand side).
    public mutating func setBounds(of constraint: ConstraintRef, lower: Double, upper: Double) throws {
        try check(constraint, context: "setBounds(of:)")
        try Validate.bounds(lower, upper, context: rowLabel(constraint.index))
        rowLower[constraint.index] = lower
        rowUpper[constraint.index] = upper
    }

    /// Changes one objective coefficient.
    public mutating func setObjectiveCoefficient(of variable: Variable, to value: Double) throws {
        try check(variable, context: "setObjectiveCoefficient(of:to:)")
        try Validate.finite(value, context: "the objective, variable \(columnLabel(variable.index)),")
        objectiveCoefficients[variable.index] = value
    }

    /// Changes the coefficient of `variable` in `constraint`; 0 removes the entry.
    public mutating func setCoefficient(_ value: Double, of variable: Variable, in constraint: ConstraintRef) throws {
        try check(variable, context: "setCoefficient(_:of:in:)")
        try check(constraint, context: "setCoefficient(_:of:in:)")
        try Validate.finite(value, context: "\(rowLabel(constraint.index)), variable \(columnLabel(variable.index)),")
        let range = rowStart[constraint.index]..<rowStart[constraint.index + 1]
        if let position = rowColumns[range].firstIndex(of: Int32(variable.index)) {
            if value == 0 {
                rowColumns.remove(at: position)
                rowValues.remove(at: position)
                for later in (constraint.index + 1)..<rowStart.count { rowStart[later] -= 1 }
            } else {
                rowValues[position] = value
            }
        } else if value != 0 {
            rowColumns.insert(Int32(variable.index), at: range.upperBound)
            rowValues.insert(value, at: range.upperBound)
            for later in (constraint.index + 1)..<rowStart.count { rowStart[later] += 1 }
        }
    }

    // MARK: Checks shared with solvers

    /// Throws unless `variable` belongs to this model.
    public func check(_ variable: Variable, context: String) throws {
        guard variable.owner == identity else { throw ModelError.foreignVariable(context: context) }
        guard variable.index < variableCount else {
            throw ModelError.indexOutOfRange(context: context, index: variable.index, count: variableCount)
        }
    }

    /// Throws unless `constraint` belongs to this model.
    public func check(_ constraint: ConstraintRef, context: String) throws {
        guard constraint.owner == identity else { throw ModelError.foreignConstraint(context: context) }
        guard constraint.index < constraintCount else {
            throw ModelError.indexOutOfRange(context: context, index: constraint.index, count: constraintCount)
        }
    }

    private func checkOwner(_ expression: LinearExpression, context: String) throws {
        if expression.mixesModels || (expression.owner != nil && expression.owner != identity) {
            throw ModelError.foreignVariable(context: context)
        }
    }

    /// A readable label of a column: its name, or `x[j]`.
    public func columnLabel(_ index: Int) -> String { columnNames[index] ?? "x[\(index)]" }
    /// A readable label of a row: its name, or `row[i]`.
    public func rowLabel(_ index: Int) -> String { rowNames[index] ?? "row[\(index)]" }
}
