// `lode init DIR`: writes the starter model (InitTemplate.swift) into a new or empty folder.
import ArgumentParser
import Foundation

struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a small commented starter model into a new or empty folder.",
        discussion: """
            The model has two stages, suppliers in four countries and three policies
            (baseline, a country cap, an ESG policy); it checks clean and solves. Its
            comments point to docs/model-language.md. A folder that is not empty is left
            untouched (exit 2).

            Example:
              lode init my-model
            """)

    @Argument(
        help: "The folder to write model.yaml into (created if missing; it must be empty).",
        completion: .directory)
    var folder: String

    func run() throws {
        func fail(_ why: String, _ fix: String) -> ExitCode {
            Terminal.error("error: \(folder.isEmpty ? "\"\"" : folder): \(why) (fix: \(fix))")
            return ExitCode(ExitStatus.badInput)
        }
        guard !folder.isEmpty else { throw fail("the folder is empty text", "name a folder, e.g. lode init my-model") }
        var isFolder: ObjCBool = false
        let manager = FileManager.default
        if manager.fileExists(atPath: folder, isDirectory: &isFolder) {
            guard isFolder.boolValue else { throw fail("it is a file, not a folder", "name a new or empty folder") }
            let contents = (try? manager.contentsOfDirectory(atPath: folder)) ?? ["?"]
            guard contents.isEmpty else {
                throw fail(
                    "the folder is not empty (\(contents.count) entr\(contents.count == 1 ? "y" : "ies")), "
                        + "so nothing was written", "name a new or empty folder, e.g. lode init my-model")
            }
        } else {
            do {
                try manager.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw fail(
                    "the folder cannot be created (\(error.localizedDescription))",
                    "name a folder you can write")
            }
        }
        let path = (folder as NSString).appendingPathComponent(InitTemplate.fileName)
        try AtomicFile.write(InitTemplate.model + "\n", to: path)
        try StandardOutput.write(
            """
            Wrote \(path): two stages, six suppliers, three policies (baseline, country-cap, esg).
            Next:
              lode check \(path)
              lode compare \(path)
              lode solve \(path) --policy esg
              lode explain \(path) --policy esg

            """)
    }
}
