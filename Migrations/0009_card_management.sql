-- Managing cards without editing notes: suspended cards, leeches, and a log of what the user
-- did to a card's schedule (`recall suspend`, `unsuspend`, `reset`, `due`).
--
-- Numbered 0009 because 0008 belongs to another branch; this file only adds tables, so it
-- applies the same with or without 0008, before or after it.
--
-- Suspension lives in a table of its own that the import never writes: re-importing a note
-- changes its cards' rows, never whether they are suspended.

-- A card kept out of every review and quiz until it is unsuspended; its history stays.
CREATE TABLE cardSuspension (
  cardId INTEGER PRIMARY KEY NOT NULL REFERENCES card(id) ON DELETE CASCADE,
  suspendedAt INTEGER NOT NULL,
  -- 'user' (recall suspend, a key in a review) or 'leech' (too many lapses).
  reason TEXT NOT NULL CHECK (reason IN ('user', 'leech')),
  -- The answer that made the card a leech, so that undoing it unsuspends the card; NULL for a
  -- card the user suspended.
  reviewId TEXT REFERENCES review(id) ON DELETE RESTRICT
);

-- A card tagged a leech: it lapsed `leech-threshold` times (8 by default). The tag stays when
-- the card is unsuspended; `recall reset` takes it off.
CREATE TABLE cardLeech (
  cardId INTEGER PRIMARY KEY NOT NULL REFERENCES card(id) ON DELETE CASCADE,
  taggedAt INTEGER NOT NULL,
  -- The lapses when the card was tagged.
  lapses INTEGER NOT NULL CHECK (lapses >= 0),
  -- The answer that tagged it, so that undoing that answer takes the tag off.
  reviewId TEXT REFERENCES review(id) ON DELETE RESTRICT
);

-- What the user did to cards outside a review, appended and never changed: the schedule before
-- each change is kept, so a reset or a new due date loses nothing of the card's history.
CREATE TABLE cardAction (
  id INTEGER PRIMARY KEY,
  cardId INTEGER NOT NULL REFERENCES card(id) ON DELETE RESTRICT,
  actedAt INTEGER NOT NULL,
  action TEXT NOT NULL CHECK (action IN ('suspend', 'unsuspend', 'reset', 'due')),
  -- The card's schedule before the action, as JSON (state, step, stability, difficulty, due,
  -- lastReview, reps, lapses); NULL for a card never reviewed.
  scheduleBefore TEXT,
  -- For 'due': the due date set, in milliseconds since 1970 (UTC).
  dueAfter INTEGER
);
CREATE INDEX cardAction_card ON cardAction(cardId, actedAt);

CREATE TRIGGER cardAction_neverUpdated BEFORE UPDATE ON cardAction
BEGIN
  SELECT RAISE(ABORT, 'the card action log is append-only: an action is never changed');
END;
CREATE TRIGGER cardAction_neverDeleted BEFORE DELETE ON cardAction
BEGIN
  SELECT RAISE(ABORT, 'the card action log is append-only: an action is never deleted');
END;
