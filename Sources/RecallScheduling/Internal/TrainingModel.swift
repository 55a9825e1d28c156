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

  /// Flattened sequences: gap, rating, and per position the item weight (0 = no item) and label.
  struct Sequences {
    var starts: [Int] = [0]
    var gaps: [Double] = []
    var ratings: [Int8] = []
    var weights: [Double] = []
    var labels: [Double] = []

    var count: Int { starts.count - 1 }
    var longest: Int { (0..<count).map { starts[$0 + 1] - starts[$0] }.max() ?? 0 }
  }

  /// Per-position values kept by the forward pass for the backward pass.
  private var lastS: [Double] = []
  private var lastD: [Double] = []
  private var retrievability: [Double] = []
  private var base: [Double] = []
  private var preClampS: [Double] = []
  private var meanD: [Double] = []
  private var cacheA: [Double] = []
  private var cacheB: [Double] = []
  private var cacheC: [Double] = []
  private var flag: [Bool] = []
  private var lossGradient: [Double] = []

  init(capacity: Int) {
    for keyPath in [\TrainingModel.lastS, \.lastD, \.retrievability, \.base, \.preClampS, \.meanD,
      \.cacheA, \.cacheB, \.cacheC, \.lossGradient] as [WritableKeyPath<TrainingModel, [Double]>]
    {
      self[keyPath: keyPath] = Array(repeating: 0, count: max(capacity, 1))
    }
    flag = Array(repeating: false, count: max(capacity, 1))
  }

  /// Values derived from the weights once per batch.
  struct Constants {
    let w: [Double]
    let decay: Double
    let factor: Double
    let factorByDecay: Double
    let expW8: Double
    let floorFactor: Double
    let shortFactor: (Double, Double, Double, Double)
    let easyD0: Double

    init(_ w: [Double]) {
      self.w = w
      decay = -w[20]
      let ln09 = log(0.9)
      let e = exp(ln09 / decay)
      factor = e - 1
      factorByDecay = e * (-ln09 / (decay * decay))
      expW8 = exp(w[8])
      floorFactor = exp(-w[17] * w[18])
      shortFactor = (
        exp(w[17] * (-2 + w[18])), exp(w[17] * (-1 + w[18])), exp(w[17] * w[18]),
        exp(w[17] * (1 + w[18]))
      )
      easyD0 = w[4] - exp(3 * w[5]) + 1
    }

    func short(_ rating: Int8) -> Double {
      switch rating {
      case 1: return shortFactor.0
      case 2: return shortFactor.1
      case 3: return shortFactor.2
      default: return shortFactor.3
      }
    }
  }

  /// The weighted log-loss of the cards `cards`, and its gradient added into `gradient` when given.
  mutating func loss(
    cards: [Int], sequences: Sequences, constants k: Constants, gradient: inout [Double]?
  ) -> Double {
    var total = 0.0
    for card in cards {
      let start = sequences.starts[card]
      let length = sequences.starts[card + 1] - start
      total += forward(start: start, length: length, sequences: sequences, k: k)
      if gradient != nil {
        backward(start: start, length: length, sequences: sequences, k: k, gradient: &gradient!)
      }
    }
    return total
  }

  /// Runs one card; returns its loss and fills the caches.
  private mutating func forward(start: Int, length: Int, sequences q: Sequences, k: Constants) -> Double {
    let w = k.w
    let firstRating = Int(q.ratings[start])
    var s = min(max(w[firstRating - 1], Self.minimumStability), Self.maximumStability)
    let rawD0 = w[4] - exp(w[5] * Double(firstRating - 1)) + 1
    var d = min(max(rawD0, 1), 10)
    preClampS[0] = w[firstRating - 1]
    meanD[0] = rawD0
    var loss = 0.0
    for i in 1..<max(length, 1) {
      let t = q.gaps[start + i]
      let rating = q.ratings[start + i]
      var r = 1.0
      var b = 1.0
      if t > 0 {
        b = k.factor * t / s + 1
        r = pow(b, k.decay)
      }
      lastS[i] = s
      lastD[i] = d
      retrievability[i] = r
      base[i] = b
      let weight = q.weights[start + i]
      if weight > 0 {
        let y = q.labels[start + i]
        let p = min(max(r, Self.minimumProbability), 1 - Self.minimumProbability)
        loss -= (y * log(p) + (1 - y) * log(1 - p)) * weight
        lossGradient[i] =
          (r > Self.minimumProbability && r < 1 - Self.minimumProbability)
          ? -weight * (y / p - (1 - y) / (1 - p)) : 0
      } else {
        lossGradient[i] = 0
      }
      if i == length - 1 { break }
      var newS: Double
      if t == 0 {
        let raw = k.short(rating) * pow(s, -w[19])
        let active = !(rating >= 2 && raw < 1)
        cacheA[i] = raw
        flag[i] = active
        newS = s * (active ? raw : 1)
      } else if rating == 1 {
        let dPower = pow(d, -w[12])
        let sPower = pow(s + 1, w[13])
        let er = exp((1 - r) * w[14])
        let raw = w[11] * dPower * (sPower - 1) * er
        let floor = s * k.floorFactor
        let usesFloor = floor < raw
        cacheA[i] = dPower
        cacheB[i] = sPower
        cacheC[i] = er
        flag[i] = usesFloor
        newS = usesFloor ? floor : raw
      } else {
        let sPower = pow(s, -w[9])
        let e = exp((1 - r) * w[10])
        let hard = rating == 2 ? w[15] : 1
        let easy = rating == 4 ? w[16] : 1
        let increase = k.expW8 * (11 - d) * sPower * (e - 1) * hard * easy
        cacheA[i] = sPower
        cacheB[i] = e
        newS = s * (increase + 1)
      }
      preClampS[i] = newS
      s = min(max(newS, Self.minimumStability), Self.maximumStability)
      let g = Double(rating) - 3
      let nextD = d + (10 - d) * (-w[6] * g) / 9
      let mean = w[7] * (k.easyD0 - nextD) + nextD
      meanD[i] = mean
      d = min(max(mean, 1), 10)
    }
    return loss
  }

  /// Back-propagates one card's loss into `gw`, using the caches of ``forward``.
  private mutating func backward(
    start: Int, length: Int, sequences q: Sequences, k: Constants, gradient gw: inout [Double]
  ) {
    let w = k.w
    var gS = 0.0
    var gD = 0.0
    var i = length - 1
    while i >= 1 {
      let t = q.gaps[start + i]
      let rating = q.ratings[start + i]
      let ls = lastS[i]
      let ld = lastD[i]
      let r = retrievability[i]
      var gR = lossGradient[i]
      var gLastS = 0.0
      var gLastD = 0.0
      if i < length - 1 {
        let pre = preClampS[i]
        let g = (pre > Self.minimumStability && pre < Self.maximumStability) ? gS : 0
        if g != 0 {
          if t == 0 {
            let raw = cacheA[i]
            if flag[i] {
              gLastS += g * raw * (1 - w[19])
              let gRaw = g * ls * raw
              gw[17] += gRaw * (Double(rating) - 3 + w[18])
              gw[18] += gRaw * w[17]
              gw[19] -= gRaw * log(ls)
            } else {
              gLastS += g
            }
          } else if rating == 1 {
            if flag[i] {
              let floor = ls * k.floorFactor
              gLastS += g * k.floorFactor
              gw[17] -= g * floor * w[18]
              gw[18] -= g * floor * w[17]
            } else {
              let dPower = cacheA[i]
              let sPower = cacheB[i]
              let er = cacheC[i]
              let raw = w[11] * dPower * (sPower - 1) * er
              gw[11] += g * dPower * (sPower - 1) * er
              gw[12] -= g * raw * log(ld)
              gw[13] += g * w[11] * dPower * er * sPower * log(ls + 1)
              gw[14] += g * raw * (1 - r)
              gLastS += g * w[11] * dPower * er * w[13] * sPower / (ls + 1)
              gLastD -= g * raw * w[12] / ld
              gR -= g * raw * w[14]
            }
          } else {
            let sPower = cacheA[i]
            let e = cacheB[i]
            let hard = rating == 2 ? w[15] : 1
            let easy = rating == 4 ? w[16] : 1
            let common = k.expW8 * sPower * hard * easy  // d(increase)/d(11 - d) / (e - 1)
            let increase = common * (11 - ld) * (e - 1)
            gLastS += g * (1 + increase * (1 - w[9]))
            let gIncrease = g * ls
            gw[8] += gIncrease * increase
            gw[9] -= gIncrease * increase * log(ls)
            gw[10] += gIncrease * common * (11 - ld) * (1 - r) * e
            gLastD -= gIncrease * common * (e - 1)
            gR -= gIncrease * common * (11 - ld) * w[10] * e
            if rating == 2 {
              gw[15] += gIncrease * k.expW8 * sPower * (11 - ld) * (e - 1) * easy
            } else if rating == 4 {
              gw[16] += gIncrease * k.expW8 * sPower * (11 - ld) * (e - 1) * hard
            }
          }
        }
        let mean = meanD[i]
        if gD != 0 && mean > 1 && mean < 10 {
          let grade = Double(rating) - 3
          let nextD = ld + (10 - ld) * (-w[6] * grade) / 9
          gw[7] += gD * (k.easyD0 - nextD)
          gw[4] += gD * w[7]
          gw[5] -= gD * w[7] * 3 * exp(3 * w[5])
          let gNext = gD * (1 - w[7])
          gw[6] -= gNext * (10 - ld) * grade / 9
          gLastD += gNext * (1 + w[6] * grade / 9)
        }
      }
      if gR != 0 && t > 0 {
        let b = base[i]
        let scaled = r * k.decay / b
        gLastS += gR * scaled * (-k.factor * t / (ls * ls))
        let dRdDecay = r * log(b) + scaled * (t / ls) * k.factorByDecay
        gw[20] -= gR * dRdDecay
      }
      gS = gLastS
      gD = gLastD
      i -= 1
    }
    // The first review: S0 = w[rating - 1], D0 = w4 - e^(w5 (rating - 1)) + 1.
    let firstRating = Int(q.ratings[start])
    let pre = preClampS[0]
    if pre > Self.minimumStability && pre < Self.maximumStability { gw[firstRating - 1] += gS }
    let rawD0 = meanD[0]
    if rawD0 > 1 && rawD0 < 10 {
      let offset = Double(firstRating - 1)
      gw[4] += gD
      gw[5] -= gD * offset * exp(w[5] * offset)
    }
  }
}
