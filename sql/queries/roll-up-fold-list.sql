-- The oldest rows queued for the roll-up, up to the newest one when the fold began (?), and how many (meter, hour)
-- each holds: HourRollUp takes as many as fit in one fold (the blobs are read by roll-up-fold-totals.sql, for those
-- rows only).
SELECT id, hours FROM reading_hour_pending WHERE id <= ? ORDER BY id LIMIT 1000
