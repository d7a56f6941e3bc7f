import ArgumentParser
import Foundation
import LodeSourcing

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the exact program `solve` would solve, as CPLEX LP or free MPS.",
        discussion: """
            Rows and columns carry readable names (x[supplier], rule[id][commodity/stage],
            ...).
            The file can be solved by any LP solver, e.g. glpsol:

              lode export models/cobalt/model.yaml --policy crma-65 --output cobalt.lp
              glpsol --lp cobalt.lp -o cobalt.txt
            """)

    @OptionGroup var modelOptions: ModelOptions

    @Option(name: .shortAndLong, help: "The policy to export (default: the model's first).")
    var policy: String?

    @Option(
        name: [.customShort("f"), .customLong("format")],
        help: ArgumentHelp(
            "lp (CPLEX LP) or mps (free MPS; note MPS carries no objective sense: Lode minimises). "
                + "Default: from the --output file's extension (.mps: mps), else lp.", valueName: "format"))
    var explicitFormat: ExportFormatOption?

    /// --format, else the output file's extension's, else lp.
    private var chosen: (format: ExportFormatOption, warning: String?) {
        chooseFormat(explicitFormat, output: output, fallback: .lp) { ExportFormatOption(rawValue: $0) }
    }

    var format: ExportFormatOption { chosen.format }

    @Option(name: .shortAndLong, help: "The file to write.")
    var output: String

    func run() throws {
        if let warning = chosen.warning { Terminal.error(warning) }
        // GLPK writes the file itself, to a temporary file beside it, then renames it into place
        // (GLPKProblem.write); the path is checked here first, like every file Lode writes.
        let target = try AtomicFile.check(output, example: "model.\(format.rawValue)")
        if target.inPlace {
            throw FileProblem(
                path: output, message: "it is a device or a pipe, and export replaces files only",
                fix:
                    "give the path of a file, e.g. --output model.\(format.rawValue)", badInput: true)
        }
        let loaded = try modelOptions.load()
        try modelOptions.selectPolicy(policy, in: loaded)
        let formulation = try reportingBadInput {
            try Formulation(model: loaded.model, policy: try Planner.policy(policy, of: loaded.model))
        }
        do {
            try formulation.write(format.value, to: target.path)
        } catch {
            Terminal.error("error: \(error)")
            throw ExitCode(ExitStatus.other)
        }
    }
}

enum ExportFormatOption: String, ExpressibleByArgument, CaseIterable {
    case lp, mps
    var value: ProgramFileFormat { self == .lp ? .lp : .mps }
}
