// A file `lode sweep --output` wrote, read back whole for `lode merge`: its format, its run
// manifest (the first JSON line, or FILE.manifest.json beside a CSV file), the CSV header and
// each row's line with its point number. Rows are kept as the bytes written, so a merge copies
// them unchanged.
import Foundation
import LodeSourcing

/// A problem with a sweep's file: where (the file, and the line when there is one), what is
/// wrong and the fix.
public struct SweepFileError: Error, Equatable, CustomStringConvertible {
    public let path: String
    public let line: Int?
    public let message: String
    public let fix: String

    public init(_ path: String, line: Int? = nil, _ message: String, fix: String) {
        self.path = path
        self.line = line
        self.message = message
        self.fix = fix
    }

    public var description: String {
        "\(path)\(line.map { ":\($0)" } ?? ""): \(message) (fix: \(fix))"
    }
}

public struct SweepFile: Sendable {
    public enum Format: String, Sendable { case csv, jsonl }

    public struct Row: Sendable {
        public let point: Int
        /// The row as written, without its line break.
        public let text: Substring
        /// Its line number in the file, from 1.
        public let line: Int
    }

    public let path: String
    public let format: Format
    public let manifest: RunManifest
    /// The CSV header line (nil for JSON lines).
    public let header: Substring?
    public let rows: [Row]

    static let written = "give the files 'lode sweep --output' wrote, unchanged"

    /// Reads `path`: a CSV sweep with FILE.manifest.json beside it, or JSON lines starting with
    /// the manifest. Every line must be whole (the file ends with a line break) and start with
    /// its point's number (a CSV row has as many cells as the header).
    public static func read(_ path: String) throws(SweepFileError) -> SweepFile {
        var status = stat()
        guard !path.isEmpty, stat(path, &status) == 0 else {
            throw SweepFileError(path.isEmpty ? "\"\"" : path, "no such file", fix: written)
        }
        guard status.st_mode & S_IFMT == S_IFREG else {
            throw SweepFileError(path, "it is not a regular file", fix: written)
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SweepFileError(path, "the file cannot be read", fix: "make it readable")
        }
        guard !data.isEmpty else {
            throw SweepFileError(path, "the file is empty", fix: "re-run this shard; " + written)
        }
        let text = String(decoding: data, as: UTF8.self)
        let lines = Self.lines(text)
        guard text.utf8.last == UInt8(ascii: "\n") else {
            throw SweepFileError(
                path, line: lines.count,
                "the last line is cut off (no line break at its end): the file was not written whole",
                fix: "re-run this shard ('lode sweep --output' writes a file whole or not at all) or copy it again")
        }
        if text.hasPrefix("{\"\(SweepSchema.manifestKey)\":") {
            return try jsonLines(path, lines)
        }
        guard let first = lines.first, first.text.hasPrefix(SweepSchema.point + ",") else {
            throw SweepFileError(
                path, line: 1,
                "not the output of 'lode sweep' (neither a CSV whose header starts with 'point,' nor JSON lines "
                    + "that start with the run manifest)", fix: written)
        }
        let manifestPath = path + ".manifest.json"
        guard let manifestData = FileManager.default.contents(atPath: manifestPath) else {
            throw SweepFileError(
                path, "no run manifest beside it (\(manifestPath)) to check it against the other shards",
                fix: "keep each CSV shard's FILE.manifest.json next to it, as 'lode sweep --output' wrote it")
        }
        let manifest: RunManifest
        do {
            manifest = try JSONDecoder().decode(RunManifest.self, from: manifestData)
        } catch {
            throw SweepFileError(
                manifestPath, "not a run manifest of 'lode sweep' (it cannot be read as one)", fix: written)
        }
        var rows: [Row] = []
        rows.reserveCapacity(lines.count)
        for line in lines.dropFirst() {
            guard let point = Self.leadingInteger(line.text) else {
                throw SweepFileError(
                    path, line: line.number, "not a sweep row: no point number at its start", fix: written)
            }
            if line.cells != first.cells {
                throw SweepFileError(
                    path, line: line.number,
                    "\(line.cells) cells where the header has \(first.cells): the row is cut off or was edited",
                    fix: "re-run this shard; " + written)
            }
            rows.append(Row(point: point, text: line.text, line: line.number))
        }
        return SweepFile(
            path: path, format: .csv, manifest: try checked(manifest, manifestPath), header: first.text, rows: rows)
    }

    private static func jsonLines(_ path: String, _ lines: [Line]) throws(SweepFileError) -> SweepFile {
        struct Record: Decodable { let manifest: RunManifest }
        let manifest: RunManifest
        do {
            manifest = try JSONDecoder().decode(Record.self, from: Data(lines[0].text.utf8)).manifest
        } catch {
            throw SweepFileError(path, line: 1, "the first line is not a run manifest of 'lode sweep'", fix: written)
        }
        var rows: [Row] = []
        rows.reserveCapacity(lines.count)
        let key = "\"\(SweepSchema.point)\":"
        for line in lines.dropFirst() {
            // Keys are sorted and every earlier key's value is a number, an array of ids or an
            // object of cost parts, so the first `"point":` is the row's own.
            guard line.text.hasPrefix("{"), line.text.hasSuffix("}"), let range = line.text.range(of: key),
                let point = leadingInteger(line.text[range.upperBound...])
            else {
                throw SweepFileError(
                    path, line: line.number, "not a sweep row: not a JSON object with a \"point\" number", fix: written)
            }
            rows.append(Row(point: point, text: line.text, line: line.number))
        }
        return SweepFile(path: path, format: .jsonl, manifest: try checked(manifest, path), header: nil, rows: rows)
    }

    private static func checked(_ manifest: RunManifest, _ path: String) throws(SweepFileError) -> RunManifest {
        guard manifest.command == "sweep" else {
            throw SweepFileError(
                path, "its manifest is of 'lode \(manifest.command)', not of 'lode sweep'", fix: written)
        }
        return manifest
    }

    struct Line {
        let text: Substring
        let number: Int
        /// Cells, counting commas outside quotes (CSV).
        let cells: Int
    }

    /// The file's lines without their line breaks (a line break inside CSV quotes stays in its
    /// line), each with its number and its count of CSV cells.
    static func lines(_ text: String) -> [Line] {
        var lines: [Line] = []
        let bytes = text.utf8
        var start = bytes.startIndex
        var index = start
        var quoted = false
        var cells = 1
        var number = 1
        while index != bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                quoted.toggle()
            } else if !quoted && byte == UInt8(ascii: ",") {
                cells += 1
            } else if !quoted && byte == UInt8(ascii: "\n") {
                lines.append(Line(text: text[start..<index], number: number, cells: cells))
                number += 1
                cells = 1
                start = bytes.index(after: index)
            }
            index = bytes.index(after: index)
        }
        if start != bytes.endIndex {
            lines.append(Line(text: text[start..<bytes.endIndex], number: number, cells: cells))
        }
        return lines
    }

    /// The non-negative integer at the start of `text`, up to a comma or the end of its digits.
    static func leadingInteger(_ text: Substring) -> Int? {
        var value = 0
        var digits = 0
        for byte in text.utf8 {
            guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else {
                if byte == UInt8(ascii: ",") || byte == UInt8(ascii: "}") { break }
                return nil
            }
            guard digits < 18 else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
            digits += 1
        }
        return digits > 0 ? value : nil
    }
}
