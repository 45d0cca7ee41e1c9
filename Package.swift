// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "PartnerGraph",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "PartnerGraph", targets: ["PartnerGraph"]),
        .library(name: "PartnerGraphIO", targets: ["PartnerGraphIO"]),
        .library(name: "PartnerAnalysis", targets: ["PartnerAnalysis"]),
        .library(name: "FigureStyle", targets: ["FigureStyle"]),
        .library(name: "DOTRendering", targets: ["DOTRendering"]),
        .library(name: "GraphvizRendering", targets: ["GraphvizRendering"]),
        .library(name: "PartnerReports", targets: ["PartnerReports"]),
        .executable(name: "partnergraph", targets: ["partnergraph"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        // Reads .xlsx workbooks (a ZIP of XML parts) for `import`.
        .package(url: "https://github.com/weichsel/ZIPFoundation", exact: "0.9.20"),
    ],
    targets: [
        // Model: partners, ties, partial dates, snapshots.
        .target(name: "PartnerGraph"),
        // Readers and writers (YAML, JSON, CSV pair) and diagnostics.
        .target(
            name: "PartnerGraphIO",
            dependencies: ["PartnerGraph", "FigureStyle", .product(name: "Yams", package: "Yams"),
                           .product(name: "ZIPFoundation", package: "ZIPFoundation")]
        ),
        // CSR projection and the measures.
        .target(name: "PartnerAnalysis", dependencies: ["PartnerGraph"]),
        // The page model (physical sizes, font size) and the theme shared by every figure;
        // the text escapers for terminals and Markdown shared by every text output.
        .target(name: "FigureStyle"),
        // Pure-Swift DOT writer and styling.
        .target(name: "DOTRendering", dependencies: ["PartnerGraph", "FigureStyle"]),
        // Graphviz's C library (libgvc); imported only by GraphvizRendering.
        .systemLibrary(
            name: "CGraphviz",
            pkgConfig: "libgvc",
            providers: [.apt(["libgraphviz-dev"]), .brew(["graphviz"])]
        ),
        .target(name: "GraphvizRendering", dependencies: ["CGraphviz"]),
        // Charts drawn by our own SVG writer (timeline) and report composition.
        .target(name: "PartnerReports", dependencies: ["PartnerGraph", "PartnerAnalysis", "FigureStyle", "DOTRendering", "GraphvizRendering"]),
        .executableTarget(
            name: "partnergraph",
            dependencies: [
                "PartnerGraph", "PartnerGraphIO", "PartnerAnalysis",
                "DOTRendering", "GraphvizRendering", "PartnerReports", "FigureStyle",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
            // The release binary links the Swift runtime and Foundation in
            // (start-up 10 ms → 6 ms): Benchmarks/build_release.sh passes
            // the flags, so the package itself needs no unsafeFlags and can be
            // a dependency.
        ),
        // Timing driver called by Benchmarks/run.sh (prints JSON lines like ../shared/bench/peers.py).
        .executableTarget(
            name: "pgbench",
            dependencies: ["PartnerGraph", "PartnerGraphIO", "PartnerAnalysis"],
            path: "Benchmarks/Sources/pgbench"
        ),
        // Analysts' scripts using the library API; built by `swift test` so they cannot rot.
        .executableTarget(
            name: "YearlyCentrality",
            dependencies: ["PartnerGraph", "PartnerGraphIO", "PartnerAnalysis"],
            path: "Examples/YearlyCentrality"
        ),
        .executableTarget(
            name: "GapCheck",
            dependencies: ["PartnerGraph", "PartnerGraphIO", "PartnerAnalysis"],
            path: "Examples/GapCheck"
        ),
        .executableTarget(
            name: "EgoDiagram",
            dependencies: ["PartnerGraph", "PartnerGraphIO", "PartnerAnalysis", "DOTRendering", "GraphvizRendering"],
            path: "Examples/EgoDiagram"
        ),
        .testTarget(name: "PartnerGraphTests", dependencies: ["PartnerGraph"]),
        .testTarget(name: "PartnerReportsTests", dependencies: ["PartnerReports", "PartnerGraphIO", "DOTRendering", "FigureStyle", "GraphvizRendering", "PartnerGraph", "PartnerAnalysis"]),
        .testTarget(
            name: "PartnerGraphIOTests",
            dependencies: ["PartnerGraphIO"],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "PartnerAnalysisTests",
            dependencies: ["PartnerAnalysis", "PartnerGraphIO"],
            exclude: ["make_fixtures.py", "make_bipartite_fixtures.py", "davis-bipartite.json"]
        ),
        .testTarget(name: "RenderingTests", dependencies: ["DOTRendering", "GraphvizRendering", "PartnerGraphIO"], exclude: ["Golden", "palette_check.py"]),
        .testTarget(
            name: "CLITests",
            dependencies: ["PartnerGraphIO", "partnergraph", "YearlyCentrality", "GapCheck", "EgoDiagram"],
            exclude: ["Hostile", "HostileCorpus", "Figures", "Payloads", "make_import_fixtures.py"]
        ),
    ]
)
