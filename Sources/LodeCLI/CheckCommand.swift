import ArgumentParser
import Foundation
import LodeReport
import LodeSourcing

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Validate a model file: print its problems and warnings.",
        discussion: """
            Every problem is reported at once, with file, line and column, the field, what
            is wrong and what would fix it. Exits with 2 when there are errors.

            Example:
              lode check models/cobalt/model.yaml
            """)

    @OptionGroup var modelOptions: ModelOptions

    func run() throws {
        let loaded = try modelOptions.load()
        let model = loaded.model
        let warnings = loaded.warnings.count
        // An invalid policy is an error of check's (exit 2), though the others can be solved.
        let invalid = model.allPolicyIDs.filter { model.invalidPolicies[$0] != nil }
        if !invalid.isEmpty {
            for diagnostic in loaded.policyErrors { Terminal.error(diagnostic.description) }
            let count = loaded.policyErrors.count, valid = model.policies.map(\.id)
            let names = ModelOptions.names(invalid)
            let which = invalid.count == 1 ? "policy \(names) is" : "policies \(names) are"
            let rest =
                valid.isEmpty
                ? "no policy can be solved"
                : "the others can be solved (\(ModelOptions.names(valid)))"
            let errors = "\(count) error\(count == 1 ? "" : "s")"
            Terminal.error("\(errors) in \(modelOptions.model): \(which) invalid; \(rest).")
            throw ExitCode(ExitStatus.badInput)
        }
        print(CheckText.ok(path: modelOptions.model, model: model, warnings: warnings))
        // print() buffers: a write error (a full disk) shows when it is flushed.
        if fflush(nil) != 0 { throw StandardOutput.failed(errno) }
    }
}
