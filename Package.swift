// swift-tools-version:6.2
import PackageDescription

let upcoming: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "Pharos",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "PharosCore", targets: ["PharosCore"]),
        .library(name: "PharosMetrics", targets: ["PharosMetrics"]),
        .library(name: "PharosWire", targets: ["PharosWire"]),
        .library(name: "PharosStore", targets: ["PharosStore"]),
        .executable(name: "pharos-agent", targets: ["pharos-agent"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
    ],
    targets: [
        .target(
            name: "PharosCore",
            dependencies: [.product(name: "Yams", package: "Yams")],
            swiftSettings: upcoming
        ),
        .target(
            name: "PharosMetrics",
            dependencies: ["PharosCore"],
            swiftSettings: upcoming
        ),
        .target(
            name: "PharosWire",
            dependencies: ["PharosCore"],
            swiftSettings: upcoming
        ),
        .target(
            name: "PharosStore",
            dependencies: ["PharosCore"],
            swiftSettings: upcoming
        ),
        .executableTarget(
            name: "pharos-agent",
            dependencies: [
                "PharosCore",
                "PharosMetrics",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: upcoming
        ),
        .testTarget(
            name: "PharosCoreTests",
            dependencies: ["PharosCore"],
            resources: [.copy("Fixtures")],
            swiftSettings: upcoming
        ),
        .testTarget(
            name: "PharosMetricsTests",
            dependencies: ["PharosMetrics", "PharosCore"],
            resources: [.copy("Fixtures")],
            swiftSettings: upcoming
        ),
        .testTarget(
            name: "PharosWireTests",
            dependencies: ["PharosWire"],
            swiftSettings: upcoming
        ),
        .testTarget(
            name: "PharosStoreTests",
            dependencies: ["PharosStore", "PharosCore"],
            swiftSettings: upcoming
        ),
    ],
    swiftLanguageModes: [.v6]
)
