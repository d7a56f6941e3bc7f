import ArgumentParser
import Foundation
import LodeSourcing

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Validate a model file: print its problems and warnings.",
        discussion: """
            Every problem is reported at once, with file, line and column, the field, what is wrong and
            what would fix it. Exits with 2 when there are errors.

            Example:
              lode check models/cobalt/model.yaml
            """)

    @OptionGroup var modelOptions: ModelOptions

    func run() throws {
        let loaded = try modelOptions.load()
        let model = loaded.model
        let warnings = loaded.warnings.count
        print("\(modelOptions.model): OK: \(model.commodities.count) commodit\(model.commodities.count == 1 ? "y" : "ies"), "
            + "\(model.suppliers.count) suppliers, \(model.policies.count) polic\(model.policies.count == 1 ? "y" : "ies") "
            + "(\(model.policies.map(\.id).joined(separator: ", ")))\(warnings > 0 ? ", \(warnings) warning\(warnings == 1 ? "" : "s")" : "").")
        // print() buffers: a write error (a full disk) shows when it is flushed.
        if fflush(nil) != 0 { throw StandardOutput.failed(errno) }
    }
}
