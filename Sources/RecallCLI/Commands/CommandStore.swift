import RecallStorage
import RecallTerminal

/// The database as every command opens it: with the environment's options, saying on standard
/// error when opening it upgraded its schema (and where the copy from before is), whichever
/// command happens to open it first after an update.
enum CommandStore {
  /// The store at `path`, created and migrated as needed.
  static func open(_ path: String, options: StoreOptions = .fromEnvironment()) throws -> Store {
    let store = try Store.open(at: path, options: options)
    if let upgrade = store.upgrade, let backup = upgrade.backupPath {
      SafeOutput.write(
        "Upgraded the database's schema (\(upgrade.appliedMigrations.joined(separator: ", "))); "
          + "the copy from before is at \(SafeText.inline(backup)).\n", to: .standardError)
    }
    return store
  }

  /// The store at `path` for a review, which must never drop an answer: each write waits at
  /// most `busyTimeout` seconds at a time, so that the session can say it is waiting and go on
  /// waiting (see ``ReviewDriver/saving(_:)``); opening waits the same way, saying so on
  /// standard error.
  ///
  /// SQLite keeps ``reviewCachePages`` pages in its cache.
  static func openForReview(_ path: String, busyTimeout: Double = WaitingNotice.interval) throws -> Store {
    var options = StoreOptions.fromEnvironment()
    options.busyTimeout = busyTimeout
    options.cachePages = reviewCachePages
    var told = false
    while true {
      do {
        return try open(path, options: options)
      } catch StorageError.busy {
        if !told {
          SafeOutput.write(WaitingNotice.text + "\n", to: .standardError)
          told = true
        }
      }
    }
  }

  /// The pages of SQLite's cache for a review (256 KiB): the start reads each page of its window
  /// of cards once, and with SQLite's default (500 pages) each page read took fresh memory, a
  /// page fault each (some 300 at 10,000 cards, a sixth of the time to the first card). 64 pages
  /// keep the upper levels of the indexes it goes down again and again; an answer writes a few
  /// pages.
  static let reviewCachePages = 64

  /// A copy in memory of the store at `path`, for commands that write nothing (dry runs,
  /// practice); the file is only read.
  static func snapshot(_ path: String) throws -> Store {
    try Store.snapshot(of: path, options: .fromEnvironment())
  }
}

/// What a review says while another `recall` holds the database.
enum WaitingNotice {
  /// How long one try to write waits before the review says it is waiting, in seconds.
  static let interval: Double = 2
  /// The notice.
  static let text =
    "Waiting for another recall to finish writing to the database (an import?); your answer is kept and saved as soon as it can be."
}
