extension StringProtocol {
  /// The text without the tabs and spaces (Unicode's space separators, and the zero-width
  /// space) at its ends: what Foundation's `trimmingCharacters(in: .whitespaces)` gives, without
  /// going through `NSString`, whose first use costs a review's start about a million
  /// instructions.
  public var trimmedOfSpaces: String {
    let scalars = unicodeScalars
    let isSpace = { (scalar: Unicode.Scalar) in
      scalar == "\t" || scalar == "\u{200B}" || scalar.properties.generalCategory == .spaceSeparator
    }
    guard let first = scalars.firstIndex(where: { !isSpace($0) }),
      let last = scalars.lastIndex(where: { !isSpace($0) })
    else { return "" }
    return String(String.UnicodeScalarView(scalars[first...last]))
  }
}
