// swift-tools-version:5.9
// swift-mustache 2.1.1 (https://github.com/hummingbird-project/swift-mustache, revision abb2a36),
// Apache 2.0, with the look-up fast paths described in PATCHES.md.

import PackageDescription

let package = Package(
    name: "swift-mustache",
    platforms: [.macOS(.v10_15), .iOS(.v13), .tvOS(.v13), .watchOS(.v6)],
    products: [
        .library(name: "Mustache", targets: ["Mustache"])
    ],
    dependencies: [],
    targets: [
        .target(name: "Mustache", dependencies: [])
    ],
    swiftLanguageVersions: [.v5, .version("6")]
)
