-- Power per bucket of `step` seconds (a multiple of 60) from the minute readings, buckets aligned on the epoch, with
-- the injected power (producers) and the number of minutes with an overload.
-- Parameters: step, meter, from, to (epoch seconds, to exclusive).
SELECT bucket, SUM(power_avg) AS power_sum, COUNT(*) AS n, MIN(power_min) AS power_min, MAX(power_max) AS power_max,
  SUM(injection_avg) AS injection_sum, COUNT(injection_avg) AS injection_n, MAX(injection_max) AS injection_max,
  SUM(overload) AS overloads
FROM (
  SELECT FLOOR(t / ?) AS bucket, power_avg, power_min, power_max, injection_avg, injection_max, overload
  FROM reading
  WHERE meter = ? AND t >= ? AND t < ?
) r
GROUP BY bucket
ORDER BY bucket
