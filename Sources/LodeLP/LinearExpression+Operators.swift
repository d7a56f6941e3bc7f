// Arithmetic on expressions and the comparisons that build constraints.
//
// Comparisons return a ``LinearConstraint``, never a `Bool`: there is no way to write a
// constraint that the compiler silently turns into `true` (a PuLP pitfall).

public func + <L: LinearTerm, R: LinearTerm>(lhs: L, rhs: R) -> LinearExpression {
    var result = lhs.linearExpression
    result.add(rhs.linearExpression)
    return result
}

public func + <L: LinearTerm>(lhs: L, rhs: Double) -> LinearExpression {
    var result = lhs.linearExpression
    result.constant += rhs
    return result
}

public func + <R: LinearTerm>(lhs: Double, rhs: R) -> LinearExpression {
    rhs + lhs
}

public func - <L: LinearTerm, R: LinearTerm>(lhs: L, rhs: R) -> LinearExpression {
    var result = lhs.linearExpression
    result.add(rhs.linearExpression, scaledBy: -1)
    return result
}

public func - <L: LinearTerm>(lhs: L, rhs: Double) -> LinearExpression {
    lhs + (-rhs)
}

public func - <R: LinearTerm>(lhs: Double, rhs: R) -> LinearExpression {
    var result = LinearExpression(constant: lhs)
    result.add(rhs.linearExpression, scaledBy: -1)
    return result
}

public prefix func - <T: LinearTerm>(operand: T) -> LinearExpression {
    var result = LinearExpression()
    result.add(operand.linearExpression, scaledBy: -1)
    return result
}

public func * <R: LinearTerm>(lhs: Double, rhs: R) -> LinearExpression {
    var result = LinearExpression()
    result.add(rhs.linearExpression, scaledBy: lhs)
    return result
}

public func * <L: LinearTerm>(lhs: L, rhs: Double) -> LinearExpression {
    rhs * lhs
}

public func / <L: LinearTerm>(lhs: L, rhs: Double) -> LinearExpression {
    (1 / rhs) * lhs
}

public func += <R: LinearTerm>(lhs: inout LinearExpression, rhs: R) {
    lhs.add(rhs.linearExpression)
}

public func += (lhs: inout LinearExpression, rhs: Double) {
    lhs.constant += rhs
}

public func -= <R: LinearTerm>(lhs: inout LinearExpression, rhs: R) {
    lhs.add(rhs.linearExpression, scaledBy: -1)
}

public func -= (lhs: inout LinearExpression, rhs: Double) {
    lhs.constant -= rhs
}

// MARK: - Comparisons build constraints

public func <= <L: LinearTerm, R: LinearTerm>(lhs: L, rhs: R) -> LinearConstraint {
    LinearConstraint(lhs - rhs, lower: -.infinity, upper: 0)
}

public func <= <L: LinearTerm>(lhs: L, rhs: Double) -> LinearConstraint {
    LinearConstraint(lhs.linearExpression, lower: -.infinity, upper: rhs)
}

public func <= <R: LinearTerm>(lhs: Double, rhs: R) -> LinearConstraint {
    LinearConstraint(rhs.linearExpression, lower: lhs, upper: .infinity)
}

public func >= <L: LinearTerm, R: LinearTerm>(lhs: L, rhs: R) -> LinearConstraint {
    LinearConstraint(lhs - rhs, lower: 0, upper: .infinity)
}

public func >= <L: LinearTerm>(lhs: L, rhs: Double) -> LinearConstraint {
    LinearConstraint(lhs.linearExpression, lower: rhs, upper: .infinity)
}

public func >= <R: LinearTerm>(lhs: Double, rhs: R) -> LinearConstraint {
    LinearConstraint(rhs.linearExpression, lower: -.infinity, upper: lhs)
}

public func == <L: LinearTerm, R: LinearTerm>(lhs: L, rhs: R) -> LinearConstraint {
    LinearConstraint(lhs - rhs, lower: 0, upper: 0)
}

public func == <L: LinearTerm>(lhs: L, rhs: Double) -> LinearConstraint {
    LinearConstraint(lhs.linearExpression, lower: rhs, upper: rhs)
}

public func == <R: LinearTerm>(lhs: Double, rhs: R) -> LinearConstraint {
    LinearConstraint(rhs.linearExpression, lower: lhs, upper: lhs)
}
