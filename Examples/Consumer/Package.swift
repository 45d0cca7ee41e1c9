// swift-tools-version: 6.1
// A package that uses PartnerGraph as a dependency, as an analyst's tool
// would: no flags of its own, only the library products it imports.
// Built by Tests/CLITests/ConsumerPackageTests.swift.
import PackageDescription

let package = Package(
    name: "Consumer",
    platforms: [.macOS(.v13)],
    dependencies: [.package(name: "PartnerGraph", path: "../..")],
    targets: [
        .executableTarget(
            name: "Consumer",
            dependencies: [
                .product(name: "PartnerGraph", package: "PartnerGraph"),
                .product(name: "PartnerGraphIO", package: "PartnerGraph"),
                .product(name: "PartnerAnalysis", package: "PartnerGraph"),
            ]
        ),
    ]
)
