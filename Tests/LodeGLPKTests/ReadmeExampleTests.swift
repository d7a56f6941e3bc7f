import LodeGLPK
import LodeLP
import Testing

/// The modeling example in README.md, line for line, so that it keeps working.
@Suite("README example")
struct ReadmeExampleTests {
    @Test("the production-mix example of the README")
    func readme() throws {
        var model = LinearModel()
        let doors = try model.addVariable(name: "doors")
        let windows = try model.addVariable(name: "windows")
        try model.add(doors <= 4, name: "plant1")
        try model.add(2 * windows <= 12, name: "plant2")
        let plant3 = try model.add(3 * doors + 2 * windows <= 18, name: "plant3")
        try model.maximize(3 * doors + 5 * windows)

        let problem = GLPKProblem(model)
        let solution = try problem.solve()
        let range = try problem.rightHandSideRange(of: plant3)
        try problem.setBounds(of: plant3, lower: -.infinity, upper: 20)
        let warm = try problem.solve()

        #expect(isClose(solution.objectiveValue, 36))
        #expect(isClose(solution.value(doors), 2) && isClose(solution.value(windows), 6))
        #expect(isClose(range.dual, 1) && isClose(range.lowerLimit, 12) && isClose(range.upperLimit, 24))
        #expect(isClose(warm.objectiveValue, 38))
    }
}
