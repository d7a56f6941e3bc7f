// A cold start from the blocks left once linking columns are cut (GLPKProblem+Links): periods
// joined by stock and project columns, as in a plan over time.
import LodeLP
import Synchronization
import Testing

@testable import LodeGLPK

@Suite("Cold starts from periods once the linking columns are cut")
struct LinkedStartTests {
    /// `commodities` independent chains of `periods` periods: suppliers buy each period's demand,
    /// a stock column carries volume from one period to the next (holding cost, a floor), and a
    /// project, built at most once, adds capacity from its period on. Returns the model with the
    /// stock and project columns marked linking, unless `mark` is false.
    static func periods(
        commodities: Int = 1, periods: Int = 6, suppliers: Int = 8, demand: Double = 100, mark: Bool = true,
        binaryProjects: Bool = false
    ) throws -> LinearModel {
        var model = LinearModel()
        var objective = LinearExpression()
        var seed: UInt64 = 42
        func next() -> Double {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(seed >> 33) / Double(1 << 31)
        }
        var links: [Int] = []
        for c in 0..<commodities {
            var stock: [Variable] = []
            var builds: [Variable] = []
            for t in 0..<periods {
                let level = try model.addVariable(name: "I[\(c)@\(t)]", lowerBound: 5, upperBound: 60)
                stock.append(level)
                objective.add(0.5 + next(), level)
                let build = try model.addVariable(
                    name: "b[\(c)@\(t)]", upperBound: 1, kind: binaryProjects ? .binary : .continuous)
                builds.append(build)
                objective.add(300 + 50 * next(), build)
                var bought = LinearExpression()
                var previous: Variable?
                for j in 0..<suppliers {
                    let x = try model.addVariable(name: "x[\(c),\(j)@\(t)]", upperBound: 10 + 20 * next())
                    objective.add(10 + 5 * next() + Double(t), x)
                    bought.add(1, x)
                    // Pairs of suppliers share a cap, so that each period is a real LP.
                    if let previous { try model.add(x + previous <= 35, name: "pair[\(c),\(j)@\(t)]") }
                    previous = x
                }
                let project = try model.addVariable(name: "x[\(c),p@\(t)]")
                objective.add(6, project)
                bought.add(1, project)
                var built = LinearExpression()
                for s in 0...t { built.add(-40, builds[s]) }
                try model.add(project + built <= 0, name: "build_capacity[\(c)@\(t)]")
                let carried = t > 0 ? bought + stock[t - 1] - level : bought - level
                try model.add(carried == demand * (1 + 0.1 * Double(t)) - (t > 0 ? 0 : 20), name: "demand[\(c)@\(t)]")
            }
            var once = LinearExpression()
            for build in builds { once.add(1, build) }
            try model.add(once <= 1, name: "build_once[\(c)]")
            links += stock.map(\.index) + builds.map(\.index)
        }
        try model.minimize(objective)
        if mark { try model.markLinking(links) }
        return model
    }

    @Test("the periods are the blocks once stock and projects are cut; the optimum is the whole's")
    func sameOptimum() throws {
        let model = try Self.periods(demand: 80)
        #expect(model.independentBlocks().count == 1)
        #expect(model.blocks(cutting: model.linkingColumns).count == 6)
        let lines = Mutex<[String]>([])
        let linked = try GLPKProblem(model).solve(SolveOptions(log: { line in lines.withLock { $0.append(line) } }))
        let whole = try GLPKProblem(model).solve(SolveOptions(decompose: false))
        #expect(
            lines.withLock { $0.contains { $0.contains("cold start from 6 blocks once 12 linking columns") } },
            "\(lines.withLock { $0 })")
        #expect(linked.termination == .optimal && whole.termination == .optimal)
        #expect(isClose(linked.objectiveValue, whole.objectiveValue!, tolerance: 1e-9))
        // Unmarked, the same program solves as one block, to the same optimum.
        let plain = try GLPKProblem(try Self.periods(demand: 80, mark: false)).solve()
        #expect(isClose(plain.objectiveValue, whole.objectiveValue!, tolerance: 1e-9))
    }

    @Test("independent commodities, each from its periods, on one or two threads: the same solution")
    func threads() throws {
        let model = try Self.periods(commodities: 3)
        #expect(model.independentBlocks().count == 3)
        var one = SolveOptions()
        one.threads = 1
        var two = SolveOptions()
        two.threads = 2
        let first = try GLPKProblem(model).solve(one)
        let second = try GLPKProblem(model).solve(two)
        let whole = try GLPKProblem(model).solve(SolveOptions(decompose: false))
        #expect(first.termination == .optimal && second.termination == .optimal)
        #expect(first.variableValues == second.variableValues)
        #expect(first.iterations == second.iterations)
        #expect(isClose(first.objectiveValue, whole.objectiveValue!, tolerance: 1e-9))
    }

    @Test("periods infeasible with the links at rest: their bases start the whole all the same")
    func infeasiblePeriods() throws {
        // From the fifth period on, demand needs stock built up before or the project.
        let model = try Self.periods()
        let cut = model.linkingColumns
        let infeasible = try model.blocks(cutting: cut).filter { block in
            try GLPKProblem(model.relaxation(of: block, fixing: cut)).solve().termination == .infeasible
        }
        #expect(infeasible.count == 2)
        let lines = Mutex<[String]>([])
        let linked = try GLPKProblem(model).solve(SolveOptions(log: { line in lines.withLock { $0.append(line) } }))
        let whole = try GLPKProblem(model).solve(SolveOptions(decompose: false))
        #expect(lines.withLock { $0.contains { $0.contains("cold start from 6 blocks") } })
        #expect(linked.termination == .optimal && whole.termination == .optimal)
        #expect(isClose(linked.objectiveValue, whole.objectiveValue!, tolerance: 1e-9))
    }

    @Test("an infeasible whole is reported infeasible, as without the start from periods")
    func infeasibleWhole() throws {
        let model = try Self.periods(periods: 4, demand: 400)
        let linked = try GLPKProblem(model).solve()
        #expect(linked.termination == .infeasible)
        #expect(linked.termination == (try GLPKProblem(model).solve(SolveOptions(decompose: false))).termination)
    }

    @Test("a MIP whose projects are binary: the relaxation starts from the periods, branch and bound finishes")
    func mip() throws {
        let model = try Self.periods(periods: 4, binaryProjects: true)
        #expect(model.isMIP)
        let linked = try GLPKProblem(model).solve()
        let whole = try GLPKProblem(model).solve(SolveOptions(decompose: false))
        #expect(linked.termination == .optimal && whole.termination == .optimal)
        #expect(isClose(linked.objectiveValue, whole.objectiveValue!, tolerance: 1e-9))
    }
}
