import ArgumentParser
import Foundation
import LodeReport
import LodeSourcing

struct Solve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Solve a policy of a model: the minimum-cost plan that meets every rule.",
        discussion: """
            Reports the plan, shares by country per stage, HHI, ESG figures, the cost
            parts, and each rule's shadow price (d cost / d bound, in the rule's own unit)
            with the range over which it holds.

            Examples:
              lode solve models/battery-materials/model.yaml --policy friend-shoring
              lode solve models/cobalt/model.yaml --policy crma-65 --format json
              lode solve models/lithium/model.yaml --policy strict-esg \\
                --set policies.strict-esg.weights.carbon=120 --format csv
              lode solve models/battery-materials/model.yaml --policy crma-65 \\
                --overlay models/battery-materials/scenarios/demand-surge.yaml
            """)

    @OptionGroup var modelOptions: ModelOptions

    @Option(name: .shortAndLong, help: "The policy to solve (default: the model's first).")
    var policy: String?

    @OptionGroup var outputOptions: OutputOptions<SolveFormats>

    @OptionGroup var widthOptions: WidthOptions

    @Option(
        help: ArgumentHelp(
            "A scenario file (YAML: name, probability, set: PATH: VALUE): its changes are made as --set makes "
                + "them, after the --set options.", valueName: "file"))
    var overlay: String?

    @Option(help: "Stop the solver after this many seconds (overrides settings.time_limit).")
    var timeLimit: Double?

    @Option(
        help: ArgumentHelp(
            "A MIP's relative gap at which branch and bound stops, e.g. 0.01 for 1% "
                + "(overrides settings.mip_gap; default 0, the optimum).", valueName: "gap"))
    var mipGap: Double?

    @Option(
        name: [.customShort("j"), .long],
        help: ArgumentHelp(
            "Threads that solve the program's independent parts at once (commodities no rule joins; periods "
                + "joined only by stock and projects). Default 1: each part solved at once holds its own copy, "
                + "so more threads take more memory.", valueName: "n"))
    var jobs = 1

    @Flag(help: "Print the time of each phase (read, formulate, load, solve, report, write) to standard error.")
    var timings = false

    func validate() throws {
        guard (1...1024).contains(jobs) else { throw ValidationError("--jobs takes a whole number from 1 to 1024") }
        if let timeLimit, !(timeLimit.isFinite && timeLimit > 0) {
            throw ValidationError("--time-limit must be a positive number of seconds")
        }
        try checkMIPGap(mipGap)
    }

    func run() throws {
        try outputOptions.check()
        let readStart = Date()
        let scenario = try overlay.map { path in try reportingBadInput { try Overlay.read(path: path) } }
        let loaded = try modelOptions.load(overlay: scenario)
        let readSeconds = Date().timeIntervalSince(readStart)
        try modelOptions.selectPolicy(policy, in: loaded)
        if let scenario, let solved = policy ?? loaded.model.allPolicyIDs.first {
            modelOptions.warnUnreached(
                scenario.overrides.map(\.path), option: "overlay \(scenario.file)", solving: solved, in: loaded)
        }
        let plan: Plan
        let phases: PhaseTimings
        (plan, phases) = try reportingBadInput {
            try Planner.solveTimed(
                loaded.model, policy: policy, options: PlanOptions(timeLimit: timeLimit, mipGap: mipGap, threads: jobs))
        }
        let text: String
        switch outputOptions.format {
        case .table:
            text = PlanTable(plan: plan, units: loaded.model.units, modelPath: modelOptions.model).render(
                width: widthOptions.width)
        case .json: text = try PlanJSON.encode(plan)
        case .csv: text = PlanCSV.suppliers(plan)
        }
        let writeStart = Date()
        try outputOptions.write(text)
        if timings {
            let write = Date().timeIntervalSince(writeStart)
            Terminal.error(
                Format.timings([
                    ("read", readSeconds), ("formulate", phases.formulate), ("load", phases.load),
                    ("solve", phases.solve), ("report", phases.report), ("write", write),
                ]))
        }
        try Solve.exit(for: plan.status)
    }

    static func exit(for status: PlanStatus) throws {
        switch status {
        case .optimal, .feasible: return
        case .infeasible: throw ExitCode(ExitStatus.infeasible)
        case .unbounded: throw ExitCode(ExitStatus.unbounded)
        case .noPlan: throw ExitCode(ExitStatus.noPlanWithinLimit)
        case .failed: throw ExitCode(ExitStatus.other)
        case .invalid: throw ExitCode(ExitStatus.badInput)
        }
    }
}

enum SolveFormats: FormatHelp {
    static let formats = "table (for people), json (the plan, for scripts) or csv (one row per supplier)."
}
