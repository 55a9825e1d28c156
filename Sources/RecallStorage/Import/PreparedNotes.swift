import Dispatch
import Synchronization

/// The notes of one import as workers on every core prepare them, handed to the writer in the
/// order of the sources.
///
/// The workers take the notes roughly in order, so the writer seldom waits for more than the
/// note at hand. Once stopped, the workers skip the notes they have not started.
final class PreparedNotes<Note: Sendable>: Sendable {
  /// One note's place: empty until its worker fills it, then signalled.
  private final class Slot: Sendable {
    /// The note, until the writer takes it.
    let note = Mutex<Note?>(nil)
    /// Signalled once the note is ready (or skipped).
    let ready = DispatchSemaphore(value: 0)
  }

  /// A place for each note, in the order of the sources.
  private let slots: [Slot]
  /// Whether the writer gave up: the workers skip what is left.
  private let stopped = Atomic<Bool>(false)
  /// Left when the last worker is done.
  private let workers = DispatchGroup()

  /// Starts preparing `count` notes, each with `prepare(index)`, in the background.
  init(count: Int, prepare: @escaping @Sendable (Int) -> Note) {
    slots = (0..<count).map { _ in Slot() }
    workers.enter()
    DispatchQueue.global().async { [self] in
      DispatchQueue.concurrentPerform(iterations: count) { index in
        let slot = slots[index]
        if !stopped.load(ordering: .relaxed) {
          let note = prepare(index)
          slot.note.withLock { $0 = note }
        }
        slot.ready.signal()
      }
      workers.leave()
    }
  }

  /// Note `index` once it is ready; `nil` if it was skipped because preparing was stopped.
  func take(_ index: Int) -> Note? {
    let slot = slots[index]
    slot.ready.wait()
    return slot.note.withLock { note in
      defer { note = nil }
      return note
    }
  }

  /// Skips the notes not started yet, and waits for the workers to finish the ones they are on.
  func stop() {
    stopped.store(true, ordering: .relaxed)
    workers.wait()
  }
}
