// Long work's lines on standard error (issue 14): the progress line and a sweep's closing summary.
import LodeSourcing
import Testing

@testable import LodeReport

@Suite("Progress and summary lines")
struct RunTextTests {
    @Test("progress: percentage, count and time left; no estimate before the first item or at the end")
    func progress() {
        #expect(RunText.progress(done: 0, total: 1000, elapsed: 0, unit: "points") == "0% (0/1,000 points)")
        #expect(
            RunText.progress(done: 370, total: 1000, elapsed: 7.4, unit: "points")
                == "37% (370/1,000 points), about 13 s left")
        #expect(
            RunText.progress(done: 1, total: 3, elapsed: 100, unit: "policies")
                == "33% (1/3 policies), about 3 min 20 s left")
        #expect(RunText.progress(done: 6, total: 6, elapsed: 1, unit: "policies") == "100% (6/6 policies)")
    }

    @Test("durations for people")
    func durations() {
        #expect(RunText.duration(0.043) == "0.04 s" && RunText.duration(2.54) == "2.5 s")
        #expect(RunText.duration(12.4) == "12 s" && RunText.duration(185) == "3 min 5 s")
        #expect(RunText.duration(7800) == "2 h 10 min" && RunText.duration(.infinity) == "?")
    }

    @Test("a sweep's summary: points, optimal and infeasible counts, other statuses when present, time, file")
    func summary() {
        #expect(
            RunText.sweepSummary(
                solved: 21, total: 21, statuses: [.optimal: 16, .infeasible: 5], seconds: 0.8, output: "s.csv")
                == "sweep: 21 points, 16 optimal, 5 infeasible, in 0.80 s; rows written to s.csv")
        #expect(
            RunText.sweepSummary(
                solved: 4, total: 10, statuses: [.optimal: 3, .noPlan: 1], seconds: 12, output: nil)
                == "sweep: 4 of 10 points, 3 optimal, 0 infeasible, 1 no_plan, in 12 s; rows on standard output")
    }
}
