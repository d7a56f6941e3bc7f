// `lode stress --format table|csv`: the share of demand a plan still delivers under each
// disruption, worst first.
import LodeSourcing

/// A stress test as text for a person or as CSV rows for scripts. `commodities` are the model's,
/// in file order (one delivered and one shortfall column each).
public struct StressTable: Sendable {
    public let report: StressReport
    public let commodities: [String]
    /// Each commodity's unit (the model's `unit` field); t when not named.
    public let units: [String: String]
    /// The model's currency, for the costs.
    public let currency: String?

    public init(report: StressReport, commodities: [String], units: [String: String] = [:], currency: String? = nil) {
        self.report = report
        self.commodities = commodities
        self.units = units
        self.currency = currency
    }

    public func csv() -> String {
        var table = Table(
            header: ["disruption", "worst_delivered", "cost"] + commodities.map { "delivered[\($0)]" }
                + commodities.map { "shortfall[\($0)]" })
        for item in report.cases {
            table.rows.append(
                [item.disruption] + [item.worstDelivered, item.cost].map(Format.plain)
                    + commodities.map { Format.plain(item.delivered[$0] ?? 0) }
                    + commodities.map { Format.plain(item.shortfall[$0] ?? 0) })
        }
        return table.csv()
    }

    /// The disruptions as text, the table fitting `width` columns (no limit when nil).
    public func render(width: Int? = nil) -> String {
        let currency = self.currency ?? "the model's currency"
        let cost = report.planCost.map { Format.number($0) } ?? "-"
        var lines = [
            "\(report.model): plan of policy \(report.policy) (\(report.status.rawValue), cost \(cost)) "
                + "under disruptions, worst first", "",
        ]
        lines += table().text(indent: "  ", width: width)
        if report.cases.contains(where: { $0.worstPeriod != nil }) {
            lines.append(
                "  Over time the disruption lasts every period: delivered is the worst period's share, shortfall "
                    + "the sum over the periods, cost discounted.")
        }
        lines.append("  Delivered: share of demand met; shortfall in each commodity's unit; cost in \(currency).")
        return Table.page(lines, width: width)
    }

    /// One row per disruption; a column per commodity only when there are several.
    func table() -> Table {
        let perCommodity = commodities.count > 1 ? commodities : []
        // Over time: the delivered share of the worst period, and which period that is.
        var table = Table(header: ["Disruption", "Delivered"] + perCommodity + ["Worst period", "Shortfall", "Cost"])
        table.rightAligned = Set(1..<table.header.count)
        for item in report.cases {
            let shortfall = commodities.compactMap { id in
                (item.shortfall[id] ?? 0) > 1e-9
                    ? "\(id) \(Format.number(item.shortfall[id]!, decimals: 1)) \(units[id] ?? "t")" : nil
            }
            table.rows.append(
                [item.disruption, Format.percent(item.worstDelivered)]
                    + perCommodity.map { Format.percent(item.delivered[$0] ?? 0) }
                    + [
                        item.worstPeriod ?? "", shortfall.isEmpty ? "-" : shortfall.joined(separator: ", "),
                        Format.number(item.cost),
                    ])
        }
        return table
    }
}
