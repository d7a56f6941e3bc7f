// `lode summarize`: per numeric output column of a sweep, the count, mean, P10/P50/P90, min and
// max, and the shares of points infeasible, without a plan and short, over all points or by
// group of a varied path; weighted by an overlay's `probability` column when the rows carry one.
import LodeSourcing

public struct SweepSummary: Sendable, Encodable {
    /// The quantile definition, as the JSON and the table state it.
    public static let quantileDefinition =
        "linear interpolation between order statistics (Hyndman and Fan type 7, as R's default and numpy's "
        + "'linear'); weighted: the same with each sorted value placed at the weight below it over the total "
        + "weight less the largest value's"
    /// What "short" reads.
    public static let shortDefinition = "shortfall_penalty > 0: demand left unmet"

    public struct Column: Sendable, Encodable, Equatable {
        public let column: String
        /// Points with a value (points without a plan have none).
        public let count: Int
        public let mean: Double
        public let p10: Double
        public let p50: Double
        public let p90: Double
        public let min: Double
        public let max: Double
    }

    public struct Group: Sendable, Encodable {
        /// The value of the `by` path (nil: all points).
        @Nullable public var value: Double?
        public let points: Int
        /// The sum of the points' probabilities (the number of points when unweighted).
        public let weight: Double
        public let infeasibleShare: Double
        public let noPlanShare: Double
        public let shortShare: Double
        public let columns: [Column]

        enum CodingKeys: String, CodingKey {
            case value, points, weight, columns, infeasibleShare = "infeasible_share", noPlanShare = "no_plan_share",
                shortShare = "short_share"
        }
    }

    @Nullable public var by: String?
    public let weighted: Bool
    public let points: Int
    public let quantiles: String
    public let short: String
    public let groups: [Group]

    /// Summarises `data`, over all points or by value of the varied path `by` (which must be one
    /// of `data.axes`).
    public init(_ data: SweepData, by: String?) {
        self.by = by
        weighted = data.probabilities != nil
        points = data.count
        quantiles = Self.quantileDefinition
        short = Self.shortDefinition
        let weights = data.probabilities ?? Array(repeating: 1, count: data.count)
        var groups: [(Double?, [Int])] = [(nil, Array(0..<data.count))]
        if let by, let axis = data.axes.firstIndex(of: by) {
            let keys = Array(Set(data.values.map { $0[axis] }.filter { !$0.isNaN })).sorted()
            groups = keys.map { key in (key, data.values.indices.filter { data.values[$0][axis] == key }) }
        }
        let shortColumn = data.columns.firstIndex(of: "shortfall_penalty")
        self.groups = groups.map { key, rows in
            let total = rows.reduce(0) { $0 + weights[$1] }
            func share(_ test: (Int) -> Bool) -> Double {
                total > 0 ? rows.filter(test).reduce(0) { $0 + weights[$1] } / total : 0
            }
            let columns = data.columns.indices.compactMap { column -> Column? in
                let pairs = rows.compactMap { row in data.outputs[row][column].map { ($0, weights[row]) } }
                return Self.column(data.columns[column], pairs)
            }
            return Group(
                value: key, points: rows.count, weight: total,
                infeasibleShare: share { data.statuses[$0] == "infeasible" },
                noPlanShare: share { !["optimal", "feasible"].contains(data.statuses[$0]) },
                shortShare: share { row in shortColumn.map { (data.outputs[row][$0] ?? 0) > 0 } ?? false },
                columns: columns)
        }
    }

    /// A column's figures from its (value, weight) pairs; nil when no point has a value.
    static func column(_ name: String, _ pairs: [(Double, Double)]) -> Column? {
        let kept = pairs.filter { $0.1 > 0 }.sorted { $0.0 < $1.0 }
        guard !kept.isEmpty else { return nil }
        let total = kept.reduce(0) { $0 + $1.1 }
        let mean = kept.reduce(0) { $0 + $1.0 * $1.1 } / total
        return Column(
            column: name, count: kept.count, mean: mean, p10: quantile(kept, 0.1), p50: quantile(kept, 0.5),
            p90: quantile(kept, 0.9), min: kept.first!.0, max: kept.last!.0)
    }

    /// The `p` quantile of sorted (value, weight) pairs, weights > 0: value i sits at position
    /// (weight of values 1..<i) / (total weight - weight of the last), and `p` is interpolated
    /// linearly between the positions around it. Equal weights give type 7: position (i-1)/(n-1).
    public static func quantile(_ sorted: [(Double, Double)], _ p: Double) -> Double {
        guard sorted.count > 1 else { return sorted[0].0 }
        let total = sorted.reduce(0) { $0 + $1.1 }
        let span = total - sorted.last!.1
        var below = 0.0
        for index in 0..<(sorted.count - 1) {
            let here = below / span
            let next = (below + sorted[index].1) / span
            if p <= next || index == sorted.count - 2 {
                let fraction = next > here ? Swift.min(1, Swift.max(0, (p - here) / (next - here))) : 0
                return sorted[index].0 + fraction * (sorted[index + 1].0 - sorted[index].0)
            }
            below += sorted[index].1
        }
        return sorted.last!.0
    }
}

/// A summary as a table for people or CSV (long form) for scripts; JSON is `PlanJSON.encode`.
public enum SweepSummaryText {
    public static func table(_ summary: SweepSummary, file: String, width: Int? = nil) -> String {
        var lines: [String] = []
        let weighted = summary.weighted ? ", weighted by their probability column" : ""
        lines.append("\(file): \(Format.number(Double(summary.points))) points\(weighted)")
        for group in summary.groups {
            lines.append("")
            if let value = group.value, let by = summary.by {
                lines.append("\(by) = \(SweepSchema.number(value)): \(Format.number(Double(group.points))) points")
            }
            lines.append(
                "infeasible \(Format.percent(group.infeasibleShare)), without a plan (any cause) \(Format.percent(group.noPlanShare)), "
                    + "short \(Format.percent(group.shortShare)) (\(SweepSummary.shortDefinition))")
            let rows = group.columns.map { column in
                [column.column, Format.number(Double(column.count))]
                    + [column.mean, column.p10, column.p50, column.p90, column.min, column.max].map {
                        Format.compact($0)
                    }
            }
            let table = Table(
                header: ["column", "count", "mean", "P10", "P50", "P90", "min", "max"], rows: rows,
                rightAligned: Set(1...7))
            let whole = table.text(width: nil)
            if let width, whole.contains(where: { $0.count > width }) {
                // Too wide with the names beside the numbers: each name on a line of its own above
                // its numbers, so that neither a name nor a number is cut.
                let numbers = Table(
                    header: ["count", "mean", "P10", "P50", "P90", "min", "max"],
                    rows: rows.map { Array($0.dropFirst()) },
                    rightAligned: Set(0...6)
                ).text(indent: "  ", width: nil)
                lines.append(numbers[0])
                for (name, line) in zip(rows.map(\.[0]), numbers.dropFirst()) {
                    lines.append(name)
                    lines.append(line)
                }
            } else {
                lines += whole
            }
        }
        lines.append("")
        lines.append(
            "P10, P50, P90: linear interpolation between order statistics (type 7)"
                + (summary.weighted ? ", weighted by probability" : "") + "; count: points with a value.")
        return Table.page(lines, width: width)
    }

    public static let csvHeader = [
        "by", "value", "points", "weight", "infeasible_share", "no_plan_share", "short_share", "column", "count",
        "mean", "p10", "p50", "p90", "min", "max",
    ]

    /// One line per group and column; the group's figures repeated on each of its lines.
    public static func csv(_ summary: SweepSummary) -> String {
        var lines = [CSVText.line(csvHeader)]
        for group in summary.groups {
            let head =
                [summary.by ?? "", group.value.map(SweepSchema.number) ?? "", String(group.points)]
                + [group.weight, group.infeasibleShare, group.noPlanShare, group.shortShare].map(SweepSchema.number)
            for column in group.columns {
                lines.append(
                    CSVText.line(
                        head + [column.column, String(column.count)]
                            + [column.mean, column.p10, column.p50, column.p90, column.min, column.max].map(
                                SweepSchema.number)))
            }
        }
        return lines.map { $0 + "\n" }.joined()
    }
}
