/// A policy as written, before `extends` is resolved, with what was found wrong in it.
struct PolicyDefinition {
    var id: String
    var extends: String?
    var weights: [String: Double]
    var rules: [Rule]
    var location: SourceLocation?
    /// Weights written as period maps, by score (their first values are in `weights`).
    var weightMaps: [String: PeriodMap] = [:]
    /// The diagnostics of this policy's own weights, rules and `extends` (docs/model-language.md, "Fine points": an
    /// error
    /// here makes this policy invalid, not the model).
    var log = DiagnosticLog()

    /// The policy a model without `policies` has.
    static let baseline = PolicyDefinition(id: "baseline", extends: nil, weights: [:], rules: [], location: nil)
}

/// The policies with `extends` resolved: the valid ones, and the errors of the invalid ones.
struct ResolvedPolicies {
    var valid: [Policy] = []
    var invalid: [String: [Diagnostic]] = [:]
    /// Every policy id in file order.
    var order: [String] = []
    /// Every policy's diagnostics, each once, policy by policy in file order.
    var diagnostics: [Diagnostic] = []
}

extension ModelDecoder {
    /// The most rules all policies may hold once each repeats the rules it inherits: a long
    /// chain of `extends` in which every policy adds a rule holds quadratically many.
    static let resolvedRuleLimit = 1_000_000

    /// Decodes each policy and checks its own weights and rules against the model; what is
    /// wrong in a policy goes to its own log.
    mutating func decodePolicies(_ tree: Tree, index: ModelIndex) -> [PolicyDefinition] {
        guard let entries = tree.entries else {
            log.error(
                tree.location, "policies",
                "expected a mapping from policy names to policies, found \(tree.kindName)",
                fix: "write e.g. 'policies: { baseline: {}, diversified: { rules: [...] } }'")
            return []
        }
        if entries.isEmpty {
            log.warning(
                tree.location, "policies",
                "the mapping is empty, so the model has one policy, baseline, "
                    + "with no rules (as without 'policies')",
                fix: "list policies under 'policies', or leave the key out")
            return [PolicyDefinition.baseline]
        }
        var definitions: [PolicyDefinition] = []
        for entry in entries {
            var definition = PolicyDefinition(
                id: entry.key, extends: nil, weights: [:], rules: [],
                location: entry.keyLocation)
            swap(&log, &definition.log)
            decodePolicy(entry, into: &definition)
            checkPolicy(definition, index: index)
            swap(&log, &definition.log)
            definitions.append(definition)
        }
        return definitions
    }

    private mutating func decodePolicy(_ entry: Tree.Entry, into definition: inout PolicyDefinition) {
        let path = "policies.\(entry.key)"
        if case .null = entry.value.value { return }
        let known = ["extends", "weights", "rules", "description"]
        guard let fields = Fields(entry.value, path: path, known: known, log: &log) else { return }
        let scores = Score.allCases.map(\.rawValue)
        if let tree = fields["weights"],
            let weightFields = Fields(tree, path: fields.field("weights"), known: scores, log: &log)
        {
            for score in Score.allCases {
                guard let tree = weightFields[score.rawValue],
                    let value = periodNumber(tree, field: weightFields.field(score.rawValue), .nonNegative, use: .data)
                else { continue }
                definition.weights[score.rawValue] = value.first
                if let map = value.map { definition.weightMaps[score.rawValue] = map }
            }
        }
        if let list = fields["rules"] {
            if let elements = list.elements {
                var seen: Set<String> = []
                for (offset, element) in elements.enumerated() {
                    guard let rule = decodeRule(element, policy: entry.key, position: offset + 1) else { continue }
                    if !seen.insert(rule.id).inserted {
                        log.error(
                            element.location, "\(path).rules[\(rule.id)].id",
                            "the rule id '\(rule.id)' is used twice in this policy",
                            fix: "give each rule its own id")
                        continue
                    }
                    definition.rules.append(rule)
                }
            } else {
                log.error(
                    list.location, fields.field("rules"), "expected a list of rules, found \(list.kindName)",
                    fix: "write one '- {...}' per rule")
            }
        }
        definition.extends = fields.text("extends", log: &log)
    }

    /// Resolves `extends`: weights merged key by key (the child's win), the parents' rules first.
    /// A policy with errors of its own, on a cycle, or extending an invalid policy is invalid.
    /// Iterative and linear in policies + rules: each policy has one parent, so the policies form
    /// a forest once each cycle (found by one walk up from every policy) is cut.
    mutating func resolve(_ given: [PolicyDefinition], at location: SourceLocation?) -> ResolvedPolicies {
        var definitions = given
        let count = definitions.count
        var position: [String: Int] = [:]
        for (offset, definition) in definitions.enumerated() where position[definition.id] == nil {
            position[definition.id] = offset
        }
        var parent = [Int?](repeating: nil, count: count)
        for node in 0..<count {
            guard let name = definitions[node].extends else { continue }
            if let found = position[name] {
                parent[node] = found
            } else {
                definitions[node].log.error(
                    definitions[node].location, "policies.\(definitions[node].id).extends",
                    "the parent policy '\(name)' does not exist",
                    fix: Suggestion.didYouMean(name, in: definitions.map(\.id))
                        ?? "extend one of: \(definitions.map(\.id).joined(separator: ", "))")
            }
        }

        // Cycles: walking up from each policy not yet reached ends at a root, at a policy an
        // earlier walk reached, or on this walk's own path: a cycle, reported once, at its member
        // that comes first in the file.
        var walk = [Int](repeating: -1, count: count)
        var cycleHead = [Int?](repeating: nil, count: count)
        var cycleError: [Int: Diagnostic] = [:]
        var path: [Int] = []
        for start in 0..<count where walk[start] < 0 {
            path.removeAll(keepingCapacity: true)
            var current: Int? = start
            while let node = current, walk[node] < 0 {
                walk[node] = start
                path.append(node)
                current = parent[node]
            }
            guard let entry = current, walk[entry] == start, let from = path.firstIndex(of: entry) else { continue }
            let members = path[from...]
            let head = members.min()!
            let cut = members.firstIndex(of: head)!
            let cycle = Array(members[cut...] + members[from..<cut]).map { definitions[$0].id }
            for member in members { cycleHead[member] = head }
            let diagnostic = Diagnostic(
                .error, at: definitions[head].location,
                field: "policies.\(definitions[head].id).extends",
                "policies extend each other in a cycle: \(Self.describeCycle(cycle))",
                fix: "remove one of the 'extends' in the cycle")
            definitions[head].log.error(diagnostic.location, diagnostic.field, diagnostic.message, fix: diagnostic.fix)
            cycleError[head] = diagnostic
        }

        // Depth first from the roots (no parent, a missing one, or on a cycle), parents before
        // children in file order, keeping the rule ids of the policies above.
        var children = [[Int]](repeating: [], count: count)
        for node in 0..<count where cycleHead[node] == nil { if let up = parent[node] { children[up].append(node) } }
        let roots = (0..<count).filter { parent[$0] == nil || cycleHead[$0] != nil }
        var cause = [Int?](repeating: nil, count: count)  // the policy whose errors make this one invalid
        var ruleCount = [Int](repeating: 0, count: count)
        var inheritedIDs: [String: Int] = [:]
        var order: [Int] = []
        var stack: [(node: Int, entering: Bool)] = roots.reversed().map { ($0, true) }
        var total = 0
        while let (node, entering) = stack.popLast() {
            let own = definitions[node].rules
            if !entering {
                for rule in own { inheritedIDs[rule.id]! -= 1 }
                continue
            }
            let id = definitions[node].id
            for rule in own where inheritedIDs[rule.id, default: 0] > 0 {
                definitions[node].log.error(
                    rule.location, "policies.\(id).rules[\(rule.id)].id",
                    "the rule id '\(rule.id)' is already used by a rule this policy inherits",
                    fix: "give the rule another id")
            }
            let up = cycleHead[node] == nil ? parent[node] : nil
            let ownErrors = definitions[node].log.hasErrors
            if let up, let root = cause[up] {
                let name = definitions[up].id
                let culprit = root == up ? "'\(name)'" : "'\(definitions[root].id)' (from which '\(name)' inherits)"
                definitions[node].log.error(
                    definitions[node].location, "policies.\(id).extends",
                    "the parent policy '\(name)' is invalid, so this policy is too",
                    fix: "correct the errors of \(culprit), or extend another policy")
            }
            cause[node] = ownErrors ? node : (cycleHead[node] ?? up.flatMap { cause[$0] })
            if cause[node] == nil {
                ruleCount[node] = (up.map { ruleCount[$0] } ?? 0) + own.count
                total = min(total + ruleCount[node], Int.max / 2)
            }
            for rule in own { inheritedIDs[rule.id, default: 0] += 1 }
            order.append(node)
            stack.append((node, false))
            for child in children[node].reversed() { stack.append((child, true)) }
        }

        var result = ResolvedPolicies()
        result.order = definitions.map(\.id)
        for node in 0..<count {
            result.diagnostics += definitions[node].log.all
            guard cause[node] != nil else { continue }
            var errors = definitions[node].log.all.filter { $0.severity == .error }
            if let head = cycleHead[node], head != node, let diagnostic = cycleError[head] { errors.append(diagnostic) }
            result.invalid[definitions[node].id] = errors
        }
        if total > Self.resolvedRuleLimit {
            log.error(
                location, "policies",
                "the policies hold \(Self.grouped(total)) rules once each repeats the rules it inherits, "
                    + "more than the limit of \(Self.grouped(Self.resolvedRuleLimit))",
                fix: "shorten the chains of 'extends' in which every policy adds rules")
            return result
        }
        var resolved = [Policy?](repeating: nil, count: count)
        for node in order where cause[node] == nil {
            let definition = definitions[node]
            let base = (cycleHead[node] == nil ? parent[node] : nil).flatMap { resolved[$0] }
            var weights = base?.weights ?? Weights()
            var weightMaps = base?.weightMaps ?? [:]
            for score in Score.allCases {
                guard let value = definition.weights[score.rawValue] else { continue }
                // The child's weight wins, a plain number over a parent's map too.
                weights[score] = value
                weightMaps[score] = definition.weightMaps[score.rawValue]
            }
            // A policy that adds no rule shares its parent's array.
            var rules = base?.rules ?? []
            if !definition.rules.isEmpty { rules += definition.rules }
            resolved[node] = Policy(
                id: definition.id, weights: weights, rules: rules, location: definition.location, weightMaps: weightMaps
            )
        }
        result.valid = resolved.compactMap { $0 }
        return result
    }

    /// `a -> b -> a`; a long cycle by its first ten members and how many more.
    static func describeCycle(_ members: [String]) -> String {
        guard members.count > 10 else { return (members + [members[0]]).joined(separator: " -> ") }
        let more = "... and \(grouped(members.count - 10)) more"
        return (members.prefix(10) + [more, members[0]]).joined(separator: " -> ")
    }

    /// 99990 as 99,990.
    static func grouped(_ number: Int) -> String {
        let digits = Array(String(number))
        var text = ""
        for (offset, digit) in digits.enumerated() {
            if offset > 0 && (digits.count - offset) % 3 == 0 { text.append(",") }
            text.append(digit)
        }
        return text
    }

    // MARK: Rules

    mutating func decodeRule(_ written: Tree, policy: String, position: Int) -> Rule? {
        let givenID = written["id"]?.scalar
        let path = "policies.\(policy).rules[\(givenID ?? "#\(position)")]"
        // Bounds written as period maps: the kind reads their first value, the rule keeps the maps.
        var tree = written
        var boundMaps: [Parameter.RuleField: PeriodMap] = [:]
        var mapsFailed = false
        if case var .mapping(entries) = written.value {
            for (offset, entry) in entries.enumerated() {
                guard let field = Parameter.RuleField(rawValue: entry.key), [.min, .max, .rate].contains(field),
                    Self.isPeriodMap(entry.value)
                else { continue }
                guard let read = periodNumber(entry.value, field: "\(path).\(entry.key)", .any, use: .bound),
                    let map = read.map
                else {
                    mapsFailed = true
                    continue
                }
                boundMaps[field] = map
                // The kind reads one value of the map, which also meets the other bound in the kind's
                // own min <= max check: the least of a min map, the largest of a max map (whether the
                // two are in order is checked period by period, in checkBoundMaps).
                let shown = field == .min ? map.values.min()! : field == .max ? map.values.max()! : read.first
                entries[offset].value = Tree(.scalar(PlainNumber.text(shown)), at: entry.value.location)
            }
            tree = Tree(.mapping(entries), at: written.location)
        }
        // A map that failed has said why; reading the rule on would also call the map "not a number".
        guard !mapsFailed else { return nil }
        guard let fields = Fields(tree, path: path, known: Self.ruleKeys, log: &log) else { return nil }
        let kinds = Self.ruleKinds.filter { tree[$0] != nil }
        guard kinds.count == 1, let keyword = kinds.first else {
            if kinds.isEmpty {
                log.error(
                    tree.location, path,
                    "the rule says what it constrains with none of \(Self.ruleKinds.joined(separator: ", "))",
                    fix: "start the rule with its kind, e.g. { share: { country: CHN }, max: 0.25 }")
            } else {
                log.error(
                    tree.location, path, "a rule has one kind, but this one has \(kinds.joined(separator: " and "))",
                    fix: "split it into one rule per kind")
            }
            return nil
        }
        let id =
            givenID.flatMap { _ in fields["id"].flatMap { Fields.identifier($0, field: fields.field("id"), log: &log) }
            } ?? "\(policy)#\(position)"
        let priority = fields.integer("priority", minimum: 1, log: &log) ?? 1
        let scope = scope(fields)
        let periodScope = fields["period"].flatMap { rulePeriods($0, field: fields.field("period")) }
        for (key, owner) in RuleKinds.ownKeys where fields.has(key) && keyword != owner {
            log.error(
                fields[key]!.location, fields.field(key), "'\(key)' applies only to \(owner) rules",
                fix: "remove it from this \(keyword) rule")
        }
        guard let value = fields[keyword] else {
            // `share:` with the selector forgotten: the key is there, its value null.
            let key = tree.entries?.first { $0.key == keyword }?.keyLocation
            log.error(
                key ?? tree.location, fields.field(keyword), "'\(keyword)' has no value",
                fix: RuleKinds.named(keyword)?.valueFix ?? "give the rule's kind its value")
            return nil
        }
        // A rule's other numbers (coverage, at_least) cannot change over time: say so once, as such.
        guard !["coverage", "at_least"].contains(where: { refuseMap(fields[$0], field: fields.field($0)) }) else {
            return nil
        }
        let errorsBefore = log.errorCount
        guard let kind = RuleKinds.named(keyword)?.decode(value, fields, &self) else {
            // A kind that refuses a rule says why; should one ever not, the rule is still not
            // dropped without a word.
            if log.errorCount == errorsBefore {
                log.error(tree.location, path, "the \(keyword) rule cannot be read", fix: "see docs/model-language.md")
            }
            return nil
        }
        var rule = Rule(id: id, policy: policy, priority: priority, scope: scope, kind: kind, location: tree.location)
        rule.periodScope = periodScope
        rule.boundMaps = boundMaps
        guard checkBoundMaps(rule, fields: fields) else { return nil }
        return rule
    }

    /// True for a period map: a mapping, or a scalar with `PERIOD:VALUE` parts.
    static func isPeriodMap(_ tree: Tree) -> Bool {
        switch tree.value {
        case .mapping: return true
        case let .scalar(text): return text.contains(":")
        default: return false
        }
    }

    /// `period:` of a rule: a label, a list of labels, or `all`.
    mutating func rulePeriods(_ tree: Tree, field: String) -> PeriodScope? {
        if tree.scalar == "all" { return .all }
        let labels = periods.map(String.init)
        guard !periods.isEmpty else {
            log.error(
                tree.location, field, "'period' needs periods, and the model lists none",
                fix: "add 'periods: [...]' to the model, or remove period (or write period: all)")
            return nil
        }
        func position(_ label: String, at location: SourceLocation) -> Int? {
            if let found = labels.firstIndex(of: label) { return found }
            log.error(
                location, field, "'\(label)' is not one of the model's periods",
                fix: Suggestion.didYouMean(label, in: labels) ?? "use one of: \(labels.joined(separator: ", ")), or all"
            )
            return nil
        }
        switch tree.value {
        case let .scalar(label):
            return position(label, at: tree.location).map { .one($0) }
        case let .sequence(elements):
            var found: [Int] = []
            for element in elements {
                guard let label = Fields.text(element, field: field, log: &log),
                    let at = position(label, at: element.location)
                else { return nil }
                if !found.contains(at) { found.append(at) }
            }
            guard !found.isEmpty else {
                log.error(tree.location, field, "the list of periods is empty", fix: "list periods, or write all")
                return nil
            }
            return .list(found.sorted())
        default:
            log.error(
                tree.location, field, "expected a period, a list of periods or all, found \(tree.kindName)",
                fix: "e.g. period: \(labels[0]), period: [\(labels.prefix(2).joined(separator: ", "))] or period: all")
            return nil
        }
    }

    /// Every value of a bound map checked as the kind checks a swept value; a pooled total's bound
    /// is one number; a tariff's rate map covers the first period the rule applies in; min <= max in
    /// every period.
    private mutating func checkBoundMaps(_ rule: Rule, fields: Fields) -> Bool {
        var valid = true
        for (field, map) in rule.boundMaps.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            let key = field.rawValue
            let location = fields[key]?.location
            if rule.kind.traits.contains(.poolsPeriods), rule.periodScope?.pools == true {
                log.error(
                    location, fields.field(key), "a total over several periods has one bound, not a period map",
                    fix: "write one number: the budget for all the listed periods together")
                valid = false
                continue
            }
            if field == .rate, let first = rule.periods(count: periods.count).first, map.steps[0].period > first {
                log.error(
                    location, fields.field(key),
                    "the rate map starts at \(periods[map.steps[0].period]), after \(periods[first]), "
                        + "the first period the tariff applies in",
                    fix: "give the rate of \(periods[first]) too")
                valid = false
            }
            // The value the kind read was checked there; every other step here, against its own
            // range only (the other bound is compared period by period below).
            let read = rule.kind.bound(field)
            let alone =
                field == .min
                ? rule.kind.setting(.max, to: nil) : field == .max ? rule.kind.setting(.min, to: nil) : rule.kind
            for step in map.steps where step.value != read {
                if let problem = alone.setting(field, to: step.value).check(step.value, field, settings: settings) {
                    log.error(
                        location, "\(fields.field(key)).\(periods[step.period])",
                        "\(Override.format(step.value)) \(problem)",
                        fix: "give every period a bound the rule admits")
                    valid = false
                }
            }
        }
        // Maps of min and max step at their own periods: each period's pair must be in order too.
        if valid, rule.boundMaps[.min] != nil || rule.boundMaps[.max] != nil {
            for t in rule.periods(count: periods.count) {
                guard let kind = rule.kind(in: t), let min = kind.bound(.min), let max = kind.bound(.max), min > max
                else { continue }
                log.error(
                    fields["min"]?.location ?? rule.location, fields.field("min"),
                    "in \(periods[t]) min \(Override.format(min)) is above max \(Override.format(max))",
                    fix: "make min <= max in every period")
                return false
            }
        }
        return valid
    }

    mutating func word<T: RawRepresentable>(_ tree: Tree, field: String, _ type: T.Type) -> T?
    where T.RawValue == String, T: CaseIterableName {
        guard let text = Fields.text(tree, field: field, log: &log) else { return nil }
        guard let value = T(rawValue: text) else {
            log.error(
                tree.location, field, "'\(text)' is not one of \(T.names.joined(separator: ", "))",
                fix: Suggestion.didYouMean(text, in: T.names) ?? "use one of \(T.names.joined(separator: ", "))")
            return nil
        }
        return value
    }

    /// `{supplier|country|group|flag: NAME or [NAMES]}` or `{each: supplier|country|group}`: exactly one key.
    mutating func selector(_ tree: Tree, field: String, allowEach: Bool) -> Selector? {
        let keys = SelectorKind.allCases.map(\.rawValue) + (allowEach ? ["each"] : [])
        guard let entries = tree.entries else {
            log.error(
                tree.location, field, "expected a selector such as { country: CHN }, found \(tree.kindName)",
                fix: "write { \(keys.joined(separator: "|")): ... }")
            return nil
        }
        guard entries.count == 1, let entry = entries.first else {
            log.error(
                tree.location, field,
                "a selector has exactly one key, found \(entries.isEmpty ? "none" : entries.map(\.key).joined(separator: " and "))",
                fix: "select by one of \(keys.joined(separator: ", ")); write separate rules to combine them")
            return nil
        }
        if entry.key == "each" {
            return eachKind(entry.value, field: "\(field).each").map { .each($0) }
        }
        guard let kind = SelectorKind(rawValue: entry.key) else {
            log.error(
                entry.keyLocation, "\(field).\(entry.key)", "'\(entry.key)' is not a selector",
                fix: Suggestion.didYouMean(entry.key, in: keys) ?? "select by one of \(keys.joined(separator: ", "))")
            return nil
        }
        guard let names = Fields.list(entry.value, field: "\(field).\(entry.key)", log: &log), !names.isEmpty else {
            log.error(
                entry.value.location, "\(field).\(entry.key)", "the selector names nothing",
                fix: "name at least one \(entry.key)")
            return nil
        }
        return .named(kind, names)
    }

    /// The member kind of `each:` (supplier, country or group; a flag is not a member).
    mutating func eachKind(_ value: Tree, field: String) -> SelectorKind? {
        guard let text = Fields.text(value, field: field, log: &log) else { return nil }
        guard let kind = SelectorKind(rawValue: text), kind != .flag else {
            log.error(
                value.location, field, "'each' expands over supplier, country or group, not '\(text)'",
                fix: "write each: country (or supplier, group)")
            return nil
        }
        return kind
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
