-- What the daily review needs beyond the first schema: buried cards, and indexes that let the
-- first card of a review show at once in a large collection.
--
-- Numbered 0003 because 0002 is taken by the stats migration on its own branch; the two are
-- independent and may be applied in either order.

-- A card put aside until a moment ("s" in a review buries it until the next study day). A row
-- whose `buriedUntil` has passed means nothing and may be replaced.
CREATE TABLE cardBury (
  cardId INTEGER PRIMARY KEY NOT NULL REFERENCES card(id) ON DELETE CASCADE,
  buriedUntil INTEGER NOT NULL,
  buriedAt INTEGER NOT NULL
);

-- Today's queue: cards in steps or in review due before the next day starts, and new cards.
CREATE INDEX cardSchedule_state_due ON cardSchedule(state, due);

-- Siblings (cards of one table cell, term or flow) kept apart when scheduling.
CREATE INDEX card_note_siblingGroup ON card(noteId, siblingGroup);

-- The cards introduced and the reviews done today, counted from the log.
CREATE INDEX review_reviewedAt_stateBefore ON review(reviewedAt, stateBefore);
