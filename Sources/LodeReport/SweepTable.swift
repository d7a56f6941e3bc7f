// `lode sweep --format table`: a sweep for people, one line per point: the varied values, the
// plan's status, its objective and the binding rules. Rows for scripts are `SweepSchema`.
import LodeSourcing

public struct SweepTable: Sendable {
    /// The varied paths, in the order of `--vary`.
    public let axes: [String]
    public let currency: String
    public private(set) var rows: [[String]] = []
    /// True for a sweep with overlays: an `overlay` column after the point.
    public let overlays: Bool

    public init(axes: [String], currency: String, overlays: Bool = false) {
        self.axes = axes
        self.currency = currency
        self.overlays = overlays
    }

    /// A path's column: its last two parts (`single-country-cap.max`), or the whole path when two
    /// axes would share that name.
    var axisHeaders: [String] {
        let short = axes.map { $0.split(separator: ".").suffix(2).joined(separator: ".") }
        return short.enumerated().map { index, name in
            short.filter { $0 == name }.count > 1 ? axes[index] : name
        }
    }

    public mutating func append(_ row: SweepRow) {
        let plan = row.plan
        let binding = plan.rules.filter(\.binding).map(\.id)
        var cells = [String(row.point)]
        if overlays { cells.append(row.overlay?.name ?? "") }
        cells += row.values.map(SweepSchema.number)
        cells += [
            plan.status.rawValue, plan.objective.map { Format.number($0) } ?? "-",
            binding.isEmpty ? "-" : binding.joined(separator: ", "),
        ]
        rows.append(cells)
    }

    public func table() -> Table {
        let named = overlays ? ["overlay"] : []
        let header = ["point"] + named + axisHeaders + ["status", "objective (\(currency))", "binding rules"]
        let shift = named.count
        let numbers = Set([0] + axes.indices.map { $0 + 1 + shift }).union([axes.count + shift + 2])
        return Table(header: header, rows: rows, rightAligned: numbers)
    }

    /// The table's lines, each ending in a line break; a legend of the shortened paths first.
    public func render() -> String {
        let legend = zip(axisHeaders, axes).filter { $0 != $1 }.map { "\($0) = \($1)" }
        return (legend + (legend.isEmpty ? [] : [""]) + table().text()).map { $0 + "\n" }.joined()
    }
}
