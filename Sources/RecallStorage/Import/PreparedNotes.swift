import Dispatch
import Synchronization

/// The notes of one import as workers on every core prepare them, handed to the writer in the
/// order of the sources.
///
/// The workers take the notes roughly in order, so the writer seldom waits for more than the
/// note at hand. Once stopped, the workers skip the notes they have not started.
final class PreparedNotes<Note: Sendable>: Sendable {
  /// The notes ready and not yet taken.
  private let slots: Mutex<[Note?]>
  /// Signalled once each note is ready (or skipped).
  private let ready: [DispatchSemaphore]
  /// Whether the writer gave up: the workers skip what is left.
  private let stopped = Atomic<Bool>(false)
  /// Left when the last worker is done.
  private let workers = DispatchGroup()

  /// Starts preparing `count` notes, each with `prepare(index)`, in the background.
  init(count: Int, prepare: @escaping @Sendable (Int) -> Note) {
    slots = Mutex([Note?](repeating: nil, count: count))
    ready = (0..<count).map { _ in DispatchSemaphore(value: 0) }
    workers.enter()
    DispatchQueue.global().async { [self] in
      DispatchQueue.concurrentPerform(iterations: count) { index in
        if !stopped.load(ordering: .relaxed) {
          let note = prepare(index)
          slots.withLock { $0[index] = note }
        }
        ready[index].signal()
      }
      workers.leave()
    }
  }

  /// Note `index` once it is ready; `nil` if it was skipped because preparing was stopped.
  func take(_ index: Int) -> Note? {
    ready[index].wait()
    return slots.withLock { slots in
      defer { slots[index] = nil }
      return slots[index]
    }
  }

  /// Skips the notes not started yet, and waits for the workers to finish the ones they are on.
  func stop() {
    stopped.store(true, ordering: .relaxed)
    workers.wait()
  }
}
