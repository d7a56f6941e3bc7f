internal import CGLPK
import LodeLP

/// GLPK's return codes with the meanings given in its reference manual (§2.8.1, §2.10.5).
enum SolverCodes {
    /// `raw` is what glp_simplex or glp_intopt returned, `status` the solution's status then
    /// (glp_get_status or glp_mip_status). GLPK has no constant for the return code 0 (the search
    /// finished), so the name is then the status's constant: `GLP_OPT`, `GLP_NOFEAS`, ...
    static func code(_ raw: Int32, status: Int32) -> SolverCode {
        guard raw == 0 else {
            let (name, meaning) = describe(raw)
            return SolverCode(rawValue: raw, name: name, meaning: meaning)
        }
        let (name, meaning) = describeStatus(status)
        return SolverCode(rawValue: raw, name: name, meaning: "the solver finished its search: " + meaning)
    }

    private static func describeStatus(_ status: Int32) -> (String, String) {
        switch status {
        case GLP_OPT: return ("GLP_OPT", "the solution is optimal")
        case GLP_FEAS: return ("GLP_FEAS", "the solution is feasible")
        case GLP_INFEAS: return ("GLP_INFEAS", "the solution is infeasible")
        case GLP_NOFEAS: return ("GLP_NOFEAS", "the problem has no feasible solution")
        case GLP_UNBND: return ("GLP_UNBND", "the problem has an unbounded solution")
        case GLP_UNDEF: return ("GLP_UNDEF", "the solution is undefined")
        default: return ("GLPK status \(status)", "an undocumented status \(status)")
        }
    }

    private static func describe(_ raw: Int32) -> (String, String) {
        switch raw {
        case GLP_EBADB: return ("GLP_EBADB", "the initial basis is invalid (wrong number of basic variables)")
        case GLP_ESING: return ("GLP_ESING", "the initial basis matrix is singular")
        case GLP_ECOND: return ("GLP_ECOND", "the initial basis matrix is ill-conditioned")
        case GLP_EBOUND: return ("GLP_EBOUND", "some double-bounded variable has incorrect bounds")
        case GLP_EFAIL: return ("GLP_EFAIL", "the search was prematurely terminated due to the solver failure")
        case GLP_EOBJLL: return ("GLP_EOBJLL", "the objective reached its lower limit")
        case GLP_EOBJUL: return ("GLP_EOBJUL", "the objective reached its upper limit")
        case GLP_EITLIM: return ("GLP_EITLIM", "the iteration limit has been exceeded")
        case GLP_ETMLIM: return ("GLP_ETMLIM", "the time limit has been exceeded")
        case GLP_ENOPFS: return ("GLP_ENOPFS", "the problem has no primal feasible solution")
        case GLP_ENODFS: return ("GLP_ENODFS", "the problem has no dual feasible solution")
        case GLP_EROOT: return ("GLP_EROOT", "an optimal basis for the initial LP relaxation is not provided")
        case GLP_ESTOP: return ("GLP_ESTOP", "the search was prematurely terminated by the application")
        case GLP_EMIPGAP: return ("GLP_EMIPGAP", "the relative MIP gap tolerance has been reached")
        default: return ("GLPK \(raw)", "an undocumented return code")
        }
    }
}
