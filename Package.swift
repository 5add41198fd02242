// swift-tools-version:6.0
import PackageDescription

/// Release builds drop invariant checks; debug builds define PF_CHECK_INVARIANTS.
let invariantChecks: [SwiftSetting] = [
    .define("PF_CHECK_INVARIANTS", .when(configuration: .debug)),
]

let package = Package(
    name: "ParquetFrame",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "ParquetFrame", targets: ["ParquetFrame"]),
        .library(name: "ParquetFrameNative", type: .dynamic, targets: ["PFNative"]),
        .executable(name: "pframe", targets: ["pframe"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // C headers with the Arrow C Data and C Stream interface structs.
        .target(name: "CArrowABI", path: "Sources/CArrowABI"),
        // System compression libraries (Debian -dev packages).
        .systemLibrary(
            name: "CCodecs", path: "Sources/CCodecs",
            providers: [.apt(["libsnappy-dev", "libzstd-dev", "zlib1g-dev", "liblz4-dev",
                              "libbrotli-dev", "libbz2-dev", "liblzma-dev"])]),
        .target(name: "PFColumnar", dependencies: ["CArrowABI"],
                swiftSettings: invariantChecks),
        .target(name: "PFParquet", dependencies: ["PFColumnar", "CCodecs"],
                swiftSettings: invariantChecks),
        .target(name: "PFFormats", dependencies: ["PFColumnar", "CCodecs"],
                swiftSettings: invariantChecks),
        .target(name: "PFGraph", dependencies: ["PFColumnar", "CArrowABI"],
                swiftSettings: invariantChecks),
        .target(name: "PFWorkflow", dependencies: ["PFColumnar", "PFParquet", "PFFormats", "PFGraph"],
                swiftSettings: invariantChecks),
        .target(name: "ParquetFrame",
                dependencies: ["PFColumnar", "PFParquet", "PFFormats", "PFGraph", "PFWorkflow"]),
        // The C ABI library for Python and C callers. The Swift runtime is linked
        // statically so the .so loads on machines without the Swift toolchain.
        .target(name: "PFNative", dependencies: ["ParquetFrame", "CArrowABI"],
                exclude: ["include"], swiftSettings: invariantChecks,
                linkerSettings: [.unsafeFlags(["-static-stdlib"], .when(platforms: [.linux]))]),
        .executableTarget(
            name: "pframe",
            dependencies: ["ParquetFrame", .product(name: "ArgumentParser", package: "swift-argument-parser")]),
        .target(name: "PFTestSupport", dependencies: ["PFColumnar"]),
        .testTarget(name: "PFColumnarTests", dependencies: ["PFColumnar", "PFTestSupport"]),
        .testTarget(name: "PFParquetTests", dependencies: ["PFParquet", "PFTestSupport"]),
        .testTarget(name: "PFFormatsTests", dependencies: ["PFFormats", "PFTestSupport"],
                    exclude: ["Resources"]),
        .testTarget(name: "PFGraphTests", dependencies: ["PFGraph", "PFTestSupport"]),
        .testTarget(name: "PFWorkflowTests", dependencies: ["PFWorkflow", "PFTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
