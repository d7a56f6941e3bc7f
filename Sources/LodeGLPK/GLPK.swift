internal import CGLPK
import Foundation
import LodeLP

/// Facts about the GLPK library Lode is linked against, and per-thread housekeeping.
public enum GLPK {
    /// GLPK's version string, e.g. "5.0".
    public static var version: String { String(cString: glp_version()) }

    /// True when GLPK was built re-entrant (thread-local environments), so that independent
    /// problems may be solved on separate threads. Debian's build is.
    public static var supportsThreads: Bool { glp_config("TLS") != nil }

    /// Frees GLPK's environment of the calling thread. Call it last on a worker thread that used
    /// GLPK: every problem that thread still owns becomes invalid (and will not be freed again).
    /// ``GLPKThreads`` does this for its own threads.
    public static func releaseThreadResources() {
        Thread.current.threadDictionary[environmentReleasedKey] = true
        glp_free_env()
    }

    static let environmentReleasedKey = "lode.glpk.environment-released"

    static var currentThreadReleasedEnvironment: Bool {
        Thread.current.threadDictionary[environmentReleasedKey] as? Bool ?? false
    }
}

/// Misuse of a solver object that GLPK would punish by aborting, reported as a Swift error.
public enum SolverError: Error, Equatable, Sendable, CustomStringConvertible {
    case wrongThread(operation: String)
    case noOptimalBasis(operation: String, reason: String)
    case invalidOption(name: String, value: String)
    /// `message` is what GLPK (or the final rename) said, e.g. "Unable to create 'x.lp' - No such file or directory".
    case exportFailed(path: String, format: ExportFormat, message: String)

    public var description: String {
        switch self {
        case let .wrongThread(operation):
            return "\(operation) was called on a thread other than the one that created the GLPK problem; "
                + "GLPK would abort the process. Create, use and release each GLPKProblem on one thread "
                + "(for parallel work, give each worker its own problem, e.g. through GLPKThreads)."
        case let .noOptimalBasis(operation, reason):
            return "\(operation) needs an optimal basis of a linear program, but \(reason). "
                + "Call solve() on the continuous model first and check that it ended optimal."
        case let .invalidOption(name, value):
            return "the solve option \(name) = \(value) is invalid. Use a finite, non-negative value."
        case let .exportFailed(path, format, message):
            return "GLPK could not write the \(format.rawValue.uppercased()) file \(path) (\(message)). "
                + "Check that its folder exists and is writable."
        }
    }
}
