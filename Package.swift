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
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2")
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
        .executableTarget(
            name: "tickerwire",
            dependencies: [
                "NewsModel", "NewsAnalysis",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "NewsAnalysisTests", dependencies: ["NewsAnalysis", "NewsModel"], swiftSettings: swiftSettings),
        .testTarget(name: "TickerwireTests", dependencies: ["tickerwire"], swiftSettings: swiftSettings),
    ]
)
