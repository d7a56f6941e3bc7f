/// The few pieces of HTML the report needs: escaping and elements with attributes. Everything
/// is built as text in a defined order, so the same input gives the same bytes.
enum HTML {
    static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.count)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }

    /// `<name attributes>content</name>`; attribute values are escaped, content is not.
    static func element(_ name: String, _ attributes: [(String, String)] = [], _ content: String = "") -> String {
        let attributeText = attributes.map { " \($0.0)=\"\(escape($0.1))\"" }.joined()
        return "<\(name)\(attributeText)>\(content)</\(name)>"
    }

    /// A table with a header row; cells are escaped text, numeric columns right-aligned.
    static func table(
        _ header: [String], _ rows: [[String]], numeric: Set<Int> = [], id: String? = nil, caption: String? = nil
    ) -> String {
        var text = "<table\(id.map { " id=\"\(escape($0))\"" } ?? "")>"
        if let caption { text += element("caption", [], escape(caption)) }
        text +=
            "<thead><tr>"
            + header.enumerated().map { index, cell in
                element("th", numeric.contains(index) ? [("class", "num")] : [], escape(cell))
            }.joined() + "</tr></thead><tbody>"
        for row in rows {
            text +=
                "<tr>"
                + row.enumerated().map { index, cell in
                    element("td", numeric.contains(index) ? [("class", "num")] : [], escape(cell))
                }.joined() + "</tr>"
        }
        return text + "</tbody></table>"
    }
}
