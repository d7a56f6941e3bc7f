import LodeGLPK
import LodeLP

/// The linear program of one policy over one model (docs/model-language.md: the physical model,
/// the policies and plans over time), with the bookkeeping needed to read a plan back: which
/// column is which supplier in which period, which rows belong to which rule.
///
/// The physical model is built first (`Formulation+Physical.swift`), then each rule is its own
/// rewrite into rows, columns, bounds or objective terms (`Rules/`, one file per rule kind).
public struct Formulation: Sendable {
    public internal(set) var model: SourcingModel
    public internal(set) var policy: Policy
    let index: ModelIndex
    public internal(set) var program = LinearModel()

    /// Columns x_{i,t}, output of supplier i in period t: `outputs[t][i]` (see `x(_:_:)`).
    var outputs: [[Int]] = []
    /// Columns y_{i,t}, the min-order switch, where `min_order` > 0.
    var orderSwitches: [[Int?]] = []
    /// Columns r_{i,t}, reserved surge, where the policy has a survive rule and the supplier surge.
    var surges: [[Int?]] = []
    /// Columns z_{c,t}, unmet demand, per commodity with a shortfall penalty, per period.
    var shortfall: [String: [Int]] = [:]
    /// Arc columns of listed routes: (route position, period, column).
    var arcs: [(route: Int, period: Int, column: Int)] = []
    /// Column of T(c, s, t), created when a rule needs a stage total.
    var stageTotal: [ScopeKey: Int] = [:]
    /// Column of V(c, s, t), the scope's purchase value, created when a value share needs it.
    var valueTotals: [ScopeKey: Int] = [:]
    /// Column of R(c, s, t), the scope's reserved surge, created when a survive rule needs it.
    var surgeTotals: [ScopeKey: Int] = [:]
    /// Column of X_k, a member's volume in a scope, created when a rule needs it.
    var memberVolume: [String: Int] = [:]
    /// Summed tariff rate per period and supplier: `tariffRates[t][i]`.
    var tariffRates: [[Double]] = []
    /// Per period and supplier, the exclusions and screens that force it to zero.
    var blockedBy: [[[String]]] = []
    /// The rows of every rule, in policy order.
    public internal(set) var rules: [RuleRows] = []
    /// The demand row of each commodity, per period.
    var demandRows: [String: [Int]] = [:]
    /// The stage pairs whose flows are pooled (no routes): one balance row each, per period.
    var pooledStagePairs: [(commodity: String, from: String, to: String, period: Int)] = []
    /// Columns b_{i,t} of each project (by supplier position), nil before its earliest period.
    var builds: [Int: [Int?]] = [:]
    /// Columns I_{k,t} of each stockpile (model order), per period.
    var stock: [[Int]] = []

    /// The number of periods.
    var periodCount: Int { outputs.count }

    /// True when plans report the cost parts of time (capex, fixed and holding costs): a model with
    /// periods, projects, fixed costs or stockpiles (a one-period model without them keeps its JSON
    /// unchanged). Set once here rather than by a pass over the suppliers at every sweep point.
    private(set) var reportsTimeCosts = false

    /// x_{i,t}.
    func x(_ supplier: Int, _ t: Int) -> Int { outputs[t][supplier] }
    /// r_{i,t}, where the supplier reserves surge.
    func r(_ supplier: Int, _ t: Int) -> Int? { surges[t][supplier] }
    func tariffRate(_ supplier: Int, _ t: Int) -> Double { tariffRates[t][supplier] }
    func isBlocked(_ supplier: Int, _ t: Int) -> Bool { !blockedBy[t][supplier].isEmpty }

    /// A name with the period's label: `id` without periods, `id@2030` with.
    func tagged(_ id: String, _ t: Int) -> String { model.periodLabel(t).map { "\(id)@\($0)" } ?? id }

    /// Builds the program of `policy`; the model must have been read by ``ModelLoader``.
    public init(model: SourcingModel, policy: Policy) throws {
        self.model = model
        self.policy = policy
        index = ModelIndex(model)
        prepareBoundsAndTariffs()
        reportsTimeCosts =
            model.hasPeriods || !model.stockpiles.isEmpty
            || model.suppliers.contains { $0.project != nil || $0.fixedCost > 0 }
        do {
            try addSupplierColumns()
            try addProjects()
            try addFlowRows()
            try addStockColumns()
            try addDemandRows()
            for rule in policy.rules { try add(rule) }
            try setObjective()
            // Stock and project columns are what joins the periods: a cold solve may start from the
            // periods' own bases (GLPKProblem+Links).
            if periodCount > 1 {
                try program.markLinking(stock.flatMap { $0 } + builds.values.flatMap { $0.compactMap { $0 } })
            }
        } catch let error as ModelError {
            var cause = error.description
            if case let .nonFiniteCoefficient(context, value) = error { cause = "\(context) reaches \(value)" }
            // Every number of the model is finite, but products and sums of them (a cost times 1 plus
            // a tariff rate, capex plus fixed costs over the periods) can overflow: bad input, not a
            // fault of the program.
            throw InvalidModelError(diagnostics: [
                Diagnostic(
                    .error, at: SourceLocation(file: model.file, line: 1, column: 1), field: "policies.\(policy.id)",
                    "the program of this policy cannot be built: \(cause)",
                    fix: "use numbers of at most about 1e300: a cost times (1 + tariff rates), capex plus fixed "
                        + "costs over the periods or a penalty times demand must stay finite")
            ])
        }
        // GLPK aborts the process on some programs of extreme numbers (1e308 beside 1): refused here.
        if let (place, value) = program.numberOutsideMagnitudes() {
            throw InvalidModelError(diagnostics: [
                Diagnostic(
                    .error, at: SourceLocation(file: model.file, line: 1, column: 1), field: "policies.\(policy.id)",
                    "the program of this policy holds \(PlainNumber.text(value)) as \(place), beyond the "
                        + "magnitudes the solver is given (1e-100 to 1e100)",
                    fix: "use numbers from 1e-100 to 1e100 (or 0): a capacity, cost, fee, score or budget, or a "
                        + "product of them, reaches the program as it is written")
            ])
        }
    }

    /// True when `min_order` or a count rule makes the program a MIP (no duals).
    public var isMIP: Bool { program.isMIP }

    // MARK: Columns and rows shared by the rewrites

    static func name(_ parts: String...) -> String {
        let joined = parts.joined()
        guard joined.utf8.count > 250 else { return joined }
        var cut = ""
        for character in joined {
            if cut.utf8.count + String(character).utf8.count > 250 { break }
            cut.append(character)
        }
        return cut
    }

    /// T(c, s) = sum of x_i over the scope, as a column defined by an equality row.
    mutating func total(_ scope: ScopeKey) throws -> Int {
        if let column = stageTotal[scope] { return column }
        let column = try program.addVariable(name: Self.name("T[", scope.description, "]")).index
        let members = index.suppliers(in: scope)
        try program.addConstraint(
            columns: members.map { x($0, scope.period) } + [column],
            coefficients: Array(repeating: 1, count: members.count) + [-1],
            lower: 0, upper: 0, name: Self.name("stage_total[", scope.description, "]"))
        stageTotal[scope] = column
        return column
    }

    /// R(c, s) = sum of reserved surge r_i over the scope, as a column; nil when no supplier there can surge.
    mutating func surgeTotal(_ scope: ScopeKey) throws -> Int? {
        if let column = surgeTotals[scope] { return column }
        let columns = index.suppliers(in: scope).compactMap { r($0, scope.period) }
        guard !columns.isEmpty else { return nil }
        let column = try program.addVariable(name: Self.name("R[", scope.description, "]")).index
        try program.addConstraint(
            columns: columns + [column], coefficients: Array(repeating: 1, count: columns.count) + [-1],
            lower: 0, upper: 0, name: Self.name("surge_total[", scope.description, "]"))
        surgeTotals[scope] = column
        return column
    }

    /// X_k: the volume of `member` (a country, or a group) in a scope, as a column; a supplier's
    /// volume is its own x column.
    /// `suppliers`: the member's suppliers in the scope (from `ModelIndex.grouped`).
    mutating func volume(of member: String, kind: SelectorKind, in scope: ScopeKey, suppliers: [Int]) throws -> Int {
        if kind == .supplier, suppliers.count == 1 { return x(suppliers[0], scope.period) }
        let key = "\(kind.rawValue)\u{0}\(scope.description)\u{0}\(member)"
        if let column = memberVolume[key] { return column }
        let column = try program.addVariable(name: Self.name("X[", scope.description, "/", member, "]")).index
        try program.addConstraint(
            columns: suppliers.map { x($0, scope.period) } + [column],
            coefficients: Array(repeating: 1, count: suppliers.count) + [-1],
            lower: 0, upper: 0, name: Self.name("member_volume[", scope.description, "/", member, "]"))
        memberVolume[key] = column
        return column
    }

    /// V(c, s, t) = sum of p_{i,t} x_{i,t} over the scope (purchase value, without tariffs), as a
    /// column defined by an equality row.
    mutating func valueTotal(_ scope: ScopeKey) throws -> Int {
        if let column = valueTotals[scope] { return column }
        let column = try program.addVariable(name: Self.name("V[", scope.description, "]")).index
        let members = index.suppliers(in: scope)
        try program.addConstraint(
            columns: members.map { x($0, scope.period) } + [column],
            coefficients: members.map { model.suppliers[$0].cost(in: scope.period) } + [-1],
            lower: 0, upper: 0, name: Self.name("value_total[", scope.description, "]"))
        valueTotals[scope] = column
        return column
    }

    /// An upper bound on T(c, s, t): the scope's capacity, and at the last stage demand plus what
    /// the stockpiles can take in.
    func largestTotal(_ scope: ScopeKey) -> Double {
        let capacity = index.suppliers(in: scope).reduce(0) { $0 + model.suppliers[$1].capacity(in: scope.period) }
        if let commodity = model.commodity(named: scope.commodity), commodity.lastStage == scope.stage {
            let piles = model.stockpiles.filter { $0.commodity == commodity.id }
            guard piles.allSatisfy({ $0.capacity != nil }) else { return capacity }
            let intake = piles.reduce(0) { $0 + ($1.capacity ?? 0) }
            return min(capacity, commodity.demand(in: scope.period) + intake)
        }
        return capacity
    }
}

/// The rows one rule wrote, so that a plan can report the rule in its own terms.
public struct RuleRows: Sendable {
    public internal(set) var rule: Rule
    public internal(set) var rows: [Row] = []
    /// Suppliers the rule acts on without rows (exclude, screen, tariff), in each period.
    var actedOn: [(supplier: Int, period: Int)] = []
    /// The suppliers of `actedOn`, each once, in first-appearance order.
    public var suppliers: [Int] {
        var seen = Set<Int>()
        return actedOn.compactMap { seen.insert($0.supplier).inserted ? $0.supplier : nil }
    }
    /// Binary columns of a count rule, with the member each stands for.
    var switches: [(scope: ScopeKey, member: String, column: Int)] = []

    /// One row of a rule, in one scope, for one member of an `each` or one disruption.
    public struct Row: Sendable {
        public let constraint: ConstraintRef
        public let scope: ScopeKey?
        public let member: String?
        /// How the rule's bound enters the row: `bound * factor * T(c, s)` in the matrix
        /// (shares, averages, coverage, HHI), or the right-hand side itself (totals, counts).
        public let boundScale: BoundScale
        /// The rule's bound this row encodes (max or min), in the rule's own unit.
        public let bound: Double
        public let sense: Sense
        /// The row's period (nil without periods, and for a row pooled over several).
        public var period: Int? = nil
        /// An `hhi` row's members, so that a plan reads its envelope from the volumes.
        var envelope: HHIEnvelope? = nil
    }

    /// The members of an `hhi` row as the formulation bounds them: X_k's column and weight w_k,
    /// with the same K segments. A plan's slack comes from these, never from the free v_k.
    struct HHIEnvelope: Sendable {
        let volumes: [Int]
        let weights: [Double]
        let segments: Int
    }

    public enum BoundScale: Sendable {
        /// The bound multiplies T(c, s) (column `totalColumn`) with this factor (1/10000 for HHI).
        case stageTotal(column: Int, factor: Double)
        case rightHandSide
    }

    public enum Sense: String, Sendable {
        case max, min
    }
}

/// File formats for the program of a policy.
public enum ProgramFileFormat: String, Sendable, CaseIterable {
    /// CPLEX LP.
    case lp
    /// Free MPS (no objective sense: Lode minimises).
    case mps
}

extension Formulation {
    /// Writes the program in `format`, with readable, valid, unique names; whole or not at all.
    /// `solver` writes it (GLPK's LP and MPS writers by default).
    public func write(_ format: ProgramFileFormat, to path: String, solver: some LinearSolver = GLPKSolver()) throws {
        try solver.load(program).write(format == .lp ? .lp : .mps, to: path)
    }
}
