import Foundation
import RecallSQLiteOptions
import Synchronization

/// Has the system write a database file to disk while an import still adds to it, so that the
/// commit's sync finds little left to write.
///
/// The first import into an empty database writes megabytes of pages. SQLite writes them into
/// the file as its cache fills (see ``Store/bulkLoadCacheKiB``), and the system would keep them
/// in memory until the commit's sync, which then waited for all of them at once: about 7 ms for
/// the corpus's 12 MB, both cores idle. Started once per ``step`` of growth, the writing goes on
/// while the import works. Only the start is asked for: what makes the import durable is still
/// the commit's sync.
///
/// The descriptor is SQLite's own, found among the process's open files. A descriptor opened
/// here would have to be closed again, and closing any descriptor of a file releases every
/// POSIX lock the process holds on it, SQLite's included.
final class DatabaseWriteback: Sendable {
  /// How much the file grows between two starts.
  static let step = 1 << 20

  /// SQLite's descriptor of the database file.
  let descriptor: Int32
  /// Starts the writing of a descriptor's file.
  private let start: @Sendable (Int32) -> Void
  /// The file's size when the writing was last started.
  private let startedAt = Atomic<Int>(0)

  /// Writeback for the database file at `path`, through a descriptor the process has open on
  /// it; `nil` if it has none (or the system does not list them). `start` starts the writing.
  init?(
    path: String,
    start: @escaping @Sendable (Int32) -> Void = { _ = recall_start_writeback($0) }
  ) {
    guard let descriptor = Self.openDescriptor(of: path) else { return nil }
    self.descriptor = descriptor
    self.start = start
  }

  /// Starts writing the file back if it grew by a ``step`` since the last start. Called by the
  /// import's writer after each note.
  func noteWritten() {
    var status = stat()
    guard fstat(descriptor, &status) == 0 else { return }
    let size = Int(status.st_size)
    guard size - startedAt.load(ordering: .relaxed) >= Self.step else { return }
    start(descriptor)
    startedAt.store(size, ordering: .relaxed)
  }

  /// A descriptor this process has open on the regular file at `path`, from `/proc/self/fd`.
  static func openDescriptor(of path: String) -> Int32? {
    var target = stat()
    guard stat(path, &target) == 0, target.st_mode & S_IFMT == S_IFREG,
      let names = try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")
    else { return nil }
    for name in names {
      guard let descriptor = Int32(name) else { continue }
      var status = stat()
      if fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG,
        status.st_dev == target.st_dev, status.st_ino == target.st_ino
      {
        return descriptor
      }
    }
    return nil
  }
}
