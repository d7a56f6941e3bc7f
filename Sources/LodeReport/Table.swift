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

    /// The width of a terminal table when `COLUMNS` is not set.
    public static let defaultWidth = 100

    /// The width a command's tables fit: none with `--wide`, else `COLUMNS` when it is a number
    /// of at least 20, else `defaultWidth`.
    public static func width(wide: Bool, environment: [String: String]) -> Int? {
        if wide { return nil }
        if let columns = environment["COLUMNS"].flatMap({ Int($0) }),
            columns >= 20
        {
            return columns
        }
        return defaultWidth
    }

    /// Aligned columns two spaces apart, the header first, each line after `indent`, no trailing
    /// blanks. Columns empty in every row are left out. With a `width`, the widest text columns
    /// are narrowed (their cells wrapped at blanks onto further lines) until each line fits.
    public func text(indent: String = "", width: Int? = nil) -> [String] {
        let kept = keptColumns
        let aligned = Set(kept.enumerated().filter { rightAligned.contains($0.element) }.map(\.offset))
        let cells = lines.map { row in row.isEmpty ? row : kept.map { $0 < row.count ? row[$0] : "" } }
        guard let count = cells.map(\.count).max(), count > 0 else { return cells.map { _ in "" } }
        var widths = Array(repeating: 0, count: count)
        for row in cells { for (column, cell) in row.enumerated() { widths[column] = max(widths[column], cell.count) } }
        if let width { widths = Self.narrowed(widths, to: width - indent.count, cells: cells, fixed: aligned) }
        var out: [String] = []
        for row in cells {
            if row.isEmpty {
                out.append("")
                continue
            }
            let wrapped = row.enumerated().map { column, cell in Self.wrap(cell, width: widths[column]) }
            for index in 0..<(wrapped.map(\.count).max() ?? 1) {
                var line =
                    indent
                    + wrapped.enumerated().map { column, parts in
                        let cell = index < parts.count ? parts[index] : ""
                        let pad = String(repeating: " ", count: max(0, widths[column] - cell.count))
                        return aligned.contains(column) ? pad + cell : cell + pad
                    }.joined(separator: "  ")
                while line.last?.isWhitespace == true { line.removeLast() }
                out.append(line)
            }
        }
        return out
    }

    /// A line of prose for the terminal, wrapped at blanks to `width` (no limit when nil); the
    /// lines after the first start with `hanging`.
    public static func prose(_ text: String, width: Int?, hanging: String = "") -> [String] {
        guard let width, text.count > width else { return [text] }
        let lead = String(text.prefix { $0 == " " })
        let parts = wrap(String(text.dropFirst(lead.count)), width: width - lead.count - hanging.count)
        return parts.enumerated().map { $0.offset == 0 ? lead + $0.element : lead + hanging + $0.element }
    }

    /// Lines of a command's text output joined, each ending in a line break; prose longer than
    /// `width` wrapped (continuations indented two more blanks).
    public static func page(_ lines: [String], width: Int?) -> String {
        lines.flatMap { prose($0, width: width, hanging: "  ") }.joined(separator: "\n") + "\n"
    }

    /// The columns shown: all but those whose every row is empty (all of them when there are no rows).
    private var keptColumns: [Int] {
        let count = lines.map(\.count).max() ?? 0
        guard !rows.isEmpty else { return Array(0..<count) }
        return (0..<count).filter { column in rows.contains { column < $0.count && !$0[column].isEmpty } }
    }

    /// Column widths narrowed until the line fits `width`: one character at a time off the widest
    /// text column, first down to its longest unbreakable piece, then (when that is not enough) to
    /// 4; right-aligned number columns are never narrowed.
    static func narrowed(_ widths: [Int], to width: Int, cells: [[String]], fixed: Set<Int>) -> [Int] {
        var widths = widths
        let pieces = widths.indices.map { column in
            cells.map { row in column < row.count ? Self.pieces(row[column]).map(\.text.count).max() ?? 0 : 0 }
                .max() ?? 0
        }
        func total() -> Int { widths.reduce(0, +) + 2 * max(0, widths.count - 1) }
        // First a number column whose header is wider than its numbers wraps the header at blanks
        // (`Unit cost` over `(USD/t)`): numbers are never cut, and ids keep their lines longer.
        let numbers = widths.indices.map { column in
            cells.dropFirst().map { column < $0.count ? $0[column].count : 0 }.max() ?? 0
        }
        let headerPieces = widths.indices.map { column in
            cells.first.map { column < $0.count ? $0[column].split(separator: " ").map(\.count).max() ?? 0 : 0 } ?? 0
        }
        while total() > width {
            let open = fixed.sorted().filter { $0 < widths.count && widths[$0] > max(numbers[$0], headerPieces[$0]) }
            guard let column = open.max(by: { widths[$0] < widths[$1] }) else { break }
            widths[column] -= 1
        }
        for floors in [pieces.map { max(4, $0) }, pieces.map { _ in 4 }] {
            while total() > width {
                let open = widths.indices.filter { !fixed.contains($0) && widths[$0] > floors[$0] }
                guard let column = open.max(by: { widths[$0] < widths[$1] }) else { break }
                widths[column] -= 1
            }
        }
        return widths
    }

    /// A cell's text in pieces that may start a line: broken at blanks and after `-`, `/` and `;`
    /// (`blank` when a blank separated the piece from the one before).
    static func pieces(_ text: String) -> [(text: String, blank: Bool)] {
        var pieces: [(text: String, blank: Bool)] = []
        var piece = ""
        var blank = false
        for character in text {
            if character == " " {
                if !piece.isEmpty { pieces.append((piece, blank)) }
                piece = ""
                blank = true
                continue
            }
            piece.append(character)
            if character == "-" || character == "/" || character == ";", piece.count > 1 {
                pieces.append((piece, blank))
                piece = ""
                blank = false
            }
        }
        if !piece.isEmpty { pieces.append((piece, blank)) }
        return pieces
    }

    /// A cell's text in lines of at most `width` characters, broken at blanks or after `-`, `/`,
    /// `;` (a longer piece is cut).
    static func wrap(_ text: String, width: Int) -> [String] {
        guard text.count > width, width > 0 else { return [text] }
        var lines: [String] = []
        var line = ""
        for (piece, blank) in pieces(text) {
            var piece = piece
            let joined = line.isEmpty ? piece : line + (blank ? " " : "") + piece
            if !line.isEmpty, joined.count <= width {
                line = joined
                continue
            }
            if !line.isEmpty { lines.append(line) }
            while piece.count > width {
                lines.append(String(piece.prefix(width)))
                piece = String(piece.dropFirst(width))
            }
            line = piece
        }
        if !line.isEmpty || lines.isEmpty { lines.append(line) }
        return lines
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
