import ArgumentParser
import Foundation
import LodeReport
import LodeSourcing

struct Compare: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compare policies side by side: cost, price over the first, concentration, ESG, binding rules.",
        discussion: """
            One column per policy. The price of a policy is its objective minus the first
            policy's. An infeasible policy keeps its column and names the rules that
            conflict, with the relaxation of each that alone would make it feasible.

            Examples:
              lode compare models/cobalt/model.yaml
              lode compare models/battery-materials/model.yaml \\
                --policies baseline,crma-65,friend-shoring
            """)

    @OptionGroup var modelOptions: ModelOptions

    @Option(help: "Policies to compare, comma-separated (default: all, in file order).")
    var policies: String?

    @Option(name: [.customShort("j"), .long], help: "Worker threads (default: one per core).")
    var jobs: Int?

    @OptionGroup var outputOptions: OutputOptions<CompareFormats>

    @OptionGroup var widthOptions: WidthOptions

    func validate() throws {
        try checkJobs(jobs)
        if let policies { _ = try idList(policies, option: "--policies", example: "baseline,crma-65") }
    }

    func run() throws {
        try outputOptions.check()
        let start = Date()
        let loaded = try modelOptions.load(threads: jobs)
        let names = try policies.map { try idList($0, option: "--policies", example: "baseline,crma-65") }
        let progress = Progress(total: names?.count ?? loaded.model.allPolicyIDs.count, unit: "policies")
        let comparison = try reportingBadInput {
            defer { progress.finish() }
            return try Comparer.compare(loaded.model, policies: names, jobs: jobs, solved: progress.step)
        }
        let text: String
        switch outputOptions.format {
        case .table: text = ComparisonTable(comparison: comparison).render(width: widthOptions.width)
        case .json: text = try PlanJSON.encode(comparison)
        case .csv:
            let units = Dictionary(loaded.model.commodities.map { ($0.id, $0.unit) }) { first, _ in first }
            text = ComparisonTable(comparison: comparison).csv(units: units)
        }
        try outputOptions.write(text)
        // Written to a file, the run closes with a line saying what it did (on standard output the
        // comparison itself says it).
        if let output = outputOptions.output {
            Terminal.error(
                RunText.policiesSummary("compare", comparison, seconds: Date().timeIntervalSince(start), output: output)
            )
        }
    }
}

enum CompareFormats: FormatHelp {
    static let formats =
        "table (for people), json (for scripts) or csv (long form for scripts: one line per policy and "
        + "quantity, plain numbers)."
}
