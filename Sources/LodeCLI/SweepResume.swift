// `lode sweep --resume FILE`: the rows an earlier run of the same sweep finished (CSV or JSON
// lines, its manifest beside it or on its first line), checked to be of this sweep, so that only
// the missing points are solved and the whole result is written again.
import ArgumentParser
import Foundation
import LodeReport
import LodeSourcing

/// The complete rows of an earlier output of a sweep, in point order.
struct ResumedRows: Sendable {
    struct Row: Sendable {
        let point: Int
        /// The row's line as it was written (no line break).
        let line: String
        let status: String
    }

    let rows: [Row]

    /// The manifest options that define a sweep's points and rows: a file whose manifest differs
    /// in one of them holds rows of another sweep.
    static let definition = [
        "policy", "vary", "design", "samples", "seed", "set", "overlays", "overlays_sha256", "shard", "points",
    ]

    /// Reads `path`, written as `format`, and checks it against `manifest` (model hash, Lode
    /// version, every option of ``definition``) and, for CSV, `header`. Keeps every complete row
    /// (a line ended by a line break, whole) whose point is in `positions`; the last line, cut off
    /// when a run was killed, is left out. Bad input (exit 2) otherwise.
    static func read(
        _ path: String, format: Sweep.SweepFormat, manifest: RunManifest, header: String, positions: Set<Int>
    ) throws -> ResumedRows {
        func fail(_ message: String, _ fix: String) -> Error {
            Terminal.error("error: --resume \(path): \(message) (fix: \(fix))")
            return ExitCode(ExitStatus.badInput)
        }
        guard format != .table else {
            throw fail("a table cannot be resumed", "resume a sweep written as csv or jsonl")
        }
        var status = stat()
        guard stat(path, &status) == 0, status.st_mode & S_IFMT == S_IFREG,
            let data = FileManager.default.contents(atPath: path)
        else {
            throw fail("no such file", "give the output of an earlier run of this sweep (csv or jsonl)")
        }
        let text = String(decoding: data, as: UTF8.self)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // The last piece has no line break: empty after a whole file, a row cut off otherwise.
        lines.removeLast()
        let isJSON = text.hasPrefix("{")
        guard isJSON == (format == .jsonl) else {
            let found = isJSON ? "JSON lines" : "CSV"
            throw fail(
                "it holds \(found), but this sweep writes \(format.rawValue)",
                "resume into the same format (--format \(isJSON ? "jsonl" : "csv"))")
        }
        let written: [String: Any]
        var body: ArraySlice<String>
        let statusColumn: Int?
        if isJSON {
            guard let first = lines.first,
                let object = try? JSONSerialization.jsonObject(with: Data(first.utf8)) as? [String: Any],
                let record = object[SweepSchema.manifestKey] as? [String: Any]
            else {
                throw fail("its first line is not a run manifest", "give the output of 'lode sweep --format jsonl'")
            }
            written = record
            body = lines.dropFirst()
            statusColumn = nil
        } else {
            let beside = RowWriter.manifestPath(path)
            guard let manifestData = FileManager.default.contents(atPath: beside),
                let record = try? JSONSerialization.jsonObject(with: manifestData) as? [String: Any]
            else {
                throw fail(
                    "there is no run manifest beside it (\(beside)), so it cannot be checked against this sweep",
                    "resume from a file a sweep wrote with its manifest; a run killed outright (SIGKILL) leaves only "
                        + "its temporary file, so write JSON lines (--format jsonl), whose first line is the manifest")
            }
            written = record
            guard let first = lines.first, first == header else {
                throw fail(
                    "its header is not this sweep's", "resume with the same --vary, --overlays and --policy")
            }
            body = lines.dropFirst()
            statusColumn = CSVCells.split(header)?.firstIndex(of: SweepSchema.status)
        }
        try check(written, against: manifest, fail: fail)
        var rows: [Row] = []
        var seen = Set<Int>()
        let width = CSVCells.split(header)?.count ?? 0
        for (offset, line) in body.enumerated() {
            let lineNumber = offset + 2
            let point: Int?
            let rowStatus: String?
            if isJSON {
                let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
                point = object?[SweepSchema.point] as? Int
                rowStatus = object?[SweepSchema.status] as? String
            } else {
                let cells = CSVCells.split(line)
                point = cells.flatMap { $0.count == width ? Int($0[0]) : nil }
                rowStatus = statusColumn.flatMap { column in cells.map { $0[column] } }
            }
            guard let point, let rowStatus else {
                throw fail("line \(lineNumber) is not a row of this sweep", "give the file as the sweep wrote it")
            }
            guard positions.contains(point) else {
                throw fail(
                    "line \(lineNumber) holds point \(point), which this run does not solve",
                    "resume with the same --shard or --points")
            }
            guard seen.insert(point).inserted else {
                throw fail("point \(point) is there twice (line \(lineNumber))", "give the file as the sweep wrote it")
            }
            rows.append(Row(point: point, line: line, status: rowStatus))
        }
        return ResumedRows(rows: rows.sorted { $0.point < $1.point })
    }

    /// The earlier run's manifest against this run's: same model content, Lode version and sweep.
    private static func check(
        _ written: [String: Any], against manifest: RunManifest, fail: (String, String) -> Error
    ) throws {
        guard written["command"] as? String == "sweep" else {
            throw fail("it was not written by 'lode sweep'", "give the output of an earlier run of this sweep")
        }
        if written["model_sha256"] as? String != manifest.modelSHA256 {
            throw fail(
                "it was written from another model (or another version of its files): its manifest's "
                    + "model_sha256 differs from this model's",
                "resume with the model the file was written from, or start the sweep again without --resume")
        }
        let version = written["lode_version"] as? String ?? "?"
        if version != manifest.lodeVersion {
            throw fail(
                "it was written by Lode \(version), this is Lode \(manifest.lodeVersion)",
                "resume with Lode \(version), or start the sweep again without --resume")
        }
        let options = written["options"] as? [String: String] ?? [:]
        for key in definition where (options[key] ?? "") != (manifest.options[key] ?? "") {
            let theirs = options[key].map { $0.isEmpty ? "none" : "'\($0)'" } ?? "none"
            let ours = manifest.options[key].map { $0.isEmpty ? "none" : "'\($0)'" } ?? "none"
            throw fail(
                "it is another sweep: its \(key) is \(theirs), this run's is \(ours)",
                "resume with the options the file was written with (its manifest lists them)")
        }
    }
}

/// A CSV line's cells, quotes understood (a doubled quote inside a quoted cell is one quote);
/// nil when a quote is left open.
enum CSVCells {
    static func split(_ line: String) -> [String]? {
        var cells: [String] = []
        var current = ""
        var quoted = false
        var iterator = line.makeIterator()
        var pending: Character? = nil
        while let character = pending ?? iterator.next() {
            pending = nil
            if quoted {
                if character == "\"" {
                    if let next = iterator.next() {
                        if next == "\"" {
                            current.append("\"")
                        } else {
                            quoted = false
                            pending = next
                        }
                    } else {
                        quoted = false
                    }
                } else {
                    current.append(character)
                }
            } else if character == "\"" {
                quoted = true
            } else if character == "," {
                cells.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        guard !quoted else { return nil }
        cells.append(current)
        return cells
    }
}
