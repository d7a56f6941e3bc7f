import Foundation
import CSV
import Yams

/// Reads YAML or JSON text and CSV tables into ``Tree``s.
enum TreeReader {
    /// Parses YAML (JSON is YAML) into a tree. Syntax errors become diagnostics with their place.
    static func parseYAML(_ text: String, file: String, log: inout DiagnosticLog) -> Tree? {
        do {
            guard let node = try Yams.compose(yaml: text) else {
                log.error(SourceLocation(file: file, line: 1, column: 1), "(file)", "the model file is empty",
                          fix: "start from one of the files in models/")
                return nil
            }
            return convert(node, file: file, log: &log)
        } catch let error as YamlError {
            log.error(location(of: error, file: file), "(syntax)", "the file is not valid YAML or JSON: \(problem(of: error))",
                      fix: "correct the syntax at the place shown (indentation, a missing ':' or quote)")
            return nil
        } catch {
            log.error(SourceLocation(file: file, line: 1, column: 1), "(syntax)", "the file could not be parsed: \(error)")
            return nil
        }
    }

    private static func location(of error: YamlError, file: String) -> SourceLocation {
        switch error {
        case let .scanner(_, _, mark, _), let .parser(_, _, mark, _), let .composer(_, _, mark, _):
            return SourceLocation(file: file, line: mark.line, column: mark.column)
        default:
            return SourceLocation(file: file, line: 1, column: 1)
        }
    }

    private static func problem(of error: YamlError) -> String {
        switch error {
        case let .scanner(context, problem, _, _), let .parser(context, problem, _, _), let .composer(context, problem, _, _):
            return [context.map { "\($0.text)" }, problem].compactMap { $0 }.joined(separator: ", ")
        case let .duplicatedKeysInMapping(duplicates, _):
            return "duplicate keys \(duplicates.joined(separator: ", "))"
        default:
            return "\(error)"
        }
    }

    private static func convert(_ node: Node, file: String, log: inout DiagnosticLog) -> Tree {
        func at(_ mark: Mark?) -> SourceLocation {
            SourceLocation(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1)
        }
        switch node {
        case let .scalar(scalar):
            let location = at(scalar.mark)
            if scalar.style == .plain && ["", "~", "null", "Null", "NULL"].contains(scalar.string) {
                return Tree(.null, at: location)
            }
            return Tree(.scalar(scalar.string), at: location)
        case let .mapping(mapping):
            var entries: [Tree.Entry] = []
            var seen: Set<String> = []
            for (key, value) in mapping {
                let keyLocation = at(key.mark)
                guard case let .scalar(keyScalar) = key else {
                    log.error(keyLocation, "(key)", "a mapping key must be a plain word", fix: "write the key as text")
                    continue
                }
                if !seen.insert(keyScalar.string).inserted {
                    log.error(keyLocation, keyScalar.string, "the key appears twice in the same mapping", fix: "keep one of them")
                    continue
                }
                entries.append(Tree.Entry(key: keyScalar.string, keyLocation: keyLocation, value: convert(value, file: file, log: &log)))
            }
            return Tree(.mapping(entries), at: at(mapping.mark))
        case let .sequence(sequence):
            return Tree(.sequence(sequence.map { convert($0, file: file, log: &log) }), at: at(sequence.mark))
        case let .alias(alias):
            log.error(at(alias.mark), "(alias)", "YAML aliases (*name) are not supported in model files",
                      fix: "repeat the values instead of referring to an anchor")
            return Tree(.null, at: at(alias.mark))
        }
    }

    /// Reads a CSV table as a list of mappings keyed by the header; an empty cell is an absent key.
    /// A long table without quotes (so every line is one row) is cut at line ends into one part
    /// per thread, parsed at once, and joined in order: the same rows and messages as one pass.
    static func readCSV(_ url: URL, displayName: String, log: inout DiagnosticLog, threads: Int = 1) -> Tree? {
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            return nil
        }
        let parts = threads > 1 && text.utf8.count >= 256 * 1024 && !text.utf8.contains(UInt8(ascii: "\"")) ? split(text, into: threads) : nil
        guard let parts else {
            guard let rows = readRows(text, firstLine: 2, displayName: displayName, log: &log) else { return nil }
            return Tree(.sequence(rows), at: SourceLocation(file: displayName, line: 1, column: 1))
        }
        let outputs = inParts(parts.count) { k -> (rows: [Tree]?, log: DiagnosticLog) in
            var partLog = DiagnosticLog()
            let rows = readRows(parts[k].text, firstLine: parts[k].firstLine, displayName: displayName, log: &partLog)
            return (rows, partLog)
        }
        var rows: [Tree] = []
        var failed = false
        for output in outputs {
            log.append(output.log)
            if let part = output.rows { rows += part } else { failed = true }
        }
        return failed ? nil : Tree(.sequence(rows), at: SourceLocation(file: displayName, line: 1, column: 1))
    }

    /// `text` (a CSV without quotes) cut at line ends into `count` parts of whole lines, each
    /// starting with the header line, with the file line of its first row.
    static func split(_ text: String, into count: Int) -> [(text: String, firstLine: Int)]? {
        let bytes = Array(text.utf8)
        guard let headerEnd = bytes.firstIndex(of: UInt8(ascii: "\n")) else { return nil }
        let header = bytes[...headerEnd]
        var parts: [(text: String, firstLine: Int)] = []
        var start = headerEnd + 1
        var line = 2
        for k in 1...count {
            var end = k == count ? bytes.count : max(start, headerEnd + 1 + (bytes.count - headerEnd - 1) * k / count)
            while end < bytes.count && end > start && bytes[end - 1] != UInt8(ascii: "\n") { end += 1 }
            guard end > start else { continue }
            parts.append((String(decoding: header + bytes[start..<end], as: UTF8.self), line))
            line += bytes[start..<end].reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
            start = end
        }
        return parts.isEmpty ? nil : parts
    }

    /// The rows of a CSV text whose first row (after the header) is line `firstLine` of the file.
    private static func readRows(_ text: String, firstLine: Int, displayName: String, log: inout DiagnosticLog) -> [Tree]? {
        let reader: CSVReader
        do {
            reader = try CSVReader(string: text, hasHeaderRow: true)
        } catch {
            log.error(SourceLocation(file: displayName, line: 1, column: 1), "(csv)", "the CSV file cannot be parsed: \(error)",
                      fix: "check its quoting: a cell with a comma or quote must be in double quotes")
            return nil
        }
        let header = (reader.headerRow ?? []).map(trimmed)
        var rows: [Tree] = []
        var line = firstLine - 1
        while let cells = reader.next() {
            line += 1
            if cells.allSatisfy({ trimmed($0).isEmpty }) { continue }
            var entries: [Tree.Entry] = []
            if cells.count > header.count {
                log.error(SourceLocation(file: displayName, line: line, column: header.count + 1), "(csv)",
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
            log.error(SourceLocation(file: displayName, line: line + 1, column: 1), "(csv)", "the CSV file cannot be parsed after row \(line): \(error)",
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
