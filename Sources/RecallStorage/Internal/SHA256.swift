/// SHA-256 (FIPS 180-4), for the content hash of note files.
///
/// Foundation on Linux has no digest API, and the hash only has to tell whether a note's bytes
/// changed, so a small local implementation keeps the store free of another dependency. Every
/// note is hashed on every import, so the rounds work on local words read straight from the
/// bytes, without intermediate arrays.
enum SHA256 {
  private static let k: [UInt32] = [
    0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5, 0x3956_c25b, 0x59f1_11f1, 0x923f_82a4,
    0xab1c_5ed5, 0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3, 0x72be_5d74, 0x80de_b1fe,
    0x9bdc_06a7, 0xc19b_f174, 0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc, 0x2de9_2c6f,
    0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da, 0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7,
    0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351, 0x1429_2967, 0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc,
    0x5338_0d13, 0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85, 0xa2bf_e8a1, 0xa81a_664b,
    0xc24b_8b70, 0xc76c_51a3, 0xd192_e819, 0xd699_0624, 0xf40e_3585, 0x106a_a070, 0x19a4_c116,
    0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5, 0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f, 0x682e_6ff3,
    0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208, 0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7,
    0xc671_78f2,
  ]

  /// The digest of `bytes` in lowercase hex (64 characters).
  static func hex(_ bytes: [UInt8]) -> String {
    let digits: StaticString = "0123456789abcdef"
    var text: [UInt8] = []
    text.reserveCapacity(64)
    for byte in digest(bytes) {
      text.append(digits.utf8Start[Int(byte >> 4)])
      text.append(digits.utf8Start[Int(byte & 0x0F)])
    }
    return String(decoding: text, as: UTF8.self)
  }

  /// The 32-byte digest of `bytes`.
  static func digest(_ bytes: [UInt8]) -> [UInt8] {
    var state = State()
    let whole = bytes.count / 64 * 64
    var tail = Array(bytes[whole...])
    tail.append(0x80)
    while tail.count % 64 != 56 { tail.append(0) }
    let bitLength = UInt64(bytes.count) &* 8
    for shift in stride(from: 56, through: 0, by: -8) {
      tail.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(shift)))
    }
    k.withUnsafeBufferPointer { k in
      withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { w in
        bytes.withUnsafeBytes { all in
          var offset = 0
          while offset < whole {
            state.compress(all.baseAddress! + offset, w, k)
            offset += 64
          }
        }
        tail.withUnsafeBytes { tail in
          var offset = 0
          while offset < tail.count {
            state.compress(tail.baseAddress! + offset, w, k)
            offset += 64
          }
        }
      }
    }
    var out: [UInt8] = []
    out.reserveCapacity(32)
    for word in [state.a, state.b, state.c, state.d, state.e, state.f, state.g, state.h] {
      out.append(UInt8(word >> 24))
      out.append(UInt8(word >> 16 & 0xff))
      out.append(UInt8(word >> 8 & 0xff))
      out.append(UInt8(word & 0xff))
    }
    return out
  }

  /// The hash's eight words between blocks.
  private struct State {
    var a: UInt32 = 0x6a09_e667
    var b: UInt32 = 0xbb67_ae85
    var c: UInt32 = 0x3c6e_f372
    var d: UInt32 = 0xa54f_f53a
    var e: UInt32 = 0x510e_527f
    var f: UInt32 = 0x9b05_688c
    var g: UInt32 = 0x1f83_d9ab
    var h: UInt32 = 0x5be0_cd19

    /// Mixes in the 64-byte block at `block`, with `w` as room for the message schedule.
    @inline(__always)
    mutating func compress(
      _ block: UnsafeRawPointer, _ w: UnsafeMutableBufferPointer<UInt32>,
      _ k: UnsafeBufferPointer<UInt32>
    ) {
      let w = w.baseAddress!
      let k = k.baseAddress!
      for i in 0..<16 {
        w[i] = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: i * 4, as: UInt32.self))
      }
      for i in 16..<64 {
        let x = w[i - 15]
        let y = w[i - 2]
        let s0 = rotr(x, 7) ^ rotr(x, 18) ^ (x &>> 3)
        let s1 = rotr(y, 17) ^ rotr(y, 19) ^ (y &>> 10)
        w[i] = w[i - 16] &+ s0 &+ w[i - 7] &+ s1
      }
      var (a, b, c, d, e, f, g, h) = (self.a, self.b, self.c, self.d, self.e, self.f, self.g, self.h)
      for i in 0..<64 {
        let s1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)
        let ch = g ^ (e & (f ^ g))
        let t1 = h &+ s1 &+ ch &+ k[i] &+ w[i]
        let s0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)
        let maj = (a & b) | (c & (a | b))
        h = g
        g = f
        f = e
        e = d &+ t1
        d = c
        c = b
        b = a
        a = t1 &+ s0 &+ maj
      }
      self.a &+= a
      self.b &+= b
      self.c &+= c
      self.d &+= d
      self.e &+= e
      self.f &+= f
      self.g &+= g
      self.h &+= h
    }
  }

  @inline(__always)
  private static func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 {
    (x &>> n) | (x &<< (32 &- n))
  }
}
