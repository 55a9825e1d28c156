import Foundation

/// The fsrs-rs variant of the FSRS-6 model, with its log-loss and analytic gradient.
///
/// It differs from ``FSRSFormulas`` the way fsrs-rs differs from py-fsrs (spec §6.4, §12):
/// stability is clamped to [0.001, 36500] after every step, and a review is same-day
/// exactly when its gap is 0 days. Each card's whole sequence is run once; every item
/// of the card is a prediction at one position, so a card costs one forward and one
/// backward pass whatever its number of items.
struct TrainingModel {
  static let minimumStability = 0.001
  static let maximumStability = 36_500.0
  static let minimumProbability = 1e-7

  /// Flattened card sequences: gap, rating, and per position the item weight (0 = no item).
  struct Sequences: Sendable {
    /// Where each card starts; one extra end offset.
    var starts: [Int] = [0]
    /// Days since the previous review.
    var gaps: [Double] = []
    /// Ratings 1...4.
    var ratings: [Int8] = []
    /// The item weight of each position, 0 where no item ends.
    var weights: [Double] = []

    var count: Int { starts.count - 1 }
    var longest: Int { (0..<count).map { starts[$0 + 1] - starts[$0] }.max() ?? 0 }
  }

  /// Values derived from the weights once per batch.
  struct Constants {
    let w: [Double]
    let decay, factor, factorByDecay, expW8, floorFactor, easyD0, easyD0ByW5: Double
    let short1, short2, short3, short4: Double
    let w4, w5, w6, w7, w9, w10, w11, w12, w13, w14, w15, w16, w17, w18, w19: Double

    /// Whether the per-review logarithms and exponentials run in single precision, as in
    /// fsrs-rs (faster; used for training, not for the reported metrics).
    let singlePrecision: Bool

    init(_ w: [Double], singlePrecision: Bool = false) {
      self.w = w
      self.singlePrecision = singlePrecision
      decay = -w[20]
      let ln09 = log(0.9)
      let e = exp(ln09 / decay)
      factor = e - 1
      factorByDecay = e * (-ln09 / (decay * decay))
      expW8 = exp(w[8])
      floorFactor = exp(-w[17] * w[18])
      short1 = exp(w[17] * (-2 + w[18]))
      short2 = exp(w[17] * (-1 + w[18]))
      short3 = exp(w[17] * w[18])
      short4 = exp(w[17] * (1 + w[18]))
      easyD0 = w[4] - exp(3 * w[5]) + 1
      easyD0ByW5 = -3 * exp(3 * w[5])
      (w4, w5, w6, w7) = (w[4], w[5], w[6], w[7])
      (w9, w10, w11, w12, w13, w14) = (w[9], w[10], w[11], w[12], w[13], w[14])
      (w15, w16, w17, w18, w19) = (w[15], w[16], w[17], w[18], w[19])
    }

    @inline(__always) func ln(_ x: Double) -> Double {
      singlePrecision ? Double(Foundation.log(Float(x))) : Foundation.log(x)
    }

    @inline(__always) func ex(_ x: Double) -> Double {
      singlePrecision ? Double(Foundation.exp(Float(x))) : Foundation.exp(x)
    }

    @inline(__always) func short(_ rating: Int8) -> Double {
      rating == 3 ? short3 : rating == 1 ? short1 : rating == 2 ? short2 : short4
    }
  }

  /// Per-position scratch, one block of `capacity` values per field.
  private var scratch: [Double]
  private let capacity: Int
  private static let fieldCount = 15

  init(capacity: Int) {
    self.capacity = max(capacity, 1)
    scratch = Array(repeating: 0, count: self.capacity * Self.fieldCount)
  }

  /// The weighted log-loss of `cards`; adds its gradient into `gradient` when `withGradient`.
  ///
  /// With `withGradient`, the loss itself is not computed and 0 is returned. Without it, when
  /// `predictions` is given, the predicted recall probability of each weighted position is
  /// written there at the position's global index.
  mutating func loss(
    cards: some Sequence<Int>, sequences: Sequences, constants k: Constants,
    gradient: inout [Double], withGradient: Bool, predictions: UnsafeMutablePointer<Double>? = nil
  ) -> Double {
    let capacity = self.capacity
    return scratch.withUnsafeMutableBufferPointer { buffer in
      guard let base = buffer.baseAddress else { return 0 }
      let cache = Cache(base: base, capacity: capacity)
      return sequences.gaps.withUnsafeBufferPointer { gaps in
        sequences.ratings.withUnsafeBufferPointer { ratings in
          sequences.weights.withUnsafeBufferPointer { weights in
            gradient.withUnsafeMutableBufferPointer { gw in
              guard let gapBase = gaps.baseAddress, let ratingBase = ratings.baseAddress,
                let weightBase = weights.baseAddress, let gwBase = gw.baseAddress
              else { return 0 }
              var total = 0.0
              for card in cards {
                let start = sequences.starts[card]
                let length = sequences.starts[card + 1] - start
                let input = Input(
                  gaps: gapBase + start, ratings: ratingBase + start, weights: weightBase + start,
                  length: length)
                if withGradient {
                  Self.forward(input, cache, k)
                  Self.backward(input, cache, k, gwBase)
                } else {
                  total += Self.lossOnly(input, k, predictions: predictions.map { $0 + start })
                }
              }
              return total
            }
          }
        }
      }
    }
  }

  private struct Input {
    let gaps: UnsafePointer<Double>
    let ratings: UnsafePointer<Int8>
    let weights: UnsafePointer<Double>
    let length: Int
  }

  private struct Cache {
    let lastS, lastD, retrievability, base, preClampS, meanD: UnsafeMutablePointer<Double>
    let cacheA, cacheB, cacheC, flag, lossGradient: UnsafeMutablePointer<Double>
    let logS, logBase, logD, logS1: UnsafeMutablePointer<Double>

    init(base p: UnsafeMutablePointer<Double>, capacity n: Int) {
      lastS = p
      lastD = p + n
      retrievability = p + 2 * n
      base = p + 3 * n
      preClampS = p + 4 * n
      meanD = p + 5 * n
      cacheA = p + 6 * n
      cacheB = p + 7 * n
      cacheC = p + 8 * n
      flag = p + 9 * n
      lossGradient = p + 10 * n
      logS = p + 11 * n
      logBase = p + 12 * n
      logD = p + 13 * n
      logS1 = p + 14 * n
    }
  }

  /// Runs one card and fills the cache for ``backward(_:_:_:_:)``; the loss itself comes from
  /// ``lossOnly(_:_:predictions:)``.
  private static func forward(_ q: Input, _ c: Cache, _ k: Constants) {
    let firstRating = Int(q.ratings[0])
    let s0 = k.w[firstRating - 1]
    var s = min(max(s0, minimumStability), maximumStability)
    let rawD0 = k.w4 - k.ex(k.w5 * Double(firstRating - 1)) + 1
    var d = min(max(rawD0, 1), 10)
    c.preClampS[0] = s0
    c.meanD[0] = rawD0
    var i = 1
    while i < q.length {
      let t = q.gaps[i]
      let rating = q.ratings[i]
      var r = 1.0
      var b = 1.0
      var logB = 0.0
      if t > 0 {
        b = k.factor * t / s + 1
        logB = k.ln(b)
        r = k.ex(k.decay * logB)
      }
      c.lastS[i] = s
      c.lastD[i] = d
      c.retrievability[i] = r
      c.base[i] = b
      c.logBase[i] = logB
      let weight = q.weights[i]
      if weight > 0 {
        let p = min(max(r, minimumProbability), 1 - minimumProbability)
        if rating > 1 {
          c.lossGradient[i] = r == p ? -weight / p : 0
        } else {
          c.lossGradient[i] = r == p ? weight / (1 - p) : 0
        }
      } else {
        c.lossGradient[i] = 0
      }
      if i == q.length - 1 { break }
      var newS: Double
      if t == 0 {
        let logS = k.ln(s)
        c.logS[i] = logS
        let raw = k.short(rating) * k.ex(-k.w19 * logS)
        let active = !(rating >= 2 && raw < 1)
        c.cacheA[i] = raw
        c.flag[i] = active ? 1 : 0
        newS = active ? s * raw : s
      } else if rating == 1 {
        let logD = k.ln(d)
        let logS1 = k.ln(s + 1)
        c.logD[i] = logD
        c.logS1[i] = logS1
        let dPower = k.ex(-k.w12 * logD)
        let sPower = k.ex(k.w13 * logS1)
        let er = k.ex((1 - r) * k.w14)
        let raw = k.w11 * dPower * (sPower - 1) * er
        let floor = s * k.floorFactor
        let usesFloor = floor < raw
        c.cacheA[i] = dPower
        c.cacheB[i] = sPower
        c.cacheC[i] = er
        c.flag[i] = usesFloor ? 1 : 0
        newS = usesFloor ? floor : raw
      } else {
        let logS = k.ln(s)
        c.logS[i] = logS
        let sPower = k.ex(-k.w9 * logS)
        let e = k.ex((1 - r) * k.w10)
        let hard = rating == 2 ? k.w15 : 1
        let easy = rating == 4 ? k.w16 : 1
        c.cacheA[i] = sPower
        c.cacheB[i] = e
        newS = s * (k.expW8 * (11 - d) * sPower * (e - 1) * hard * easy + 1)
      }
      c.preClampS[i] = newS
      s = min(max(newS, minimumStability), maximumStability)
      let nextD = d + (10 - d) * (-k.w6 * (Double(rating) - 3)) / 9
      let mean = k.w7 * (k.easyD0 - nextD) + nextD
      c.meanD[i] = mean
      d = min(max(mean, 1), 10)
      i += 1
    }
  }

  /// Runs one card for its loss only, keeping nothing for a backward pass; writes the
  /// predicted recall probability of each item to `predictions` when given.
  ///
  /// The same arithmetic as ``forward(_:_:_:)``, which the gradient tests compare.
  private static func lossOnly(
    _ q: Input, _ k: Constants, predictions: UnsafeMutablePointer<Double>?
  ) -> Double {
    let firstRating = Int(q.ratings[0])
    var s = min(max(k.w[firstRating - 1], minimumStability), maximumStability)
    var d = min(max(k.w4 - k.ex(k.w5 * Double(firstRating - 1)) + 1, 1), 10)
    var loss = 0.0
    var i = 1
    while i < q.length {
      let t = q.gaps[i]
      let rating = q.ratings[i]
      var r = 1.0
      if t > 0 { r = k.ex(k.decay * k.ln(k.factor * t / s + 1)) }
      let weight = q.weights[i]
      if weight > 0 {
        let p = min(max(r, minimumProbability), 1 - minimumProbability)
        loss -= (rating > 1 ? k.ln(p) : k.ln(1 - p)) * weight
        predictions?[i] = r
      }
      if i == q.length - 1 { break }
      var newS: Double
      if t == 0 {
        let raw = k.short(rating) * k.ex(-k.w19 * k.ln(s))
        newS = (rating >= 2 && raw < 1) ? s : s * raw
      } else if rating == 1 {
        let raw =
          k.w11 * k.ex(-k.w12 * k.ln(d)) * (k.ex(k.w13 * k.ln(s + 1)) - 1) * k.ex((1 - r) * k.w14)
        newS = min(raw, s * k.floorFactor)
      } else {
        let hard = rating == 2 ? k.w15 : 1
        let easy = rating == 4 ? k.w16 : 1
        let increase =
          k.expW8 * (11 - d) * k.ex(-k.w9 * k.ln(s)) * (k.ex((1 - r) * k.w10) - 1) * hard * easy
        newS = s * (increase + 1)
      }
      s = min(max(newS, minimumStability), maximumStability)
      let nextD = d + (10 - d) * (-k.w6 * (Double(rating) - 3)) / 9
      d = min(max(k.w7 * (k.easyD0 - nextD) + nextD, 1), 10)
      i += 1
    }
    return loss
  }

  /// Back-propagates one card's loss into `gw`, using the cache of ``forward``.
  private static func backward(
    _ q: Input, _ c: Cache, _ k: Constants, _ gw: UnsafeMutablePointer<Double>
  ) {
    var gS = 0.0
    var gD = 0.0
    var i = q.length - 1
    while i >= 1 {
      let t = q.gaps[i]
      let rating = q.ratings[i]
      let ls = c.lastS[i]
      let ld = c.lastD[i]
      let r = c.retrievability[i]
      var gR = c.lossGradient[i]
      var gLastS = 0.0
      var gLastD = 0.0
      if i < q.length - 1 {
        let pre = c.preClampS[i]
        let g = (pre > minimumStability && pre < maximumStability) ? gS : 0
        if g != 0 {
          if t == 0 {
            if c.flag[i] != 0 {
              let raw = c.cacheA[i]
              gLastS += g * raw * (1 - k.w19)
              let gRaw = g * ls * raw
              gw[17] += gRaw * (Double(rating) - 3 + k.w18)
              gw[18] += gRaw * k.w17
              gw[19] -= gRaw * c.logS[i]
            } else {
              gLastS += g
            }
          } else if rating == 1 {
            if c.flag[i] != 0 {
              let floor = ls * k.floorFactor
              gLastS += g * k.floorFactor
              gw[17] -= g * floor * k.w18
              gw[18] -= g * floor * k.w17
            } else {
              let dPower = c.cacheA[i]
              let sPower = c.cacheB[i]
              let er = c.cacheC[i]
              let raw = k.w11 * dPower * (sPower - 1) * er
              gw[11] += g * dPower * (sPower - 1) * er
              gw[12] -= g * raw * c.logD[i]
              gw[13] += g * k.w11 * dPower * er * sPower * c.logS1[i]
              gw[14] += g * raw * (1 - r)
              gLastS += g * k.w11 * dPower * er * k.w13 * sPower / (ls + 1)
              gLastD -= g * raw * k.w12 / ld
              gR -= g * raw * k.w14
            }
          } else {
            let sPower = c.cacheA[i]
            let e = c.cacheB[i]
            let hard = rating == 2 ? k.w15 : 1
            let easy = rating == 4 ? k.w16 : 1
            let common = k.expW8 * sPower * hard * easy
            let increase = common * (11 - ld) * (e - 1)
            gLastS += g * (1 + increase * (1 - k.w9))
            let gIncrease = g * ls
            gw[8] += gIncrease * increase
            gw[9] -= gIncrease * increase * c.logS[i]
            gw[10] += gIncrease * common * (11 - ld) * (1 - r) * e
            gLastD -= gIncrease * common * (e - 1)
            gR -= gIncrease * common * (11 - ld) * k.w10 * e
            if rating == 2 {
              gw[15] += gIncrease * k.expW8 * sPower * (11 - ld) * (e - 1) * easy
            } else if rating == 4 {
              gw[16] += gIncrease * k.expW8 * sPower * (11 - ld) * (e - 1) * hard
            }
          }
        }
        let mean = c.meanD[i]
        if gD != 0 && mean > 1 && mean < 10 {
          let grade = Double(rating) - 3
          let nextD = ld + (10 - ld) * (-k.w6 * grade) / 9
          gw[7] += gD * (k.easyD0 - nextD)
          gw[4] += gD * k.w7
          gw[5] += gD * k.w7 * k.easyD0ByW5
          let gNext = gD * (1 - k.w7)
          gw[6] -= gNext * (10 - ld) * grade / 9
          gLastD += gNext * (1 + k.w6 * grade / 9)
        }
      }
      if gR != 0 && t > 0 {
        let b = c.base[i]
        let scaled = r * k.decay / b
        gLastS += gR * scaled * (-k.factor * t / (ls * ls))
        gw[20] -= gR * (r * c.logBase[i] + scaled * (t / ls) * k.factorByDecay)
      }
      gS = gLastS
      gD = gLastD
      i -= 1
    }
    // The first review: S0 = w[rating - 1], D0 = w4 - e^(w5 (rating - 1)) + 1.
    let firstRating = Int(q.ratings[0])
    let pre = c.preClampS[0]
    if pre > minimumStability && pre < maximumStability { gw[firstRating - 1] += gS }
    let rawD0 = c.meanD[0]
    if gD != 0 && rawD0 > 1 && rawD0 < 10 {
      let offset = Double(firstRating - 1)
      gw[4] += gD
      gw[5] -= gD * offset * exp(k.w5 * offset)
    }
  }
}
