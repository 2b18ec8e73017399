-- Power per bucket of `step` seconds (a multiple of 60) from the minute readings, buckets aligned on the epoch.
-- Parameters: step, meter, from, to (epoch seconds, to exclusive).
SELECT bucket, SUM(power_avg) AS power_sum, COUNT(*) AS n, MIN(power_min) AS power_min, MAX(power_max) AS power_max
FROM (
  SELECT FLOOR(t / ?) AS bucket, power_avg, power_min, power_max
  FROM reading
  WHERE meter = ? AND t >= ? AND t < ?
) r
GROUP BY bucket
ORDER BY bucket
