import Foundation
import LodeSourcing

/// The plan as JSON for scripts: keys sorted, so the same input gives the same bytes.
enum PlanJSON {
    static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
    }
}

/// The supplier rows as CSV.
enum PlanCSV {
    static func suppliers(_ plan: Plan) -> String {
        var lines = ["policy,status,supplier,commodity,stage,country,volume,share,capacity,reserved_surge,unit_cost"]
        for line in plan.suppliers {
            lines.append([plan.policy, plan.status.rawValue, line.id, line.commodity, line.stage, line.country,
                          number(line.volume), number(line.share), number(line.capacity), number(line.reservedSurge),
                          number(line.unitCost)].map(field).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }

    /// Quotes a field when it holds a comma, quote or line break.
    static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
