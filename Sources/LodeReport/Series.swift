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

    /// One line of a chart: a two-parameter sweep draws one per value of its second path.
    public struct Line: Sendable, Equatable {
        /// `path = value`, or nil for the only line.
        public var label: String?
        public var points: [Point]
    }

    /// The lines to draw; empty means one line of `points`.
    public var lines: [Line] = []
    /// The first varied number of each sweep point that found no plan, with its status.
    public var failed: [(x: Double, status: String)] = []
    /// A sweep's first point without a plan, as `--set` paths and values (the first varied path,
    /// and the second when there is one), so that a report can name the rules in conflict there.
    public var firstFailure: [(path: String, value: Double)]? = nil
    /// The policy a sweep solved, from its manifest.
    public var policy: String? = nil
    /// The model hash and file in the manifest the sweep carries (nil when there is none).
    public var modelSHA256: String? = nil
    public var manifestModel: String? = nil

    /// A sweep's objective against its first varied number (points that found a plan), one
    /// line per value of the second varied number, the points without a plan, and the model
    /// hash of its manifest (the first JSON line, or FILE.manifest.json beside a CSV file).
    public static func sweep(at path: String) throws -> Series {
        let text = try read(path)
        // (x, second axis value, objective or nil, status)
        var rows: [(x: Double, group: Double?, y: Double?, status: String)] = []
        var axis = "value"
        var second: String?
        var manifest: [String: Any]?
        if text.hasPrefix("{") {
            let valuesKey = SweepSchema.JSONKey.values.stringValue
            let objectiveKey = SweepSchema.JSONKey.objective.stringValue
            let statusKey = SweepSchema.JSONKey.status.stringValue
            for line in text.split(separator: "\n") {
                let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
                guard let object else { continue }
                if let record = object[SweepSchema.manifestKey] as? [String: Any] {
                    manifest = record
                    let options = record["options"] as? [String: String]
                    let vary = options?[SweepSchema.varyOption]?.split(separator: " ").map {
                        String($0.split(separator: "=")[0])
                    }
                    axis = vary?.first ?? axis
                    second = vary.flatMap { $0.count > 1 ? $0[1] : nil }
                    continue
                }
                guard let values = object[valuesKey] as? [String: Double],
                    let first = values[axis] ?? values.sorted(by: { $0.key < $1.key }).first?.value
                else { continue }
                let objective = object[objectiveKey] as? Double
                let status = object[statusKey] as? String ?? (objective == nil ? "" : "optimal")
                rows.append((first, second.flatMap { values[$0] }, objective, status))
            }
        } else {
            let reader = try CSVReader(string: text, hasHeaderRow: true)
            guard let header = reader.headerRow, let columns = SweepSchema.CSVColumns(header: header) else {
                throw ReadError.unreadable(
                    path, "not a sweep CSV (its header starts with point, then the varied paths)")
            }
            axis = columns.axis
            second = columns.second.map { header[$0] }
            while let row = reader.next() {
                // A short row (a file cut off, or edited) has no point to chart.
                guard row.count > max(columns.axisIndex, columns.objective), let x = Double(row[columns.axisIndex])
                else { continue }
                let group = columns.second.flatMap { Double(row[$0]) }
                let status = columns.status.map { row[$0] } ?? ""
                rows.append((x, group, Double(row[columns.objective]), status))
            }
            let beside = path + ".manifest.json"
            if let data = FileManager.default.contents(atPath: beside) {
                manifest = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
            }
        }
        let points = rows.compactMap { row in row.y.map { Point(x: row.x, y: $0) } }
        guard !points.isEmpty else { throw ReadError.unreadable(path, "no point with a plan") }
        let percent = axis.hasSuffix(".max") || axis.hasSuffix(".min") || axis.hasSuffix(".coverage")
        var series = Series(
            title: "Sweep: cost against \(axis)", xLabel: axis, yLabel: "objective", points: points,
            xPercent: percent && points.allSatisfy { $0.x <= 1 })
        if let second {
            let groups = Array(Set(rows.compactMap(\.group))).sorted()
            if groups.count > 1 {
                series.lines = groups.map { group in
                    Line(
                        label: "\(second) = \(Format.compact(group))",
                        points: rows.compactMap { row in
                            row.group == group ? row.y.map { Point(x: row.x, y: $0) } : nil
                        })
                }
            }
        }
        series.failed = rows.filter { $0.y == nil }.map { ($0.x, $0.status.isEmpty ? "no plan" : $0.status) }
        if let row = rows.first(where: { $0.y == nil && $0.status == "infeasible" }) {
            series.firstFailure = [(axis, row.x)] + (second.flatMap { path in row.group.map { [(path, $0)] } } ?? [])
        }
        series.policy = (manifest?["options"] as? [String: String])?["policy"]
        series.modelSHA256 = manifest?["model_sha256"] as? String
        series.manifestModel = manifest?["model"] as? String
        return series
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
