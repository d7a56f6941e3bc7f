/// One error for one misspelling: a misspelt top-level key (`supplier:` for `suppliers:`) or CSV
/// column (`capacty`) is reported once, at the key or the header, with did-you-mean, and the rest
/// of the check reads it as the key it surely means, so it does not cascade into "missing"
/// errors or false warnings about what the missing section would have defined.
enum MisspeltKeys {
    /// Renames each unknown top-level key whose suggestion is a known key the file lacks.
    static func correctTopKeys(_ tree: inout Tree, known: [String], log: inout DiagnosticLog) {
        guard case var .mapping(entries) = tree.value else { return }
        for position in entries.indices where !known.contains(entries[position].key) {
            let key = entries[position].key
            guard let meant = Suggestion.closest(to: key, in: known),
                !entries.contains(where: { $0.key == meant })
            else { continue }
            log.error(
                entries[position].keyLocation, key, "unknown field '\(key)'",
                fix: "did you mean '\(meant)'? the rest is checked as if it were")
            entries[position].key = meant
        }
        tree.value = .mapping(entries)
    }

    /// Checks a CSV table's columns (`known` are the fields of its rows) once, at the header: an
    /// unknown column is one error there, renamed in every row when it surely means a known
    /// column the header lacks, else left out of every row.
    static func correctColumns(_ table: inout Tree, section: String, log: inout DiagnosticLog, known: [String]) {
        guard case var .sequence(rows) = table.value, let first = rows.first?.entries else { return }
        let header = first.map(\.key)
        var renamed: [String: String?] = [:]
        for entry in first where !known.contains(entry.key) {
            let meant = Suggestion.closest(to: entry.key, in: known).flatMap { header.contains($0) ? nil : $0 }
            let place = SourceLocation(file: entry.keyLocation.file, line: 1, column: entry.keyLocation.column)
            let fix =
                meant.map { "did you mean '\($0)'? rename the column in the header" }
                ?? Suggestion.closest(to: entry.key, in: known).map { "'\($0)' is a column already; remove this one" }
                ?? "the columns here are: \(known.joined(separator: ", "))"
            log.error(place, "\(section).\(entry.key)", "unknown column '\(entry.key)' in the header", fix: fix)
            renamed[entry.key] = .some(meant)
        }
        guard !renamed.isEmpty else { return }
        for index in rows.indices {
            guard case let .mapping(entries) = rows[index].value else { continue }
            rows[index].value = .mapping(
                entries.compactMap { entry in
                    guard let meant = renamed[entry.key] else { return entry }
                    guard let meant else { return nil }
                    var entry = entry
                    entry.key = meant
                    return entry
                })
        }
        table.value = .sequence(rows)
    }
}
