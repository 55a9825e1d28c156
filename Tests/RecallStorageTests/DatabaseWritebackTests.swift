import Foundation
import GRDB
import RecallTestSupport
import Synchronization
import Testing

@testable import RecallStorage

/// The first import into an empty database has the system write the file back as it grows,
/// through SQLite's own descriptor, with a small cache that it puts back afterwards.
struct DatabaseWritebackTests {
  /// The descriptors this process has open on the file at `path`. Other tests running meanwhile
  /// open and close descriptors of their own, but none on this test's file.
  private func descriptors(of path: String) throws -> Set<Int32> {
    var file = stat()
    guard stat(path, &file) == 0 else { return [] }
    var found: Set<Int32> = []
    for name in try FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd") {
      var status = stat()
      if let descriptor = Int32(name), fstat(descriptor, &status) == 0,
        (status.st_dev, status.st_ino) == (file.st_dev, file.st_ino)
      {
        found.insert(descriptor)
      }
    }
    return found
  }

  @Test func usesTheDescriptorSQLiteHoldsAndOpensNone() throws {
    let folder = try TestPaths.makeTemporaryFolder("recall-writeback")
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("recall.sqlite").path
    let store = try Store.open(at: path)
    let sqlites = try descriptors(of: path)
    #expect(!sqlites.isEmpty)
    let writeback = try #require(DatabaseWriteback(path: path))
    // One SQLite had open already, and none more.
    #expect(sqlites.contains(writeback.descriptor))
    #expect(try descriptors(of: path) == sqlites)
    _ = store
    // A file nobody has open, or none at all: nothing to write back through.
    let closed = folder.appendingPathComponent("closed.md").path
    FileManager.default.createFile(atPath: closed, contents: Data("x".utf8))
    #expect(DatabaseWriteback(path: closed) == nil)
    #expect(DatabaseWriteback(path: folder.appendingPathComponent("none").path) == nil)
  }

  @Test func startsOnceEachMebibyteTheFileGrows() throws {
    let folder = try TestPaths.makeTemporaryFolder("recall-writeback")
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("growing").path
    FileManager.default.createFile(atPath: path, contents: nil)
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
    defer { try? handle.close() }
    let started = Mutex<[Int32]>([])
    let writeback = try #require(
      DatabaseWriteback(path: path) { descriptor in started.withLock { $0.append(descriptor) } })
    let kib = Data(count: 1024)
    for (grow, starts) in [(700, 0), (400, 1), (500, 1), (600, 2), (0, 2), (1100, 3)] {
      for _ in 0..<grow { try handle.write(contentsOf: kib) }
      writeback.noteWritten()
      #expect(started.withLock { $0.count } == starts, "after growing by \(grow) KiB")
    }
    #expect(started.withLock { Set($0) } == [writeback.descriptor])
  }

  @Test func theFirstImportPutsTheCacheBack() throws {
    let folder = try TestPaths.makeTemporaryFolder("recall-writeback")
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("recall.sqlite").path
    let store = try Store.open(at: path)
    func cacheSize() throws -> Int? {
      try store.dbQueue.read { db in try Int.fetchOne(db, sql: "PRAGMA cache_size") }
    }
    let before = try cacheSize()
    #expect(before != -Store.bulkLoadCacheKiB)
    let notes = (0..<20).map { index in
      NoteSource(
        file: "/n/\(index).md", deck: "\(index).md",
        contents: .bytes(Array((0..<50).map { "T\($0): what \($0) of \(index) is\n" }.joined().utf8)))
    }
    let report = try store.importNotes(
      notes, paths: ["/n"], extraction: ImportEngineTests.lines,
      now: Date(timeIntervalSince1970: 1_800_000_000))
    #expect(report.added == 20 * 50)
    #expect(try cacheSize() == before)
    #expect(try store.dbQueue.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") } == "wal")
  }
}
