// The machinery of `explain` on an infeasible policy: a time budget, rules switched on and off
// in one loaded problem, the conflict search (a deletion filter in halves), and one elastic
// problem re-solved warm for every relaxation asked of it.
import Foundation
import LodeLP

/// The wall-clock bound on one explanation: every solve gets what is left of it.
struct ExplainBudget {
    /// Explain's total time when neither `--time-limit` nor `settings.time_limit` sets one.
    static let defaultSeconds: Double = 60

    let seconds: Double
    let start = Date()
    let mipGap: Double?

    init(options: PlanOptions, settings: Settings) {
        self.init(
            seconds: options.timeLimit ?? settings.timeLimit ?? Self.defaultSeconds,
            mipGap: options.mipGap ?? settings.mipGap)
    }

    init(seconds: Double, mipGap: Double?) {
        self.seconds = seconds
        self.mipGap = mipGap
    }

    var remaining: Double { max(0, seconds - Date().timeIntervalSince(start)) }
    var expired: Bool { remaining <= 0 }
    /// Options for the next solve: what is left of the budget.
    var solveOptions: SolveOptions { SolveOptions(timeLimit: remaining, mipGap: mipGap) }
    /// "12.3 s": how long the explanation has run, for notes.
    var elapsedText: String { "\(Override.format((Date().timeIntervalSince(start) * 10).rounded() / 10)) s" }

    /// A partial answer's note: "search stopped after 12.3 s (time limit 60 s): " and what it lacks.
    func stopped(_ what: String) -> String {
        "search stopped after \(elapsedText) (time limit \(Override.format(seconds)) s): \(what)"
    }
}

/// The budget ran out during a solve or before it.
struct ExplainStopped: Error {}

/// Rules of a formulation switched on and off in one loaded problem: a rule off has free bounds
/// on its rows and gives back the suppliers it blocks. Only what changed since the last call is
/// sent to the solver, and the program's structure never changes, so every re-solve is warm.
final class RuleSwitches<Problem: LinearProblem> {
    let formulation: Formulation
    let problem: Problem
    /// Whether each rule is on in the problem now (all are, as built).
    private var on: [Bool]
    /// Per period and supplier: the rules (positions) that block it.
    private let blockers: [[[Int]]]

    /// `problem` must have been loaded from `formulation.program` (any objective).
    init(_ formulation: Formulation, problem: Problem) {
        self.formulation = formulation
        self.problem = problem
        on = Array(repeating: true, count: formulation.rules.count)
        var positions: [String: [Int]] = [:]
        for (position, rule) in formulation.rules.enumerated() { positions[rule.rule.id, default: []].append(position) }
        blockers = formulation.blockedBy.map { period in period.map { ids in ids.flatMap { positions[$0] ?? [] } } }
    }

    /// Switches every rule to `active[position]`.
    func apply(_ active: [Bool]) throws {
        var touched = Set<Int>()
        for position in formulation.rules.indices where on[position] != active[position] {
            on[position] = active[position]
            for row in formulation.rules[position].rows {
                let (lower, upper) = active[position] ? Formulation.bounds(of: row) : (-.infinity, .infinity)
                try problem.setBounds(of: row.constraint, lower: lower, upper: upper)
            }
            touched.formUnion(formulation.rules[position].suppliers)
        }
        for t in blockers.indices {
            for supplier in touched.sorted() where !blockers[t][supplier].isEmpty {
                let blocked = blockers[t][supplier].contains { on[$0] }
                try problem.setBounds(
                    of: try formulation.program.variable(at: formulation.x(supplier, t)), lower: 0,
                    upper: blocked ? 0 : formulation.unblockedBound(supplier, t))
            }
        }
    }
}

/// Finds irreducible conflicting sets of rules by feasibility tests on one problem whose
/// objective is zero (a test needs a feasible point, not an optimum).
final class ConflictSearch<Solver: LinearSolver> {
    let formulation: Formulation
    private let switches: RuleSwitches<Solver.Problem>
    private let budget: ExplainBudget
    /// Rules that restrict nothing (tariffs), on in every test.
    private let alwaysOn: [Bool]
    /// Feasibility tests run so far.
    private(set) var tests = 0

    init(_ formulation: Formulation, budget: ExplainBudget, solver: Solver) throws {
        self.formulation = formulation
        self.budget = budget
        let restrictive = Set(formulation.restrictiveRules)
        alwaysOn = formulation.rules.indices.map { !restrictive.contains($0) }
        var program = formulation.program
        try program.minimize(LinearExpression())
        switches = RuleSwitches(formulation, problem: solver.load(program))
    }

    /// Whether the policy with only the rules in `rules` on has a feasible point (tariffs and
    /// other rules that restrict nothing stay on). Throws ``ExplainStopped`` when the budget runs out.
    func isFeasible(_ rules: some Sequence<Int>) throws -> Bool {
        var active = alwaysOn
        for position in rules { active[position] = true }
        return try isFeasible(active: active)
    }

    private func isFeasible(active: [Bool]) throws -> Bool {
        guard !budget.expired else { throw ExplainStopped() }
        try switches.apply(active)
        tests += 1
        let solution = try switches.problem.solve(budget.solveOptions)
        if solution.hasFeasiblePoint { return true }
        if solution.termination == .timeLimit || budget.expired { throw ExplainStopped() }
        return false
    }

    /// An irreducible conflicting subset of `candidates`, which together (with the physical
    /// model) must be infeasible while the physical model alone is feasible.
    ///
    /// A deletion filter by groups: a group of consecutive rules is switched off at once and stays
    /// off when the rest still conflicts; otherwise it holds a needed rule and is split in halves,
    /// tried in turn, down to single rules, which are then needed. Rules are tried in `candidates`
    /// order, so the set found is the one a deletion filter trying one rule at a time in that order
    /// finds (the "preferred" conflict of QuickXplain, Junker 2004). Groups grow while few rules
    /// are needed (about k log2(n / k) tests for k of n rules, instead of n) and shrink to single
    /// rules when most are (about n tests, instead of the 2n of halving alone). The rules switched
    /// on always conflict, so when the budget runs out the search returns them with `complete`
    /// false: they conflict, but may not be minimal.
    func irreducible(_ candidates: [Int]) throws -> (rules: [Int], complete: Bool) {
        var active = alwaysOn
        for position in candidates { active[position] = true }
        var needed: [Int] = []

        /// Tries `candidates[range]` off; true when every rule of it was dropped. `mustStay`: the
        /// rest is known to be feasible without the whole range, so it is split untested.
        func filter(_ range: Range<Int>, mustStay: Bool) throws -> Bool {
            if !mustStay {
                for offset in range { active[candidates[offset]] = false }
                if try !isFeasible(active: active) { return true }
                for offset in range { active[candidates[offset]] = true }
            }
            if range.count == 1 {
                needed.append(candidates[range.lowerBound])
                return false
            }
            let middle = range.lowerBound + range.count / 2
            let frontDropped = try filter(range.lowerBound..<middle, mustStay: false)
            // With the whole front dropped, the rest is as it was when the range was tried: the
            // back cannot go as a whole.
            _ = try filter(middle..<range.upperBound, mustStay: frontDropped)
            return false
        }

        do {
            var cursor = 0
            while cursor < candidates.count {
                // A group that, at the share of needed rules seen so far, holds none with even odds.
                let share = (Double(needed.count) + 0.5) / (Double(cursor) + 1)
                let size = min(candidates.count - cursor, max(1, Int(log(0.5) / log(1 - share))))
                // All of them off leaves the physical model alone, which is feasible.
                _ = try filter(cursor..<(cursor + size), mustStay: cursor == 0 && size == candidates.count)
                cursor += size
            }
        } catch is ExplainStopped {
            return (formulation.rules.indices.filter { active[$0] && !alwaysOn[$0] }, false)
        }
        return (needed.sorted(), true)
    }
}

/// The elastic program of a policy, loaded once: every row of every restrictive rule has a
/// violation column penalised by 100^-(priority - 1) per unit of the rule's own bound (so lower
/// priorities relax first), and the suppliers a rule blocks may deliver at a penalty per unit of
/// their capacity; the policy's cost is ignored. A relaxation of some rules fixes the other
/// rules' violation columns at 0 and re-solves warm.
final class ElasticProblem<Solver: LinearSolver> {
    private struct Violation {
        let rule: Int
        let row: RuleRows.Row
        let column: Int
    }

    private let formulation: Formulation
    private let budget: ExplainBudget
    private let problem: Solver.Problem
    /// The program as loaded, for its variables.
    private let program: LinearModel
    private let violations: [Violation]
    /// Per rule position: its violations.
    private let ruleViolations: [Int: Range<Int>]
    /// Per supplier: the rules (positions) that block it, in policy order.
    private let blockers: [[[Int]]]

    init(_ formulation: Formulation, budget: ExplainBudget, solver: Solver) throws {
        self.formulation = formulation
        self.budget = budget
        let source = formulation.program
        // Each restrictive rule row gets its violation column (+1 in a min row, -1 in a max row),
        // numbered after the program's own columns.
        var entry: [Int: (column: Int, coefficient: Double)] = [:]
        var penalties: [Double] = []
        var violations: [Violation] = []
        var ruleViolations: [Int: Range<Int>] = [:]
        var largestTotal: [ScopeKey: Double] = [:]
        for position in formulation.restrictiveRules {
            let rows = formulation.rules[position]
            let weight = Self.weight(rows.rule)
            let first = violations.count
            for row in rows.rows {
                let scale: Double
                switch row.boundScale {
                case let .stageTotal(_, factor):
                    let scope = row.scope!
                    if largestTotal[scope] == nil { largestTotal[scope] = formulation.largestTotal(scope) }
                    scale = factor * max(1, largestTotal[scope]!)
                case .rightHandSide: scale = max(1, abs(row.bound))
                }
                let column = source.variableCount + violations.count
                entry[row.constraint.index] = (column, row.sense == .max ? -1 : 1)
                penalties.append(weight / scale)
                violations.append(Violation(rule: position, row: row, column: column))
            }
            ruleViolations[position] = first..<violations.count
        }
        // The program copied row by row with those entries added: inserting them into the rows
        // in place moves every later entry, once per row (quadratic in the number of rules).
        var program = LinearModel()
        for column in 0..<source.variableCount {
            try program.addVariable(
                name: source.columnNames[column], lowerBound: source.columnLower[column],
                upperBound: source.columnUpper[column], kind: source.columnKinds[column])
        }
        for index in violations.indices { try program.addVariable(name: "violation_\(index)") }
        for row in 0..<source.constraintCount {
            let range = source.rowStart[row]..<source.rowStart[row + 1]
            var columns = source.rowColumns[range].map(Int.init)
            var coefficients = Array(source.rowValues[range])
            if let added = entry[row] {
                columns.append(added.column)
                coefficients.append(added.coefficient)
            }
            try program.addConstraint(
                columns: columns, coefficients: coefficients, lower: source.rowLower[row],
                upper: source.rowUpper[row], name: source.rowNames[row])
        }
        var objective = LinearExpression()
        for (violation, penalty) in zip(violations, penalties) {
            objective.add(penalty, try program.variable(at: violation.column))
        }
        try program.minimize(objective)
        problem = solver.load(program)
        self.program = program
        self.violations = violations
        self.ruleViolations = ruleViolations
        var positions: [String: [Int]] = [:]
        for (position, rule) in formulation.rules.enumerated() { positions[rule.rule.id, default: []].append(position) }
        blockers = formulation.blockedBy.map { period in
            period.map { ids in Set(ids.flatMap { positions[$0] ?? [] }).sorted() }
        }
    }

    static func weight(_ rule: Rule) -> Double { pow(100, -Double(rule.priority - 1)) }

    /// The least relaxation of the rules in `relaxing` (the others held), in the rules' terms;
    /// nil when no relaxation of them makes the policy feasible. Throws ``ExplainStopped`` when
    /// the budget runs out.
    func relax(_ relaxing: Set<Int>) throws -> [Relaxation]? {
        guard !budget.expired else { throw ExplainStopped() }
        for violation in violations {
            try problem.setBounds(
                of: try program.variable(at: violation.column), lower: 0,
                upper: relaxing.contains(violation.rule) ? .infinity : 0)
        }
        // A blocked supplier may deliver again when every rule blocking it is relaxed, at the
        // penalties of those rules per unit of its capacity.
        var letIn: [(rule: Int, supplier: Int, period: Int)] = []
        for t in blockers.indices {
            for supplier in formulation.model.suppliers.indices where !blockers[t][supplier].isEmpty {
                let capacity = formulation.unblockedBound(supplier, t)
                let free = blockers[t][supplier].allSatisfy { relaxing.contains($0) }
                let x = try program.variable(at: formulation.x(supplier, t))
                try problem.setBounds(of: x, lower: 0, upper: free ? capacity : 0)
                var penalty = 0.0
                if free {
                    for position in blockers[t][supplier] {
                        penalty += Self.weight(formulation.rules[position].rule) / max(1, capacity)
                        letIn.append((position, supplier, t))
                    }
                }
                try problem.setObjectiveCoefficient(of: x, to: penalty)
            }
        }
        let solution = try problem.solve(SolveOptions(timeLimit: budget.remaining))
        guard solution.hasFeasiblePoint else {
            if solution.termination == .timeLimit || budget.expired { throw ExplainStopped() }
            return nil
        }
        var relaxations: [Relaxation] = []
        for position in formulation.restrictiveRules where relaxing.contains(position) {
            let rule = formulation.rules[position].rule
            for violation in violations[ruleViolations[position] ?? 0..<0] {
                let amount = solution.variableValues[violation.column]
                if amount > 1e-7, let relaxation = Self.statement(rule, violation.row, amount, solution) {
                    relaxations.append(relaxation)
                }
            }
            for (_, supplier, t) in letIn.filter({ $0.rule == position }) {
                let amount = solution.variableValues[formulation.x(supplier, t)]
                guard amount > 1e-7 else { continue }
                let id = formulation.tagged(formulation.model.suppliers[supplier].id, t)
                relaxations.append(
                    Relaxation(
                        rule: rule.id, bound: rule.keyword, from: 0, to: amount, supplier: id,
                        statement: "let \(id) back in (blocked by \(rule.id)) for "
                            + "\(Override.format((amount * 1000).rounded() / 1000)) units"))
            }
        }
        return relaxations
    }

    /// A row's relaxation by `amount` of its violation column, in the rule's own terms.
    private static func statement(
        _ rule: Rule, _ row: RuleRows.Row, _ amount: Double,
        _ solution: Solution
    ) -> Relaxation? {
        var target: Double
        switch row.boundScale {
        case let .stageTotal(column, factor):
            let total = solution.variableValues[column]
            guard total > 1e-9 else { return nil }
            target = row.sense == .max ? row.bound + amount / (factor * total) : row.bound - amount / (factor * total)
        case .rightHandSide:
            let raw = row.sense == .max ? row.bound + amount : row.bound - amount
            let whole = rule.kind.traits.contains(.wholeBounds)
            target = whole ? (row.sense == .max ? raw.rounded(.up) : raw.rounded(.down)) : raw
        }
        // A floor lowered all the way reads 0, not -2.169e-19.
        if abs(target) < 1e-12 * max(1, abs(row.bound)) { target = 0 }
        let bound = Explainer.boundName(rule, row)
        let place = [row.member.map { "for \($0)" }, row.scope.map { "at \($0)" }]
            .compactMap { $0 }.joined(separator: " ")
        let raising = target > row.bound
        let readable = Explainer.tidy(target, up: raising)
        let named = bound == "max" || bound == "min" ? "" : " " + bound
        return Relaxation(
            rule: rule.id, bound: bound, commodity: row.scope?.commodity, stage: row.scope?.stage,
            member: row.member, from: row.bound, to: readable, supplier: nil,
            statement: "\(raising ? "raise" : "lower") \(rule.id)\(named)\(place.isEmpty ? "" : " " + place) "
                + "from \(Override.format(row.bound)) to \(Override.format(readable))")
    }
}
