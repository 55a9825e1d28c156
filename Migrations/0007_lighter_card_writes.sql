-- Less work for SQLite on every card written, so that an import of a large folder spends its
-- time on the notes rather than on the store:
--
-- 1. `choices` and `context` lose their CHECK (json_valid(...) AND json_type(...) = 'array').
--    SQLite parsed both lists twice for every row written, which cost about a sixth of writing a
--    new card. Recall writes these lists through one encoder (a JSON array of strings, tested
--    byte for byte against the reader), and its import compares them as bytes, so the check
--    guarded nothing that the code does not already hold. A constraint cannot be dropped from a
--    table in SQLite, so the table is rebuilt, as SQLite's documentation on altering tables
--    describes: same columns, same order, same ids; every other constraint as before.
-- 2. The index card_note_siblingGroup goes. It served one query, the due dates of a card's
--    siblings when the card is answered, which now finds the card's note through card_stats
--    (status, noteId, ...) and reads that note's cards: a few hundred at most, once per answer.
--    Kept up to date on every card written, the index cost about a tenth of an import.
--
-- Reviews, schedules and buried cards refer to cards by id, which the copy keeps; the migrator
-- checks the foreign keys before it commits.

CREATE TABLE card_rebuilt (
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
  -- A JSON array of strings: the other answers a choice quiz offers.
  choices TEXT NOT NULL DEFAULT '[]',
  -- The heading path from the top of the note to the card: a JSON array of strings.
  context TEXT NOT NULL DEFAULT '[]',
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

INSERT INTO card_rebuilt (
  id, uid, noteId, key, kind, prompt, answer, choices, context, detail, siblingGroup, line,
  contentHash, status, createdAt, updatedAt, contentChangedAt, retiredAt
)
SELECT
  id, uid, noteId, key, kind, prompt, answer, choices, context, detail, siblingGroup, line,
  contentHash, status, createdAt, updatedAt, contentChangedAt, retiredAt
FROM card ORDER BY id;

DROP TABLE card;
ALTER TABLE card_rebuilt RENAME TO card;

-- As 0004_review_tally made it: the stats' one pass over the active cards reads this index alone.
CREATE INDEX card_stats ON card(status, noteId, line, kind, context, key);
