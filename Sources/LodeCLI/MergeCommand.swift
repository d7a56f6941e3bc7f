// `lode merge`: the shards of a sweep (`lode sweep --shard K/N --output ...`) checked against each
// other and written as one sweep, in point order, whole or not at all (LodeReport's SweepMerge).
import ArgumentParser
import Foundation
import LodeReport
import LodeSourcing

struct Merge: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merge a sweep's shards into one file in point order, after checking that they fit together.",
        discussion: """
            Every shard must come from the same model (the manifest's SHA-256), the same
            sweep (every option but --shard, --points, --format and --jobs), the same Lode
            and GLPK, and the same format; every point must be in exactly one shard. The
            merged file is the unsharded sweep's: its rows as the shards hold them, with
            the manifest of the whole sweep (FILE.manifest.json beside a CSV file, the
            first line of JSON lines). When points are missing nothing is written, exit 2,
            and the message names them with the command that solves only them.

            Examples:
              lode sweep models/cobalt/model.yaml --policy crma-65 --cold \\
                --vary policies.crma-65.rules.single-country-cap.max=0.3:0.8:0.05 \\
                --shard 0/2 --output shard-0.csv
              lode sweep models/cobalt/model.yaml --policy crma-65 --cold \\
                --vary policies.crma-65.rules.single-country-cap.max=0.3:0.8:0.05 \\
                --shard 1/2 --output shard-1.csv
              lode merge shard-0.csv shard-1.csv --output sweep.csv --summary
            """)

    @Argument(help: ArgumentHelp("The shards: files 'lode sweep --shard K/N --output FILE' wrote.", valueName: "shard"))
    var shards: [String]

    @Option(
        name: [.customShort("f"), .customLong("format")],
        help: ArgumentHelp(
            "csv or jsonl: the shards' format (a merge copies their rows). Default: from the --output file's "
                + "extension (.jsonl or .json: jsonl, .csv: csv), else the shards'.", valueName: "format"))
    var explicitFormat: MergeFormat?

    @Option(name: .shortAndLong, help: "The merged sweep (with FILE.manifest.json beside a CSV file).")
    var output: String

    @Flag(help: "Then print the merged sweep's summary (as lode summarize) on standard output.")
    var summary = false

    enum MergeFormat: String, ExpressibleByArgument, CaseIterable { case csv, jsonl }

    func validate() throws {
        if shards.isEmpty {
            throw ValidationError("give the shards to merge, e.g. lode merge shard-*.csv --output sweep.csv")
        }
    }

    func run() throws {
        // --format, else the output's extension, else the shards' own format.
        let inferred: (String) -> MergeFormat? = { $0 == "json" ? .jsonl : MergeFormat(rawValue: $0) }
        let wanted = explicitFormat ?? formatNamed(byExtensionOf: output).flatMap(inferred)
        if explicitFormat != nil,
            let warning = chooseFormat(explicitFormat, output: output, fallback: .csv, inferred: inferred).warning
        {
            Terminal.error(warning)
        }
        let target = try AtomicFile.check(output, example: "sweep.csv")
        func fail(_ message: String) -> ExitCode {
            Terminal.error("error: \(message)")
            Terminal.error("nothing was written")
            return ExitCode(ExitStatus.badInput)
        }
        let start = Date()
        var files: [SweepFile] = []
        for shard in shards {
            do {
                files.append(try SweepFile.read(shard))
            } catch {
                throw fail(error.description)
            }
        }
        let merged: SweepMerge
        do {
            merged = try SweepMerge.merge(files, format: wanted.flatMap { SweepFile.Format(rawValue: $0.rawValue) })
        } catch {
            throw fail(error.description)
        }
        if merged.format == .csv { _ = try AtomicFile.check(RowWriter.manifestPath(output)) }
        let file = try AtomicFile.Writer(path: output, target: target)
        do {
            try merged.write { try file.write($0) }
            if merged.format == .csv {
                try AtomicFile.write(try merged.manifestText(), to: RowWriter.manifestPath(output))
            }
            try file.commit()
        } catch {
            file.discard()
            throw error
        }
        Terminal.error(
            "merged \(Format.number(Double(merged.rows.count))) points from \(files.count) shard"
                + "\(files.count == 1 ? "" : "s") in \(String(format: "%.2f", Date().timeIntervalSince(start))) s "
                + "into \(output)")
        if summary {
            let data = try SummarizeCommand.read(output)
            try StandardOutput.write(SweepSummaryText.table(SweepSummary(data, by: nil), file: output))
        }
    }
}
