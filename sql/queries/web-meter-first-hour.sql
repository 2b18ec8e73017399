-- The first hour with readings of a meter (epoch seconds), or NULL. Parameters: meter.
SELECT MIN(t) FROM reading_hour WHERE meter = ?
