import Testing

@testable import LodeLP

@Suite("Independent blocks of a program")
struct IndependentBlockTests {
    /// x0..x5: rows join {x0, x2}, {x2, x4} and {x1, x3}; x5 is in no row; one row is empty.
    func program() throws -> LinearModel {
        var model = LinearModel()
        let x = try (0..<6).map { try model.addVariable(name: "x\($0)") }
        try model.add(x[0] + x[2] >= 1, name: "a")
        try model.add(x[1] + 2 * x[3] <= 4, name: "b")
        try model.add(x[2] - x[4] == 0, name: "c")
        try model.addConstraint(columns: [], coefficients: [], lower: 0, upper: 1, name: "empty")
        try model.minimize(x[0] + x[1] + x[2] + x[3] + x[4] + x[5])
        return model
    }

    @Test("columns that share a row are one block; loose columns and empty rows join the first")
    func blocks() throws {
        let blocks = try program().independentBlocks()
        #expect(
            blocks == [
                ModelBlock(rows: [0, 2, 3], columns: [0, 2, 4, 5]),
                ModelBlock(rows: [1], columns: [1, 3]),
            ])
    }

    @Test("a connected program is one block with everything")
    func oneBlock() throws {
        var model = try program()
        let x0 = try model.variable(at: 0), x1 = try model.variable(at: 1)
        try model.add(x0 + x1 <= 10, name: "join")
        let blocks = model.independentBlocks()
        #expect(blocks.count == 1)
        #expect(blocks[0].rows == Array(0..<5))
        #expect(blocks[0].columns == Array(0..<6))
    }

    @Test("a block's relaxation keeps its rows, bounds and costs, renumbered, with continuous columns")
    func relaxation() throws {
        var model = try program()
        _ = try model.addVariable(name: "y", upperBound: 3, kind: .integer)
        let y = try model.variable(at: 6), x3 = try model.variable(at: 3)
        try model.add(x3 + y <= 2, name: "d")
        let second = model.independentBlocks()[1]
        #expect(second == ModelBlock(rows: [1, 4], columns: [1, 3, 6]))
        let part = model.relaxation(of: second)
        #expect(part.variableCount == 3 && part.constraintCount == 2)
        #expect(part.columnNames == ["x1", "x3", "y"])
        #expect(part.columnKinds == [.continuous, .continuous, .continuous])
        #expect(part.columnUpper == [.infinity, .infinity, 3])
        #expect(part.rowNames == ["b", "d"])
        #expect(part.rowUpper == [4, 2])
        #expect(part.rowStart == [0, 2, 4])
        #expect(part.rowColumns == [0, 1, 1, 2])
        #expect(part.rowValues == [1, 2, 1, 1])
        #expect(part.objectiveCoefficients == [1, 1, 0])
        #expect(!part.isMIP)
    }
}

@Suite("Joining many small blocks")
struct MergedBlockTests {
    @Test("blocks join into at most n, about equal in size, covering every row and column once")
    func merged() throws {
        var model = LinearModel()
        for k in 0..<100 {
            let x = try model.addVariable(name: "x\(k)")
            let y = try model.addVariable(name: "y\(k)")
            try model.add(x + y >= Double(k % 5 + 1), name: "r\(k)")
        }
        let blocks = model.independentBlocks()
        #expect(blocks.count == 100)
        let merged = ModelBlock.merged(blocks, into: 16)
        #expect(merged.count == 16)
        #expect(merged.flatMap(\.rows).sorted() == Array(0..<100))
        #expect(merged.flatMap(\.columns).sorted() == Array(0..<200))
        let sizes = merged.map { $0.rows.count + $0.columns.count }
        #expect(sizes.max()! - sizes.min()! <= 3)
        #expect(ModelBlock.merged(Array(blocks.prefix(3)), into: 16).count == 3)
    }
}

@Suite("Blocks once linking columns are cut")
struct CutBlockTests {
    /// Two periods: x0, x1 bought, s the stock carried from the first to the second (in [2, 9]).
    static func twoPeriods() throws -> (model: LinearModel, stock: Variable) {
        var model = LinearModel()
        let x0 = try model.addVariable(name: "x0", upperBound: 20)
        let y0 = try model.addVariable(name: "y0", upperBound: 20)
        let s = try model.addVariable(name: "s", lowerBound: 2, upperBound: 9)
        let x1 = try model.addVariable(name: "x1", upperBound: 20)
        try model.add(x0 + y0 - s == 10, name: "demand0")
        try model.add(x1 + s == 12, name: "demand1")
        try model.add(1 * s <= 8, name: "stock_only")
        try model.minimize(x0 + 2 * y0 + s + 3 * x1)
        try model.markLinking([s.index])
        return (model, s)
    }

    @Test("cutting the stock leaves one block per period; rows of cut columns only are in none")
    func cut() throws {
        let (model, s) = try Self.twoPeriods()
        #expect(model.linkingColumns == [s.index])
        #expect(model.independentBlocks().count == 1)
        let blocks = model.blocks(cutting: model.linkingColumns)
        #expect(blocks == [ModelBlock(rows: [0], columns: [0, 1]), ModelBlock(rows: [1], columns: [3])])
        #expect(model.blocks(cutting: []) == model.independentBlocks())
    }

    @Test("a block's relaxation with the cut columns at rest moves them into the rows' bounds")
    func fixing() throws {
        let (model, s) = try Self.twoPeriods()
        let second = model.blocks(cutting: [s.index])[1]
        let part = model.relaxation(of: second, fixing: [s.index])
        #expect(part.variableCount == 1 && part.constraintCount == 1)
        // x1 + s = 12 with s at its lower bound 2: x1 = 10.
        #expect(part.rowLower == [10] && part.rowUpper == [10])
        #expect(part.rowColumns == [0] && part.rowValues == [1])
        #expect(part.linkingColumns.isEmpty)
        // The plain relaxation keeps the block's linking columns, at their new positions.
        let whole = model.relaxation(of: ModelBlock(rows: [0, 1], columns: [0, 1, 2, 3]))
        #expect(whole.linkingColumns == [2])
        #expect(model.restingValue(ofColumn: s.index) == 2)
    }

    @Test("a linking column out of range is an error")
    func outOfRange() throws {
        var model = try Self.twoPeriods().model
        #expect(throws: ModelError.self) { try model.markLinking([4]) }
    }
}
