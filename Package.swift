// swift-tools-version: 6.0
//
// Lode: optimization of sourcing portfolios for critical minerals.
// The targets follow the architecture, from the solver up to the terminal.

import PackageDescription

let package = Package(
    name: "Lode",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "lode", targets: ["LodeCLI"]),
        .library(name: "LodeSourcing", targets: ["LodeSourcing"]),
        .library(name: "LodeLP", targets: ["LodeLP"]),
        .library(name: "LodeGLPK", targets: ["LodeGLPK"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
    ],
    targets: [
        // MARK: The solver: GLPK's C library and the one module that imports it

        /// GLPK 5's C API (Debian: libglpk-dev).
        .systemLibrary(
            name: "CGLPK",
            path: "Sources/CGLPK",
            providers: [.apt(["libglpk-dev"])]),

        /// glibc's mallopt, for the executable's allocator settings (ProcessMemory.swift).
        .systemLibrary(name: "CMalloc", path: "Sources/CMalloc"),

        // MARK: The modeling layer (no C, no minerals)

        /// Variables, linear expressions, constraints, models, solve outcomes, and the solver seam
        /// (LinearProblem, LinearSolver).
        .target(name: "LodeLP"),

        /// A safe, thread-aware GLPK problem: solve, warm re-solve, ranging, export. The only
        /// importer of CGLPK; conforms to LodeLP's LinearProblem.
        .target(name: "LodeGLPK", dependencies: ["CGLPK", "LodeLP"]),

        // MARK: The sourcing domain (no terminal)

        /// Model files, validation, the rule kinds, the formulation of sourcing policies, plans and workflows.
        .target(
            name: "LodeSourcing",
            dependencies: [
                "LodeLP", "LodeGLPK",
                .product(name: "Yams", package: "Yams"),
                .product(name: "CSV", package: "CSV.swift"),
            ]),

        // MARK: Reports for people

        /// Everything people and scripts read: plan, comparison, explain, stress and frontier tables
        /// (text, CSV, HTML), sweep and frontier rows, JSON, numbers, and the HTML report with SVG charts.
        .target(
            name: "LodeReport",
            dependencies: ["LodeSourcing", .product(name: "CSV", package: "CSV.swift")]),

        // MARK: The command line

        /// `lode`: check, solve and the planner workflows. Thin: parsing options, calling LodeSourcing,
        /// writing what LodeReport renders.
        .executableTarget(
            name: "LodeCLI",
            dependencies: [
                "LodeSourcing", "LodeReport", "CMalloc",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),

        // MARK: Fuzzing (Fuzz/README.md)

        /// The model reader's fuzz target. Built normally it replays files (the regression tests
        /// run it); built with -DLODE_FUZZ and -sanitize=fuzzer it is a libFuzzer binary.
        .executableTarget(name: "LodeFuzz", dependencies: ["LodeSourcing", "LodeGLPK"]),

        // MARK: Tests

        .testTarget(name: "LodeLPTests", dependencies: ["LodeLP"]),
        .testTarget(name: "LodeGLPKTests", dependencies: ["LodeGLPK", "LodeLP"]),
        /// Golden/ holds the expected LP text of GoldenProgramTests, read through #filePath.
        .testTarget(
            name: "LodeSourcingTests", dependencies: ["LodeSourcing", "LodeGLPK", "LodeLP"], exclude: ["Golden"]),
        .testTarget(name: "LodeReportTests", dependencies: ["LodeReport", "LodeSourcing"]),
        /// Runs the built `lode` binary (the dependency makes `swift build --build-tests` build it).
        .testTarget(name: "LodeCLITests", dependencies: ["LodeCLI"]),
        /// Replays Fuzz/regressions and the seed corpus through the built `LodeFuzz` binary.
        .testTarget(name: "LodeFuzzTests", dependencies: ["LodeFuzz"]),
    ],
    swiftLanguageModes: [.v6]
)

// CI builds with every warning an error (`LODE_WARNINGS_AS_ERRORS=1`, set by .ci/run), so that no
// warning lands; a local build shows them without stopping. Only Lode's own targets: the packages
// it depends on are built as their authors ship them.
if Context.environment["LODE_WARNINGS_AS_ERRORS"] == "1" {
    for target in package.targets where target.type != .system {
        target.swiftSettings = (target.swiftSettings ?? []) + [.unsafeFlags(["-warnings-as-errors"])]
    }
}
