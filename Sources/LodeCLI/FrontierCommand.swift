import ArgumentParser
import Foundation
import LodeReport
import LodeSourcing

struct FrontierCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "frontier",
        abstract: "The cost-versus-X Pareto frontier of a policy (epsilon-constraint method).",
        discussion: """
            From the cheapest plan to the plan with the least X, each point the cheapest
            plan with X at most epsilon. X is carbon (t CO2e), hhi (the largest HHI of any
            stage) or share:COUNTRY (the country's largest share of any stage).

            Examples:
              lode frontier models/cobalt/model.yaml --policy crma-65 \\
                --versus share:CHN --points 6
              lode frontier models/lithium/model.yaml --policy baseline --versus carbon
            """)

    @OptionGroup var modelOptions: ModelOptions

    @Option(name: .shortAndLong, help: "The policy whose rules every point keeps (default: the model's first).")
    var policy: String?

    @Option(help: "carbon, hhi or share:COUNTRY.")
    var versus: String

    @Option(help: "Number of points, from 2 to 10,000.")
    var points: Int = 10

    @OptionGroup var outputOptions: OutputOptions<FrontierFormats>

    func validate() throws {
        if FrontierBuilder.Measure(versus) == nil {
            throw ValidationError("--versus takes carbon, hhi or share:COUNTRY")
        }
        if points < 2 { throw ValidationError("--points must be at least 2") }
        if points > FrontierBuilder.pointLimit {
            throw ValidationError(
                "--points \(points) is more than 10,000 (each point is a solve; the limit of a frontier's points)")
        }
    }

    func run() throws {
        try outputOptions.check()
        let loaded = try modelOptions.load()
        try modelOptions.selectPolicy(policy, in: loaded)
        let frontier = try reportingBadInput {
            try FrontierBuilder.build(
                loaded.model, policy: policy, versus: FrontierBuilder.Measure(versus)!, points: points)
        }
        switch outputOptions.format {
        case .json: try outputOptions.write(try PlanJSON.encode(frontier))
        case .csv: try outputOptions.write(FrontierTable(frontier: frontier).csv())
        case .table: try outputOptions.write(FrontierTable(frontier: frontier).render())
        }
    }
}

enum FrontierFormats: FormatHelp {
    static let formats = "table (for people), json (for scripts) or csv (one row per point of the frontier)."
}
