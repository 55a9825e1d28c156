import RecallStorage
import RecallTerminal

/// The database as every command opens it: with the environment's options, saying on standard
/// error when opening it upgraded its schema (and where the copy from before is), whichever
/// command happens to open it first after an update.
enum CommandStore {
  /// The store at `path`, created and migrated as needed.
  static func open(_ path: String) throws -> Store {
    let store = try Store.open(at: path, options: .fromEnvironment())
    if let upgrade = store.upgrade, let backup = upgrade.backupPath {
      SafeOutput.write(
        "Upgraded the database's schema (\(upgrade.appliedMigrations.joined(separator: ", "))); "
          + "the copy from before is at \(SafeText.inline(backup)).\n", to: .standardError)
    }
    return store
  }

  /// A copy in memory of the store at `path`, for commands that write nothing (dry runs,
  /// practice); the file is only read.
  static func snapshot(_ path: String) throws -> Store {
    try Store.snapshot(of: path, options: .fromEnvironment())
  }
}
