// swift-tools-version: 6.1
//
// Lode's benchmarks, a package of their own so that package-benchmark and its dependencies never
// slow the main build. Run from this folder:
//   swift package --disable-sandbox benchmark                 (package-benchmark: the modeling layer)
//   swift run -c release lode-bench layer                      (a table for Benchmarks/README.md)
// See README.md here for the figures and the commands that produced them.

import PackageDescription

let package = Package(
    name: "LodeBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "Lode", path: ".."),
        // The default traits also pull in swift-runtime-interposer, which this machine cannot fetch.
        .package(url: "https://github.com/ordo-one/package-benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        /// Generated programs for the benchmarks (transportation LPs of a given size).
        .target(
            name: "LodeBenchSupport",
            dependencies: [.product(name: "LodeLP", package: "Lode")],
            path: "Sources/LodeBenchSupport"),

        /// package-benchmark suite: build, load, solve and warm re-solve of transportation LPs.
        .executableTarget(
            name: "LayerBenchmarks",
            dependencies: [
                "LodeBenchSupport",
                .product(name: "Benchmark", package: "package-benchmark"),
                .product(name: "LodeLP", package: "Lode"),
                .product(name: "LodeGLPK", package: "Lode"),
            ],
            path: "Benchmarks/LayerBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]),

        /// Plain timing runs that print the tables of README.md.
        .executableTarget(
            name: "lode-bench",
            dependencies: [
                "LodeBenchSupport",
                .product(name: "LodeLP", package: "Lode"),
                .product(name: "LodeGLPK", package: "Lode"),
                .product(name: "LodeSourcing", package: "Lode"),
            ],
            path: "Sources/lode-bench"),
    ],
    swiftLanguageModes: [.v6]
)
