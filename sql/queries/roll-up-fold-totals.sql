-- The encoded totals of the rows a fold takes. HourRollUp replaces IDS by one ? per row.
SELECT totals FROM reading_hour_pending WHERE id IN (IDS)
