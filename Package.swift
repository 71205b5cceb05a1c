// swift-tools-version:6.0
import PackageDescription

let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "AgendaKit",
    products: [
        .executable(name: "agenda", targets: ["agenda"]),
        .library(name: "AgendaCore", targets: ["AgendaCore"]),
        .library(name: "AgendaYAML", targets: ["AgendaYAML"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]
        ),
        .target(name: "AgendaCore", swiftSettings: strictSettings),
        .target(
            name: "AgendaYAML",
            dependencies: ["AgendaCore", "CLibYAML"],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "agenda",
            dependencies: [
                "AgendaCore",
                "AgendaYAML",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSettings
        ),
        .target(name: "AgendaGenerator", dependencies: ["AgendaCore"], swiftSettings: strictSettings),
        .executableTarget(
            name: "agenda-bench",
            dependencies: ["AgendaCore", "AgendaYAML", "AgendaGenerator", "CLibYAML"],
            path: "Sources/AgendaBenchmarks",
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "AgendaCoreTests",
            dependencies: ["AgendaCore", "AgendaGenerator"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "AgendaYAMLTests",
            dependencies: ["AgendaCore", "AgendaYAML", "AgendaGenerator"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "AgendaSchedulerTests",
            dependencies: ["AgendaCore", "AgendaYAML"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "AgendaCLITests",
            dependencies: ["AgendaCore", "AgendaGenerator", "agenda"],
            exclude: ["Fixtures"],
            swiftSettings: strictSettings
        ),
    ]
)
