// The rule kinds: what every kind must decide (the `RuleKind` protocol) and the one list of
// kinds (`RuleKinds.all`) from which the decoder's keywords and keys, the sweepable rule
// fields and the documentation checks derive. One file per kind sits next to this one
// (ShareRule.swift ... SurviveRule.swift); RuleSupport.swift holds what they share.
//
// Adding a kind: write `NewRule.swift` conforming to
// `RuleKind` (the compiler asks for every requirement: none has a default), add its type to
// `RuleKinds.all`, add a golden program case and its file (GoldenProgramTests), and document
// the keyword under "Policies" in docs/model-language.md (RuleKindTests checks both).
import LodeLP

/// What a rule of one kind is and does, from the model file to the plan. Every requirement is
/// a decision each kind makes explicitly; nothing has a default implementation.
protocol RuleKind: Sendable {
    // MARK: The model file (docs/model-language.md, "Policies")

    /// The key that gives a rule its kind, e.g. `share`.
    static var keyword: String { get }
    /// The keys only this kind takes, besides its keyword and the keys every rule may have
    /// (id, commodity, stage, priority, min, max, note); e.g. `rate` for a tariff.
    static var ownKeys: [String] { get }
    /// The fix for the keyword written without a value.
    static var valueFix: String { get }
    /// The kind from its keyword's value and the rule's fields, or nil with what is wrong logged.
    static func decode(_ value: Tree, _ fields: Fields, _ decoder: inout ModelDecoder) -> Self?
    /// Checks against the model (names, scores present, bounds that can never be met).
    func check(_ context: RuleCheckContext, _ decoder: inout ModelDecoder)

    // MARK: The program (Formulation)

    /// What the kind needs of the rest of the program and how it may be changed.
    var traits: RuleTraits { get }
    /// Before any column is written: block suppliers (a zero upper bound) or add tariff rates,
    /// for the suppliers in the rule's scopes.
    func prepare(_ rule: Rule, suppliers inScope: [Int], period: Int, _ formulation: inout Formulation)
    /// The rewrite into rows (or, for kinds without rows, the suppliers it acts on), over scopes
    /// of one period (of several only for a kind that `poolsPeriods`).
    func write(into formulation: inout Formulation, rows: inout RuleRows, scopes: [ScopeKey]) throws

    // MARK: Sweeps (Parameter, Formulation+Changes)

    /// The rule numbers a sweep or `--set` may vary.
    static var fields: [Parameter.RuleField] { get }
    /// Why `value` is not admissible for `field`, or nil; `foreignField` for a field not in `fields`.
    func check(_ value: Double, _ field: Parameter.RuleField, settings: Settings) -> String?
    /// The kind with `field` set to `value` (unchanged for a field not in `fields`); nil removes
    /// an optional bound (a period before the first key of its map) and leaves a required one.
    func setting(_ field: Parameter.RuleField, to value: Double?) -> Self
    /// The value of `field`, or nil when the kind has none.
    func bound(_ field: Parameter.RuleField) -> Double?
    /// How the loaded problem changes in place once `field` has its new value (this kind holds
    /// it), or nil when the program must be rebuilt.
    func inPlaceChange(_ field: Parameter.RuleField) -> InPlaceChange?

    // MARK: The plan (PlanReader+Rules, Explain)

    /// How a plan reads the rule.
    var reporting: RuleReporting { get }
    /// A one-line statement for people, without the scope (`share of country CHN <= 25%`).
    func describe() -> String
    /// The unit of the rule's shadow price.
    func unit(currency: String) -> String
    /// The name of the bound a row of this sense encodes, for relaxations (`coverage`, `max`).
    func boundField(_ sense: RuleRows.Sense) -> Parameter.RuleField
}

/// Every rule kind, in the order the model language documents them. Keywords for decoding,
/// rule keys, sweepable fields and the documentation and golden-file tests derive from it.
enum RuleKinds {
    static let all: [any RuleKind.Type] = [
        ShareRule.self, HHIRule.self, AverageRule.self, ScreenRule.self, ExcludeRule.self, TotalRule.self,
        TariffRule.self, CountRule.self, SurviveRule.self,
    ]

    static let keywords: [String] = all.map { $0.keyword }

    /// The kind of a keyword.
    static func named(_ keyword: String) -> (any RuleKind.Type)? { all.first { $0.keyword == keyword } }

    /// Each kind's own keys with the kind that owns them, in kind order.
    static let ownKeys: [(key: String, owner: String)] = all.flatMap { kind in kind.ownKeys.map { ($0, kind.keyword) } }

    /// Every field some kind can vary, in `RuleField`'s order.
    static let fields: [Parameter.RuleField] = Parameter.RuleField.allCases.filter { field in
        all.contains { $0.fields.contains(field) }
    }
}

/// What a kind needs of the rest of the program, asked instead of matching concrete kinds.
struct RuleTraits: OptionSet, Sendable {
    let rawValue: Int

    /// The program reserves surge columns r_i (survive).
    static let reservesSurge = RuleTraits(rawValue: 1 << 0)
    /// The rows hold numbers computed from demand and capacities (count's big-M and U_k), so a
    /// change of those rebuilds the program.
    static let readsDemandAndCapacity = RuleTraits(rawValue: 1 << 1)
    /// A budget on cost: its row holds every supplier's cost, tariffs and fees (total: cost).
    static let costBudget = RuleTraits(rawValue: 1 << 2)
    /// Only changes prices (a tariff): it cannot make a policy infeasible, and what it costs is
    /// what it adds to the objective.
    static let pricesOnly = RuleTraits(rawValue: 1 << 3)
    /// Its bounds are whole numbers (count): a relaxation rounds outward.
    static let wholeBounds = RuleTraits(rawValue: 1 << 4)
    /// Over a `period:` list or `all`, one row pools the periods (total: a cumulative budget).
    static let poolsPeriods = RuleTraits(rawValue: 1 << 5)
    /// Its rows hold suppliers' costs (a value share): a change of a cost rebuilds.
    static let readsCosts = RuleTraits(rawValue: 1 << 6)
}

/// How a plan reads a rule (PlanReader+Rules).
enum RuleReporting: Sendable {
    /// Each row from its activity, dual and range: slack in the bound's own unit.
    case rows
    /// Each row counted from the plan's member volumes, not from the binaries (docs/model-language.md, "Fine points").
    case counted(CountBasis, atLeast: Double)
    /// The suppliers it blocks; binding when one of them would enter the plan if allowed.
    case blockedSuppliers
    /// The suppliers it taxes; its price is the envelope theorem's (docs/model-language.md, "Fine points").
    case tariffedSuppliers
}

/// A change of a rule number made in the loaded problem instead of a rebuild.
enum InPlaceChange: Sendable {
    /// Every row of `sense` holds T(c, s) with `coefficient`, which encodes `bound`.
    case totalCoefficient(sense: RuleRows.Sense, coefficient: Double, bound: Double)
    /// Every row's right-hand side is the upper bound `bound`.
    case upperBound(Double)
}

/// What the checks of a rule against the model see.
struct RuleCheckContext {
    let rule: Rule
    /// `policies.P.rules[ID]`.
    let field: String
    let scopes: [ScopeKey]
    /// The suppliers of all the scopes.
    let inScope: [Int]
    let index: ModelIndex
}
