// The line charts' points, read back from the files `lode sweep` and `lode frontier` wrote,
// by the column names and keys of their schemas (RowSchema.swift).
import CSV
import Foundation

/// A line of points for a chart, read from the output of `lode sweep` or `lode frontier`.
public struct Series: Sendable {
    public var title: String
    public var xLabel: String
    public var yLabel: String
    public var points: [Point]
    public var xPercent: Bool

    public struct Point: Sendable, Equatable {
        public var x: Double
        public var y: Double
    }

    public enum ReadError: Error, CustomStringConvertible {
        case unreadable(String, String)
        public var description: String {
            switch self {
            case let .unreadable(path, why):
                return
                    "\(path): \(why) (fix: give the output of 'lode sweep' (csv or jsonl) or 'lode frontier' (csv or json))"
            }
        }
    }

    /// A sweep's objective against its first varied number (points that found a plan).
    public static func sweep(at path: String) throws -> Series {
        let text = try read(path)
        var points: [Point] = []
        var axis = "value"
        if text.hasPrefix("{") {
            let valuesKey = SweepSchema.JSONKey.values.stringValue
            let objectiveKey = SweepSchema.JSONKey.objective.stringValue
            for line in text.split(separator: "\n") {
                let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
                guard let object else { continue }
                if let manifest = object[SweepSchema.manifestKey] as? [String: Any],
                    let options = manifest["options"] as? [String: String]
                {
                    let vary = options[SweepSchema.varyOption]?.split(separator: " ").first
                    axis = vary.map { String($0.split(separator: "=")[0]) } ?? axis
                    continue
                }
                guard let values = object[valuesKey] as? [String: Double],
                    let objective = object[objectiveKey] as? Double,
                    let first = values[axis] ?? values.sorted(by: { $0.key < $1.key }).first?.value
                else { continue }
                points.append(Point(x: first, y: objective))
            }
        } else {
            let reader = try CSVReader(string: text, hasHeaderRow: true)
            guard let header = reader.headerRow, let columns = SweepSchema.CSVColumns(header: header) else {
                throw ReadError.unreadable(
                    path, "not a sweep CSV (its header starts with point, then the varied paths)")
            }
            axis = columns.axis
            while let row = reader.next() {
                // A short row (a file cut off, or edited) has no point to chart.
                guard row.count > max(columns.axisIndex, columns.objective) else { continue }
                if let x = Double(row[columns.axisIndex]), let y = Double(row[columns.objective]) {
                    points.append(Point(x: x, y: y))
                }
            }
        }
        guard !points.isEmpty else { throw ReadError.unreadable(path, "no point with a plan") }
        let percent = axis.hasSuffix(".max") || axis.hasSuffix(".min") || axis.hasSuffix(".coverage")
        return Series(
            title: "Sweep: cost against \(axis)", xLabel: axis, yLabel: "objective", points: points,
            xPercent: percent && points.allSatisfy { $0.x <= 1 })
    }

    /// A frontier's cost against its X.
    public static func frontier(at path: String) throws -> Series {
        let text = try read(path)
        var points: [Point] = []
        var versus = "X"
        if text.hasPrefix("{") {
            guard let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
                let list = object["points"] as? [[String: Any]]
            else { throw ReadError.unreadable(path, "not a frontier JSON") }
            versus = object["versus"] as? String ?? versus
            points = list.compactMap { point in
                guard let x = point["value"] as? Double, let y = point["cost"] as? Double else { return nil }
                return Point(x: x, y: y)
            }
        } else {
            let reader = try CSVReader(string: text, hasHeaderRow: true)
            guard let header = reader.headerRow, let columns = FrontierSchema.CSVColumns(header: header) else {
                throw ReadError.unreadable(path, "not a frontier CSV (point,epsilon,cost,X)")
            }
            versus = columns.versus
            while let row = reader.next() {
                guard row.count > max(columns.value, columns.cost) else { continue }
                if let x = Double(row[columns.value]), let y = Double(row[columns.cost]) {
                    points.append(Point(x: x, y: y))
                }
            }
        }
        guard !points.isEmpty else { throw ReadError.unreadable(path, "no points") }
        return Series(
            title: "Frontier: cost against \(versus)", xLabel: versus, yLabel: "cost", points: points,
            xPercent: versus.hasPrefix("share:"))
    }

    private static func read(_ path: String) throws -> String {
        do {
            return try String(contentsOfFile: path, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        } catch {
            throw ReadError.unreadable(path, "cannot be read")
        }
    }
}
