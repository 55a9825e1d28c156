-- Review counts per quarter hour, kept up to date by triggers, so that `recall stats` reads a few
-- thousand rows instead of the whole review log.
--
-- A quarter hour (UTC) never straddles two study days: time zones differ from UTC by whole
-- quarter hours and a study day starts on a whole hour, so the stats map each row to its study
-- day in the user's time zone. Undone reviews are taken out again when their undo is recorded.
--
-- True retention counts the reviews of cards in the review state (learning and relearning steps
-- are left out). A card is mature when its scheduled interval before the review was at least 21
-- days (Anki's convention): its due time was more than 20 days after its last review, since a
-- due date falls at the start of a study day.

CREATE TABLE reviewTally (
  -- reviewedAt / 900000: the quarter hour since 1970-01-01T00:00:00Z.
  quarterHour INTEGER PRIMARY KEY NOT NULL,
  -- Reviews that count (not undone).
  reviews INTEGER NOT NULL DEFAULT 0 CHECK (reviews >= 0),
  -- Reviews of cards that were new: cards introduced.
  newCards INTEGER NOT NULL DEFAULT 0 CHECK (newCards >= 0),
  -- Time spent answering, in milliseconds.
  duration INTEGER NOT NULL DEFAULT 0 CHECK (duration >= 0),
  -- Reviews of young review cards (interval under 21 days), and how many of them passed.
  youngReviews INTEGER NOT NULL DEFAULT 0 CHECK (youngReviews >= 0),
  youngPassed INTEGER NOT NULL DEFAULT 0 CHECK (youngPassed >= 0),
  -- Reviews of mature review cards (interval of 21 days or more), and how many passed.
  matureReviews INTEGER NOT NULL DEFAULT 0 CHECK (matureReviews >= 0),
  maturePassed INTEGER NOT NULL DEFAULT 0 CHECK (maturePassed >= 0)
);

INSERT INTO reviewTally (
  quarterHour, reviews, newCards, duration, youngReviews, youngPassed, matureReviews, maturePassed
)
SELECT
  reviewedAt / 900000,
  count(*),
  sum(stateBefore = 'new'),
  sum(duration),
  sum(stateBefore = 'review' AND coalesce(dueBefore - lastReviewBefore, 0) <= 1728000000),
  sum(stateBefore = 'review' AND coalesce(dueBefore - lastReviewBefore, 0) <= 1728000000 AND rating > 1),
  sum(stateBefore = 'review' AND coalesce(dueBefore - lastReviewBefore, 0) > 1728000000),
  sum(stateBefore = 'review' AND coalesce(dueBefore - lastReviewBefore, 0) > 1728000000 AND rating > 1)
FROM review
WHERE id NOT IN (SELECT reviewId FROM reviewUndo)
GROUP BY reviewedAt / 900000;

CREATE TRIGGER review_tallied AFTER INSERT ON review
BEGIN
  INSERT INTO reviewTally (
    quarterHour, reviews, newCards, duration, youngReviews, youngPassed, matureReviews,
    maturePassed
  )
  VALUES (
    NEW.reviewedAt / 900000,
    1,
    NEW.stateBefore = 'new',
    NEW.duration,
    NEW.stateBefore = 'review' AND coalesce(NEW.dueBefore - NEW.lastReviewBefore, 0) <= 1728000000,
    NEW.stateBefore = 'review' AND coalesce(NEW.dueBefore - NEW.lastReviewBefore, 0) <= 1728000000
      AND NEW.rating > 1,
    NEW.stateBefore = 'review' AND coalesce(NEW.dueBefore - NEW.lastReviewBefore, 0) > 1728000000,
    NEW.stateBefore = 'review' AND coalesce(NEW.dueBefore - NEW.lastReviewBefore, 0) > 1728000000
      AND NEW.rating > 1
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

-- An undo takes its review out of the tally (an undo is recorded once per review).
CREATE TRIGGER reviewUndo_tallied AFTER INSERT ON reviewUndo
BEGIN
  UPDATE reviewTally SET
    reviews = reviewTally.reviews - 1,
    newCards = reviewTally.newCards - (r.stateBefore = 'new'),
    duration = reviewTally.duration - r.duration,
    youngReviews = reviewTally.youngReviews - (r.stateBefore = 'review'
      AND coalesce(r.dueBefore - r.lastReviewBefore, 0) <= 1728000000),
    youngPassed = reviewTally.youngPassed - (r.stateBefore = 'review'
      AND coalesce(r.dueBefore - r.lastReviewBefore, 0) <= 1728000000 AND r.rating > 1),
    matureReviews = reviewTally.matureReviews - (r.stateBefore = 'review'
      AND coalesce(r.dueBefore - r.lastReviewBefore, 0) > 1728000000),
    maturePassed = reviewTally.maturePassed - (r.stateBefore = 'review'
      AND coalesce(r.dueBefore - r.lastReviewBefore, 0) > 1728000000 AND r.rating > 1)
  FROM (SELECT * FROM review WHERE id = NEW.reviewId) AS r
  WHERE reviewTally.quarterHour = r.reviewedAt / 900000;
END;

-- The stats' one pass over the active cards reads this index alone (with each card's schedule),
-- not the card rows with their prompts and answers.
CREATE INDEX card_stats ON card(status, noteId, line, kind, context, key);
