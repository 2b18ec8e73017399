-- The first minute of a range that reached a given power. Parameters: meter, from, to, power.
SELECT MIN(t) FROM reading WHERE meter = ? AND t >= ? AND t < ? AND power_max = ?
