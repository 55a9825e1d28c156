-- A compact review log: about a third of the bytes per review, nothing of the history lost.
--
-- The log of 0001_create_store kept, for every answer, a 36-character text UUID (with an index
-- of its own), the schedule before and the schedule after (states as text), and three indexes
-- on the time. Most of that repeats itself: a card's schedule before an answer is, nearly
-- always, its schedule after the answer before. Now a row holds:
--
-- - `id`: an integer that orders the rows as they were recorded (the old rowid, kept);
-- - `uid`: the review's UUID as its 16 bytes (export, merge and Anki's revlog ids use it);
-- - the answer (card, time, rating, quiz, answer, correct, duration), as before;
-- - `countedAs`: what the stats count the answer as, from the schedule before it: 0 a new card
--   introduced, 1 a learning or relearning step, 2 a young review (interval before the answer
--   of 20 days or less), 3 a mature review (as 0004_review_tally counted them);
-- - the schedule after the answer, the state as a small integer (0 new, 1 learning, 2 review,
--   3 relearning) and its last review as `lastReviewAgo`, `reviewedAt - lastReview` (0, which
--   takes no bytes, for every answer that sets it to its own time; NULL for none).
--
-- The schedule before an answer is the schedule after the card's previous row (in
-- `reviewedAt`, then `id` order; undone rows count), or a new card's for the card's first row.
-- Where it is not (an undone answer, a reset or a new due date between two answers, a merged
-- log), the row `reviewBefore` holds it. The store writes that row whenever the schedule before
-- differs, and before a row goes in between two others it keeps the following row's schedule
-- before in `reviewBefore`: what was stored reads back the same.
--
-- The undo records, leeches and leech suspensions named reviews by their text UUID; they now
-- refer to `review.id`.
--
-- The UUIDs are converted by `recall_uuid_bytes(text)`, which Recall's migrator provides (the
-- sqlite3 shell does not know it).

CREATE TABLE review_compact (
  id INTEGER PRIMARY KEY,
  uid BLOB NOT NULL CHECK (typeof(uid) = 'blob' AND length(uid) = 16),
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

INSERT INTO review_compact (
  id, uid, cardId, reviewedAt, rating, quiz, answer, correct, duration, countedAs, state, step,
  stability, difficulty, due, lastReviewAgo, reps, lapses
)
SELECT
  rowid, recall_uuid_bytes(id), cardId, reviewedAt, rating, quiz, answer, correct, duration,
  CASE
    WHEN stateBefore = 'new' THEN 0
    WHEN stateBefore = 'review' AND coalesce(dueBefore - lastReviewBefore, 0) > 1728000000 THEN 3
    WHEN stateBefore = 'review' THEN 2
    ELSE 1
  END,
  CASE stateAfter WHEN 'new' THEN 0 WHEN 'learning' THEN 1 WHEN 'review' THEN 2 ELSE 3 END,
  stepAfter, stabilityAfter, difficultyAfter, dueAfter, reviewedAt - lastReviewAfter, repsAfter,
  lapsesAfter
FROM review ORDER BY rowid;

-- The schedule before an answer, for the rows where it is not the one their previous row gives.
CREATE TABLE reviewBefore (
  reviewId INTEGER PRIMARY KEY NOT NULL REFERENCES review_compact(id) ON DELETE RESTRICT,
  state INTEGER NOT NULL CHECK (state BETWEEN 0 AND 3),
  step INTEGER,
  stability REAL,
  difficulty REAL,
  due INTEGER,
  lastReview INTEGER,
  reps INTEGER NOT NULL CHECK (reps >= 0),
  lapses INTEGER NOT NULL CHECK (lapses >= 0)
);

INSERT INTO reviewBefore (reviewId, state, step, stability, difficulty, due, lastReview, reps, lapses)
SELECT id,
  CASE stateBefore WHEN 'new' THEN 0 WHEN 'learning' THEN 1 WHEN 'review' THEN 2 ELSE 3 END,
  stepBefore, stabilityBefore, difficultyBefore, dueBefore, lastReviewBefore, repsBefore, lapsesBefore
FROM (
  SELECT rowid AS id, stateBefore, stepBefore, stabilityBefore, difficultyBefore, dueBefore,
    lastReviewBefore, repsBefore, lapsesBefore,
    lag(rowid) OVER card AS previous,
    lag(stateAfter) OVER card AS previousState, lag(stepAfter) OVER card AS previousStep,
    lag(stabilityAfter) OVER card AS previousStability,
    lag(difficultyAfter) OVER card AS previousDifficulty, lag(dueAfter) OVER card AS previousDue,
    lag(lastReviewAfter) OVER card AS previousLastReview, lag(repsAfter) OVER card AS previousReps,
    lag(lapsesAfter) OVER card AS previousLapses
  FROM review
  WINDOW card AS (PARTITION BY cardId ORDER BY reviewedAt, rowid)
)
WHERE CASE WHEN previous IS NULL THEN
    stateBefore IS NOT 'new' OR stepBefore IS NOT NULL OR stabilityBefore IS NOT NULL
    OR difficultyBefore IS NOT NULL OR dueBefore IS NOT NULL OR lastReviewBefore IS NOT NULL
    OR repsBefore IS NOT 0 OR lapsesBefore IS NOT 0
  ELSE
    stateBefore IS NOT previousState OR stepBefore IS NOT previousStep
    OR stabilityBefore IS NOT previousStability OR difficultyBefore IS NOT previousDifficulty
    OR dueBefore IS NOT previousDue OR lastReviewBefore IS NOT previousLastReview
    OR repsBefore IS NOT previousReps OR lapsesBefore IS NOT previousLapses
  END;

CREATE TABLE reviewUndo_compact (
  reviewId INTEGER PRIMARY KEY NOT NULL REFERENCES review_compact(id) ON DELETE RESTRICT,
  undoneAt INTEGER NOT NULL
);
INSERT INTO reviewUndo_compact (reviewId, undoneAt)
SELECT review_compact.id, reviewUndo.undoneAt
FROM reviewUndo JOIN review_compact ON review_compact.uid = recall_uuid_bytes(reviewUndo.reviewId);

CREATE TABLE cardSuspension_compact (
  cardId INTEGER PRIMARY KEY NOT NULL REFERENCES card(id) ON DELETE CASCADE,
  suspendedAt INTEGER NOT NULL,
  -- 'user' (recall suspend, a key in a review) or 'leech' (too many lapses).
  reason TEXT NOT NULL CHECK (reason IN ('user', 'leech')),
  -- The answer that made the card a leech, so that undoing it unsuspends the card; NULL for a
  -- card the user suspended.
  reviewId INTEGER REFERENCES review_compact(id) ON DELETE RESTRICT
);
INSERT INTO cardSuspension_compact (cardId, suspendedAt, reason, reviewId)
SELECT cardId, suspendedAt, reason,
  (SELECT id FROM review_compact WHERE uid = recall_uuid_bytes(cardSuspension.reviewId))
FROM cardSuspension;

CREATE TABLE cardLeech_compact (
  cardId INTEGER PRIMARY KEY NOT NULL REFERENCES card(id) ON DELETE CASCADE,
  taggedAt INTEGER NOT NULL,
  -- The lapses when the card was tagged.
  lapses INTEGER NOT NULL CHECK (lapses >= 0),
  -- The answer that tagged it, so that undoing that answer takes the tag off.
  reviewId INTEGER REFERENCES review_compact(id) ON DELETE RESTRICT
);
INSERT INTO cardLeech_compact (cardId, taggedAt, lapses, reviewId)
SELECT cardId, taggedAt, lapses,
  (SELECT id FROM review_compact WHERE uid = recall_uuid_bytes(cardLeech.reviewId))
FROM cardLeech;

DROP TABLE cardLeech;
DROP TABLE cardSuspension;
DROP TABLE reviewUndo;
DROP TABLE review;
ALTER TABLE review_compact RENAME TO review;
ALTER TABLE reviewUndo_compact RENAME TO reviewUndo;
ALTER TABLE cardSuspension_compact RENAME TO cardSuspension;
ALTER TABLE cardLeech_compact RENAME TO cardLeech;

-- A card's rows in order (the schedule before an answer, undo, the reviews of a note's cards).
CREATE INDEX review_card ON review(cardId, reviewedAt);
-- The log in time order, and today's answers.
CREATE INDEX review_reviewedAt ON review(reviewedAt);
-- A review found by its UUID (merge): the first 8 bytes tell reviews apart, at half the bytes
-- of the whole UUID. The store checks that a UUID is new before it writes it.
CREATE INDEX review_uid ON review(substr(uid, 1, 8));

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

-- The tally of 0004_review_tally, kept by the same rules from `countedAs`.
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
