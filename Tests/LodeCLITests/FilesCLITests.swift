// The binary's promises on files and input (issue 11): a folder or empty path is never replaced,
// files are written whole or not at all, write errors are reported, and every command-line
// mistake exits 2 with a message that names it.
import Foundation
import Testing

extension CLITests {
    static let cobalt = root.appendingPathComponent("models/cobalt/model.yaml").path
    static let vary = "policies.crma-65.rules.single-country-cap.max=0.5:0.8:0.1"

    /// A fresh folder holding `keep/a` (a folder with a file) and `existing.txt` ("old").
    static func scratch() throws -> String {
        let folder = temporary("files")
        try FileManager.default.createDirectory(atPath: folder + "/keep", withIntermediateDirectories: true)
        try "a".write(toFile: folder + "/keep/a", atomically: false, encoding: .utf8)
        try "old".write(toFile: folder + "/existing.txt", atomically: false, encoding: .utf8)
        return folder
    }

    static func listing(_ folder: String) -> [String] {
        ((FileManager.default.enumerator(atPath: folder)?.allObjects as? [String]) ?? []).sorted()
    }

    /// Every command that writes a file, with OUT where its output path goes.
    static let writers: [[String]] = [
        ["solve", cobalt, "--output", "OUT"],
        ["export", cobalt, "--output", "OUT"],
        ["compare", cobalt, "--output", "OUT"],
        ["explain", cobalt, "--output", "OUT"],
        ["stress", cobalt, "--output", "OUT"],
        ["frontier", cobalt, "--policy", "crma-65", "--versus", "carbon", "--points", "2", "--output", "OUT"],
        ["sweep", cobalt, "--policy", "crma-65", "--vary", vary, "--output", "OUT"],
        ["sweep", cobalt, "--policy", "crma-65", "--vary", vary, "--format", "jsonl", "--output", "OUT"],
        ["report", cobalt, "--output", "OUT"],
    ]

    @Test("a folder, an empty path or '.' is refused by every writer with exit 2, and nothing is touched")
    func foldersAreNeverReplaced() throws {
        let folder = try Self.scratch()
        let before = Self.listing(folder)
        for command in Self.writers {
            for path in ["keep", "keep/", folder + "/keep", ".", "", "no-such-folder/x.out"] {
                let run = try Self.lode(in: folder, command.map { $0 == "OUT" ? path : $0 })
                #expect(run.status == 2, "\(command[0]) --output '\(path)'")
                let named = "cannot write \(path.isEmpty ? "\"\"" : path): "
                #expect(
                    run.stderr.contains(named) && run.stderr.contains("(fix: "),
                    "\(command[0]) '\(path)': \(run.stderr)")
                #expect(Self.listing(folder) == before, "\(command[0]) --output '\(path)'")
            }
        }
        #expect(try String(contentsOfFile: folder + "/keep/a", encoding: .utf8) == "a")
        // The manifest beside a CSV sweep is checked too, before any work.
        try FileManager.default.createDirectory(
            atPath: folder + "/rows.csv.manifest.json",
            withIntermediateDirectories: false)
        let manifest = try Self.lode(
            in: folder,
            [
                "sweep", Self.cobalt, "--policy", "crma-65", "--vary", Self.vary,
                "--output", "rows.csv",
            ])
        #expect(manifest.status == 2 && manifest.stderr.contains("cannot write rows.csv.manifest.json: it is a folder"))
        #expect(!FileManager.default.fileExists(atPath: folder + "/rows.csv"))
    }

    @Test("an existing file is replaced whole, with no temporary file left beside it")
    func filesAreReplacedWhole() throws {
        let folder = try Self.scratch()
        for command in Self.writers {
            try "old".write(toFile: folder + "/existing.txt", atomically: false, encoding: .utf8)
            let run = try Self.lode(in: folder, command.map { $0 == "OUT" ? "existing.txt" : $0 })
            #expect(run.status == 0, "\(command[0]): \(run.stderr)")
            let text = try String(contentsOfFile: folder + "/existing.txt", encoding: .utf8)
            #expect(text != "old" && text.hasSuffix("\n"), "\(command[0])")
            let leftovers = Self.listing(folder).filter { $0.contains(".lode-") || $0.hasSuffix(".tmp") }
            #expect(leftovers.isEmpty, "\(leftovers)")
        }
        // A failed command leaves the file as it was.
        try "old".write(toFile: folder + "/existing.txt", atomically: false, encoding: .utf8)
        let failed = try Self.lode(
            in: folder,
            [
                "solve", Self.cobalt, "--set", "nothing.here=1",
                "--output", "existing.txt",
            ])
        #expect(failed.status == 2)
        #expect(try String(contentsOfFile: folder + "/existing.txt", encoding: .utf8) == "old")
    }

    @Test("full standard output: exit 1 and a message; full standard error: ignored; a failed file is left as it was")
    func writeErrors() throws {
        let full = try #require(FileHandle(forWritingAtPath: "/dev/full"))
        for command in [
            ["solve", Self.cobalt], ["check", Self.cobalt], ["compare", Self.cobalt, "--format", "csv"],
            ["sweep", Self.cobalt, "--policy", "crma-65", "--vary", Self.vary],
        ] {
            let run = try Self.lode(stdout: full, command)
            #expect(run.status == 1, "\(command[0])")
            #expect(
                run.stderr.contains("cannot write standard output: No space left on device"),
                "\(command[0]): \(run.stderr)")
        }
        // A file that cannot grow at all (ulimit -f 0; SIGXFSZ ignored, so the write fails): exit 1, the
        // file as it was, no temporary file left. (Not --output /dev/full: run as root, older Lode
        // replaced the device with a regular file.)
        let small = try Self.scratch()
        let file = try Self.lode(
            in: small, shell: "ulimit -f 0; trap '' XFSZ;",
            ["solve", Self.cobalt, "--output", "existing.txt"])
        #expect(file.status == 1 && file.stderr.contains("cannot write existing.txt: File too large"), "\(file.stderr)")
        #expect(try String(contentsOfFile: small + "/existing.txt", encoding: .utf8) == "old")
        #expect(Self.listing(small) == ["existing.txt", "keep", "keep/a"])
        let quiet = try Self.lode(
            stdout: FileHandle.nullDevice, stderr: full,
            ["solve", Self.cobalt, "--set", "nothing.here=1"])
        #expect(quiet.status == 2)  // its message was lost, but not a crash
        #expect(try Self.lode(stdout: FileHandle.nullDevice, stderr: full, ["solve", Self.cobalt]).status == 0)
        // A sweep file that cannot grow past 1 KB (ulimit -f; SIGXFSZ ignored, so the write fails):
        // the target keeps its old content, and no temporary file is left.
        let folder = try Self.scratch()
        let fine = Self.vary.replacingOccurrences(of: "0.1", with: "0.001")
        let sweep = try Self.lode(
            in: folder, shell: "ulimit -f 1; trap '' XFSZ;",
            [
                "sweep", Self.cobalt, "--policy", "crma-65", "--vary", fine,
                "--output", "existing.txt",
            ])
        #expect(sweep.status == 1)
        #expect(sweep.stderr.contains("cannot write existing.txt: File too large"), "\(sweep.stderr)")
        #expect(try String(contentsOfFile: folder + "/existing.txt", encoding: .utf8) == "old")
        #expect(Self.listing(folder) == ["existing.txt", "keep", "keep/a"])
    }

    @Test("--policies=, is bad input, not a crash")
    func emptyPolicyLists() throws {
        let folder = try Self.scratch()
        for command in [
            ["report", Self.cobalt, "--policies=,", "--output", "r.html"],
            ["compare", Self.cobalt, "--policies=,"],
            ["compare", Self.cobalt, "--policies", "baseline,,crma-65"],
        ] {
            let run = try Self.lode(in: folder, command)
            #expect(run.status == 2, "\(command)")
            #expect(run.stderr.contains("--policies") && run.stderr.contains("has an empty name"), "\(run.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: folder + "/r.html"))
    }

    @Test("command-line mistakes exit 2 (not the parser's 64), name the culprit, and show no internals; --help exits 0")
    func usageErrors() throws {
        let mistakes: [([String], String)] = [
            (["solve"], "Missing expected argument '<model>'"),
            (["solve", Self.cobalt, "--bogus"], "Unknown option '--bogus'"),
            (["solve", Self.cobalt, "--format", "xml"], "--format"),
            (["nosuch"], "nosuch"),
            (["compare", Self.cobalt, "--jobs=-1"], "--jobs -1"),
            (["compare", Self.cobalt, "--jobs", "0"], "--jobs 0"),
            (["report", Self.cobalt, "--jobs", "0", "--output", "/tmp/never.html"], "--jobs 0"),
            (["sweep", Self.cobalt, "--vary", Self.vary, "--jobs", "100000"], "--jobs 100000"),
            (["sweep", Self.cobalt, "--vary", Self.vary, "--shard", "4/4"], "--shard"),
            (["sweep", Self.cobalt, "--vary", Self.vary, "--samples", "0"], "--samples"),
            (["frontier", Self.cobalt, "--versus", "carbon", "--points", "1"], "--points"),
            (["solve", Self.cobalt, "--time-limit", "nan"], "--time-limit"),
            (["solve", Self.cobalt, "--time-limit", "-1"], "--time-limit"),
            (["stress", Self.cobalt, "--scenarios=each-country,nope"], "unknown scenario 'nope'"),
            (["stress", Self.cobalt, "--scenarios=all,"], "--scenarios"),
        ]
        for (arguments, culprit) in mistakes {
            let run = try Self.lode(arguments)
            #expect(run.status == 2, "\(arguments): \(run.stderr)")
            #expect(run.stderr.contains(culprit), "\(arguments): \(run.stderr)")
            #expect(!run.stderr.contains("each-country'"), "\(arguments)")
        }
        for help in [["--help"], ["solve", "--help"], ["help", "sweep"], ["--version"]] {
            #expect(try Self.lode(help).status == 0, "\(help)")
        }
    }

    @Test("a missing, folder, empty or malformed sweep or frontier file: the path, what is wrong, the fix; exit 2")
    func seriesFiles() throws {
        let folder = try Self.scratch()
        let files = [
            "empty.csv": "", "header.csv": "a,b\n", "short.csv": "point,x,objective\n1\n2,3\n",
            "bad.json": "{bad", "short-frontier.csv": "point,epsilon,cost,carbon\n1,2\n",
        ]
        for (name, text) in files { try text.write(toFile: folder + "/" + name, atomically: false, encoding: .utf8) }
        let cases: [(String, String, String)] = [
            ("--sweep", "no-such.csv", "no such file"), ("--sweep", "keep", "it is a folder"),
            ("--sweep", "empty.csv", "empty"),
            ("--sweep", "header.csv", "not a sweep CSV"), ("--sweep", "short.csv", "no point with a plan"),
            ("--frontier", "bad.json", "cannot be parsed"), ("--sweep", "bad.json", "no point with a plan"),
            ("--frontier", "short-frontier.csv", "no points"), ("--frontier", "/dev/null", "not a regular file"),
        ]
        for (option, path, what) in cases {
            let run = try Self.lode(in: folder, ["report", Self.cobalt, option, path, "--output", "r.html"])
            #expect(run.status == 2, "\(option) \(path): \(run.stderr)")
            let said = run.stderr.contains("\(option) \(path): ") && run.stderr.contains(what)
            #expect(said && run.stderr.contains("(fix: "), "\(option) \(path): \(run.stderr)")
            for leak in ["cannotReadHeaderRow", "NSCocoaErrorDomain", "Fatal error", "Error Domain"] {
                #expect(!run.stderr.contains(leak), "\(option) \(path): \(run.stderr)")
            }
        }
        #expect(!FileManager.default.fileExists(atPath: folder + "/r.html"))
    }

    @Test("a time limit of 1e16 s or more is no limit in practice, not a crash")
    func hugeTimeLimits() throws {
        for arguments in [
            ["--time-limit", "1e16"], ["--time-limit", "1e300"],
            ["--set", "settings.time_limit=1e17"],
        ] {
            let run = try Self.lode(["solve", Self.cobalt, "--policy", "crma-65", "--format", "json"] + arguments)
            #expect(run.status == 0, "\(arguments): \(run.stderr)")
            #expect(run.stdout.contains("\"status\" : \"optimal\""), "\(arguments)")
        }
    }

    @Test("sweep and frontier sizes are bounded before anything is allocated")
    func sizeLimits() throws {
        let cap = "policies.crma-65.rules.single-country-cap.max"
        let cases: [([String], String)] = [
            (["sweep", Self.cobalt, "--policy", "crma-65", "--vary", "\(cap)=0.5:0.8:1e-300"], "more than 1,000,000"),
            (
                [
                    "sweep", Self.cobalt, "--policy", "crma-65", "--vary", "\(cap)=0.5:0.8:0.0001",
                    "--vary", "commodities.cobalt.demand=1000:9000:1",
                ], "x 8001 = "
            ),
            (
                [
                    "sweep", Self.cobalt, "--policy", "crma-65", "--vary", "\(cap)=0.5:0.8:0.0001",
                    "--vary", "commodities.cobalt.demand=1000:9000:1",
                ],
                "points, more than 1,000,000 (the limit of a sweep's points, counted over all axes together)"
            ),
            (
                ["sweep", Self.cobalt, "--policy", "crma-65", "--vary", "\(cap)=0.5:0.8:0.1", "--samples", "2000000"],
                "more than 1,000,000"
            ),
            (["frontier", Self.cobalt, "--versus", "carbon", "--points", "1000000"], "more than 10,000"),
        ]
        for (arguments, message) in cases {
            let run = try Self.lode(arguments)
            #expect(run.status == 2, "\(arguments): \(run.stderr)")
            #expect(run.stderr.contains(message), "\(arguments): \(run.stderr)")
        }
        let axes = (0...100).flatMap { ["--vary", "commodities.cobalt.demand=\(8000 + $0)"] }
        let many = try Self.lode(["sweep", Self.cobalt] + axes)
        #expect(many.status == 2 && many.stderr.contains("101 --vary options, more than 100"))
    }
}

extension CLITests {
    @Test("a sweep of a count rule's bound to 1e300 is bad input, not a crash")
    func hugeCountBound() throws {
        let run = try Self.lode([
            "sweep", "docs/examples/constructs.yaml", "--policy", "count-min",
            "--vary", "policies.count-min.rules.three-refiners.min=2,1e300",
        ])
        #expect(run.status == 2, "\(run.stderr)")
        #expect(run.stderr.contains("the value 1e+300 is not a whole number from 0 to 1,000,000,000"), "\(run.stderr)")
    }
}

extension CLITests {
    @Test("a command line of more than 1,000 arguments is refused before parsing (the parser is quadratic)")
    func argumentLimit() throws {
        // Before: 2,000 `--set` options took 18 s of parsing in a debug build.
        let sets = (0..<501).flatMap { _ in ["--set", "settings.time_limit=5"] }
        let run = try Self.lode(["check", Self.cobalt] + sets)
        #expect(run.status == 2, "\(run.stderr)")
        #expect(
            run.stderr == "error: 1004 command-line arguments, more than the limit of 1000 "
                + "(fix: write the numbers into the model file, or split the run)\n")
    }
}
