// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Gazette",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "gazette", targets: ["gazette"]),
        .library(name: "Gazette", targets: ["Gazette"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        // Test-only: the reference Gazette's own template engine is checked against.
        .package(url: "https://github.com/hummingbird-project/swift-mustache", exact: "2.1.1"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.65.0"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.20.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.0.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.30.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CCmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"]), .brew(["cmark"])]
        ),
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]
        ),
        // mimalloc in place of the C library's malloc on Linux, and its settings for `gazette
        // build` (see allocator.c): a build spends a tenth of its time allocating less with it.
        .target(name: "CAllocator", linkerSettings: [.linkedLibrary("mimalloc", .when(platforms: [.linux]))]),
        // System calls Swift's Glibc module leaves out (renameat2).
        .target(name: "CGazetteSystem"),
        // The small Mustache-compatible template engine: the standard library only.
        .target(name: "GazetteTemplates"),
        .target(
            name: "Gazette",
            dependencies: [
                "CCmark",
                "CLibXML2",
                "CGazetteSystem",
                "GazetteTemplates",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The preview server: the only module that links NIO and Hummingbird, so that the
        // library, and anything built on it alone, stays free of them.
        .target(
            name: "GazetteServer",
            dependencies: [
                "Gazette",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]
        ),
        // `gazette fetch`'s HTTP: the only module that links AsyncHTTPClient, for the same reason.
        .target(
            name: "GazetteFetch",
            dependencies: [
                "Gazette",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPCompression", package: "swift-nio-extras"),
            ]
        ),
        .executableTarget(
            name: "gazette",
            dependencies: [
                "CAllocator",
                "Gazette",
                "GazetteFetch",
                "GazetteServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .testTarget(
            name: "GazetteTests",
            dependencies: ["Gazette", "GazetteTemplates", .product(name: "Mustache", package: "swift-mustache")],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "GazetteTemplatesTests",
            dependencies: ["GazetteTemplates", .product(name: "Mustache", package: "swift-mustache")],
            exclude: ["Fixtures"]
        ),
        .testTarget(name: "GazetteEndToEndTests", dependencies: ["Gazette", "gazette"]),
        .testTarget(name: "GazetteFetchTests", dependencies: ["GazetteFetch"]),
        .testTarget(
            name: "GazetteServerTests",
            dependencies: [
                "GazetteServer",
                "gazette",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
