import CZstd
import Foundation

/// Decompresses a zstd stream chunk by chunk, as Anki compresses its current collections
/// (`collection.anki21b`), so that a large collection never sits whole in memory.
///
/// This is the one place Recall calls a C library with raw buffers: zstd has no Swift package
/// among the project's dependencies, and the system's libzstd is the well-kept one.
final class ZstdDecoder {
  /// Why a stream could not be decompressed.
  struct Failure: Error {
    /// What zstd said.
    let reason: String
  }

  private let stream: OpaquePointer
  /// zstd's last answer: 0 once a frame is complete.
  private var pending = 1

  /// A decoder at the start of a stream.
  init() throws(Failure) {
    guard let stream = ZSTD_createDStream() else { throw Failure(reason: "zstd could not allocate a stream") }
    self.stream = stream
    let result = ZSTD_initDStream(stream)
    if ZSTD_isError(result) != 0 {
      ZSTD_freeDStream(stream)
      throw Failure(reason: String(cString: ZSTD_getErrorName(result)))
    }
  }

  deinit {
    ZSTD_freeDStream(stream)
  }

  /// Decompresses `chunk`, handing what it yields to `sink` piece by piece.
  func decompress(_ chunk: Data, into sink: (Data) throws -> Void) throws {
    let capacity = ZSTD_DStreamOutSize()
    var output = Data(count: capacity)
    try chunk.withUnsafeBytes { (input: UnsafeRawBufferPointer) in
      var inBuffer = ZSTD_inBuffer(src: input.baseAddress, size: input.count, pos: 0)
      var produced = 0
      // Until the chunk is used up and zstd holds nothing more back (a full output may not be all).
      repeat {
        produced = try output.withUnsafeMutableBytes { (out: UnsafeMutableRawBufferPointer) in
          var outBuffer = ZSTD_outBuffer(dst: out.baseAddress, size: out.count, pos: 0)
          let result = ZSTD_decompressStream(stream, &outBuffer, &inBuffer)
          if ZSTD_isError(result) != 0 { throw Failure(reason: String(cString: ZSTD_getErrorName(result))) }
          pending = result
          return outBuffer.pos
        }
        if produced > 0 { try sink(output.prefix(produced)) }
      } while inBuffer.pos < inBuffer.size || produced == capacity
    }
  }

  /// Throws when the stream stopped inside a frame.
  func finish() throws(Failure) {
    guard pending == 0 else { throw Failure(reason: "the compressed data ends too early") }
  }
}
