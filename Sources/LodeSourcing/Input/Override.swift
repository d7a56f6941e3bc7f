import Foundation

/// A command-line change to one number of a model: `PATH=VALUE`, e.g.
/// `suppliers.cod-kamoto.cost=31000` or `policies.diversified.rules.cn-cap.max=0.3`.
///
/// A path walks the model file's tree: a mapping by key, a list by the `id` of its element (a
/// route by `FROM>TO`, a rule without an id by its generated `POLICY#N` or by `#N`), so the
/// same path works whether the suppliers are inline or come from a CSV file. Sweeps vary
/// exactly these paths.
public struct Override: Sendable, Hashable, CustomStringConvertible {
    public var path: String
    public var value: Double
    /// Where the change was written, when not on the command line (a key of an overlay file's
    /// `set:`): errors about the path, and the decoder's about the value, point there.
    public var location: SourceLocation?

    public init(path: String, value: Double, location: SourceLocation? = nil) {
        self.path = path
        self.value = value
        self.location = location
    }

    /// Parses `PATH=VALUE`; the value must be a finite number.
    public init(parsing text: String) throws(InvalidModelError) {
        let location = SourceLocation(file: "--set", line: 1, column: 1)
        guard let equals = text.firstIndex(of: "=") else {
            throw InvalidModelError(diagnostics: [
                Diagnostic(
                    .error, at: location, field: text,
                    "an override needs the form PATH=VALUE", fix: "e.g. --set commodities.cobalt.demand=15000")
            ])
        }
        let path = String(text[..<equals]).trimmingCharacters(in: .whitespaces)
        let raw = String(text[text.index(after: equals)...]).trimmingCharacters(in: .whitespaces)
        let field = path.isEmpty ? text : path
        let parsed = PlainDecimal.parse(raw)
        if parsed == nil && !path.isEmpty && (PlainDecimal.looksNumeric(raw) || Fields.hasControlCharacter(raw)) {
            throw InvalidModelError(diagnostics: [
                Diagnostic(
                    .error, at: location, field: field,
                    "the value \(Fields.shown(raw)) is not a plain decimal number",
                    fix: "\(PlainDecimal.fix), e.g. \(path)=0.3")
            ])
        }
        guard let value = parsed, value.isFinite, !path.isEmpty else {
            throw InvalidModelError(diagnostics: [
                Diagnostic(
                    .error, at: location, field: field,
                    "the value '\(raw)' is not a finite number",
                    fix: "overrides set numbers, e.g. \(path.isEmpty ? "PATH" : path)=0.3")
            ])
        }
        self.path = path
        self.value = value
    }

    public var description: String { "\(path)=\(Self.format(value))" }

    /// The number as messages show it (`PlainNumber.text`).
    static func format(_ value: Double) -> String { PlainNumber.text(value) }

    var segments: [String] { path.split(separator: ".", omittingEmptySubsequences: false).map(String.init) }
}

extension Tree {
    /// Sets the number at `override.path`, creating a missing last key (and missing mappings on
    /// the way, e.g. a policy's `weights`). Unknown list elements are errors with suggestions.
    mutating func apply(_ override: Override, index: Int, log: inout DiagnosticLog) {
        let location = override.location ?? SourceLocation(file: "--set", line: index + 1, column: 1)
        let segments = override.segments
        if segments.contains(where: \.isEmpty) {
            log.error(
                location, override.path, "the path has an empty part",
                fix: "separate keys with single dots, e.g. suppliers.ID.cost")
            return
        }
        // Each part may create a mapping (under settings or weights): a bound on the nesting.
        if segments.count > ReaderLimits.nestingDepth {
            log.error(
                location, String(override.path.prefix(80)),
                "the path has \(segments.count) parts, more than \(ReaderLimits.nestingDepth)",
                fix: "name a number of the model, e.g. suppliers.ID.cost")
            return
        }
        let firstPeriod = self["periods"]?.elements?.first?.scalar
        apply(
            segments[...], override: override, parentKey: nil, location: location, firstPeriod: firstPeriod, log: &log)
    }

    /// A period map of a CSV cell (`2026:0;2030:500`) as a mapping, so that a path can reach a period.
    private static func periodEntries(_ text: String, at location: SourceLocation) -> [Entry]? {
        guard text.contains(":") else { return nil }
        let cell = periodCell(text)
        guard cell.malformed == nil else { return nil }
        return cell.pairs.map {
            Entry(key: $0.label, keyLocation: location, value: Tree(.scalar($0.value), at: location))
        }
    }

    /// `firstPeriod`: the model's first period label, so that a path into a plain number by a
    /// period label (`demand.2030`) makes it a period map from the first period on.
    private mutating func apply(
        _ segments: ArraySlice<String>, override: Override, parentKey: String?, location: SourceLocation,
        firstPeriod: String?, log: inout DiagnosticLog
    ) {
        guard let head = segments.first else {
            value = .scalar(Override.format(override.value))
            self.location = location
            return
        }
        let rest = segments.dropFirst()
        // A bound or number set for one period (`min.2030`) where the model writes none yet.
        let byPeriod = rest.count == 1 && Int(rest.first!) != nil
        if case let .scalar(text) = value, segments.count == 1, Int(head) != nil {
            // A CSV cell's map, or a plain number that holds from the first period on.
            if let entries = Self.periodEntries(text, at: self.location) {
                value = .mapping(entries)
            } else if let firstPeriod, head != firstPeriod {
                value = .mapping([Entry(key: firstPeriod, keyLocation: self.location, value: self)])
            } else {
                value = .mapping([])
            }
        }
        switch value {
        case var .mapping(entries):
            if let position = entries.firstIndex(where: { $0.key == head }) {
                entries[position].value.apply(
                    rest, override: override, parentKey: head, location: location, firstPeriod: firstPeriod,
                    log: &log)
            } else if rest.isEmpty || entries.isEmpty || head == "weights" || head == "settings" || byPeriod {
                var child = Tree(rest.isEmpty ? .null : .mapping([]), at: location)
                child.apply(
                    rest, override: override, parentKey: head, location: location, firstPeriod: firstPeriod,
                    log: &log)
                entries.append(Entry(key: head, keyLocation: location, value: child))
            } else {
                log.error(
                    location, override.path, "there is no '\(head)' here",
                    fix: Suggestion.didYouMean(head, in: entries.map(\.key)) ?? "check the path against the model file")
                return
            }
            value = .mapping(entries)
        case .null:
            var child = Tree(rest.isEmpty ? .null : .mapping([]), at: location)
            child.apply(
                rest, override: override, parentKey: head, location: location, firstPeriod: firstPeriod, log: &log)
            value = .mapping([Entry(key: head, keyLocation: location, value: child)])
        case var .sequence(elements):
            guard let position = Self.element(named: head, in: elements, parentKey: parentKey) else {
                let names = elements.compactMap { $0["id"]?.scalar }
                log.error(
                    location, override.path, "no element '\(head)' in this list",
                    fix: Suggestion.didYouMean(head, in: names)
                        ?? "name an element by its id (routes by FROM>TO, rules without id by #N)")
                return
            }
            elements[position].apply(
                rest, override: override, parentKey: head, location: location, firstPeriod: firstPeriod, log: &log)
            value = .sequence(elements)
        case .scalar:
            log.error(
                location, override.path, "'\(head)' is below a single value, which has no fields",
                fix: "end the path at the number to change")
        }
    }

    private static func element(named name: String, in elements: [Tree], parentKey: String?) -> Int? {
        if let match = elements.firstIndex(where: { $0["id"]?.scalar == name }) { return match }
        if let match = elements.firstIndex(where: { element in
            guard let from = element["from"]?.scalar, let to = element["to"]?.scalar else { return false }
            return "\(from)>\(to)" == name
        }) {
            return match
        }
        // A rule without an id: "#N" or "POLICY#N", 1-based.
        if let hash = name.lastIndex(of: "#"), let position = Int(name[name.index(after: hash)...]),
            position >= 1, position <= elements.count
        {
            let prefix = name[..<hash]
            if prefix.isEmpty || parentKey == "rules" { return position - 1 }
        }
        return nil
    }
}
