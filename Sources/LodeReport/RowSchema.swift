// The rows of `lode sweep` (CSV and JSON lines) and `lode frontier` (CSV), defined once: the
// commands write them through these schemas and `Series` reads them back, by column name and
// key, for the report's charts.
import Foundation
import LodeSourcing

/// A sweep's row: the point, the varied numbers, the plan's status, objective and cost parts,
/// per stage its total, HHI and largest country, the binding rules and each rule's shadow price.
/// The columns are fixed up front from the axes, the model's stages and the policy's rules.
public struct SweepSchema: Sendable {
    public static let point = "point"
    public static let status = "status"
    public static let objective = "objective"
    /// A sweep with `--overlays`: the overlay's name and probability, after `point`.
    public static let overlay = "overlay"
    public static let probability = "probability"
    /// The run manifest's option that names the varied paths (`PATH=RANGE`, blank-separated).
    public static let varyOption = "vary"
    /// The key of the manifest record, the first line of JSON lines.
    public static let manifestKey = "manifest"

    /// The cost parts' columns, in order after the objective.
    static let costColumns: [(name: String, value: @Sendable (Costs) -> Double)] = [
        ("purchase", { $0.purchase }), ("freight", { $0.freight }), ("tariffs", { $0.tariffs }),
        ("carbon_penalty", { $0.carbonPenalty }), ("sustainability_penalty", { $0.sustainabilityPenalty }),
        ("labor_penalty", { $0.laborPenalty }), ("surge_fees", { $0.surgeFees }),
        ("shortfall_penalty", { $0.shortfallPenalty }),
    ]

    /// The varied paths, in the order of `--vary`.
    public let axes: [String]
    /// The model's commodities and stages, in file order: four columns each.
    let scopes: [(commodity: String, stage: String)]
    public let ruleIDs: [String]
    /// True for a sweep with overlays: rows carry the overlay's name and probability.
    public let overlays: Bool

    public init(axes: [String], model: SourcingModel, policy: Policy?, overlays: Bool = false) {
        self.axes = axes
        self.overlays = overlays
        scopes = model.commodities.flatMap { commodity in commodity.stages.map { (commodity.id, $0) } }
        ruleIDs = policy?.rules.map(\.id) ?? []
    }

    /// The CSV header: point, (with overlays: overlay, probability,) the axes, status, objective,
    /// costs, four columns per stage, binding, a shadow price per rule.
    public var header: [String] {
        var columns =
            [Self.point] + (overlays ? [Self.overlay, Self.probability] : []) + axes + [Self.status, Self.objective]
            + Self.costColumns.map(\.name)
        for scope in scopes {
            let key = "\(scope.commodity)/\(scope.stage)"
            columns += ["total[\(key)]", "hhi[\(key)]", "top_country[\(key)]", "top_share[\(key)]"]
        }
        columns.append("binding")
        return columns + ruleIDs.map { "shadow_price[\($0)]" }
    }

    /// Ten significant digits: the same point gives the same text whether solved warm or cold.
    public static func number(_ value: Double) -> String { Format.plain(value, significantDigits: 10) }

    /// A row's CSV cells, in the order of `header`.
    public func cells(_ row: SweepRow) -> [String] {
        let plan = row.plan
        var cells = [String(row.point)]
        if overlays { cells += [row.overlay?.name ?? "", row.overlay?.probability.map(Self.number) ?? ""] }
        cells += row.values.map(Self.number)
        cells += [plan.status.rawValue, plan.objective.map(Self.number) ?? ""]
        cells += Self.costColumns.map { column in plan.costs.map { Self.number(column.value($0)) } ?? "" }
        for scope in scopes {
            if let summary = plan.scopes.first(where: { $0.commodity == scope.commodity && $0.stage == scope.stage }) {
                let top = Format.largestShares(summary.shares, count: 1).first
                cells += [
                    Self.number(summary.total), Self.number(summary.hhi), top?.key ?? "",
                    top.map { Self.number($0.value) } ?? "",
                ]
            } else {
                cells += ["", "", "", ""]
            }
        }
        cells.append(plan.rules.filter(\.binding).map(\.id).joined(separator: ";"))
        cells += ruleIDs.map { id in plan.rules.first { $0.id == id }?.shadowPrice.map(Self.number) ?? "" }
        return cells
    }

    /// The CSV header line (no line break).
    public func csvHeader() -> String { CSVText.line(header) }

    /// A row as a CSV line (no line break).
    public func csvLine(_ row: SweepRow) -> String { CSVText.line(cells(row)) }

    /// A row as a JSON line (no line break): keys sorted.
    public func jsonLine(_ row: SweepRow) -> String {
        let plan = row.plan
        let value = JSONRow(
            point: row.point, overlay: overlays ? row.overlay?.name : nil,
            probability: overlays ? row.overlay?.probability : nil,
            values: Dictionary(zip(axes, row.values), uniquingKeysWith: { $1 }),
            status: plan.status.rawValue, objective: plan.objective, costs: plan.costs,
            scopes: plan.scopes.map {
                .init(commodity: $0.commodity, stage: $0.stage, total: $0.total, hhi: $0.hhi, shares: $0.shares)
            },
            binding: plan.rules.filter(\.binding).map(\.id),
            shadowPrices: Dictionary(
                plan.rules.compactMap { rule in rule.shadowPrice.map { (rule.id, $0) } },
                uniquingKeysWith: { $1 }))
        return (try? PlanJSON.line(value)) ?? "{}"
    }

    /// The run manifest as one line of JSON, keys sorted (no line break).
    public static func manifestJSON(_ manifest: RunManifest) throws -> String { try PlanJSON.line(manifest) }

    /// The manifest record that starts a sweep's JSON lines.
    public static func manifestLine(_ manifest: RunManifest) throws -> String {
        "{\"\(manifestKey)\":\(try manifestJSON(manifest))}"
    }

    /// The keys of a JSON line (those `Series` reads back among them).
    enum JSONKey: String, CodingKey {
        case point, overlay, probability, values, status, objective, costs, scopes, binding, shadowPrices =
            "shadow_prices"
    }

    private struct JSONRow: Encodable {
        let point: Int
        /// Only in a sweep with overlays (absent otherwise, as is a probability the overlay lacks).
        let overlay: String?
        let probability: Double?
        let values: [String: Double]
        let status: String
        @Nullable var objective: Double?
        @Nullable var costs: Costs?
        let scopes: [ScopeLine]
        let binding: [String]
        let shadowPrices: [String: Double]

        struct ScopeLine: Encodable {
            let commodity: String, stage: String, total: Double, hhi: Double, shares: [String: Double]
        }

        typealias CodingKeys = JSONKey
    }

    /// Where a sweep CSV's columns are, found by name in its header: the first varied path (the
    /// columns between `point` and the plan's columns) and the objective; nil when the header is
    /// not a sweep's.
    struct CSVColumns {
        let axis: String
        let axisIndex: Int
        let objective: Int
        /// The second varied path's column, when the sweep varied two or more.
        let second: Int?
        let status: Int?

        init?(header: [String]) {
            guard header.first == SweepSchema.point, header.count > 2,
                let objective = header.firstIndex(of: SweepSchema.objective)
            else { return nil }
            let planColumn = header.firstIndex(of: SweepSchema.status).map { min($0, objective) } ?? objective
            // A sweep with overlays has their name and probability before the varied paths.
            let first = header[1] == SweepSchema.overlay && header.count > 3 ? 3 : 1
            guard planColumn > first else { return nil }
            axisIndex = first
            axis = header[axisIndex]
            self.objective = objective
            second = planColumn > first + 1 ? first + 1 : nil
            status = header.firstIndex(of: SweepSchema.status)
        }
    }
}

/// A frontier's CSV row: the point's number, its epsilon, the cost, and X under the name given
/// to `--versus` (the last column).
public enum FrontierSchema {
    public static let point = "point"
    public static let epsilon = "epsilon"
    public static let cost = "cost"

    public static func header(versus: String) -> [String] { [point, epsilon, cost, versus] }

    public static func cells(index: Int, point: FrontierPoint) -> [String] {
        [String(index)] + [point.epsilon, point.cost, point.value].map(Format.plain)
    }

    /// Where a frontier CSV's cost and X are, by name; nil when the header is not a frontier's.
    struct CSVColumns {
        let versus: String
        let cost: Int
        let value: Int

        init?(header: [String]) {
            let fixed = [FrontierSchema.point, FrontierSchema.epsilon, FrontierSchema.cost]
            guard header.count == fixed.count + 1, header.first == FrontierSchema.point,
                let cost = header.firstIndex(of: FrontierSchema.cost), cost < header.count - 1
            else { return nil }
            self.cost = cost
            value = header.count - 1
            versus = header[value]
        }
    }
}
