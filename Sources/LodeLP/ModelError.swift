/// A model that a solver must not see, found before it reaches one.
///
/// GLPK aborts the whole process on invalid input (NaN bounds, out-of-range indices, over-long
/// names...). Every such case is caught here as a Swift error whose message says the cause and
/// then the fix.
public enum ModelError: Error, Equatable, Sendable, CustomStringConvertible {
    case nonFiniteCoefficient(context: String, value: Double)
    case invalidBound(context: String, lower: Double, upper: Double)
    case nonIntegralBound(variable: String, lower: Double, upper: Double)
    case invalidName(name: String, reason: String)
    case foreignVariable(context: String)
    case foreignConstraint(context: String)
    case indexOutOfRange(context: String, index: Int, count: Int)

    public var description: String {
        switch self {
        case let .nonFiniteCoefficient(context, value):
            return "\(context) has the coefficient \(value), which is not a finite number. "
                + "Use finite coefficients; express an unbounded side through an infinite bound instead."
        case let .invalidBound(context, lower, upper):
            return "\(context) has lower bound \(lower) and upper bound \(upper), which admit no value. "
                + "Give bounds with lower <= upper, neither NaN, the lower one not +infinity and the upper one not -infinity."
        case let .nonIntegralBound(variable, lower, upper):
            return "integer variable \(variable) has the bounds [\(lower), \(upper)], which are not integral. "
                + "Round the bounds of integer variables to whole numbers."
        case let .invalidName(name, reason):
            return "the name \"\(name.debugDescription.dropFirst().dropLast())\" \(reason). "
                + "Use a name of 1 to 255 bytes without control characters (tabs, newlines)."
        case let .foreignVariable(context):
            return "\(context) uses a variable of another model. "
                + "Build each constraint and objective from variables created by the same model."
        case let .foreignConstraint(context):
            return "\(context) names a constraint of another model. "
                + "Use the ConstraintRef returned when the constraint was added to this model."
        case let .indexOutOfRange(context, index, count):
            return "\(context) refers to index \(index), but the model has \(count). "
                + "Use only variables and constraints that this model created."
        }
    }
}

enum Validate {
    static func name(_ name: String?) throws {
        guard let name else { return }
        let bytes = name.utf8.count
        if bytes == 0 { throw ModelError.invalidName(name: name, reason: "is empty") }
        if bytes > 255 {
            throw ModelError.invalidName(name: name, reason: "is \(bytes) bytes long, over GLPK's limit of 255")
        }
        // Printable ASCII, the common case, needs no Unicode look-up.
        if !name.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }),
            name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
        {
            throw ModelError.invalidName(name: name, reason: "contains a control character")
        }
    }

    static func bounds(_ lower: Double, _ upper: Double, context: @autoclosure () -> String) throws {
        if lower.isNaN || upper.isNaN || lower == .infinity || upper == -.infinity || lower > upper {
            throw ModelError.invalidBound(context: context(), lower: lower, upper: upper)
        }
    }

    static func finite(_ value: Double, context: @autoclosure () -> String) throws {
        if !value.isFinite { throw ModelError.nonFiniteCoefficient(context: context(), value: value) }
    }
}
