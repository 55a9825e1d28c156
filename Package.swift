// swift-tools-version:6.1
import PackageDescription

/// How the release `recall` is linked on Linux, so that a command starts touching few pages of
/// the binary (its peak memory is mostly those pages; see the README's "Scale, beside Anki").
///
/// lld, with the pointers the loader fixes at start packed as RELR (the 2.2 MB table of
/// relocations was read whole at each start; glibc 2.36 reads them), no symbols exported (none
/// is looked up; each library's lookups went through the 16,000 of ours), and the functions a
/// review's start runs placed side by side, first in the code (`Sources/recall/StartupOrder.txt`,
/// written by `scripts/startup-order.sh`): the kernel maps the code 64 KiB around each page
/// touched, and those functions were spread over nearly all of its 22 MB.
let startupLinkerFlags = [
  "-use-ld=lld",
  "-Xlinker", "-z", "-Xlinker", "pack-relative-relocs",
  "-Xlinker", "--no-export-dynamic",
  "-Xlinker", "--symbol-ordering-file=\(Context.packageDirectory)/Sources/recall/StartupOrder.txt",
  "-Xlinker", "--no-warn-symbol-ordering",
]

/// Recall: Markdown study notes turned into flashcards, scheduled with FSRS-6.
///
/// A thin `recall` executable sits on library modules, one per concern:
/// RecallMarkdown (parser) → RecallCards (cards from notes) → RecallStorage
/// (SQLite store and import) → RecallReview / RecallStats (read only) → RecallProgress (an
/// answer scheduled, a log merged) → RecallAnki (Anki packages) → RecallCLI.
/// RecallScheduling (FSRS-6) and RecallTerminal import nothing of the project.
let package = Package(
  name: "Recall",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "recall", targets: ["recall"]),
    .executable(name: "recall-bench", targets: ["RecallBenchmarks"]),
  ],
  dependencies: [
    .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
  ],
  targets: [
    // MARK: Embedded files (Content/ and Migrations/ compiled into the binary)
    .executableTarget(name: "EmbedResourcesTool", path: "Sources/EmbedResourcesTool"),
    .plugin(
      name: "EmbedResources",
      capability: .buildTool(),
      dependencies: ["EmbedResourcesTool"]
    ),
    .target(
      name: "RecallResources",
      plugins: ["EmbedResources"]
    ),

    // MARK: Libraries, one per concern
    .target(name: "RecallMarkdown"),
    .target(name: "RecallScheduling"),
    .target(name: "RecallCards", dependencies: ["RecallMarkdown"]),
    .target(name: "RecallTerminal"),
    .target(
      name: "RecallStorage",
      dependencies: [
        .product(name: "GRDB", package: "GRDB.swift"),
        .product(name: "GRDBSQLite", package: "GRDB.swift"),
        .product(name: "Crypto", package: "swift-crypto"),
        "RecallResources", "RecallCards", "RecallMarkdown", "RecallScheduling",
      ]
    ),
    .target(
      name: "RecallReview",
      dependencies: ["RecallCards", "RecallScheduling", "RecallTerminal"]
    ),
    .target(
      name: "RecallStats",
      dependencies: ["RecallStorage", "RecallScheduling", "RecallCards", "RecallTerminal"]
    ),
    .target(
      name: "RecallProgress",
      dependencies: ["RecallScheduling", "RecallStorage", "RecallStats"]
    ),
    // zstd from the system (Debian's libzstd-dev): Anki keeps its collections compressed with it.
    .systemLibrary(
      name: "CZstd", path: "Sources/CZstd", pkgConfig: "libzstd",
      providers: [.apt(["libzstd-dev"]), .brew(["zstd"])]
    ),
    .target(
      name: "RecallAnki",
      dependencies: [
        .product(name: "GRDB", package: "GRDB.swift"),
        .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        "CZstd", "RecallCards", "RecallScheduling", "RecallStorage", "RecallStats", "RecallProgress",
      ]
    ),
    .target(
      name: "RecallCLI",
      dependencies: [
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        "RecallMarkdown", "RecallCards", "RecallScheduling", "RecallStorage",
        "RecallReview", "RecallTerminal", "RecallStats", "RecallProgress", "RecallResources", "RecallAnki",
      ]
    ),
    .executableTarget(
      name: "recall", dependencies: ["RecallCLI"], exclude: ["StartupOrder.txt"],
      linkerSettings: [.unsafeFlags(startupLinkerFlags, .when(platforms: [.linux], configuration: .release))]
    ),
    .executableTarget(
      name: "RecallBenchmarks",
      dependencies: [
        .product(name: "GRDB", package: "GRDB.swift"),
        "RecallMarkdown", "RecallCards", "RecallScheduling", "RecallStorage",
        "RecallReview", "RecallStats",
      ]
    ),

    // MARK: Tests
    .target(
      name: "RecallTestSupport",
      dependencies: ["RecallMarkdown", "RecallCards", "RecallScheduling", "RecallStorage"]
    ),
    .testTarget(name: "RecallResourcesTests", dependencies: ["RecallResources", "RecallTestSupport"]),
    .testTarget(name: "RecallMarkdownTests", dependencies: ["RecallMarkdown", "RecallTestSupport"]),
    .testTarget(
      name: "RecallSchedulingTests",
      dependencies: ["RecallScheduling", "RecallTestSupport"],
      resources: [.copy("Fixtures")]
    ),
    .testTarget(name: "RecallCardsTests", dependencies: ["RecallCards", "RecallMarkdown", "RecallTestSupport"]),
    .testTarget(name: "RecallStorageTests", dependencies: ["RecallStorage", "RecallTestSupport"]),
    .testTarget(name: "RecallTerminalTests", dependencies: ["RecallTerminal"]),
    .testTarget(name: "RecallReviewTests", dependencies: ["RecallReview", "RecallTestSupport"]),
    .testTarget(name: "RecallStatsTests", dependencies: ["RecallStats", "RecallTestSupport"]),
    .testTarget(name: "RecallProgressTests", dependencies: ["RecallProgress", "RecallStats", "RecallTestSupport"]),
    .testTarget(
      name: "RecallAnkiTests",
      dependencies: [
        "RecallAnki", "RecallTestSupport", .product(name: "ZIPFoundation", package: "ZIPFoundation"),
      ]
    ),
    .testTarget(
      name: "RecallCLITests",
      dependencies: ["RecallCLI", "RecallTestSupport", .product(name: "GRDB", package: "GRDB.swift")]
    ),
  ],
  swiftLanguageModes: [.v6]
)
