import Foundation
import LodeSourcing
import Synchronization

/// Streams sweep rows as CSV or JSON lines. On standard output each row is written as it comes;
/// to `--output FILE` the rows go to a temporary file beside FILE (written row by row), which
/// `finish()` renames into place, with the manifest, at the end of the run: after Ctrl-C too,
/// holding every finished row. After a write error nothing more is written and FILE stays as it
/// was. Columns are fixed up front from the model and policy.
final class RowWriter: Sendable {
    private let file: AtomicFile.Writer?
    private let output: String?
    private let format: Sweep.SweepFormat
    private let axes: [SweepAxis]
    private let scopes: [(commodity: String, stage: String)]
    private let ruleIDs: [String]
    private let rows = Atomic<Int>(0)
    /// The first write error; rows after it are dropped and the sweep stops.
    private let problem = Mutex<FileProblem?>(nil)
    /// The manifest beside a CSV file, written by `finish()`.
    private let manifestText = Mutex<String?>(nil)

    /// Rows written so far.
    var rowsWritten: Int { rows.load(ordering: .relaxed) }

    /// True once a write has failed.
    var failed: Bool { problem.withLock { $0 != nil } }

    /// The manifest's file beside a CSV `--output`.
    static func manifestPath(_ output: String) -> String { output + ".manifest.json" }

    init(output: String?, format: Sweep.SweepFormat, axes: [SweepAxis], model: SourcingModel, policy: Policy?) throws {
        self.output = output
        self.format = format
        self.axes = axes
        scopes = model.commodities.flatMap { commodity in commodity.stages.map { (commodity.id, $0) } }
        ruleIDs = policy?.rules.map(\.id) ?? []
        file = try output.map { path throws(FileProblem) in try AtomicFile.Writer(path: path) }
        if format == .csv { write(line: header()) }
    }

    private func header() -> String {
        var columns = ["point"] + axes.map(\.path) + ["status", "objective", "purchase", "freight", "tariffs", "carbon_penalty",
                                                       "sustainability_penalty", "labor_penalty", "surge_fees", "shortfall_penalty"]
        for scope in scopes {
            let key = "\(scope.commodity)/\(scope.stage)"
            columns += ["total[\(key)]", "hhi[\(key)]", "top_country[\(key)]", "top_share[\(key)]"]
        }
        columns.append("binding")
        columns += ruleIDs.map { "shadow_price[\($0)]" }
        return columns.map(PlanCSV.field).joined(separator: ",")
    }

    /// The manifest: first line of JSON lines, or FILE.manifest.json beside a CSV file (on stderr
    /// as a comment when CSV goes to standard output).
    func writeManifest(_ manifest: RunManifest) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let json = String(decoding: try encoder.encode(manifest), as: UTF8.self)
        switch (format, output) {
        case (.jsonl, _): write(line: "{\"manifest\":\(json)}")
        case (.csv, _?): manifestText.withLock { $0 = json + "\n" }
        case (.csv, nil): Terminal.error("# manifest: \(json)")
        }
    }

    func write(_ row: SweepRow) {
        guard !failed else { return }
        switch format {
        case .csv: write(line: csv(row))
        case .jsonl: write(line: jsonLine(row))
        }
        rows.add(1, ordering: .relaxed)
    }

    private func csv(_ row: SweepRow) -> String {
        let plan = row.plan
        var cells = [String(row.point)] + row.values.map(Self.number) + [plan.status.rawValue, plan.objective.map(Self.number) ?? ""]
        let costs = plan.costs
        cells += [costs?.purchase, costs?.freight, costs?.tariffs, costs?.carbonPenalty, costs?.sustainabilityPenalty,
                  costs?.laborPenalty, costs?.surgeFees, costs?.shortfallPenalty].map { $0.map(Self.number) ?? "" }
        for scope in scopes {
            if let summary = plan.scopes.first(where: { $0.commodity == scope.commodity && $0.stage == scope.stage }) {
                let top = summary.shares.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }
                cells += [Self.number(summary.total), Self.number(summary.hhi), top?.key ?? "", top.map { Self.number($0.value) } ?? ""]
            } else {
                cells += ["", "", "", ""]
            }
        }
        cells.append(plan.rules.filter(\.binding).map(\.id).joined(separator: ";"))
        cells += ruleIDs.map { id in plan.rules.first { $0.id == id }?.shadowPrice.map(Self.number) ?? "" }
        return cells.map(PlanCSV.field).joined(separator: ",")
    }

    private struct JSONRow: Encodable {
        let point: Int
        let values: [String: Double]
        let status: String
        @Nullable var objective: Double?
        @Nullable var costs: Costs?
        let scopes: [ScopeLine]
        let binding: [String]
        let shadowPrices: [String: Double]

        struct ScopeLine: Encodable {
            let commodity: String, stage: String, total: Double, hhi: Double, shares: [String: Double]
        }

        enum CodingKeys: String, CodingKey {
            case point, values, status, objective, costs, scopes, binding, shadowPrices = "shadow_prices"
        }
    }

    private func jsonLine(_ row: SweepRow) -> String {
        let plan = row.plan
        let value = JSONRow(
            point: row.point, values: Dictionary(zip(axes.map(\.path), row.values), uniquingKeysWith: { $1 }),
            status: plan.status.rawValue, objective: plan.objective, costs: plan.costs,
            scopes: plan.scopes.map { .init(commodity: $0.commodity, stage: $0.stage, total: $0.total, hhi: $0.hhi, shares: $0.shares) },
            binding: plan.rules.filter(\.binding).map(\.id),
            shadowPrices: Dictionary(plan.rules.compactMap { rule in rule.shadowPrice.map { (rule.id, $0) } }, uniquingKeysWith: { $1 }))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? String(decoding: encoder.encode(value), as: UTF8.self)) ?? "{}"
    }

    /// Ten significant digits: the same point gives the same text whether solved warm or cold.
    static func number(_ value: Double) -> String {
        if value == value.rounded() && abs(value) < 1e15 { return String(Int(value)) }
        return String(format: "%.10g", value)
    }

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

/// Ctrl-C during a sweep: stop taking new points, keep the rows already written.
enum Interrupt {
    private static let flag = Atomic<Bool>(false)

    static var requested: Bool { flag.load(ordering: .relaxed) }

    static func install() {
        _ = requested  // initialise the flag before a signal can arrive
        signal(SIGINT) { _ in Interrupt.flag.store(true, ordering: .relaxed) }
        // A parent may hand SIGINT down blocked; workers inherit this thread's mask.
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGINT)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
    }
}

/// "k/N points" on standard error, only when it is a terminal.
final class Progress: Sendable {
    private let total: Int
    private let state = Mutex((done: 0, last: Date.distantPast))
    private let visible = isatty(STDERR_FILENO) != 0

    init(total: Int) { self.total = total }

    func step() {
        let show: Int? = state.withLock { state in
            state.done += 1
            guard visible, state.done == total || Date().timeIntervalSince(state.last) > 0.2 else { return nil }
            state.last = Date()
            return state.done
        }
        if let show { StandardError.write("\r\(show)/\(total) points") }
    }

    func finish() {
        if visible { StandardError.write("\n") }
    }
}
