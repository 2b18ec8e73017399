-- Power per bucket of `step` seconds (a multiple of 3600) from the hourly roll-up, buckets aligned on the epoch.
-- Parameters: step, meter, from, to (epoch seconds, to exclusive).
SELECT bucket, SUM(power_sum) AS power_sum, SUM(n) AS n, MIN(power_min) AS power_min, MAX(power_max) AS power_max
FROM (
  SELECT FLOOR(t / ?) AS bucket, power_sum, n, power_min, power_max
  FROM reading_hour
  WHERE meter = ? AND t >= ? AND t < ?
) h
GROUP BY bucket
ORDER BY bucket
