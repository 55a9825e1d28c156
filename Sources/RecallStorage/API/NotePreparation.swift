/// Notes being read, hashed and turned into cards for an import into a database that holds no
/// notes yet, started before the database is opened.
///
/// Creating a new database and applying its migrations keeps one core busy for a moment; an
/// import into a file that does not exist yet uses the other cores meanwhile. Hand it to
/// ``Store/importNotes(_:paths:folders:extraction:now:dryRun:prepared:fileExists:progress:)``
/// with the same sources and extraction. Should the store turn out to hold notes after all (another
/// `recall` created it first), the import prepares the notes again against what it holds, so
/// nothing is written from a wrong guess.
public final class NotePreparation: Sendable {
  /// The notes, as given.
  let sources: [NoteSource]
  /// The revision of the extraction that prepares them.
  let revision: Int
  /// The preparation under way.
  let preparation: Importer.Preparation

  /// Starts preparing `sources` with `extraction`, as for a store that holds no notes.
  public init(_ sources: [NoteSource], extraction: CardExtraction) {
    self.sources = sources
    revision = extraction.revision
    preparation = Importer.startPreparing(sources, storedNotes: [], extraction: extraction)
  }

  deinit {
    preparation.stop()
  }
}
