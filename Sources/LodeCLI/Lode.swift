import ArgumentParser
import Foundation
import LodeSourcing

/// `lode`: optimization of sourcing portfolios for critical minerals.
@main
struct Lode: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lode",
        abstract: "Plan where the tonnes of critical minerals come from: cheap, diversified, and up to ESG standards.",
        discussion: """
            Examples (run from the repository's top folder):
              lode check models/cobalt/model.yaml
              lode solve models/battery-materials/model.yaml --policy friend-shoring
              lode solve models/cobalt/model.yaml --policy crma-65 --format json
              lode solve models/cobalt/model.yaml --set commodities.cobalt.demand=9000
              lode init my-model    # a small commented model to start from

            Exit codes: 0 a plan was found, 2 bad input (usage mistakes included, not
            64), 3 infeasible, 4 unbounded, 5 stopped by a limit without a plan, 1
            anything else.

            Shell completions: lode --generate-completion-script bash (or zsh, fish).
            """,
        version: "\(LodeVersion.version) (GLPK \(LodeVersion.glpkVersion))",
        subcommands: [
            Init.self, Check.self, Solve.self, Compare.self, Sweep.self, Merge.self, SummarizeCommand.self,
            FrontierCommand.self, Explain.self,
            Stress.self, ReportCommand.self, Export.self,
        ])

    /// Runs the command. Every usage mistake the parser finds (an unknown option, a missing or
    /// bad value, a failed check of the values) exits 2, bad input, as documented, not the
    /// parser's 64; `--help` and `--version` exit 0. A file or standard output that cannot be
    /// written is reported with its path (exit 2 for a bad path, 1 for an I/O failure).
    /// The most arguments a command line may have (docs/limits.md).
    static let maximumArguments = 1_000

    static func main() {
        ProcessMemory.keepFreedMemory()
        // The argument parser's work grows with the square of the arguments (2,000 `--set` took
        // 18 s in a debug build): refuse a command line no person types before parsing it.
        let count = CommandLine.arguments.count - 1
        if count > maximumArguments {
            Terminal.error(
                "error: \(count) command-line arguments, more than the limit of \(maximumArguments) "
                    + "(fix: write the numbers into the model file, or split the run)")
            Foundation.exit(ExitStatus.badInput)
        }
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let problem as FileProblem {
            Terminal.error("error: \(problem)")
            Foundation.exit(problem.exitCode)
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if !message.isEmpty {
                if code.isSuccess { try? StandardOutput.write(message + "\n") } else { Terminal.error(message) }
            }
            Foundation.exit(code.rawValue == ExitCode.validationFailure.rawValue ? ExitStatus.badInput : code.rawValue)
        }
    }
}

/// Lode's exit codes (documented in README.md and `lode --help`).
enum ExitStatus {
    static let planFound: Int32 = 0
    static let other: Int32 = 1
    static let badInput: Int32 = 2
    static let infeasible: Int32 = 3
    static let unbounded: Int32 = 4
    static let noPlanWithinLimit: Int32 = 5
}
