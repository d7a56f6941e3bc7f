// `lode merge`: the shards of one sweep put back together. The shards must come from the same
// model, sweep definition and Lode and GLPK versions, and hold every point exactly once; the
// merged rows, in point order, are the bytes the shards hold, under the manifest of the
// unsharded sweep, so merged shards of a `--cold` sweep equal the unsharded sweep byte for byte.
import LodeSourcing

public struct SweepMerge: Sendable {
    /// Manifest options that do not change a point's row: which points a run solved and how it
    /// wrote them. Every other option (policy, vary, set, samples, seed, cold and any option a
    /// later Lode adds) is the sweep's definition and must be the same in every shard.
    public static let neutralOptions: Set<String> = ["shard", "points", "resume", "format", "jobs", "output"]

    public let format: SweepFile.Format
    /// The unsharded sweep's manifest: the first shard's, without its `shard` (and `points`).
    public let manifest: RunManifest
    public let header: Substring?
    /// Every point's row, in point order.
    public let rows: [Substring]

    /// Why a merge cannot be written.
    public enum Problem: Error, CustomStringConvertible {
        case file(SweepFileError)
        /// A point in two shards (or twice in one): where.
        case duplicate(String)
        /// Points of the sweep no shard holds, and the commands that solve only them.
        case missing(points: [Int], total: Int, commands: [String], files: [String])

        public var description: String {
            switch self {
            case let .file(error): return error.description
            case let .duplicate(message):
                return message + " (fix: give each shard once, and no two shards that hold the same points)"
            case let .missing(points, total, commands, files):
                let list = SweepMerge.ranges(points)
                let shown = list.count > 200 ? String(list.prefix(200)) + "..." : list
                let them = commands.count == 1 ? "it" : "them"
                return
                    "\(points.count) of \(total) points are missing: \(shown) (fix: solve only "
                    + "\(them), then merge again with \(files.joined(separator: ", ")) added):\n"
                    + commands.map { "  " + $0 }.joined(separator: "\n")
            }
        }
    }

    /// Checks `files` against the first and against each other, and puts their rows in point
    /// order. `format` is the output's, when it is asked for (it must be the shards').
    public static func merge(_ files: [SweepFile], format wanted: SweepFile.Format? = nil) throws(Problem) -> SweepMerge
    {
        precondition(!files.isEmpty)
        let first = files[0]
        if let wanted, wanted != first.format {
            throw .file(
                SweepFileError(
                    first.path,
                    "the shards are \(name(first.format)); a merge writes the rows as the shards hold them, "
                        + "so it cannot write \(name(wanted))",
                    fix:
                        "merge into a .\(first.format.rawValue) file, or run the shards with --format \(wanted.rawValue)"
                ))
        }
        for (index, file) in files.enumerated() {
            if let earlier = files[..<index].first(where: { $0.path == file.path }) {
                throw .file(
                    SweepFileError(
                        file.path,
                        "given twice (as shard \(files.firstIndex { $0.path == earlier.path }! + 1) and "
                            + "\(index + 1))", fix: "give each shard once"))
            }
            if index > 0 { try check(file, against: first) }
        }
        let total = first.manifest.points
        var owner = [Int32](repeating: -1, count: total)
        var lineOf = [Int32](repeating: 0, count: total)
        for (index, file) in files.enumerated() {
            for row in file.rows {
                guard row.point < total else {
                    throw .file(
                        SweepFileError(
                            file.path, line: row.line,
                            "point \(row.point) is not a point of the sweep (its manifest says points 0-\(total - 1))",
                            fix: SweepFile.written))
                }
                if owner[row.point] >= 0 {
                    let other = files[Int(owner[row.point])]
                    let before = Int(lineOf[row.point])
                    let message =
                        other.path == file.path
                        ? "point \(row.point) is twice in \(file.path) (lines \(before) and \(row.line))"
                        : "point \(row.point) is in both \(other.path) (line \(before)) and \(file.path) (line \(row.line))"
                    throw .duplicate(message)
                }
                owner[row.point] = Int32(index)
                lineOf[row.point] = Int32(row.line)
            }
        }
        let missing = owner.indices.filter { owner[$0] < 0 }
        if !missing.isEmpty {
            let (commands, outputs) = commandsSolving(missing, files: files)
            throw .missing(points: missing, total: total, commands: commands, files: outputs)
        }
        var rows = [Substring](repeating: "", count: total)
        for file in files { for row in file.rows { rows[row.point] = row.text } }
        var options = first.manifest.options
        for key in ["shard", "points", "resume"] where options[key] != nil { options[key] = "" }
        var manifest = first.manifest
        manifest.options = options
        return SweepMerge(format: first.format, manifest: manifest, header: first.header, rows: rows)
    }

    static func name(_ format: SweepFile.Format) -> String { format == .csv ? "CSV" : "JSON lines" }

    /// The same model, definition, versions and format as the first shard.
    static func check(_ file: SweepFile, against first: SweepFile) throws(Problem) {
        func foreign(_ message: String, _ fix: String) -> Problem {
            .file(SweepFileError(file.path, message, fix: fix))
        }
        let merge = "merge only the shards of one sweep"
        if file.format != first.format {
            throw foreign(
                "\(name(file.format)), but \(first.path) is \(name(first.format)): the shards of one merge have one "
                    + "format", "\(merge), all run with the same --format")
        }
        let a = file.manifest, b = first.manifest
        if a.modelSHA256 != b.modelSHA256 {
            throw foreign(
                "another model than \(first.path)'s: its manifest's model SHA-256 \(a.modelSHA256.prefix(12))… "
                    + "(\(a.model)) differs from \(b.modelSHA256.prefix(12))… (\(b.model))",
                "\(merge); re-run this shard on the model of the others")
        }
        if a.lodeVersion != b.lodeVersion || a.glpkVersion != b.glpkVersion {
            throw foreign(
                "written by Lode \(a.lodeVersion) with GLPK \(a.glpkVersion), \(first.path) by Lode \(b.lodeVersion) "
                    + "with GLPK \(b.glpkVersion): rows of other versions may differ",
                "re-run every shard with one Lode")
        }
        let keys = Set(a.options.keys).union(b.options.keys).subtracting(neutralOptions).sorted()
        for key in keys where (a.options[key] ?? "") != (b.options[key] ?? "") {
            throw foreign(
                "another sweep than \(first.path)'s: its --\(key) is '\(a.options[key] ?? "")', "
                    + "the other's '\(b.options[key] ?? "")'",
                "\(merge), run with the same options but --shard")
        }
        if a.points != b.points {
            throw foreign(
                "another sweep than \(first.path)'s: \(a.points) points, the other \(b.points)",
                "\(merge), run with the same options but --shard")
        }
        if file.header != first.header {
            throw foreign(
                "its header (columns) differs from \(first.path)'s", "\(merge), run with the same options but --shard")
        }
    }

    /// Points as compressed ranges, ascending: `3,7,10-12`.
    public static func ranges(_ points: [Int]) -> String {
        var parts: [String] = []
        var index = 0
        while index < points.count {
            var end = index
            while end + 1 < points.count && points[end + 1] == points[end] + 1 { end += 1 }
            parts.append(end == index ? "\(points[index])" : "\(points[index])-\(points[end])")
            index = end + 1
        }
        return parts.joined(separator: ",")
    }

    /// The commands that solve only the missing points, and the files they write: the missing
    /// shards (`--shard K/N`) when the missing points are exactly the shards not given, else one
    /// `--points LIST` run.
    static func commandsSolving(_ missing: [Int], files: [SweepFile]) -> (commands: [String], files: [String]) {
        let manifest = files[0].manifest
        let ext = files[0].format.rawValue
        let base = sweepCommand(manifest)
        let shards = files.compactMap { file -> (Int, Int)? in
            let parts = (file.manifest.options["shard"] ?? "").split(separator: "/").compactMap { Int($0) }
            return parts.count == 2 ? (parts[0], parts[1]) : nil
        }
        if shards.count == files.count, let count = shards.first?.1, shards.allSatisfy({ $0.1 == count }) {
            let absent = Set(0..<count).subtracting(shards.map(\.0)).sorted()
            let expected = absent.flatMap { stride(from: $0, to: manifest.points, by: count) }.sorted()
            if !absent.isEmpty && expected == missing {
                let outputs = absent.map { "shard-\($0).\(ext)" }
                let commands = zip(absent, outputs).map { shard, output in
                    base + " --shard \(shard)/\(count) --output \(output)"
                }
                return (commands, outputs)
            }
        }
        let output = "missing.\(ext)"
        return ([base + " --points \(ranges(missing)) --output \(output)"], [output])
    }

    /// `lode sweep MODEL ...` rebuilt from a manifest's model and options (the neutral ones
    /// left out, the others at their defaults left out), quoted for a POSIX shell.
    public static func sweepCommand(_ manifest: RunManifest) -> String {
        var words = ["lode", "sweep", manifest.model]
        let options = manifest.options
        let lists: Set<String> = ["vary", "set", "overlays"]
        let defaults: [String: String] = ["seed": "1", "cold": "false", "design": "grid"]
        // Checked by merge and resume, but no option of the command line.
        let recordOnly: Set<String> = ["overlays_sha256"]
        // The policy and the varied paths first, as people write them; the rest by name.
        let order = ["policy", "vary"] + options.keys.filter { $0 != "policy" && $0 != "vary" }.sorted()
        for key in order {
            guard let value = options[key], !value.isEmpty, !neutralOptions.contains(key), defaults[key] != value,
                !recordOnly.contains(key)
            else { continue }
            if value == "true" {
                words.append("--\(key)")
            } else if lists.contains(key) {
                for item in value.split(separator: " ") { words += ["--\(key)", String(item)] }
            } else {
                words += ["--\(key)", value]
            }
        }
        return words.map(quoted).joined(separator: " ")
    }

    static func quoted(_ word: String) -> String {
        let plain = word.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0)
                || "_./:=,+-@%#>".unicodeScalars.contains($0)
        }
        return plain && !word.isEmpty ? word : "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// The merged file's text in pieces of about `size` bytes, in order: the header or the
    /// manifest line, then the rows, each line ending in a line break.
    public func write(chunk size: Int = 1 << 20, _ body: (String) throws -> Void) throws {
        var buffer = ""
        buffer.reserveCapacity(size + 4096)
        switch format {
        case .csv: if let header { buffer += header + "\n" }
        case .jsonl: buffer += try SweepSchema.manifestLine(manifest) + "\n"
        }
        for row in rows {
            buffer += row
            buffer += "\n"
            if buffer.utf8.count >= size {
                try body(buffer)
                buffer.removeAll(keepingCapacity: true)
            }
        }
        if !buffer.isEmpty { try body(buffer) }
    }

    /// The manifest beside a CSV file (FILE.manifest.json), as `lode sweep` writes it.
    public func manifestText() throws -> String { try SweepSchema.manifestJSON(manifest) + "\n" }
}
