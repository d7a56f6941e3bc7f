// Reading time (docs/model-language.md, "Plans over time"): `periods` and `discount_rate`,
// period maps (`{2026: 8000, 2030: 12000}`, or `2026:8000;2030:12000` in a CSV cell) wherever a
// number may change over time, a supplier's project fields, and `stockpiles`.
//
//   decodePeriods        periods: [2026, 2028, ...], unique and increasing
//   periodNumber         a number or a period map, checked against the periods and a range
//   decodeProject        capex, fixed_cost, earliest, build on a supplier
//   decodeStockpile      one entry of `stockpiles`
//   checkStockpiles      what needs the commodities: the commodity exists, bounds within capacity
extension ModelDecoder {
    static let stockpileKeys = [
        "id", "commodity", "initial", "capacity", "holding_cost", "min", "min_cover", "final", "name", "notes",
    ]

    /// `periods`: whole numbers, unique and increasing; nil (with an error) when not.
    mutating func decodePeriods(_ tree: Tree) -> [Int]? {
        guard let elements = tree.elements, !elements.isEmpty else {
            log.error(
                tree.location, "periods", "expected a list of period labels, found \(tree.kindName)",
                fix: "list the periods in order, e.g. periods: [2026, 2028, 2030]")
            return nil
        }
        guard elements.count <= ReaderLimits.periods else {
            log.error(
                tree.location, "periods",
                "\(elements.count) periods are more than the limit of \(ReaderLimits.periods)",
                fix: "plan over at most \(ReaderLimits.periods) periods")
            return nil
        }
        var periods: [Int] = []
        for element in elements {
            guard let label = Fields.integer(element, field: "periods", minimum: 0, log: &log) else { return nil }
            if let last = periods.last, label <= last {
                log.error(
                    element.location, "periods",
                    label == last
                        ? "the period \(label) is listed twice" : "the period \(label) comes after \(last)",
                    fix: "list each period once, in increasing order")
                return nil
            }
            periods.append(label)
        }
        return periods
    }

    /// What a period map stands for: data (the first period must be listed) or a bound (periods
    /// before its first key have no bound from that side).
    enum PeriodMapUse { case data, bound }

    /// A number, or a period map where one is allowed: `{2026: 0, 2030: 500}` in YAML, or
    /// `2026:0;2030:500` in a CSV cell. Returns the first value and the map (nil for a plain number).
    mutating func periodNumber(
        _ value: Tree, field: String, _ range: NumberRange, use: PeriodMapUse
    ) -> (first: Double, map: PeriodMap?)? {
        var entries: [(label: String, value: Tree, location: SourceLocation)] = []
        switch value.value {
        case let .mapping(items):
            entries = items.map { ($0.key, $0.value, $0.keyLocation) }
        case let .scalar(text) where text.contains(":"):
            let cell = Tree.periodCell(text)
            if let malformed = cell.malformed {
                log.error(
                    value.location, field, "'\(malformed)' is not PERIOD:VALUE",
                    fix: "write a period map as 2026:0;2030:500")
                return nil
            }
            entries = cell.pairs.map { ($0.label, Tree(.scalar($0.value), at: value.location), value.location) }
        default:
            guard let number = Fields.number(value, field: field, range, log: &log) else { return nil }
            return (number, nil)
        }
        guard !periods.isEmpty else {
            log.error(
                value.location, field, "a period map needs periods, and the model lists none",
                fix: "add 'periods: [...]' at the top of the model, or write one number")
            return nil
        }
        guard !entries.isEmpty else {
            log.error(value.location, field, "the period map is empty", fix: "write e.g. { \(periods[0]): 100 }")
            return nil
        }
        var steps: [PeriodMap.Step] = []
        var failed = false
        let labels = periods.map(String.init)
        for entry in entries {
            guard let position = labels.firstIndex(of: entry.label) else {
                log.error(
                    entry.location, "\(field).\(entry.label)", "'\(entry.label)' is not one of the model's periods",
                    fix: Suggestion.didYouMean(entry.label, in: labels)
                        ?? "use one of: \(labels.joined(separator: ", "))")
                failed = true
                continue
            }
            if steps.contains(where: { $0.period == position }) {
                log.error(
                    entry.location, "\(field).\(entry.label)", "the period \(entry.label) is listed twice",
                    fix: "give each period one value")
                failed = true
                continue
            }
            guard let number = Fields.number(entry.value, field: "\(field).\(entry.label)", range, log: &log) else {
                failed = true
                continue
            }
            steps.append(PeriodMap.Step(period: position, value: number))
        }
        guard !failed else { return nil }
        let map = PeriodMap(steps)
        if use == .data, map.steps[0].period != 0 {
            log.error(
                value.location, field, "the map starts at \(labels[map.steps[0].period]), after the first period",
                fix: "give the value of the first period, \(labels[0]), too")
            return nil
        }
        return (map.steps[0].value, map)
    }

    /// A period map where the model language allows none (coverage, surge, fees, scores...).
    mutating func refuseMap(_ value: Tree?, field: String) -> Bool {
        guard let value else { return false }
        // Without periods a scalar with a colon is left to the number reader's own error.
        let isMap = Self.isPeriodMap(value) && (value.scalar == nil || !periods.isEmpty)
        if isMap {
            log.error(
                value.location, field, "this number cannot change over time",
                fix: "write one number; period maps are for demand, capacity, cost, weights, tariff rates "
                    + "and rule bounds")
        }
        return isMap
    }

    /// A supplier's project fields: capex > 0 makes it a project; `earliest` and `build` need capex.
    mutating func decodeProject(_ fields: Fields) -> (project: Project?, fixedCost: Double) {
        let capex =
            fields["capex"].flatMap { refuseMap($0, field: fields.field("capex")) ? nil : $0 }
            .flatMap { Fields.number($0, field: fields.field("capex"), .nonNegative, log: &log) } ?? 0
        let fixedCost =
            fields["fixed_cost"].flatMap { refuseMap($0, field: fields.field("fixed_cost")) ? nil : $0 }
            .flatMap { Fields.number($0, field: fields.field("fixed_cost"), .nonNegative, log: &log) } ?? 0
        var earliest = 0
        if let tree = fields["earliest"], let label = Fields.text(tree, field: fields.field("earliest"), log: &log) {
            if let position = periods.firstIndex(where: { String($0) == label }) {
                earliest = position
            } else {
                let labels = periods.map(String.init)
                log.error(
                    tree.location, fields.field("earliest"),
                    periods.isEmpty
                        ? "'earliest' needs periods, and the model lists none"
                        : "'\(label)' is not one of the model's periods",
                    fix: periods.isEmpty
                        ? "add 'periods: [...]' to the model, or remove earliest"
                        : Suggestion.didYouMean(label, in: labels) ?? "use one of: \(labels.joined(separator: ", "))")
            }
        }
        var binary = false
        if let tree = fields["build"], let word = Fields.text(tree, field: fields.field("build"), log: &log) {
            switch word {
            case "continuous": binary = false
            case "binary": binary = true
            default:
                log.error(
                    tree.location, fields.field("build"), "'\(word)' is not one of continuous, binary",
                    fix: Suggestion.didYouMean(word, in: ["continuous", "binary"])
                        ?? "write build: continuous or build: binary")
            }
        }
        if capex <= 0 {
            for key in ["earliest", "build"] where fields.has(key) {
                log.error(
                    fields[key]!.location, fields.field(key),
                    "'\(key)' applies only to a project, and this "
                        + "supplier has no capex",
                    fix: key == "earliest"
                        ? "give it a capex, or write its availability as a capacity map (e.g. 2026:0;2030:500)"
                        : "give it a capex, or remove build")
            }
            return (nil, fixedCost)
        }
        return (Project(capex: capex, earliest: earliest, binary: binary), fixedCost)
    }

    static func decodeStockpile(_ decoder: inout ModelDecoder, _ tree: Tree, _ path: String) -> Stockpile? {
        guard let fields = Fields(tree, path: path, known: stockpileKeys, log: &decoder.log) else { return nil }
        let id = fields.requiredID("id", log: &decoder.log)
        let commodity = fields.requiredID("commodity", log: &decoder.log)
        func number(_ key: String, _ range: NumberRange = .nonNegative) -> Double? {
            guard let value = fields[key], !decoder.refuseMap(value, field: fields.field(key)) else { return nil }
            return Fields.number(value, field: fields.field(key), range, log: &decoder.log)
        }
        let initial = number("initial") ?? 0
        let capacity = number("capacity")
        let holding = number("holding_cost") ?? 0
        let cover = number("min_cover", .unit) ?? 0
        let final = number("final")
        var minimum: PeriodMap?
        if let value = fields["min"],
            let read = decoder.periodNumber(value, field: fields.field("min"), .nonNegative, use: .bound)
        {
            minimum = read.map ?? PeriodMap(constant: read.first)
        }
        guard let id, let commodity else { return nil }
        if let capacity {
            let checks: [(String, Double?)] = [
                ("initial", initial), ("final", final), ("min", minimum?.values.max()),
            ]
            for (key, value) in checks {
                guard let value, value > capacity else { continue }
                decoder.log.error(
                    fields[key]?.location ?? tree.location, fields.field(key),
                    "\(key) \(Override.format(value)) is above the stockpile's capacity \(Override.format(capacity))",
                    fix: "lower \(key) or raise capacity")
            }
        }
        return Stockpile(
            id: id, commodity: commodity, initial: initial, capacity: capacity, holdingCost: holding,
            minimum: minimum, minCover: cover, final: final, location: tree.location)
    }

    /// Warns where the stockpiles' lower bounds (min, min_cover, final) need more than the
    /// commodity's last stage can deliver by then on top of demand (hard demand only).
    mutating func warnAboutStock(_ model: SourcingModel) {
        for commodity in model.commodities where commodity.shortfallPenalty == nil {
            let piles = model.stockpiles.filter { $0.commodity == commodity.id }
            guard !piles.isEmpty else { continue }
            let last = model.suppliers.filter { $0.commodity == commodity.id && $0.stage == commodity.lastStage }
            var available = piles.reduce(0) { $0 + $1.initial }
            var demanded = 0.0
            for t in 0..<model.periodCount {
                available += last.reduce(0) { total, supplier in
                    let open = supplier.project.map { t >= $0.earliest } ?? true
                    return total + (open ? supplier.capacity(in: t) : 0)
                }
                demanded += commodity.demand(in: t)
                let held = piles.reduce(0.0) {
                    $0 + $1.floor(in: t, of: model.periodCount, demand: commodity.demand(in: t))
                }
                if demanded + held > available * (1 + 1e-12) {
                    let when = model.periodLabel(t).map { "the end of \($0)" } ?? "the end of the period"
                    log.warning(
                        piles[0].location, "stockpiles[\(piles[0].id)]",
                        "the stockpiles of \(commodity.id) must hold \(Override.format(held)) \(commodity.unit) at "
                            + "\(when), but the \(commodity.lastStage) stage can deliver at most "
                            + "\(Override.format(max(0, available - demanded))) \(commodity.unit) beyond demand by then",
                        fix: "lower min, min_cover or final, or add capacity")
                    break
                }
            }
        }
    }

    /// What needs the commodities: each stockpile's commodity exists; warnings where min_cover of a
    /// period's demand exceeds the capacity.
    mutating func checkStockpiles(_ model: SourcingModel) {
        let known = model.commodities.map(\.id)
        for pile in model.stockpiles {
            let field = "stockpiles[\(pile.id)]"
            guard let commodity = model.commodity(named: pile.commodity) else {
                log.error(
                    pile.location, "\(field).commodity", "unknown commodity '\(pile.commodity)'",
                    fix: Suggestion.didYouMean(pile.commodity, in: known)
                        ?? "use one of: \(known.joined(separator: ", "))")
                continue
            }
            guard let capacity = pile.capacity, pile.minCover > 0 else { continue }
            // (Where the lower bounds of all a commodity's stockpiles need more than its last
            // stage can deliver: warnAboutStock, below.)
            for t in 0..<model.periodCount where pile.minCover * commodity.demand(in: t) > capacity * (1 + 1e-12) {
                let when = model.periodLabel(t).map { " in \($0)" } ?? ""
                log.warning(
                    pile.location, "\(field).min_cover",
                    "min_cover \(Override.format(pile.minCover)) of the demand\(when) is "
                        + "\(Override.format(pile.minCover * commodity.demand(in: t))), above the capacity "
                        + "\(Override.format(capacity)), so no plan can hold it",
                    fix: "raise capacity or lower min_cover")
                break
            }
        }
    }
}
