import Foundation
import Synchronization

/// The notes of one import, prepared on every core and handed to the writer in the order it
/// asks for them.
///
/// One worker thread runs on each core but one; the writer's own thread is the last one. When
/// the note the writer needs next is not ready, the writer prepares a note itself instead of
/// waiting, so that exactly one thread is busy per core until every note has been started: no
/// core idles, and the writer is never crowded off its core by a third thread. Notes are started
/// in the order of ``startOrder(sizes:takenIn:)``, which starts a large note early enough that its
/// writing does not wait for it. Once stopped, the workers start no more notes.
final class PreparedNotes<Note: Sendable>: Sendable {
  /// One note's place: empty until its note is prepared, then signalled.
  private final class Slot: Sendable {
    /// The note, until the writer takes it.
    let note = Mutex<Note?>(nil)
    /// Signalled once the note is ready.
    let ready = DispatchSemaphore(value: 0)
    /// Whether the note is ready, for the writer to look without waiting.
    let isReady = Atomic<Bool>(false)
  }

  /// A place for each note, in the order of the sources.
  private let slots: [Slot]
  /// The order in which notes are started: a permutation of the slots' indices.
  private let order: [Int]
  /// How a note is prepared.
  private let prepare: @Sendable (Int) -> Note
  /// The next place in ``order`` that no thread has started.
  private let next = Atomic<Int>(0)
  /// Whether the writer gave up: the workers skip what is left.
  private let stopped = Atomic<Bool>(false)
  /// Left when the last worker is done.
  private let workers = DispatchGroup()

  /// Starts preparing `count` notes, each with `prepare(index)`, starting them in the order of
  /// `order` (a permutation of `0..<count`; index order if `nil`), on `workerThreads` threads
  /// besides the writer's (one per core but one if `nil`).
  init(
    count: Int, order: [Int]? = nil, workerThreads: Int? = nil,
    prepare: @escaping @Sendable (Int) -> Note
  ) {
    let order = order ?? Array(0..<count)
    precondition(order.count == count && Set(order).count == count, "not a permutation")
    slots = (0..<count).map { _ in Slot() }
    self.order = order
    self.prepare = prepare
    let cores = ProcessInfo.processInfo.activeProcessorCount
    let threads = min(count, max(0, workerThreads ?? (cores - 1)))
    for _ in 0..<threads {
      workers.enter()
      let thread = Thread { [self] in
        while !stopped.load(ordering: .relaxed), prepareNext() {}
        workers.leave()
      }
      thread.name = "Recall import worker"
      thread.start()
    }
  }

  /// Prepares the next note not started yet, if there is one, and says whether there was.
  private func prepareNext() -> Bool {
    let started = next.add(1, ordering: .relaxed).oldValue
    guard started < order.count else { return false }
    let slot = slots[order[started]]
    let note = prepare(order[started])
    slot.note.withLock { $0 = note }
    slot.isReady.store(true, ordering: .releasing)
    slot.ready.signal()
    return true
  }

  /// Note `index`, once it is ready. Not to be called after ``stop()``.
  ///
  /// While the note is not ready, the calling thread prepares other notes not started yet; once
  /// every note has been started, it waits for the one it needs.
  func take(_ index: Int) -> Note {
    let slot = slots[index]
    while !slot.isReady.load(ordering: .acquiring), prepareNext() {}
    slot.ready.wait()
    return slot.note.withLock { note in
      defer { note = nil }
      return note!
    }
  }

  /// Starts no more notes, and waits for the workers to finish the ones they are on.
  func stop() {
    stopped.store(true, ordering: .relaxed)
    workers.wait()
  }

  /// The order in which to start preparing notes of `sizes` bytes that the writer takes in the
  /// order `taking` (index order if `nil`): each note by the latest moment it can start and
  /// still be ready when the writer reaches it.
  ///
  /// The writer reaches a note after writing the ones before it, in a time about proportional to
  /// their bytes; preparing a note on one core takes about ``preparingToWriting`` times as long
  /// per byte. Taken in index order, one note much larger than the rest (a long README among
  /// short notes) would start only when the notes before it do, and the writer would wait for it
  /// alone while the other cores idle; started by its latest start, it is prepared while the
  /// writer works through the notes before it. Notes of similar size keep the writer's order.
  static func startOrder(sizes: [Int], takenIn taking: [Int]? = nil) -> [Int] {
    let taking = taking ?? Array(sizes.indices)
    precondition(taking.count == sizes.count, "not an order of the notes")
    var before = 0
    var latestStart = Array(repeating: 0.0, count: sizes.count)
    var place = Array(repeating: 0, count: sizes.count)
    for (position, index) in taking.enumerated() {
      latestStart[index] = Double(before) - preparingToWriting * Double(sizes[index])
      place[index] = position
      before += sizes[index]
    }
    return sizes.indices.sorted { (latestStart[$0], place[$0]) < (latestStart[$1], place[$1]) }
  }

  /// How much longer preparing a note (reading, hashing, parsing, making cards) takes than
  /// writing its cards, per byte, measured on the corpus with `recall-bench import`.
  static var preparingToWriting: Double { 2 }
}
