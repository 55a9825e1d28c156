import Foundation
import RecallStorage
import RecallTestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// `recall import` and the folders it reads: decks named from the folders imported before,
/// links followed once, and nothing that could not be read taken for deleted.
@Suite(.serialized)
struct ImportFoldersTests {
  /// A scratch folder with `notes/` and a database.
  private let recall: RecallProcess
  private var notes: URL { recall.folder.appendingPathComponent("notes") }

  init() throws {
    recall = try RecallProcess("recall-import-folders")
  }

  /// Writes `text` at `path` under the scratch folder.
  private func write(_ path: String, _ text: String) throws {
    let url = recall.folder.appendingPathComponent(path)
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try text.write(to: url, atomically: false, encoding: .utf8)
  }

  private let glossary = "# Net\n\n- **VPC**: a private network\n- **IGW**: the way out\n"

  @Test func aSubfolderOfAFolderImportedBeforeKeepsItsDecks() throws {
    try write("notes/sub/README.md", glossary)
    try write("notes/README.md", "# Top\n\n- **ECS**: containers\n")
    #expect(try recall.run(["import", "notes"]).status == 0)
    let before = try recall.store().notes().map(\.deck).sorted()
    #expect(before == ["README.md", "sub/README.md"])
    let again = try recall.run(["import", "notes/sub", "--json"])
    #expect(again.status == 0, "\(again.stderr)")
    #expect(try recall.store().notes().map(\.deck).sorted() == before)
    #expect(again.stdout.contains("\"unchangedNotes\" : 1"))
    // A single file inside the folder keeps its deck too.
    #expect(try recall.run(["import", "notes/sub/README.md"]).status == 0)
    #expect(try recall.store().notes().map(\.deck).sorted() == before)
    #expect(try recall.store().libraryRoots() == [notes.resolvingSymlinksInPath().path])
  }

  @Test func linksAreFollowedOnceAndLoopsAndDeadLinksAreReported() throws {
    try write("notes/real/net.md", glossary)
    try write("outside/ecs.md", "# ECS\n\n- **ECS**: containers\n")
    let manager = FileManager.default
    try manager.createSymbolicLink(atPath: notes.appendingPathComponent("shared").path, withDestinationPath: "../outside")
    try manager.createSymbolicLink(atPath: notes.appendingPathComponent("again").path, withDestinationPath: "real")
    try manager.createSymbolicLink(atPath: notes.appendingPathComponent("real/up").path, withDestinationPath: "..")
    try manager.createSymbolicLink(atPath: notes.appendingPathComponent("gone.md").path, withDestinationPath: "nowhere.md")
    let run = try recall.run(["import", "notes"])
    #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
    #expect(try recall.store().notes().map(\.deck).sorted() == ["real/net.md", "shared/ecs.md"])
    #expect(run.stdout.contains("Skipped (3)"))
    #expect(run.stdout.contains("notes/gone.md: The link leads to nothing that can be read"))
    #expect(run.stdout.contains("notes/again: The link leads to a folder already read"))
    #expect(run.stdout.contains("notes/real/up: The link leads to a folder already read"))
  }

  @Test func aNameThatIsNotUTF8IsReported() throws {
    try write("notes/net.md", glossary)
    let bad = notes.path + "/bad\u{FFFD}.md"
    let bytes = Array(notes.path.utf8) + Array("/bad".utf8) + [0xFF] + Array(".md".utf8) + [0]
    let descriptor = bytes.withUnsafeBufferPointer { buffer in
      buffer.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_CREAT | O_WRONLY, 0o644) }
    }
    #expect(descriptor >= 0)
    close(descriptor)
    let run = try recall.run(["import", "notes"])
    #expect(run.status == 1)
    #expect(run.stdout.contains("\(bad.dropFirst(recall.folder.path.count + 1)): The name is not valid UTF-8"), "\(run.stdout)")
    #expect(try recall.store().notes().map(\.deck) == ["net.md"])
  }

  @Test func aNoteThatCannotBeReadIsAnErrorAndKeepsItsCards() throws {
    try write("notes/net.md", glossary)
    try write("notes/ecs.md", "# ECS\n\n- **ECS**: containers\n")
    #expect(try recall.run(["import", "notes"]).status == 0)
    let active = try recall.store().cards(status: .active).count
    // The note becomes a FIFO: it cannot be read without blocking.
    let ecs = notes.appendingPathComponent("ecs.md").path
    try FileManager.default.removeItem(atPath: ecs)
    #expect(mkfifo(ecs, 0o600) == 0)
    let run = try recall.run(["import", "notes"])
    #expect(run.status == 1)
    #expect(run.stdout.contains("notes/ecs.md: The note is not a regular file"), "\(run.stdout)")
    #expect(try recall.store().cards(status: .active).count == active)
    #expect(!run.stdout.contains("Removed notes"))
  }

  @Test(.enabled(if: getuid() != 0, "root reads every folder"))
  func aFolderThatCannotBeReadIsAnErrorAndItsNotesKeepTheirCards() throws {
    try write("notes/net.md", glossary)
    try write("notes/locked/ecs.md", "# ECS\n\n- **ECS**: containers\n")
    #expect(try recall.run(["import", "notes"]).status == 0)
    let active = try recall.store().cards(status: .active).count
    let locked = notes.appendingPathComponent("locked").path
    #expect(chmod(locked, 0) == 0)
    defer { chmod(locked, 0o755) }
    let run = try recall.run(["import", "notes"])
    #expect(run.status == 1)
    #expect(run.stdout.contains("notes/locked: The folder could not be read"), "\(run.stdout)")
    #expect(try recall.store().cards(status: .active).count == active)
  }

  @Test func aFolderLeftEmptyIsNotEmptiedWithoutPermission() throws {
    try write("notes/net.md", glossary)
    try write("notes/ecs.md", "# ECS\n\n- **ECS**: containers\n")
    #expect(try recall.run(["import", "notes"]).status == 0)
    let active = try recall.store().cards(status: .active).count
    for name in ["net.md", "ecs.md"] { try FileManager.default.removeItem(at: notes.appendingPathComponent(name)) }
    let held = try recall.run(["import", "notes"])
    #expect(held.status == 1)
    #expect(held.stdout.contains("Held back (2)"), "\(held.stdout)")
    #expect(held.stdout.contains("--allow-removals"))
    #expect(try recall.store().cards(status: .active).count == active)
    let allowed = try recall.run(["import", "notes", "--allow-removals"])
    #expect(allowed.status == 0, "\(allowed.stdout)")
    #expect(allowed.stdout.contains("Removed notes (2)"))
    #expect(try recall.store().cards(status: .active).isEmpty)
  }

  @Test func aDryRunListsWhatHappensToEachCard() throws {
    try write("notes/net.md", glossary)
    #expect(try recall.run(["import", "notes"]).status == 0)
    try write("notes/net.md", "# Net\n\n- **VPC**: a virtual private cloud\n- **NAT**: the way out for private subnets\n")
    let text = try recall.run(["import", "notes", "--dry-run"])
    #expect(text.status == 0, "\(text.stderr)")
    #expect(text.stdout.contains("Cards ("), "\(text.stdout)")
    #expect(text.stdout.contains("changed  "))
    #expect(text.stdout.contains("a private network → "))
    #expect(text.stdout.contains("(0 reviews)"))
    let json = try recall.run(["import", "notes", "--dry-run", "--json"])
    let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
    let cards = try #require(object["cards"] as? [[String: Any]])
    #expect(Set(cards.compactMap { $0["kind"] as? String }).isSuperset(of: ["changed", "added"]))
    #expect(cards.allSatisfy { $0["reviews"] is Int && $0["file"] as? String == "notes/net.md" })
    #expect(try recall.store().cards().allSatisfy { $0.card.answer != "a virtual private cloud" })
  }
}
