-- Smaller card rows and indexes, nothing of the cards or the log lost: about 15 bytes less per
-- review in a collection of ten reviews a card (139 to 124 at 10,000 cards, 142 to 127 at
-- 100,000, leaving out the log's UUID index `review_uid`).
--
-- - A card's UUID (`uid`), 36 characters of text in the row and again in its UNIQUE index, is
--   stored as its 16 bytes when its text is the one the bytes read back as (Foundation's
--   upper-case form, which every card Recall made has); any other text (a value written by
--   hand, a lower-case one) stays text, so every UUID reads back as it was. The column has no
--   type, so SQLite keeps each value as written. `recall_card_uid(text)`, which Recall's
--   migrator provides (the sqlite3 shell does not know it), gives the stored value.
-- - `card_stats` loses `key`, its longest column: the stats read the key of table cards only,
--   and SQLite reads a card's own row only for those (a seek deferred until a column outside
--   the index is asked for). Its other readers (the siblings of a card, the retired cards of
--   the due reviews) use its first columns.
-- - `review_card`, a card's reviews, is on `review(cardId)` alone instead of
--   `(cardId, reviewedAt)`, 8 bytes a review less: the row id follows the card in the index,
--   and while the log is in time order (0013) the ids give a card's rows in time order. When a
--   row goes in out of order, the store puts the time back in this index, as it creates
--   `review_reviewedAt` then (for a log marked out of order before, at its next answer).
--
-- The card table is rebuilt as SQLite's documentation on altering tables describes (foreign
-- keys are off while a migration runs and checked before it commits); the ids stay, so every
-- table that refers to a card (reviews, schedules, suspensions, leeches, burials, actions, new
-- cards) still does. Its triggers are made again. The file is vacuumed after this migration.

CREATE TABLE card_compact (
  id INTEGER PRIMARY KEY,
  -- A UUID that names the card across databases (export, merge): its 16 bytes, or text.
  uid NOT NULL UNIQUE CHECK (
    (typeof(uid) = 'blob' AND length(uid) = 16) OR (typeof(uid) = 'text' AND length(uid) = 36)),
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
  -- How a table card reads its table (migration 0012); NULL for other cards.
  orientation TEXT,
  UNIQUE (noteId, key)
);

INSERT INTO card_compact (
  id, uid, noteId, key, kind, prompt, answer, choices, context, detail, siblingGroup, line,
  contentHash, status, createdAt, updatedAt, contentChangedAt, retiredAt, orientation
)
SELECT
  id, recall_card_uid(uid), noteId, key, kind, prompt, answer, choices, context, detail,
  siblingGroup, line, contentHash, status, createdAt, updatedAt, contentChangedAt, retiredAt,
  orientation
FROM card ORDER BY id;

-- Dropping the table drops its indexes and triggers; they are made again below.
DROP TABLE card;
ALTER TABLE card_compact RENAME TO card;

-- The stats' one pass over the active cards, the siblings of a card (its note's cards), the
-- retired cards.
CREATE INDEX card_stats ON card(status, noteId, line, kind, context);

-- The triggers of 0011_new_card_set, as it made them.
CREATE TRIGGER card_startsNew AFTER INSERT ON card
BEGIN
  INSERT OR IGNORE INTO newCard (cardId)
  SELECT NEW.id WHERE NOT EXISTS (
    SELECT 1 FROM cardSchedule WHERE cardId = NEW.id AND state <> 'new');
END;
CREATE TRIGGER card_deletedNotNew AFTER DELETE ON card
BEGIN
  DELETE FROM newCard WHERE cardId = OLD.id;
END;

-- A card's reviews: the rows of one card, which its readers put in time order.
DROP INDEX review_card;
CREATE INDEX review_card ON review(cardId);
