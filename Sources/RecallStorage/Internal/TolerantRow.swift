import GRDB

/// Reading a column whatever SQLite holds in it.
///
/// SQLite's type affinity lets text into an INTEGER or REAL column (`UPDATE cardSchedule SET
/// stability = 'abc'`) wherever the schema's checks do not refuse it, and a whole number too
/// large for 64 bits is kept as a REAL. GRDB's subscripts stop the program on a value they cannot
/// convert, so the store reads such columns through ``Row/value(_:)`` instead: a value of the
/// wrong type reads as `nil`, unknown, and a command shows it as unknown rather than crashing.
/// `recall check` lists where such values are (``DatabaseCheck``).
extension Row {
  /// The value of column `index` as `Value`, or `nil` when it is NULL or cannot be read as one
  /// (text or a blob where a number belongs, a number beyond the range of `Value`).
  ///
  /// The value is taken as SQLite holds it (`Int64`, `Double`, `String`, `Data` or nil), then
  /// converted: `self[index] as DatabaseValue` went through GRDB's generic decoding, which
  /// looked up the metadata of `Optional<DatabaseValue>` at each read (a fifth of reading a
  /// card's row, 15 reads a card).
  @inline(__always)
  func value<Value: DatabaseValueConvertible>(_ index: Int) -> Value? {
    (self[index] as (any DatabaseValueConvertible)?).flatMap { Value.fromDatabaseValue($0.databaseValue) }
  }

  /// The value of the column named `column` as `Value`, or `nil` as ``value(_:)`` says.
  @inline(__always)
  func value<Value: DatabaseValueConvertible>(named column: String) -> Value? {
    (self[column] as DatabaseValue?).flatMap(Value.fromDatabaseValue)
  }
}
