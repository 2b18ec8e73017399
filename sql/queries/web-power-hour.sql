-- Power per bucket of `step` seconds (a multiple of 3600) from the hourly roll-up, buckets aligned on the epoch, with
-- the injected power (producers) and the number of minutes with an overload.
-- Parameters: step, meter, from, to (epoch seconds, to exclusive).
SELECT bucket, SUM(power_sum) AS power_sum, SUM(n) AS n, MIN(power_min) AS power_min, MAX(power_max) AS power_max,
  SUM(injection_sum) AS injection_sum, SUM(CASE WHEN injection_sum IS NULL THEN 0 ELSE n END) AS injection_n,
  MAX(injection_max) AS injection_max, SUM(overloads) AS overloads
FROM (
  SELECT FLOOR(t / ?) AS bucket, power_sum, n, power_min, power_max, injection_sum, injection_max, overloads
  FROM reading_hour
  WHERE meter = ? AND t >= ? AND t < ?
) h
GROUP BY bucket
ORDER BY bucket
