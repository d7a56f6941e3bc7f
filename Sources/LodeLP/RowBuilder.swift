// RowBuilder: a sparse row written term by term, as its formula reads, then added to a
// LinearModel in one call. The bulk path for formulations that keep column indices.

/// The terms `coefficient * x[column]` of one row, in the order written.
///
/// ```swift
/// var row = RowBuilder()
/// row.add(1, each: picked)     // sum over A of x_i
/// row.add(-alpha, total)       // - alpha T
/// try model.addConstraint(row, lower: -.infinity, upper: 0, name: "share")
/// ```
///
/// A column written twice is summed, zeros are dropped, and the order of first appearance is
/// kept (as for ``LinearExpression``). `removeAll()` keeps the storage, so one builder can write
/// many rows without allocating.
public struct RowBuilder: Sendable {
    public private(set) var columns: [Int] = []
    public private(set) var coefficients: [Double] = []

    public init() {}

    /// An empty row with room for `capacity` terms.
    public init(reservingCapacity capacity: Int) {
        columns.reserveCapacity(capacity)
        coefficients.reserveCapacity(capacity)
    }

    public var isEmpty: Bool { columns.isEmpty }

    /// Appends `coefficient * x[column]`.
    public mutating func add(_ coefficient: Double, _ column: Int) {
        columns.append(column)
        coefficients.append(coefficient)
    }

    /// Appends `coefficient * x[c]` for every column `c` of `columns`.
    public mutating func add<S: Sequence<Int>>(_ coefficient: Double, each columns: S) {
        for column in columns { add(coefficient, column) }
    }

    /// Empties the row, keeping its storage for the next one.
    public mutating func removeAll() {
        columns.removeAll(keepingCapacity: true)
        coefficients.removeAll(keepingCapacity: true)
    }
}

extension LinearModel {
    /// Adds `lower <= row <= upper`.
    @discardableResult
    public mutating func addConstraint(_ row: RowBuilder, lower: Double, upper: Double, name: String? = nil) throws
        -> ConstraintRef
    {
        try addConstraint(columns: row.columns, coefficients: row.coefficients, lower: lower, upper: upper, name: name)
    }
}
