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

            Designs: --design grid (the default) solves every point, the first --vary
            slowest; --design lhs --samples N is a Latin hypercube (each --vary cut into N
            strata, each stratum used by one point); --design random --samples N draws N
            points (--samples alone means random). Same --seed, same points everywhere.
            PATH=FROM:TO (no step) is continuous: lhs and random draw from it.

            Overlays: --overlays FILE... solves each scenario file (YAML: name:,
            probability:, set: PATH: VALUE) in turn, crossed with the --vary points:
            point = overlay index x design points + design point; --vary wins over an
            overlay's value of the same path. Rows gain 'overlay' and 'probability'.

            Points: numbered from 0 in the design's order. --shard K/N solves every N-th
            point starting at K (K from 0); --points 3,7,10-12 solves those points; rows
            keep their numbers, so shards sorted by 'point' equal the whole sweep.
            --resume FILE keeps the rows an earlier run of the same sweep wrote (same
            model, options and Lode version) and solves only the missing points.

            More examples:
              lode sweep models/battery-materials/model.yaml --policy crma-65 \\
                --design lhs --samples 200 --seed 7 --output ensemble.jsonl \\
                --vary commodities.lithium.demand=2500:3500 \\
                --vary policies.crma-65.rules.single-country-cap.max=0.5:0.8
              lode sweep models/battery-materials/model.yaml --policy crma-65 \\
                --design lhs --samples 200 --seed 7 --output ensemble.jsonl \\
                --vary commodities.lithium.demand=2500:3500 \\
                --vary policies.crma-65.rules.single-country-cap.max=0.5:0.8 \\
                --resume ensemble.jsonl
              lode sweep models/battery-materials/model.yaml --policy crma-65 \\
                --overlays models/battery-materials/scenarios/base.yaml \\
                models/battery-materials/scenarios/demand-surge.yaml --format table

            See docs/workflows.md for GNU parallel, Slurm and Kubernetes examples.
            """)

    @OptionGroup var modelOptions: ModelOptions

    @Option(name: .shortAndLong, help: "The policy to solve at every point (default: the model's first).")
    var policy: String?

    @Option(
        name: .customLong("vary"),
        help: ArgumentHelp(
            "A number to vary: PATH=FROM:TO:STEP or PATH=V1,V2,... (repeat for a grid).", valueName: "path=range"))
    var axes: [String] = []

    @Option(
        help: ArgumentHelp(
            "grid (every point of the ranges, the default), lhs (a Latin hypercube of --samples points) or "
                + "random (--samples points drawn at random; the default with --samples).", valueName: "design"))
    var design: SweepDesign?

    @Option(help: "The number of points of an lhs or random design.")
    var samples: Int?

    @Option(help: "Seed of an lhs or random design (the same seed gives the same points on every platform).")
    var seed: UInt64 = 1

    @Option(
        name: .customLong("overlays"), parsing: .upToNextOption,
        help: ArgumentHelp(
            "Scenario files (YAML: name, probability, set) to solve under, one row per overlay (crossed with "
                + "--vary: the overlay varies slowest).", valueName: "file"))
    var overlayFiles: [String] = []

    @Option(
        name: .customLong("points"),
        help: ArgumentHelp(
            "Solve only these point numbers, e.g. 3,7,10-12 (rows keep their numbers).", valueName: "list"))
    var pointList: String?

    @Option(
        help: ArgumentHelp(
            "An earlier, possibly interrupted, output of the same sweep (csv or jsonl): keep its rows, solve "
                + "only the missing points, write the whole result to --output (may be the same file).",
            valueName: "file"))
    var resume: String?

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

    /// --design, else random with --samples, else grid.
    var chosenDesign: SweepDesign { design ?? (samples == nil ? .grid : .random) }

    func validate() throws {
        if axes.isEmpty && overlayFiles.isEmpty {
            throw ValidationError("give at least one --vary PATH=FROM:TO:STEP, or --overlays FILE...")
        }
        if let samples, samples < 1 { throw ValidationError("--samples must be at least 1") }
        if design == .grid, samples != nil {
            throw ValidationError(
                "--design grid solves every point of the ranges; --samples needs --design lhs or --design random")
        }
        if chosenDesign != .grid {
            if samples == nil {
                throw ValidationError("--design \(chosenDesign.rawValue) needs --samples N, the number of points")
            }
            if axes.isEmpty {
                throw ValidationError("--design \(chosenDesign.rawValue) draws from --vary ranges: give at least one")
            }
        }
        if let pointList, PointList(pointList) == nil {
            throw ValidationError("--points takes point numbers and ranges separated by commas, e.g. 3,7,10-12")
        }
        if pointList != nil, shard != nil {
            throw ValidationError("--points names the points to solve itself: give --points or --shard, not both")
        }
        if resume != nil, format == .table {
            throw ValidationError("--resume reads and writes csv or jsonl, not a table")
        }
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

    /// Overlays name their rows: two of the same name would be told apart by their point alone.
    static func checkNames(_ overlays: [Overlay]) throws {
        var files: [String: String] = [:]
        for overlay in overlays {
            if let other = files[overlay.name] {
                Terminal.error(
                    "error: --overlays: \(other) and \(overlay.file) are both named '\(overlay.name)' "
                        + "(fix: give each a name: of its own, or leave out the repeated file)")
                throw ExitCode(ExitStatus.badInput)
            }
            files[overlay.name] = overlay.file
        }
    }

    /// At most ``SweepPoints/limit`` points with the overlays crossed in.
    static func checkSize(design: Int, overlays: Int) throws {
        guard overlays > 0, design * overlays > SweepPoints.limit else { return }
        Terminal.error(
            "error: --overlays: \(design) points x \(overlays) overlays = \(design * overlays) points, more than "
                + "1,000,000 (the limit of a sweep's points) (fix: fewer points or overlays per run, or several runs)")
        throw ExitCode(ExitStatus.badInput)
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
        let overlays = try reportingBadInput { try overlayFiles.map { try Overlay.read(path: $0) } }
        try Self.checkNames(overlays)
        if let solved = policy ?? loaded.model.allPolicyIDs.first {
            modelOptions.warnUnreached(parsedAxes.map(\.path), option: "--vary", solving: solved, in: loaded)
            for overlay in overlays {
                modelOptions.warnUnreached(
                    overlay.overrides.map(\.path), option: "overlay \(overlay.file)", solving: solved, in: loaded)
            }
        }
        let drawn = try reportingBadInput {
            try SweepPoints.make(parsedAxes, design: chosenDesign, samples: samples, seed: seed)
        }
        try Self.checkSize(design: drawn.values.count, overlays: overlays.count)
        let points = drawn.crossed(with: overlays)
        var runner = try reportingBadInput { try SweepRunner(loaded: loaded, policy: policy, points: points) }
        runner.warm = !cold
        let list = pointList.flatMap(PointList.init)
        if let list, list.largest >= points.values.count {
            Terminal.error(
                "error: --points \(list.text) names point \(list.largest), but the sweep has \(points.values.count) "
                    + "points, numbered 0 to \(points.values.count - 1) (fix: name points of this sweep)")
            throw ExitCode(ExitStatus.badInput)
        }
        let positions =
            list?.points ?? shard.flatMap(Self.parseShard).map { points.shard($0.index, of: $0.count) }
            ?? Array(points.values.indices)
        let policyID = runner.policy
        let plan = try? Planner.policy(policyID, of: loaded.model)
        let manifest = RunManifest(
            command: "sweep", modelFile: modelOptions.model, loaded: loaded,
            options: [
                "policy": policyID, SweepSchema.varyOption: axes.joined(separator: " "),
                "design": chosenDesign.rawValue, "samples": samples.map(String.init) ?? "",
                "seed": String(seed), "shard": shard ?? "", "points": list?.text ?? "", "format": format.rawValue,
                "cold": String(cold), "set": modelOptions.overrides.joined(separator: " "),
                "overlays": overlayFiles.joined(separator: " "),
                "overlays_sha256": overlays.map(\.sha256).joined(separator: " "),
            ], points: points.values.count)
        let writer = try RowWriter(
            output: output, format: format, axes: parsedAxes, model: loaded.model, policy: plan,
            overlays: !overlays.isEmpty)
        let kept = try resume.map {
            try ResumedRows.read(
                $0, format: format, manifest: manifest, header: writer.csvHeader, positions: Set(positions))
        }
        let keptPoints = Set(kept?.rows.map(\.point) ?? [])
        let missing = kept == nil ? positions : positions.filter { !keptPoints.contains($0) }
        let merger = KeptRows(kept?.rows ?? [], writer: writer)
        try writer.writeManifest(manifest)

        Interrupt.install()
        let progress = Progress(total: missing.count)
        let pointsStart = Date()
        let stop: @Sendable () -> Bool = { Interrupt.requested || writer.failed }
        if !missing.isEmpty {
            runner.run(positions: missing, jobs: Workers.count(jobs), shouldStop: stop, solved: progress.step) { row in
                merger.write(before: row.point)
                writer.write(row)
            }
        }
        merger.write(before: nil)
        progress.finish()
        try writer.finish()
        if let resume, let kept {
            let count = kept.rows.count
            Terminal.error(
                "resumed \(resume): kept \(count) row\(count == 1 ? "" : "s"), solved \(writer.rowsWritten - count)")
        }
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

extension SweepDesign: ExpressibleByArgument {}

/// Writes the rows kept from `--resume` in point order among the newly solved ones: before each
/// new row, every kept row of a lower point; at the end, the rest.
final class KeptRows: Sendable {
    private let rows: [ResumedRows.Row]
    private let next = Mutex(0)
    private let writer: RowWriter

    init(_ rows: [ResumedRows.Row], writer: RowWriter) {
        self.rows = rows
        self.writer = writer
    }

    /// Writes the kept rows before `point` (all that are left when nil).
    func write(before point: Int?) {
        next.withLock { next in
            while next < rows.count, point.map({ rows[next].point < $0 }) ?? true {
                writer.write(kept: rows[next])
                next += 1
            }
        }
    }
}
