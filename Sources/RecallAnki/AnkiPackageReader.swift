import Foundation
import GRDB
import ZIPFoundation

/// Reads the notes, cards and review log out of an Anki package: a `.colpkg` (a whole
/// collection) or an `.apkg` (decks), in the current layout (a `meta` file saying version 3
/// and `collection.anki21b` compressed with zstd) or a legacy one (`collection.anki21` or
/// `collection.anki2`, plain SQLite).
///
/// Every value is checked: a value missing or out of Anki's range names its table, row and
/// column in the error.
public struct AnkiPackageReader: Sendable {
  /// Creates a reader.
  public init() {}

  /// Reads the package at `path`.
  ///
  /// - Throws: ``AnkiError/cannotRead(path:reason:)``, ``AnkiError/notAPackage(path:reason:)``
  ///   or ``AnkiError/invalidField(path:field:reason:)``.
  public func read(path: String) throws(AnkiError) -> AnkiCollection {
    guard FileManager.default.isReadableFile(atPath: path) else {
      throw .cannotRead(path: path, reason: "there is no readable file there")
    }
    let archive: Archive
    do {
      archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
    } catch {
      throw .notAPackage(path: path, reason: "it is not a zip file")
    }
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("recall-anki-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: scratch) }
    do {
      try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    } catch {
      throw .cannotRead(path: path, reason: "no room for a temporary copy (\(error))")
    }
    let database = scratch.appendingPathComponent("collection")
    try extractCollection(from: archive, path: path, to: database)
    return try readCollection(at: database.path, package: path)
  }

  /// Extracts the package's collection to `destination`, decompressing it if needed.
  private func extractCollection(from archive: Archive, path: String, to destination: URL) throws(AnkiError) {
    var version = 0
    if let meta = archive["meta"] {
      var data = Data()
      do {
        _ = try archive.extract(meta, consumer: { data.append($0) })
      } catch {
        throw .notAPackage(path: path, reason: "its meta file cannot be read (\(error))")
      }
      guard let parsed = Self.metaVersion(data) else {
        throw .invalidField(path: path, field: "meta", reason: "it is not a package description Recall knows")
      }
      version = parsed
    }
    let name: String
    switch version {
    case 0: name = archive["collection.anki21"] != nil ? "collection.anki21" : "collection.anki2"
    case 1: name = "collection.anki2"
    case 2: name = "collection.anki21"
    case 3: name = "collection.anki21b"
    default:
      throw .notAPackage(
        path: path, reason: "its meta file gives the package version \(version), newer than Recall reads")
    }
    guard let entry = archive[name] else {
      throw .notAPackage(path: path, reason: "it holds no \(name)")
    }
    _ = FileManager.default.createFile(atPath: destination.path, contents: nil)
    do {
      let handle = try FileHandle(forWritingTo: destination)
      defer { try? handle.close() }
      if version == 3 {
        let decoder = try ZstdDecoder()
        _ = try archive.extract(entry, consumer: { chunk in
          try decoder.decompress(chunk) { handle.write($0) }
        })
        try decoder.finish()
      } else {
        _ = try archive.extract(entry, consumer: { handle.write($0) })
      }
    } catch let failure as ZstdDecoder.Failure {
      throw .notAPackage(path: path, reason: "its \(name) cannot be decompressed (\(failure.reason))")
    } catch {
      throw .notAPackage(path: path, reason: "its \(name) cannot be extracted (\(error))")
    }
  }

  /// The version in a `meta` file: a protocol buffer whose field 1 is the version number.
  static func metaVersion(_ data: Data) -> Int? {
    var bytes = data[...]
    var version = 0
    while let key = varint(&bytes) {
      switch key & 7 {
      case 0:
        guard let value = varint(&bytes) else { return nil }
        if key >> 3 == 1 { version = Int(value) }
      case 2:
        guard let length = varint(&bytes), length <= UInt64(bytes.count) else { return nil }
        bytes = bytes.dropFirst(Int(length))
      default:
        return nil
      }
    }
    return bytes.isEmpty ? version : nil
  }

  /// Reads a protocol buffer varint off the front of `bytes`.
  private static func varint(_ bytes: inout Data.SubSequence) -> UInt64? {
    var value: UInt64 = 0
    var shift: UInt64 = 0
    while let byte = bytes.first, shift < 64 {
      bytes = bytes.dropFirst()
      value |= UInt64(byte & 0x7F) << shift
      if byte & 0x80 == 0 { return value }
      shift += 7
    }
    return nil
  }

  /// Reads the tables of the collection file at `file`; `package` names it in errors.
  private func readCollection(at file: String, package: String) throws(AnkiError) -> AnkiCollection {
    var configuration = Configuration()
    configuration.readonly = true
    do {
      let queue = try DatabaseQueue(path: file, configuration: configuration)
      defer { try? queue.close() }
      return try queue.read { db in try TableReader(db: db, package: package).collection() }
    } catch let error as AnkiError {
      throw error
    } catch {
      throw .notAPackage(path: package, reason: "its collection is not an Anki database (\(error))")
    }
  }
}

/// Reads and checks the rows of one collection's tables.
private struct TableReader {
  let db: Database
  let package: String

  func collection() throws -> AnkiCollection {
    for table in ["col", "notes", "cards", "revlog"] where try !db.tableExists(table) {
      throw AnkiError.notAPackage(path: package, reason: "its collection has no \(table) table")
    }
    guard let col = try Row.fetchOne(db, sql: "SELECT crt, mod FROM col LIMIT 1") else {
      throw AnkiError.invalidField(path: package, field: "col", reason: "the table is empty")
    }
    let creation = try integer(col, "crt", "col", 1)
    let modified = try integer(col, "mod", "col", 1)
    var notes: [AnkiNote] = []
    let noteRows = try Row.fetchCursor(db, sql: "SELECT id, guid, mid, mod, tags, flds FROM notes ORDER BY id")
    var number = 0
    while let row = try noteRows.next() {
      number += 1
      notes.append(
        AnkiNote(
          id: try integer(row, "id", "notes", number), guid: try text(row, "guid", "notes", number),
          noteTypeID: try integer(row, "mid", "notes", number), modified: try integer(row, "mod", "notes", number),
          tags: try text(row, "tags", "notes", number).trimmingCharacters(in: .whitespaces),
          fields: try text(row, "flds", "notes", number).components(separatedBy: "\u{1F}")))
    }
    var cards: [AnkiCard] = []
    let cardRows = try Row.fetchCursor(
      db,
      sql: """
        SELECT id, nid, did, ord, mod, type, queue, due, ivl, factor, reps, lapses, left, data
        FROM cards ORDER BY id
        """)
    number = 0
    while let row = try cardRows.next() {
      number += 1
      let typeValue = try integer(row, "type", "cards", number)
      guard let type = AnkiCardType(rawValue: Int(typeValue)) else {
        throw invalid("cards", number, "type", "\(typeValue) is not a card type (0 to 3)")
      }
      let queueValue = try integer(row, "queue", "cards", number)
      guard let queue = AnkiQueue(rawValue: Int(queueValue)) else {
        throw invalid("cards", number, "queue", "\(queueValue) is not a queue (-3 to 4)")
      }
      cards.append(
        AnkiCard(
          id: try integer(row, "id", "cards", number), noteID: try integer(row, "nid", "cards", number),
          deckID: try integer(row, "did", "cards", number), ordinal: Int(try integer(row, "ord", "cards", number)),
          modified: try integer(row, "mod", "cards", number), type: type, queue: queue,
          due: try integer(row, "due", "cards", number), interval: Int(try integer(row, "ivl", "cards", number)),
          factor: Int(try integer(row, "factor", "cards", number)),
          reps: try count(row, "reps", "cards", number), lapses: try count(row, "lapses", "cards", number),
          left: Int(try integer(row, "left", "cards", number)),
          memory: Self.memory(try text(row, "data", "cards", number))))
    }
    var revlog: [AnkiRevlogEntry] = []
    let revlogRows = try Row.fetchCursor(
      db, sql: "SELECT id, cid, ease, ivl, lastIvl, factor, time, type FROM revlog ORDER BY id")
    number = 0
    while let row = try revlogRows.next() {
      number += 1
      let kindValue = try integer(row, "type", "revlog", number)
      guard let kind = AnkiReviewKind(rawValue: Int(kindValue)) else {
        throw invalid("revlog", number, "type", "\(kindValue) is not a kind of review (0 to 5)")
      }
      let ease = try integer(row, "ease", "revlog", number)
      guard (0...4).contains(ease) else { throw invalid("revlog", number, "ease", "\(ease) is not a button (0 to 4)") }
      revlog.append(
        AnkiRevlogEntry(
          id: try integer(row, "id", "revlog", number), cardID: try integer(row, "cid", "revlog", number),
          ease: Int(ease), interval: Int(try integer(row, "ivl", "revlog", number)),
          lastInterval: Int(try integer(row, "lastIvl", "revlog", number)),
          factor: Int(try integer(row, "factor", "revlog", number)),
          milliseconds: try count(row, "time", "revlog", number), kind: kind))
    }
    return AnkiCollection(
      creation: Date(timeIntervalSince1970: TimeInterval(creation)),
      modified: Date(timeIntervalSince1970: TimeInterval(modified) / 1000), notes: notes, cards: cards, revlog: revlog)
  }

  /// The error for a bad value.
  func invalid(_ table: String, _ number: Int, _ column: String, _ reason: String) -> AnkiError {
    .invalidField(path: package, field: "\(table) row \(number), column \(column)", reason: reason)
  }

  /// A whole number, checked.
  func integer(_ row: Row, _ column: String, _ table: String, _ number: Int) throws -> Int64 {
    let value: DatabaseValue = row[column]
    guard let number64 = Int64.fromDatabaseValue(value), case .int64 = value.storage else {
      throw invalid(table, number, column, value.isNull ? "the value is missing" : "\(value) is not a whole number")
    }
    return number64
  }

  /// A count: a whole number from 0 to Int32's largest.
  func count(_ row: Row, _ column: String, _ table: String, _ number: Int) throws -> Int {
    let value = try integer(row, column, table, number)
    guard (0...Int64(Int32.max)).contains(value) else { throw invalid(table, number, column, "\(value) cannot be a count") }
    return Int(value)
  }

  /// A text.
  func text(_ row: Row, _ column: String, _ table: String, _ number: Int) throws -> String {
    let value: DatabaseValue = row[column]
    guard case .string(let string) = value.storage else {
      throw invalid(table, number, column, value.isNull ? "the value is missing" : "\(value) is not text")
    }
    return string
  }

  /// The FSRS values of a card's `data`; what is not there, or not a number, is left out (as
  /// Anki reads it).
  static func memory(_ data: String) -> AnkiMemory {
    guard let object = try? JSONSerialization.jsonObject(with: Data(data.utf8)) as? [String: Any] else {
      return AnkiMemory()
    }
    func number(_ key: String) -> Double? { (object[key] as? Double).flatMap { $0.isFinite ? $0 : nil } }
    return AnkiMemory(
      stability: number("s"), difficulty: number("d"), desiredRetention: number("dr"), decay: number("decay"),
      lastReview: number("lrt").map { Int64($0) })
  }
}
