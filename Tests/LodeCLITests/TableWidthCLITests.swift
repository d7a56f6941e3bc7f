// Issue 14: the tables of solve, compare, explain and stress fit 100 columns by default, COLUMNS
// when it is set, and have no limit with --wide; every shipped model's tables are checked.
import Foundation
import Testing

@Suite("tables fit the terminal")
struct TableWidthCLITests {
    static let models = [
        "battery-materials", "cobalt", "graphite", "lithium", "nickel", "rare-earths", "cobalt-2035", "lithium-2035",
    ]

    /// The longest line of `lode ARGS` with COLUMNS set to `columns` (unset when nil).
    static func widest(columns: Int?, _ arguments: [String]) throws -> Int {
        let shell = columns.map { "COLUMNS=\($0)" } ?? "unset COLUMNS;"
        let run = try CLITests.lode(shell: shell, arguments)
        #expect(run.status == 0, "\(arguments): \(run.stderr)")
        return run.stdout.split(separator: "\n").map(\.count).max() ?? 0
    }

    @Test("every shipped model's solve, compare, explain and stress tables fit 100 columns")
    func shippedModelsFit() throws {
        for name in Self.models {
            let model = "models/\(name)/model.yaml"
            for command in ["solve", "compare", "explain", "stress"] {
                let widest = try Self.widest(columns: nil, [command, model])
                #expect(widest <= 100, "lode \(command) \(model): \(widest) columns")
            }
        }
    }

    /// A number column whose header is wider than its numbers wraps the header first, so that the
    /// supplier ids of the plan keep their lines whole (they broke at every hyphen before).
    @Test("the plan's supplier ids stay whole at 100 columns: long number headers wrap first")
    func idsStayWhole() throws {
        for (model, id) in [("cobalt", "cod-co-mining-artisanal"), ("cobalt-2035", "cod-co-mining-artisanal")] {
            let run = try CLITests.lode(shell: "unset COLUMNS;", ["solve", "models/\(model)/model.yaml"])
            #expect(run.status == 0, "\(run.stderr)")
            #expect(run.stdout.split(separator: "\n").contains { $0.contains(" \(id) ") }, "\(model)")
        }
    }

    @Test("COLUMNS sets the width; --wide lifts the limit")
    func columnsAndWide() throws {
        let model = "models/battery-materials/model.yaml"
        #expect(try Self.widest(columns: 72, ["compare", model]) <= 72)
        #expect(try Self.widest(columns: 72, ["compare", model, "--wide"]) > 100)
        #expect(try Self.widest(columns: nil, ["solve", model, "--wide"]) > 0)
    }
}

extension TableWidthCLITests {
    @Test("an infeasible solve points to lode explain MODEL --policy P on standard output")
    func infeasibleSolve() throws {
        let run = try CLITests.lode("solve", "models/cobalt/model.yaml", "--policy", "impossible")
        #expect(run.stdout.contains("\n  lode explain models/cobalt/model.yaml --policy impossible\n"))
    }
}
