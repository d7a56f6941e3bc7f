/// Gives the tree its meaning: the typed ``SourcingModel``, or diagnostics for everything that
/// is missing, malformed or refers to nothing. Semantic checks that need the whole model live in
/// `ModelDecoder+Checks.swift`.
struct ModelDecoder {
    let file: String
    var log: DiagnosticLog
    /// Threads for decoding long lists (suppliers); 1 decodes on the calling thread.
    var threads = 1
    /// What was found in the policies, policy by policy; their errors make a policy invalid, not
    /// the model, so they are kept out of `log`.
    var policyDiagnostics: [Diagnostic] = []
    /// The model's period labels, read first: period maps and `earliest` are checked against them.
    var periods: [Int] = []
    /// The model's settings, for checks of rule bounds in period maps.
    var settings = Settings()

    static let topKeys = [
        "name", "currency", "commodities", "countries", "suppliers", "routes", "scenarios",
        "policies", "settings", "sources", "description", "periods", "discount_rate", "stockpiles",
    ]
    static let supplierKeys = [
        "id", "commodity", "stage", "country", "capacity", "cost", "input_ratio", "carbon",
        "sustainability", "labor", "flags", "min_order", "surge", "surge_fee", "name", "notes", "source",
        "capex", "fixed_cost", "earliest", "build",
    ]
    static let countryKeys = ["id", "name", "groups", "governance", "notes", "source"]
    /// The rule kinds' keywords and the keys of a rule, from `RuleKinds.all` (Rules/RuleKind.swift).
    static let ruleKinds = RuleKinds.keywords
    static let ruleKeys =
        ["id", "commodity", "stage", "priority", "min", "max"] + RuleKinds.ownKeys.map(\.key)
        + ["note", "period"] + ruleKinds

    init(file: String, log: DiagnosticLog) {
        self.file = file
        self.log = log
    }

    mutating func decode(_ tree: Tree) -> SourcingModel? {
        guard let top = Fields(tree, path: "", known: Self.topKeys, log: &log) else { return nil }
        let name = top.label("name", log: &log) ?? "Untitled model"
        let currency = top.label("currency", log: &log) ?? "USD"
        periods = top["periods"].flatMap { decodePeriods($0) } ?? []
        let discountRate = top.number("discount_rate", .nonNegative, log: &log) ?? 0
        if discountRate >= 1 {
            log.error(
                top["discount_rate"]?.location, "discount_rate", "\(Override.format(discountRate)) is not below 1",
                fix: "give a rate per year as a fraction, e.g. 0.07 for 7%")
        }
        settings = top["settings"].map { decodeSettings($0) } ?? Settings()
        let commodities = decodeList(
            top.required("commodities", log: &log, fix: "list at least one commodity with id and demand"),
            field: "commodities", Self.decodeCommodity)
        let countries = top["countries"].map { decodeList($0, field: "countries", Self.decodeCountry) } ?? []
        let suppliers = decodeList(
            top.required("suppliers", log: &log, fix: "list the suppliers inline or name a CSV file"),
            field: "suppliers", Self.decodeSupplier)
        let routes = top["routes"].map { decodeList($0, field: "routes", Self.decodeRoute) } ?? []
        let scenarios = top["scenarios"].map { decodeList($0, field: "scenarios", Self.decodeScenario) } ?? []
        let stockpiles = top["stockpiles"].map { decodeList($0, field: "stockpiles", Self.decodeStockpile) } ?? []
        let sources = top.list("sources", log: &log) ?? []
        var model = SourcingModel(
            name: name, currency: currency, commodities: commodities, countries: countries, suppliers: suppliers,
            routes: routes, scenarios: scenarios, policies: [], settings: settings, sources: sources, file: file)
        model.periods = periods
        model.discountRate = discountRate
        model.stockpiles = stockpiles
        checkReferences(&model, hasCountries: top.has("countries"))
        checkStockpiles(model)
        // One index, built once the suppliers' stages are settled, serves every later check (it
        // takes a pass over the suppliers, and does not look at the policies).
        let index = ModelIndex(model)
        checkScenarios(model, index: index)
        let definitions = top["policies"].map { decodePolicies($0, index: index) } ?? [PolicyDefinition.baseline]
        let policies = resolve(definitions, at: top["policies"]?.location)
        model.policies = policies.valid
        model.invalidPolicies = policies.invalid
        model.policyOrder = policies.order
        policyDiagnostics = policies.diagnostics
        // Capacity against demand means nothing while numbers stand in for bad values.
        if !log.hasErrors {
            warnAboutCapacity(model, index: index)
            warnAboutStock(model)
        }
        return model
    }

    // MARK: Lists with unique ids

    /// Decodes each element of a list whose entries have unique ids. Long lists are cut into one
    /// run of elements per thread, each decoded with a log of its own; the runs' values and logs
    /// are joined in order, so the result and the messages are those of one pass.
    private mutating func decodeList<T: Sendable>(
        _ tree: Tree?, field: String,
        _ decode: @Sendable (inout ModelDecoder, Tree, String) -> T?
    ) -> [T] {
        guard let tree else { return [] }
        guard let elements = tree.elements else {
            log.error(
                tree.location, field, "expected a list, found \(tree.kindName)",
                fix: "write one '- ' entry per item, or name a CSV file")
            return []
        }
        // Where each id first appears: a later entry with the same id is the duplicate.
        var first: [String: Int] = [:]
        for (offset, element) in elements.enumerated() {
            if let id = element["id"]?.scalar, first[id] == nil { first[id] = offset }
        }
        let runs = elements.count >= 2_000 ? max(1, threads) : 1
        let bounds = (0...runs).map { $0 * elements.count / runs }
        let file = self.file
        let periods = self.periods
        let outputs = inParts(runs) { [first] run -> (values: [T], log: DiagnosticLog) in
            var decoder = ModelDecoder(file: file, log: DiagnosticLog())
            decoder.periods = periods
            var values: [T] = []
            for offset in bounds[run]..<bounds[run + 1] {
                let element = elements[offset]
                let id = element["id"]?.scalar
                let path = id.map { "\(field)[\($0)]" } ?? "\(field)[\(offset + 1)]"
                if let id, let firstOffset = first[id], firstOffset != offset {
                    let earlier = elements[firstOffset].location
                    let place = earlier.file == element.location.file ? "line \(earlier.line)" : earlier.description
                    decoder.log.error(
                        element.location, "\(path).id", "the id '\(id)' is used twice (first at \(place))",
                        fix: "give every entry its own id")
                    continue
                }
                if let value = decode(&decoder, element, path) { values.append(value) }
            }
            return (values, decoder.log)
        }
        var result: [T] = []
        result.reserveCapacity(elements.count)
        for output in outputs {
            result += output.values
            log.append(output.log)
        }
        return result
    }

    // MARK: Sections

    private static func decodeCommodity(_ decoder: inout ModelDecoder, _ tree: Tree, _ path: String) -> Commodity? {
        guard
            let fields = Fields(
                tree, path: path, known: ["id", "unit", "demand", "stages", "shortfall_penalty", "name", "notes"],
                log: &decoder.log)
        else { return nil }
        let id = fields.requiredID("id", log: &decoder.log)
        let demand = fields.required("demand", log: &decoder.log).flatMap {
            decoder.periodNumber($0, field: fields.field("demand"), .positive, use: .data)
        }
        var stages = fields.list("stages", log: &decoder.log) ?? ["supply"]
        if stages.isEmpty {
            decoder.log.error(
                fields["stages"]?.location ?? tree.location, fields.field("stages"), "the list of stages is empty",
                fix: "list the stages in order, e.g. [mining, refining], or leave the field out for one stage")
            stages = ["supply"]
        }
        if Set(stages).count != stages.count {
            decoder.log.error(
                fields["stages"]?.location ?? tree.location, fields.field("stages"), "a stage is listed twice",
                fix: "list each stage once")
        }
        let penalty =
            decoder.refuseMap(fields["shortfall_penalty"], field: fields.field("shortfall_penalty"))
            ? nil : fields.number("shortfall_penalty", .nonNegative, log: &decoder.log)
        guard let id else { return nil }
        // A bad demand is reported above and nothing is solved while it stands; the commodity
        // stays (demand 1 in its place, as the stages above) so that the suppliers and rules
        // naming it are not all reported as naming nothing.
        return Commodity(
            id: id, unit: fields.label("unit", log: &decoder.log) ?? "t", demand: demand?.first ?? 1, stages: stages,
            shortfallPenalty: penalty, demandMap: demand?.map)
    }

    private static func decodeCountry(_ decoder: inout ModelDecoder, _ tree: Tree, _ path: String) -> Country? {
        guard let fields = Fields(tree, path: path, known: countryKeys, log: &decoder.log) else { return nil }
        guard let id = fields.requiredID("id", log: &decoder.log) else { return nil }
        return Country(
            id: id, name: fields.label("name", log: &decoder.log) ?? id,
            groups: fields.list("groups", log: &decoder.log) ?? [],
            governance: fields.number("governance", .nonNegative, log: &decoder.log))
    }

    private static func decodeSupplier(_ decoder: inout ModelDecoder, _ tree: Tree, _ path: String) -> Supplier? {
        guard let fields = Fields(tree, path: path, known: supplierKeys, log: &decoder.log) else { return nil }
        let id = fields.requiredID("id", log: &decoder.log)
        let commodity = fields.requiredID("commodity", log: &decoder.log)
        let stage = fields["stage"].flatMap { Fields.identifier($0, field: fields.field("stage"), log: &decoder.log) }
        let country = fields.requiredID("country", log: &decoder.log)
        let capacity = fields.required("capacity", log: &decoder.log).flatMap {
            decoder.periodNumber($0, field: fields.field("capacity"), .nonNegative, use: .data)
        }
        let cost = fields.required("cost", log: &decoder.log).flatMap {
            decoder.periodNumber($0, field: fields.field("cost"), .nonNegative, use: .data)
        }
        // A map where none is allowed is reported once, as such (not again as "not a number").
        let refused = Set(
            ["input_ratio", "carbon", "sustainability", "labor", "min_order", "surge", "surge_fee"].filter {
                decoder.refuseMap(fields[$0], field: fields.field($0))
            })
        func number(_ key: String, _ range: NumberRange) -> Double? {
            refused.contains(key) ? nil : fields.number(key, range, log: &decoder.log)
        }
        let (project, fixedCost) = decoder.decodeProject(fields)
        let ratio = number("input_ratio", .positive) ?? 1
        let carbon = number("carbon", .nonNegative) ?? 0
        let sustainability = number("sustainability", .unit)
        let labor = number("labor", .unit)
        let flags = fields.list("flags", log: &decoder.log) ?? []
        let minOrder = number("min_order", .nonNegative) ?? 0
        let surge = number("surge", .nonNegative) ?? 0
        let surgeFee = number("surge_fee", .nonNegative) ?? 0
        guard let id, let commodity, let country else { return nil }
        // A bad capacity or cost is reported above; the supplier stays (0 in its place) so that
        // routes and rules naming it are not reported as naming nothing.
        // With a capacity map, the warning is for a min order above every period's capacity.
        if let capacity = capacity.map({ $0.map?.values.max() ?? $0.first }), minOrder > capacity {
            decoder.log.warning(
                fields["min_order"]?.location, fields.field("min_order"),
                "min_order \(Override.format(minOrder)) exceeds capacity \(Override.format(capacity)), so this supplier can never deliver",
                fix: "lower min_order or raise capacity")
        }
        var supplier = Supplier(
            id: id, commodity: commodity, stage: stage ?? "", country: country, capacity: capacity?.first ?? 0,
            cost: cost?.first ?? 0,
            inputRatio: ratio, carbon: carbon, sustainability: sustainability, labor: labor, flags: flags,
            minOrder: minOrder, surge: surge, surgeFee: surgeFee, location: tree.location)
        supplier.capacityMap = capacity?.map
        supplier.costMap = cost?.map
        supplier.fixedCost = fixedCost
        supplier.project = project
        return supplier
    }

    private static func decodeRoute(_ decoder: inout ModelDecoder, _ tree: Tree, _ path: String) -> Route? {
        guard let fields = Fields(tree, path: path, known: ["from", "to", "cost", "notes"], log: &decoder.log) else {
            return nil
        }
        let from = fields.requiredID("from", log: &decoder.log)
        let to = fields.requiredID("to", log: &decoder.log)
        let cost = fields.number("cost", .nonNegative, log: &decoder.log) ?? 0
        guard let from, let to else { return nil }
        return Route(from: from, to: to, cost: cost, location: tree.location)
    }

    private static func decodeScenario(_ decoder: inout ModelDecoder, _ tree: Tree, _ path: String) -> Scenario? {
        guard
            let fields = Fields(
                tree, path: path, known: ["id", "loss", "stage", "commodity", "name", "notes"], log: &decoder.log)
        else { return nil }
        let id = fields.requiredID("id", log: &decoder.log)
        var losses: [Scenario.Loss] = []
        if let loss = fields.required("loss", log: &decoder.log, fix: "e.g. loss: { country: { CHN: 1.0 } }"),
            let lossFields = Fields(
                loss, path: fields.field("loss"), known: SelectorKind.allCases.map(\.rawValue), log: &decoder.log)
        {
            for entry in loss.entries ?? [] {
                guard let kind = SelectorKind(rawValue: entry.key) else { continue }
                guard let names = entry.value.entries, !names.isEmpty else {
                    decoder.log.error(
                        entry.value.location, lossFields.field(entry.key),
                        "expected a mapping of names to loss fractions",
                        fix: "e.g. \(entry.key): { NAME: 1.0 }")
                    continue
                }
                for name in names {
                    if let fraction = Fields.number(
                        name.value, field: "\(lossFields.field(entry.key)).\(name.key)", .unit, log: &decoder.log)
                    {
                        losses.append(
                            Scenario.Loss(
                                kind: kind, name: name.key, fraction: fraction,
                                location: name.keyLocation))
                    }
                }
            }
        }
        let scope = decoder.scope(fields)
        guard let id else { return nil }
        return Scenario(id: id, losses: losses, scope: scope, location: tree.location)
    }

    private mutating func decodeSettings(_ tree: Tree) -> Settings {
        guard let fields = Fields(tree, path: "settings", known: ["hhi_segments", "time_limit", "mip_gap"], log: &log)
        else { return Settings() }
        return Settings(
            hhiSegments: fields.integer("hhi_segments", minimum: 1, maximum: ReaderLimits.hhiSegments, log: &log) ?? 20,
            timeLimit: fields.number("time_limit", .positive, log: &log),
            mipGap: fields.number("mip_gap", .nonNegative, log: &log))
    }

    /// A `commodity:`/`stage:` filter: an id or a list of ids.
    mutating func scope(_ fields: Fields) -> ScopeFilter {
        ScopeFilter(commodities: fields.list("commodity", log: &log), stages: fields.list("stage", log: &log))
    }
}
