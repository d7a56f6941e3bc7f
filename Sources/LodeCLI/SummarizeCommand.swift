// `lode summarize`: a sweep's (or merged ensemble's) figures per output column, for people
// (table) or scripts (csv, json): LodeReport's SweepSummary.
import ArgumentParser
import Foundation
import LodeReport
import LodeSourcing

struct SummarizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "summarize",
        abstract:
            "Summarise a sweep: per output column count, mean, P10/P50/P90, min, max; shares infeasible and short.",
        discussion: """
            Reads the CSV or JSON lines of 'lode sweep' or 'lode merge'. Every numeric
            output column (objective, cost parts, total, hhi and top_share per stage,
            shadow prices) gets its count of points with a value, mean, P10, P50, P90
            (linear interpolation, type 7), min and max; the points' shares infeasible,
            without a plan, and short (shortfall_penalty > 0). --by PATH gives one group
            per value of a varied path. Rows with a 'probability' column (overlays) are
            weighted by it.

            Examples:
              lode sweep models/lithium/model.yaml --policy strict-esg \\
                --vary policies.strict-esg.weights.carbon=0,50,100,200 \\
                --vary commodities.lithium.demand=5000:7000:1000 --output grid.csv
              lode summarize grid.csv
              lode summarize grid.csv --by commodities.lithium.demand --format csv
            """)

    @Argument(help: ArgumentHelp("A sweep's output (csv or jsonl).", valueName: "file"))
    var file: String

    @Option(help: ArgumentHelp("Group by the value of this varied path.", valueName: "path"))
    var by: String?

    @OptionGroup var outputOptions: OutputOptions<SummaryFormats>

    @OptionGroup var widthOptions: WidthOptions

    func run() throws {
        try outputOptions.check()
        let data = try Self.read(file)
        if let by, !data.axes.contains(by) {
            let axes = data.axes.isEmpty ? "none" : data.axes.joined(separator: ", ")
            Terminal.error(
                "error: --by \(by): not a varied path of \(file) (its varied paths: \(axes)) "
                    + "(fix: give one of them, or leave out --by)")
            throw ExitCode(ExitStatus.badInput)
        }
        let summary = SweepSummary(data, by: by)
        switch outputOptions.format {
        case .json: try outputOptions.write(try PlanJSON.encode(summary))
        case .csv: try outputOptions.write(SweepSummaryText.csv(summary))
        case .table: try outputOptions.write(SweepSummaryText.table(summary, file: file, width: widthOptions.width))
        }
    }

    /// Reads a sweep's rows; a missing or malformed file is bad input (exit 2).
    static func read(_ path: String) throws -> SweepData {
        do {
            return try SweepData.read(path)
        } catch {
            Terminal.error("error: \(error)")
            throw ExitCode(ExitStatus.badInput)
        }
    }
}

enum SummaryFormats: FormatHelp {
    static let formats =
        "table (for people), csv (one line per group and column) or json (for scripts, docs/json-schema.md)."
}
