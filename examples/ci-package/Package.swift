// swift-tools-version:6.0
// A sample package that keeps its agenda files next to its code and checks them with the
// AgendaKit plugins: `swift package agenda-check` and `swift package agenda-export`.
import PackageDescription

let package = Package(
    name: "CNDPrep",
    products: [
        .library(name: "PrepNotes", targets: ["PrepNotes"]),
    ],
    dependencies: [
        // In a real project: .package(url: "<AgendaKit's git URL>", from: "<version>").
        .package(name: "AgendaKit", path: "../.."),
    ],
    targets: [
        // A trivial library, so that this is a valid package; the plugins need no target.
        .target(name: "PrepNotes"),
    ]
)
