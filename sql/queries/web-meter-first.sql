-- A meter's first reading time within its first hour. Parameters: meter, hour, hour + 3600.
SELECT MIN(t) FROM reading WHERE meter = ? AND t >= ? AND t < ?
