// What the rule kinds share: the rule's keyword, decoding helpers for bounds, selector checks,
// rule row names, the row that encodes a bound against T(c, s) or a right-hand side, and the
// wording of bounds in descriptions.
import LodeLP

extension Rule {
    /// The rule's kind as its model-file keyword.
    public var keyword: String { type(of: kind).keyword }
}

extension RuleKind {
    /// The answer of `check(_:_:settings:)` for a field this kind does not have.
    static var foreignField: String { "is not a number of this \(keyword) rule" }
}

// MARK: Decoding

extension ModelDecoder {
    /// Logs a `min` given to a kind that takes only a max.
    mutating func refuseMin(_ fields: Fields, keyword: String) {
        if let min = fields["min"] {
            log.error(min.location, fields.field("min"), "\(keyword) rules take only a max", fix: "remove min")
        }
    }

    /// A swept `min` above the rule's `max` (or `max` below its `min`) is refused, as `--set`
    /// refuses it (the other bound as the model file gives it).
    static func boundsOrder(_ value: Double, _ field: Parameter.RuleField, min: Double?, max: Double?) -> String? {
        if field == .min, let max, value > max { return "is above the rule's max \(Override.format(max))" }
        if field == .max, let min, value < min { return "is below the rule's min \(Override.format(min))" }
        return nil
    }

    /// Refuses `min` and `max` on a kind whose bound is another field (a screen's minimum, a
    /// tariff's rate, a survive rule's coverage) or that has none (exclude): such keys would
    /// otherwise be read and ignored.
    mutating func refuseBounds(_ fields: Fields, keyword: String, instead: String) {
        for key in ["min", "max"] {
            if let tree = fields[key] {
                log.error(
                    tree.location, fields.field(key), "\(keyword) rules take no \(key)",
                    fix: "remove \(key)\(instead.isEmpty ? "" : "; \(instead)")")
            }
        }
    }

    /// True when at least one of min and max is given and min <= max; otherwise logs why not.
    /// Returns false without an error of its own when a min or max was given but unreadable:
    /// `Fields.number` has logged that one already.
    mutating func needBound(_ min: Double?, _ max: Double?, _ fields: Fields) -> Bool {
        if min == nil && max == nil && !fields.has("min") && !fields.has("max") {
            log.error(
                fields.tree.location, fields.path, "the rule has neither min nor max",
                fix: "add 'min: ...' or 'max: ...'")
            return false
        }
        if let min, let max, min > max {
            log.error(
                fields["min"]!.location, fields.field("min"),
                "min \(Override.format(min)) is above max \(Override.format(max))", fix: "make min <= max")
            return false
        }
        return min != nil || max != nil
    }

    /// The rule's `max`, or nil with an error when it is missing or wrong.
    mutating func requiredMax(_ fields: Fields, _ range: NumberRange) -> Double? {
        if let max = fields.number("max", range, log: &log) { return max }
        if !fields.has("max") {
            log.error(fields.tree.location, fields.path, "the rule has no max", fix: "add 'max: ...'")
        }
        return nil
    }

    /// Checks the names of a selector against the model.
    mutating func checkSelector(_ selector: Selector, _ key: String, _ context: RuleCheckContext) {
        let field = context.field
        if case let .named(kind, names) = selector {
            checkNames(
                kind, names, field: "\(field).\(key).\(kind.rawValue)", location: context.rule.location,
                index: context.index)
        }
        if case .each(.group) = selector, context.index.groupNames.isEmpty {
            log.error(
                context.rule.location, "\(field).\(key).each", "the model defines no country groups",
                fix: "list countries with groups")
        }
    }
}

// MARK: Rows

extension Formulation {
    /// `rule[ID][scope][member]suffix`; a row of one period without a scope (a total) ends in `[@2030]`.
    func rowName(
        _ rule: Rule, _ scope: ScopeKey?, _ member: String?, _ suffix: String = "", period: Int? = nil
    ) -> String {
        let label = scope == nil ? period.flatMap { model.periodLabel($0) }.map { "[@\($0)]" } ?? "" : ""
        return Self.name(
            "rule[", rule.id, "]", scope.map { "[\($0)]" } ?? "", member.map { "[\($0)]" } ?? "", label, suffix)
    }

    /// Adds `row (<= or >=) 0`, a row that holds T(c, s) (column `total`) with a coefficient that
    /// encodes `bound` (`bound * factor` subtracted, or the kind's own formula), and records it.
    mutating func addBoundRow(
        _ row: RowBuilder, total: Int, factor: Double, bound: Double, sense: RuleRows.Sense,
        scope: ScopeKey, member: String?, suffix: String = "", into rows: inout RuleRows
    ) throws {
        let constraint = try program.addConstraint(
            row, lower: sense == .min ? 0 : -.infinity, upper: sense == .max ? 0 : .infinity,
            name: rowName(rows.rule, scope, member, suffix))
        rows.rows.append(
            .init(
                constraint: constraint, scope: scope, member: member,
                boundScale: .stageTotal(column: total, factor: factor), bound: bound, sense: sense,
                period: model.hasPeriods ? scope.period : nil))
    }

    /// Adds `row <= bound` or `row >= bound`, the bound a right-hand side, and records it.
    /// `period`: the period of a row without a scope (nil for a pooled row or without periods).
    mutating func addRightHandSideRow(
        _ row: RowBuilder, bound: Double, sense: RuleRows.Sense, scope: ScopeKey?, member: String?,
        suffix: String = "", period: Int? = nil, into rows: inout RuleRows
    ) throws {
        let constraint = try program.addConstraint(
            row, lower: sense == .min ? bound : -.infinity, upper: sense == .max ? bound : .infinity,
            name: rowName(rows.rule, scope, member, suffix, period: period))
        let rowPeriod = model.hasPeriods ? (scope?.period ?? period) : nil
        rows.rows.append(
            .init(
                constraint: constraint, scope: scope, member: member, boundScale: .rightHandSide,
                bound: bound, sense: sense, period: rowPeriod))
    }

    /// The suffix of a bound's row when the rule may have both: `[max]`/`[min]` only then.
    static func boundSuffix(_ sense: RuleRows.Sense, both: Bool) -> String { both ? "[\(sense.rawValue)]" : "" }
}

// MARK: Descriptions

/// `>= 50% and <= 80%`, or `>= 0.6`.
func describeBounds(_ min: Double?, _ max: Double?, percent: Bool = false) -> String {
    func format(_ value: Double) -> String {
        percent ? "\(PlanReader.number(value * 100))%" : PlanReader.number(value)
    }
    return [min.map { ">= \(format($0))" }, max.map { "<= \(format($0))" }].compactMap { $0 }
        .joined(separator: " and ")
}

/// The answer of a field check for a number in [0, 1].
func checkUnit(_ value: Double) -> String? { (0...1).contains(value) ? nil : "is outside [0, 1]" }

/// The answer of a field check for a number >= 0.
func checkNonNegative(_ value: Double) -> String? { value >= 0 ? nil : "is negative" }

/// Kinds bounded by a `min` and/or a `max` that multiply T(c, s) in their rows, with the
/// coefficient `totalCoefficient(bound)` (share, average): setting either bound, and changing it
/// in place, are the same for all of them.
protocol ScaledBounds {
    var min: Double? { get set }
    var max: Double? { get set }
    static func totalCoefficient(_ bound: Double) -> Double
}

extension ScaledBounds {
    /// The kind with `min` or `max` set to `value`; any other field changes nothing.
    func settingBound(_ field: Parameter.RuleField, to value: Double?) -> Self {
        var changed = self
        switch field {
        case .min: changed.min = value
        case .max: changed.max = value
        case .coverage, .rate, .atLeast: break
        }
        return changed
    }

    /// `min` or `max`; nil for any other field.
    func scaledBound(_ field: Parameter.RuleField) -> Double? {
        switch field {
        case .min: return min
        case .max: return max
        case .coverage, .rate, .atLeast: return nil
        }
    }

    /// The in-place change of `min` or `max`: the coefficient of T in the rows of that sense.
    func scaledBoundChange(_ field: Parameter.RuleField) -> InPlaceChange? {
        switch field {
        case .min: return min.map { .totalCoefficient(sense: .min, coefficient: Self.totalCoefficient($0), bound: $0) }
        case .max: return max.map { .totalCoefficient(sense: .max, coefficient: Self.totalCoefficient($0), bound: $0) }
        case .coverage, .rate, .atLeast: return nil
        }
    }
}
