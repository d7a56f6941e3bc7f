// Long work's lines on standard error: the progress line a terminal shows while a sweep, a
// comparison or a report runs, and the summary line that closes every sweep.
import LodeSourcing

public enum RunText {
    /// "37% (370/1,000 points), about 12 s left"; no estimate before the first item is done.
    public static func progress(done: Int, total: Int, elapsed: Double, unit: String) -> String {
        let fraction = total > 0 ? Double(done) / Double(total) : 1
        let percent = Format.number((fraction * 100).rounded(.down))
        var line = "\(percent)% (\(Format.number(Double(done)))/\(Format.number(Double(total))) \(unit))"
        if done > 0, done < total {
            line += ", about " + duration(elapsed / Double(done) * Double(total - done)) + " left"
        }
        return line
    }

    /// Seconds for people: "0.04 s", "2.5 s", "12 s", "3 min 5 s", "2 h 10 min".
    public static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0 else { return "?" }
        if seconds < 1 { return Format.number(seconds, decimals: 2) + " s" }
        if seconds < 10 { return Format.number(seconds, decimals: 1) + " s" }
        let whole = Int(seconds.rounded())
        if whole < 60 { return "\(whole) s" }
        if whole < 3600 { return "\(whole / 60) min \(whole % 60) s" }
        return "\(whole / 3600) h \((whole % 3600) / 60) min"
    }

    /// The closing line of a comparison or report written to a file: "report: 6 policies, 5
    /// optimal, 1 infeasible, in 1.2 s; written to cobalt.html" (other statuses named when present).
    public static func policiesSummary(_ command: String, _ comparison: Comparison, seconds: Double, output: String)
        -> String
    {
        var counts: [PlanStatus: Int] = [:]
        for column in comparison.columns { counts[column.plan.status, default: 0] += 1 }
        var parts = ["\(comparison.columns.count) polic\(comparison.columns.count == 1 ? "y" : "ies")"]
        parts.append("\(counts[.optimal, default: 0]) optimal")
        parts.append("\(counts[.infeasible, default: 0]) infeasible")
        let others: [PlanStatus] = [.feasible, .unbounded, .noPlan, .failed, .invalid]
        for status in others where counts[status, default: 0] > 0 {
            parts.append("\(counts[status, default: 0]) \(status.rawValue)")
        }
        return "\(command): " + parts.joined(separator: ", ") + ", in \(duration(seconds)); written to \(output)"
    }

    /// The closing line of a sweep: "sweep: 21 points, 16 optimal, 5 infeasible, in 0.8 s; rows
    /// written to sweep.csv". `solved` is the number of rows written, `total` the points asked for
    /// (fewer rows: "16 of 21 points"); statuses other than optimal and infeasible are named when present.
    public static func sweepSummary(
        solved: Int, total: Int, statuses: [PlanStatus: Int], seconds: Double, output: String?
    ) -> String {
        var parts = [solved == total ? "\(solved) points" : "\(solved) of \(total) points"]
        parts.append("\(statuses[.optimal, default: 0]) optimal")
        parts.append("\(statuses[.infeasible, default: 0]) infeasible")
        let others: [PlanStatus] = [.feasible, .unbounded, .noPlan, .failed, .invalid]
        for status in others where statuses[status, default: 0] > 0 {
            parts.append("\(statuses[status, default: 0]) \(status.rawValue)")
        }
        let place = output.map { "rows written to \($0)" } ?? "rows on standard output"
        return "sweep: " + parts.joined(separator: ", ") + ", in \(duration(seconds)); \(place)"
    }
}
