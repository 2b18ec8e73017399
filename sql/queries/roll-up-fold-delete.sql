-- Deletes the rows a fold takes, in its transaction and before it writes reading_hour: if another folder deleted
-- some of them first, fewer rows are deleted than were read, and the fold rolls back and starts again. HourRollUp
-- replaces IDS by one ? per row.
DELETE FROM reading_hour_pending WHERE id IN (IDS)
