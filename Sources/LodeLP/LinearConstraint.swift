/// `lower <= expression <= upper`, with the expression's constant folded into the bounds.
///
/// Like MathOptInterface's "function in a set", the bounds live apart from the function, so that
/// changing a right-hand side for a warm re-solve or reporting its range touches the bounds only.
/// An infinite bound means "no bound on that side"; `lower == upper` is an equality.
public struct LinearConstraint: Sendable {
    /// The variable part; its constant is always zero.
    public private(set) var expression: LinearExpression
    public private(set) var lower: Double
    public private(set) var upper: Double

    /// `lower <= expression <= upper`; a constant in `expression` moves to the bounds.
    public init<T: LinearTerm>(_ expression: T, lower: Double, upper: Double) {
        var function = expression.linearExpression
        let offset = function.constant
        function.constant = 0
        self.expression = function
        self.lower = lower - offset
        self.upper = upper - offset
    }
}
