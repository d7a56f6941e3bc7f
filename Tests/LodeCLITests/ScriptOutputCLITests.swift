// Issue 14, output for scripts and long work: compare's long-form CSV, the documented JSON keys of
// every command, sweep's table view, and the summary line that closes a sweep.
import Foundation
import Testing

@Suite("output for scripts, and long work")
struct ScriptOutputCLITests {
    static let cobalt = "models/cobalt/model.yaml"
    static let battery = "models/battery-materials/model.yaml"

    @Test("compare --format csv: long form, one plain number per line with its unit")
    func compareCSV() throws {
        for model in [Self.cobalt, Self.battery] {
            let run = try CLITests.lode("compare", model, "--format", "csv")
            #expect(run.status == 0, "\(run.stderr)")
            let lines = run.stdout.split(separator: "\n").map(String.init)
            #expect(lines.first == "policy,status,quantity,rule,commodity,stage,member,value,unit")
            for line in lines.dropFirst() {
                // No quoted cell: no thousands separators, no "CHN 53% CHL 42%", no sentences.
                #expect(!line.contains("\""), "\(line)")
                let cells = line.split(separator: ",", omittingEmptySubsequences: false)
                #expect(cells.count == 9, "\(line)")
                guard cells.count == 9 else { continue }
                #expect(cells[7].isEmpty || Double(cells[7]) != nil, "\(line)")
            }
            #expect(lines.contains { $0.hasPrefix("baseline,optimal,objective,,,,,") && $0.hasSuffix(",USD") })
            #expect(lines.contains { $0.contains(",share,,cobalt,refining,CHN,0.") && $0.hasSuffix(",fraction") })
        }
        let cobalt = try CLITests.lode("compare", Self.cobalt, "--format", "csv").stdout
        #expect(cobalt.contains(",total,,cobalt,refining,,") && cobalt.contains(",t Co\n"))
    }
}
