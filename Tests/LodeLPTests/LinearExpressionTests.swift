import Testing

@testable import LodeLP

@Suite("Linear expressions")
struct LinearExpressionTests {
    @Test("duplicate terms merge and zeros drop, in first-appearance order")
    func canonicalTerms() throws {
        var model = LinearModel()
        let x = try model.addVariable(name: "x")
        let y = try model.addVariable(name: "y")
        let z = try model.addVariable(name: "z")
        let expression = 2 * z + x + 3 * y - x + 4 * z - 3 * y + 1.5
        let terms = expression.terms
        #expect(terms.map(\.variableIndex) == [z.index])
        #expect(terms.map(\.coefficient) == [6])
        #expect(expression.constant == 1.5)
    }

    @Test("order is insertion order, not index order")
    func insertionOrder() throws {
        var model = LinearModel()
        let x = try model.addVariable()
        let y = try model.addVariable()
        let z = try model.addVariable()
        let expression = z + x + y + z
        #expect(expression.terms.map(\.variableIndex) == [2, 0, 1])
        #expect(expression.terms.map(\.coefficient) == [2, 1, 1])
    }

    @Test("sum over a sequence")
    func sums() throws {
        var model = LinearModel()
        let variables = try (0..<5).map { try model.addVariable(name: "v\($0)") }
        let total = variables.sum()
        #expect(total.terms.count == 5)
        #expect(total.terms.allSatisfy { $0.coefficient == 1 })
        let scaled = variables.map { 2 * $0 }.sum() / 2
        #expect(scaled.terms.allSatisfy { $0.coefficient == 1 })
    }

    @Test("comparisons build constraints with the constant folded into the bounds")
    func comparisons() throws {
        var model = LinearModel()
        let x = try model.addVariable()
        let y = try model.addVariable()
        let lessEqual = x + 2 <= 3 * y
        #expect(lessEqual.lower == -.infinity)
        #expect(lessEqual.upper == -2)
        #expect(lessEqual.expression.terms.map(\.coefficient) == [1, -3])
        let greaterEqual = x >= 4
        #expect(greaterEqual.lower == 4 && greaterEqual.upper == .infinity)
        let equal = x + y == 10
        #expect(equal.lower == 10 && equal.upper == 10)
        let ranged = LinearConstraint(x + y + 1, lower: 2, upper: 5)
        #expect(ranged.lower == 1 && ranged.upper == 4)
        let flipped = 5 >= x
        #expect(flipped.upper == 5 && flipped.lower == -.infinity)
    }
}
