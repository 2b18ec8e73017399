-- The number of minute readings of each hour of a range, from the hourly roll-up (kept up to date at ingestion):
-- an hour whose count has not changed since its per-phase sums were read needs no reading again. Parameters: meter,
-- from, to (whole hours).
SELECT t, n
FROM reading_hour
WHERE meter = ? AND t >= ? AND t < ?
ORDER BY t
