-- Two changes after 0001_create_store:
--
-- 1. A card has no cardSchedule row until it is first reviewed (or scheduled): no row reads as
--    the state `new` with every other field empty, and imports write half as many rows. The rows
--    of cards never reviewed hold nothing (state `new`, no dates, no counts), so removing them
--    loses nothing.
-- 2. Nothing looks cards up by content hash across notes, so card_contentHash only slowed
--    imports down.

DELETE FROM cardSchedule
WHERE state = 'new' AND step IS NULL AND stability IS NULL AND difficulty IS NULL
  AND due IS NULL AND lastReview IS NULL AND reps = 0 AND lapses = 0;

DROP INDEX card_contentHash;
