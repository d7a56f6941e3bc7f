// The magnitudes a program may hand a solver: GLPK's scaling, simplex and cut generators abort
// the process (assertions in spychuzr.c, spydual.c, glp_mir_gen; an invalid scale factor) on
// coefficients such as 1e308 beside 1, which fuzzing found. A program whose numbers all lie
// within `LinearModel.magnitudes` (or are 0, or infinite bounds) never shows GLPK such numbers.

extension LinearModel {
    /// The magnitudes of nonzero coefficients, objective coefficients and finite bounds a program
    /// may hold.
    public static let magnitudes: ClosedRange<Double> = 1e-100...1e100

    /// The first number of the program outside ``magnitudes`` (0 and infinite bounds aside): where
    /// it is and its value, for an error that names it; nil when there is none.
    public func numberOutsideMagnitudes() -> (place: String, value: Double)? {
        func outside(_ value: Double) -> Bool { value != 0 && value.isFinite && !Self.magnitudes.contains(abs(value)) }
        for row in 0..<constraintCount {
            for k in rowStart[row]..<rowStart[row + 1] where outside(rowValues[k]) {
                return ("the coefficient of \(columnLabel(Int(rowColumns[k]))) in \(rowLabel(row))", rowValues[k])
            }
            if outside(rowLower[row]) { return ("the lower bound of \(rowLabel(row))", rowLower[row]) }
            if outside(rowUpper[row]) { return ("the upper bound of \(rowLabel(row))", rowUpper[row]) }
        }
        for column in 0..<variableCount {
            if outside(objectiveCoefficients[column]) {
                return ("the objective coefficient of \(columnLabel(column))", objectiveCoefficients[column])
            }
            let label = columnLabel(column)
            if outside(columnLower[column]) { return ("the lower bound of \(label)", columnLower[column]) }
            if outside(columnUpper[column]) { return ("the upper bound of \(label)", columnUpper[column]) }
        }
        if outside(objectiveConstant) { return ("the objective's constant", objectiveConstant) }
        return nil
    }
}
