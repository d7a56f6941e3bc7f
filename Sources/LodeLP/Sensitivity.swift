/// How far a constraint's active bound (its right-hand side) can move with the same optimal
/// basis, and what each unit of movement is worth.
///
/// Within `lowerLimit...upperLimit` the objective changes by `dual` per unit of the bound, so
/// `objective(b) = objective + dual * (b - bound)`. For a constraint that does not bind (a basic
/// row) the dual is 0 and the range runs from the activity outwards to infinity on the side
/// of the bound: moving the bound within it changes nothing.
public struct RightHandSideRange: Sendable, Equatable {
    /// The bound that is active, or for a non-binding row the one that is finite
    /// (the upper one when both are); nil for a free row.
    public let bound: Double?
    /// The constraint's left-hand side at the optimum.
    public let activity: Double
    /// d(objective) / d(bound), objective in its own direction (GLPK's convention).
    public let dual: Double
    /// True when the constraint is at a bound in the optimal basis (non-basic).
    public let isBinding: Bool
    /// Smallest value of the bound keeping this basis optimal (-infinity if none).
    public let lowerLimit: Double
    /// Largest value of the bound keeping this basis optimal (+infinity if none).
    public let upperLimit: Double

    public init(bound: Double?, activity: Double, dual: Double, isBinding: Bool, lowerLimit: Double, upperLimit: Double)
    {
        self.bound = bound
        self.activity = activity
        self.dual = dual
        self.isBinding = isBinding
        self.lowerLimit = lowerLimit
        self.upperLimit = upperLimit
    }
}

/// How far a variable's objective coefficient can move with the same optimal basis (so the same
/// optimal point): `lowerLimit...upperLimit`, infinite where unlimited.
public struct ObjectiveRange: Sendable, Equatable {
    public let coefficient: Double
    /// True when the variable is basic in the optimal basis.
    public let isBasic: Bool
    public let lowerLimit: Double
    public let upperLimit: Double

    public init(coefficient: Double, isBasic: Bool, lowerLimit: Double, upperLimit: Double) {
        self.coefficient = coefficient
        self.isBasic = isBasic
        self.lowerLimit = lowerLimit
        self.upperLimit = upperLimit
    }
}
