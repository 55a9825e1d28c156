import Foundation

/// Why a file could not be read, written or made, in words to quote inside a message.
///
/// Foundation describes such errors as "The operation could not be completed. The file doesn't
/// exist.": a preamble, and a period that the quoting message would double. The system's own
/// words ("no such file or directory") are used when the error carries them.
public enum FileErrorReason {
  /// The reason `error` gives, lowercased from the system where it can be, without a final
  /// period.
  public static func text(of error: any Error) -> String {
    let error = error as NSError
    if let underlying = error.userInfo[NSUnderlyingErrorKey] as? any Error {
      let cause = underlying as NSError
      if cause.domain == NSPOSIXErrorDomain {
        return String(cString: strerror(Int32(cause.code))).lowercased()
      }
    }
    if error.domain == NSPOSIXErrorDomain {
      return String(cString: strerror(Int32(error.code))).lowercased()
    }
    var text = error.localizedDescription
    while text.hasSuffix(".") { text.removeLast() }
    return text
  }
}
