// A sweep's rows read back as numbers, for summaries and the report's bands: per row the varied
// values, the status, every numeric output column (named as in the CSV: objective, the cost
// parts, total[c/s], hhi[c/s], top_share[c/s], shadow_price[rule]) and an overlay's probability.
import Foundation
import LodeSourcing

public struct SweepData: Sendable {
    /// The varied paths.
    public var axes: [String] = []
    /// The numeric output columns, in the file's order.
    public var columns: [String] = []
    /// Per row: the value of each axis (nan where a row has none).
    public var values: [[Double]] = []
    /// Per row: each column's value (nil where the row has none, e.g. no plan).
    public var outputs: [[Double?]] = []
    public var statuses: [String] = []
    /// Per row: the `probability` column of an overlay, when the rows carry one.
    public var probabilities: [Double]? = nil
    /// The run manifest, when the file carries one (first JSON line, or FILE.manifest.json).
    public var manifest: RunManifest? = nil

    public static let probability = "probability"

    public var count: Int { statuses.count }

    public init() {}

    /// Reads a sweep's CSV or JSON lines (`lode sweep` or `lode merge` output).
    public static func read(_ path: String) throws(SweepFileError) -> SweepData {
        let fix = "give a file 'lode sweep' or 'lode merge' wrote (csv or jsonl)"
        var status = stat()
        guard !path.isEmpty, stat(path, &status) == 0 else {
            throw SweepFileError(path.isEmpty ? "\"\"" : path, "no such file", fix: fix)
        }
        guard status.st_mode & S_IFMT == S_IFREG, let data = FileManager.default.contents(atPath: path) else {
            throw SweepFileError(path, "it is not a readable file", fix: fix)
        }
        guard !data.isEmpty else { throw SweepFileError(path, "the file is empty", fix: fix) }
        let text = String(decoding: data, as: UTF8.self)
        let lines = SweepFile.lines(text)
        var sweep: SweepData
        if text.hasPrefix("{") {
            sweep = try jsonLines(path, lines, fix: fix)
        } else {
            sweep = try csv(path, lines, fix: fix)
            if let beside = FileManager.default.contents(atPath: path + ".manifest.json") {
                sweep.manifest = try? JSONDecoder().decode(RunManifest.self, from: beside)
            }
        }
        guard sweep.count > 0 else { throw SweepFileError(path, "the sweep has no rows", fix: fix) }
        return sweep
    }

    /// The cells of a CSV line (quotes removed, doubled quotes kept once).
    static func cells(_ line: Substring) -> [Substring] {
        guard line.contains("\"") else { return line.split(separator: ",", omittingEmptySubsequences: false) }
        var cells: [Substring] = []
        var current = ""
        var quoted = false
        let characters = Array(line)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if quoted {
                if character == "\"" {
                    if index + 1 < characters.count && characters[index + 1] == "\"" {
                        current.append("\"")
                        index += 1
                    } else {
                        quoted = false
                    }
                } else {
                    current.append(character)
                }
            } else if character == "\"" {
                quoted = true
            } else if character == "," {
                cells.append(Substring(current))
                current = ""
            } else {
                current.append(character)
            }
            index += 1
        }
        cells.append(Substring(current))
        return cells
    }

    static func csv(_ path: String, _ lines: [SweepFile.Line], fix: String) throws(SweepFileError) -> SweepData {
        guard let first = lines.first else { throw SweepFileError(path, "the file is empty", fix: fix) }
        let header = cells(first.text).map(String.init)
        guard header.first == SweepSchema.point, let statusColumn = header.firstIndex(of: SweepSchema.status) else {
            throw SweepFileError(
                path, line: 1, "not a sweep CSV (its header starts with point and has a status column)", fix: fix)
        }
        let rows = lines.dropFirst().filter { !$0.text.isEmpty }.map { cells($0.text) }
        for (row, line) in zip(rows, lines.dropFirst().filter { !$0.text.isEmpty }) where row.count != header.count {
            throw SweepFileError(
                path, line: line.number, "\(row.count) cells where the header has \(header.count)", fix: fix)
        }
        var sweep = SweepData()
        let probability = header.firstIndex(of: probability)
        // Varied paths: the numeric columns between point and status; outputs: the numeric ones after.
        func numeric(_ column: Int) -> Bool {
            var any = false
            for row in rows where !row[column].isEmpty {
                guard Double(row[column]) != nil else { return false }
                any = true
            }
            return any
        }
        let axisColumns = (1..<statusColumn).filter { $0 != probability && numeric($0) }
        let outputColumns = ((statusColumn + 1)..<header.count).filter { $0 != probability && numeric($0) }
        sweep.axes = axisColumns.map { header[$0] }
        sweep.columns = outputColumns.map { header[$0] }
        for row in rows {
            sweep.values.append(axisColumns.map { Double(row[$0]) ?? .nan })
            sweep.outputs.append(outputColumns.map { Double(row[$0]) })
            sweep.statuses.append(String(row[statusColumn]))
        }
        if let probability { sweep.probabilities = rows.map { Double($0[probability]) ?? 0 } }
        return sweep
    }

    static func jsonLines(_ path: String, _ lines: [SweepFile.Line], fix: String) throws(SweepFileError) -> SweepData {
        var sweep = SweepData()
        var columnIndex: [String: Int] = [:]
        var rows: [(values: [String: Double], outputs: [String: Double], status: String, probability: Double?)] = []
        var axisOrder: [String] = []
        for line in lines where !line.text.isEmpty {
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.text.utf8)) as? [String: Any] else {
                throw SweepFileError(path, line: line.number, "not a JSON object", fix: fix)
            }
            if let record = object[SweepSchema.manifestKey] as? [String: Any] {
                if let data = try? JSONSerialization.data(withJSONObject: record) {
                    sweep.manifest = try? JSONDecoder().decode(RunManifest.self, from: data)
                }
                continue
            }
            guard let status = object[SweepSchema.status] as? String else {
                throw SweepFileError(path, line: line.number, "not a sweep row (no \"status\")", fix: fix)
            }
            let values = object["values"] as? [String: Double] ?? [:]
            for key in values.keys.sorted() where !axisOrder.contains(key) { axisOrder.append(key) }
            var outputs: [String: Double] = [:]
            func add(_ name: String, _ value: Any?) {
                guard let number = value as? Double else { return }
                outputs[name] = number
                if columnIndex[name] == nil {
                    columnIndex[name] = sweep.columns.count
                    sweep.columns.append(name)
                }
            }
            add(SweepSchema.objective, object[SweepSchema.objective])
            let costs = object["costs"] as? [String: Any] ?? [:]
            for column in SweepSchema.costColumns { add(column.name, costs[column.name]) }
            for scope in object["scopes"] as? [[String: Any]] ?? [] {
                let key = "\(scope["commodity"] as? String ?? "")/\(scope["stage"] as? String ?? "")"
                add("total[\(key)]", scope["total"])
                add("hhi[\(key)]", scope["hhi"])
                add("top_share[\(key)]", (scope["shares"] as? [String: Double])?.values.max())
            }
            let prices = object["shadow_prices"] as? [String: Double] ?? [:]
            for rule in prices.keys.sorted() { add("shadow_price[\(rule)]", prices[rule]) }
            rows.append((values, outputs, status, object[probability] as? Double))
        }
        // The manifest's order of the varied paths, when it names them.
        if let vary = sweep.manifest?.options[SweepSchema.varyOption], !vary.isEmpty {
            let named = vary.split(separator: " ").map { String($0.split(separator: "=")[0]) }
            axisOrder = named.filter(axisOrder.contains) + axisOrder.filter { !named.contains($0) }
        }
        sweep.axes = axisOrder
        for row in rows {
            sweep.values.append(axisOrder.map { row.values[$0] ?? .nan })
            sweep.outputs.append(sweep.columns.map { row.outputs[$0] })
            sweep.statuses.append(row.status)
        }
        if rows.contains(where: { $0.probability != nil }) { sweep.probabilities = rows.map { $0.probability ?? 0 } }
        return sweep
    }
}
