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
        .executable(name: "pharos-agent", targets: ["pharos-agent"]),
        .executable(name: "pharos-influxdb-handler", targets: ["pharos-influxdb-handler"]),
        .executable(name: "pharos-metric-tag-enrichment", targets: ["pharos-metric-tag-enrichment"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.100.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.30.0"),
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
        .executableTarget(
            name: "pharos-agent",
            dependencies: [
                "PharosCore",
                "PharosMetrics",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: upcoming
        ),
        .executableTarget(
            name: "pharos-influxdb-handler",
            dependencies: [
                "PharosCore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: upcoming
        ),
        .executableTarget(
            name: "pharos-metric-tag-enrichment",
            dependencies: [
                "PharosCore",
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
            name: "PharosToolsTests",
            dependencies: ["pharos-influxdb-handler", "pharos-metric-tag-enrichment"],
            resources: [.copy("Fixtures")],
            swiftSettings: upcoming
        ),
    ],
    swiftLanguageModes: [.v6]
)
