// The one table model of Lode's output: a header and rows of cells, rendered as aligned text for
// the terminal, as CSV for scripts and as an HTML table for the report. Every table a command
// prints (plans, comparisons, explanations, stress tests, frontiers) is one of these.

/// A header row and rows of text cells; `rightAligned` columns hold numbers (right-aligned in
/// text, `class="num"` in HTML). An empty header is no header row (a list of figures).
public struct Table: Sendable, Equatable {
    public var header: [String]
    public var rows: [[String]]
    public var rightAligned: Set<Int>

    public init(header: [String], rows: [[String]] = [], rightAligned: Set<Int> = []) {
        self.header = header
        self.rows = rows
        self.rightAligned = rightAligned
    }

    private var lines: [[String]] { header.isEmpty ? rows : [header] + rows }

    /// Aligned columns two spaces apart, the header first, each line's first cell after `indent`,
    /// no trailing blanks.
    public func text(indent: String = "") -> [String] {
        Format.table(
            lines.map { row in row.isEmpty ? row : [indent + row[0]] + row.dropFirst() },
            rightAligned: rightAligned)
    }

    /// The header and rows as CSV lines, each ending in a line break.
    public func csv() -> String {
        lines.map(CSVText.line).joined(separator: "\n") + "\n"
    }

    /// An HTML table: cells escaped, number columns right-aligned.
    public func html(id: String? = nil, caption: String? = nil) -> String {
        HTML.table(header, rows, numeric: rightAligned, id: id, caption: caption)
    }
}

/// CSV cells and lines (RFC 4180 quoting).
public enum CSVText {
    /// Quotes a field when it holds a comma, quote or line break.
    public static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Cells quoted where needed and joined by commas (no line break).
    public static func line(_ cells: [String]) -> String {
        cells.map(field).joined(separator: ",")
    }
}
