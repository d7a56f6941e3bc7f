import ArgumentParser
import Foundation
import LodeReport
import LodeSourcing
import Synchronization

struct Sweep: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Vary numbers of a model over a range or a grid: one row per point (CSV, JSON lines or a table).",
        discussion: """
            The points are cut into fixed chunks of consecutive points; each chunk builds
            the program once and changes it in place from point to point, re-solving warm,
            and worker threads take whole chunks, so the same sweep gives the same bytes
            on any --jobs. Rows come out in point order as they are solved. Ctrl-C stops
            the sweep and keeps every finished row. A sweep has at most 1,000,000 points
            (all axes together).

            Examples:
              lode sweep models/cobalt/model.yaml --policy crma-65 \\
                --vary policies.crma-65.rules.single-country-cap.max=0.3:0.8:0.05
              lode sweep models/lithium/model.yaml --policy strict-esg \\
                --vary policies.strict-esg.weights.carbon=0,50,100,200 \\
                --vary commodities.lithium.demand=5000:7000:1000 --format jsonl
              lode sweep models/cobalt/model.yaml --policy crma-65 --shard 0/4 \\
                --vary policies.crma-65.rules.single-country-cap.max=0.3:0.8:0.01

            Shards: --shard K/N solves every N-th point starting at K (K from 0); the
            shards' rows, sorted by their 'point' column, equal the unsharded sweep's. See
            docs/workflows.md for GNU parallel, Slurm and Kubernetes examples.
            """)

    @OptionGroup var modelOptions: ModelOptions

    @Option(name: .shortAndLong, help: "The policy to solve at every point (default: the model's first).")
    var policy: String?

    @Option(
        name: .customLong("vary"),
        help: ArgumentHelp(
            "A number to vary: PATH=FROM:TO:STEP or PATH=V1,V2,... (repeat for a grid).", valueName: "path=range"))
    var axes: [String] = []

    @Option(help: "Draw this many random points from the ranges instead of the full grid.")
    var samples: Int?

    @Option(help: "Seed of the random points (with --samples).")
    var seed: UInt64 = 1

    @Option(name: [.customShort("j"), .long], help: "Worker threads (default: one per core).")
    var jobs: Int?

    @Option(help: "Solve only shard K of N: every N-th point starting at K (0 <= K < N).")
    var shard: String?

    @Option(
        name: [.customShort("f"), .customLong("format")],
        help: ArgumentHelp(
            "csv (one row per point, for scripts), jsonl (a JSON object per line, after the run manifest) or "
                + "table (for people: per point the varied values, status, objective and binding rules, "
                + "written at the end). Default: from the --output file's extension (.jsonl or .json: jsonl), "
                + "else csv.", valueName: "format"
        ))
    var explicitFormat: SweepFormat?

    @Option(
        name: .shortAndLong,
        help: "Write rows to this file as they are solved (a run manifest goes to FILE.manifest.json).")
    var output: String?

    @Flag(help: "Rebuild and solve cold at every point (for comparison; slower).")
    var cold = false

    @Flag(help: "Print the time of reading the model and of solving the points to standard error.")
    var timings = false

    enum SweepFormat: String, ExpressibleByArgument, CaseIterable { case csv, jsonl, table }

    /// --format, else the output file's extension's (.json and .jsonl: jsonl), else csv.
    private var chosen: (format: SweepFormat, warning: String?) {
        chooseFormat(explicitFormat, output: output, fallback: .csv) {
            $0 == "json" ? .jsonl : SweepFormat(rawValue: $0)
        }
    }

    var format: SweepFormat { chosen.format }

    func validate() throws {
        if axes.isEmpty { throw ValidationError("give at least one --vary PATH=FROM:TO:STEP") }
        if let samples, samples < 1 { throw ValidationError("--samples must be at least 1") }
        if let samples, samples > SweepPoints.limit {
            throw ValidationError("--samples \(samples) is more than 1,000,000 (the limit of a sweep's points)")
        }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        try checkJobs(jobs)
        if axes.count > SweepPoints.axisLimit {
            throw ValidationError(
                "\(axes.count) --vary options, more than \(SweepPoints.axisLimit); fix the other numbers with --set")
        }
        if let shard, Self.parseShard(shard) == nil {
            throw ValidationError("--shard takes K/N with 0 <= K < N, e.g. 0/4")
        }
    }

    static func parseShard(_ text: String) -> (index: Int, count: Int)? {
        let parts = text.split(separator: "/").compactMap { Int($0) }
        guard parts.count == 2, parts[1] >= 1, (0..<parts[1]).contains(parts[0]) else { return nil }
        return (parts[0], parts[1])
    }

    func run() throws {
        if let warning = chosen.warning { Terminal.error(warning) }
        if let output {
            _ = try AtomicFile.check(output, example: format == .table ? "sweep.txt" : "sweep.\(format.rawValue)")
            if format != .jsonl { _ = try AtomicFile.check(RowWriter.manifestPath(output)) }
        }
        let readStart = Date()
        let loaded = try modelOptions.load(threads: jobs)
        let readSeconds = Date().timeIntervalSince(readStart)
        try modelOptions.selectPolicy(policy, in: loaded)
        let parsedAxes = try reportingBadInput { try axes.map { try SweepAxis(parsing: $0) } }
        if let solved = policy ?? loaded.model.allPolicyIDs.first {
            modelOptions.warnUnreached(parsedAxes.map(\.path), option: "--vary", solving: solved, in: loaded)
        }
        try reportingBadInput { try SweepPoints.check(parsedAxes, samples: samples) }
        let points =
            samples.map { SweepPoints.samples(parsedAxes, count: $0, seed: seed) } ?? SweepPoints.grid(parsedAxes)
        var runner = try reportingBadInput { try SweepRunner(loaded: loaded, policy: policy, points: points) }
        runner.warm = !cold
        let positions =
            shard.flatMap(Self.parseShard).map { points.shard($0.index, of: $0.count) } ?? Array(points.values.indices)
        let policyID = runner.policy
        let plan = try? Planner.policy(policyID, of: loaded.model)
        let writer = try RowWriter(output: output, format: format, axes: parsedAxes, model: loaded.model, policy: plan)
        let manifest = RunManifest(
            command: "sweep", modelFile: modelOptions.model, loaded: loaded,
            options: [
                "policy": policyID, SweepSchema.varyOption: axes.joined(separator: " "),
                "samples": samples.map(String.init) ?? "",
                "seed": String(seed), "shard": shard ?? "", "format": format.rawValue, "cold": String(cold),
                "set": modelOptions.overrides.joined(separator: " "),
            ], points: points.values.count)
        try writer.writeManifest(manifest)

        Interrupt.install()
        let progress = Progress(total: positions.count)
        let pointsStart = Date()
        let stop: @Sendable () -> Bool = { Interrupt.requested || writer.failed }
        runner.run(positions: positions, jobs: Workers.count(jobs), shouldStop: stop, solved: progress.step) { row in
            writer.write(row)
        }
        progress.finish()
        try writer.finish()
        // Every sweep closes with one line on standard error, on a terminal or not.
        Terminal.error(
            RunText.sweepSummary(
                solved: writer.rowsWritten, total: positions.count, statuses: writer.statusCounts,
                seconds: Date().timeIntervalSince(readStart), output: output))
        if timings {
            // Points: from the first formulation to the last row written, all workers together.
            let seconds = [("read", readSeconds), ("points", Date().timeIntervalSince(pointsStart))]
            Terminal.error(Format.timings(seconds) + "  (\(writer.rowsWritten) points, --jobs \(Workers.count(jobs)))")
        }
        if Interrupt.requested {
            Terminal.error("interrupted: \(writer.rowsWritten) of \(positions.count) points written")
            throw ExitCode(Interrupt.exitCode)
        }
    }
}
