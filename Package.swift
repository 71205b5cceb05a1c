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
        .library(name: "AgendaICalendar", targets: ["AgendaICalendar"]),
        .library(name: "AgendaCSV", targets: ["AgendaCSV"]),
        .library(name: "AgendaMarkdown", targets: ["AgendaMarkdown"]),
        .library(name: "AgendaChecks", targets: ["AgendaChecks"]),
        .library(name: "AgendaReporters", targets: ["AgendaReporters"]),
        .library(name: "AgendaFuzzing", targets: ["AgendaFuzzing"]),
        .plugin(name: "AgendaCheckPlugin", targets: ["AgendaCheckPlugin"]),
        .plugin(name: "AgendaExportPlugin", targets: ["AgendaExportPlugin"]),
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
        .target(name: "AgendaICalendar", dependencies: ["AgendaCore"], swiftSettings: strictSettings),
        .target(name: "AgendaCSV", dependencies: ["AgendaCore"], swiftSettings: strictSettings),
        .target(name: "AgendaMarkdown", dependencies: ["AgendaCore"], swiftSettings: strictSettings),
        .target(name: "AgendaChecks", dependencies: ["AgendaCore"], swiftSettings: strictSettings),
        .target(name: "AgendaReporters", dependencies: ["AgendaCore"], swiftSettings: strictSettings),
        .executableTarget(
            name: "agenda",
            dependencies: [
                "AgendaCore",
                "AgendaYAML",
                "AgendaICalendar",
                "AgendaCSV",
                "AgendaMarkdown",
                "AgendaChecks",
                "AgendaReporters",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "AgendaFuzzing",
            dependencies: [
                "AgendaCore", "AgendaYAML", "AgendaICalendar", "AgendaCSV", "AgendaMarkdown", "AgendaChecks", "AgendaReporters",
            ],
            swiftSettings: strictSettings
        ),
        .target(name: "AgendaGenerator", dependencies: ["AgendaCore"], swiftSettings: strictSettings),
        .executableTarget(
            name: "agenda-bench",
            dependencies: [
                "AgendaCore", "AgendaYAML", "AgendaGenerator", "CLibYAML", "AgendaICalendar", "AgendaCSV", "AgendaMarkdown",
                "AgendaChecks",
            ],
            path: "Sources/AgendaBenchmarks",
            swiftSettings: strictSettings
        ),
        .plugin(
            name: "AgendaCheckPlugin",
            capability: .command(
                intent: .custom(
                    verb: "agenda-check",
                    description: "Check the package's agenda files (*.agenda.yaml, agenda.yaml) with 'agenda check'"
                ),
                permissions: []
            ),
            dependencies: ["agenda"]
        ),
        .plugin(
            name: "AgendaExportPlugin",
            capability: .command(
                intent: .custom(
                    verb: "agenda-export",
                    description: "Export the package's agenda files as calendars (ics, csv, md, json) into calendars/"
                ),
                permissions: [
                    .writeToPackageDirectory(reason: "agenda-export writes the exported calendars (calendars/ by default, or the folder given with -o)")
                ]
            ),
            dependencies: ["agenda"]
        ),
        .testTarget(
            name: "AgendaCoreTests",
            dependencies: ["AgendaCore"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "AgendaYAMLTests",
            dependencies: ["AgendaCore", "AgendaYAML", "AgendaGenerator"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "AgendaSchedulerTests",
            dependencies: ["AgendaCore", "AgendaYAML", "AgendaGenerator"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "AgendaExportTests",
            dependencies: ["AgendaCore", "AgendaYAML", "AgendaGenerator", "AgendaICalendar", "AgendaCSV", "AgendaMarkdown"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "AgendaChecksTests",
            dependencies: ["AgendaCore", "AgendaYAML", "AgendaChecks", "AgendaReporters", "AgendaGenerator"],
            exclude: ["Fixtures"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "AgendaFuzzingTests",
            dependencies: ["AgendaFuzzing"],
            exclude: ["Inputs"],
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
