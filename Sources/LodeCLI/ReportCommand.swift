import ArgumentParser
import Foundation
import LodeReport
import LodeSourcing

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write a self-contained HTML report: policies compared, charts of country shares, rule costs.",
        discussion: """
            One HTML file with inline CSS and SVG: nothing is fetched, it opens offline
            and prints on A4 or Letter. Add a sweep or a frontier (their csv, jsonl or
            json output) for a line chart. A model with periods adds charts over
            time: cost, the largest country's share, stock and capacity built.

            Examples:
              lode report models/cobalt/model.yaml --output cobalt-report.html
              lode report models/cobalt-2035/model.yaml --output cobalt-2035.html
              lode sweep models/cobalt/model.yaml --policy crma-65 \\
                --vary policies.crma-65.rules.single-country-cap.max=0.5:0.8:0.05 \\
                --output sweep.csv
              lode frontier models/cobalt/model.yaml --policy crma-65 --versus share:CHN \\
                --output frontier.json
              lode report models/cobalt/model.yaml \\
                --policies baseline,crma-65,friend-shoring \\
                --sweep sweep.csv --frontier frontier.json --output cobalt-report.html
            """)

    @OptionGroup var modelOptions: ModelOptions

    @Option(help: "Policies to compare, comma-separated (default: all, in file order).")
    var policies: String?

    @Option(help: "A sweep's output (lode sweep, csv or jsonl) to chart.")
    var sweep: String?

    @Option(help: "A frontier's output (lode frontier, csv or json) to chart.")
    var frontier: String?

    @Option(name: [.customShort("j"), .long], help: "Worker threads (default: one per core).")
    var jobs: Int?

    @Option(name: .shortAndLong, help: "The HTML file to write (whole or not at all).")
    var output: String

    func validate() throws {
        try checkJobs(jobs)
        if let policies { _ = try idList(policies, option: "--policies", example: "baseline,crma-65") }
    }

    func run() throws {
        _ = try AtomicFile.check(output, example: "report.html")
        // The series files first: a missing or malformed one is bad input before anything is solved.
        let sweepSeries = try sweep.map { path in
            try Self.series(path, option: "--sweep") { try Series.sweep(at: path) }
        }
        let frontierSeries = try frontier.map { path in
            try Self.series(path, option: "--frontier") { try Series.frontier(at: path) }
        }
        let start = Date()
        let loaded = try modelOptions.load(threads: jobs)
        let names = try policies.map { try idList($0, option: "--policies", example: "baseline,crma-65") }
        let progress = Progress(total: names?.count ?? loaded.model.allPolicyIDs.count, unit: "policies")
        let comparison = try reportingBadInput {
            defer { progress.finish() }
            return try Comparer.compare(loaded.model, policies: names, jobs: jobs, solved: progress.step)
        }
        let manifest = RunManifest(
            command: "report", modelFile: modelOptions.model, loaded: loaded,
            options: [
                "policies": comparison.columns.map(\.policy).joined(separator: ","), "sweep": sweep ?? "",
                "frontier": frontier ?? "",
                "set": modelOptions.overrides.joined(separator: " "),
            ], points: 0)
        if let sweep, let series = sweepSeries, let warning = Report.modelMismatch(series, report: manifest) {
            Terminal.error("warning: --sweep \(sweep): \(warning)")
        }
        // Each solved policy under disruption, for the report's resilience chart.
        let stress = try reportingBadInput {
            try comparison.columns.filter { $0.plan.hasPlan }.map { column in
                try StressTester.stress(loaded.model, policy: column.policy, solved: column.plan)
            }
        }
        var input = ReportInput(
            model: loaded.model, comparison: comparison, manifest: manifest,
            sweep: sweepSeries, frontier: frontierSeries, stress: stress)
        // An ensemble (drawn points or overlays) gets P10-P90 bands instead of the line chart.
        if let sweep, let data = try? SweepData.read(sweep), SweepBands.isEnsemble(data.manifest) {
            input.bands = SweepBands(data)
        }
        if let series = sweepSeries, Report.modelMismatch(series, report: manifest) == nil {
            input.sweepConflict = Self.conflict(at: series, modelOptions: modelOptions)
        }
        let html = Report.html(input)
        try AtomicFile.write(html, to: output)
        Terminal.error(
            RunText.policiesSummary("report", comparison, seconds: Date().timeIntervalSince(start), output: output))
    }

    /// The rules in conflict at a sweep's first infeasible point: the model read again with that
    /// point's values set, explained. Nil when there is no such point or anything fails (the
    /// caption then points to `lode explain`).
    static func conflict(at series: Series, modelOptions: ModelOptions) -> [String]? {
        guard let failure = series.firstFailure else { return nil }
        let given = modelOptions.overrides.compactMap { try? Override(parsing: $0) }
        let overrides = given + failure.map { Override(path: $0.path, value: $0.value) }
        guard let loaded = try? ModelLoader.load(path: modelOptions.model, overrides: overrides),
            let explanation = try? Explainer.explain(loaded.model, policy: series.policy)
        else { return nil }
        return explanation.conflict
    }

    /// Reads a sweep's or frontier's output for a chart; any problem with the file is bad input
    /// (exit 2) with the path, what is wrong and the fix, never a parser's internal error.
    static func series(_ path: String, option: String, _ read: () throws -> Series) throws -> Series {
        let producer = option == "--sweep" ? "'lode sweep' (csv or jsonl)" : "'lode frontier' (csv or json)"
        func fail(_ why: String, _ fix: String) -> ExitCode {
            Terminal.error("error: \(option) \(path.isEmpty ? "\"\"" : path): \(why) (fix: \(fix))")
            return ExitCode(ExitStatus.badInput)
        }
        var status = stat()
        guard !path.isEmpty, stat(path, &status) == 0 else {
            throw fail("no such file", "give the path of a file written by \(producer)")
        }
        let written = "give the path of a file written by \(producer)"
        if status.st_mode & S_IFMT == S_IFDIR { throw fail("it is a folder, not a file", written) }
        if status.st_mode & S_IFMT != S_IFREG { throw fail("it is not a regular file", written) }
        if status.st_size == 0 { throw fail("the file is empty", "give the file \(producer) wrote") }
        guard access(path, R_OK) == 0 else {
            throw fail("the file cannot be read (\(String(cString: strerror(errno))))", "make it readable")
        }
        do {
            return try read()
        } catch let error as Series.ReadError {
            Terminal.error("error: \(option) \(error)")
            throw ExitCode(ExitStatus.badInput)
        } catch {
            throw fail(
                "it is not the output of \(producer): it cannot be parsed",
                "give the file \(producer) wrote, unchanged")
        }
    }
}
