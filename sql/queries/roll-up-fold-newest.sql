-- The newest row queued for the roll-up (NULL: none): a fold takes the rows up to it and no later ones, so that a
-- read of the API that folds first ends even while ingestion keeps queueing.
SELECT MAX(id) FROM reading_hour_pending
