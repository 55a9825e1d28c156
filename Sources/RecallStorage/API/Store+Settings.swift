import Foundation
import GRDB

extension Store {
  /// Every stored setting, by key then deck (settings for every deck first).
  public func settings() throws(StorageError) -> [Setting] {
    try read { db in
      try SettingRecord.order(SettingRecord.Columns.key, SettingRecord.Columns.deck).fetchAll(db)
        .map { Setting(key: $0.key, deck: $0.deck.isEmpty ? nil : $0.deck, value: $0.value) }
    }
  }

  /// The value of a setting for one deck (`deck`) or for every deck (`nil`), if it is set.
  public func setting(_ key: String, deck: String? = nil) throws(StorageError) -> String? {
    try read { db in
      try SettingRecord.fetchOne(db, key: ["key": key, "deck": deck ?? ""])?.value
    }
  }

  /// Sets a setting, replacing its old value.
  public func setSetting(_ setting: Setting, now: Date) throws(StorageError) {
    guard !setting.key.isEmpty else {
      throw .invalidValue("A setting needs a name.")
    }
    try write { db in
      try SettingRecord(
        key: setting.key, deck: setting.deck ?? "", value: setting.value,
        updatedAt: Milliseconds.from(now)
      ).save(db)
    }
  }

  /// Removes a setting, so that its default applies again; nothing happens if it is not set.
  public func removeSetting(_ key: String, deck: String? = nil) throws(StorageError) {
    try write { db in
      _ = try SettingRecord.deleteOne(db, key: ["key": key, "deck": deck ?? ""])
    }
  }
}
