// Plans and the workflows' results for scripts: JSON with sorted keys, and the supplier rows of
// `lode solve --format csv`.
import Foundation
import LodeSourcing

/// The plan as JSON for scripts: keys sorted, so the same input gives the same bytes.
public enum PlanJSON {
    /// Pretty-printed, keys sorted, slashes unescaped; ends with a line break.
    public static func encode<T: Encodable>(_ value: T) throws -> String {
        if let bytes = try? FastJSON.encode(value, pretty: true) {
            return String(decoding: bytes, as: UTF8.self) + "\n"
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
    }

    /// On one line, keys sorted, slashes unescaped, no line break (a JSON lines record).
    public static func line<T: Encodable>(_ value: T) throws -> String {
        if let bytes = try? FastJSON.encode(value, pretty: false) { return String(decoding: bytes, as: UTF8.self) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}

/// The supplier rows as CSV.
public enum PlanCSV {
    /// One row per supplier (per supplier and period in a model with periods: a `period` column
    /// then comes after `status`).
    public static func suppliers(_ plan: Plan) -> String {
        let periods = plan.periods != nil
        var table = Table(
            header: ["policy", "status"] + (periods ? ["period"] : []) + [
                "supplier", "commodity", "stage", "country", "volume", "share",
                "capacity", "reserved_surge", "unit_cost",
            ])
        for line in plan.suppliers {
            table.rows.append(
                [plan.policy, plan.status.rawValue] + (periods ? [line.period ?? ""] : [])
                    + [line.id, line.commodity, line.stage, line.country]
                    + [line.volume, line.share, line.capacity, line.reservedSurge, line.unitCost].map(Format.plain))
        }
        return table.csv()
    }
}
