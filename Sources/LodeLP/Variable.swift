import Synchronization

/// Identifies one ``LinearModel`` so that a variable or constraint of another model is caught
/// before it reaches the solver (GLPK would silently use the wrong column, or abort).
public struct ModelIdentity: Hashable, Sendable {
    let rawValue: UInt64

    private static let counter = Atomic<UInt64>(0)

    static func next() -> ModelIdentity {
        ModelIdentity(rawValue: counter.add(1, ordering: .relaxed).newValue)
    }
}

/// What values a variable may take.
public enum VariableKind: String, Sendable, CaseIterable {
    case continuous
    /// Integral values within the bounds; the bounds must be integral.
    case integer
    /// 0 or 1.
    case binary
}

/// A column of a ``LinearModel``.
///
/// `Variable` is deliberately not `Equatable`: `x == y` builds a ``LinearConstraint`` and never a
/// `Bool`. Compare ``index`` when identity is what you mean.
public struct Variable: Sendable, CustomStringConvertible {
    /// Zero-based position of the column in its model.
    public let index: Int
    let owner: ModelIdentity

    init(index: Int, owner: ModelIdentity) {
        self.index = index
        self.owner = owner
    }

    public var description: String { "x[\(index)]" }
}

/// A row of a ``LinearModel``, returned when a constraint is added.
public struct ConstraintRef: Sendable, Hashable, CustomStringConvertible {
    /// Zero-based position of the row in its model.
    public let index: Int
    let owner: ModelIdentity

    init(index: Int, owner: ModelIdentity) {
        self.index = index
        self.owner = owner
    }

    public var description: String { "row[\(index)]" }
}
