-- One index on the due dates instead of two: `cardSchedule_due` (due) goes, and
-- `cardSchedule_state_due` (state, due), made by 0003_review_queue, serves every query that
-- reads schedules by their due date, since each of them names the states it wants (the review
-- queue, the due counts and forecast, the load balancer).
--
-- Every answer moves its card's due date, so each index on it is written on every answer: one
-- index less is fewer pages per answer, and about 15 bytes a card less in the file.

DROP INDEX cardSchedule_due;
