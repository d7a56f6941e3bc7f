import CSV
import Foundation

/// Reads YAML or JSON text and CSV tables into ``Tree``s.
enum TreeReader {
    /// Parses YAML (JSON is YAML) into a tree. Syntax errors become diagnostics with their place;
    /// nesting and alias expansion are bounded (`ReaderLimits`).
    static func parseYAML(_ text: String, file: String, log: inout DiagnosticLog) -> Tree? {
        YAMLReader.read(text, file: file, log: &log)
    }

    /// Reads a CSV table as a list of mappings keyed by the header; an empty cell is an absent key.
    static func readCSV(_ url: URL, displayName: String, log: inout DiagnosticLog, threads: Int = 1) -> Tree? {
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return nil }
        return readTable(text, displayName: displayName, log: &log, threads: threads)
    }

    /// The rows of a CSV text. A plain text (no quote, no lone carriage return, no byte-order
    /// mark: every line is one row and every comma ends a cell) is cut directly, a long one in
    /// one part per thread, parsed at once and joined in order; any other text goes through the
    /// CSV library, as does every text when `library` is true (the tests compare the two). Both
    /// give the same rows, places and messages (`ParallelReadTests`). Why: the library looks at
    /// the text a Unicode scalar at a time, and that was two thirds of reading a 10,000-supplier
    /// table.
    static func readTable(
        _ text: String, displayName: String, log: inout DiagnosticLog, threads: Int = 1, library: Bool = false
    ) -> Tree? {
        let location = SourceLocation(file: displayName, line: 1, column: 1)
        var text = text
        let rows: [Tree]? = text.withUTF8 { bytes in
            guard !library, isPlain(bytes) else { return nil }
            // Line k of the text starts at lines[k]; lines.last is the text's end.
            let lines = lineStarts(bytes)
            guard lines.count >= 2 else { return nil }
            let header = cells(bytes, line: 0, of: lines).map {
                String(decoding: UnsafeBufferPointer(rebasing: bytes[$0]), as: UTF8.self)
            }
            checkHeader(header, displayName: displayName, log: &log)
            let rowLines = lines.count - 2
            let parts = threads > 1 && bytes.count >= 256 * 1024 ? min(threads, max(1, rowLines)) : 1
            let bounds = (0...parts).map { 1 + $0 * rowLines / parts }
            let text = SharedBytes(buffer: bytes)
            let outputs = inParts(parts) { k -> (rows: [Tree], log: DiagnosticLog) in
                let bytes = text.buffer
                var partLog = DiagnosticLog()
                // A copy of the name per part: every cell's location holds it, and threads
                // retaining one shared string contend for its reference count.
                let name = parts > 1 ? String(decoding: Array(displayName.utf8), as: UTF8.self) : displayName
                let rows = plainRows(
                    bytes, lines: lines, bounds[k]..<bounds[k + 1], header: header, displayName: name, log: &partLog)
                return (rows, partLog)
            }
            for output in outputs { log.append(output.log) }
            return outputs.flatMap(\.rows)
        }
        if let rows { return Tree(.sequence(rows), at: location) }
        guard let rows = libraryRows(text, displayName: displayName, log: &log) else { return nil }
        return Tree(.sequence(rows), at: location)
    }

    /// A column named twice would be read from its first place only: an error at the second.
    private static func checkHeader(_ header: [String], displayName: String, log: inout DiagnosticLog) {
        var first: [String: Int] = [:]
        for (column, name) in header.enumerated() where !name.isEmpty {
            if let earlier = first[name] {
                log.error(
                    SourceLocation(file: displayName, line: 1, column: column + 1), "(csv)",
                    "the header names the column '\(name)' twice (columns \(earlier + 1) and \(column + 1))",
                    fix: "keep one column of each name")
            } else {
                first[name] = column
            }
        }
    }

    /// The text's bytes, read (never written) by the parts at once while the text is alive.
    private struct SharedBytes: @unchecked Sendable {
        let buffer: UnsafeBufferPointer<UInt8>
    }

    /// True when the text has no quote, no lone carriage return and no byte-order mark: then its
    /// lines are its rows and its commas end its cells.
    private static func isPlain(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return false }
        for (offset, byte) in bytes.enumerated() {
            if byte == UInt8(ascii: "\"") { return false }
            if byte == UInt8(ascii: "\r") && (offset + 1 == bytes.count || bytes[offset + 1] != UInt8(ascii: "\n")) {
                return false
            }
        }
        return true
    }

    /// Where each line starts, and (last) where the text ends; a final line break starts no line.
    private static func lineStarts(_ bytes: UnsafeBufferPointer<UInt8>) -> [Int] {
        var starts = bytes.isEmpty ? [] : [0]
        for (offset, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") && offset + 1 < bytes.count {
            starts.append(offset + 1)
        }
        return starts + [bytes.count]
    }

    /// The byte ranges of line `line`'s cells (between commas, without the line break), trimmed
    /// of spaces and tabs.
    private static func cells(_ bytes: UnsafeBufferPointer<UInt8>, line: Int, of lines: [Int]) -> [Range<Int>] {
        var end = lines[line + 1]
        if end > lines[line] && bytes[end - 1] == UInt8(ascii: "\n") { end -= 1 }
        if end > lines[line] && bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        var ranges: [Range<Int>] = []
        var start = lines[line]
        for offset in lines[line]...end where offset == end || bytes[offset] == UInt8(ascii: ",") {
            var (low, high) = (start, offset)
            while low < high && (bytes[low] == UInt8(ascii: " ") || bytes[low] == UInt8(ascii: "\t")) { low += 1 }
            while high > low && (bytes[high - 1] == UInt8(ascii: " ") || bytes[high - 1] == UInt8(ascii: "\t")) {
                high -= 1
            }
            ranges.append(low..<high)
            start = offset + 1
        }
        return ranges
    }

    /// The rows of lines `range` (line k of `lines` is line k + 1 of the file), as `libraryRows` makes them.
    private static func plainRows(
        _ bytes: UnsafeBufferPointer<UInt8>, lines: [Int], _ range: Range<Int>, header: [String],
        displayName: String, log: inout DiagnosticLog
    ) -> [Tree] {
        var rows: [Tree] = []
        rows.reserveCapacity(range.count)
        for k in range {
            let line = k + 1
            let cells = cells(bytes, line: k, of: lines)
            if cells.allSatisfy(\.isEmpty) { continue }
            if cells.count > header.count {
                log.error(
                    SourceLocation(file: displayName, line: line, column: header.count + 1), "(csv)",
                    "row \(line) has \(cells.count) cells but the header has \(header.count) columns",
                    fix: "remove the extra cells or quote cells that contain commas")
            }
            var entries: [Tree.Entry] = []
            entries.reserveCapacity(min(cells.count, header.count))
            for (column, name) in header.enumerated() where column < cells.count && !cells[column].isEmpty {
                let cell = String(decoding: UnsafeBufferPointer(rebasing: bytes[cells[column]]), as: UTF8.self)
                let location = SourceLocation(file: displayName, line: line, column: column + 1)
                entries.append(Tree.Entry(key: name, keyLocation: location, value: Tree(.scalar(cell), at: location)))
            }
            rows.append(Tree(.mapping(entries), at: SourceLocation(file: displayName, line: line, column: 1)))
        }
        return rows
    }

    /// The rows of a CSV text read by the CSV library, which handles quoted cells (commas, quotes and line breaks
    /// inside).
    private static func libraryRows(_ text: String, displayName: String, log: inout DiagnosticLog) -> [Tree]? {
        let reader: CSVReader
        do {
            reader = try CSVReader(string: text, hasHeaderRow: true)
        } catch {
            log.error(
                SourceLocation(file: displayName, line: 1, column: 1), "(csv)",
                "the CSV file cannot be parsed: \(error)",
                fix: "check its quoting: a cell with a comma or quote must be in double quotes")
            return nil
        }
        let header = (reader.headerRow ?? []).map(trimmed)
        checkHeader(header, displayName: displayName, log: &log)
        var rows: [Tree] = []
        var line = 1
        while let cells = reader.next() {
            line += 1
            if cells.allSatisfy({ trimmed($0).isEmpty }) { continue }
            var entries: [Tree.Entry] = []
            if cells.count > header.count {
                log.error(
                    SourceLocation(file: displayName, line: line, column: header.count + 1), "(csv)",
                    "row \(line) has \(cells.count) cells but the header has \(header.count) columns",
                    fix: "remove the extra cells or quote cells that contain commas")
            }
            for (column, name) in header.enumerated() where column < cells.count {
                let cell = trimmed(cells[column])
                if cell.isEmpty { continue }
                let location = SourceLocation(file: displayName, line: line, column: column + 1)
                entries.append(Tree.Entry(key: name, keyLocation: location, value: Tree(.scalar(cell), at: location)))
            }
            rows.append(Tree(.mapping(entries), at: SourceLocation(file: displayName, line: line, column: 1)))
        }
        if let error = reader.error {
            log.error(
                SourceLocation(file: displayName, line: line + 1, column: 1), "(csv)",
                "the CSV file cannot be parsed after row \(line): \(error)",
                fix: "check its quoting: a cell with a comma or quote must be in double quotes")
            return nil
        }
        return rows
    }

    /// Spaces and tabs trimmed from both ends; the common case (none) costs one look at each end.
    static func trimmed(_ text: String) -> String {
        // Bytes, not Characters: no grapheme breaking for the common case.
        let blank: (UInt8) -> Bool = { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
        guard let first = text.utf8.first, let last = text.utf8.last, blank(first) || blank(last) else {
            return text
        }
        return String(text.drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
