import Foundation
import LodeReport
import LodeSourcing
import Synchronization

/// Streams sweep rows as CSV or JSON lines. On standard output each row is written as it comes;
/// to `--output FILE` the rows go to a temporary file beside FILE (written row by row), which
/// `finish()` renames into place, with the manifest, at the end of the run: after Ctrl-C too,
/// holding every finished row. After a write error nothing more is written and FILE stays as it
/// was. The rows are LodeReport's `SweepSchema`, fixed up front from the axes, model and policy;
/// `--format table` (for people) keeps them and writes LodeReport's `SweepTable` at the end.
final class RowWriter: Sendable {
    private let file: AtomicFile.Writer?
    private let output: String?
    private let format: Sweep.SweepFormat
    private let schema: SweepSchema
    private let rows = Atomic<Int>(0)
    /// Rows written so far by status, for the closing summary.
    private let statuses = Mutex<[PlanStatus: Int]>([:])
    /// The first write error; rows after it are dropped and the sweep stops.
    private let problem = Mutex<FileProblem?>(nil)
    /// The manifest beside a CSV file, written by `finish()`.
    private let manifestText = Mutex<String?>(nil)
    /// `--format table`: the rows so far, aligned and written by `finish()`.
    private let table: Mutex<SweepTable>

    /// Rows written so far.
    var rowsWritten: Int { rows.load(ordering: .relaxed) }

    /// Rows written so far by status.
    var statusCounts: [PlanStatus: Int] { statuses.withLock { $0 } }

    /// True once a write has failed.
    var failed: Bool { problem.withLock { $0 != nil } }

    /// The manifest's file beside a CSV `--output`.
    static func manifestPath(_ output: String) -> String { output + ".manifest.json" }

    init(
        output: String?, format: Sweep.SweepFormat, axes: [SweepAxis], model: SourcingModel, policy: Policy?,
        overlays: Bool = false
    ) throws {
        self.output = output
        self.format = format
        schema = SweepSchema(axes: axes.map(\.path), model: model, policy: policy, overlays: overlays)
        table = Mutex(SweepTable(axes: axes.map(\.path), currency: model.currency, overlays: overlays))
        file = try output.map { path throws(FileProblem) in try AtomicFile.Writer(path: path) }
        if format == .csv { write(line: schema.csvHeader()) }
    }

    /// The manifest: first line of JSON lines, or FILE.manifest.json beside a CSV file (on stderr
    /// as a comment when CSV goes to standard output; none for a table on standard output).
    func writeManifest(_ manifest: RunManifest) throws {
        let json = try SweepSchema.manifestJSON(manifest)
        switch (format, output) {
        case (.jsonl, _): write(line: try SweepSchema.manifestLine(manifest))
        case (.csv, _?), (.table, _?): manifestText.withLock { $0 = json + "\n" }
        case (.csv, nil): Terminal.error("# manifest: \(json)")
        case (.table, nil): break
        }
    }

    func write(_ row: SweepRow) {
        guard !failed else { return }
        switch format {
        case .csv: write(line: schema.csvLine(row))
        case .jsonl: write(line: schema.jsonLine(row))
        case .table: table.withLock { $0.append(row) }
        }
        rows.add(1, ordering: .relaxed)
        statuses.withLock { $0[row.plan.status, default: 0] += 1 }
    }

    /// A row kept from the file a sweep resumes (`--resume`), written back as it was.
    func write(kept row: ResumedRows.Row) {
        guard !failed else { return }
        write(line: row.line)
        rows.add(1, ordering: .relaxed)
        if let status = PlanStatus(rawValue: row.status) { statuses.withLock { $0[status, default: 0] += 1 } }
    }

    /// The CSV header line of these rows (no line break).
    var csvHeader: String { schema.csvHeader() }

    private func write(line: String) {
        do {
            if let file { try file.write(line + "\n") } else { try StandardOutput.write(line + "\n") }
        } catch {
            problem.withLock { if $0 == nil { $0 = error } }
        }
    }

    /// Puts the file and its manifest in place, or, after a write error, removes the temporary
    /// file and throws the error (FILE and its manifest stay as they were).
    func finish() throws(FileProblem) {
        if format == .table {
            let text = table.withLock { $0.render() }
            write(line: String(text.dropLast()))
        }
        if let problem = problem.withLock({ $0 }) {
            file?.discard()
            throw problem
        }
        if let output, let text = manifestText.withLock({ $0 }) {
            do {
                try AtomicFile.write(text, to: Self.manifestPath(output))
            } catch {
                file?.discard()
                throw error
            }
        }
        try file?.commit()
    }
}

/// Ctrl-C (SIGINT), or a scheduler's SIGTERM at the end of a job's time, during a sweep: stop
/// taking new points, keep the rows already written, and exit 128 + the signal's number.
enum Interrupt {
    private static let signalNumber = Atomic<Int32>(0)

    static var requested: Bool { signalNumber.load(ordering: .relaxed) != 0 }

    /// 130 after SIGINT, 143 after SIGTERM.
    static var exitCode: Int32 { 128 + signalNumber.load(ordering: .relaxed) }

    static func install() {
        _ = requested  // initialise the flag before a signal can arrive
        signal(SIGINT) { number in Interrupt.signalNumber.store(number, ordering: .relaxed) }
        signal(SIGTERM) { number in Interrupt.signalNumber.store(number, ordering: .relaxed) }
        // A parent may hand these down blocked; workers inherit this thread's mask.
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGINT)
        sigaddset(&set, SIGTERM)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
    }
}

/// "37% (370/1,000 points), about 12 s left" on standard error, only when it is a terminal; the line
/// is cleared at the end (a summary may follow). Used by sweep, compare and report.
final class Progress: Sendable {
    private let total: Int
    private let unit: String
    private let start = Date()
    private let state = Mutex((done: 0, last: Date.distantPast))
    private let visible: Bool

    init(total: Int, unit: String = "points", visible: Bool = isatty(STDERR_FILENO) != 0) {
        self.total = total
        self.unit = unit
        self.visible = visible
    }

    func step() {
        let show: Int? = state.withLock { state in
            state.done += 1
            guard visible, state.done == total || Date().timeIntervalSince(state.last) > 0.2 else { return nil }
            state.last = Date()
            return state.done
        }
        if let show {
            let line = RunText.progress(done: show, total: total, elapsed: Date().timeIntervalSince(start), unit: unit)
            StandardError.write("\r\u{1B}[K" + line)
        }
    }

    func finish() {
        if visible { StandardError.write("\r\u{1B}[K") }
    }
}
