-- The review log in time order by its row ids, so that it needs no index on the time: about 19
-- bytes less per review (of 179 in a log of a million reviews), nothing of the history lost.
--
-- 0010_compact_review_log kept three indexes on the log: a card's rows (card, time), the rows
-- in time order (time), and a review by its UUID (the UUID's first 8 bytes). The time index
-- cost 15 bytes a review and served whole-log walks (export, merge, optimize) and today's
-- answers. Now:
--
-- - The rows are numbered again in the order `reviewedAt`, then `id` (the order every reader
--   lists them in), so the table itself is in time order and a walk in time order reads it by
--   its ids. The undo records, the `reviewBefore` rows, leeches and leech suspensions follow
--   their reviews to the new ids. A card's schedule before each answer reads the same: the
--   previous row of a card is the same row.
-- - Answers are nearly always recorded in time order, so a new row keeps the order. One that
--   does not (a merged log from another device, an answer dated earlier than the last one) is
--   marked by the trigger `review_outOfOrder` in the one-row table `reviewOutOfOrder`; from
--   then on the readers order the log by its time again, and the store creates the time index
--   `review_reviewedAt` (as 0010 made it) when it writes such a row.
-- - A review is found by the first 4 bytes of its UUID rather than 8: the index is 4 bytes a
--   review smaller, and the few reviews that share 4 bytes are told apart by the whole UUID.
-- - How a card was asked (`quiz`) is a small integer for the ways Recall names: 0 flip,
--   1 typed (both take no bytes in a row), 2 choice, 3 next-step, 4 ordering, 5 anki (an
--   imported Anki review); any other name stays text. The column has no type, so SQLite keeps
--   each value as it was written. A code's name never changes; new ones are added at the end.
--
-- The file is vacuumed after this migration, as after 0010.

CREATE TEMP TABLE reviewRenumbered (
  oldId INTEGER PRIMARY KEY,
  newId INTEGER NOT NULL UNIQUE
);
INSERT INTO reviewRenumbered (oldId, newId)
SELECT id, row_number() OVER (ORDER BY reviewedAt, id) FROM review;

CREATE TABLE review_ordered (
  id INTEGER PRIMARY KEY,
  uid BLOB NOT NULL CHECK (typeof(uid) = 'blob' AND length(uid) = 16),
  cardId INTEGER NOT NULL REFERENCES card(id) ON DELETE RESTRICT,
  reviewedAt INTEGER NOT NULL,
  -- 1 again, 2 hard, 3 good, 4 easy.
  rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 4),
  -- How the card was asked: 0 flip, 1 typed, 2 choice, 3 next-step, 4 ordering, 5 anki, or
  -- another name as text.
  quiz NOT NULL CHECK (typeof(quiz) = 'integer' OR quiz <> ''),
  -- What the user answered; NULL when nothing was typed or chosen (flip cards).
  answer TEXT,
  -- Whether the answer was right; NULL when the user graded themselves.
  correct INTEGER CHECK (correct IN (0, 1)),
  -- Time taken to answer, in milliseconds.
  duration INTEGER NOT NULL CHECK (duration >= 0),
  countedAs INTEGER NOT NULL CHECK (countedAs BETWEEN 0 AND 3),
  -- The schedule after the answer.
  state INTEGER NOT NULL CHECK (state BETWEEN 0 AND 3),
  step INTEGER,
  stability REAL,
  difficulty REAL,
  due INTEGER,
  lastReviewAgo INTEGER,
  reps INTEGER NOT NULL CHECK (reps >= 0),
  lapses INTEGER NOT NULL CHECK (lapses >= 0)
);

INSERT INTO review_ordered (
  id, uid, cardId, reviewedAt, rating, quiz, answer, correct, duration, countedAs, state, step,
  stability, difficulty, due, lastReviewAgo, reps, lapses
)
SELECT
  reviewRenumbered.newId, uid, cardId, reviewedAt, rating,
  CASE quiz
    WHEN 'flip' THEN 0 WHEN 'typed' THEN 1 WHEN 'choice' THEN 2 WHEN 'next-step' THEN 3
    WHEN 'ordering' THEN 4 WHEN 'anki' THEN 5 ELSE quiz
  END,
  answer, correct, duration,
  countedAs, state, step, stability, difficulty, due, lastReviewAgo, reps, lapses
FROM review JOIN reviewRenumbered ON reviewRenumbered.oldId = review.id
ORDER BY reviewRenumbered.newId;

CREATE TABLE reviewBefore_ordered (
  reviewId INTEGER PRIMARY KEY NOT NULL REFERENCES review(id) ON DELETE RESTRICT,
  state INTEGER NOT NULL CHECK (state BETWEEN 0 AND 3),
  step INTEGER,
  stability REAL,
  difficulty REAL,
  due INTEGER,
  lastReview INTEGER,
  reps INTEGER NOT NULL CHECK (reps >= 0),
  lapses INTEGER NOT NULL CHECK (lapses >= 0)
);
INSERT INTO reviewBefore_ordered (reviewId, state, step, stability, difficulty, due, lastReview, reps, lapses)
SELECT reviewRenumbered.newId, state, step, stability, difficulty, due, lastReview, reps, lapses
FROM reviewBefore JOIN reviewRenumbered ON reviewRenumbered.oldId = reviewBefore.reviewId
ORDER BY reviewRenumbered.newId;

CREATE TABLE reviewUndo_ordered (
  reviewId INTEGER PRIMARY KEY NOT NULL REFERENCES review(id) ON DELETE RESTRICT,
  undoneAt INTEGER NOT NULL
);
INSERT INTO reviewUndo_ordered (reviewId, undoneAt)
SELECT reviewRenumbered.newId, undoneAt
FROM reviewUndo JOIN reviewRenumbered ON reviewRenumbered.oldId = reviewUndo.reviewId
ORDER BY reviewRenumbered.newId;

UPDATE cardLeech SET reviewId = (SELECT newId FROM reviewRenumbered WHERE oldId = cardLeech.reviewId)
WHERE reviewId IS NOT NULL;
UPDATE cardSuspension SET reviewId = (SELECT newId FROM reviewRenumbered WHERE oldId = cardSuspension.reviewId)
WHERE reviewId IS NOT NULL;

-- Dropping a table drops its indexes and triggers; they are made again below.
DROP TABLE reviewUndo;
DROP TABLE reviewBefore;
DROP TABLE review;
DROP TABLE reviewRenumbered;
ALTER TABLE review_ordered RENAME TO review;
ALTER TABLE reviewBefore_ordered RENAME TO reviewBefore;
ALTER TABLE reviewUndo_ordered RENAME TO reviewUndo;

-- A card's rows in order (the schedule before an answer, undo, the reviews of a note's cards).
CREATE INDEX review_card ON review(cardId, reviewedAt);
-- A review found by its UUID (merge, undo, a new answer's check): by its first 4 bytes.
CREATE INDEX review_uid ON review(substr(uid, 1, 4));

-- Set, once and for good, when a row goes in out of time order: the first such row. While it is
-- empty, the rows' ids are in the order (`reviewedAt`, `id`).
CREATE TABLE reviewOutOfOrder (
  id INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
  reviewId INTEGER NOT NULL
);

CREATE TRIGGER review_outOfOrder AFTER INSERT ON review
WHEN NEW.reviewedAt < (SELECT reviewedAt FROM review WHERE id < NEW.id ORDER BY id DESC LIMIT 1)
  OR NEW.reviewedAt > (SELECT reviewedAt FROM review WHERE id > NEW.id ORDER BY id LIMIT 1)
BEGIN
  INSERT OR IGNORE INTO reviewOutOfOrder (id, reviewId) VALUES (1, NEW.id);
END;

CREATE TRIGGER review_neverUpdated BEFORE UPDATE ON review
BEGIN
  SELECT RAISE(ABORT, 'the review log is append-only: a review is never changed');
END;
CREATE TRIGGER review_neverDeleted BEFORE DELETE ON review
BEGIN
  SELECT RAISE(ABORT, 'the review log is append-only: a review is never deleted');
END;
CREATE TRIGGER reviewBefore_neverUpdated BEFORE UPDATE ON reviewBefore
BEGIN
  SELECT RAISE(ABORT, 'the review log is append-only: a review is never changed');
END;
CREATE TRIGGER reviewBefore_neverDeleted BEFORE DELETE ON reviewBefore
BEGIN
  SELECT RAISE(ABORT, 'the review log is append-only: a review is never deleted');
END;
CREATE TRIGGER reviewUndo_neverUpdated BEFORE UPDATE ON reviewUndo
BEGIN
  SELECT RAISE(ABORT, 'the review log is append-only: an undo is never changed');
END;
CREATE TRIGGER reviewUndo_neverDeleted BEFORE DELETE ON reviewUndo
BEGIN
  SELECT RAISE(ABORT, 'the review log is append-only: an undo is never deleted');
END;

-- The tally's triggers, as 0010_compact_review_log made them.
CREATE TRIGGER review_tallied AFTER INSERT ON review
BEGIN
  INSERT INTO reviewTally (
    quarterHour, reviews, newCards, duration, youngReviews, youngPassed, matureReviews,
    maturePassed
  )
  VALUES (
    NEW.reviewedAt / 900000, 1, NEW.countedAs = 0, NEW.duration, NEW.countedAs = 2,
    NEW.countedAs = 2 AND NEW.rating > 1, NEW.countedAs = 3, NEW.countedAs = 3 AND NEW.rating > 1
  )
  ON CONFLICT (quarterHour) DO UPDATE SET
    reviews = reviews + excluded.reviews,
    newCards = newCards + excluded.newCards,
    duration = duration + excluded.duration,
    youngReviews = youngReviews + excluded.youngReviews,
    youngPassed = youngPassed + excluded.youngPassed,
    matureReviews = matureReviews + excluded.matureReviews,
    maturePassed = maturePassed + excluded.maturePassed;
END;

CREATE TRIGGER reviewUndo_tallied AFTER INSERT ON reviewUndo
BEGIN
  UPDATE reviewTally SET
    reviews = reviewTally.reviews - 1,
    newCards = reviewTally.newCards - (r.countedAs = 0),
    duration = reviewTally.duration - r.duration,
    youngReviews = reviewTally.youngReviews - (r.countedAs = 2),
    youngPassed = reviewTally.youngPassed - (r.countedAs = 2 AND r.rating > 1),
    matureReviews = reviewTally.matureReviews - (r.countedAs = 3),
    maturePassed = reviewTally.maturePassed - (r.countedAs = 3 AND r.rating > 1)
  FROM (SELECT * FROM review WHERE id = NEW.reviewId) AS r
  WHERE reviewTally.quarterHour = r.reviewedAt / 900000;
END;
