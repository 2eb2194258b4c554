// swift-tools-version:6.0
import PackageDescription

// Yams 6.2.2 (jpsim/Yams, MIT), vendored with two patches: see PATCHES.md.
let package = Package(
    name: "Yams",
    products: [
        .library(name: "Yams", targets: ["Yams"])
    ],
    dependencies: [],
    targets: [
        .target(
            name: "CYaml",
            cSettings: [.define("YAML_DECLARE_STATIC")]
        ),
        .target(
            name: "Yams",
            dependencies: ["CYaml"],
            cSettings: [.define("YAML_DECLARE_STATIC")]
        ),
    ]
)
