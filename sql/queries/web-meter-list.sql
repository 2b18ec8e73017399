-- Every meter and its first hour with readings, from the hourly roll-up (the primary key's prefix).
SELECT meter, MIN(t) AS first_hour FROM reading_hour GROUP BY meter ORDER BY meter
