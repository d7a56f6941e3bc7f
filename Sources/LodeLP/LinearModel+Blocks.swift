/// Part of a program that shares no row with the rest: its rows and columns, by index.
public struct ModelBlock: Sendable, Equatable {
    public let rows: [Int]
    public let columns: [Int]
}

extension ModelBlock {
    /// `blocks` joined into at most `count` blocks of about equal size (rows plus columns), the
    /// largest first, each keeping its rows and columns in order. A program of thousands of tiny
    /// independent blocks is then solved as a few programs, not thousands.
    public static func merged(_ blocks: [ModelBlock], into count: Int) -> [ModelBlock] {
        guard blocks.count > count, count >= 1 else { return blocks }
        return balanced(sizes: blocks.map { $0.rows.count + $0.columns.count }, into: count)
            .map { group in
                ModelBlock(
                    rows: group.flatMap { blocks[$0].rows }.sorted(),
                    columns: group.flatMap { blocks[$0].columns }.sorted())
            }
            .sorted { ($0.columns.first ?? 0) < ($1.columns.first ?? 0) }
    }

    /// Items of the given sizes dealt into `count` groups of about equal total size: the largest
    /// first, each to the group with the least so far. Returns each group's item positions.
    public static func balanced(sizes: [Int], into count: Int) -> [[Int]] {
        var groups = Array(repeating: [Int](), count: max(1, count))
        var load = Array(repeating: 0, count: groups.count)
        for item in sizes.indices.sorted(by: { sizes[$0] > sizes[$1] }) {
            let group = load.indices.min { load[$0] < load[$1] }!
            groups[group].append(item)
            load[group] += sizes[item]
        }
        return groups
    }
}

extension LinearModel {
    /// The program split into blocks that share no row: two columns are in one block when some
    /// row holds both. Rows without entries and columns in no row join the first block (they need
    /// no solver work). Blocks come in the order of their first column.
    ///
    /// A sourcing program of several commodities with no pooled rule is one block per commodity,
    /// and the simplex method costs more than linearly in a program's size: the three blocks of
    /// a 10,000-supplier program solved one after the other in half the time of the whole.
    public func independentBlocks() -> [ModelBlock] {
        blocks(isCut: [Bool](repeating: false, count: variableCount))
    }

    /// The blocks once the columns flagged in `isCut` are removed (see `blocks(cutting:)`).
    func blocks(isCut: [Bool]) -> [ModelBlock] {
        var parent = Array(0..<variableCount)
        func root(_ column: Int) -> Int {
            var column = column
            while parent[column] != column {
                parent[column] = parent[parent[column]]
                column = parent[column]
            }
            return column
        }
        /// The first entry of `row` that is not cut, if any.
        func firstKept(_ row: Int) -> Int? {
            for entry in rowStart[row]..<rowStart[row + 1] where !isCut[Int(rowColumns[entry])] {
                return Int(rowColumns[entry])
            }
            return nil
        }
        for row in 0..<constraintCount {
            guard let kept = firstKept(row) else { continue }
            let first = root(kept)
            for entry in rowStart[row]..<rowStart[row + 1] where !isCut[Int(rowColumns[entry])] {
                let other = root(Int(rowColumns[entry]))
                if other != first { parent[other] = first }
            }
        }
        // Number the blocks that have rows in order of their first column.
        var blockOfRoot: [Int: Int] = [:]
        var hasRow = Array(repeating: false, count: variableCount)
        for row in 0..<constraintCount {
            if let kept = firstKept(row) { hasRow[root(kept)] = true }
        }
        var columns: [[Int]] = []
        var loose: [Int] = []
        for column in 0..<variableCount where !isCut[column] {
            let top = root(column)
            guard hasRow[top] else {
                loose.append(column)
                continue
            }
            if let block = blockOfRoot[top] {
                columns[block].append(column)
            } else {
                blockOfRoot[top] = columns.count
                columns.append([column])
            }
        }
        var rows = Array(repeating: [Int](), count: max(1, columns.count))
        var emptyRows: [Int] = []
        for row in 0..<constraintCount {
            if let kept = firstKept(row) {
                rows[blockOfRoot[root(kept)]!].append(row)
            } else if rowStart[row + 1] == rowStart[row] {
                emptyRows.append(row)
            }  // else: only cut columns, a linking row in no block
        }
        if columns.isEmpty { columns = [[]] }
        if !loose.isEmpty { columns[0] = (columns[0] + loose).sorted() }
        if !emptyRows.isEmpty { rows[0] = (rows[0] + emptyRows).sorted() }
        return zip(rows, columns).map { ModelBlock(rows: $0, columns: $1) }
    }

    /// The program restricted to `block`, with continuous columns (the block's LP relaxation)
    /// and no objective constant; row and column `k` are the block's `k`-th. The block's linking
    /// columns stay linking.
    public func relaxation(of block: ModelBlock) -> LinearModel {
        relaxation(of: block, keeping: { _ in true })
    }

    /// `relaxation(of:)` with only the entries of the columns that `keep` accepts.
    func relaxation(of block: ModelBlock, keeping keep: (Int) -> Bool) -> LinearModel {
        var part = LinearModel()
        part.sense = sense
        var position = [Int32](repeating: -1, count: variableCount)
        for (k, column) in block.columns.enumerated() { position[column] = Int32(k) }
        part.columnNames = block.columns.map { columnNames[$0] }
        part.columnLower = block.columns.map { columnLower[$0] }
        part.columnUpper = block.columns.map { columnUpper[$0] }
        part.columnKinds = Array(repeating: .continuous, count: block.columns.count)
        part.objectiveCoefficients = block.columns.map { objectiveCoefficients[$0] }
        part.linkingColumns = linkingColumns.compactMap { position[$0] >= 0 ? Int(position[$0]) : nil }
        part.rowNames = block.rows.map { rowNames[$0] }
        part.rowLower = block.rows.map { rowLower[$0] }
        part.rowUpper = block.rows.map { rowUpper[$0] }
        part.rowStart.reserveCapacity(block.rows.count + 1)
        for row in block.rows {
            for entry in rowStart[row]..<rowStart[row + 1] where keep(Int(rowColumns[entry])) {
                part.rowColumns.append(position[Int(rowColumns[entry])])
                part.rowValues.append(rowValues[entry])
            }
            part.rowStart.append(part.rowValues.count)
        }
        return part
    }
}
