// GLPKProblem's export: the program as CPLEX LP or free MPS, written by GLPK with names made
// valid and unique, whole or not at all; a failure keeps GLPK's own message.
internal import CGLPK
import Foundation
import LodeLP
import Synchronization

extension GLPKProblem {
    /// Writes the problem in CPLEX LP or free MPS format, with the model's names made valid and
    /// unique for that format (see ``ExportNames``). Written to a temporary file first, then moved
    /// into place, so `path` holds a whole file or nothing. A failure throws
    /// ``SolverError/exportFailed(path:format:message:)`` with what GLPK (or the rename) said.
    public func write(_ format: ExportFormat, to path: String) throws {
        try checkThread("write(_:to:)")
        assignNames()
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        // GLPK reports why a write failed on its terminal only ("Unable to create ..."): keep it.
        let output = ExportOutput()
        let code: Int32 = TerminalOutput.routed(to: { output.append($0) }) {
            switch format {
            case .lp: return glp_write_lp(problem, nil, temporary.path)
            case .mps: return glp_write_mps(problem, GLP_MPS_FILE, nil, temporary.path)
            }
        }
        guard code == 0 else {
            try? FileManager.default.removeItem(at: temporary)
            throw SolverError.exportFailed(
                path: path, format: format, message: output.message(naming: temporary.path, as: path))
        }
        // rename(2) replaces a file in one step and refuses to replace a folder (never removed first).
        guard rename(temporary.path, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw SolverError.exportFailed(path: path, format: format, message: "rename: \(reason)")
        }
    }

    private func assignNames() {
        guard !namesAssigned else { return }
        namesAssigned = true
        glp_set_prob_name(problem, "lode")
        glp_set_obj_name(problem, "objective")
        var names = ExportNames(reserved: ["objective"])
        for i in 0..<model.constraintCount {
            glp_set_row_name(problem, Int32(i + 1), names.unique(model.rowNames[i], fallback: "r_\(i + 1)"))
        }
        for j in 0..<model.variableCount {
            glp_set_col_name(problem, Int32(j + 1), names.unique(model.columnNames[j], fallback: "x_\(j + 1)"))
        }
    }
}

/// GLPK's terminal lines during one export (GLPK prints on the calling thread only).
private final class ExportOutput: Sendable {
    private let lines = Mutex<[String]>([])

    func append(_ line: String) { lines.withLock { $0.append(line) } }

    /// What GLPK said, its progress lines ("Writing problem data to ...") left out, with the
    /// temporary file's name replaced by the one asked for.
    func message(naming temporary: String, as path: String) -> String {
        let said = lines.withLock { $0 }.filter { !$0.hasPrefix("Writing ") }
            .map { $0.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: temporary, with: path) }
            .filter { !$0.isEmpty }
        return said.isEmpty ? "no message" : said.joined(separator: "; ")
    }
}
