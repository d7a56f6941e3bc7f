/// A policy as written, before `extends` is resolved.
struct PolicyDefinition {
    var id: String
    var extends: String?
    var weights: [String: Double]
    var rules: [Rule]
    var location: SourceLocation?
}

extension ModelDecoder {
    mutating func decodePolicies(_ tree: Tree) -> [PolicyDefinition] {
        guard let entries = tree.entries else {
            log.error(tree.location, "policies", "expected a mapping from policy names to policies, found \(tree.kindName)",
                      fix: "write e.g. 'policies: { baseline: {}, diversified: { rules: [...] } }'")
            return []
        }
        var definitions: [PolicyDefinition] = []
        for entry in entries {
            let path = "policies.\(entry.key)"
            if case .null = entry.value.value {
                definitions.append(PolicyDefinition(id: entry.key, extends: nil, weights: [:], rules: [], location: entry.keyLocation))
                continue
            }
            guard let fields = Fields(entry.value, path: path, known: ["extends", "weights", "rules", "description"], log: &log) else { continue }
            var weights: [String: Double] = [:]
            if let tree = fields["weights"], let weightFields = Fields(tree, path: fields.field("weights"), known: Score.allCases.map(\.rawValue), log: &log) {
                for score in Score.allCases {
                    if let value = weightFields.number(score.rawValue, .nonNegative, log: &log) { weights[score.rawValue] = value }
                }
            }
            var rules: [Rule] = []
            if let list = fields["rules"] {
                if let elements = list.elements {
                    var seen: Set<String> = []
                    for (offset, element) in elements.enumerated() {
                        guard let rule = decodeRule(element, policy: entry.key, position: offset + 1) else { continue }
                        if !seen.insert(rule.id).inserted {
                            log.error(element.location, "\(path).rules[\(rule.id)].id", "the rule id '\(rule.id)' is used twice in this policy",
                                      fix: "give each rule its own id")
                            continue
                        }
                        rules.append(rule)
                    }
                } else {
                    log.error(list.location, fields.field("rules"), "expected a list of rules, found \(list.kindName)", fix: "write one '- {...}' per rule")
                }
            }
            definitions.append(PolicyDefinition(
                id: entry.key, extends: fields.text("extends", log: &log), weights: weights, rules: rules, location: entry.keyLocation))
        }
        return definitions
    }

    /// Resolves `extends`: weights merged key by key (the child's win), the parents' rules first.
    mutating func resolve(_ definitions: [PolicyDefinition]) -> [Policy] {
        let byID = Dictionary(definitions.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var resolved: [String: Policy] = [:]

        func build(_ id: String, chain: [String], log: inout DiagnosticLog) -> Policy? {
            if let done = resolved[id] { return done }
            guard let definition = byID[id] else { return nil }
            var weights = Weights()
            var rules: [Rule] = []
            if let parent = definition.extends {
                if chain.contains(parent) {
                    log.error(definition.location, "policies.\(id).extends",
                              "policies extend each other in a cycle: \((chain + [id, parent]).drop { $0 != parent }.joined(separator: " -> "))",
                              fix: "remove one of the 'extends' in the cycle")
                    return nil
                }
                guard byID[parent] != nil else {
                    log.error(definition.location, "policies.\(id).extends", "the parent policy '\(parent)' does not exist",
                              fix: Suggestion.didYouMean(parent, in: byID.keys.sorted()) ?? "extend one of: \(definitions.map(\.id).joined(separator: ", "))")
                    return nil
                }
                guard let base = build(parent, chain: chain + [id], log: &log) else { return nil }
                weights = base.weights
                rules = base.rules
            }
            if let carbon = definition.weights["carbon"] { weights.carbon = carbon }
            if let sustainability = definition.weights["sustainability"] { weights.sustainability = sustainability }
            if let labor = definition.weights["labor"] { weights.labor = labor }
            let inheritedIDs = Set(rules.map(\.id))
            for rule in definition.rules where inheritedIDs.contains(rule.id) {
                log.error(rule.location, "policies.\(id).rules[\(rule.id)].id",
                          "the rule id '\(rule.id)' is already used by a rule this policy inherits", fix: "give the rule another id")
            }
            rules += definition.rules
            let policy = Policy(id: id, weights: weights, rules: rules, location: definition.location)
            resolved[id] = policy
            return policy
        }

        return definitions.compactMap { build($0.id, chain: [], log: &log) }
    }

    // MARK: Rules

    mutating func decodeRule(_ tree: Tree, policy: String, position: Int) -> Rule? {
        let givenID = tree["id"]?.scalar
        let path = "policies.\(policy).rules[\(givenID ?? "#\(position)")]"
        guard let fields = Fields(tree, path: path, known: Self.ruleKeys, log: &log) else { return nil }
        let kinds = Self.ruleKinds.filter { tree[$0] != nil }
        guard kinds.count == 1, let keyword = kinds.first else {
            if kinds.isEmpty {
                log.error(tree.location, path, "the rule says what it constrains with none of \(Self.ruleKinds.joined(separator: ", "))",
                          fix: "start the rule with its kind, e.g. { share: { country: CHN }, max: 0.25 }")
            } else {
                log.error(tree.location, path, "a rule has one kind, but this one has \(kinds.joined(separator: " and "))",
                          fix: "split it into one rule per kind")
            }
            return nil
        }
        let id = givenID.flatMap { _ in fields["id"].flatMap { Fields.identifier($0, field: fields.field("id"), log: &log) } } ?? "\(policy)#\(position)"
        let priority = fields.integer("priority", minimum: 1, log: &log) ?? 1
        let scope = scope(fields)
        for (key, owner) in [("weighted", "hhi"), ("rate", "tariff"), ("at_least", "count"), ("coverage", "survive")]
        where fields.has(key) && keyword != owner {
            log.error(fields[key]!.location, fields.field(key), "'\(key)' applies only to \(owner) rules", fix: "remove it from this \(keyword) rule")
        }
        guard let kind = decodeKind(keyword, fields) else { return nil }
        return Rule(id: id, policy: policy, priority: priority, scope: scope, kind: kind, location: tree.location)
    }

    private mutating func decodeKind(_ keyword: String, _ fields: Fields) -> Rule.Kind? {
        let value = fields[keyword]!
        let valueField = fields.field(keyword)
        func noMin(_ log: inout DiagnosticLog) {
            if let min = fields["min"] {
                log.error(min.location, fields.field("min"), "\(keyword) rules take only a max", fix: "remove min")
            }
        }
        func needBound(_ min: Double?, _ max: Double?, _ log: inout DiagnosticLog) -> Bool {
            if min == nil && max == nil && !fields.has("min") && !fields.has("max") {
                log.error(fields.tree.location, fields.path, "the rule has neither min nor max", fix: "add 'min: ...' or 'max: ...'")
                return false
            }
            if let min, let max, min > max {
                log.error(fields["min"]!.location, fields.field("min"), "min \(Override.format(min)) is above max \(Override.format(max))",
                          fix: "make min <= max")
                return false
            }
            return min != nil || max != nil
        }
        switch keyword {
        case "share":
            let selector = selector(value, field: valueField, allowEach: true)
            let min = fields.number("min", .unit, log: &log)
            let max = fields.number("max", .unit, log: &log)
            guard needBound(min, max, &log), let selector else { return nil }
            return .share(selector, min: min, max: max)
        case "hhi":
            let basis = word(value, field: valueField, HHIBasis.self)
            noMin(&log)
            var weighted = false
            if let tree = fields["weighted"], let text = Fields.text(tree, field: fields.field("weighted"), log: &log) {
                if text == "governance" { weighted = true } else {
                    log.error(tree.location, fields.field("weighted"), "HHI can be weighted only by 'governance'", fix: "write weighted: governance, or remove it")
                }
            }
            guard let max = fields.number("max", .positive, log: &log) ?? (fields.has("max") ? nil : missingMax(fields)) else { return nil }
            if max > 10000 {
                log.error(fields["max"]!.location, fields.field("max"), "\(Override.format(max)) is above 10000, the HHI of a single source",
                          fix: "use a cap on the 0..10000 scale, e.g. 2500")
                return nil
            }
            guard let basis else { return nil }
            return .hhi(basis, max: max, weighted: weighted)
        case "average":
            let score = word(value, field: valueField, Score.self)
            let range: NumberRange = score == .carbon ? .nonNegative : .unit
            let min = fields.number("min", range, log: &log)
            let max = fields.number("max", range, log: &log)
            guard needBound(min, max, &log), let score else { return nil }
            return .average(score, min: min, max: max)
        case "screen":
            noMin(&log)
            guard let entries = value.entries, entries.count == 1, let entry = entries.first,
                  let score = Score(rawValue: entry.key), score != .carbon else {
                log.error(value.location, valueField, "a screen names one score and its minimum", fix: "e.g. screen: { labor: 0.3 }")
                return nil
            }
            guard let minimum = Fields.number(entry.value, field: "\(valueField).\(entry.key)", .unit, log: &log) else { return nil }
            return .screen(score, minimum: minimum)
        case "exclude":
            guard let selector = selector(value, field: valueField, allowEach: false) else { return nil }
            return .exclude(selector)
        case "total":
            let kind = word(value, field: valueField, TotalKind.self)
            noMin(&log)
            guard let max = fields.number("max", .nonNegative, log: &log) ?? (fields.has("max") ? nil : missingMax(fields)), let kind else { return nil }
            return .total(kind, max: max)
        case "tariff":
            let selector = selector(value, field: valueField, allowEach: false)
            let rate = fields.has("rate") ? fields.number("rate", .nonNegative, log: &log) : {
                log.error(fields.tree.location, fields.field("rate"), "a tariff needs its rate", fix: "add e.g. 'rate: 0.25' for 25%")
                return nil
            }()
            guard let selector, let rate else { return nil }
            return .tariff(selector, rate: rate)
        case "count":
            let basis = word(value, field: valueField, CountBasis.self)
            let min = fields.integer("min", minimum: 0, log: &log)
            let max = fields.integer("max", minimum: 0, log: &log)
            let atLeast = fields.number("at_least", .positiveUnit, log: &log) ?? 0.05
            guard needBound(min.map(Double.init), max.map(Double.init), &log), let basis else { return nil }
            return .count(basis, min: min, max: max, atLeast: atLeast)
        case "survive":
            noMin(&log)
            let coverage = fields.has("coverage") ? fields.number("coverage", .unit, log: &log) : {
                log.error(fields.tree.location, fields.field("coverage"), "a survive rule needs its coverage", fix: "add e.g. 'coverage: 0.7'")
                return nil
            }()
            guard let disruptions = disruptions(value, field: valueField), let coverage else { return nil }
            return .survive(disruptions, coverage: coverage)
        default:
            return nil
        }
    }

    private mutating func missingMax(_ fields: Fields) -> Double? {
        log.error(fields.tree.location, fields.path, "the rule has no max", fix: "add 'max: ...'")
        return nil
    }

    private mutating func word<T: RawRepresentable>(_ tree: Tree, field: String, _ type: T.Type) -> T? where T.RawValue == String, T: CaseIterableName {
        guard let text = Fields.text(tree, field: field, log: &log) else { return nil }
        guard let value = T(rawValue: text) else {
            log.error(tree.location, field, "'\(text)' is not one of \(T.names.joined(separator: ", "))",
                      fix: Suggestion.didYouMean(text, in: T.names) ?? "use one of \(T.names.joined(separator: ", "))")
            return nil
        }
        return value
    }

    /// `{supplier|country|group|flag: NAME or [NAMES]}` or `{each: supplier|country|group}`: exactly one key.
    mutating func selector(_ tree: Tree, field: String, allowEach: Bool) -> Selector? {
        let keys = SelectorKind.allCases.map(\.rawValue) + (allowEach ? ["each"] : [])
        guard let entries = tree.entries else {
            log.error(tree.location, field, "expected a selector such as { country: CHN }, found \(tree.kindName)",
                      fix: "write { \(keys.joined(separator: "|")): ... }")
            return nil
        }
        guard entries.count == 1, let entry = entries.first else {
            log.error(tree.location, field, "a selector has exactly one key, found \(entries.isEmpty ? "none" : entries.map(\.key).joined(separator: " and "))",
                      fix: "select by one of \(keys.joined(separator: ", ")); write separate rules to combine them")
            return nil
        }
        if entry.key == "each" {
            return eachKind(entry.value, field: "\(field).each").map { .each($0) }
        }
        guard let kind = SelectorKind(rawValue: entry.key) else {
            log.error(entry.keyLocation, "\(field).\(entry.key)", "'\(entry.key)' is not a selector",
                      fix: Suggestion.didYouMean(entry.key, in: keys) ?? "select by one of \(keys.joined(separator: ", "))")
            return nil
        }
        guard let names = Fields.list(entry.value, field: "\(field).\(entry.key)", log: &log), !names.isEmpty else {
            log.error(entry.value.location, "\(field).\(entry.key)", "the selector names nothing", fix: "name at least one \(entry.key)")
            return nil
        }
        return .named(kind, names)
    }

    /// The member kind of `each:` (supplier, country or group; a flag is not a member).
    private mutating func eachKind(_ value: Tree, field: String) -> SelectorKind? {
        guard let text = Fields.text(value, field: field, log: &log) else { return nil }
        guard let kind = SelectorKind(rawValue: text), kind != .flag else {
            log.error(value.location, field, "'each' expands over supplier, country or group, not '\(text)'",
                      fix: "write each: country (or supplier, group)")
            return nil
        }
        return kind
    }

    private mutating func disruptions(_ tree: Tree, field: String) -> Disruptions? {
        guard let entries = tree.entries, entries.count == 1, let entry = entries.first else {
            log.error(tree.location, field, "expected { scenario: ID } , { scenario: [IDs] } or { each: country|supplier|group }",
                      fix: "e.g. survive: { each: country }")
            return nil
        }
        switch entry.key {
        case "scenario":
            guard let names = Fields.list(entry.value, field: "\(field).scenario", log: &log), !names.isEmpty else { return nil }
            return .scenarios(names)
        case "each":
            return eachKind(entry.value, field: "\(field).each").map { .each($0) }
        default:
            log.error(entry.keyLocation, "\(field).\(entry.key)", "'\(entry.key)' is not a kind of disruption",
                      fix: Suggestion.didYouMean(entry.key, in: ["scenario", "each"]) ?? "use scenario or each")
            return nil
        }
    }
}

/// Enumerations whose raw values are the words a model file may use.
protocol CaseIterableName {
    static var names: [String] { get }
}

extension HHIBasis: CaseIterableName { static var names: [String] { ["country", "supplier"] } }
extension CountBasis: CaseIterableName { static var names: [String] { ["supplier", "country"] } }
extension TotalKind: CaseIterableName { static var names: [String] { ["carbon", "cost"] } }
extension Score: CaseIterableName { static var names: [String] { allCases.map(\.rawValue) } }
