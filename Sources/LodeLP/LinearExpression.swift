/// An affine function `sum(coefficient * variable) + constant`.
///
/// Terms are appended as they come, so building a long sum is linear in its length. The
/// ``terms`` a solver sees are canonical: duplicate variables merged, zeros dropped, in the
/// order in which each variable first appeared. That order is what makes exports and reports
/// byte-stable from run to run (a `Dictionary` would not be).
public struct LinearExpression: Sendable {
    var rawIndices: [Int] = []
    var rawCoefficients: [Double] = []
    /// The constant term.
    public var constant: Double = 0
    var owner: ModelIdentity?
    /// Set when terms of two different models were combined; reported when the expression is used.
    var mixesModels = false

    public init() {}

    public init(constant: Double) {
        self.constant = constant
    }

    public init(_ variable: Variable, coefficient: Double = 1) {
        rawIndices = [variable.index]
        rawCoefficients = [coefficient]
        owner = variable.owner
    }

    /// An expression from `(variable, coefficient)` pairs and a constant.
    public init<S: Sequence>(terms: S, constant: Double = 0) where S.Element == (Variable, Double) {
        self.constant = constant
        for (variable, coefficient) in terms { add(coefficient, variable) }
    }

    /// Appends `coefficient * variable`.
    public mutating func add(_ coefficient: Double, _ variable: Variable) {
        adopt(variable.owner)
        rawIndices.append(variable.index)
        rawCoefficients.append(coefficient)
    }

    /// Appends `scale * other`.
    public mutating func add(_ other: LinearExpression, scaledBy scale: Double = 1) {
        if let otherOwner = other.owner { adopt(otherOwner) }
        mixesModels = mixesModels || other.mixesModels
        rawIndices.append(contentsOf: other.rawIndices)
        if scale == 1 {
            rawCoefficients.append(contentsOf: other.rawCoefficients)
        } else {
            rawCoefficients.append(contentsOf: other.rawCoefficients.lazy.map { $0 * scale })
        }
        if other.constant != 0 { constant += scale * other.constant }
    }

    private mutating func adopt(_ identity: ModelIdentity) {
        if let owner, owner != identity { mixesModels = true }
        if owner == nil { owner = identity }
    }

    /// The canonical terms: merged, without zeros, in first-appearance order.
    public var terms: [(variableIndex: Int, coefficient: Double)] {
        let canonical = canonicalTerms()
        return Array(zip(canonical.indices, canonical.coefficients))
    }

    /// True when the expression has no variable term (after merging).
    public var isConstant: Bool { canonicalTerms().indices.isEmpty }

    /// Merges duplicates and drops zeros, keeping the order in which variables first appeared.
    func canonicalTerms() -> (indices: [Int], coefficients: [Double]) {
        LinearExpression.canonicalize(indices: rawIndices, coefficients: rawCoefficients)
    }

    /// The canonical form of a raw sparse vector; see ``terms``.
    static func canonicalize(indices: [Int], coefficients: [Double]) -> (indices: [Int], coefficients: [Double]) {
        // Fast path: strictly increasing indices cannot hold duplicates.
        var increasing = true
        var hasZero = false
        for position in indices.indices {
            if coefficients[position] == 0 { hasZero = true }
            if position > 0 && indices[position] <= indices[position - 1] { increasing = false }
        }
        if increasing {
            if !hasZero { return (indices, coefficients) }
            var outIndices: [Int] = []
            var outCoefficients: [Double] = []
            outIndices.reserveCapacity(indices.count)
            outCoefficients.reserveCapacity(indices.count)
            for position in indices.indices where coefficients[position] != 0 {
                outIndices.append(indices[position])
                outCoefficients.append(coefficients[position])
            }
            return (outIndices, outCoefficients)
        }
        var slot: [Int: Int] = [:]
        slot.reserveCapacity(indices.count)
        var mergedIndices: [Int] = []
        var mergedCoefficients: [Double] = []
        mergedIndices.reserveCapacity(indices.count)
        mergedCoefficients.reserveCapacity(indices.count)
        for position in indices.indices {
            let index = indices[position]
            if let existing = slot[index] {
                mergedCoefficients[existing] += coefficients[position]
            } else {
                slot[index] = mergedIndices.count
                mergedIndices.append(index)
                mergedCoefficients.append(coefficients[position])
            }
        }
        var outIndices: [Int] = []
        var outCoefficients: [Double] = []
        outIndices.reserveCapacity(mergedIndices.count)
        outCoefficients.reserveCapacity(mergedIndices.count)
        for position in mergedIndices.indices where mergedCoefficients[position] != 0 {
            outIndices.append(mergedIndices[position])
            outCoefficients.append(mergedCoefficients[position])
        }
        return (outIndices, outCoefficients)
    }
}

/// Anything that can stand in a linear expression: a ``Variable`` or a ``LinearExpression``.
public protocol LinearTerm: Sendable {
    var linearExpression: LinearExpression { get }
}

extension Variable: LinearTerm {
    public var linearExpression: LinearExpression { LinearExpression(self) }
}

extension LinearExpression: LinearTerm {
    public var linearExpression: LinearExpression { self }
}

extension Sequence where Element: LinearTerm {
    /// The sum of the elements; linear in their total number of terms.
    public func sum() -> LinearExpression {
        var total = LinearExpression()
        for element in self { total.add(element.linearExpression) }
        return total
    }
}
