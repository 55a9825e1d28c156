import Crypto
import Foundation
import GRDB
import RecallStorage
import ZIPFoundation

/// Writes an ``AnkiCollection`` as an Anki package: a zip file holding `collection.anki21`
/// (a collection in Anki's schema 11, which every Anki since 2.1 and AnkiDroid import) and an
/// empty `media` map.
///
/// Schema 11 keeps the note type, decks and deck options as JSON in the `col` row; Anki
/// upgrades the collection to its current schema when it imports it.
public struct AnkiPackageWriter: Sendable {
  /// Creates a writer.
  public init() {}

  /// Writes `collection` to the package at `path`, replacing a file there only once the new
  /// one is complete.
  ///
  /// - Throws: ``AnkiError/cannotWrite(path:reason:)``.
  public func write(_ collection: AnkiCollection, to path: String) throws(AnkiError) {
    let fileManager = FileManager.default
    let scratch = fileManager.temporaryDirectory.appendingPathComponent("recall-anki-\(UUID().uuidString)")
    defer { try? fileManager.removeItem(at: scratch) }
    let destination = URL(fileURLWithPath: path)
    let partial = destination.deletingLastPathComponent()
      .appendingPathComponent(".\(destination.lastPathComponent).\(UUID().uuidString).partial")
    do {
      try fileManager.createDirectory(at: scratch, withIntermediateDirectories: true)
      let database = scratch.appendingPathComponent("collection.anki21")
      try writeCollection(collection, to: database.path)
      let media = scratch.appendingPathComponent("media")
      try Data("{}".utf8).write(to: media)
      let archive = try Archive(url: partial, accessMode: .create)
      try archive.addEntry(with: "collection.anki21", fileURL: database, compressionMethod: .deflate)
      try archive.addEntry(with: "media", fileURL: media, compressionMethod: .deflate)
      if fileManager.fileExists(atPath: destination.path) {
        _ = try fileManager.replaceItemAt(destination, withItemAt: partial)
      } else {
        try fileManager.moveItem(at: partial, to: destination)
      }
    } catch {
      try? fileManager.removeItem(at: partial)
      throw .cannotWrite(path: path, reason: FileErrorReason.text(of: error))
    }
  }

  /// Writes the collection's SQLite file.
  private func writeCollection(_ collection: AnkiCollection, to path: String) throws {
    let queue = try DatabaseQueue(path: path)
    try queue.write { db in
      try db.execute(sql: Self.schema)
      let creation = Int64(collection.creation.timeIntervalSince1970.rounded(.down))
      let modified = Int64((max(collection.modified, collection.creation).timeIntervalSince1970 * 1000).rounded(.down))
      try db.execute(
        sql: "INSERT INTO col VALUES (1, ?, ?, ?, 11, 0, 0, 0, ?, ?, ?, ?, '{}')",
        arguments: [
          creation, modified, modified, try Self.json(configuration(collection)),
          try Self.json(noteTypes(collection)), try Self.json(decks(collection)),
          try Self.json(deckOptions(collection)),
        ])
      for note in collection.notes {
        let first = Self.plainText(note.fields.first ?? "")
        try db.execute(
          sql: "INSERT INTO notes VALUES (?, ?, ?, ?, -1, ?, ?, ?, ?, 0, '')",
          arguments: [
            note.id, note.guid, note.noteTypeID, note.modified, note.tags.isEmpty ? "" : " \(note.tags) ",
            note.fields.joined(separator: "\u{1F}"), first, Self.checksum(first),
          ])
      }
      for card in collection.cards {
        try db.execute(
          sql: "INSERT INTO cards VALUES (?, ?, ?, ?, ?, -1, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0, ?)",
          arguments: [
            card.id, card.noteID, card.deckID, card.ordinal, card.modified, card.type.rawValue,
            card.queue.rawValue, card.due, card.interval, card.factor, card.reps, card.lapses, card.left,
            try Self.json(memory: card.memory),
          ])
      }
      for entry in collection.revlog {
        try db.execute(
          sql: "INSERT INTO revlog VALUES (?, ?, -1, ?, ?, ?, ?, ?, ?)",
          arguments: [
            entry.id, entry.cardID, entry.ease, entry.interval, entry.lastInterval, entry.factor,
            entry.milliseconds, entry.kind.rawValue,
          ])
      }
    }
    try queue.close()
  }

  /// The collection's settings (`col.conf`): the v3 scheduler with FSRS, the day's start.
  private func configuration(_ collection: AnkiCollection) -> [String: Any] {
    [
      "schedVer": 2, "sched2021": true, "fsrs": collection.deckOptions != nil,
      "rollover": collection.dayStartHour, "creationOffset": collection.minutesWest,
      "localOffset": collection.minutesWest, "curDeck": 1, "activeDecks": [1],
      "curModel": collection.noteType?.id ?? 0, "nextPos": collection.cards.count + 1,
      "newSpread": 0, "collapseTime": 1200, "timeLim": 0, "estTimes": true, "dueCounts": true,
      "sortType": "noteFld", "sortBackwards": false, "addToCur": true, "dayLearnFirst": false,
    ]
  }

  /// The note types (`col.models`), by id.
  private func noteTypes(_ collection: AnkiCollection) -> [String: Any] {
    guard let type = collection.noteType else { return [:] }
    return [
      String(type.id): [
        "id": type.id, "name": type.name, "type": 0, "mod": Int64(type.modified.timeIntervalSince1970),
        "usn": -1, "sortf": 0, "did": NSNull(),
        "tmpls": [
          [
            "name": "Card 1", "ord": 0, "qfmt": type.front, "afmt": type.back, "bqfmt": "", "bafmt": "",
            "did": NSNull(), "bfont": "", "bsize": 0,
          ] as [String: Any]
        ],
        "flds": type.fields.enumerated().map { index, name in
          ["name": name, "ord": index, "sticky": false, "rtl": false, "font": "Arial", "size": 20] as [String: Any]
        },
        "css": type.css, "latexPre": "", "latexPost": "", "latexsvg": false,
        "req": [[0, "any", [0]] as [Any]],
      ] as [String: Any]
    ]
  }

  /// The decks (`col.decks`), by id, with Anki's default deck.
  private func decks(_ collection: AnkiCollection) -> [String: Any] {
    let options = collection.deckOptions?.id ?? 1
    func deck(_ id: Int64, _ name: String, options: Int64) -> [String: Any] {
      [
        "id": id, "mod": 0, "name": name, "usn": -1, "lrnToday": [0, 0], "revToday": [0, 0],
        "newToday": [0, 0], "timeToday": [0, 0], "collapsed": false, "browserCollapsed": false,
        "desc": "", "dyn": 0, "conf": options, "extendNew": 0, "extendRev": 0,
      ]
    }
    var all: [String: Any] = ["1": deck(1, "Default", options: 1)]
    for item in collection.decks { all[String(item.id)] = deck(item.id, item.name, options: options) }
    return all
  }

  /// The deck options (`col.dconf`), by id, with Anki's defaults.
  private func deckOptions(_ collection: AnkiCollection) -> [String: Any] {
    func options(_ id: Int64, _ name: String, _ values: AnkiDeckOptions?) -> [String: Any] {
      var options: [String: Any] = [
        "id": id, "mod": 0, "name": name, "usn": -1, "maxTaken": 60, "autoplay": true, "timer": 0,
        "replayq": true, "dyn": false,
        "new": [
          "bury": false, "delays": values?.learningSteps ?? [1, 10], "initialFactor": 2500,
          "ints": [1, 4, 0], "order": 1, "perDay": values?.newCardsPerDay ?? 20,
        ] as [String: Any],
        "rev": [
          "bury": false, "ease4": 1.3, "ivlFct": 1, "maxIvl": values?.maximumInterval ?? 36500,
          "perDay": values?.reviewsPerDay ?? 200, "hardFactor": 1.2,
        ] as [String: Any],
        "lapse": [
          "delays": values?.relearningSteps ?? [10], "leechAction": 1, "leechFails": 8, "minInt": 1,
          "mult": 0,
        ] as [String: Any],
      ]
      if let values {
        options["fsrsParams6"] = values.fsrsParameters
        options["desiredRetention"] = values.desiredRetention
      }
      return options
    }
    var all: [String: Any] = ["1": options(1, "Default", nil)]
    if let values = collection.deckOptions {
      all[String(values.id)] = options(values.id, values.name, values)
    }
    return all
  }

  /// `value` as compact JSON text.
  private static func json(_ value: [String: Any]) throws -> String {
    String(decoding: try JSONSerialization.data(withJSONObject: value, options: [.sortedKeys]), as: UTF8.self)
  }

  /// A card's `data` column: its FSRS values, rounded as Anki rounds them.
  static func json(memory: AnkiMemory) throws -> String {
    var data: [String: Any] = [:]
    // A value too large to round (or not finite: a damaged row) is written as it is, or left
    // out when it is not finite, as JSON has no infinity.
    func rounded(_ value: Double, _ places: Double) -> Double? {
      guard value.isFinite else { return nil }
      let factor = pow(10, places)
      let result = (value * factor).rounded() / factor
      return result.isFinite ? result : value
    }
    if let value = memory.stability.flatMap({ rounded($0, 4) }) { data["s"] = value }
    if let value = memory.difficulty.flatMap({ rounded($0, 3) }) { data["d"] = value }
    if let value = memory.desiredRetention.flatMap({ rounded($0, 2) }) { data["dr"] = value }
    if let value = memory.decay.flatMap({ rounded($0, 3) }) { data["decay"] = value }
    if let value = memory.lastReview { data["lrt"] = value }
    return data.isEmpty ? "" : try json(data)
  }

  /// A field's text without its HTML tags, as Anki sorts and checks it.
  static func plainText(_ html: String) -> String {
    var text = ""
    var inTag = false
    for character in html {
      if character == "<" {
        inTag = true
      } else if character == ">" && inTag {
        inTag = false
      } else if !inTag {
        text.append(character)
      }
    }
    return text
  }

  /// Anki's checksum of a note's first field: the first 8 hex digits of its SHA-1, as a number.
  static func checksum(_ text: String) -> Int64 {
    let digest = Insecure.SHA1.hash(data: Data(text.utf8))
    return digest.prefix(4).reduce(Int64(0)) { $0 << 8 | Int64($1) }
  }

  /// Anki's schema 11: the tables of a collection, as `collection.anki21` holds them.
  static let schema = """
    CREATE TABLE col (
      id integer PRIMARY KEY, crt integer NOT NULL, mod integer NOT NULL, scm integer NOT NULL,
      ver integer NOT NULL, dty integer NOT NULL, usn integer NOT NULL, ls integer NOT NULL,
      conf text NOT NULL, models text NOT NULL, decks text NOT NULL, dconf text NOT NULL,
      tags text NOT NULL);
    CREATE TABLE notes (
      id integer PRIMARY KEY, guid text NOT NULL, mid integer NOT NULL, mod integer NOT NULL,
      usn integer NOT NULL, tags text NOT NULL, flds text NOT NULL, sfld integer NOT NULL,
      csum integer NOT NULL, flags integer NOT NULL, data text NOT NULL);
    CREATE TABLE cards (
      id integer PRIMARY KEY, nid integer NOT NULL, did integer NOT NULL, ord integer NOT NULL,
      mod integer NOT NULL, usn integer NOT NULL, type integer NOT NULL, queue integer NOT NULL,
      due integer NOT NULL, ivl integer NOT NULL, factor integer NOT NULL, reps integer NOT NULL,
      lapses integer NOT NULL, left integer NOT NULL, odue integer NOT NULL, odid integer NOT NULL,
      flags integer NOT NULL, data text NOT NULL);
    CREATE TABLE revlog (
      id integer PRIMARY KEY, cid integer NOT NULL, usn integer NOT NULL, ease integer NOT NULL,
      ivl integer NOT NULL, lastIvl integer NOT NULL, factor integer NOT NULL, time integer NOT NULL,
      type integer NOT NULL);
    CREATE TABLE graves (usn integer NOT NULL, oid integer NOT NULL, type integer NOT NULL);
    CREATE INDEX ix_notes_usn ON notes (usn);
    CREATE INDEX ix_cards_usn ON cards (usn);
    CREATE INDEX ix_revlog_usn ON revlog (usn);
    CREATE INDEX ix_cards_nid ON cards (nid);
    CREATE INDEX ix_cards_sched ON cards (did, queue, due);
    CREATE INDEX ix_revlog_cid ON revlog (cid);
    CREATE INDEX ix_notes_csum ON notes (csum);
    """
}
