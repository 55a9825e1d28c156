-- The first schema of Recall's store.
--
-- notes, their cards, each card's scheduling state, the append-only review log (with undo
-- records), the import runs and the settings. Times are whole milliseconds since
-- 1970-01-01T00:00:00Z (UTC), stored as INTEGER. Lists are JSON arrays of strings.
--
-- Landed migrations are never edited: a change to the schema is a new file.

-- Marks the file as a Recall database ('RCLL'), so that other SQLite files are refused.
PRAGMA application_id = 1380142156;

-- One Markdown note file: a deck.
CREATE TABLE note (
  id INTEGER PRIMARY KEY,
  -- Where the note was last imported from: an absolute path, or `recall:Content/...` for a
  -- bundled note. It changes when the file is renamed or moved.
  file TEXT NOT NULL UNIQUE CHECK (file <> ''),
  -- The deck: the note's path relative to the folder imported, such as `aws/ecs.md`.
  deck TEXT NOT NULL CHECK (deck <> ''),
  -- SHA-256 of the file's bytes, in lowercase hex: an unchanged note is skipped by it.
  contentHash TEXT NOT NULL CHECK (length(contentHash) = 64),
  -- The revision of the card generator that made its cards; a newer one reads it again.
  generatorRevision INTEGER NOT NULL DEFAULT 0,
  createdAt INTEGER NOT NULL,
  updatedAt INTEGER NOT NULL CHECK (updatedAt >= createdAt)
);
CREATE INDEX note_deck ON note(deck);
CREATE INDEX note_contentHash ON note(contentHash);

-- One flashcard. Cards are never deleted: a card whose text left its note is retired, and comes
-- back (restored, with its history) when the text returns.
CREATE TABLE card (
  id INTEGER PRIMARY KEY,
  -- A UUID that names the card across databases (export, merge).
  uid TEXT NOT NULL UNIQUE CHECK (length(uid) = 36),
  noteId INTEGER NOT NULL REFERENCES note(id) ON DELETE RESTRICT,
  -- The stable identity within the note: heading path and anchor.
  key TEXT NOT NULL CHECK (key <> ''),
  -- What part of the note the card comes from (tableCell, term, flowStep, ...).
  kind TEXT NOT NULL CHECK (kind <> ''),
  prompt TEXT NOT NULL,
  answer TEXT NOT NULL,
  choices TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(choices) AND json_type(choices) = 'array'),
  -- The heading path from the top of the note to the card.
  context TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(context) AND json_type(context) = 'array'),
  detail TEXT,
  siblingGroup TEXT NOT NULL,
  -- The source position: the 1-based line in the note.
  line INTEGER NOT NULL CHECK (line >= 1),
  -- A hash of what the card asks and answers.
  contentHash TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'retired')),
  createdAt INTEGER NOT NULL,
  -- The last time anything of the card changed (text, position, status).
  updatedAt INTEGER NOT NULL CHECK (updatedAt >= createdAt),
  -- The last time what the card asks or answers changed (or it was restored).
  contentChangedAt INTEGER NOT NULL CHECK (contentChangedAt >= createdAt),
  -- When the card was retired; set exactly when it is retired.
  retiredAt INTEGER CHECK ((status = 'retired') = (retiredAt IS NOT NULL)),
  UNIQUE (noteId, key)
);
CREATE INDEX card_status ON card(status, noteId);
CREATE INDEX card_contentHash ON card(contentHash);

-- The scheduling state of one card (FSRS-6): a row per card, `new` and empty until reviewed.
CREATE TABLE cardSchedule (
  cardId INTEGER PRIMARY KEY REFERENCES card(id) ON DELETE CASCADE,
  state TEXT NOT NULL DEFAULT 'new' CHECK (state IN ('new', 'learning', 'review', 'relearning')),
  -- The learning or relearning step, 0-based; NULL in the other states.
  step INTEGER CHECK (step >= 0),
  stability REAL CHECK (stability > 0),
  difficulty REAL CHECK (difficulty >= 1 AND difficulty <= 10),
  due INTEGER,
  lastReview INTEGER,
  reps INTEGER NOT NULL DEFAULT 0 CHECK (reps >= 0),
  lapses INTEGER NOT NULL DEFAULT 0 CHECK (lapses >= 0),
  CHECK (state = 'new' OR due IS NOT NULL)
);
CREATE INDEX cardSchedule_due ON cardSchedule(due);

-- The review log: one row per answer, appended and never changed or deleted. Export and merge
-- match rows by `id`; replaying the rows of a card in `reviewedAt` order rebuilds its schedule.
CREATE TABLE review (
  -- A UUID in its canonical upper-case text form.
  id TEXT PRIMARY KEY NOT NULL CHECK (length(id) = 36 AND id = upper(id)),
  cardId INTEGER NOT NULL REFERENCES card(id) ON DELETE RESTRICT,
  reviewedAt INTEGER NOT NULL,
  -- 1 again, 2 hard, 3 good, 4 easy.
  rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 4),
  -- How the card was asked: choice, typed, flip, nextStep, ordering, ...
  quiz TEXT NOT NULL CHECK (quiz <> ''),
  -- What the user answered; NULL when nothing was typed or chosen (flip cards).
  answer TEXT,
  -- Whether the answer was right; NULL when the user graded themselves.
  correct INTEGER CHECK (correct IN (0, 1)),
  -- Time taken to answer, in milliseconds.
  duration INTEGER NOT NULL CHECK (duration >= 0),
  stateBefore TEXT NOT NULL CHECK (stateBefore IN ('new', 'learning', 'review', 'relearning')),
  stepBefore INTEGER,
  stabilityBefore REAL,
  difficultyBefore REAL,
  dueBefore INTEGER,
  lastReviewBefore INTEGER,
  repsBefore INTEGER NOT NULL CHECK (repsBefore >= 0),
  lapsesBefore INTEGER NOT NULL CHECK (lapsesBefore >= 0),
  stateAfter TEXT NOT NULL CHECK (stateAfter IN ('new', 'learning', 'review', 'relearning')),
  stepAfter INTEGER,
  stabilityAfter REAL,
  difficultyAfter REAL,
  dueAfter INTEGER,
  lastReviewAfter INTEGER,
  repsAfter INTEGER NOT NULL CHECK (repsAfter >= 0),
  lapsesAfter INTEGER NOT NULL CHECK (lapsesAfter >= 0)
);
CREATE INDEX review_card ON review(cardId, reviewedAt);
CREATE INDEX review_reviewedAt ON review(reviewedAt);

CREATE TRIGGER review_neverUpdated BEFORE UPDATE ON review
BEGIN
  SELECT RAISE(ABORT, 'the review log is append-only: a review is never changed');
END;
CREATE TRIGGER review_neverDeleted BEFORE DELETE ON review
BEGIN
  SELECT RAISE(ABORT, 'the review log is append-only: a review is never deleted');
END;

-- An undone answer ("u" in a review): the review stays in the log, and this row says it no
-- longer counts. Append-only too; merged by `reviewId` like the reviews.
CREATE TABLE reviewUndo (
  reviewId TEXT PRIMARY KEY NOT NULL REFERENCES review(id) ON DELETE RESTRICT,
  undoneAt INTEGER NOT NULL
);

CREATE TRIGGER reviewUndo_neverUpdated BEFORE UPDATE ON reviewUndo
BEGIN
  SELECT RAISE(ABORT, 'the review log is append-only: an undo is never changed');
END;
CREATE TRIGGER reviewUndo_neverDeleted BEFORE DELETE ON reviewUndo
BEGIN
  SELECT RAISE(ABORT, 'the review log is append-only: an undo is never deleted');
END;

-- One run of `recall import` that was committed (dry runs are not recorded).
CREATE TABLE importRun (
  id INTEGER PRIMARY KEY,
  startedAt INTEGER NOT NULL,
  finishedAt INTEGER NOT NULL CHECK (finishedAt >= startedAt),
  -- The paths given on the command line.
  paths TEXT NOT NULL CHECK (json_valid(paths) AND json_type(paths) = 'array'),
  -- Note files imported (read and turned into cards, or skipped as unchanged).
  notes INTEGER NOT NULL CHECK (notes >= 0),
  added INTEGER NOT NULL CHECK (added >= 0),
  changed INTEGER NOT NULL CHECK (changed >= 0),
  retired INTEGER NOT NULL CHECK (retired >= 0),
  restored INTEGER NOT NULL CHECK (restored >= 0),
  renamed INTEGER NOT NULL CHECK (renamed >= 0),
  unchanged INTEGER NOT NULL CHECK (unchanged >= 0),
  stubs INTEGER NOT NULL CHECK (stubs >= 0),
  errors INTEGER NOT NULL CHECK (errors >= 0)
);

-- A setting of `recall config`: for every deck (deck = '') or for one deck.
CREATE TABLE setting (
  key TEXT NOT NULL CHECK (key <> ''),
  deck TEXT NOT NULL DEFAULT '',
  value TEXT NOT NULL,
  updatedAt INTEGER NOT NULL,
  PRIMARY KEY (key, deck)
);
