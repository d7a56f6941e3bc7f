import ArgumentParser
import Foundation
import LodeReport
import LodeSourcing

struct Stress: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Test a plan against disruptions: what share of demand it still delivers, worst first.",
        discussion: """
            Solves the policy, then for each disruption re-routes the plan's contracted
            volumes and reserved surge, scaled by the loss, to deliver as much as
            possible.

            Examples:
              lode stress models/lithium/model.yaml --policy resilient
              lode stress docs/examples/constructs.yaml --policy survive-scenario \\
                --scenarios cn-export-ban
            """)

    @OptionGroup var modelOptions: ModelOptions

    @Option(name: .shortAndLong, help: "The policy whose plan to test (default: the model's first).")
    var policy: String?

    @Option(
        help: "all (named scenarios and each country at each stage), each-country, or scenario ids, comma-separated.")
    var scenarios: String = "all"

    @OptionGroup var outputOptions: OutputOptions<StressFormats>

    @OptionGroup var widthOptions: WidthOptions

    func validate() throws {
        _ = try idList(scenarios, option: "--scenarios", example: "cn-export-ban,drc-unrest")
    }

    func run() throws {
        try outputOptions.check()
        let loaded = try modelOptions.load()
        try modelOptions.selectPolicy(policy, in: loaded)
        let selection: StressTester.Selection
        switch scenarios.trimmingCharacters(in: .whitespaces) {
        case "all": selection = .all
        case "each-country": selection = .eachCountry
        default:
            selection = .scenarios(try idList(scenarios, option: "--scenarios", example: "cn-export-ban,drc-unrest"))
        }
        let report = try reportingBadInput {
            try StressTester.stress(loaded.model, policy: policy, selection: selection)
        }
        let table = StressTable(
            report: report, commodities: loaded.model.commodities.map(\.id), units: loaded.model.units,
            currency: loaded.model.currency)
        switch outputOptions.format {
        case .json: try outputOptions.write(try PlanJSON.encode(report))
        case .csv: try outputOptions.write(table.csv())
        case .table: try outputOptions.write(table.render(width: widthOptions.width))
        }
        if !(report.status == .optimal || report.status == .feasible) { try Solve.exit(for: report.status) }
    }
}

enum StressFormats: FormatHelp {
    static let formats = "table (for people), json (for scripts) or csv (one row per disruption)."
}
