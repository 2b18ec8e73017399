-- The last reading time in a range. Parameters: meter, from, to.
SELECT MAX(t) FROM reading WHERE meter = ? AND t >= ? AND t < ?
