// A program's blocks once a set of linking columns is cut out (e.g. a plan's periods once its
// stock and project columns are fixed), and each such block as a program of its own.

extension LinearModel {
    /// Marks `columns` as linking (see `linkingColumns`), adding to any marked before.
    public mutating func markLinking(_ columns: [Int]) throws {
        for column in columns where !(column >= 0 && column < variableCount) {
            throw ModelError.indexOutOfRange(context: "markLinking(_:)", index: column, count: variableCount)
        }
        linkingColumns = Array(Set(linkingColumns + columns)).sorted()
    }

    /// The blocks that share no row once the `cut` columns are removed: as `independentBlocks()`,
    /// but without the cut columns, and without the rows whose only entries are cut columns
    /// (the rows that link the blocks and nothing else), which are in no block.
    public func blocks(cutting cut: [Int]) -> [ModelBlock] {
        var isCut = [Bool](repeating: false, count: variableCount)
        for column in cut where column >= 0 && column < variableCount { isCut[column] = true }
        return blocks(isCut: isCut)
    }

    /// The value a cut column rests at while its blocks are solved without it: its lower bound,
    /// else its upper one, else 0 (a free column).
    public func restingValue(ofColumn column: Int) -> Double {
        if columnLower[column].isFinite { return columnLower[column] }
        return columnUpper[column].isFinite ? columnUpper[column] : 0
    }

    /// The LP relaxation of `block` (as `relaxation(of:)`) with the `cut` columns held at their
    /// resting values: their entries are dropped and moved into the rows' bounds.
    public func relaxation(of block: ModelBlock, fixing cut: [Int]) -> LinearModel {
        var isCut = [Bool](repeating: false, count: variableCount)
        for column in cut where column >= 0 && column < variableCount { isCut[column] = true }
        var part = relaxation(of: block, keeping: { !isCut[$0] })
        for (k, row) in block.rows.enumerated() {
            var shift = 0.0
            for entry in rowStart[row]..<rowStart[row + 1] where isCut[Int(rowColumns[entry])] {
                shift += rowValues[entry] * restingValue(ofColumn: Int(rowColumns[entry]))
            }
            guard shift != 0 else { continue }
            // Infinite bounds stay infinite; a fixed row stays fixed (both shift alike).
            part.rowLower[k] -= shift
            part.rowUpper[k] -= shift
        }
        return part
    }
}
