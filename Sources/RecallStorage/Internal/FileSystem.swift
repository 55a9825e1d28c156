import Foundation

#if canImport(Glibc)
  import Glibc
  /// The system's `read(2)` (``FileSystem`` has a function of that name).
  private let systemRead = Glibc.read
#elseif canImport(Darwin)
  import Darwin
  /// The system's `read(2)` (``FileSystem`` has a function of that name).
  private let systemRead = Darwin.read
#endif

/// Files as the system reports them, asked directly: Foundation's file attributes and resource
/// values look the owner up in the user and group databases (two more files read on every call),
/// and reading through `Data` copies the bytes once more.
enum FileSystem {
  /// The size in bytes of the file at `path`, links followed; 0 if it cannot be looked at.
  static func size(of path: String) -> Int {
    var status = stat()
    return stat(path, &status) == 0 ? Int(status.st_size) : 0
  }

  /// Whether `path` is a regular file; a link is not followed.
  static func isRegularFile(_ path: String) -> Bool {
    var status = stat()
    return lstat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFREG
  }

  /// Whether this process may write the file: it has a write permission bit and the system
  /// agrees. (Checking the bits matters for root, whom `access(2)` always lets write.)
  static func isWritable(_ path: String) -> Bool {
    var status = stat()
    guard stat(path, &status) == 0 else { return FileManager.default.isWritableFile(atPath: path) }
    return status.st_mode & 0o222 != 0 && access(path, W_OK) == 0
  }

  /// A file that is neither a regular file nor a folder (a FIFO, a device): reading it could
  /// block forever.
  struct NotARegularFile: LocalizedError {
    var errorDescription: String? { "not a regular file" }
  }

  /// The bytes of the file at `path`, read straight into the array; the system's error (or
  /// ``NotARegularFile``) if it cannot be read (``FileErrorReason`` words it).
  static func read(_ path: String) -> Result<[UInt8], any Error> {
    func failure(_ code: Int32) -> Result<[UInt8], any Error> {
      .failure(POSIXError(POSIXErrorCode(rawValue: code) ?? .EIO))
    }
    // Opened without blocking, so that a FIFO is found out, not waited on.
    let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
    guard descriptor >= 0 else { return failure(errno) }
    defer { close(descriptor) }
    var status = stat()
    guard fstat(descriptor, &status) == 0 else { return failure(errno) }
    if status.st_mode & S_IFMT == S_IFDIR { return failure(EISDIR) }
    if status.st_mode & S_IFMT != S_IFREG { return .failure(NotARegularFile()) }
    // Room for one byte more than the file has, to see its end in the same read; a file that
    // grew since is read on in chunks.
    var bytes: [UInt8] = []
    var chunk = max(Int(status.st_size), 0) + 1
    while true {
      var code: Int32 = 0
      let part = [UInt8](unsafeUninitializedCapacity: chunk) { buffer, initialized in
        initialized = 0
        while initialized < buffer.count {
          let got = systemRead(descriptor, buffer.baseAddress! + initialized, buffer.count - initialized)
          if got > 0 {
            initialized += got
          } else if got == 0 {
            return
          } else if errno != EINTR {
            code = errno
            return
          }
        }
      }
      if code != 0 { return failure(code) }
      if bytes.isEmpty { bytes = part } else { bytes += part }
      if part.count < chunk { return .success(bytes) }
      chunk = 65_536
    }
  }
}
