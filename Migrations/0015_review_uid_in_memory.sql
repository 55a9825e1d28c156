-- No index on the reviews' UUIDs: about 14 bytes less per review (of 157 in a log of a million
-- reviews), nothing of the history lost.
--
-- 0013_review_log_in_time_order kept `review_uid` on the first 4 bytes of each UUID, to find a
-- review by its UUID. Its one reader that must search the whole log is a merge (recall
-- import-progress, an Anki import), which looks up every review of the other log to leave out
-- the ones already here. A merge now reads the log's UUIDs once, at its start, into memory
-- (the first 8 bytes of each, sorted, with the row's id: 16 bytes a review, 16 MB for a
-- million) and checks a match against the whole UUID in its row. The other readers do not need
-- the index:
--
-- - a new answer is checked against its card's rows (the index `review_card`): its UUID is
--   made when it is answered, so the only one it can repeat is its own, recorded again;
-- - an undo looks for its answer from the newest row back: an answer taken back is nearly
--   always among the last ones written;
-- - export and the Anki export read the UUIDs with the rows, in time order.
--
-- The file is vacuumed after this migration, as after 0014.

DROP INDEX review_uid;
