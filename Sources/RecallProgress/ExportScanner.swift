import Foundation
import RecallStorage

/// Reads an export's JSON a piece at a time: each top-level value as its bytes, and the
/// elements of the big arrays (`cards`, `reviews`) one by one, so that a file of a year's
/// reviews is never held whole in memory.
///
/// It checks only the top level's shape (an object of keys and values); each piece is decoded,
/// and checked, by the caller.
struct ExportScanner {
  /// Where the scanner is in the top-level object.
  private enum Place {
    case start, key, inKey, colon, valueStart, value, elements, afterValue, end
  }

  /// The arrays whose elements are given one by one.
  let streamed: Set<String>
  /// Whether the elements of those arrays are passed over rather than given: for a reader of
  /// the other values only.
  let skipsElements: Bool

  private var place = Place.start
  private var key: [UInt8] = []
  private var currentKey = ""
  private var piece: [UInt8] = []
  private var depth = 0
  private var inString = false
  private var escaped = false

  init(streamed: Set<String>, skippingElements: Bool = false) {
    self.streamed = streamed
    skipsElements = skippingElements
  }

  /// Called with each top-level key and its value's bytes; a streamed array's value is given as
  /// `[]`, before its elements.
  typealias ValueHandler = (String, [UInt8]) throws -> Void
  /// Called with a streamed array's key and the bytes of one of its elements.
  typealias ElementHandler = (String, [UInt8]) throws -> Void

  /// Reads the file at `path` a megabyte at a time.
  ///
  /// - Throws: ``ProgressError/cannotRead(path:reason:)``, ``ProgressError/notAnExport(path:reason:)``,
  ///   or what the callbacks throw.
  mutating func scan(path: String, value: ValueHandler, element: ElementHandler) throws {
    guard let handle = FileHandle(forReadingAtPath: path) else {
      throw ProgressError.cannotRead(path: path, reason: "there is no readable file there")
    }
    defer { try? handle.close() }
    while true {
      let chunk: Data
      do {
        guard let read = try handle.read(upToCount: 1 << 20), !read.isEmpty else { break }
        chunk = read
      } catch {
        throw ProgressError.cannotRead(path: path, reason: FileErrorReason.text(of: error))
      }
      try take(chunk, path: path, value: value, element: element)
    }
    try finish(path: path)
  }

  /// Reads an export held in memory.
  mutating func scan(_ data: Data, path: String, value: ValueHandler, element: ElementHandler) throws {
    try take(data, path: path, value: value, element: element)
    try finish(path: path)
  }

  private mutating func finish(path: String) throws {
    guard place == .end else { throw ProgressError.notAnExport(path: path, reason: "it is not a JSON object") }
  }

  private static func isSpace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
  }

  private mutating func take(
    _ data: Data, path: String, value: ValueHandler, element: ElementHandler
  ) throws {
    let notObject = ProgressError.notAnExport(path: path, reason: "it is not a JSON object")
    // An array, not the Data: reading a Data byte by byte costs several times more.
    let bytes = [UInt8](data)
    // Where the piece being read starts in this chunk; it is copied out when it ends, or at
    // the chunk's end, not a byte at a time.
    var start = place == .value || place == .elements ? 0 : -1
    var index = 0
    while index < bytes.count {
      if place == .elements {
        index = try elements(bytes, from: index, start: &start, element: element)
        continue
      }
      if inString && !escaped && place == .value {
        // Inside a string only a quote or a backslash changes anything: the bytes up to the
        // next one are passed over in one tight loop (strings are most of an export).
        while index < bytes.count && bytes[index] != UInt8(ascii: "\"") && bytes[index] != UInt8(ascii: "\\") {
          index += 1
        }
        if index == bytes.count { break }
      }
      let byte = bytes[index]
      defer { index += 1 }
      switch place {
      case .start:
        if Self.isSpace(byte) { continue }
        // A byte order mark, as some editors write.
        if byte == 0xEF || byte == 0xBB || byte == 0xBF { continue }
        guard byte == UInt8(ascii: "{") else { throw notObject }
        place = .key
      case .key:
        if Self.isSpace(byte) { continue }
        if byte == UInt8(ascii: "}") {
          place = .end
          continue
        }
        guard byte == UInt8(ascii: "\"") else { throw notObject }
        key.removeAll(keepingCapacity: true)
        place = .inKey
      case .inKey:
        if escaped {
          escaped = false
        } else if byte == UInt8(ascii: "\\") {
          escaped = true
        } else if byte == UInt8(ascii: "\"") {
          currentKey = String(decoding: key, as: UTF8.self)
          place = .colon
          continue
        }
        key.append(byte)
      case .colon:
        if Self.isSpace(byte) { continue }
        guard byte == UInt8(ascii: ":") else { throw notObject }
        place = .valueStart
      case .valueStart:
        if Self.isSpace(byte) { continue }
        piece.removeAll(keepingCapacity: true)
        if byte == UInt8(ascii: "["), streamed.contains(currentKey) {
          try value(currentKey, Array("[]".utf8))
          depth = 1
          place = .elements
          start = index + 1
        } else {
          depth = 0
          place = .value
          start = index
          _ = track(byte)
          if byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[") { depth += 1 }
        }
      case .value:
        guard track(byte) else { continue }
        if depth == 0 && (byte == UInt8(ascii: ",") || byte == UInt8(ascii: "}")) {
          piece += bytes[start..<index]
          try value(currentKey, piece)
          start = -1
          place = byte == UInt8(ascii: ",") ? .key : .end
        } else if byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[") {
          depth += 1
        } else if byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]") {
          depth -= 1
        }
      case .elements:
        // Read by ``elements(_:from:start:element:)``.
        break
      case .afterValue:
        if Self.isSpace(byte) { continue }
        if byte == UInt8(ascii: ",") {
          place = .key
        } else if byte == UInt8(ascii: "}") {
          place = .end
        } else {
          throw notObject
        }
      case .end:
        guard Self.isSpace(byte) else { throw notObject }
      }
    }
    if start >= 0 && start < bytes.count && !(place == .elements && skipsElements) { piece += bytes[start...] }
  }

  /// Reads the elements of a streamed array from `bytes[first...]`, giving each whole one to
  /// `element`, up to the array's end (then past it, in ``Place/afterValue``) or the chunk's;
  /// the index it stopped at. `start` is where the element being read starts in the chunk.
  ///
  /// The loop that reads nearly every byte of an export: its state is held in locals.
  private mutating func elements(
    _ bytes: [UInt8], from first: Int, start: inout Int, element: ElementHandler
  ) throws -> Int {
    let (quote, backslash) = (UInt8(ascii: "\""), UInt8(ascii: "\\"))
    var (depth, inString, escaped) = (self.depth, self.inString, self.escaped)
    defer { (self.depth, self.inString, self.escaped) = (depth, inString, escaped) }
    var index = first
    while index < bytes.count {
      if inString {
        if escaped {
          escaped = false
        } else {
          // Inside a string only a quote or a backslash changes anything (strings are most of
          // an export).
          while index < bytes.count && bytes[index] != quote && bytes[index] != backslash { index += 1 }
          if index == bytes.count { break }
          if bytes[index] == quote { inString = false } else { escaped = true }
        }
        index += 1
        continue
      }
      let byte = bytes[index]
      index += 1
      switch byte {
      case quote:
        inString = true
      case UInt8(ascii: "{"), UInt8(ascii: "["):
        depth += 1
      case UInt8(ascii: ","), UInt8(ascii: "]"):
        guard depth == 1 else {
          if byte == UInt8(ascii: "]") { depth -= 1 }
          continue
        }
        if !skipsElements {
          piece += bytes[start..<(index - 1)]
          // `[]` and `[ ]` have no element; `[1,]` has an empty one, which decoding refuses.
          if byte == UInt8(ascii: ",") || piece.contains(where: { !Self.isSpace($0) }) {
            try element(currentKey, piece)
          }
          piece.removeAll(keepingCapacity: true)
        }
        start = index
        if byte == UInt8(ascii: "]") {
          start = -1
          place = .afterValue
          return index
        }
      case UInt8(ascii: "}"):
        depth -= 1
      default:
        break
      }
    }
    return index
  }

  /// Tracks strings; whether `byte` is structural (outside a string).
  private mutating func track(_ byte: UInt8) -> Bool {
    if inString {
      if escaped {
        escaped = false
      } else if byte == UInt8(ascii: "\\") {
        escaped = true
      } else if byte == UInt8(ascii: "\"") {
        inString = false
      }
      return false
    }
    if byte == UInt8(ascii: "\"") {
      inString = true
      return false
    }
    return true
  }
}
