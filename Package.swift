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
        .library(name: "NewsAlerts", targets: ["NewsAlerts"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket.git", from: "2.8.1"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
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
        .target(name: "NewsAlerts", dependencies: ["NewsModel"], swiftSettings: swiftSettings),
        .target(
            name: "NewsStorePostgres",
            dependencies: [
                "NewsModel", "NewsStore", .product(name: "PostgresNIO", package: "postgres-nio"), .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            exclude: ["README.md"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "NewsStore",
            dependencies: ["NewsModel", .product(name: "GRDB", package: "GRDB.swift")],
            exclude: ["README.md"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "NewsServer",
            dependencies: [
                "NewsModel", "NewsAnalysis", "NewsStore",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            resources: [.copy("Resources/openapi.json"), .copy("Resources/web")],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "tickerwire",
            dependencies: [
                "NewsModel", "NewsAnalysis", "NewsStore", "NewsStorePostgres", "NewsServer", "NewsAlerts",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "NewsModelTests", dependencies: ["NewsModel"], swiftSettings: swiftSettings),
        .testTarget(name: "NewsAnalysisTests", dependencies: ["NewsAnalysis", "NewsModel"], swiftSettings: swiftSettings),
        .testTarget(name: "TickerwireTests", dependencies: ["tickerwire", "NewsStore"], exclude: ["webhook_receiver.py"], swiftSettings: swiftSettings),
        .testTarget(name: "NewsAlertsTests", dependencies: ["NewsAlerts", "NewsModel"], swiftSettings: swiftSettings),
        .testTarget(
            name: "NewsStoreTests", dependencies: ["NewsStore", "NewsStorePostgres", "NewsModel", .product(name: "GRDB", package: "GRDB.swift")], swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "NewsServerTests",
            dependencies: [
                "NewsServer", "NewsStore", .product(name: "MetricsTestKit", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"), .product(name: "Logging", package: "swift-log"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"), .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
            ],
            exclude: ["feed_server.py"],
            swiftSettings: swiftSettings
        ),
    ]
)
