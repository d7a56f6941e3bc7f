import Testing

@testable import LodeLP

@Suite("Linear models validate before any solver sees them")
struct LinearModelTests {
    @Test("a NaN or infinite coefficient is an error naming the constraint and variable")
    func nonFiniteCoefficient() throws {
        var model = LinearModel()
        let x = try model.addVariable(name: "x")
        #expect(throws: ModelError.nonFiniteCoefficient(context: "cap, variable x,", value: .infinity)) {
            try model.add(Double.infinity * x <= 1, name: "cap")
        }
        #expect(throws: ModelError.self) { try model.add(Double.nan * x <= 1) }
        #expect(throws: ModelError.self) { try model.minimize(Double.nan * x) }
        #expect(model.constraintCount == 0)
    }

    @Test("inverted or NaN bounds are errors")
    func invalidBounds() throws {
        var model = LinearModel()
        #expect(throws: ModelError.invalidBound(context: "variable x", lower: 2, upper: 1)) {
            try model.addVariable(name: "x", lowerBound: 2, upperBound: 1)
        }
        let y = try model.addVariable(name: "y")
        #expect(throws: ModelError.self) { try model.add(LinearConstraint(y, lower: 3, upper: 1)) }
        #expect(throws: ModelError.self) { try model.add(y <= .nan) }
        #expect(throws: ModelError.self) { try model.setBounds(of: y, lower: .infinity, upper: .infinity) }
        let message = ModelError.invalidBound(context: "variable x", lower: 2, upper: 1).description
        #expect(
            message == "variable x has lower bound 2.0 and upper bound 1.0, which admit no value. "
                + "Give bounds with lower <= upper, neither NaN, the lower one not +infinity and the upper one not -infinity."
        )
    }

    @Test("integer variables need integral bounds; binaries are clipped to [0, 1]")
    func integerBounds() throws {
        var model = LinearModel()
        #expect(throws: ModelError.nonIntegralBound(variable: "n", lower: 0, upper: 2.5)) {
            try model.addVariable(name: "n", upperBound: 2.5, kind: .integer)
        }
        let b = try model.addVariable(name: "b", kind: .binary)
        #expect(model.columnLower[b.index] == 0 && model.columnUpper[b.index] == 1)
        #expect(model.isMIP)
    }

    @Test("names over 255 bytes or with control characters are errors")
    func names() throws {
        var model = LinearModel()
        #expect(throws: ModelError.self) { try model.addVariable(name: String(repeating: "é", count: 128)) }
        #expect(throws: ModelError.self) { try model.addVariable(name: "tab\there") }
        #expect(throws: ModelError.self) { try model.addVariable(name: "") }
        _ = try model.addVariable(name: String(repeating: "a", count: 255))
        _ = try model.addVariable(name: "with space [1] - é")
    }

    @Test("a variable or constraint of another model is an error")
    func foreignVariable() throws {
        var first = LinearModel()
        var second = LinearModel()
        let x = try first.addVariable(name: "x")
        let y = try second.addVariable(name: "y")
        #expect(throws: ModelError.foreignVariable(context: "constraint c")) { try second.add(x <= 1, name: "c") }
        #expect(throws: ModelError.self) { try second.add(x + y <= 1) }
        #expect(throws: ModelError.self) { try second.minimize(x) }
        let row = try first.add(x <= 1)
        #expect(throws: ModelError.self) { try second.setBounds(of: row, lower: 0, upper: 1) }
    }

    @Test("rows are stored canonically in compressed sparse row form")
    func sparseRows() throws {
        var model = LinearModel()
        let x = try model.addVariable()
        let y = try model.addVariable()
        let first = try model.add(y + x + y <= 4)
        _ = try model.addConstraint(columns: [1, 0, 1], coefficients: [1, 0, -1], lower: 0, upper: 0)
        #expect(model.rowStart == [0, 2, 2])
        #expect(Array(model.row(first).columns) == [1, 0])
        #expect(Array(model.row(first).values) == [2, 1])
        try model.setCoefficient(5, of: x, in: first)
        try model.setCoefficient(0, of: y, in: first)
        #expect(Array(model.row(first).columns) == [0])
        #expect(Array(model.row(first).values) == [5])
        #expect(model.rowStart == [0, 1, 1])
    }

    @Test("a RowBuilder row is added as written: repeats summed, zeros dropped, first-appearance order")
    func rowBuilder() throws {
        var model = LinearModel()
        let x = try model.addVariable()
        let y = try model.addVariable()
        let t = try model.addVariable()
        var row = RowBuilder(reservingCapacity: 4)
        row.add(1, each: [x.index, y.index])
        row.add(-0.4, t.index)
        let share = try model.addConstraint(row, lower: -.infinity, upper: 0, name: "share")
        #expect(Array(model.row(share).columns) == [0, 1, 2])
        #expect(Array(model.row(share).values) == [1, 1, -0.4])
        #expect(model.rowUpper[share.index] == 0 && model.rowNames[share.index] == "share")
        // The survive habit: T written first with (1 - gamma), once; a zero term drops out.
        row.removeAll()
        #expect(row.isEmpty)
        row.add(1 - 0.7, t.index)
        row.add(-1, x.index)
        row.add(0, y.index)
        row.add(-1, x.index)
        let survive = try model.addConstraint(row, lower: 0, upper: .infinity)
        #expect(Array(model.row(survive).columns) == [2, 0])
        #expect(Array(model.row(survive).values) == [1 - 0.7, -2])
        #expect(throws: ModelError.self) {
            var bad = RowBuilder()
            bad.add(.nan, x.index)
            try model.addConstraint(bad, lower: 0, upper: 1)
        }
    }
}
