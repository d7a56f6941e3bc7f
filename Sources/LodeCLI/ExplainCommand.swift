import ArgumentParser
import Foundation
import LodeReport
import LodeSourcing

struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Explain a policy: why it cannot be met and the least fix, or what each binding rule costs.",
        discussion: """
            Infeasible: the smallest set of the policy's rules that cannot hold together,
            the least relaxation that makes it feasible (rules with a higher priority
            number relaxed first), and each conflicting rule's relaxation on its own;
            other conflicts among the remaining rules are listed too. The search stops at
            the time limit (--time-limit, else settings.time_limit, else 60 s, for the
            whole explanation) with a partial answer that says so. Feasible: binding rules
            ranked by what they cost, with shadow prices and ranges; the unit cost at
            which each unused supplier would enter; the cost range of each used supplier.

            Examples:
              lode explain models/cobalt/model.yaml --policy impossible
              lode explain models/lithium/model.yaml --policy friend-shoring
            """)

    @OptionGroup var modelOptions: ModelOptions

    @Option(name: .shortAndLong, help: "The policy to explain (default: the model's first).")
    var policy: String?

    @Option(help: "Stop explaining after this many seconds in all (overrides settings.time_limit; default 60).")
    var timeLimit: Double?

    @Option(
        help: ArgumentHelp(
            "A MIP's relative gap at which branch and bound stops, e.g. 0.01 for 1% "
                + "(overrides settings.mip_gap; default 0, the optimum).", valueName: "gap"))
    var mipGap: Double?

    @OptionGroup var outputOptions: OutputOptions<ExplainFormats>

    @OptionGroup var widthOptions: WidthOptions

    func validate() throws {
        if let timeLimit, !(timeLimit.isFinite && timeLimit > 0) {
            throw ValidationError("--time-limit must be a positive number of seconds")
        }
        try checkMIPGap(mipGap)
    }

    func run() throws {
        try outputOptions.check()
        let loaded = try modelOptions.load()
        try modelOptions.selectPolicy(policy, in: loaded)
        let explanation = try reportingBadInput {
            try Explainer.explain(
                loaded.model, policy: policy, options: PlanOptions(timeLimit: timeLimit, mipGap: mipGap))
        }
        let text = ExplanationText(explanation: explanation, model: loaded.model)
        switch outputOptions.format {
        case .json: try outputOptions.write(try PlanJSON.encode(explanation))
        case .table: try outputOptions.write(text.render(width: widthOptions.width))
        case .csv: try outputOptions.write(text.csv())
        }
    }
}

enum ExplainFormats: FormatHelp {
    static let formats = "table (for people), json (for scripts) or csv (one row per relaxation and per binding rule)."
}
