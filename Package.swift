// swift-tools-version:6.0
import PackageDescription

let swiftSettings: [SwiftSetting] = [.enableUpcomingFeature("ExistentialAny")]

let package = Package(
    name: "tickerwire",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "tickerwire", targets: ["tickerwire"]),
        .library(name: "NewsAnalysis", targets: ["NewsAnalysis"]),
        .library(name: "NewsModel", targets: ["NewsModel"]),
        .library(name: "NewsStore", targets: ["NewsStore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
    ],
    targets: [
        .target(name: "NewsModel", swiftSettings: swiftSettings),
        .target(
            name: "NewsAnalysis",
            dependencies: ["NewsModel"],
            exclude: ["README.md"],
            resources: [.copy("Resources/securities.tsv"), .copy("Resources/aliases.tsv"), .copy("Resources/common-words.txt")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "NewsStore",
            dependencies: ["NewsModel", .product(name: "GRDB", package: "GRDB.swift")],
            exclude: ["README.md"],
            swiftSettings: swiftSettings
        ),
        .target(name: "NewsServer", dependencies: ["NewsModel", "NewsAnalysis", "NewsStore"], swiftSettings: swiftSettings),
        .executableTarget(
            name: "tickerwire",
            dependencies: [
                "NewsModel", "NewsAnalysis", "NewsStore", "NewsServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "NewsAnalysisTests", dependencies: ["NewsAnalysis", "NewsModel"], swiftSettings: swiftSettings),
        .testTarget(name: "TickerwireTests", dependencies: ["tickerwire", "NewsStore"], swiftSettings: swiftSettings),
        .testTarget(name: "NewsStoreTests", dependencies: ["NewsStore", "NewsModel"], swiftSettings: swiftSettings),
        .testTarget(name: "NewsServerTests", dependencies: ["NewsServer"], exclude: ["feed_server.py"], swiftSettings: swiftSettings),
    ]
)
