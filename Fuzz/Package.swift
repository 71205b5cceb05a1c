// swift-tools-version:6.0
// libFuzzer entry points for AgendaKit. Built only by Fuzz/run.sh, with the fuzzer and
// address sanitizer on every module (see Fuzz/README.md); the main package never builds them.
import PackageDescription

let package = Package(
    name: "AgendaKitFuzz",
    dependencies: [.package(name: "AgendaKit", path: "..")],
    targets: [
        .target(name: "FuzzDriver"),
        .executableTarget(
            name: "FuzzPipeline",
            dependencies: ["FuzzDriver", .product(name: "AgendaFuzzing", package: "AgendaKit")]
        ),
        .executableTarget(
            name: "FuzzTime",
            dependencies: ["FuzzDriver", .product(name: "AgendaFuzzing", package: "AgendaKit")]
        ),
    ]
)
