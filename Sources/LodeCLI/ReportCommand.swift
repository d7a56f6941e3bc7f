import ArgumentParser
import Foundation
import LodeReport
import LodeSourcing

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write a self-contained HTML report: policies compared, charts of country shares, rule costs.",
        discussion: """
            One HTML file with inline CSS and SVG: nothing is fetched, it opens offline and prints on
            A4 or Letter. Add a sweep or a frontier (their csv, jsonl or json output) for a line chart.

            Examples:
              lode report models/cobalt/model.yaml --output cobalt-report.html
              lode sweep models/cobalt/model.yaml --policy crma-65 \\\\
                --vary policies.crma-65.rules.single-country-cap.max=0.5:0.8:0.05 --output sweep.csv
              lode frontier models/cobalt/model.yaml --policy crma-65 --versus share:CHN --format json --output frontier.json
              lode report models/cobalt/model.yaml --policies baseline,crma-65,friend-shoring \\\\
                --sweep sweep.csv --frontier frontier.json --output cobalt-report.html
            """)

    @OptionGroup var modelOptions: ModelOptions

    @Option(help: "Policies to compare, comma-separated (default: all, in file order).")
    var policies: String?

    @Option(help: "A sweep's output (lode sweep, csv or jsonl) to chart.")
    var sweep: String?

    @Option(help: "A frontier's output (lode frontier, csv or json) to chart.")
    var frontier: String?

    @Option(help: "Worker threads (default: one per core).")
    var jobs: Int?

    @Option(name: .shortAndLong, help: "The HTML file to write (whole or not at all).")
    var output: String

    func run() throws {
        let loaded = try modelOptions.load(threads: jobs)
        let names = try policyList(policies)
        let comparison = try reportingBadInput { try Comparer.compare(loaded.model, policies: names, jobs: jobs) }
        var sweepSeries: Series?
        var frontierSeries: Series?
        do {
            sweepSeries = try sweep.map { try Series.sweep(at: $0) }
            frontierSeries = try frontier.map { try Series.frontier(at: $0) }
        } catch {
            Terminal.error("error: \(error)")
            throw ExitCode(ExitStatus.badInput)
        }
        let manifest = RunManifest(command: "report", modelFile: modelOptions.model, loaded: loaded, options: [
            "policies": comparison.columns.map(\.policy).joined(separator: ","), "sweep": sweep ?? "", "frontier": frontier ?? "",
            "set": modelOptions.overrides.joined(separator: " "),
        ], points: 0)
        let html = Report.html(ReportInput(model: loaded.model, comparison: comparison, manifest: manifest,
                                           sweep: sweepSeries, frontier: frontierSeries))
        try OutputOptions(format: .table, output: output).write(html)
    }
}
