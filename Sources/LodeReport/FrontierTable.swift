// `lode frontier --format table|csv`: cost against X, from the cheapest plan to the least X.
import LodeSourcing

/// A frontier as text for a person or as CSV rows (`FrontierSchema`) for scripts.
public struct FrontierTable: Sendable {
    public let frontier: Frontier

    public init(frontier: Frontier) { self.frontier = frontier }

    public func csv() -> String {
        var table = Table(header: FrontierSchema.header(versus: frontier.versus))
        for (index, point) in frontier.points.enumerated() {
            table.rows.append(FrontierSchema.cells(index: index, point: point))
        }
        return table.csv()
    }

    public func render() -> String {
        var lines = [
            "\(frontier.model): cost versus \(frontier.versus) (\(frontier.unit)) "
                + "under policy \(frontier.policy)", "",
        ]
        if frontier.points.isEmpty {
            lines.append("The policy has no plan, so there is no frontier (see 'lode explain').")
        }
        var table = Table(header: ["Point", "Cost", frontier.versus, "Cost over cheapest"], rightAligned: [1, 2, 3])
        let cheapest = frontier.points.first?.cost ?? 0
        let percent = frontier.versus != "carbon" && frontier.versus != "hhi"  // a country's share
        for (index, point) in frontier.points.enumerated() {
            let value = percent ? Format.percent(point.value) : Format.number(point.value)
            table.rows.append([
                "\(index)", Format.number(point.cost), value,
                "+" + Format.number(point.cost - cheapest),
            ])
        }
        lines += table.text(indent: "  ")
        return lines.joined(separator: "\n") + "\n"
    }
}
